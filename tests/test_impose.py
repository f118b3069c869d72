"""Imposition geometry as numbers: grids, crop marks, backs for both flips and offsets."""
from __future__ import annotations

import pytest

from generator.design.units import mm
from itertools import product

from generator.printing.impose import (
    DUPLEX,
    GRIDS,
    MARK_LENGTH,
    MARK_WIDTH,
    PAPERS,
    PRINTER_MARGIN,
    back_position,
    back_rotation,
    calibration,
    choose_grid,
    crop_marks,
    duplex_grid,
    duplex_sheets,
    foldover,
    foldover_sheets,
    marks_print,
    note_place,
    printable_area,
)

SIZES = {
    "poker": (63.5, 88.9), "poker-eu": (63, 88), "bridge": (57.15, 88.9), "tarot": (70, 120),
    "mini-us": (41.3, 63.5), "mini-eu": (44, 68), "square": (70, 70), "a6": (105, 148), "a7": (74, 105),
    "business-eu": (85, 55), "business-us": (88.9, 50.8),
}
# (columns, rows, rotated) for A4 butted, A4 gutter, Letter butted, Letter gutter
EXPECTED = {
    "poker": [(3, 3, False), (2, 4, True), (3, 3, False), (3, 2, False)],
    "poker-eu": [(3, 3, False), (2, 4, True), (3, 3, False), (3, 2, False)],
    "bridge": [(2, 5, True), (3, 3, False), (3, 3, False), (2, 4, True)],
    "tarot": [(2, 2, False)] * 4,
    "mini-us": [(3, 6, True), (4, 4, False), (3, 6, True), (3, 5, True)],
    "mini-eu": [(4, 4, False), (4, 3, False), (3, 6, True), (4, 3, False)],
    "square": [(2, 4, False), (2, 3, False), (2, 3, False), (2, 3, False)],
    "a6": [(1, 2, True)] * 4,
    "a7": [(2, 2, False)] * 4,
    "business-eu": [(2, 5, False), (3, 3, True), (3, 3, True), (3, 3, True)],
    "business-us": [(2, 5, False), (2, 5, False), (4, 3, True), (2, 4, False)],
}
BLEED = mm(3)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_grid_that_fits_most_cards_inside_the_printer_margin(size):
    width, height = (mm(v) for v in SIZES[size])
    got = []
    for paper in ("a4", "letter"):
        for style in ("butted", "gutter"):
            grid = choose_grid(width, height, BLEED, PAPERS[paper], style)
            got.append((grid.columns, grid.rows, grid.rotated))
            # every trim edge is inside the 5 mm margin
            assert grid.x0 >= PRINTER_MARGIN - 1e-6 and grid.x0 + grid.width <= PAPERS[paper].width - PRINTER_MARGIN + 1e-6
            assert grid.y0 >= PRINTER_MARGIN - 1e-6 and grid.y0 + grid.height <= PAPERS[paper].height - PRINTER_MARGIN + 1e-6
    assert got == EXPECTED[size]


def test_nine_poker_cards_butted_on_a4_and_letter():
    for paper in ("a4", "letter"):
        assert choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS[paper], "butted").per_sheet >= 9


def test_gutter_grids_leave_twice_the_bleed_between_cards():
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["letter"], "gutter")
    first, second = grid.cell(0, 0), grid.cell(0, 1)
    assert second[0] - first[2] == pytest.approx(mm(6))


def test_crop_marks_for_poker_on_a4():
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["a4"], "butted")
    assert grid.x0 == pytest.approx(mm(9.75)) and grid.y0 == pytest.approx(mm(15.15))
    marks = crop_marks(grid, BLEED, PAPERS["a4"])
    assert len(marks) == 2 * 4 + 2 * 4  # 4 vertical and 4 horizontal cut lines, a mark at each end
    top = mm(15.15 + 3 * 88.9)
    verticals = sorted(m for m in marks if m[0] == m[2] and m[1] > top)
    assert [m[0] / mm(1) for m in verticals] == pytest.approx([9.75, 73.25, 136.75, 200.25])
    for _, y0, _, y1 in verticals:
        assert y0 == pytest.approx(top + BLEED)  # starts one bleed beyond the trim
        assert y1 - y0 == pytest.approx(MARK_LENGTH)  # 5 mm long


