"""`cards images`: a PNG of every card face and a contact sheet of the whole deck, for
screens: drawn from the deck's screen deck, in its screen colours (NHS Blue is #005EB8
on a page, not the CMYK press blue seen on a screen); with `--bleed`, from the press
file, as the print shop sees it.

The file is built and preflighted as `cards build` would (into a temporary folder), then
rendered; a deck with problems writes no images. Each deck's images go to
`output/<deck id>/images/` unless a folder is given."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.model import Deck
from generator.errors import BuildError, UsageError
from generator.pipeline import Outcome, PrintOptions, build
from generator.printing.pictures import MAX_DPI, MIN_DPI, contact_sheet_name, image_name
from generator.render.bitmaps import write_face_images


@dataclass(frozen=True)
class DeckImages:
    deck: Deck
    faces: tuple[Path, ...]  # front 1, back 1, front 2, ...
    contact_sheet: Path


def face_names(deck: Deck, bleed: bool = False) -> list[str]:
    count = len(deck.behaviours)
    return [image_name(deck.stem, position, count, card.id, side, bleed)
            for position, card in enumerate(deck.behaviours, 1) for side in ("front", "back")]


def check_dpi(dpi: float) -> None:
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise UsageError(f"--dpi {dpi:g}: choose between {MIN_DPI} and {MAX_DPI} (150 for screens, 300 for slides)")


def picture_files(deck_dirs: list[Path], folder: Path, options: PrintOptions, kind: str) -> Outcome:
    """Every deck's press or screen PDF (every language), built and preflighted into `folder`."""
    outcome = build(deck_dirs, folder, options=replace(options, outputs=(kind,)), strict=True)
    if outcome.problems:
        raise BuildError(outcome.problems)
    return outcome


def card_images(deck_dirs: list[Path], out_dir: Path | None, dpi: float, bleed: bool,
                options: PrintOptions | None = None, output_root: Path = Path("output")) -> tuple[list[DeckImages], Outcome]:
    """PNGs of every face of every deck, into `out_dir` (default `output/<deck id>/images`)."""
    check_dpi(dpi)
    options = options or PrintOptions()
    made: list[DeckImages] = []
    with tempfile.TemporaryDirectory(prefix="cards-images-") as temporary:
        staging = Path(temporary)
        outcome = picture_files(deck_dirs, staging / "pdf", options, "press" if bleed else "screen")
        for written in outcome.written:
            deck = written.deck
            names = face_names(deck, bleed)
            sheet = contact_sheet_name(deck.stem, bleed)
            staged = write_face_images(written.path, names, staging / "images" / deck.stem, dpi, bleed, sheet)
            folder = out_dir if out_dir is not None else output_root / deck.id / "images"
            folder.mkdir(parents=True, exist_ok=True)
            final = []
            for path in staged:
                target = folder / path.name
                shutil.move(str(path), str(target.with_name(target.name + ".partial")))
                target.with_name(target.name + ".partial").replace(target)
                final.append(target)
            made.append(DeckImages(deck, tuple(final[:-1]), final[-1]))
    return made, outcome
