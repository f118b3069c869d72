"""The build, stage by stage: load -> validate -> compose -> impose -> render -> preflight -> write.

Everything is read and checked before anything is written. Files are rendered into a
temporary folder, preflighted there, and moved into the output folder only when every
deck and every file has passed, so a failed build leaves `output/` exactly as it was.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .compose import Logo, compose_deck
from .errors import BuildError, Problem, Problems, UsageError, Where, display_path
from .faces import Face
from .facilitator import SECTIONS, Pack, compose_pack, load_templates, read_content
from .impose import PAPERS, Paper, Sheet, choose_grid, duplex_sheets, foldover_sheets
from .layout import Layout, load_layout
from .model import Deck
from .preflight import by_page, drawing_problems, page_count, structure_problems
from .render.facilitator import write_facilitator_pdf
from .render.fonts import FontBook
from .render.images import image_pixels
from .render.press import write_press_pdf
from .render.sheets import write_sheets_pdf
from .schema import read_deck
from .theme import Style, load_style

OUTPUTS = ("press", "sheets", "foldover", "facilitator")


@dataclass(frozen=True)
class Design:
    """How one deck is to be printed: its layout and visual theme."""

    layout: Layout
    style: Style
    is_default: bool  # the deck's own defaults: output names carry no suffix


@dataclass(frozen=True)
class DeckBuild:
    deck: Deck
    design: Design
    faces: tuple[Face, ...]
    pack: Pack | None = None

    @property
    def file_stem(self) -> str:
        if self.design.is_default:
            return self.deck.id
        return f"{self.deck.id}-{self.design.layout.name}-{self.design.style.name}"


@dataclass(frozen=True)
class Written:
    deck: Deck
    path: Path
    summary: str
    kind: str


def find_decks(cards_dir: Path) -> list[Path]:
    """Every deck folder under `cards_dir`, in name order."""
    if not cards_dir.is_dir():
        raise UsageError(f"no '{display_path(cards_dir)}' folder here: run from the project folder or name deck folders")
    decks = sorted(p for p in cards_dir.iterdir() if p.is_dir() and (p / "deck.yaml").is_file())
    if not decks:
        raise UsageError(f"no decks in '{display_path(cards_dir)}': a deck is a folder holding deck.yaml")
    return decks


def build(deck_dirs: list[Path], out_dir: Path, layout: str | None = None, theme: str | None = None,
          options: PrintOptions | None = None) -> list[Written]:
    """Build every deck into `out_dir/<deck-id>/`; raise BuildError (nothing written) on any problem."""
    options = options or PrintOptions()
    builds = prepare(deck_dirs, layout, theme)
    problems = Problems()
    outputs = impose(builds, options, problems)
    problems.raise_if_any()
    staged = render(outputs)
    check(staged)
    return publish(staged, out_dir)


def prepare(deck_dirs: list[Path], layout: str | None = None, theme: str | None = None) -> list[DeckBuild]:
    """Load, validate and compose: everything short of writing. `cards validate` stops here."""
    problems = Problems()
    decks = load(deck_dirs, problems)
    designs = {deck.id: choose_design(deck, layout, theme, problems) for deck in decks}
    problems.raise_if_any()
    builds = [compose(deck, designs[deck.id], problems) for deck in decks]
    problems.raise_if_any()
    return builds


def load(deck_dirs: list[Path], problems: Problems) -> list[Deck]:
    decks: list[Deck] = []
    seen: dict[str, Deck] = {}
    for folder in deck_dirs:
        if not folder.is_dir():
            raise UsageError(f"'{display_path(folder)}' is not a deck folder")
        deck = read_deck(folder, problems)
        if deck is None:
            continue
        if deck.id in seen:
            problems.add(deck.where, f"two decks have the id '{deck.id}' (also {seen[deck.id].folder}); their output would collide")
            continue
        seen[deck.id] = deck
        decks.append(deck)
    return decks


def choose_design(deck: Deck, layout_name: str | None, theme_name: str | None, problems: Problems) -> Design | None:
    asked = Where("command line") if layout_name else deck.where
    layout = load_layout(layout_name or deck.layout, Path(deck.folder), problems, asked)
    asked = Where("command line") if theme_name else deck.where
    style = load_style(theme_name or deck.style, Path(deck.folder), problems, asked)
    if layout is None or style is None:
        return None
    is_default = layout.name == deck.layout and style.name == deck.style
    return Design(layout, style, is_default)


def compose(deck: Deck, design: Design, problems: Problems) -> DeckBuild:
    before = len(problems.items)
    fonts = FontBook(design.style, problems)
    if len(problems.items) > before:
        return DeckBuild(deck, design, ())
    logo = None
    if design.style.logo is not None:
        pixels = image_pixels(design.style.logo, problems, design.style.where_of("logo"))
        logo = Logo(str(design.style.logo), pixels) if pixels else None
    faces = compose_deck(deck, design.layout, design.style, fonts, problems, logo)
    stem = DeckBuild(deck, design, ()).file_stem
    content = read_content(deck, problems)
    templates = load_templates(deck, problems)
    pack = compose_pack(deck, content, templates, file_names(stem), problems) if content and len(templates) == len(SECTIONS) else None
    return DeckBuild(deck, design, tuple(faces), pack)


def file_names(stem: str) -> dict[str, str]:
    """Every file a deck's build writes, by what it is for (the printing guide names them)."""
    names = {"press": f"{stem}-press.pdf"}
    for paper in PAPERS:
        names[paper] = f"{stem}-{paper}.pdf"
        names[f"foldover_{paper}"] = f"{stem}-foldover-{paper}.pdf"
        names[f"facilitator_{paper}"] = f"{stem}-facilitator-{paper}.pdf"
    return names


