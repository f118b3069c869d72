"""The build, stage by stage: load -> validate -> compose -> impose -> render -> preflight -> write.

Everything a deck needs is read, checked and planned before anything is written, and
`cards validate` runs exactly those stages, so it reports what a build would. Each deck
is all-or-nothing: a deck with problems writes nothing, while the other decks are built
(with `strict`, any problem in any deck means nothing is written). Files are rendered
into a temporary folder, preflighted there, and moved into the output folder only when
all of a deck's files have passed, so a failed deck leaves its old output as it was.
A file that cannot exist for a deck's layout (A6 cards on fold-over Letter, say) is
skipped with a notice, never an error. Each face is drawn once, into the press file
(made only as a master when the press file was not asked for); sheets and fold-overs
place its pages. Where the cost model (`workload`) says they pay, worker
processes compose a big deck's cards in parts, then write the files and preflight each
as soon as it is written (spawned, as on Windows and macOS, and started before
composing when the card files say so); a file's bytes are the same whichever process
writes it.
"""
from __future__ import annotations

import gc
import importlib
import os
import pickle
import shutil
import signal
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from generator.compose.cards import Logo, PartJob, compose_deck, compose_part
from generator.compose.faces import Face
from generator.compose.facilitator import (
    SECTIONS,
    Pack,
    compose_pack,
    content_languages,
    facilitator_where,
    load_templates,
    read_content,
)
from generator.content.basebuilt import moved, read_record, record_path, write_record
from generator.content.catalogue import check_design_name, is_dir
from generator.content.conditions import CONDITIONS, DEFAULT_CONDITION, profile_path, profile_problem
from generator.content.deck import read_deck
from generator.content.folder import unread_files
from generator.content.model import Deck
from generator.content.translations import Translator, missing_summary, translate_content, translator_for
from generator.content.translations import edition as translate_edition
from generator.content.words import words_of
from generator.design.layout import load_layout
from generator.design.theme import load_style
from generator.errors import Problem, Problems, UsageError, Where, counted, display_path, in_order
from generator.facestore import StoredFaces, save_part
from generator.printing.distinct import theme_warnings
from generator.printing.impose import PAPERS
from generator.printing.outputs import (
    Design,
    FileIdentity,
    Notice,
    Output,
    PrintOptions,
    build_epoch,
    output_for,
    pack_file_names,
    plan,
    wanted,
)
from generator.render.fonts import FontBook
from generator.workload import MAX_WORKERS, checkers_for, compose_part_cards, expected_files, workers_for

# Writing and preflighting load ReportLab's page layout, PDFium and qpdf; `cards validate`
# and the preview's checks stop before them, so those modules are imported where used.


@dataclass(frozen=True)
class DeckBuild:
    """One deck, composed and planned: every file it will write."""

    deck: Deck
    design: Design
    faces: Sequence[Face]
    outputs: tuple[Output, ...] = ()
    notices: tuple[Notice, ...] = ()

    @property
    def pack(self) -> Pack | None:
        return next((o.pack for o in self.outputs if o.kind == "facilitator"), None)


@dataclass(frozen=True)
class Prepared:
    """What `prepare` found: the decks ready to write and the problems of the others."""

    builds: list[DeckBuild]
    problems: list[Problem]
    failed: list[str]  # deck folders with problems, in the order given

    @property
    def notices(self) -> list[Notice]:
        """Each once: a deck's editions (one per language) plan the same files and say the same."""
        return list(dict.fromkeys(notice for item in self.builds for notice in item.notices))


@dataclass(frozen=True)
class Written:
    deck: Deck
    path: Path
    summary: str
    kind: str
    title: str = ""  # the file's own title (its metadata's)
    paper: str = ""  # the paper's label (A4, US Letter); "" for press files
    pack: Pack | None = None  # a facilitator pack's content, for its web page


@dataclass(frozen=True)
class Outcome:
    """What a build did: the files written, notices, and the problems of the decks not built."""

    written: list[Written]
    notices: list[Notice]
    problems: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # deck folders not built
    warnings: list[Problem] = field(default_factory=list)  # preflight's, on files that were written


