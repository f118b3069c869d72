"""Preflight on a PDF made elsewhere with every problem, on our own outputs, and in the build."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES
from PIL import Image
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from generator.cli import main
from generator.errors import Problem, Where
from generator.printing.preflight import preflight


@pytest.fixture()
def bad_pdf(tmp_path, monkeypatch):
    """A two-page PDF with one of each problem, made the way other tools make PDFs."""
    monkeypatch.setattr(rl_config, "useA85", 1)  # ReportLab's inline images need it
    path = tmp_path / "bad.pdf"
    canvas = Canvas(str(path), pagesize=(200, 300), invariant=1)
    canvas.setTrimBox((10, 10, 190, 290))
    canvas.setBleedBox((0, 0, 200, 300))
    canvas.setFillColorRGB(1, 0, 0)
    canvas.setFont("Helvetica", 5)  # a base-14 font: never embedded
    canvas.drawString(12, 150, "tiny and outside")
    canvas.setFillAlpha(0.5)
    canvas.rect(50, 50, 50, 50, fill=1, stroke=0)
    canvas.setLineWidth(0.1)
    canvas.line(20, 20, 100, 20)
    canvas.drawInlineImage(Image.new("RGB", (20, 20), (0, 128, 255)), 60, 200, 72, 72)
    canvas.showPage()
    canvas.setTrimBox((10, 10, 210, 290))
    canvas.setFont("Helvetica", 9)
    canvas.drawString(40, 150, "fine")
    canvas.showPage()
    canvas.save()
    return path


EXPECTED = [
    "page 1: text below 6 pt: 'tiny and outside' is 5.00 pt, at x 4.3 mm, y 52.5 mm",
    "page 1: text outside the safe zone (3 mm inside the TrimBox): 'tiny and outside' at x 4.3 mm, y 52.5 mm",
    "page 1: line thinner than 0.25 pt (0.10 pt) at x 7.0 mm, y 7.0 mm",
    "page 1: image of 20 x 20 px is 20 ppi at its placed size (needs 300) at x 21.2 mm, y 70.6 mm",
    "page 1: font Helvetica is not embedded",
    "page 1: RGB colour (rg/RG operators) (press files must be CMYK and opaque)",
    "page 1: an RGB image (press files must be CMYK and opaque)",
    "page 1: transparency (an opacity below 100%) (press files must be CMYK and opaque)",
    "page 2: TrimBox [10.0 10.0 210.0 290.0] is not inside the BleedBox [0.0 0.0 200.0 300.0]",
]


def test_every_problem_of_a_bad_press_file(bad_pdf):
    assert [p.message for p in preflight(bad_pdf, press=True)] == EXPECTED


def test_rgb_colour_is_refused_in_every_file_for_print_and_transparency_in_press_files(bad_pdf):
    """RGB black beside K-only text prints in four inks on any printer that converts it, so
    every file preflight checks (packs and sheets as well as press files) is checked for it."""
    for_print = "(a file for print takes its colours in CMYK or grey)"
    expected = [m.replace("(press files must be CMYK and opaque)", for_print) for m in EXPECTED if "transparency" not in m]
    assert [p.message for p in preflight(bad_pdf)] == expected


@pytest.mark.parametrize("content, rgb", [
    (b"1 0 0 rg", True), (b"0 0 1 RG\n0 0 m", True), (b"q\n0.2 0.4 0.6 rg\nQ", True), (b"(Org) Tj 1 0 0 rg", True),
    (b"(Organisational) Tj", False), (b"/rg gs", False), (b"x_rg", False), (b"0 0 0 1 k (rgb) Tj", False),
    (b"/Org 1 Tf (RG_) Tj", False), (b"", False),
])
def test_rgb_operators_are_found_as_operators_not_in_words_or_names(content, rgb):
    from generator.printing.preflight import _scan_content

    found: set[str] = set()
    _scan_content(content, None, found, depth=0)
    assert ("RGB colour (rg/RG operators)" in found) is rgb


def test_missing_boxes_matter_for_press_files_only(tmp_path):
    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pagesize=(200, 300), invariant=1)
    canvas.line(10, 10, 50, 10)
    canvas.showPage()
    canvas.save()
    declared = "page 1: font Helvetica is not embedded"  # ReportLab declares its initial font, drawn or not
    assert [p.message for p in preflight(path)] == [declared]
    assert [p.message for p in preflight(path, press=True)] == [
        "page 1: no TrimBox: a printer cannot tell where the card is cut",
        "page 1: no BleedBox",
        declared,
    ]


def test_our_outputs_pass_preflight(built_all):
    for (_, name), path in built_all.items():
        assert [p for p in preflight(path, press=name.endswith("-press.pdf"), screen=name.endswith("-screen.pdf")) if p.is_error] == [], name


def test_press_files_carry_the_pdfx_markers(built):
    reader = PdfReader(built["system-leadership"])
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
    assert reader.metadata["/Trapped"] == "/False"
    assert reader.pdf_header == "%PDF-1.4"


def test_cli_exit_statuses(bad_pdf, built, capsys):
    assert main(["preflight", str(built["system-leadership"]), "--press"]) == 0
    assert "1 file checked: no problems" in capsys.readouterr().out
    assert main(["preflight", str(bad_pdf), "--press"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(EXPECTED) and all(": error: page " in line for line in lines)
    assert main(["preflight", str(bad_pdf.parent / "missing.pdf")]) == 2


def failing_preflight(path, press=False, pages=None, sheets=False, forms=True, tagged=False):
    return [Problem(Where(str(path)), "page 1: text below 6 pt: 'x' is 5.00 pt")]


def test_a_build_whose_output_fails_preflight_writes_nothing(tmp_path, monkeypatch):
    import generator.pipeline as pipeline
    import generator.printing.preflight as preflight_module

    monkeypatch.setattr(preflight_module, "drawing_problems", failing_preflight)  # the pipeline imports it when checking
    outcome = pipeline.build([FIXTURES / "good" / "markup"], tmp_path)
    assert "markup/markup-press.pdf: error: preflight: page 1: text below 6 pt: 'x' is 5.00 pt" in [str(p) for p in outcome.problems]
    assert outcome.written == [] and [Path(f).name for f in outcome.failed] == ["markup"]
    assert list(tmp_path.iterdir()) == []


def test_calibrate_writes_a_checked_two_page_sheet(tmp_path, capsys):
    assert main(["calibrate", "--paper", "letter", "--duplex", "short-edge", "--out", str(tmp_path)]) == 0
    path = tmp_path / "calibration-letter-short-edge.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    assert "flip on short edge" in reader.pages[0].extract_text()
    assert preflight(path) == []


def test_sheets_rule_finds_marks_and_text_a_desktop_printer_cannot_print(tmp_path):
    path = tmp_path / "sheet.pdf"
    canvas = Canvas(str(path), pagesize=(595, 842), invariant=1)
    canvas.setLineWidth(0.3)
    canvas.line(100, 5, 100, 20)  # a crop mark starting 1.8 mm from the bottom edge
    canvas.line(200, 100, 200, 120)  # printable
    canvas.setFont("Helvetica", 8)
    canvas.drawString(300, 4, "note")  # text 1.4 mm from the edge
    canvas.showPage()
    canvas.save()
    found = [p.message for p in preflight(path, sheets=True) if "outer 5 mm" in p.message]
    assert found == [
        "page 1: a line (a crop mark?) in the outer 5 mm a desktop printer cannot print, at x 35.2 mm, y 1.7 mm",
        "page 1: text in the outer 5 mm a desktop printer cannot print: 'note' at x 106.0 mm, y 1.4 mm",
    ]
    assert not [p for p in preflight(path) if "outer 5 mm" in p.message]  # only for sheets


def test_fine_text_in_several_inks_is_a_warning(tmp_path, built):
    """Press files: text under 12 pt in two or more inks, and white text under 12 pt on a
    three- or four-ink fill, are warned of (one line per rule, never an error). The
    default theme prints small text that would need several inks in black instead."""
    path = tmp_path / "inks.pdf"
    canvas = Canvas(str(path), pagesize=(200, 300), invariant=1)
    canvas.setFillColorCMYK(1, 0.5, 0, 0)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(20, 250, "two inks")
    canvas.setFont("Helvetica", 14)
    canvas.drawString(20, 220, "large enough")
    canvas.setFillColorCMYK(1, 0, 0.75, 0.4)
    canvas.rect(0, 100, 200, 50, fill=1, stroke=0)
    canvas.setFillColorCMYK(0, 0, 0, 0)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(20, 120, "reversed")
    canvas.showPage()
    canvas.save()
    warnings = [p for p in preflight(path, press=True) if not p.is_error]
    assert [w.message.split(", e.g.")[0] for w in warnings] == [
        "1 time: text under 12 pt printed in two or more inks (misregistration blurs it; use one ink or black)",
        "1 time: white text under 12 pt reversed out of a three- or four-ink fill (misregistration fills it in)",
    ]
    assert "8.0 pt in C100 M50" in warnings[0].message and "9.0 pt on C100 Y75 K40" in warnings[1].message
    assert main(["preflight", "--press", str(path)]) == 1  # Helvetica is an error; the warnings alone would not be
    # The default theme: small labels print in black, not C100 M50; white band labels on
    # three- and four-ink bands (C100 Y75 K40) go on a chip of paper, in black.
    assert preflight(built["system-leadership"], press=True) == []
    with pdfplumber.open(built["system-leadership"]) as pdf:
        for page in pdf.pages[0::2]:
            label = next(w for w in page.extract_words() if w["text"].isupper() and len(w["text"]) > 3)
            chips = [r for r in page.rects if r["non_stroking_color"] == (0, 0, 0, 0) and r["x0"] < label["x0"] < r["x1"]
                     and r["top"] < label["top"] < r["bottom"]]
            chars = [c for c in page.chars if c["top"] == label["top"]]
            assert chips and all(c["non_stroking_color"] == (0, 0, 0, 1) for c in chars), label["text"]


def test_what_a_form_draws_is_judged_as_placed_on_the_page(tmp_path):
    """A Form XObject scaled and moved (a card shown smaller in the pack, a face in a
    sheet's slot): its text's size and place, its lines' widths, are as printed."""
    path = tmp_path / "forms.pdf"
    canvas = Canvas(str(path), pagesize=(595, 842), invariant=1)
    canvas.beginForm("face", 0, 0, 200, 100)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(10, 50, "eight points")
    canvas.setLineWidth(0.4)
    canvas.line(10, 40, 150, 40)
    canvas.endForm()
    canvas.saveState()
    canvas.translate(300, -15)
    canvas.scale(0.5, 0.5)  # 4 pt text, a 0.2 pt line, near the bottom edge
    canvas.doForm("face")
    canvas.restoreState()
    canvas.saveState()
    canvas.translate(100, 400)  # at full size, well inside the page: nothing to say
    canvas.doForm("face")
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    found = [p.message for p in preflight(path, sheets=True) if "Helvetica" not in p.message]
    assert found == [  # 300 pt from the left is 105.8 mm; the form's text at 10 pt in is 5 pt more: 107.6 mm
        "page 1: text below 6 pt: 'eight points ' is 4.00 pt, at x 107.7 mm, y 3.2 mm",
        "page 1: text in the outer 5 mm a desktop printer cannot print: 'eight points ' at x 107.7 mm, y 3.2 mm",
        "page 1: line thinner than 0.25 pt (0.20 pt) at x 107.5 mm, y 1.7 mm",
        "page 1: a line (a crop mark?) in the outer 5 mm a desktop printer cannot print, at x 107.5 mm, y 1.7 mm",
    ]
    from generator.printing.preflight import drawing_problems

    assert [p.message for p in drawing_problems(path, sheets=True, forms=False)] == []  # what the forms draw, left out


def test_a_builds_sheets_leave_the_faces_to_its_press_file(tmp_path, monkeypatch):
    """Sheets place the faces the press file of the same build is checked for, at the same
    size: they are checked for what they add. Built without the press file, they are
    checked face by face."""
    import generator.printing.preflight as preflight_module
    from generator.pipeline import PrintOptions, build

    asked = []
    real = preflight_module.drawing_problems

    def recording(path, press=False, pages=None, sheets=False, forms=True, tagged=False):
        asked.append((Path(path).name, forms))
        return real(path, press, pages, sheets, forms, tagged)

    monkeypatch.setattr(preflight_module, "drawing_problems", recording)
    deck = FIXTURES / "good" / "markup"
    assert not build([deck], tmp_path / "all", options=PrintOptions(outputs=("press", "sheets", "foldover"))).problems
    assert sorted(set(asked)) == [("markup-a4.pdf", False), ("markup-foldover-a4.pdf", False), ("markup-foldover-letter.pdf", False),
                                  ("markup-letter.pdf", False), ("markup-press.pdf", True)]
    asked.clear()
    assert not build([deck], tmp_path / "sheets", options=PrintOptions(outputs=("sheets",))).problems
    assert set(asked) == {("markup-a4.pdf", True), ("markup-letter.pdf", True)}


def test_a_build_checks_for_untagged_drawing_only_in_the_files_people_read(tmp_path, monkeypatch):
    """PDF/UA-1 asks that everything a page draws is tagged or an artifact: the build checks
    it in the pass over each page's drawing, for packs and the screen deck only."""
    import generator.printing.preflight as preflight_module
    from generator.pipeline import PrintOptions, build

    asked = set()
    real = preflight_module.drawing_problems

    def recording(path, press=False, pages=None, sheets=False, forms=True, tagged=False):
        asked.add((Path(path).name, tagged))
        return real(path, press, pages, sheets, forms, tagged)

    monkeypatch.setattr(preflight_module, "drawing_problems", recording)
    options = PrintOptions(outputs=("press", "screen", "sheets", "facilitator"))
    assert not build([FIXTURES / "good" / "markup"], tmp_path, options=options).problems
    assert sorted(asked) == [("markup-a4.pdf", False), ("markup-facilitator-a4.pdf", True), ("markup-facilitator-letter.pdf", True),
                             ("markup-letter.pdf", False), ("markup-press.pdf", False), ("markup-screen.pdf", True)]


def test_a_builds_ink_warnings_come_from_its_faces_as_preflight_reads_them_from_the_file(tmp_path):
    """The build's press-file ink warnings are worked out from the faces it drew; preflight
    reading the file finds the same (a theme printing small text in deck colours)."""
    import shutil

    from conftest import ROOT

    from generator.pipeline import PrintOptions, build, prepare
    from generator.printing.inks import face_ink_findings
    from generator.printing.preflight import ink_findings

    deck = tmp_path / "deck"
    shutil.copytree(ROOT / "cards" / "system-leadership", deck)
    (deck / "layouts" / "themes").mkdir(parents=True)
    theme = (ROOT / "layouts" / "themes" / "default.yaml").read_text(encoding="utf-8").replace("fine-text: black", "fine-text: as-designed")
    (deck / "layouts" / "themes" / "inky.yaml").write_text(theme, encoding="utf-8")
    options = PrintOptions(outputs=("press",))
    faces = next(o.faces for b in prepare([deck], theme="inky", options=options).builds for o in b.outputs)
    outcome = build([deck], tmp_path / "out", theme="inky", options=options)
    from_faces = face_ink_findings(faces)
    assert from_faces == ink_findings(outcome.written[0].path)
    assert from_faces["several"][0] > 0
    assert [w.message.split(": ", 1)[1] for w in outcome.warnings] == [
        f"{from_faces['several'][0]} times: text under 12 pt printed in two or more inks (misregistration blurs it; "
        f"use one ink or black), e.g. {from_faces['several'][1]}"] + (
        [] if "reversed" not in from_faces else [outcome.warnings[1].message.split(": ", 1)[1]])


def test_the_forms_typing_font_and_fonts_no_page_uses_must_be_embedded_too(tmp_path):
    """A fillable pack named Helvetica for typing (/DR) and carried 14 unused Helvetica
    objects: a filled and flattened copy then drew with an unembedded font."""
    import pikepdf
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName

    path = tmp_path / "form.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 300))
        helvetica = {"/Type": pikepdf.Name.Font, "/Subtype": pikepdf.Name.Type1, "/BaseFont": pikepdf.Name.Helvetica}
        typing = pdf.make_indirect(pikepdf.Dictionary(helvetica))
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary({"/Fields": pikepdf.Array(),
                                                                  "/DR": pikepdf.Dictionary({"/Font": pikepdf.Dictionary({"/Helv": typing})})}))
        pdf.save(path)
    assert [p.message for p in preflight(path)] == ["font Helvetica is not embedded (the form's font for typing into its fields)"]
    unused = tmp_path / "unused.pdf"  # written the way ReportLab wrote them: objects nothing refers to
    canvas = Canvas(str(unused), pagesize=(200, 300), invariant=1)
    for _ in range(3):
        canvas._doc.Reference(PDFDictionary({"Type": PDFName("Font"), "Subtype": PDFName("Type1"), "BaseFont": PDFName("Helvetica")}))
    canvas.showPage()
    canvas.save()
    assert "font Helvetica is not embedded (3 font objects no page uses)" in [p.message for p in preflight(unused)]