def test_long_edge_backs_reverse_columns_and_mirror_x():
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["a4"], "butted")
    assert back_position(grid, 0, 0, "long-edge") == (0, 2)
    assert back_position(grid, 2, 1, "long-edge") == (2, 1)
    front, back = duplex_sheets(9, grid, BLEED, PAPERS["a4"])
    width = PAPERS["a4"].width
    for f, b in zip(front.slots, back.slots):
        assert b.face == f.face + 1
        assert (b.trim[0], b.trim[2]) == pytest.approx((width - f.trim[2], width - f.trim[0]))  # x mirrors
        assert (b.trim[1], b.trim[3]) == pytest.approx((f.trim[1], f.trim[3]))  # y stays


def test_short_edge_backs_reverse_rows_and_turn_half_round():
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["a4"], "butted")
    assert back_position(grid, 0, 0, "short-edge") == (2, 0)
    front, back = duplex_sheets(9, grid, BLEED, PAPERS["a4"], "short-edge")
    height = PAPERS["a4"].height
    for f, b in zip(front.slots, back.slots):
        assert (b.trim[0], b.trim[2]) == pytest.approx((f.trim[0], f.trim[2]))
        assert (b.trim[1], b.trim[3]) == pytest.approx((height - f.trim[3], height - f.trim[1]))
        assert b.rotation == 180


def test_back_offset_shifts_backs_and_their_marks_only():
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["a4"], "butted")
    plain_front, plain_back = duplex_sheets(9, grid, BLEED, PAPERS["a4"])
    front, back = duplex_sheets(9, grid, BLEED, PAPERS["a4"], back_offset=(mm(1.5), mm(-0.5)))
    assert front == plain_front
    for shifted, plain in zip(back.slots, plain_back.slots):
        assert shifted.trim == pytest.approx((plain.trim[0] + mm(1.5), plain.trim[1] - mm(0.5), plain.trim[2] + mm(1.5), plain.trim[3] - mm(0.5)))
    assert back.marks[0][0] == pytest.approx(plain_back.marks[0][0] + mm(1.5))


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_a_backs_top_lies_behind_its_fronts_top(duplex, turn):
    import math

    def up(degrees):  # the direction a face's top points after turning it anticlockwise
        return (round(-math.sin(math.radians(degrees)), 6), round(math.cos(math.radians(degrees)), 6))

    front_up = up(turn)
    # Seen from the back page (as the printer draws it), the flip mirrors one axis.
    seen_from_back = (-front_up[0], front_up[1]) if duplex == "long-edge" else (front_up[0], -front_up[1])
    assert up(back_rotation(turn, duplex)) == seen_from_back


def test_back_rotations_in_numbers():
    assert back_rotation(90, "long-edge") == 270
    assert back_rotation(0, "long-edge") == 0
    assert back_rotation(90, "short-edge") == 90
    assert back_rotation(0, "short-edge") == 180


def test_sheets_come_in_front_back_pairs_and_the_last_one_is_partial():
    grid = choose_grid(mm(70), mm(120), BLEED, PAPERS["a4"], "butted")  # tarot: 4 a sheet
    sheets = duplex_sheets(13, grid, BLEED, PAPERS["a4"])
    assert [s.side for s in sheets] == ["front", "back"] * 4
    assert [len(s.slots) for s in sheets] == [4, 4, 4, 4, 4, 4, 1, 1]
    assert [slot.face for slot in sheets[6].slots + sheets[7].slots] == [24, 25]


def test_foldover_mirrors_backs_across_the_fold():
    sheets = foldover_sheets(3, mm(63.5), mm(88.9), BLEED, PAPERS["a4"])
    half = PAPERS["a4"].width / 2
    sheet = sheets[0]
    assert sheet.fold[0] == sheet.fold[2] == pytest.approx(half)
    fronts, backs = sheet.slots[0::2], sheet.slots[1::2]
    for f, b in zip(fronts, backs):
        assert b.face == f.face + 1
        assert half - f.trim[2] == pytest.approx(b.trim[0] - half) == pytest.approx(BLEED)  # each a bleed from the fold
        assert f.trim[1] == b.trim[1]
    assert all(not (min(m[0], m[2]) < half + BLEED - 1e-3 and max(m[0], m[2]) > half - BLEED + 1e-3) for m in sheet.marks if m[1] == m[3])


