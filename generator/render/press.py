"""The press PDF: one card face per page, page = trim + bleed, TrimBox and BleedBox set,
colours in CMYK, fonts embedded. Faces arrive in order front 1, back 1, front 2, ..."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDate,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

from generator.compose.faces import Code, Face
from generator.content.model import Colour
from generator.content.conditions import REGISTRY, PrintingCondition
from generator.printing.outputs import PDFX_VERSION, FileIdentity
from generator.render.identity import new_canvas
from generator.render.images import print_image, screen_image
from generator.render.outlines import draw_word


class _PdfxInfo(PDFInfo):
    """The document Info with the keys strict PDF/X-1a printers look for."""

    def format(self, document):
        date = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        info = {
            "Title": PDFString(self.title), "Author": PDFString(self.author), "Subject": PDFString(self.subject),
            "Creator": PDFString(self.creator), "Producer": PDFString(self.producer),
            "CreationDate": date, "ModDate": date,
            "Trapped": PDFName("False"), "GTS_PDFXVersion": PDFString(PDFX_VERSION),
        }
        return PDFDictionary(info).format(document)


def _mark_pdfx(canvas: Canvas, condition: PrintingCondition, profile: Path | None) -> None:
    """OutputIntent in the catalogue (with the condition's ICC profile where one ships)
    and PDF/X keys in Info (ReportLab has no PDF/X mode)."""
    document = canvas._doc
    info = _PdfxInfo()
    info.__dict__.update(document.info.__dict__)  # title, author, subject, creator as already set
    document.info = info
    catalog = document.Catalog
    catalog.__NoDefault__ = list(catalog.__NoDefault__) + ["OutputIntents"]
    intent = {
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString(condition.identifier),
        "OutputCondition": PDFString(condition.condition),
        "RegistryName": PDFString(REGISTRY),
        "Info": PDFString(condition.condition),
    }
    if profile is not None:
        stream = PDFStream(PDFDictionary({"N": 4}), content=profile.read_bytes(), filters=[PDFZCompress])
        intent["DestOutputProfile"] = document.Reference(stream)
    catalog.OutputIntents = PDFArray([PDFDictionary(intent)])


def write_press_pdf(path: Path, identity: FileIdentity, faces: Sequence[Face], initial_font: str,
                    condition: PrintingCondition, profile: Path | None) -> None:
    first = faces[0]
    canvas = new_canvas(path, identity, pagesize=(first.page_width, first.page_height),
                        enforceColorSpace="cmyk", initialFontName=initial_font)
    _mark_pdfx(canvas, condition, profile)
    for face in faces:
        draw_face(canvas, face)
        canvas.showPage()
    canvas.save()


def draw_face(canvas: Canvas, face: Face) -> None:
    canvas.setPageSize((face.page_width, face.page_height))
    canvas.setTrimBox(face.trim)
    canvas.setBleedBox(face.bleed)
    draw_face_content(canvas, face)


PLACEHOLDER = "master-"  # a face's placeholder: /master-<position>-<side> Do


def placeholder_name(position: int, side: str) -> str:
    return f"{PLACEHOLDER}{position}-{side}"


def place_master(canvas: Canvas, face: Face) -> None:
    """Where the face goes, its bleed and all for a sheet's slot to clip, a placeholder
    that `placing` makes the press file's own page. Nothing of the face is drawn here,
    and the page's resources do not name it yet: `placing` adds each page's faces."""
    canvas.addLiteral(f"/{placeholder_name(face.position, face.side)} Do")


def master_pages(faces) -> dict[str, int]:
    """Each face's placeholder name -> its page in the press file (one face a page, in order)."""
    return {placeholder_name(face.position, face.side): index for index, face in enumerate(faces)}


def fill_polygon(canvas: Canvas, points) -> None:
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def set_fill(target, colour: Colour, screen: bool = False) -> None:
    """Fill colour on a canvas or a text object: the colour's CMYK for print, its RGB for screens."""
    if screen:
        target.setFillColorRGB(*colour.rgb)
    else:
        target.setFillColorCMYK(*colour.cmyk)


def draw_face_shapes(canvas: Canvas, face: Face, screen: bool = False) -> None:
    """The face's colour fills and theme shapes (all of it but pictures and text)."""
    for fill in face.fills:
        x0, y0, x1, y1 = fill.rect
        set_fill(canvas, fill.colour, screen)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    for mark in face.marks:
        set_fill(canvas, mark.colour, screen)
        fill_polygon(canvas, mark.points)


def draw_face_pictures(canvas: Canvas, face: Face, screen: bool = False) -> None:
    """Everything on the face but its text: fills, shapes, pictures and a draft's stamp."""
    draw_face_shapes(canvas, face, screen)
    for picture in face.pictures:
        x0, y0, x1, y1 = picture.rect
        image = screen_image(picture.path, picture.background.rgb) if screen else print_image(picture.path, picture.background.cmyk)
        canvas.drawImage(image, x0, y0, x1 - x0, y1 - y0)
    for code in face.codes:
        draw_code(canvas, code, screen)
    if face.stamp is not None:  # under the text, which reads over it
        stamp = face.stamp
        canvas.saveState()
        canvas.translate(stamp.x, stamp.y)
        canvas.rotate(stamp.angle)
        set_fill(canvas, stamp.colour, screen)
        draw_word(canvas, stamp.font_file, stamp.text, stamp.size, stamp.baseline)
        canvas.restoreState()


def draw_lines(canvas: Canvas, lines, screen: bool = False) -> None:
    """Lines of text as one text object: font and colour are set only when they change."""
    if not lines:
        return
    text = canvas.beginText()
    font = colour = None
    for line in lines:
        if line.colour != colour:
            colour = line.colour
            set_fill(text, colour, screen)
        if (line.font, line.size) != font:
            font = (line.font, line.size)
            text.setFont(line.font, line.size)
        text.setTextOrigin(line.x, line.y)
        text._textOut(line.text)  # each line is placed by its origin: no need to measure it again for the cursor
    canvas.drawText(text)


def draw_face_content(canvas: Canvas, face: Face) -> None:
    draw_face_pictures(canvas, face)
    draw_lines(canvas, face.lines)


def write_screen_faces(path: Path, identity: FileIdentity, faces: list[Face], initial_font: str) -> None:
    """Each face a page with its bleed, in the deck's screen (RGB) colours: what a service
    taking RGB images of each face renders them from (never a conversion of the CMYK press file)."""
    first = faces[0]
    canvas = new_canvas(path, identity, pagesize=(first.page_width, first.page_height), initialFontName=initial_font)
    for face in faces:
        canvas.setPageSize((face.page_width, face.page_height))
        canvas.setTrimBox(face.trim)
        draw_face_pictures(canvas, face, screen=True)
        draw_lines(canvas, face.lines, screen=True)
        canvas.showPage()
    canvas.save()


def draw_code(canvas: Canvas, code: Code, screen: bool = False) -> None:
    """A QR code (ReportLab's own encoder, error correction M) filling `code.rect` with its
    four-module quiet zone, on a square of paper, its modules one path in the code's one
    ink. The modules are drawn here, not through renderPDF, which would set an RGB colour
    and an unembedded Helvetica in the page."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # with ReportLab's graphics and page layout: 0.1 s to import
    from reportlab.graphics.shapes import Rect

    x0, y0, x1, y1 = code.rect
    size = min(x1 - x0, y1 - y0)
    set_fill(canvas, code.paper, screen)
    canvas.rect(x0, y0, size, size, stroke=0, fill=1)
    widget = QrCodeWidget(code.data, barLevel="M", barBorder=4, barWidth=size, barHeight=size)
    path = canvas.beginPath()
    for shape in widget.draw().contents:
        if isinstance(shape, Rect) and shape.fillColor is not None:
            path.rect(x0 + shape.x, y0 + shape.y, shape.width, shape.height)
    set_fill(canvas, code.colour, screen)
    canvas.drawPath(path, stroke=0, fill=1)
