"""`cards kit`: a deck's whiteboard kit, for workshops on video calls and online
whiteboards (Miro, Mural): into `output/<deck id>/kit/` (or a folder given),
- `cards/`: every face as a PNG drawn from the screen deck, its long side BOARD_FACE_PX
  pixels, named so they sort in deck order (front, then back, card by card);
- `<deck>-card-sort.png`: a 1920 x 1080 board with a column per theme (its colour, shape
  and name) and a "not sure" column, to drag the cards into;
- `<deck>-online-sheet.png`: one page for running the activities online, from the
  deck's facilitator words.
The deck is built and preflighted as `cards build` would (a deck with problems writes no
kit); every image is checked to stay under the boards' 6 MB upload cap."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.compose.boards import UPLOAD_CAP_BYTES, board_face_name, face_dpi
from generator.content.model import Deck
from generator.content.translations import translator_for
from generator.content.words import words_of
from generator.errors import BuildError, Problem, Problems, Where, display_path
from generator.images import picture_files
from generator.pipeline import PrintOptions, choose_design, facilitator_content
from generator.render.bitmaps import write_face_images
from generator.render.boards import SortColumn, draw_online_sheet, draw_sort_board

TIPS = ("kit-tip-board", "kit-tip-draw", "kit-tip-groups", "kit-tip-read")


@dataclass(frozen=True)
class Kit:
    deck: Deck
    folder: Path
    faces: tuple[Path, ...]
    sort_board: Path
    online_sheet: Path
    board_texts: tuple[str, ...]  # what each board says, as drawn
    sheet_texts: tuple[str, ...]


def build_kit(deck_dirs: list[Path], out_dir: Path | None, options: PrintOptions | None = None,
              output_root: Path = Path("output")) -> list[Kit]:
    """Every deck's kit (every language it is printed in); BuildError, nothing written, on a problem."""
    options = options or PrintOptions()
    kits = []
    with tempfile.TemporaryDirectory(prefix="cards-kit-") as temporary:
        staging = Path(temporary)
        outcome = picture_files(deck_dirs, staging / "pdf", options, "screen")
        staged = []
        for written in outcome.written:
            kit = write_kit(written.deck, written.path, staging / "kit" / written.deck.stem, options)
            staged.append((kit.deck, kit.folder, kit.faces, kit.sort_board, kit.online_sheet, kit.board_texts, kit.sheet_texts))
        for deck, folder, faces, board, sheet, board_texts, sheet_texts in staged:
            target = out_dir / deck.stem if out_dir is not None and len(staged) > 1 else out_dir
            target = target if target is not None else output_root / deck.id / ("kit" if deck.stem == deck.id else f"kit-{deck.language}")
            moved = _publish(folder, target)
            kits.append(Kit(deck, target, tuple(moved[p] for p in faces), moved[board], moved[sheet],
                            tuple(board_texts), tuple(sheet_texts)))
    return kits


def write_kit(deck: Deck, screen_pdf: Path, folder: Path, options: PrintOptions) -> Kit:
    """One edition's kit into `folder`, from its screen deck; BuildError on a problem (an
    image over the boards' upload cap). `cards publish` zips the same files."""
    problems = Problems()
    design = choose_design(deck, None, None, problems)
    translator = translator_for(deck, deck.language, problems, options.allow_untranslated)
    content = facilitator_content(deck, translator, problems)
    problems.raise_if_any()
    assert design is not None
    dpi = face_dpi(design.layout.width, design.layout.height)
    count = len(deck.behaviours)
    names = [board_face_name(deck.stem, position, count, card.id, side)
             for position, card in enumerate(deck.behaviours, 1) for side in ("front", "back")]
    faces = write_face_images(screen_pdf, names, folder / "cards", dpi, False)
    words = words_of(deck)
    regular, bold = design.style.fonts["regular"].path, design.style.fonts["bold"].path
    columns = [SortColumn(g.name, tuple(round(c * 255) for c in g.colour.rgb), g.mark) for g in deck.themes]
    columns.append(SortColumn(words("kit-not-sure"), None, None))
    board = folder / f"{deck.stem}-card-sort.png"
    board_texts = draw_sort_board(board, deck.title, words("kit-sort-instruction"), columns, regular, bold)
    activities = [(a["title"], a.get("time") or "", a.get("purpose") or "") for a in (content or {}).get("activities", [])]
    sheet = folder / f"{deck.stem}-online-sheet.png"
    sheet_texts = draw_online_sheet(sheet, deck.title, words("kit-sheet-heading"), activities, words("kit-tips-heading"),
                                    [words(t) for t in TIPS], words("kit-more-activities"), regular, bold)
    too_big = [Problem(Where(display_path(p)), f"{p.stat().st_size:,} bytes: over the 6 MB a board takes")
               for p in [*faces, board, sheet] if p.stat().st_size > UPLOAD_CAP_BYTES]
    if too_big:
        raise BuildError(too_big)
    return Kit(deck, folder, tuple(faces), board, sheet, tuple(board_texts), tuple(sheet_texts))


def _publish(folder: Path, target: Path) -> dict[Path, Path]:
    """Every staged file into `target` (same relative names), replacing an earlier kit's;
    the faces of cards a deck no longer has are removed from its cards/ folder."""
    moved = {}
    (target / "cards").mkdir(parents=True, exist_ok=True)
    wanted = {p.name for p in (folder / "cards").iterdir()}
    for old in (target / "cards").glob("*.png"):
        if old.name not in wanted:
            old.unlink()
    for path in sorted(folder.rglob("*.png")):
        destination = target / path.relative_to(folder)
        partial = destination.with_name(destination.name + ".partial")
        shutil.move(str(path), str(partial))
        partial.replace(destination)
        moved[path] = destination
    return moved
