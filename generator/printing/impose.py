"""Imposition: card faces placed on A4 or US Letter sheets for home and office printing. Pure.

All lengths in points, sheet coordinates from the paper's bottom-left corner.
- The grid and card orientation are chosen to fit the most cards with every card's
  trim inside the printer margin (5 mm), a mark's width in from it so the marks on the
  outer cut lines print; outer bleed may run into the margin. `marks_print` checks a
  plan: a sheet whose marks would fall in the margin is never drawn.
- `butted`: cards share cut lines, bleed only around the grid; `gutter`: every card
  keeps its own bleed, with a gutter of twice the bleed between cards.
- Backs are placed so each sits behind its front: a long-edge flip reverses the
  columns, a short-edge flip the rows; a back offset (dx, dy) corrects a printer
  that shifts the back side. The grid leaves room for the offset, so the shifted
  backs' trims stay printable, and the backs' marks are planned where the backs are.
- Fold-over: fronts on the left half of the sheet, backs on the right half mirrored
  about the fold line, for printers without duplex.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from generator.design.units import mm

PRINTER_MARGIN = mm(5)
MARK_LENGTH = mm(5)
MIN_MARK_LENGTH = mm(3)  # shorter than this is hard to see and to line a ruler up with
TICK_LENGTH = mm(3)
MARK_WIDTH = 0.3  # points
GEOMETRY_TOLERANCE = 1e-3  # points: far below what prints, far above float rounding
GRIDS = ("butted", "gutter")
DUPLEX = ("long-edge", "short-edge")

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Paper:
    name: str
    width: float
    height: float
    label: str


PAPERS = {
    "a4": Paper("a4", mm(210), mm(297), "A4"),
    "letter": Paper("letter", 612.0, 792.0, "US Letter"),
}


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    rotated: bool  # cards turned a quarter turn to fit more
    cell_width: float  # a card's trim as it lies on the sheet
    cell_height: float
    gutter: float
    x0: float  # bottom-left of the grid's trim area
    y0: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def width(self) -> float:
        return self.columns * self.cell_width + (self.columns - 1) * self.gutter

    @property
    def height(self) -> float:
        return self.rows * self.cell_height + (self.rows - 1) * self.gutter

    def cell(self, row: int, column: int) -> Rect:
        """Trim rectangle of the card at (row, column); row 0 is the top row."""
        x = self.x0 + column * (self.cell_width + self.gutter)
        y = self.y0 + self.height - (row + 1) * self.cell_height - row * self.gutter
        return (x, y, x + self.cell_width, y + self.cell_height)


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one face goes: its trim rectangle on the sheet, the turn applied to the
    face (degrees anticlockwise) and the area it may paint (trim plus any bleed)."""

    face: int  # index into the deck's faces
    trim: Rect
    rotation: int
    clip: Rect


@dataclass(frozen=True, slots=True)
class Sheet:
    side: str  # "front", "back" or "fold-over"
    number: int  # 1-based sheet number within the file
    slots: tuple[Slot, ...]
    marks: tuple[Segment, ...]
    fold: Segment | None = None


def fit_count(available: float, cell: float, gutter: float) -> int:
    return max(0, int(math.floor((available + gutter + 1e-6) / (cell + gutter))))


def choose_grid(card_width: float, card_height: float, bleed: float, paper: Paper, grid: str = "butted",
                area: Rect | None = None) -> Grid | None:
    """The grid holding the most cards inside `area` (default: the paper less the printer
    margin), its outer cut lines a mark's width inside it, so the marks drawn on them print."""
    x0, y0, x1, y1 = area or (PRINTER_MARGIN, PRINTER_MARGIN, paper.width - PRINTER_MARGIN, paper.height - PRINTER_MARGIN)
    x0, y0, x1, y1 = x0 + MARK_WIDTH, y0 + MARK_WIDTH, x1 - MARK_WIDTH, y1 - MARK_WIDTH
    gutter = 0.0 if grid == "butted" else 2 * bleed
    best: Grid | None = None
    for rotated in (False, True):
        w, h = (card_height, card_width) if rotated else (card_width, card_height)
        columns, rows = fit_count(x1 - x0, w, gutter), fit_count(y1 - y0, h, gutter)
        if columns * rows == 0 or (best is not None and columns * rows <= best.per_sheet):
            continue
        width, height = columns * w + (columns - 1) * gutter, rows * h + (rows - 1) * gutter
        best = Grid(columns, rows, rotated, w, h, gutter, (x0 + x1 - width) / 2, (y0 + y1 - height) / 2)
    return best


