"""Which files a deck gets, and their names: the press PDF, A4 and Letter sheets and
fold-overs (placed by `impose`), the facilitator packs. Pure planning, nothing drawn.

A file made another way than the deck's default never takes the default file's name
(`-<layout>-<theme>`, `-gutter`, `-short-edge`), and a file that cannot exist for the
deck's card size is skipped with a `Notice` saying why.
"""
from __future__ import annotations

import calendar
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.compose.faces import Face
from generator.compose.facilitator import Pack
from generator.content.conditions import CONDITIONS, DEFAULT_CONDITION, PrintingCondition, profile_path
from generator.content.deck import OUTPUTS
from generator.content.model import Deck
from generator.content.words import words_of
from generator.design.layout import Layout
from generator.design.theme import Style
from generator.errors import Where, shown
from generator.printing.impose import PAPERS, Paper, Sheet, choose_grid, duplex_grid, duplex_sheets, foldover, marks_print

PDFX_VERSION = "PDF/X-1a:2003"  # what the press file claims, in its Info and its XMP


@dataclass(frozen=True)
class PrintOptions:
    outputs: tuple[str, ...] | None = None  # None: the deck's `defaults: outputs:`, else every output
    grid: str = "butted"
    duplex: str = "long-edge"
    back_offset: tuple[float, float] = (0.0, 0.0)  # points, applied to back sheets
    printing: str | None = None  # press files' printing condition (conditions.CONDITIONS); None: the deck's
    language: str | None = None  # build only this one of the deck's languages; None: every one
    allow_untranslated: bool = False  # a draft: untranslated text printed in its own language, each listed
    forms: bool = True  # facilitator packs with fillable fields; False: lines and rings only (files named -no-forms)


@dataclass(frozen=True)
class Design:
    """How one deck is to be printed: its layout and visual theme."""

    layout: Layout
    style: Style
    is_default: bool  # the deck's own defaults: output names carry no suffix


@dataclass(frozen=True)
class Notice:
    """Something a user should know that is not a problem: a file skipped, and why."""

    where: Where
    message: str
    kind: str = "note"  # or "warning": something a designer should change, though it builds

    def __str__(self) -> str:
        return shown(f"{self.where}: {self.kind}: {self.message}")


@dataclass(frozen=True)
class Output:
    """One file to write: the press PDF, sheets or fold-overs on one paper, or a facilitator pack."""

    deck: Deck
    name: str
    kind: str  # "press", "sheets", "foldover" or "facilitator"
    faces: Sequence[Face]  # a big deck's kept where the workers composed them (facestore.py)
    note_font: str
    paper: Paper | None = None
    sheets: tuple[Sheet, ...] = ()
    note: str = ""
    short_note: str = ""  # where the note has no room: "Print at 100%"
    pack: Pack | None = None
    fonts: dict | None = None
    epoch: int = 946684800  # the dates the file carries (see build_epoch)
    condition: PrintingCondition | None = None  # press files: the OutputIntent
    profile: Path | None = None  # and its ICC profile, where one ships
    forms: bool = True  # facilitator packs: fillable fields
    font_files: tuple[tuple[str, str], ...] = ()  # (name, TrueType file) of every font the file draws with
    master: str | None = None  # the press file (its name) whose pages this file places as its card faces
    published: bool = True  # False: a press file made only as the master of others, never written out

    @property
    def title(self) -> str:
        words = words_of(self.deck)
        if self.kind == "facilitator":
            return words("pack-title", title=self.deck.title)
        if self.kind == "press":
            return self.deck.title
        if self.kind == "screen":
            return words("screen-title", title=self.deck.title)
        return words(f"{self.kind}-title", title=self.deck.title, paper=self.paper.label)

    @property
    def identity(self) -> "FileIdentity":
        deck = self.deck
        return FileIdentity(
            key=f"{deck.id}/{self.name}", title=self.title, author=deck.publisher or "", subject=deck.subtitle or "",
            language=deck.language, version=deck.version, rights=deck.licence, epoch=self.epoch,
            pdfx=PDFX_VERSION if self.kind == "press" else None, source=adapted_from(deck),
            pdfua=self.kind in ("facilitator", "screen"), rights_url=deck.licence_link,
        )

    @property
    def summary(self) -> str:
        cards = len(self.faces) // 2
        what = f"{cards} card{'s' if cards != 1 else ''}"
        if self.kind == "press":
            return f"{what}, {len(self.faces)} pages, one face a page"
        if self.kind == "facilitator":
            return f"facilitator pack, {self.paper.label}"
        if self.kind == "screen":
            return f"{what}, front then back, for reading on screen"
        pages = len(self.sheets)
        return f"{what} on {pages} {self.paper.label} page{'s' if pages != 1 else ''}"


PLACING = ("sheets", "foldover")  # the kinds of file that place the press file's pages as their faces
FILE_KINDS = ("press", "a4", "letter", "foldover_a4", "foldover_letter", "facilitator_a4", "facilitator_letter", "screen")