def find_decks(cards_dir: Path) -> list[Path]:
    """Every deck folder under `cards_dir`, in name order."""
    if not cards_dir.is_dir():
        raise UsageError(f"no '{display_path(cards_dir)}' folder here: run from the project folder or name deck folders")
    decks = sorted(p for p in cards_dir.iterdir() if p.is_dir() and (p / "deck.yaml").is_file())
    if not decks:
        raise UsageError(f"no decks in '{display_path(cards_dir)}': a deck is a folder holding deck.yaml")
    return decks


Progress = Callable[[str, str, int, int], None]  # (stage, what, done, total): the CLI shows it


def _silent(stage: str, what: str, done: int, total: int) -> None:
    """No one is watching."""


def build(deck_dirs: list[Path], out_dir: Path, layout: str | None = None, theme: str | None = None,
          options: PrintOptions | None = None, strict: bool = False, start_method: str | None = None,
          progress: Progress = _silent) -> Outcome:
    """Build every deck into `out_dir/<deck-id>/`, each deck all-or-nothing (`strict`: all decks)."""
    staged: Staged | None = None
    try:
        with ExitStack() as stack:
            # Workers for a build the cost model says they speed up start now, so they load
            # their libraries while this process composes (guessed from the card files).
            kinds = options.outputs if options is not None else None
            cards = _card_files(deck_dirs)
            guessed = [file for count in cards for file in expected_files(count, kinds)]
            wanted_early = workers_for(guessed, compose_cards=max(cards, default=0)) or checkers_for(guessed)
            early = start_method is not None or wanted_early > 0
            workers = stack.enter_context(Workers(start_method, wanted_early or None)) if early else None
            prepared = prepare(deck_dirs, layout, theme, options, progress, records=out_dir, workers=workers)
            if strict and prepared.problems:
                return Outcome([], prepared.notices, prepared.problems, prepared.failed)
            outputs = [output for item in prepared.builds for output in item.outputs]
            files = [(output.kind, len(output.faces)) for output in outputs]
            wanted_workers = workers_for(files)
            if workers is None and wanted_workers:
                workers = stack.enter_context(Workers(count=wanted_workers))
            elif workers is not None and start_method is None and not wanted_workers and not checkers_for(files):
                workers = None  # started early for a build that turned out small: this process is quicker
            if workers is None or not (wanted_workers or start_method):
                # Written here; a checking worker, started early for a long file, shares its checks.
                staged = render(outputs, progress)
                found = check(staged, progress, workers)
            else:
                staged, found = workers.make(outputs, progress)
        failing = {deck: [p for p in items if p.is_error] for deck, items in found.items()}
        failing = {deck: items for deck, items in failing.items() if items}
        warnings = [p for items in found.values() for p in items if not p.is_error]
        problems = prepared.problems + [p for items in failing.values() for p in items]
        failed = prepared.failed + list(dict.fromkeys(item.deck.folder for item in prepared.builds if item.deck.id in failing))
        keep = set() if strict and failing else {item.deck.id for item in prepared.builds} - set(failing)
        written = publish(staged, out_dir, keep)
    except BaseException:  # a failed check, a dead worker, Ctrl-C (even as the workers stop): nothing half-made is left
        if staged is not None:
            shutil.rmtree(staged.folder, ignore_errors=True)
        raise
    for item in prepared.builds:  # the base edition each built variant was built from, for the next build's warning
        if item.deck.id in keep and item.deck.adaptation is not None and (out_dir / item.deck.id).is_dir():
            write_record(record_path(out_dir, item.deck.id), item.deck.adaptation)
    return Outcome(written, prepared.notices, problems, failed, warnings)


def _card_files(deck_dirs: list[Path]) -> list[int]:
    """About how many cards each deck has, from its folder (before reading anything)."""
    try:
        return [sum(1 for _ in (Path(folder) / "behaviours").glob("*.yaml")) for folder in deck_dirs]
    except OSError:
        return []