Cell = tuple[int, int]  # (row, column)


def duplex_grid(card_width: float, card_height: float, bleed: float, paper: Paper, grid: str = "butted",
                back_offset: tuple[float, float] = (0.0, 0.0)) -> Grid | None:
    """The grid for double-sided sheets: every front's trim inside the printable area, and
    every back's too, where the back offset moves it. The offset's room is taken on both
    sides of each axis, so the grid stays centred: a back sits behind its front only while
    the grid is centred on the axis the flip mirrors."""
    dx, dy = (abs(v) for v in back_offset)
    x0, y0, x1, y1 = printable_area(paper)
    return choose_grid(card_width, card_height, bleed, paper, grid, (x0 + dx, y0 + dy, x1 - dx, y1 - dy))


def printable_area(paper: Paper) -> Rect:
    return (PRINTER_MARGIN, PRINTER_MARGIN, paper.width - PRINTER_MARGIN, paper.height - PRINTER_MARGIN)


def marks_print(sheets: list[Sheet], paper: Paper) -> bool:
    """Whether every crop mark of the sheets, its line's width included, lies inside the
    printable area: the check a planned sheet must pass before it is drawn."""
    x0, y0, x1, y1 = printable_area(paper)
    tolerance = 1e-6

    def inside(a: float, b: float, c: float, d: float) -> bool:
        # A line's width spreads across it, not past its (butt) ends.
        across_x = MARK_WIDTH / 2 if a == c else 0.0
        across_y = MARK_WIDTH / 2 if b == d else 0.0
        return (x0 - tolerance <= min(a, c) - across_x and max(a, c) + across_x <= x1 + tolerance
                and y0 - tolerance <= min(b, d) - across_y and max(b, d) + across_y <= y1 + tolerance)

    return all(inside(*mark) for sheet in sheets for mark in sheet.marks)


def crop_marks(grid: Grid, bleed: float, paper: Paper, cells: set[Cell] | None = None) -> tuple[Segment, ...]:
    """A mark at both ends of every cut line of the occupied `cells` (default: all), each
    fully inside the printable area.

    A mark starts one bleed beyond the end of its cut line and runs outwards, MARK_LENGTH
    long, or shorter (at least MIN_MARK_LENGTH) where the printable area ends sooner.
    Where even that does not fit (9 poker cards on Letter leave 1.35 mm), the mark becomes
    a tick ON the cut line, running TICK_LENGTH into the cards from the end: the cut
    removes it, and it shows where to cut even across bands that run from card to card."""
    cells = cells if cells is not None else {(r, c) for r in range(grid.rows) for c in range(grid.columns)}
    area = printable_area(paper)
    verticals: dict[float, tuple[float, float]] = {}  # x -> the span of the cut line in y
    horizontals: dict[float, tuple[float, float]] = {}
    for row, column in cells:
        x0, y0, x1, y1 = grid.cell(row, column)
        for x in (x0, x1):
            low, high = verticals.get(round(x, 4), (y0, y1))
            verticals[round(x, 4)] = (min(low, y0), max(high, y1))
        for y in (y0, y1):
            low, high = horizontals.get(round(y, 4), (x0, x1))
            horizontals[round(y, 4)] = (min(low, x0), max(high, x1))
    marks: list[Segment] = []
    for x, (low, high) in sorted(verticals.items()):
        for end, outwards in ((high, 1), (low, -1)):
            a, b = _mark_span(end, outwards, bleed, area[1], area[3])
            marks.append((x, a, x, b))
    for y, (low, high) in sorted(horizontals.items()):
        for end, outwards in ((low, -1), (high, 1)):
            a, b = _mark_span(end, outwards, bleed, area[0], area[2])
            marks.append((a, y, b, y))
    return tuple(marks)


def _mark_span(end: float, outwards: int, bleed: float, lowest: float, highest: float) -> tuple[float, float]:
    """Where along its cut line the mark at `end` runs: (from, to) in increasing order."""
    start = end + outwards * bleed
    room = (highest - start) if outwards > 0 else (start - lowest)
    if room >= MIN_MARK_LENGTH - 1e-6:
        stop = start + outwards * min(MARK_LENGTH, room)
    else:  # no room outside: a tick on the cut line itself, into the cards
        start, stop = end, end - outwards * TICK_LENGTH
    return (min(start, stop), max(start, stop))