def file_kind(output: Output) -> str:
    if output.kind in ("press", "screen"):
        return output.kind
    prefix = "" if output.kind == "sheets" else f"{output.kind}_"
    return f"{prefix}{output.paper.name}"


def file_name(deck: Deck, design: Design, options: PrintOptions, kind: str, paper: Paper | None) -> str:
    """`<deck>[-<language>][-draft][-<layout>-<theme>]-<kind>[-<paper>][-<how>].pdf`: a file made
    another way than the deck's default never takes the default file's name. Each option
    that changes a file's content is in its name: the sheets' grid, flip and backs' offset,
    the press file's printing condition, and all of them in the pack, whose printing guide
    names those files."""
    stem = deck.stem if design.is_default else f"{deck.stem}-{design.layout.name}-{design.style.name}"
    if kind == "press":
        return f"{stem}-press{_printing_variant(deck, options)}.pdf"
    if kind == "screen":
        return f"{stem}-screen.pdf"
    if kind == "sheets":
        return f"{stem}-{paper.name}{_sheets_variant(options)}.pdf"
    if kind == "facilitator":
        variant = _sheets_variant(options) + _printing_variant(deck, options) + ("" if options.forms else "-no-forms")
        return f"{stem}-facilitator-{paper.name}{variant}.pdf"
    return f"{stem}-{kind}-{paper.name}.pdf"


def _sheets_variant(options: PrintOptions) -> str:
    shift = ""
    if options.back_offset != (0.0, 0.0):
        dx, dy = _offset_values(options)
        shift = f"-backs{dx:+g}{dy:+g}mm"
    return ("-gutter" if options.grid == "gutter" else "") + ("-short-edge" if options.duplex == "short-edge" else "") + shift


def _offset_values(options: PrintOptions) -> tuple[float, float]:
    dx, dy = (round(v * 25.4 / 72, 2) for v in options.back_offset)
    return dx + 0.0, dy + 0.0  # never -0


def _offset_mm(options: PrintOptions) -> str:
    dx, dy = _offset_values(options)
    return f"{dx:g},{dy:g} mm"


def _printing_variant(deck: Deck, options: PrintOptions) -> str:
    asked = options.printing
    return "" if asked is None or asked == (deck.printing or DEFAULT_CONDITION) else f"-{asked}"


def wanted(deck: Deck, options: PrintOptions) -> tuple[str, ...]:
    """The output kinds to make: the command line's, else the deck's, else all."""
    return options.outputs if options.outputs is not None else (deck.outputs or OUTPUTS)


def output_for(deck: Deck, design: Design, faces: Sequence[Face], kind: str, paper: Paper | None,
               options: PrintOptions, epoch: int, **details) -> Output:
    font = design.style.fonts["regular"].name
    name = file_name(deck, design, options, kind, PAPERS.get(paper.name) if paper else None)
    details["font_files"] = tuple((f.name, str(f.path)) for f in design.style.fonts.values())
    if kind == "facilitator":
        details["fonts"] = {role: f.name for role, f in design.style.fonts.items()}
    return Output(deck=deck, name=name, kind=kind, faces=faces, note_font=font, paper=paper, epoch=epoch, **details)