def test_the_note_goes_below_the_grid_or_up_the_side():
    a4 = duplex_sheets(9, choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["a4"], "butted"), BLEED, PAPERS["a4"])[0]
    place = note_place(a4, PAPERS["a4"], 150)  # 53 mm: between two marks below the grid
    assert place.rotation == 0 and place.y >= PRINTER_MARGIN
    assert mm(73.25) < place.x and place.x + 150 < mm(136.75)
    assert note_place(a4, PAPERS["a4"], 300) is None  # 106 mm: wider than any free stretch of margin
    letter = duplex_sheets(9, choose_grid(mm(63.5), mm(88.9), BLEED, PAPERS["letter"], "butted"), BLEED, PAPERS["letter"])[0]
    place = note_place(letter, PAPERS["letter"], 160)
    assert place.rotation == 90 and place.x >= PRINTER_MARGIN  # no room above or below: up the left margin


def _seen_from_front(point, paper, duplex):
    """Where a point on the back page shows through, in front-page coordinates."""
    x, y = point
    if duplex == "long-edge":
        return (paper.width - x, y)
    return (x, paper.height - y)


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
@pytest.mark.parametrize("shift_mm", [(0, 0), (1.5, -2), (-3, 0.5)])
def test_calibration_reads_the_offset_that_cancels_the_printers_shift(duplex, shift_mm):
    paper = PAPERS["a4"]
    plan = calibration(paper, duplex)
    sx, sy = mm(shift_mm[0]), mm(shift_mm[1])
    # The printer shifts everything on the back page by (sx, sy).
    (vx0, vy0, _, _), (hx0, hy0, _, _) = plan.back_lines
    seen_x, _ = _seen_from_front((vx0 + sx, vy0 + sy), paper, duplex)
    _, seen_y = _seen_from_front((hx0 + sx, hy0 + sy), paper, duplex)
    dx = next(t.value for t in plan.x_ticks if abs(t.segment[0] - seen_x) < 0.01)
    dy = next(t.value for t in plan.y_ticks if abs(t.segment[1] - seen_y) < 0.01)
    # The reading is the back offset that moves the backs back into place.
    assert (dx, dy) == pytest.approx((-shift_mm[0], -shift_mm[1]))


def test_marks_that_cannot_print_outside_become_ticks_on_the_cut():
    """9 poker cards on Letter leave 1.35 mm between the grid and the printable edge above
    and below: the marks of the vertical cuts become 3 mm ticks on the cut lines, running
    into the cards; the side marks have 4.7 mm of room and stay outside, that long."""
    letter = PAPERS["letter"]
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, letter, "butted")
    assert (grid.columns, grid.rows) == (3, 3)
    marks = crop_marks(grid, BLEED, letter)
    top, bottom = grid.y0 + grid.height, grid.y0
    verticals = [m for m in marks if m[0] == m[2]]
    assert len(verticals) == 8
    for x0, y0, x1, y1 in verticals:
        assert (y0, y1) in [pytest.approx((top - mm(3), top)), pytest.approx((bottom, bottom + mm(3)))]
    for x0, y0, x1, y1 in (m for m in marks if m[1] == m[3]):
        assert x1 - x0 == pytest.approx(mm(4.7)) and (x1 <= grid.x0 - BLEED + 1e-6 or x0 >= grid.x0 + grid.width + BLEED - 1e-6)
    for x0, y0, x1, y1 in marks:
        assert PRINTER_MARGIN - 1e-6 <= min(x0, x1) and max(x0, x1) <= letter.width - PRINTER_MARGIN + 1e-6
        assert PRINTER_MARGIN - 1e-6 <= min(y0, y1) and max(y0, y1) <= letter.height - PRINTER_MARGIN + 1e-6