def clip_for(grid: Grid, row: int, column: int, bleed: float, cells: set[Cell] | None = None) -> Rect:
    """The area a card paints: its trim, plus its bleed on every side where no other card
    of the sheet (`cells`, default all) touches it. Gutter cards keep their bleed all round."""
    x0, y0, x1, y1 = grid.cell(row, column)
    if grid.gutter > 0:
        return (x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed)

    def open_side(r: int, c: int) -> bool:
        return not (0 <= r < grid.rows and 0 <= c < grid.columns) or (cells is not None and (r, c) not in cells)

    return (
        x0 - (bleed if open_side(row, column - 1) else 0),
        y0 - (bleed if open_side(row + 1, column) else 0),
        x1 + (bleed if open_side(row, column + 1) else 0),
        y1 + (bleed if open_side(row - 1, column) else 0),
    )


def back_position(grid: Grid, row: int, column: int, duplex: str) -> tuple[int, int]:
    """The back-sheet cell behind front cell (row, column)."""
    if duplex == "short-edge":
        return grid.rows - 1 - row, column
    return row, grid.columns - 1 - column


def back_rotation(front_rotation: int, duplex: str) -> int:
    """The turn that keeps a back's top behind its front's top after the sheet is flipped.

    A long-edge flip mirrors x, so a turn of t becomes -t; a short-edge flip mirrors y,
    so t becomes 180 - t (an upright card's back prints upside down)."""
    if duplex == "short-edge":
        return (180 - front_rotation) % 360
    return (-front_rotation) % 360


def shift(rect: Rect, dx: float, dy: float) -> Rect:
    return (rect[0] + dx, rect[1] + dy, rect[2] + dx, rect[3] + dy)


def duplex_sheets(cards: int, grid: Grid, bleed: float, paper: Paper, duplex: str = "long-edge",
                  back_offset: tuple[float, float] = (0.0, 0.0)) -> list[Sheet]:
    """Front sheet, then its back sheet, for every `grid.per_sheet` cards.

    Card k's front is face 2k and its back face 2k + 1 (the press order)."""
    sheets: list[Sheet] = []
    rotation = 90 if grid.rotated else 0
    dx, dy = back_offset
    shifted_grid = replace(grid, x0=grid.x0 + dx, y0=grid.y0 + dy)
    for start in range(0, cards, grid.per_sheet):
        placed = [divmod(i, grid.columns) for i in range(min(grid.per_sheet, cards - start))]
        front_cells = set(placed)
        back_cells = {back_position(grid, row, column, duplex) for row, column in placed}
        fronts, backs = [], []
        for card, (row, column) in enumerate(placed, start):
            fronts.append(Slot(2 * card, grid.cell(row, column), rotation, clip_for(grid, row, column, bleed, front_cells)))
            back_row, back_column = back_position(grid, row, column, duplex)
            backs.append(Slot(
                2 * card + 1,
                shift(grid.cell(back_row, back_column), dx, dy),
                back_rotation(rotation, duplex),
                shift(clip_for(grid, back_row, back_column, bleed, back_cells), dx, dy),
            ))
        number = len(sheets) // 2 + 1
        # Only the cuts of cards on this sheet are marked (a last sheet may be part-filled).
        # The backs' marks are planned where the backs are, so a shift that brings a cut
        # line nearer the paper's edge shortens its marks rather than pushing them off.
        sheets.append(Sheet("front", number, tuple(fronts), crop_marks(grid, bleed, paper, front_cells)))
        sheets.append(Sheet("back", number, tuple(backs), crop_marks(shifted_grid, bleed, paper, back_cells)))
    return sheets


def landscape(paper: Paper) -> Paper:
    return Paper(paper.name, paper.height, paper.width, f"{paper.label} landscape")


def foldover(cards: int, card_width: float, card_height: float, bleed: float, paper: Paper) -> tuple[Paper, list[Sheet]]:
    """Fold-over sheets on the paper upright or, if that holds more cards a sheet (or
    upright holds none, as for A6 cards on A4), turned landscape; no sheets if neither fits."""
    best, most = paper, 0
    for candidate in (paper, landscape(paper)):
        grid = _foldover_grid(card_width, card_height, bleed, candidate)
        if grid is not None and grid.per_sheet > most:
            best, most = candidate, grid.per_sheet
    return best, (foldover_sheets(cards, card_width, card_height, bleed, best) if most else [])