def prepare(deck_dirs: list[Path], layout: str | None = None, theme: str | None = None,
            options: PrintOptions | None = None, progress: Progress = _silent, records: Path | None = None,
            workers: "Workers | None" = None) -> Prepared:
    """Load, validate, compose and plan every file: everything short of writing.
    `cards validate` stops here. Each deck's problems are its own. `records`: the output
    folder, whose record of a variant's last build warns when its base has moved since."""
    options = options or PrintOptions()
    for kind, name in (("layout", layout), ("theme", theme)):
        if name is not None:
            check_design_name(kind, name, deck_dirs)  # a command-line slip: exit 2 before any work
    builds: list[DeckBuild] = []
    problems: list[Problem] = []
    failed: list[str] = []
    seen: dict[str, Deck] = {}
    for folder in deck_dirs:
        if not is_dir(folder):
            shown = display_path(folder) if len(str(folder)) <= 200 else str(folder)[:200] + "..."
            raise UsageError(f"'{shown}' is not a deck folder")
        found = Problems()
        editions = _prepare_deck(folder, layout, theme, options, found, progress, records, workers)
        if editions and editions[0].deck.id in seen:
            deck = editions[0].deck
            found.add(deck.where, f"two decks have the id '{deck.id}' (also {seen[deck.id].folder}); their output would collide")
        if found:
            problems += in_order(found.items)
            failed.append(display_path(folder))
            continue
        seen[editions[0].deck.id] = editions[0].deck
        builds += editions
    return Prepared(builds, problems, failed)


def _prepare_deck(folder: Path, layout: str | None, theme: str | None, options: PrintOptions,
                  problems: Problems, progress: Progress = _silent, records: Path | None = None,
                  workers: "Workers | None" = None) -> list[DeckBuild]:
    """Every edition of one deck (one per language), composed and planned."""
    deck = read_deck(folder, problems)
    if deck is None:
        return []
    languages = _languages(deck, options)
    design = choose_design(deck, layout, theme, problems)
    if design is None or languages is None:
        return []
    try:
        epoch = build_epoch(deck.date, dict(os.environ))
    except ValueError as err:
        raise UsageError(str(err)) from None
    builds = []
    unread = tuple(Notice(Where(display_path(path)), why) for path, why in unread_files(folder, deck.languages))
    condition = CONDITIONS[options.printing or deck.printing or DEFAULT_CONDITION]
    unread += tuple(Notice(where, message, "warning")
                    for where, message in theme_warnings(deck, profile_path(condition, Path(deck.folder))))
    if deck.adaptation is not None and records is not None:
        changed = [c.title for c in deck.adaptation.changes if c.kind == "changed"]
        message = moved(read_record(record_path(records, deck.id)), deck.adaptation, changed)
        if message and deck.adaptation.extends_where is not None:
            unread += (Notice(deck.adaptation.extends_where, message, "warning"),)
    for language in languages:
        translator = translator_for(deck, language, problems, options.allow_untranslated)
        edition = translate_edition(deck, language, translator)
        content = facilitator_content(edition, translator, problems) if "facilitator" in wanted(edition, options) else None
        missing_summary(translator, deck)
        if translator.fallbacks:  # every text is looked up by now: a draft, marked as one on every file
            edition = replace(edition, draft=True, untranslated=frozenset(f.text for f in translator.fallbacks if f.text))
        build = _prepare_edition(edition, design, options, epoch, content, problems, progress, workers)
        if build is not None:
            fallbacks = tuple(Notice(f.where, f.message) for f in translator.fallbacks)
            builds.append(replace(build, notices=(unread if not builds else ()) + build.notices + fallbacks))
    return [] if problems else builds


def _languages(deck: Deck, options: PrintOptions) -> tuple[str, ...] | None:
    if options.language is None:
        return deck.languages
    if options.language not in deck.languages:
        raise UsageError(f"{deck.folder} is not printed in '{options.language}': its languages are {', '.join(deck.languages)} "
                         "(deck.yaml 'languages')")
    return (options.language,)


