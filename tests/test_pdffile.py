"""Saving streamed (render/pdffile.py) writes ReportLab's own bytes: a document with the
kinds of objects the tool writes (subset TrueType fonts, forms, an outline, a link,
compressed pages, objects added while saving) saved to a file, against the same
document's bytes from ReportLab's in-memory formatting."""
from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.design.theme import load_style
from generator.errors import Problems, Where
from generator.render import pdffile  # noqa: F401  (installs the streamed saving)


def _document(target, font: str) -> Canvas:
    canvas = Canvas(target, invariant=1, pageCompression=1, pagesize=(300, 400))
    canvas.beginForm("badge")
    canvas.setFillColorCMYK(0, 0.5, 1, 0)
    canvas.rect(0, 0, 40, 40, stroke=0, fill=1)
    canvas.endForm()
    for number in range(1, 41):
        canvas.bookmarkPage(f"page-{number}")
        canvas.addOutlineEntry(f"Page {number}", f"page-{number}", level=0)
        canvas.setFont(font, 11)
        canvas.drawString(20, 360, f"Page {number}: Łódź, ŵ ŷ, “quoted” … {'x' * number}")
        canvas.doForm("badge")
        canvas.linkURL("https://example.org/", (20, 20, 120, 40))
        canvas.showPage()
    return canvas


def test_streamed_saving_writes_reportlabs_bytes(tmp_path):
    style = load_style("default", None, Problems(), Where("test"))
    pdfmetrics.registerFont(TTFont("pdffile-test", str(style.fonts["regular"].path)))
    path = tmp_path / "streamed.pdf"
    streamed = _document(str(path), "pdffile-test")
    streamed.save()
    in_memory = _document(str(tmp_path / "unused.pdf"), "pdffile-test").getpdfdata()
    written = path.read_bytes()
    assert len(written) > 20_000 and written.count(b" obj\n") > 100  # a real document
    assert written == in_memory
    assert not (tmp_path / "unused.pdf").exists()


def test_a_save_that_fails_leaves_no_file(tmp_path):
    """Formatting that fails halfway (an object that cannot be written) removes what it wrote."""
    import pytest
    from reportlab.pdfbase.pdfdoc import PDFObject

    class Broken(PDFObject):
        def format(self, document):
            raise ValueError("cannot be written")

    path = tmp_path / "broken.pdf"
    canvas = Canvas(str(path), invariant=1)
    for number in range(30):
        canvas.drawString(20, 20, f"page {number}")
        canvas.showPage()
    canvas._doc.Reference(Broken())  # formatted after the pages: they are on disk by then
    with pytest.raises(ValueError, match="cannot be written"):
        canvas.save()
    assert not path.exists()
