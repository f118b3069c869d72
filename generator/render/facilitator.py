"""The facilitator pack as a PDF: blocks set with ReportLab's Platypus, page numbers,
and an outline (bookmarks) for every section and behaviour. Black text throughout,
colour only in the theme swatches, so it prints well in greyscale."""
from __future__ import annotations

from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from generator.compose.facilitator import Block, Pack
from generator.content.words import Words
from generator.design.units import mm
from generator.printing.impose import Paper
from generator.printing.outputs import FileIdentity
from generator.render.identity import TOOL, identify

MARGIN = mm(20)
INK = colors.CMYKColor(0, 0, 0, 1)
GREY = colors.CMYKColor(0, 0, 0, 0.45)
RULE = colors.CMYKColor(0, 0, 0, 0.3)


def write_facilitator_pdf(path: Path, identity: FileIdentity, pack: Pack, paper: Paper, fonts: dict[str, str], deck_title: str) -> None:
    regular, bold = fonts["regular"], fonts["bold"]
    italic = fonts.get("italic", regular)
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic, boldItalic=bold)
    styles = _styles(regular, bold)

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFillColor(GREY)
        canvas.setFont(regular, 8)
        canvas.drawCentredString(paper.width / 2, mm(10), pack.words("pack-footer", title=deck_title, page=document.page))
        canvas.restoreState()

    document = BaseDocTemplate(
        str(path), pagesize=(paper.width, paper.height), invariant=1, pageCompression=1,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=identity.title, author=identity.author, subject=identity.subject, creator=TOOL,
        lang=identity.language, initialFontName=regular,
    )
    frame = Frame(MARGIN, MARGIN, paper.width - 2 * MARGIN, paper.height - 2 * MARGIN, id="body")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])

    def canvas_with_identity(*args, **kwargs) -> Canvas:
        canvas = Canvas(*args, **kwargs)
        identify(canvas, identity)
        return canvas

    story = _flowables(pack.blocks, styles, paper.width - 2 * MARGIN, pack.cmyk_of, pack.words)
    document.build(story, canvasmaker=canvas_with_identity)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, textColor=INK, spaceAfter=6, alignment=TA_LEFT)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=28, leading=32, spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=15, leading=19, spaceAfter=24),
        "h1": ParagraphStyle("h1", parent=body, fontName=bold, fontSize=20, leading=24, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=body, fontName=bold, fontSize=15, leading=19, spaceBefore=6, spaceAfter=6),
        "h3": ParagraphStyle("h3", parent=body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=3),
        "item": ParagraphStyle("item", parent=body, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=2),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=bold, fontSize=10, leading=13, spaceAfter=2),
    }


def inline(spans) -> str:
    """Spans as Platypus mini-markup: every character escaped (content prints as written),
    then bold or italic where the template asked for it."""
    parts = []
    for text, style in spans:
        escaped = escape(text).replace("\n", "<br/>")
        parts.append(f"<{style}>{escaped}</{style}>" if style else escaped)
    return "".join(parts)


def plain(text: str) -> str:
    """Data (an indicator, a title in a table) as Platypus text: escaped, nothing else."""
    return escape(text).replace("\n", "<br/>")


class Bookmark(Flowable):
    """An outline entry pointing at where it stands; draws nothing."""

    def __init__(self, title: str, level: int, key: str):
        super().__init__()
        self.title, self.level, self.key = title, level, key
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return (0, 0)

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class RuledLines(Flowable):
    """Lines to write notes on."""

    def __init__(self, count: int, width: float, spacing: float = mm(8)):
        super().__init__()
        self.count, self.width, self.spacing = count, width, spacing
        self.height = count * spacing

    def wrap(self, available_width, available_height):
        return (self.width, self.height)

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.spacing
            self.canv.line(0, y, self.width, y)


class Swatch(Flowable):
    """A square of a theme's colour, beside its name."""

    def __init__(self, cmyk: tuple[float, float, float, float], size: float = mm(4)):
        super().__init__()
        self.cmyk, self.size = cmyk, size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setFillColorCMYK(*self.cmyk)
        self.canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)