def _prepare_edition(deck: Deck, design: Design, options: PrintOptions, epoch: int, content: dict | None,
                     problems: Problems, progress: Progress, workers: "Workers | None" = None) -> DeckBuild | None:
    what = deck.stem
    faces = compose_faces(deck, design, problems, lambda done, total: progress("composing", what, done, total), workers)
    if problems:
        return None
    outputs, notices = plan(deck, design, faces, options, epoch)
    for profile in dict.fromkeys(o.profile for o in outputs if o.profile is not None):
        if why := profile_problem(profile):  # a deck's own profile is checked from its bytes before it is embedded
            problems.add(Where(display_path(profile)), why)
    if problems:
        return None
    if "facilitator" in wanted(deck, options) and content is not None:
        # The printing guide names the deck's whole set of files made this way, not only
        # the ones this run writes: `--outputs facilitator` makes the same pack.
        every = outputs if options.outputs is None else plan(deck, design, faces, replace(options, outputs=None), epoch)[0]
        pack = compose_facilitator(deck, pack_file_names(deck, design, options, every), options, content, problems)
        if pack is None:
            return None
        outputs += [output_for(deck, design, faces, "facilitator", paper, options, epoch, pack=pack, forms=options.forms)
                    for paper in PAPERS.values()]
    return DeckBuild(deck, design, faces, tuple(outputs), tuple(notices))


def choose_design(deck: Deck, layout_name: str | None, theme_name: str | None, problems: Problems) -> Design | None:
    asked = Where("command line") if layout_name else deck.where_of("defaults")
    layout = load_layout(layout_name or deck.layout, Path(deck.folder), problems, asked, qr_side=deck.qr_side)
    asked = Where("command line") if theme_name else deck.where_of("defaults")
    style = load_style(theme_name or deck.style, Path(deck.folder), problems, asked)
    if layout is None or style is None:
        return None
    if deck.edition_stamp and not any(r.text is not None and "deck.stamp" in r.text.source for r in layout.front + layout.back):
        problems.add(deck.where_of("edition_stamp"), f"layout '{layout.name}' prints no edition stamp: give a footer region "
                                                     "'{{ deck.stamp }}' in its text (the built-in layouts do)")
        return None
    is_default = layout.name == deck.layout and style.name == deck.style
    return Design(layout, style, is_default)


def compose_faces(deck: Deck, design: Design, problems: Problems,
                  progress: Callable[[int, int], None] | None = None, workers: "Workers | None" = None) -> Sequence[Face]:
    """The deck's faces, composed in this process or, for a big deck when there are
    workers, in parts by them (the same faces, problems and order), which keep them in
    the workers' folder until the workers stop (facestore.py)."""
    before = len(problems.items)
    fonts = FontBook(design.style, problems)
    if len(problems.items) > before:
        return ()
    logo = None
    if design.style.logo is not None:
        from generator.render.images import image_pixels

        pixels = image_pixels(design.style.logo, problems, design.style.where_of("logo"))
        logo = Logo(str(design.style.logo), pixels) if pixels else None
    part_cards = compose_part_cards(len(deck.behaviours), workers.count) if workers is not None else 0
    if not part_cards:
        with _collector_paused():
            return tuple(compose_deck(deck, design.layout, design.style, fonts, problems, logo, progress))
    with workers.composing(deck, design, logo) as parts:
        return compose_deck(deck, design.layout, design.style, fonts, problems, logo, progress, parts, part_cards, keep=StoredFaces)


def facilitator_content(deck: Deck, translator: Translator, problems: Problems) -> dict | None:
    """The facilitator words (the deck's facilitator.yaml over the built-in ones), in the edition's language."""
    content = read_content(deck, problems)
    if content is None:
        return None
    return translate_content(content, content_languages(deck), translator, facilitator_where(deck))