def test_a_damaged_file_is_said_to_be_damaged_once(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n")
    messages = [p.message for p in preflight(broken, accessibility=True)]
    assert len(messages) == len(set(messages)) and any("cannot read the file's structure" in m for m in messages), messages


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"], ids=["empty", "cut short"])
def test_a_damaged_file_under_the_press_rules_is_reported_not_a_crash(tmp_path, capsys, content):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(content)
    assert main(["preflight", str(broken), "--press"]) == 1
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "cannot read the file's structure" in said and "Traceback" not in said and "internal error" not in said, said


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts this process's open files from /proc")
def test_preflight_leaves_no_file_open(built_all):
    """The files are read memory-mapped; each is let go once checked, so a build can move
    or replace them (Windows refuses either while a file is open)."""
    before = len(list(Path("/proc/self/fd").iterdir()))
    for (_, name), path in sorted(built_all.items()):
        preflight(path, press=name.endswith("-press.pdf"), accessibility="facilitator" in name)
    assert len(list(Path("/proc/self/fd").iterdir())) == before


def test_untagged_drawing_is_found_at_any_depth_of_marked_content_and_each_mark_judged_once(tmp_path, monkeypatch):
    """Whether a drawing lies in tagged content or an artifact, however deep the marked
    content it lies in; and a hostile file nesting thousands of sequences around thousands
    of drawings costs each sequence once, not once a drawing (it took 29 s when it did)."""
    import pikepdf

    import generator.printing.preflight as preflight_module

    line = b"0 0 m 1 1 l S\n"
    pages = [
        b"/P <</MCID 0>> BDC\n" + b"/Span BMC\n" * 3000 + line * 500 + b"EMC\n" * 3001,  # tagged at the outermost
        b"/Span BMC\n" * 3000 + b"/Artifact BMC\n" + line * 500 + b"EMC\n" * 3001 + line,  # an artifact at the innermost; one line after
        b"/Span BMC\n" * 20 + line + b"/Artifact BMC " + line + b"EMC\n" + b"EMC\n" * 20  # shallow and deep, untagged and artifact
        + b"/Artifact BMC\n" + b"/Span BMC\n" * 20 + line + b"EMC\n" * 21,
        b"/Span BMC\n" * 5000 + line * 2000 + b"EMC\n" * 5000,  # the hostile one: nothing covers
    ]
    with pikepdf.new() as pdf:
        for content in pages:
            pdf.add_blank_page(page_size=(200, 200))
            pdf.pages[-1].Contents = pdf.make_stream(content)
        pdf.save(tmp_path / "nested.pdf")
    judged = []
    covers = preflight_module._covers

    def counting(mark, out):
        judged.append(1)
        return covers(mark, out)

    monkeypatch.setattr(preflight_module, "_covers", counting)
    messages = [p.message for p in preflight_module.drawing_problems(tmp_path / "nested.pdf", tagged=True)]
    assert messages == ["page 2: 1 drawing operation neither tagged content nor an artifact",
                        "page 3: 1 drawing operation neither tagged content nor an artifact",
                        "page 4: 2,000 drawing operations neither tagged content nor an artifact"]
    assert len(judged) < 2 * (3001 + 3001 + 64 + 5000)  # each mark about once; once a drawing would be over 10 million
