"""The `cards` command. The only module that prints or chooses an exit status.

Exit 0 on success, 1 when the content (decks, layouts, themes) has problems, 2 when the
command line is wrong.
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from generator import __version__
from generator.content.conditions import CONDITIONS
from generator.content.deck import OUTPUTS, read_deck
from generator.content.variants import describe
from generator.design.listing import list_layouts, list_themes
from generator.design.units import mm
from generator.editor_schemas import KINDS
from generator.errors import BuildError, Problems, UsageError, Where, counted, display_path, shown
from generator.pipeline import PrintOptions, build, find_decks, prepare
from generator.printing.impose import DUPLEX, GRIDS, PAPERS
from generator.printing.outputs import adapted_from

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
CARDS_DIR = Path("cards")
OUTPUT_DIR = Path("output")
SITE_DIR = Path("site")
HERE = Path(".")
# Arguments naming a file or folder outside the project (where to write, a file to read):
# typed relative to the folder the user is in, even with --project.
TYPED_HERE = ("out", "to", "file", "files", "folder")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(_values_attached(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    status = None
    home = os.getcwd()
    try:
        if args.project is not None:
            if not args.project.is_dir():
                raise UsageError(f"--project: no folder '{args.project}'")
            _anchor_typed_paths(args, Path(home))
            os.chdir(args.project)  # every other relative path (cards/, layouts/, output/, a deck) is the project's
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
        return status
    except BuildError as err:
        _report(err.problems, [], written_any=False)
        return EXIT_CONTENT
    except UsageError as err:
        print(shown(f"cards: error: {err}"), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`cards ... | head`): stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK if status is None else status
    except OSError as err:  # the system refused a file: `path: error: why`, as every other problem
        where = display_path(err.filename) if err.filename else "cards"
        print(shown(f"{where}: error: {(err.strerror or str(err)).lower()}{_os_advice(err)}"), file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug in this program, not in the user's content
        print("cards: internal error; please report it with the text below", file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG
    finally:
        os.chdir(home)  # main() may be called from Python too: leave the caller where it was


def _os_advice(err: OSError) -> str:
    """What to do about the system's refusals a user can cause."""
    import errno

    return {
        errno.ENAMETOOLONG: " (a file or folder name is at most 255 characters: use a shorter deck or card id)",
        errno.ENOTDIR: " (a file stands where a folder is needed: choose another --out, or move the file)",
        errno.EACCES: " (you may not write or read here: choose another folder)",
        errno.ENOSPC: " (the disk is full)",
    }.get(err.errno or 0, "")


def _anchor_typed_paths(args: argparse.Namespace, home: Path) -> None:
    """`cards --project ../decks export cards/x --to x.xlsx` writes x.xlsx where it was typed.
    A default (`output`, `site`) is not typed: it stays the project's."""
    defaults = (OUTPUT_DIR, SITE_DIR, HERE)

    def anchored(value):
        typed = isinstance(value, Path) and not value.is_absolute() and not any(value is d for d in defaults)
        return home / value if typed else value

    for name in TYPED_HERE:
        value = getattr(args, name, None)
        setattr(args, name, [anchored(v) for v in value] if isinstance(value, list) else anchored(value))