def test_a_part_filled_sheet_marks_only_its_cards_and_bleeds_into_empty_slots():
    a4 = PAPERS["a4"]
    grid = choose_grid(mm(63.5), mm(88.9), BLEED, a4, "butted")
    front, back = duplex_sheets(4, grid, BLEED, a4)  # a row of three, and one card below
    xs = {round(m[0], 3) for m in front.marks if m[0] == m[2]}
    ys = {round(m[1], 3) for m in front.marks if m[1] == m[3]}
    assert len(xs) == 4 and len(ys) == 3  # the third row's bottom edge is no cut
    below_empty = front.slots[1]  # row 0, column 1: the slot under it is empty
    assert below_empty.clip[1] == pytest.approx(below_empty.trim[1] - BLEED)
    beside_empty = front.slots[3]  # row 1, column 0: empty to its right
    assert beside_empty.clip[2] == pytest.approx(beside_empty.trim[2] + BLEED)
    assert len(back.marks) == len(front.marks)


@pytest.mark.parametrize("size", sorted(SIZES) + ["100x140", "200x140", "200x280", "200x287", "95x138.5"])
def test_every_planned_mark_prints_inside_the_printer_margin(size):
    """Cards that fill the printable width or height exactly (two 100 mm cards in A4's
    200 mm) put their outer cut lines on the margin, where half of a mark's line would
    fall outside: such a grid holds fewer cards, and what is planned always prints."""
    width, height = (mm(float(v)) for v in (SIZES[size] if size in SIZES else size.split("x")))
    for paper in PAPERS.values():
        for style in ("butted", "gutter"):
            grid = choose_grid(width, height, BLEED, paper, style)
            if grid is None:
                continue
            assert grid.x0 >= PRINTER_MARGIN + MARK_WIDTH - 1e-6 and grid.y0 >= PRINTER_MARGIN + MARK_WIDTH - 1e-6
            for duplex in ("long-edge", "short-edge"):
                assert marks_print(duplex_sheets(13, grid, BLEED, paper, duplex), paper), (size, paper.name, style, duplex)
        _, sheets = foldover(13, width, height, BLEED, paper)
        assert marks_print(sheets, foldover(13, width, height, BLEED, paper)[0]) if sheets else True


def test_two_cards_that_fill_the_width_exactly_become_one_column():
    grid = choose_grid(mm(100), mm(140), BLEED, PAPERS["a4"], "butted")
    assert (grid.columns, grid.rows) == (1, 2)
    assert choose_grid(mm(200), mm(280), BLEED, PAPERS["a4"], "butted") is None


def test_marks_outside_the_printable_area_are_found():
    grid = choose_grid(mm(70), mm(120), BLEED, PAPERS["a4"], "butted")
    sheets = duplex_sheets(4, grid, BLEED, PAPERS["a4"])
    assert marks_print(sheets, PAPERS["a4"])
    shifted = duplex_sheets(4, grid, BLEED, PAPERS["a4"], back_offset=(0.0, mm(40)))
    assert not marks_print(shifted, PAPERS["a4"])


# What the calibration sheet can suggest (it reads -4..4 mm), on each axis alone and both.
STEPS_MM = (-3, -1.5, -0.1, 0.1, 1.5, 3)
OFFSETS_MM = sorted({(d, 0) for d in STEPS_MM} | {(0, d) for d in STEPS_MM} | set(product((-3, -0.1, 1.5), (-1.5, 0.1, 3)))
                    | {(1.5, -0.5), (-4, 4), (4, -4)})
GEOMETRY_TOLERANCE = 1e-6


def unmarked_cut_ends(sheet, bleed: float = BLEED) -> list[tuple]:
    """Each end of each cut line of the sheet's cards with no mark: a mark on the line's
    own x (or y), outside the end within a bleed of it, or a tick that ends on it. A cut
    line is straight across the sheet (a guillotine's), so collinear trim edges are one."""
    lines: dict[tuple[str, float], list[float]] = {}
    for slot in sheet.slots:
        x0, y0, x1, y1 = slot.trim
        for x in (x0, x1):
            lines.setdefault(("x", round(x, 3)), []).extend((y0, y1))
        for y in (y0, y1):
            lines.setdefault(("y", round(y, 3)), []).extend((x0, x1))
    missing = []
    for (axis, at), spans in lines.items():
        on_line = [(m[1], m[3]) if axis == "x" else (m[0], m[2]) for m in sheet.marks
                   if (axis == "x" and abs(m[0] - at) < 1e-3 and abs(m[2] - at) < 1e-3)
                   or (axis == "y" and abs(m[1] - at) < 1e-3 and abs(m[3] - at) < 1e-3)]
        for end, outwards in ((min(spans), -1), (max(spans), 1)):
            def marks_it(a: float, b: float) -> bool:
                near = a if outwards > 0 else b  # the mark's end nearest the cut line's end
                outside = 0 <= (near - end) * outwards <= bleed + 1e-3
                tick = abs((b if outwards > 0 else a) - end) < 1e-3 and (near - end) * outwards <= 1e-3
                return outside or tick
            if not any(marks_it(min(a, b), max(a, b)) for a, b in on_line):
                missing.append((axis, round(at / mm(1), 2), round(end / mm(1), 2)))
    return missing


