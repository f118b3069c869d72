"""The A4, Letter and fold-over sheets of the flagship deck, read back."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import ROOT
from pdfread import MM, fonts_of, page_texts
from pypdf import PdfReader

from generator.cli import main
from generator.pipeline import PrintOptions, build
from generator.printing.impose import PAPERS, choose_grid

FLAGSHIP = ROOT / "cards" / "system-leadership"
TAROT = (70 * MM, 120 * MM)


def sheet_files(built_all, kind):
    return {name: path for (deck, name), path in built_all.items() if deck == "system-leadership" and name.endswith(f"-{kind}.pdf")}


def cell_of(grid, x, y):
    for row in range(grid.rows):
        for column in range(grid.columns):
            x0, y0, x1, y1 = grid.cell(row, column)
            if x0 <= x <= x1 and y0 <= y <= y1:
                return (x0, y0, x1, y1)
    raise AssertionError(f"({x}, {y}) is in no card")


def footers(page, count=13, upside_down=False):
    """k -> centre of the 'k/N' footer, in PDF coordinates (y up). Text turned half
    round reads backwards to pdfplumber, so then look for the reversed string."""
    found = {}
    for k in range(1, count + 1):
        text = f"{k}/{count}"[::-1] if upside_down else f"{k}/{count}"
        for match in page.search(rf"(?<![\d/]){re.escape(text)}(?![\d/])"):
            found[k] = ((match["x0"] + match["x1"]) / 2, page.height - (match["top"] + match["bottom"]) / 2)
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_each_back_sits_exactly_behind_its_front(built_all, paper):
    path = sheet_files(built_all, paper)[f"system-leadership-{paper}.pdf"]
    grid = choose_grid(*TAROT, 3 * MM, PAPERS[paper], "butted")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 8  # 13 tarot cards, 4 a sheet: 4 fronts and 4 backs
        seen = set()
        for front, back in zip(pdf.pages[0::2], pdf.pages[1::2]):
            assert (front.width, front.height) == pytest.approx((PAPERS[paper].width, PAPERS[paper].height), abs=0.01)
            on_front, on_back = footers(front), footers(back)
            assert on_front.keys() == on_back.keys()
            for k in on_front:
                fx0, fy0, fx1, fy1 = cell_of(grid, *on_front[k])
                bx0, by0, bx1, by1 = cell_of(grid, *on_back[k])
                assert (bx0, bx1) == pytest.approx((front.width - fx1, front.width - fx0))  # x mirrors
                assert (by0, by1) == pytest.approx((fy0, fy1))  # y stays
                seen.add(k)
        assert seen == set(range(1, 14))


def test_short_edge_and_back_offset_move_the_backs(tmp_path):
    options = PrintOptions(outputs=("sheets",), duplex="short-edge", back_offset=(2 * MM, -1 * MM))
    written = {w.path.name: w.path for w in build([FLAGSHIP], tmp_path, options=options).written}
    grid = choose_grid(*TAROT, 3 * MM, PAPERS["a4"], "butted")
    # Named for both options: they never replace the unshifted long-edge sheets.
    assert sorted(written) == ["system-leadership-a4-short-edge-backs+2-1mm.pdf", "system-leadership-letter-short-edge-backs+2-1mm.pdf"]
    with pdfplumber.open(written["system-leadership-a4-short-edge-backs+2-1mm.pdf"]) as pdf:
        front, back = pdf.pages[0], pdf.pages[1]
        on_front, on_back = footers(front), footers(back, upside_down=True)
        assert on_front.keys() == on_back.keys() == {1, 2, 3, 4}
        for k in on_front:
            fx0, fy0, fx1, fy1 = cell_of(grid, *on_front[k])
            bx, by = on_back[k]
            # the back card is the row-mirrored cell moved by (2, -1) mm, turned half round:
            # its footer sits at its top-left instead of bottom-right
            mirrored = (fx0 + 2 * MM, front.height - fy1 - 1 * MM, fx1 + 2 * MM, front.height - fy0 - 1 * MM)
            assert mirrored[0] <= bx <= mirrored[0] + 20 * MM
            assert mirrored[3] - 12 * MM <= by <= mirrored[3]


@pytest.mark.parametrize("grid", ["butted", "gutter"])
@pytest.mark.parametrize("offset", ["1.5,-0.5", "-1.5,1.5", "0.1,0", "-3,-3"])
def test_a_back_offset_builds_and_every_mark_prints(tmp_path, grid, offset, capsys):
    """The README's own `--back-offset 1.5,-0.5` once wrote nothing for poker cards (their
    shifted marks crossed the 5 mm line and failed preflight), and a negative first value
    was taken for an option. Typed as a user types it, every sheet is written, and each
    mark on each page lies inside the printable area, the backs' as many as the fronts'."""
    status = main(["build", str(FLAGSHIP), "--layout", "poker", "--outputs", "sheets", "--grid", grid,
                   "--back-offset", offset, "--out", str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    written = sorted(tmp_path.rglob("*.pdf"))
    assert len(written) == 2, written  # A4 and Letter
    for path in written:
        paper = PAPERS["a4" if "-a4-" in path.name else "letter"]
        with pdfplumber.open(path) as pdf:
            for front, back in zip(pdf.pages[0::2], pdf.pages[1::2]):
                counts = []
                for page in (front, back):
                    marks = [line for line in page.lines if line["linewidth"] == pytest.approx(0.3)]
                    for mark in marks:
                        assert mark["x0"] >= 5 * MM - 0.2 and mark["x1"] <= paper.width - 5 * MM + 0.2, (path.name, mark)
                        assert mark["top"] >= 5 * MM - 0.2 and mark["bottom"] <= paper.height - 5 * MM + 0.2, (path.name, mark)
                    counts.append(len(marks))
                assert counts[0] == counts[1] > 0


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_crop_marks_note_and_print_scaling(built_all, paper):
    path = sheet_files(built_all, paper)[f"system-leadership-{paper}.pdf"]
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    assert all(fonts_of(path).values())
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        marks = [line for line in page.lines if line["linewidth"] == pytest.approx(0.3)]
        assert len(marks) == 2 * (3 + 3)  # 2x2 tarot butted: 3 vertical and 3 horizontal cut lines, shared
        for mark in marks:
            assert max(mark["width"], mark["height"]) == pytest.approx(5 * MM, abs=0.01)
    assert "Print at 100%, double-sided, flip on long edge" in page_texts(path)[0]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_foldover_puts_each_back_beside_its_front_across_the_fold(built_all, paper):
    path = sheet_files(built_all, f"foldover-{paper}")[f"system-leadership-foldover-{paper}.pdf"]
    with pdfplumber.open(path) as pdf:
        seen = set()
        for page in pdf.pages:
            half = page.width / 2
            found = {}
            for k in range(1, 14):
                found[k] = sorted(m["x0"] for m in page.search(f"{k}/13"))
            for k, xs in found.items():
                if not xs:
                    continue
                assert len(xs) == 2  # front and back on the same page
                assert xs[0] < half < xs[1]
                seen.add(k)
            assert "fold on the dashed line" in "".join(c["text"] for c in page.chars)  # in drawing order: the note may run up the side
        assert seen == set(range(1, 14))


LAYOUTS = ["a6", "a7", "bridge", "business-eu", "business-us", "mini-eu", "mini-us", "poker", "poker-eu", "square", "tarot"]
MARGIN = 5 * MM  # what a desktop printer cannot print


def cut_lines(grid, cells):
    """(axis, position, low, high) for every cut line of the occupied cells, in PDF points."""
    lines = {}
    for row, column in cells:
        x0, y0, x1, y1 = grid.cell(row, column)
        for key, span in ((("x", round(x0, 2)), (y0, y1)), (("x", round(x1, 2)), (y0, y1)),
                          (("y", round(y0, 2)), (x0, x1)), (("y", round(y1, 2)), (x0, x1))):
            low, high = lines.get(key, span)
            lines[key] = (min(low, span[0]), max(high, span[1]))
    return lines


@pytest.mark.parametrize("grid_kind", ["butted", "gutter"])
@pytest.mark.parametrize("layout_name", LAYOUTS)
def test_every_cut_is_marked_where_a_desktop_printer_prints(layout_name, grid_kind, tmp_path):
    """Read back every sheet of every layout on A4 and Letter: every mark and every
    character lies inside the printable area (5 mm in from each edge), and every cut line
    of the cards on a page has a mark on it at each end, within 8 mm of the end."""
    from generator.design.layout import load_layout
    from generator.errors import Problems, Where

    layout = load_layout(layout_name, None, Problems(), Where("test"))
    outcome = build([FLAGSHIP], tmp_path, layout_name, "default", PrintOptions(outputs=("sheets",), grid=grid_kind))
    assert not outcome.problems
    for written in outcome.written:
        paper = PAPERS["a4" if "-a4" in written.path.name else "letter"]
        grid = choose_grid(layout.width, layout.height, layout.bleed, paper, grid_kind)
        with pdfplumber.open(written.path) as pdf:
            for number, page in enumerate(pdf.pages[::2]):  # the fronts; backs mirror them
                cards = min(grid.per_sheet, 13 - number * grid.per_sheet)
                cells = {divmod(i, grid.columns) for i in range(cards)}
                marks = [(line["x0"], page.height - line["bottom"], line["x1"], page.height - line["top"])
                         for line in page.lines if line["linewidth"] == pytest.approx(0.3)]
                for x0, y0, x1, y1 in marks:
                    assert MARGIN - 0.01 <= min(x0, x1) and max(x0, x1) <= paper.width - MARGIN + 0.01, (written.path.name, x0)
                    assert MARGIN - 0.01 <= min(y0, y1) and max(y0, y1) <= paper.height - MARGIN + 0.01, (written.path.name, y0)
                for char in page.chars:
                    assert MARGIN <= char["x0"] and char["x1"] <= paper.width - MARGIN, (written.path.name, char["text"])
                    assert MARGIN <= char["top"] and char["bottom"] <= paper.height - MARGIN, (written.path.name, char["text"])
                for (axis, at), (low, high) in cut_lines(grid, cells).items():
                    on_line = [m for m in marks if (abs(m[0] - at) < 0.05 and abs(m[2] - at) < 0.05) if axis == "x"] if axis == "x" \
                        else [m for m in marks if abs(m[1] - at) < 0.05 and abs(m[3] - at) < 0.05]
                    ends = [m[1::2] if axis == "x" else m[0::2] for m in on_line]
                    for end in (low, high):
                        near = [e for e in ends if min(abs(e[0] - end), abs(e[1] - end)) <= 8 * MM + 0.01]
                        assert near, (written.path.name, number, axis, round(at / MM, 2), round(end / MM, 2))


def test_sheets_declare_the_pdf_version_of_their_print_scaling(built_all):
    sheets = {name: path for name, path in sheet_files(built_all, "a4").items() if "facilitator" not in name}
    assert sorted(sheets) == ["system-leadership-a4.pdf", "system-leadership-foldover-a4.pdf"]
    for name, path in sheets.items():
        assert PdfReader(path).trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
        assert PdfReader(path).pdf_header == "%PDF-1.6", name  # /PrintScaling is a PDF 1.6 key


@pytest.mark.parametrize("size", ["100x140", "200x140", "200x280"])
def test_what_validate_passes_builds(size, tmp_path, capsys):
    """Cards filling A4's printable width exactly once had crop marks half in the margin and
    a pack shrinking their text under 6 pt: validate said ok, the build failed. Now the
    plan itself keeps both printable, and each note about a skipped file is said once."""
    import shutil

    deck = tmp_path / "deck"
    shutil.copytree(FLAGSHIP, deck)
    width, height = size.split("x")
    (deck / "layouts").mkdir()
    (deck / "layouts" / "big.yaml").write_text(f"extends: tarot\nsize: {{width: {width}mm, height: {height}mm}}\n", encoding="utf-8")
    assert main(["validate", str(deck), "--layout", "big"]) == 0
    validated = capsys.readouterr().err
    assert main(["build", str(deck), "--layout", "big", "--out", str(tmp_path / "out")]) == 0
    built = capsys.readouterr().err
    assert "error" not in built and built == validated  # the same notes, each once
    assert all(built.count(line) == 1 for line in built.splitlines())


def test_a_deck_in_two_languages_says_each_note_once(tmp_path, capsys):
    import shutil

    deck = tmp_path / "bilingual"
    shutil.copytree(ROOT / "tests" / "fixtures" / "translations" / "bilingual", deck)
    (deck / "layouts").mkdir()
    (deck / "layouts" / "big.yaml").write_text("extends: tarot\nsize: {width: 200mm, height: 280mm}\n", encoding="utf-8")
    assert main(["build", str(deck), "--layout", "big", "--out", str(tmp_path / "out")]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if ": note: " in line]
    assert len(notes) == 2 and len(set(notes)) == 2  # sheets and fold-overs skipped, each said once for both editions


def test_validate_says_what_a_back_offset_costs(capsys):
    """`cards validate` takes the sheet options build takes, and says before any build
    when an offset needs room a sheet does not have."""
    status = main(["validate", str(FLAGSHIP), "--layout", "poker", "--back-offset", "0,-2"])
    err = capsys.readouterr().err
    assert status == 0
    assert "note: US Letter sheets hold 8 cards, not 9: the backs shifted by 0,-2 mm need that room" in err, err