def compose_facilitator(deck: Deck, files: dict[str, str | None], options: PrintOptions, content: dict,
                        problems: Problems) -> Pack | None:
    before = len(problems.items)
    templates = load_templates(deck, problems)
    if len(templates) != len(SECTIONS) or len(problems.items) > before:
        return None
    printing = {"flip": words_of(deck)(options.duplex), "duplex": options.duplex, "grid": options.grid}
    pack = compose_pack(deck, content, templates, files, printing, problems)
    return pack if len(problems.items) == before else None


@dataclass(frozen=True)
class Staged:
    folder: Path  # the temporary folder holding <deck-id>/<files>
    files: tuple[tuple[Output, Path], ...]


_PLANNED: dict[str, list[Output]] = {}  # in a worker: each build's planned files, read once from the file it was sent


def _start_worker() -> None:
    """Each worker's start: Ctrl-C, which a terminal sends to every process of the build,
    ends a worker at once and quietly (no traceback of its own); the build's own process
    reports the interruption and removes what is half-made."""
    signal.signal(signal.SIGINT, _end_worker)


def _end_worker(signum: int, frame) -> None:
    os._exit(128 + signum)


def _warm() -> None:
    """A worker's first task: load what writing and checking need, while the build composes."""
    for module in ("generator.printing.preflight", "generator.render.facilitator", "generator.render.sheets"):
        importlib.import_module(module)


def _write_planned(planned: str, index: int, target: Path, step: str = "write") -> None:
    """In a worker: one planned file's `step`: "write" it whole, or "draw" it (all but the
    faces it places from its master) or "place" those faces once the master is written."""
    output = _planned(planned)[index]
    {"write": write_file, "draw": draw_file, "place": place_faces}[step](output, target)


def _planned(planned: str) -> list[Output]:
    """In a worker: the build's planned files, read once from the file it was sent."""
    if planned not in _PLANNED:
        _PLANNED.clear()
        with open(planned, "rb") as stream:  # read as it is unpickled: the bytes are never all in memory
            _PLANNED[planned] = pickle.load(stream)
        for faces in {id(o.faces): o.faces for o in _PLANNED[planned] if isinstance(o.faces, StoredFaces)}.values():
            faces.keep_all()  # this worker may write several of the deck's files: each part read once
        gc.freeze()  # kept for the worker's life: the collector need not walk them again
    return _PLANNED[planned]


_COMPOSING: dict[str, tuple] = {}  # in a worker: the deck being composed and its fonts, read once from its file


def _press_ink(planned: str, index: int, path: Path) -> list[Problem]:
    """In a worker: a press file's ink warnings, from the faces it was drawn from."""
    from generator.printing.inks import face_ink_findings
    from generator.printing.preflight import ink_messages

    return ink_messages(path, face_ink_findings(_planned(planned)[index].faces))


def _compose_part(path: str, positions: range, kept: str) -> dict:
    """In a worker: the faces of some of a deck's cards (compose_part), the deck read once;
    the faces saved in the folder `kept`, what composing the deck needs of them returned."""
    if path not in _COMPOSING:
        _COMPOSING.clear()
        with open(path, "rb") as stream:
            deck, design, logo = pickle.load(stream)
        _COMPOSING[path] = (deck, design, logo, FontBook(design.style, Problems()))
    deck, design, logo, fonts = _COMPOSING[path]
    with _collector_paused():
        made = compose_part(PartJob(deck, design.layout, design.style, logo), fonts, positions)
    return save_part(Path(kept) / f"{Path(path).parent.name}-{positions.start:06d}.pickle", made)