@dataclass(frozen=True)
class PrintOptions:
    outputs: tuple[str, ...] = OUTPUTS
    grid: str = "butted"
    duplex: str = "long-edge"
    back_offset: tuple[float, float] = (0.0, 0.0)  # points, applied to back sheets


@dataclass(frozen=True)
class Output:
    """One file to write: the press PDF or a set of sheets on one paper size."""

    deck: Deck
    name: str
    kind: str  # "press", "sheets" or "foldover"
    faces: tuple[Face, ...]
    note_font: str
    paper: Paper | None = None
    sheets: tuple[Sheet, ...] = ()
    note: str = ""
    pack: Pack | None = None
    fonts: dict | None = None

    @property
    def summary(self) -> str:
        cards = len(self.faces) // 2
        what = f"{cards} card{'s' if cards != 1 else ''}"
        if self.kind == "press":
            return f"{what}, {len(self.faces)} pages, one face a page"
        if self.kind == "facilitator":
            return f"facilitator pack, {self.paper.label}"
        return f"{what} on {len(self.sheets)} {self.paper.label} pages"


def impose(builds: list[DeckBuild], options: PrintOptions, problems: Problems) -> list[Output]:
    """Plan every output file: the press PDF as it is, sheets placed on A4 and Letter."""
    outputs: list[Output] = []
    for item in builds:
        layout, stem = item.design.layout, item.file_stem
        font = item.design.style.fonts["regular"].name
        common = dict(deck=item.deck, faces=item.faces, note_font=font)
        names = file_names(stem)
        if "press" in options.outputs:
            outputs.append(Output(name=names["press"], kind="press", **common))
        cards = len(item.faces) // 2
        for paper in PAPERS.values():
            if "sheets" in options.outputs:
                grid = choose_grid(layout.width, layout.height, layout.bleed, paper, options.grid)
                if grid is None:
                    problems.add(layout.where, f"layout '{layout.name}' is too large for {paper.label} sheets; build with --outputs press")
                    continue
                sheets = duplex_sheets(cards, grid, layout.bleed, options.duplex, options.back_offset)
                flip = "long" if options.duplex == "long-edge" else "short"
                note = f"Print at 100%, double-sided, flip on {flip} edge"
                outputs.append(Output(name=f"{stem}-{paper.name}.pdf", kind="sheets", paper=paper, sheets=tuple(sheets), note=note, **common))
            if "foldover" in options.outputs:
                sheets = foldover_sheets(cards, layout.width, layout.height, layout.bleed, paper)
                if not sheets:
                    problems.add(layout.where, f"layout '{layout.name}' is too large for fold-over {paper.label} sheets; build with --outputs press,sheets")
                    continue
                note = "Print at 100%, one-sided; fold on the dashed line, glue, cut on the marks"
                outputs.append(Output(name=f"{stem}-foldover-{paper.name}.pdf", kind="foldover", paper=paper, sheets=tuple(sheets), note=note, **common))
            if "facilitator" in options.outputs and item.pack is not None:
                fonts = {role: f.name for role, f in item.design.style.fonts.items()}
                outputs.append(Output(name=names[f"facilitator_{paper.name}"], kind="facilitator", paper=paper, pack=item.pack, fonts=fonts, **common))
    return outputs


@dataclass(frozen=True)
class Staged:
    folder: Path  # the temporary folder holding <deck-id>/<files>
    files: tuple[tuple[Output, Path], ...]


def render(outputs: list[Output]) -> Staged:
    staging = Path(tempfile.mkdtemp(prefix="cards-build-"))
    files = []
    try:
        for output in outputs:
            target = staging / output.deck.id / output.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if output.kind == "press":
                write_press_pdf(target, output.deck, list(output.faces), output.note_font)
            elif output.kind == "facilitator":
                write_facilitator_pdf(target, output.pack, output.paper, output.fonts, output.deck.title, output.deck.language)
            else:
                write_sheets_pdf(target, output.deck, list(output.faces), list(output.sheets), output.paper,
                                 output.note, output.note_font)
            files.append((output, target))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(staging, tuple(files))


def check(staged: Staged) -> None:
    """Preflight every staged file (press files by the press rules); any problem fails the build.

    The checks run in two worker processes, long files split in halves: the machine's
    two cores halve the wait."""
    jobs = []
    for output, path in staged.files:
        pages = page_count(path)
        halves = [range(0, pages // 2), range(pages // 2, pages)] if pages >= 40 else [range(pages)]
        jobs += [(output, path, drawing_problems, (path, output.kind == "press", half)) for half in halves]
        if output.kind == "press":
            jobs.append((output, path, structure_problems, (path,)))
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [(output, pool.submit(function, *arguments)) for output, _, function, arguments in jobs]
        problems = [
            Problem(Where(f"{output.deck.id}/{output.name}"), f"preflight: {problem.message}")
            for output, future in futures
            for problem in by_page(future.result())
        ]
    if problems:
        shutil.rmtree(staged.folder, ignore_errors=True)
        raise BuildError(problems)


def publish(staged: Staged, out_dir: Path) -> list[Written]:
    """Move the staged files into `out_dir`, replacing earlier builds of the same files."""
    written = []
    try:
        for output, path in staged.files:
            destination = out_dir / path.relative_to(staged.folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), str(destination.with_suffix(".partial")))
            os.replace(destination.with_suffix(".partial"), destination)
            written.append(Written(output.deck, destination, output.summary, output.kind))
    finally:
        shutil.rmtree(staged.folder, ignore_errors=True)
    return written


__all__ = ["BuildError", "build", "prepare", "find_decks"]