def _inside_printable(rect, paper) -> bool:
    x0, y0, x1, y1 = printable_area(paper)
    return (rect[0] >= x0 - GEOMETRY_TOLERANCE and rect[1] >= y0 - GEOMETRY_TOLERANCE
            and rect[2] <= x1 + GEOMETRY_TOLERANCE and rect[3] <= y1 + GEOMETRY_TOLERANCE)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_offset_the_calibration_sheet_can_suggest_prints(size):
    """--back-offset once failed 25 of 70 builds: the backs' marks were the fronts' moved,
    and marks ending on the 5 mm line went over it. Every layout x paper x grid x flip x
    offset now gives sheets whose marks print, whose shifted backs stay printable and sit
    behind their fronts, and whose every cut line is marked at both ends on both sides."""
    width, height = (mm(v) for v in SIZES[size])
    for paper, style, duplex, (dx_mm, dy_mm) in product(PAPERS.values(), GRIDS, DUPLEX, OFFSETS_MM):
        case = (size, paper.name, style, duplex, dx_mm, dy_mm)
        offset = (mm(dx_mm), mm(dy_mm))
        grid = duplex_grid(width, height, BLEED, paper, style, offset)
        assert grid is not None, case
        plain = choose_grid(width, height, BLEED, paper, style)
        assert grid.per_sheet >= plain.per_sheet - max(plain.columns, plain.rows), case  # a row or column at most
        sheets = duplex_sheets(13, grid, BLEED, paper, duplex, offset)
        assert marks_print(sheets, paper), case
        for front, back in zip(sheets[0::2], sheets[1::2]):
            assert unmarked_cut_ends(front) == [] and unmarked_cut_ends(back) == [], case
            for f, b in zip(front.slots, back.slots):
                assert _inside_printable(f.trim, paper) and _inside_printable(b.trim, paper), case
                # Behind its front once the printer's shift is undone.
                fx0, fy0, fx1, fy1 = f.trim
                if duplex == "long-edge":
                    expected = (paper.width - fx1, fy0, paper.width - fx0, fy1)
                else:
                    expected = (fx0, paper.height - fy1, fx1, paper.height - fy0)
                assert b.trim == pytest.approx((expected[0] + offset[0], expected[1] + offset[1],
                                                expected[2] + offset[0], expected[3] + offset[1])), case


def test_an_offset_costs_cards_only_where_the_sheet_has_no_room():
    a4, letter = PAPERS["a4"], PAPERS["letter"]
    poker = (mm(63.5), mm(88.9))
    # A4 has 10 mm to spare across 3 poker columns and 22 mm down 3 rows: room for any offset.
    assert duplex_grid(*poker, BLEED, a4, "butted", (mm(-3), mm(-3))).per_sheet == 9
    # Letter has 2.5 mm down 3 rows: 1 mm each way fits, 1.5 mm needs the grid turned (8).
    assert duplex_grid(*poker, BLEED, letter, "butted", (0.0, mm(1))).per_sheet == 9
    assert duplex_grid(*poker, BLEED, letter, "butted", (0.0, mm(1.5))).per_sheet == 8


def test_every_cut_line_of_every_fold_over_is_marked_at_both_ends():
    """A vertical mark 4.2e-5 pt past `half - bleed` was taken for one crossing the fold and
    dropped: 21 of 22 fold-over files left the cut beside the fold unmarked."""
    sizes = list(SIZES.values()) + [(63.5 + k * 0.37, 88.9 + k * 0.53) for k in range(1, 12)]
    for (w, h), paper in product(sizes, PAPERS.values()):
        sheet_paper, sheets = foldover(13, mm(w), mm(h), BLEED, paper)
        for sheet in sheets:
            assert unmarked_cut_ends(sheet) == [], (w, h, paper.name, sheet.number)
            half = sheet_paper.width / 2
            assert not [m for m in sheet.marks if m[1] == m[3] and min(m[0], m[2]) < half + BLEED - 1e-3
                        and max(m[0], m[2]) > half - BLEED + 1e-3], "a mark over the fold"