class Workers:
    """Worker processes for a big build (one a core, two to four), which write its files
    and check each as soon as it is written. Spawned everywhere, as Windows and macOS
    must (a forked worker would also carry this process's memory), or started by
    `start_method`. The planned files reach each worker once, as one file in the staging
    folder, so the faces all files share are sent once, not once a file. A file that
    places its master's faces is drawn meanwhile, and its faces placed once both are done."""

    def __init__(self, start_method: str | None = None, count: int | None = None):
        import multiprocessing  # here, not at the top: a small build or `cards validate` never needs it
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context(start_method or "spawn")
        count = count or max(2, min(MAX_WORKERS, os.cpu_count() or 2))
        self.count = count
        self.pool = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_start_worker)
        self._warming = [self.pool.submit(_warm) for _ in range(count)]
        self._kept: Path | None = None  # the faces the workers composed, until they stop

    @contextmanager
    def composing(self, deck: Deck, design: Design, logo: Logo | None):
        """A `parts` for compose_deck that composes the parts in the workers, yielding each
        as it is done; the deck reaches each worker once, as a file."""
        from concurrent.futures import as_completed

        folder = Path(tempfile.mkdtemp(prefix="cards-compose-"))
        path = folder / "deck.pickle"
        if self._kept is None:
            self._kept = Path(tempfile.mkdtemp(prefix="cards-faces-"))
        try:
            _pickle_into(path, (deck, design, logo))

            def parts(job: PartJob, ranges: list[range]):
                futures = [self.pool.submit(_compose_part, str(path), positions, str(self._kept)) for positions in ranges]
                for future in as_completed(futures):
                    yield future.result()

            yield parts
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(cancel_futures=True)
        if self._kept is not None:
            shutil.rmtree(self._kept, ignore_errors=True)

    def make(self, outputs: list[Output], progress: Progress = _silent) -> tuple["Staged", dict[str, list[Problem]]]:
        """Every file written into a temporary folder, biggest first, and each checked as
        soon as it is written (so no worker waits for the other to finish writing)."""
        from concurrent.futures import as_completed

        staging = Path(tempfile.mkdtemp(prefix="cards-build-"))
        files = [(output, staging / output.deck.id / output.name) for output in outputs]
        staged = Staged(staging, tuple(files))
        try:
            for _, target in files:
                target.parent.mkdir(parents=True, exist_ok=True)
            planned = staging / "planned.pickle"  # never published: only the staged files are
            _pickle_into(planned, outputs)
            for warming in self._warming:
                warming.result()
            masters = {target.with_name(output.master) for output, target in files if output.master is not None}
            # Masters first (others wait for them), then the longest first.
            order = sorted(range(len(files)), key=lambda i: (files[i][1] not in masters, -_weight(files[i][0])))
            jobs: dict = {}

            def submit(i: int, step: str) -> None:
                jobs[self.pool.submit(_write_planned, str(planned), i, files[i][1], step)] = (i, step)

            for i in order:
                submit(i, "write" if files[i][0].master is None else "draw")
            written: set[Path] = set()
            drawn: set[int] = set()
            checked_faces = _press_faces(staged)
            checking: dict[int, list] = {}  # a file's index -> its checks, under way
            inks: dict = {}
            while len(written) < len(files):
                future = next(as_completed(jobs))
                i, step = jobs.pop(future)
                future.result()
                output, path = files[i]
                if step == "draw":
                    drawn.add(i)
                else:
                    written.add(path)
                    progress("writing", f"{output.deck.id}/{output.name}", len(written), len(files))
                    if output.published:
                        checking[i] = [self.pool.submit(function, *arguments)
                                       for function, arguments in _check_jobs(output, path, checked_faces)]
                        if output.kind == "press":  # its ink warnings, from its faces (a worker holds them)
                            inks[i] = (output, self.pool.submit(_press_ink, str(planned), i, path))
                for j in sorted(drawn):
                    if files[j][1].with_name(files[j][0].master) in written:
                        drawn.discard(j)
                        submit(j, "place")
            progress("checking", counted(len(files), "file"), 0, sum(map(len, checking.values())))
            # In the files' order, as a build in one process reports them, not the order they were written in.
            results = [(files[i][0], future.result()) for i in sorted(checking) for future in checking[i]]
            results += [(output, future.result()) for output, future in (inks[i] for i in sorted(inks))]
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return staged, _found(staged, results, press_inks=False)