def _report(problems: list, failed: list[str], written_any: bool) -> None:
    """Every problem as `path:line:col: error: message`, then one line saying what it meant."""
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    found = f"{count} problem{'s' if count != 1 else ''} found"
    if not written_any or not failed:
        print(f"cards: {found}; nothing was written", file=sys.stderr)
    else:
        decks = ", ".join(failed)
        print(f"cards: {found}; not built: {decks} (the other decks were written)", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cards", description="Build print-ready behaviour card decks from YAML.")
    parser.add_argument("--version", action="version", version=f"cards {__version__}")
    parser.add_argument("--project", metavar="DIR", type=Path, default=None,
                        help="the project folder, holding cards/ and layouts/ (default: the folder you are in)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init_cmd = commands.add_parser("init", help="make a project folder: cards/, layouts/, .gitignore, README")
    init_cmd.add_argument("folder", nargs="?", type=Path, default=HERE, metavar="DIR", help="where (default: here)")
    init_cmd.set_defaults(run=_init)

    new_cmd = commands.add_parser("new", help="start a deck: cards/DECK-ID/ with a commented deck.yaml and two cards")
    new_cmd.add_argument("deck_id", metavar="DECK-ID", help="the deck's folder name: lower-case letters, digits and hyphens")
    new_cmd.add_argument("--title", help="the deck's title (default: made from DECK-ID)")
    new_cmd.add_argument("--themes", type=int, default=None, metavar="N", help="how many themes to group the cards under (default: 2)")
    new_cmd.add_argument("--extends", metavar="DECK-ID", default=None,
                         help="start a local edition of the deck cards/DECK-ID instead: it inherits everything, and its "
                              "deck.yaml shows how to reword, remove, add and recolour")
    new_cmd.set_defaults(run=_new)

    build_cmd = commands.add_parser("build", help="build decks into PDFs")
    _deck_args(build_cmd)
    build_cmd.add_argument("--out", metavar="DIR", type=Path, default=OUTPUT_DIR, help="output folder (default: output)")
    build_cmd.add_argument("--layout", metavar="NAME", help="card layout (default: the deck's; see 'cards list layouts')")
    build_cmd.add_argument("--theme", metavar="NAME", help="visual theme (default: the deck's; see 'cards list themes')")
    build_cmd.add_argument("--outputs", type=_outputs, default=None, metavar="LIST",
                           help="comma-separated: press, sheets (A4 and Letter), foldover, facilitator "
                                "(default: the deck's 'defaults: outputs:', else all)")
    _sheet_args(build_cmd)
    build_cmd.add_argument("--printing", choices=sorted(CONDITIONS), default=None,
                           help="press files: the printing condition your print shop prints to "
                                "(default: the deck's 'defaults: printing:', else fogra39)")
    build_cmd.add_argument("--no-forms", action="store_true",
                           help="facilitator packs without fillable fields, for a print shop (files named -no-forms)")
    _language_args(build_cmd)
    build_cmd.add_argument("--quiet", action="store_true", help="print errors only")
    build_cmd.add_argument("--strict", action="store_true",
                           help="write nothing if any deck has a problem (default: build the decks without problems)")
    build_cmd.add_argument("--for", dest="service", metavar="SERVICE", default=None,
                           help="the files a print service wants, checked before you order, in output/<deck>/<service>/ "
                                "(see 'cards list services')")
    build_cmd.set_defaults(run=_build)

    validate_cmd = commands.add_parser("validate", help="check decks without writing anything")
    _deck_args(validate_cmd)
    validate_cmd.add_argument("--layout", metavar="NAME", help="check against this layout")
    validate_cmd.add_argument("--theme", metavar="NAME", help="check against this theme")
    validate_cmd.add_argument("--outputs", type=_outputs, default=None, metavar="LIST", help="check these outputs (as for build)")
    _sheet_args(validate_cmd)
    _language_args(validate_cmd)
    validate_cmd.set_defaults(run=_validate)

    images_cmd = commands.add_parser("images", help="a PNG of every card face, for slides and online whiteboards, and a contact sheet")
    _deck_args(images_cmd)
    images_cmd.add_argument("--dpi", type=float, default=150, metavar="N",
                            help="pixels per inch of card (default: 150, for screens; 300 for slides)")
    images_cmd.add_argument("--bleed", action="store_true", help="keep the bleed around each card (default: trimmed to the card)")
    images_cmd.add_argument("--out", metavar="DIR", type=Path, default=None,
                            help="folder for the images (default: output/<deck>/images)")
    _language_args(images_cmd)
    images_cmd.set_defaults(run=_images)

    kit_cmd = commands.add_parser("kit", help="a whiteboard kit for remote workshops: every face as an image, "
                                               "a card-sort board and a sheet for running the activities online")
    _deck_args(kit_cmd)
    kit_cmd.add_argument("--out", metavar="DIR", type=Path, default=None,
                         help="folder for the kit (default: output/<deck>/kit)")
    _language_args(kit_cmd)
    kit_cmd.set_defaults(run=_kit)

    publish_cmd = commands.add_parser("publish", help="a website of the decks: every card as images and text, every file to download")
    _deck_args(publish_cmd)
    publish_cmd.add_argument("--out", metavar="DIR", type=Path, default=SITE_DIR, help="the site's folder (default: site)")
    publish_cmd.add_argument("--dpi", type=float, default=150, metavar="N", help="the card images' pixels per inch (default: 150)")
    publish_cmd.add_argument("--base-url", metavar="URL", default=None,
                             help="where the site will live, e.g. https://example.org/cards/ (makes link previews show a card)")
    publish_cmd.add_argument("--strict", action="store_true",
                             help="publish nothing if any deck has problems (default: publish the good decks, list the others)")
    _language_args(publish_cmd)
    publish_cmd.set_defaults(run=_publish)

    serve_cmd = commands.add_parser("serve", help="a live preview of decks in your browser, rebuilt whenever you save")
    _deck_args(serve_cmd)
    serve_cmd.add_argument("--port", type=_port, default=8000, metavar="N", help="the port on 127.0.0.1 (default: 8000; 0: any free port)")
    serve_cmd.add_argument("--host", default="127.0.0.1", metavar="NAME",
                           help="the address to serve on, and the one host name answered besides localhost "
                                "(default: 127.0.0.1, this computer only; e.g. this computer's address on your network to show a colleague)")
    _language_args(serve_cmd)
    serve_cmd.set_defaults(run=_serve)

    translate_cmd = commands.add_parser("translate", help="create or update a deck's translation file (PO) for a language")
    translate_cmd.add_argument("deck", type=Path, metavar="DECK_DIR", help="the deck's folder")
    translate_cmd.add_argument("--language", required=True, metavar="LANG", help="the language to translate into, e.g. cy, de, fr-CA")
    translate_cmd.set_defaults(run=_translate)

    diff_cmd = commands.add_parser("diff", help="what a local variant changed from the deck it extends")
    diff_cmd.add_argument("deck", type=Path, metavar="DECK_DIR", help="the variant's deck folder")
    diff_cmd.set_defaults(run=_diff)

    export_cmd = commands.add_parser("export", help="write a deck as a spreadsheet (.xlsx: cards, themes, deck; or .csv: cards)")
    export_cmd.add_argument("deck", type=Path, metavar="DECK_DIR", help="the deck's folder")
    export_cmd.add_argument("--to", required=True, type=Path, metavar="FILE", help="the .xlsx or .csv file to write")
    export_cmd.set_defaults(run=_export)

    import_cmd = commands.add_parser("import", help="update a deck's YAML files from a spreadsheet (as written by export)")
    import_cmd.add_argument("file", type=Path, metavar="FILE", help="the .xlsx or .csv file to read")
    import_cmd.add_argument("--into", required=True, type=Path, metavar="DECK_DIR", help="the deck's folder")
    import_cmd.set_defaults(run=_import)

    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of one kind of file, for editors")
    schema_cmd.add_argument("kind", choices=KINDS, help="which file: deck.yaml, a behaviour file (in a local variant: variant-behaviour), facilitator.yaml, a layout, a theme or a print service")
    schema_cmd.set_defaults(run=_schema)

    calibrate_cmd = commands.add_parser("calibrate", help="a sheet that tells you which --back-offset your printer needs")
    calibrate_cmd.add_argument("--paper", choices=sorted(PAPERS), default="a4", help="the paper you print on (default: a4)")
    calibrate_cmd.add_argument("--duplex", choices=DUPLEX, default="long-edge",
                               help="how your printer turns the sheet, as you will build with (default: long-edge)")
    calibrate_cmd.add_argument("--out", metavar="DIR", type=Path, default=OUTPUT_DIR, help="output folder (default: output)")
    calibrate_cmd.set_defaults(run=_calibrate)

    preflight_cmd = commands.add_parser("preflight", help="check a PDF for print problems")
    preflight_cmd.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf", help="PDF files to check")
    preflight_cmd.add_argument("--press", action="store_true", help="also require trim and bleed boxes, CMYK only, no transparency")
    preflight_cmd.add_argument("--screen", action="store_true", help="a file for screens, not print (a screen deck): RGB allowed")
    preflight_cmd.add_argument("--accessibility", action="store_true",
                               help="also the PDF/UA-1 rules a machine can check: tagged, titled, in a language, every figure described")
    preflight_cmd.add_argument("--sheets", action="store_true",
                               help="also require text and marks to stay out of the outer 5 mm a desktop printer cannot print")
    preflight_cmd.add_argument("--for", dest="service", metavar="SERVICE", default=None,
                               help="what that print service would refuse (PDF or PNG files; see 'cards list services')")
    preflight_cmd.set_defaults(run=_preflight)

    list_cmd = commands.add_parser("list", help="list decks (under cards/), layouts or themes")
    list_cmd.add_argument("what", nargs="?", choices=("decks", "layouts", "themes", "services"), default="decks",
                          help="what to list (default: decks)")
    list_cmd.set_defaults(run=_list)
    return parser


def _outputs(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in OUTPUTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(OUTPUTS)}, separated by commas")
    return names


VALUES_MAY_START_WITH_MINUS = ("--back-offset",)


def _values_attached(argv: list[str]) -> list[str]:
    """`--back-offset -1.5,1.5` as typed: argparse takes a value starting with '-' for an
    option unless it is one plain negative number, so the pair is handed over attached
    (`--back-offset=-1.5,1.5`)."""
    joined: list[str] = []
    words = iter(argv)
    for word in words:
        if word in VALUES_MAY_START_WITH_MINUS:
            value = next(words, None)
            if value is None:
                joined.append(word)
            elif value[:1] == "-" and (value[1:2].isdigit() or value[1:2] == "."):
                joined.append(f"{word}={value}")
            else:
                joined += [word, value]
            continue
        if word == "--":
            joined += [word, *words]
            break
        joined.append(word)
    return joined


def _offset(text: str) -> tuple[float, float]:
    try:
        dx, dy = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("write DX,DY in millimetres, e.g. 1.5,-0.5") from None
    if not (math.isfinite(dx) and math.isfinite(dy)) or max(abs(dx), abs(dy)) > 10:
        raise argparse.ArgumentTypeError("an offset over 10 mm is not a printer's shift; check the calibration sheet")
    return (mm(dx), mm(dy))


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535 (0: any free port)")
    return int(text)


def _sheet_args(command: argparse.ArgumentParser) -> None:
    """How sheets are laid out: build makes them so, validate checks they can be."""
    command.add_argument("--grid", choices=GRIDS, default="butted",
                         help="sheets: butted cards share cut lines; gutter gives each its own bleed (files named -gutter)")
    command.add_argument("--duplex", choices=DUPLEX, default="long-edge",
                         help="how your printer turns the sheet (default: long-edge; short-edge files are named -short-edge)")
    command.add_argument("--back-offset", type=_offset, default=(0.0, 0.0), metavar="DX,DY",
                         help="shift the backs by DX,DY mm to correct your printer (see cards calibrate)")


def _language_args(command: argparse.ArgumentParser) -> None:
    command.add_argument("--language", metavar="LANG", default=None,
                         help="only this one of each deck's languages (default: every language in deck.yaml 'languages')")
    command.add_argument("--allow-untranslated", action="store_true",
                         help="a draft: print text with no translation in its own language, listing each, instead of stopping")


def _deck_args(command: argparse.ArgumentParser) -> None:
    command.add_argument("decks", nargs="*", metavar="DECK_DIR", type=Path, help="deck folders (default: every deck under cards/)")


def _deck_dirs(args: argparse.Namespace) -> list[Path]:
    return list(args.decks) if args.decks else find_decks(CARDS_DIR)


class StatusLine:
    """A build's progress, once it has taken over a second (quick builds stay quiet).
    On a terminal: one line of stderr, rewritten at most ten times a second, then wiped.
    In a log (a CI log, `| tee`): a line of its own when a stage starts and at most every
    few seconds within it, so a long build's log shows it is still working."""

    DELAY_S = 1.0
    LOG_EVERY_S = 5.0

    def __init__(self, stream=sys.stderr, clock: Callable[[], float] = time.monotonic):
        self.stream, self.clock = stream, clock
        self.enabled = True
        self.terminal = _is_terminal(stream)
        self.started = clock()
        self.shown = 0.0
        self.stage = ""
        self.width = 0

    def __call__(self, stage: str, what: str, done: int, total: int) -> None:
        now = self.clock()
        if not self.enabled or now - self.started < self.DELAY_S:
            return
        every = 0.1 if self.terminal else self.LOG_EVERY_S
        if stage == self.stage and now - self.shown < every and (done < total or not self.terminal):
            return
        self.shown, self.stage = now, stage
        if stage == "checking":
            counted = ""  # told once as checking starts: its total is of checks, not of anything a user counts
        else:
            counted = f" {done}/{total} {'cards' if stage == 'composing' else 'files'}" if total else ""
        line = f"cards: {stage} {what}{counted}"
        if self.terminal:
            line = line[: shutil.get_terminal_size().columns - 1]
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    @classmethod
    def for_build(cls) -> "StatusLine":
        """Where a build's output goes decides: output into a pipe or a file is the build's
        log, which gets the progress lines with the files written; on a terminal, the
        status line goes to stderr; with only stderr redirected, it stays out of the errors."""
        if not _is_terminal(sys.stdout):
            return cls(sys.stdout)
        status = cls(sys.stderr)
        status.enabled = status.terminal
        return status

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _is_terminal(stream) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def _writable_folder(out: Path, option: str = "--out") -> None:
    """A file where an output folder should be is said before any work, not after it."""
    for folder in (out, *out.parents):
        if folder.exists():
            if not folder.is_dir():
                raise UsageError(f"{option} {display_path(out)}: {display_path(folder)} is a file, not a folder")
            return


def _build(args: argparse.Namespace) -> int:
    if args.service is not None:
        return _build_for(args)
    _writable_folder(args.out)
    options = PrintOptions(tuple(args.outputs) if args.outputs else None, args.grid, args.duplex, args.back_offset, args.printing,
                           args.language, args.allow_untranslated, forms=not args.no_forms)
    status = StatusLine.for_build()
    status.enabled = status.enabled and not args.quiet
    try:
        outcome = build(_deck_dirs(args), args.out, args.layout, args.theme, options, strict=args.strict, progress=status)
    finally:
        status.clear()
    if not args.quiet:
        for written in outcome.written:
            print(f"wrote {display_path(written.path)} ({written.summary})")
        for notice in outcome.notices:
            print(notice, file=sys.stderr)
        for warning in outcome.warnings:
            print(warning, file=sys.stderr)
    if outcome.problems:
        _report(outcome.problems, outcome.failed, bool(outcome.written))
        return EXIT_CONTENT
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    options = PrintOptions(tuple(args.outputs) if args.outputs else None, args.grid, args.duplex, args.back_offset,
                           language=args.language, allow_untranslated=args.allow_untranslated)
    prepared = prepare(_deck_dirs(args), args.layout, args.theme, options, records=OUTPUT_DIR)
    for item in prepared.builds:
        cards = len(item.deck.behaviours)
        files = sum(1 for output in item.outputs if output.published)
        language = f", {item.deck.language}" if len(item.deck.languages) > 1 else ""
        print(f"{item.deck.folder}: ok ({cards} card{'s' if cards != 1 else ''}{language}, layout {item.design.layout.name}, "
              f"theme {item.design.style.name}, {files} file{'s' if files != 1 else ''})")
    for notice in prepared.notices:
        print(notice, file=sys.stderr)
    if prepared.problems:
        for problem in prepared.problems:
            print(problem, file=sys.stderr)
        count = len(prepared.problems)
        print(f"cards: {count} problem{'s' if count != 1 else ''} found in {', '.join(prepared.failed)}", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from generator.scaffold import init_project

    made = init_project(args.folder)
    for item in made:
        print(f"made {display_path(item.path)}")
    where = "" if args.folder.resolve() == Path.cwd().resolve() else f"cd {args.folder} && "
    print(f"next: {where}cards new my-deck" if made else f"{display_path(args.folder)} is a project already: nothing to make")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from generator.scaffold import new_deck, new_variant

    if args.extends is not None:
        if args.themes is not None:
            raise UsageError("--themes and --extends do not go together: a local edition has its base deck's themes "
                             "(recolour or add them in its deck.yaml)")
        made = new_variant(CARDS_DIR, args.deck_id, args.extends, args.title)
    else:
        made = new_deck(CARDS_DIR, args.deck_id, args.title, 2 if args.themes is None else args.themes)
    for item in made:
        print(f"made {display_path(item.path)}")
    if args.extends is not None:
        print(f"next: edit cards/{args.deck_id}/deck.yaml (its comments show how to reword, remove, add and recolour), "
              f"then run: cards build cards/{args.deck_id}")
    else:
        print(f"next: edit cards/{args.deck_id}/deck.yaml and the cards in cards/{args.deck_id}/behaviours/, then run: cards build")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    problems = Problems()
    deck = read_deck(args.deck, problems)
    problems.raise_if_any()
    if deck is None or deck.adaptation is None:
        raise UsageError(f"'{display_path(args.deck)}' does not extend another deck (no 'extends:' in its deck.yaml)")
    print(f"{deck.title}: {adapted_from(deck)}")
    for line in describe(deck.adaptation):
        print(f"  {line}")
    return EXIT_OK


def _images(args: argparse.Namespace) -> int:
    from generator.images import card_images

    if args.out is not None:
        _writable_folder(args.out)
    options = PrintOptions(language=args.language, allow_untranslated=args.allow_untranslated)
    made, outcome = card_images(_deck_dirs(args), args.out, args.dpi, args.bleed, options)
    for notice in outcome.notices:
        print(notice, file=sys.stderr)
    for item in made:
        folder = display_path(item.contact_sheet.parent)
        print(f"wrote {len(item.faces)} card images of {item.deck.stem} to {folder} ({args.dpi:g} dpi), "
              f"and {item.contact_sheet.name}")
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    from generator.publish import publish_site

    if args.base_url is not None and not args.base_url.startswith(("https://", "http://")):
        raise UsageError(f"--base-url should start with https://, not '{args.base_url}'")
    options = PrintOptions(language=args.language, allow_untranslated=args.allow_untranslated)
    done = publish_site(_deck_dirs(args), args.out, args.dpi, options, args.base_url, strict=args.strict)
    for notice in done.notices:
        print(notice, file=sys.stderr)
    for warning in done.warnings:
        print(warning, file=sys.stderr)
    for deck in done.editions:
        print(f"published {deck.stem}: {display_path(args.out / deck.stem / 'index.html')}")
    print(f"wrote {counted(done.files, 'file')} to {display_path(args.out)}; open {display_path(args.out / 'index.html')} in a browser")
    if done.problems:
        for problem in done.problems:
            print(problem, file=sys.stderr)
        count = len(done.problems)
        print(f"cards: {count} problem{'s' if count != 1 else ''} found; not published: {', '.join(done.failed)} "
              "(the other decks were published)", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    def report(what: str, problems: list, seconds: float) -> None:
        for problem in problems:
            print(problem, file=sys.stderr)
        found = f"; {len(problems)} problem{'s' if len(problems) != 1 else ''}, shown on the page" if problems else ""
        print(f"{time.strftime('%H:%M:%S')} {what} in {seconds:.1f} s{found}", file=sys.stderr, flush=True)

    def ready(address: str) -> None:
        reach = "only to this computer" if args.host in ("127.0.0.1", "localhost") else f"to anyone who can reach {args.host}"
        print(f"serving at {address} ({reach}); Ctrl-C stops", flush=True)

    options = PrintOptions(language=args.language, allow_untranslated=args.allow_untranslated)
    try:
        serve(_deck_dirs(args), args.port, options, report, ready, args.host)
    except KeyboardInterrupt:
        print("stopped", flush=True)
    return EXIT_OK


def _translate(args: argparse.Namespace) -> int:
    from generator.translate import translate

    done = translate(args.deck, args.language)
    shown = display_path(done.path)
    if not done.changed:
        print(f"{shown}: up to date ({counted(done.entries, 'text')})")
    else:
        print(f"wrote {shown}: {counted(done.entries, 'text')}, {done.added} new, {done.fuzzy} to check (fuzzy), "
              f"{done.obsolete} no longer used (kept as comments)")
    if done.untranslated or done.fuzzy:
        print(f"next: translate the {done.untranslated} empty and {done.fuzzy} fuzzy entries in {shown} "
              "(Poedit, Weblate or any text editor), then run: cards build")
    if not done.listed:
        print(f"note: add {args.language} to 'languages' in deck.yaml to build it", file=sys.stderr)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from generator.exchange import export_deck  # spreadsheet libraries: loaded only by the commands that use them

    path, cards = export_deck(args.deck, args.to)
    print(f"wrote {display_path(path)} ({cards} card{'s' if cards != 1 else ''})")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from generator.exchange import import_deck

    if not args.file.is_file():
        raise UsageError(f"no spreadsheet '{display_path(args.file)}'")
    done = import_deck(args.file, args.into)
    for path in done.written:
        print(f"wrote {display_path(path)}")
    if not done.written:
        print(f"{display_path(args.into)}: already as the spreadsheet says; nothing to change")
    for note in done.notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from generator.editor_schemas import schema_text

    sys.stdout.write(schema_text(args.kind))
    return EXIT_OK


def _calibrate(args: argparse.Namespace) -> int:
    from generator.calibration import calibrate

    _writable_folder(args.out)
    path = calibrate(args.paper, args.duplex, args.out)
    print(f"wrote {display_path(path)}: print it double-sided, hold it to the light, and read the offsets")
    return EXIT_OK


def _preflight(args: argparse.Namespace) -> int:
    from generator.printing.preflight import preflight

    if args.service is not None:
        return _preflight_for(args)
    problems = []
    for path in args.files:
        if not path.is_file():
            raise UsageError(f"no file '{display_path(path)}'")
        problems.extend(preflight(path, press=args.press, sheets=args.sheets, screen=args.screen, accessibility=args.accessibility))
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.is_error]
    if not errors:
        warned = f" ({len(problems)} warning{'s' if len(problems) != 1 else ''})" if problems else ""
        print(f"{len(args.files)} file{'s' if len(args.files) != 1 else ''} checked: no problems{warned}")
    return EXIT_CONTENT if errors else EXIT_OK


def _list(args: argparse.Namespace) -> int:
    if args.what == "services":
        from generator.design.services import available, load_service

        for name in available():
            service = load_service(name, None, Problems(), Where("command line"))
            print(f"{name}\t{service.description if service else '(has problems)'}")
        return EXIT_OK
    if args.what == "layouts":
        for entry in list_layouts():
            print(entry)
        return EXIT_OK
    if args.what == "themes":
        for entry in list_themes():
            print(entry)
        return EXIT_OK
    for folder in find_decks(CARDS_DIR):
        deck = read_deck(folder, Problems())
        if deck is None:
            print(f"{folder.name}\t(has problems: run 'cards validate {display_path(folder)}')")
        else:
            print(f"{deck.id}\t{counted(len(deck.behaviours), 'card')}\t{deck.title}")
    return EXIT_OK


def _build_for(args: argparse.Namespace) -> int:
    from generator.order import build_for

    ignored = [flag for flag, given in (("--outputs", args.outputs), ("--printing", args.printing),
                                        ("--allow-untranslated", args.allow_untranslated), ("--no-forms", args.no_forms),
                                        ("--strict", args.strict)) if given]
    if ignored:
        raise UsageError(f"--for {args.service} makes the files the service asks for: {', '.join(ignored)} "
                         "does not go with it (a service's profile says its colours and files)")
    decks = _deck_dirs(args)
    if args.out != OUTPUT_DIR and len(decks) != 1:
        raise UsageError(f"--for {args.service} --out DIR: name one deck, whose order goes in DIR")
    out = None if args.out == OUTPUT_DIR else args.out
    problems, failed = [], []
    for deck in decks:
        try:
            order = build_for(deck, args.service, out, args.layout, args.theme, output_root=OUTPUT_DIR, language=args.language)
        except BuildError as err:  # each deck's order stands alone: the others are still made
            problems += err.problems
            failed.append(display_path(deck))
            continue
        if not args.quiet:
            for path in order.files:
                print(f"wrote {display_path(path)}")
            print(f"wrote {display_path(order.folder / 'ORDER.txt')}: what to upload to {order.service.title}, and how")
        for note in order.notes:
            print(f"{display_path(deck)}: note: {note}", file=sys.stderr)
    if problems:
        _report(problems, failed, len(failed) < len(decks))
        return EXIT_CONTENT
    return EXIT_OK


def _preflight_for(args: argparse.Namespace) -> int:
    from generator.design.services import load_service
    from generator.printing.serviceorder import preorder_problems

    problems = Problems()
    service = load_service(args.service, None, problems, Where("command line"))
    problems.raise_if_any()
    for path in args.files:
        if not path.is_file():
            raise UsageError(f"no file '{display_path(path)}'")
    found = preorder_problems(list(args.files), service)
    for problem in found:
        print(problem)
    errors = [p for p in found if p.is_error]
    if not errors:
        print(f"{len(args.files)} file{'s' if len(args.files) != 1 else ''} checked: nothing {service.title} would refuse")
    return EXIT_CONTENT if errors else EXIT_OK


def _kit(args: argparse.Namespace) -> int:
    from generator.kit import build_kit

    options = PrintOptions(language=args.language, allow_untranslated=args.allow_untranslated)
    for kit in build_kit(_deck_dirs(args), args.out, options, output_root=OUTPUT_DIR):
        print(f"wrote the whiteboard kit of {kit.deck.stem} to {display_path(kit.folder)}: {len(kit.faces)} card images "
              f"(cards/), {kit.sort_board.name} and {kit.online_sheet.name}")
    return EXIT_OK