def _note_box(place, length: float):
    from generator.printing.impose import NOTE_ASCENT, NOTE_DESCENT, NOTE_SIZE

    up, down = NOTE_ASCENT * NOTE_SIZE, NOTE_DESCENT * NOTE_SIZE
    if place.rotation == 0:
        return (place.x, place.y - down, place.x + length, place.y + up)
    if place.rotation == 90:  # reading up: ascenders towards the left edge
        return (place.x - up, place.y, place.x + down, place.y + length)
    return (place.x - down, place.y - length, place.x + up, place.y)  # 270, reading down


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_note_never_crosses_a_mark_or_a_card():
    """With the marks beside the fold drawn again, a fold-over's bottom margin holds marks
    only: the note goes between two of them, never across one. Where no margin has room
    for the note (the longest, Welsh: 55 mm on sheets, 93 mm on fold-overs), the short
    one ("Print at 100%", 25 mm at most) goes there instead, or none where the cards fill
    the printable area; whichever is placed crosses nothing."""
    placed = {"full": 0, "short": 0, "none": 0}
    for (w, h), paper in product(SIZES.values(), PAPERS.values()):
        sheet_sets = [(mm(93), *foldover(13, mm(w), mm(h), BLEED, paper))]
        for style, duplex in product(GRIDS, DUPLEX):
            grid = choose_grid(mm(w), mm(h), BLEED, paper, style)
            if grid is not None:
                sheet_sets.append((mm(55), paper, duplex_sheets(13, grid, BLEED, paper, duplex)))
        for length, sheet_paper, sheets in sheet_sets:
            for sheet in sheets:
                case = (w, h, paper.name, sheet.side)
                place, used = note_place(sheet, sheet_paper, length), length
                if place is None:
                    place, used = note_place(sheet, sheet_paper, mm(25)), mm(25)
                placed["none" if place is None else "full" if used == length else "short"] += 1
                if place is None:
                    continue
                box = _note_box(place, used)
                assert _inside_printable(box, sheet_paper), case
                for mark in sheet.marks:
                    half = MARK_WIDTH / 2
                    drawn = (min(mark[0], mark[2]) - half, min(mark[1], mark[3]) - half, max(mark[0], mark[2]) + half, max(mark[1], mark[3]) + half)
                    assert not _overlaps(box, drawn), case
                for slot in sheet.slots:
                    assert not _overlaps(box, slot.clip), case
    assert placed["full"] > 10 * (placed["short"] + placed["none"]), placed


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_flagships_sheets_carry_the_whole_note(paper):
    """Tarot (the flagship's layout) and poker leave room for the longest note everywhere."""
    for size in ("tarot", "poker"):
        width, height = (mm(v) for v in SIZES[size])
        grid = choose_grid(width, height, BLEED, PAPERS[paper], "butted")
        for sheet in duplex_sheets(13, grid, BLEED, PAPERS[paper]):
            assert note_place(sheet, PAPERS[paper], mm(55)) is not None, (size, sheet.side)
        sheet_paper, sheets = foldover(13, width, height, BLEED, PAPERS[paper])
        for sheet in sheets:
            assert note_place(sheet, sheet_paper, mm(75)) is not None, (size, "fold-over")


def test_the_sizes_here_are_every_built_in_layout():
    """The geometry tests above run over every layout the tool ships, at its own size and bleed."""
    from generator.design.layout import load_layout
    from generator.design.listing import list_layouts
    from generator.errors import Problems, Where

    names = sorted(entry.split()[0] for entry in list_layouts())
    assert names == sorted(SIZES)
    for name in names:
        problems = Problems()
        layout = load_layout(name, None, problems, Where("test"))
        assert not problems.items
        assert (round(layout.width / mm(1), 2), round(layout.height / mm(1), 2)) == SIZES[name]
        assert layout.bleed == pytest.approx(BLEED)