def _pickle_into(path: Path, value) -> None:
    """`value` pickled straight into a file: a big deck's plan is tens of MB, never held as bytes too."""
    with open(path, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)


def render(outputs: list[Output], progress: Progress = _silent) -> Staged:
    """Every file written into a temporary folder, in this process."""
    staging = Path(tempfile.mkdtemp(prefix="cards-build-"))
    files = [(output, staging / output.deck.id / output.name) for output in outputs]
    try:
        for _, target in files:
            target.parent.mkdir(parents=True, exist_ok=True)
        for number, (output, target) in enumerate(files):
            progress("writing", f"{output.deck.id}/{output.name}", number, len(outputs))
            write_file(output, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(staging, tuple(files))


def _weight(output: Output) -> int:
    """About how long a file takes to write: a pack's pages cost more than a sheet's faces."""
    return len(output.faces) * (4 if output.kind == "facilitator" else 1)


def write_file(output: Output, target: Path) -> None:
    """One file, from its planned output (in this process or a worker's); a file that
    places its master's faces once the master is written."""
    draw_file(output, target)
    if output.master is not None:
        place_faces(output, target)


def draw_file(output: Output, target: Path) -> None:
    """The file drawn, and done unless it places its master's faces: then drawn beside
    `target` with a placeholder where each face goes, for `place_faces`."""
    from generator.render.fonts import register_fonts
    from generator.render.identity import stamp

    register_fonts(output.font_files)
    with _collector_paused():
        _write(output, _drawn(output, target), output.identity)
    if output.master is None:
        stamp(target, output.identity)


def place_faces(output: Output, target: Path) -> None:
    """The drawn file with its faces placed from its master (the press file beside it), as `target`."""
    from generator.render.identity import stamp
    from generator.render.placing import place_from_master
    from generator.render.press import master_pages

    drawn = _drawn(output, target)
    place_from_master(drawn, target.with_name(output.master), master_pages(output.faces), target)
    drawn.unlink()
    stamp(target, output.identity)


def _drawn(output: Output, target: Path) -> Path:
    return target if output.master is None else target.with_name(target.name + ".drawn")


@contextmanager
def _collector_paused():
    """ReportLab keeps a whole document's objects until it saves it, and composing keeps
    every face it makes: Python's cyclic collector would walk them again and again (a
    quarter of a big pack's time, a tenth of composing) and finds nothing to free there
    (memory is the same without it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(output: Output, target: Path, identity: FileIdentity) -> None:
    from generator.render.press import write_press_pdf
    from generator.render.sheets import write_sheets_pdf

    if output.kind == "press":
        write_press_pdf(target, identity, output.faces, output.note_font, output.condition, output.profile)
    elif output.kind == "screen":
        from generator.render.screen import write_screen_pdf

        deck = output.deck
        write_screen_pdf(target, identity, output.faces, output.note_font, deck.untranslated,
                         deck.languages[0] if deck.languages else deck.language)
    elif output.kind == "facilitator":
        from generator.render.facilitator import write_facilitator_pdf  # ReportLab's page layout: 0.1 s to import

        write_facilitator_pdf(target, identity, output.pack, output.paper, output.fonts, output.deck.title,
                              output.faces, output.forms)
    else:
        write_sheets_pdf(target, identity, output.faces, list(output.sheets), output.paper,
                         output.note, output.note_font, output.short_note)


def check(staged: Staged, progress: Progress = _silent, workers: "Workers | None" = None) -> dict[str, list[Problem]]:
    """Preflight every staged file, in this process or shared with `workers` (press files
    by the press rules): deck id -> problems and warnings (only problems keep a deck from
    being written), the same either way.

    What the build knows is not read back twice: a press file's ink warnings come from the
    faces it was drawn from, and sheets placing faces whose press file is checked in the
    same build are checked for what the sheet adds (page, crop marks, the note), not for
    each face's drawing again."""
    checked_faces = _press_faces(staged)
    jobs = [(output, job) for output, path in staged.files if output.published
            for job in _check_jobs(output, path, checked_faces)]
    progress("checking", counted(len(staged.files), "file"), 0, len(jobs))
    if workers is None or not jobs:
        return _found(staged, [(output, function(*arguments)) for output, (function, arguments) in jobs])
    # The first check (a long file's first half) and the press inks here, the rest in the workers meanwhile.
    futures = [workers.pool.submit(function, *arguments) for _, (function, arguments) in jobs[1:]]
    (output, (function, arguments)) = jobs[0]
    results = [(output, function(*arguments))]
    inks = _press_inks(staged)
    results += [(output, future.result()) for (output, _), future in zip(jobs[1:], futures)]
    return _found(staged, results + inks, press_inks=False)


def _press_faces(staged: Staged) -> set[int]:
    """The faces (by identity) that a press file of this build is checked for."""
    return {id(output.faces) for output, _ in staged.files if output.kind == "press" and output.published}


def _check_jobs(output: Output, path: Path, checked_faces: set[int]) -> list[tuple[Callable, tuple]]:
    """The checks of one file, a long file's drawing in halves (for two workers)."""
    from generator.printing.preflight import drawing_problems, object_problems, page_count

    pages = page_count(path)
    halves = [range(0, pages // 2), range(pages // 2, pages)] if pages >= 40 else [range(pages)]
    sheets = output.kind in ("sheets", "foldover")
    forms = not (sheets and id(output.faces) in checked_faces)
    read = output.kind in ("facilitator", "screen")  # by people, some with assistive technology: PDF/UA-1
    # The drawing, and in the files people read what it leaves untagged: one reading of each page.
    jobs: list[tuple[Callable, tuple]] = [(drawing_problems, (path, output.kind == "press", half, sheets, forms, read))
                                          for half in halves]
    # Fonts; colours, but not the screen deck's (in screen colours on purpose; every other
    # file is for print); the rest of PDF/UA-1 in the files people read: one reading of the file.
    jobs.append((object_problems, (path, output.kind == "press", True, output.kind != "screen", read)))
    return jobs


def _found(staged: Staged, results: list[tuple[Output, list[Problem]]], press_inks: bool = True) -> dict[str, list[Problem]]:
    """Each deck's problems and warnings, with its press files' ink warnings (from their
    faces) worked out here if `press_inks` (else they are among the `results`)."""
    from generator.printing.preflight import by_page

    if press_inks:
        results = results + _press_inks(staged)
    found_by_deck: dict[str, list[Problem]] = {}
    for output, found in results:
        for problem in by_page(found):
            where = Where(f"{output.deck.id}/{output.name}")
            found_by_deck.setdefault(output.deck.id, []).append(Problem(where, f"preflight: {problem.message}", problem.severity))
    return found_by_deck


def _press_inks(staged: Staged) -> list[tuple[Output, list[Problem]]]:
    """The ink warnings of each press file, from the faces it was drawn from."""
    from generator.printing.inks import face_ink_findings
    from generator.printing.preflight import ink_messages

    return [(output, ink_messages(path, face_ink_findings(output.faces)))
            for output, path in staged.files if output.kind == "press" and output.published]


def publish(staged: Staged, out_dir: Path, decks: set[str]) -> list[Written]:
    """Move the staged files of `decks` into `out_dir`, replacing earlier builds of the same files."""
    written = []
    try:
        for output, path in staged.files:
            if output.deck.id not in decks or not output.published:
                continue
            destination = out_dir / path.relative_to(staged.folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            partial = destination.with_name(destination.name + ".partial")
            shutil.move(str(path), str(partial))
            os.replace(partial, destination)
            written.append(Written(output.deck, destination, output.summary, output.kind, output.title,
                                   output.paper.label if output.paper else "", output.pack))
    finally:
        shutil.rmtree(staged.folder, ignore_errors=True)
    return written


__all__ = ["build", "prepare", "find_decks", "Outcome", "Prepared", "PrintOptions"]