def plan(deck: Deck, design: Design, faces: Sequence[Face], options: PrintOptions, epoch: int) -> tuple[list[Output], list[Notice]]:
    """Every card file the deck gets: the press PDF as it is, sheets and fold-overs placed on
    A4 and Letter. A file the layout cannot make is skipped, with a notice saying why."""
    layout, kinds = design.layout, wanted(deck, options)
    words = words_of(deck)
    outputs: list[Output] = []
    notices: list[Notice] = []
    cards = len(faces) // 2
    size = f"{layout.name} cards ({layout.width * 25.4 / 72:g} x {layout.height * 25.4 / 72:g} mm)"
    if "press" in kinds or any(kind in kinds for kind in PLACING):
        # Every face is drawn once, into the press file: the files that show faces place its pages.
        condition = CONDITIONS[options.printing or deck.printing or DEFAULT_CONDITION]
        outputs.append(output_for(deck, design, faces, "press", None, options, epoch, condition=condition,
                                  profile=profile_path(condition, Path(deck.folder)), published="press" in kinds))
    master = outputs[0].name if outputs else None
    if "screen" in kinds:
        outputs.append(output_for(deck, design, faces, "screen", None, options, epoch))
    missing: dict[str, list[str]] = {"sheets": [], "foldover": []}
    crowded: list[str] = []  # what the backs' offset costs
    unmarked: list[str] = []
    for paper in PAPERS.values():
        if "sheets" in kinds:
            grid = duplex_grid(layout.width, layout.height, layout.bleed, paper, options.grid, options.back_offset)
            sheets = duplex_sheets(cards, grid, layout.bleed, paper, options.duplex, options.back_offset) if grid else []
            unshifted = choose_grid(layout.width, layout.height, layout.bleed, paper, options.grid)
            if grid is None and unshifted is not None:
                crowded.append(f"no {paper.label} sheets: {size} with the backs shifted by {_offset_mm(options)} "
                               "leave no room for a card's trim inside the printable area; skipped")
            elif grid is None:
                missing["sheets"].append(paper.label)
            elif not marks_print(sheets, paper):  # never a file whose marks a desktop printer cannot print
                unmarked.append(paper.label)
            else:
                if unshifted is not None and grid.per_sheet < unshifted.per_sheet:
                    crowded.append(f"{paper.label} sheets hold {grid.per_sheet} cards, not {unshifted.per_sheet}: the backs shifted by "
                                   f"{_offset_mm(options)} need that room to stay inside the printable area")
                note = words("sheets-note", flip=words(options.duplex))
                outputs.append(output_for(deck, design, faces, "sheets", paper, options, epoch, sheets=tuple(sheets), note=note,
                                          short_note=words("print-at-full-size"), master=master))
        if "foldover" in kinds:
            sheet_paper, sheets = foldover(cards, layout.width, layout.height, layout.bleed, paper)
            if not sheets:
                missing["foldover"].append(paper.label)
            else:
                note = words("foldover-note")
                output = output_for(deck, design, faces, "foldover", paper, options, epoch, sheets=tuple(sheets), note=note,
                                    short_note=words("print-at-full-size"), master=master)
                outputs.append(replace(output, paper=sheet_paper))
    papers = {kind: " or ".join(labels) for kind, labels in missing.items() if labels}
    if "sheets" in papers:
        notices.append(Notice(Where(deck.folder), f"no {papers['sheets']} sheets: {size} do not fit inside the printable area; skipped"))
    notices += [Notice(Where(deck.folder), message) for message in crowded]
    if unmarked:
        shifted = " with the backs shifted by --back-offset" if options.back_offset != (0.0, 0.0) else ""
        notices.append(Notice(Where(deck.folder), f"no {' or '.join(unmarked)} sheets: the crop marks of {size}{shifted} "
                                                  "would fall in the outer 5 mm a desktop printer cannot print; skipped"))
    if "foldover" in papers:
        notices.append(Notice(Where(deck.folder), f"no fold-over {papers['foldover']} sheets: the front and back of {size} do not fit side by side, upright or landscape; skipped"))
    return outputs, notices


def pack_file_names(deck: Deck, design: Design, options: PrintOptions, outputs: list[Output]) -> dict[str, str | None]:
    """Every file kind the printing guide may name, None where this build makes no such file."""
    names: dict[str, str | None] = {kind: None for kind in FILE_KINDS}
    names.update({file_kind(o): o.name for o in outputs if o.published})
    names.update({f"facilitator_{paper}": file_name(deck, design, options, "facilitator", PAPERS[paper]) for paper in PAPERS})
    return names


@dataclass(frozen=True)
class FileIdentity:
    key: str  # the same for every revision of this document: "<deck id>/<file name>"
    title: str
    author: str
    subject: str
    language: str
    version: str | None
    rights: str | None
    epoch: int  # seconds since 1970, UTC: every date the file carries
    pdfx: str | None = None  # e.g. "PDF/X-1a:2003" for press files
    source: str | None = None  # a variant's "Adapted from TITLE (PUBLISHER)"
    pdfua: bool = False  # tagged for PDF/UA-1 (ISO 14289-1): its XMP says so
    rights_url: str | None = None  # the licence's web address: XMP xmpRights:WebStatement


def adapted_from(deck: Deck) -> str | None:
    """A local variant's attribution line, as its pack and its files' metadata carry it."""
    adaptation = deck.adaptation
    if adaptation is None:
        return None
    words = words_of(deck)
    by = getattr(adaptation, "by", None)  # the variant's own publisher: the adaptation is theirs
    if adaptation.base_publisher:
        if by:
            return words("adapted-by-from-publisher", by=by, title=adaptation.base_title, publisher=adaptation.base_publisher)
        return words("adapted-from-publisher", title=adaptation.base_title, publisher=adaptation.base_publisher)
    return words("adapted-by-from", by=by, title=adaptation.base_title) if by else words("adapted-from", title=adaptation.base_title)


def adapted_base(deck: Deck) -> str | None:
    """What a local variant was adapted from, "TITLE (PUBLISHER)", for a page that labels it so."""
    adaptation = deck.adaptation
    if adaptation is None:
        return None
    return f"{adaptation.base_title} ({adaptation.base_publisher})" if adaptation.base_publisher else adaptation.base_title


def build_epoch(deck_date: str | None, environment: dict[str, str]) -> int:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else the deck's
    `date` (YYYY-MM-DD, midnight UTC), else 2000-01-01. A bad SOURCE_DATE_EPOCH is a ValueError."""
    value = environment.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit() or int(value) > 253402300799:  # up to the end of year 9999
            raise ValueError(f"SOURCE_DATE_EPOCH should be whole seconds since 1970, not '{value}'")
        return int(value)
    if deck_date:
        return calendar.timegm(time.strptime(deck_date, "%Y-%m-%d"))
    return 946684800  # 2000-01-01, ReportLab's own invariant date