def _foldover_grid(card_width: float, card_height: float, bleed: float, paper: Paper) -> Grid | None:
    """The left half's grid, pushed against the fold so each back mirrors its front across it."""
    half = paper.width / 2
    area_left = (PRINTER_MARGIN, PRINTER_MARGIN, half - bleed, paper.height - PRINTER_MARGIN)
    grid = choose_grid(card_width, card_height, bleed, paper, "gutter", area_left)
    if grid is None:
        return None
    return Grid(grid.columns, grid.rows, grid.rotated, grid.cell_width, grid.cell_height, grid.gutter,
                half - bleed - grid.width, grid.y0)


def foldover_sheets(cards: int, card_width: float, card_height: float, bleed: float, paper: Paper) -> list[Sheet]:
    """Fronts on the left half, backs mirrored about a vertical fold line on the right half.

    Each card keeps its own bleed; the fold runs down the middle of the gutter, so after
    folding and gluing, cutting along the marks removes the fold."""
    half = paper.width / 2
    grid = _foldover_grid(card_width, card_height, bleed, paper)
    if grid is None:
        return []
    rotation = 90 if grid.rotated else 0
    sheets = []
    for start in range(0, cards, grid.per_sheet):
        placed = [divmod(i, grid.columns) for i in range(min(grid.per_sheet, cards - start))]
        left_marks = crop_marks(grid, bleed, paper, set(placed))
        mirrored = tuple((2 * half - x1, y0, 2 * half - x0, y1) for x0, y0, x1, y1 in left_marks)
        marks = tuple(m for m in left_marks + mirrored if not _crosses_fold(m, half, bleed))
        slots = []
        for card, (row, column) in enumerate(placed, start):
            x0, y0, x1, y1 = grid.cell(row, column)
            slots.append(Slot(2 * card, (x0, y0, x1, y1), rotation, (x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed)))
            bx0, bx1 = 2 * half - x1, 2 * half - x0
            slots.append(Slot(2 * card + 1, (bx0, y0, bx1, y1), back_rotation(rotation, "long-edge"), (bx0 - bleed, y0 - bleed, bx1 + bleed, y1 + bleed)))
        fold = (half, grid.y0 - bleed, half, grid.y0 + grid.height + bleed)
        sheets.append(Sheet("fold-over", len(sheets) + 1, tuple(slots), marks, fold))
    return sheets


@dataclass(frozen=True)
class NotePlace:
    x: float  # start of the baseline
    y: float
    rotation: int  # 0, or 90 for a note running up the left margin


NOTE_SIZE = 7.0  # points
NOTE_ASCENT, NOTE_DESCENT = 0.8, 0.3  # of the size, generous for any text face


def note_place(sheet: Sheet, paper: Paper, length: float) -> NotePlace | None:
    """Where a one-line note of `length` points fits in the printable margin, clear of the
    cards, their bleed and the crop marks (a millimetre from each): along the bottom
    margin, centred where nothing is in the way, else in the widest stretch free of marks;
    the same along the top; else running up the left margin, or down the right one.
    None where no margin has room (a shorter note may fit)."""
    clear, edge = mm(1), mm(0.5)  # from the cards and marks; from the printable area's edge
    up, down = NOTE_ASCENT * NOTE_SIZE, NOTE_DESCENT * NOTE_SIZE
    run = length + 2 * clear
    lowest = PRINTER_MARGIN + edge + down  # a baseline whose descenders stay printable
    highest = paper.height - PRINTER_MARGIN - edge - up
    for baseline in (lowest, highest):
        x = _free_run(_blocking(sheet, 1, baseline - down - clear, baseline + up + clear), paper.width, run)
        if x is not None:
            return NotePlace(x + clear, baseline, 0)
    # Turned a quarter anticlockwise on the left (reading up), clockwise on the right
    # (reading down): the ascenders point at the paper's edge either way.
    left = PRINTER_MARGIN + edge + up
    y = _free_run(_blocking(sheet, 0, left - up - clear, left + down + clear), paper.height, run)
    if y is not None:
        return NotePlace(left, y + clear, 90)
    right = paper.width - PRINTER_MARGIN - edge - up
    y = _free_run(_blocking(sheet, 0, right - down - clear, right + up + clear), paper.height, run)
    if y is not None:
        return NotePlace(right, y + clear + length, 270)
    return None  # the cards fill the printable area: no margin holds this note