def _flowables(blocks: tuple[Block, ...], styles: dict[str, ParagraphStyle], width: float,
               cmyk_of: Callable[[str], tuple[float, float, float, float]], words: Words) -> list[Flowable]:
    story: list[Flowable] = []
    for number, block in enumerate(blocks):
        key = f"section-{number}"  # the same keys every build: byte-identical files
        kind = block.kind
        if kind == "page":
            story.append(PageBreak())
        elif kind == "spacer":
            story.append(Spacer(1, mm(block.number)))
        elif kind == "bookmark":
            story.append(Bookmark(block.text, block.level - 1, key))
        elif kind in ("title", "subtitle"):
            if kind == "title":
                story.append(Bookmark(block.text, 0, key))
            story.append(Paragraph(inline(block.spans), styles[kind]))
        elif kind == "heading":
            if block.level <= 2:
                story.append(Bookmark(block.text, block.level - 1, key))
            story.append(CondPageBreak(mm(30)))
            story.append(Paragraph(inline(block.spans), styles[f"h{block.level}"]))
        elif kind == "paragraph":
            story.append(Paragraph(inline(block.spans), styles["body"]))
        elif kind in ("bullets", "numbered"):
            story.append(_list(block, styles["item"]))
            story.append(Spacer(1, mm(2)))
        elif kind == "swatch":
            story.append(_swatch(block, styles, cmyk_of(block.colour)))
        elif kind == "indicators":
            story.append(_indicators(block, styles, width, words))
        elif kind == "lines":
            story.append(RuledLines(int(block.number), width))
        elif kind == "assessment":
            story.append(_assessment(block, styles, width, words))
    return story


def _list(block: Block, style: ParagraphStyle) -> ListFlowable:
    items = [ListItem(Paragraph(inline(spans), style), leftIndent=mm(6)) for spans in block.items]
    if block.kind == "numbered":
        return ListFlowable(items, bulletType="1", bulletFormat="%s.", bulletFontName=style.fontName, bulletFontSize=style.fontSize, leftIndent=mm(6))
    return ListFlowable(items, bulletType="bullet", start="•", bulletFontName=style.fontName, bulletFontSize=style.fontSize, leftIndent=mm(6))


def _cell_font(styles: dict[str, ParagraphStyle]) -> TableStyle:
    """A table sets its cells' font and colour even when they hold paragraphs: without
    this, ReportLab's default (Helvetica, never embedded, in RGB) enters the file."""
    body = styles["body"]
    return TableStyle([("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize), ("TEXTCOLOR", (0, 0), (-1, -1), INK)])


def _swatch(block: Block, styles: dict[str, ParagraphStyle], cmyk: tuple[float, float, float, float]) -> Table:
    swatch = Swatch(cmyk)
    table = Table([[swatch, Paragraph(inline(block.spans), styles["cellhead"])]], colWidths=[mm(7), None])
    table.setStyle(_cell_font(styles))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    table.hAlign = "LEFT"
    return table


def _indicators(block: Block, styles: dict[str, ParagraphStyle], width: float, words: Words) -> Table:
    enabling, obstructing = block.items
    def column(items):
        return [Paragraph("• " + plain(item), styles["cell"]) for item in items]
    table = Table(
        [[Paragraph(plain(words("enabling")), styles["cellhead"]), Paragraph(plain(words("obstructing")), styles["cellhead"])],
         [column(enabling), column(obstructing)]],
        colWidths=[width / 2, width / 2],
    )
    table.setStyle(_cell_font(styles))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return KeepTogether([Spacer(1, mm(2)), table, Spacer(1, mm(2))])


SCALE_STEP = mm(8.5)  # room to circle a number with a pen (at least 8 mm a step)
SCALE_STEPS = 5


class RatingScale(Flowable):
    """1 to 5, each number centred in its own step of SCALE_STEP, in a ring to circle."""

    def __init__(self, font: str, size: float):
        super().__init__()
        self.font, self.size = font, size
        self.width, self.height = SCALE_STEPS * SCALE_STEP, mm(7)

    def wrap(self, available_width, available_height):
        return (self.width, self.height)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(RULE)
        canvas.setFillColor(INK)
        canvas.setFont(self.font, self.size)
        for step in range(SCALE_STEPS):
            centre = (step + 0.5) * SCALE_STEP
            canvas.circle(centre, self.height / 2, mm(3.2), stroke=1, fill=0)
            canvas.drawCentredString(centre, self.height / 2 - self.size * 0.35, str(step + 1))


def _assessment(block: Block, styles: dict[str, ParagraphStyle], width: float, words: Words) -> Table:
    cell = styles["cell"]
    scale_width = SCALE_STEPS * SCALE_STEP + mm(4)  # the scale and the cell's padding
    rows = [[Paragraph(plain(words(key)), styles["cellhead"]) for key in ("behaviour", "theme", "now-scale", "priority-scale")]]
    for title, theme in block.items:
        rows.append([Paragraph(plain(title), cell), Paragraph(plain(theme), cell),
                     RatingScale(cell.fontName, cell.fontSize), RatingScale(cell.fontName, cell.fontSize)])
    rest = width - 2 * scale_width
    table = Table(rows, colWidths=[rest * 0.6, rest * 0.4, scale_width, scale_width], repeatRows=1)
    table.setStyle(_cell_font(styles))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (2, 0), (-1, -1), mm(2)), ("RIGHTPADDING", (2, 0), (-1, -1), mm(2)),
    ]))
    return table