def _blocking(sheet: Sheet, axis: int, low: float, high: float) -> list[tuple[float, float]]:
    """What lies across a band of the sheet (from `low` to `high` on `axis`: 1 for a band
    along the bottom or top, 0 for one up a side), as spans along the band: the cards
    with their bleed, and the marks with their line's width."""
    along = 1 - axis
    half = MARK_WIDTH / 2
    rects = [slot.clip for slot in sheet.slots]
    rects += [(min(m[0], m[2]) - half, min(m[1], m[3]) - half, max(m[0], m[2]) + half, max(m[1], m[3]) + half)
              for m in sheet.marks]
    return [(r[along], r[along + 2]) for r in rects if r[axis] < high and r[axis + 2] > low]


def _free_run(blocked: list[tuple[float, float]], extent: float, width: float) -> float | None:
    """Where a run `width` long starts between the printer margins of a band `extent` long
    with the `blocked` spans: centred if it can be, else centred in the widest free
    stretch; None if no stretch is wide enough."""
    free, start = [], PRINTER_MARGIN
    for a, b in sorted(blocked):
        if a > start:
            free.append((start, a))
        start = max(start, b)
    if extent - PRINTER_MARGIN > start:
        free.append((start, extent - PRINTER_MARGIN))
    centred = (extent - width) / 2
    if any(a <= centred and centred + width <= b for a, b in free):
        return centred
    wide = [(b - a, a) for a, b in free if b - a >= width]
    if not wide:
        return None
    room, a = max(wide)
    return a + (room - width) / 2


def _crosses_fold(mark: Segment, half: float, bleed: float) -> bool:
    """A horizontal mark that would run over the fold gutter (it is left out). A vertical
    mark never does: the cut lines beside the fold lie a bleed from it, and a float's
    rounding must not take one for a mark in the gutter."""
    x0, y0, x1, y1 = mark
    if abs(y0 - y1) > GEOMETRY_TOLERANCE:
        return False
    return min(x0, x1) < half + bleed - GEOMETRY_TOLERANCE and max(x0, x1) > half - bleed + GEOMETRY_TOLERANCE


CALIBRATION_RANGE_MM = 4.0
CALIBRATION_STEP_MM = 0.5


@dataclass(frozen=True)
class Tick:
    segment: Segment
    value: float  # the back offset (mm) to give if the back's line shows through at this tick
    labelled: bool  # every 2 mm


@dataclass(frozen=True)
class Calibration:
    """Stepped scales on the front, and on the back one line behind each scale's zero.

    Printed double-sided and held to the light, the back's line shows through next to
    the tick that gives the offset to build with: `--back-offset DX,DY`. Each tick's
    value is worked out for the flip: on the axis the flip mirrors, a back that prints
    too far one way shows through on the other side."""

    paper: Paper
    duplex: str
    x_ticks: tuple[Tick, ...]  # a horizontal scale of vertical ticks: DX
    y_ticks: tuple[Tick, ...]  # a vertical scale of horizontal ticks: DY
    back_lines: tuple[Segment, Segment]  # on the back page: behind the DX zero, behind the DY zero


def calibration(paper: Paper, duplex: str = "long-edge") -> Calibration:
    width, height = paper.width, paper.height
    x_zero, x_base = width / 2, height * 0.55  # DX scale: ticks rise from a baseline
    y_zero, y_base = height * 0.35, width / 2  # DY scale: ticks run right from a baseline
    mirrors_x, mirrors_y = duplex == "long-edge", duplex == "short-edge"
    steps = int(round(2 * CALIBRATION_RANGE_MM / CALIBRATION_STEP_MM)) + 1
    x_ticks, y_ticks = [], []
    for i in range(steps):
        d = round(-CALIBRATION_RANGE_MM + i * CALIBRATION_STEP_MM, 2)
        whole, labelled = d == int(d), d % 2 == 0
        length = mm(8) if labelled else mm(6) if whole else mm(4)
        x = x_zero + mm(d)
        x_ticks.append(Tick((x, x_base, x, x_base + length), d if mirrors_x else -d, labelled))
        y = y_zero + mm(d)
        y_ticks.append(Tick((y_base, y, y_base + length, y), d if mirrors_y else -d, labelled))
    line = mm(30)
    # The same places seen from the back page (which the printer draws flipped).
    bx = width - x_zero if mirrors_x else x_zero
    by = height - y_zero if mirrors_y else y_zero
    x_line_y0 = (height - x_base - line) if mirrors_y else x_base
    y_line_x0 = (width - y_base - line) if mirrors_x else y_base
    back_lines = ((bx, x_line_y0, bx, x_line_y0 + line), (y_line_x0, by, y_line_x0 + line, by))
    return Calibration(paper, duplex, tuple(x_ticks), tuple(y_ticks), back_lines)
