"""The facilitator pack as a PDF: blocks set with ReportLab's Platypus on a grid of
running heads (the section's name), footers with "page N of M", and an outline
(bookmarks) for every section and behaviour. The pack's own text is black and grey, so
it prints well in greyscale; colour comes with the deck: its cards, shown as printed,
and its themes on the map. `forms` makes the writing areas and the self-assessment's
scales fillable form fields (formfields.py); without, they are lines and rings to fill
in with a pen."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from generator.compose.faces import Face, shows_every
from generator.compose.facilitator import Block, HeadingLevels, Pack
from generator.content.words import Words
from generator.design.units import mm
from generator.printing.impose import Paper
from generator.printing.outputs import FileIdentity
from generator.render.identity import TOOL, identify
from generator.render.packtext import Fonts, SetText, Span
from generator.render.packparts import (
    SCALE_STEP,
    SCALE_STEPS,
    CodeFlowable,
    DeckFan,
    FrameworkMap,
    RatingScale,
    WritingArea,
    WritingColumns,
    card_flowables,
    field_name,
)
from generator.render.pagelayout import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from generator.render.tagging import Structure, Tagged, TaggedList, table_class, tagged_rows

MARGIN = mm(20)  # left and right
TOP = mm(24)  # the running head sits in it
BOTTOM = mm(22)  # and the footer in this
INK = colors.CMYKColor(0, 0, 0, 1)
GREY = colors.CMYKColor(0, 0, 0, 0.6)
RULE = colors.CMYKColor(0, 0, 0, 0.3)
NOTES_MIN = mm(30)  # a writing area that fills the page is at least this high, else it starts the next page


def write_facilitator_pdf(path: Path, identity: FileIdentity, pack: Pack, paper: Paper, fonts: dict[str, str], deck_title: str,
                          faces: Sequence[Face] = (), forms: bool = True) -> None:
    regular, bold = fonts["regular"], fonts["bold"]
    italic = fonts.get("italic", regular)
    structure = Structure(identity.language)
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=italic, boldItalic=bold)
    styles = _styles(regular, bold)
    fonts = Fonts(regular, bold, italic)
    words = pack.words

    def furniture(canvas, document) -> None:
        """The running head (from page 2) and the footer; "page N of M" is a form drawn when M is known."""
        number = canvas.getPageNumber()
        if number == 1:
            return
        structure.begin(canvas, None)  # running head, rules, footer and page number: artifacts
        canvas.saveState()
        canvas.setFillColor(GREY)
        canvas.setFont(bold, 8)
        canvas.drawString(MARGIN, paper.height - mm(14), getattr(canvas, "pack_section", "").upper())
        canvas.setFont(regular, 8)
        canvas.drawRightString(paper.width - MARGIN, paper.height - mm(14), deck_title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, paper.height - mm(16), paper.width - MARGIN, paper.height - mm(16))
        canvas.line(MARGIN, mm(15.5), paper.width - MARGIN, mm(15.5))
        footer = words("pack-footer", title=deck_title) + (f" · {pack.stamp}" if pack.stamp else "")
        canvas.drawString(MARGIN, mm(11), f"{footer} · {pack.draft}" if pack.draft else footer)
        canvas.translate(paper.width - MARGIN, mm(11))
        canvas.doForm(f"page-label-{number}")
        canvas.restoreState()
        structure.end(canvas)

    def page_labels(canvas: Canvas, total: int) -> None:
        for number in range(2, total + 1):
            label = words("pack-page", page=number, total=total)
            width = pdfmetrics.stringWidth(label, regular, 8)
            canvas.beginForm(f"page-label-{number}", -width - 1, -3, 1, 9)
            canvas.setFillColor(GREY)
            canvas.setFont(regular, 8)
            canvas.drawRightString(0, 0, label)
            canvas.endForm()

    document = BaseDocTemplate(
        str(path), pagesize=(paper.width, paper.height), invariant=1, pageCompression=1,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP, bottomMargin=BOTTOM,
        title=identity.title, author=identity.author, subject=identity.subject, creator=TOOL,
        lang=identity.language, initialFontName=regular,
    )
    frame = Frame(MARGIN, BOTTOM, paper.width - 2 * MARGIN, paper.height - TOP - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=furniture)])

    class PackCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            identify(self, identity)
            self.field_font = regular  # what a viewer types notes in
            self.field_welsh = identity.language.split("-")[0].lower() == "cy"
            self.structure = structure  # form fields find their place in it

        def save(self) -> None:
            page_labels(self, self.getPageNumber() - 1)
            structure.write(self)
            super().save()

    story = _flowables(pack, styles, fonts, paper.width - 2 * MARGIN, paper.height - TOP - BOTTOM, faces, forms, structure)
    document.build(story, canvasmaker=PackCanvas)


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
        if self.level == 0:
            self.canv.pack_section = self.title  # the running head of this page and the next


class Swatch(Flowable):
    """A square of a theme's colour, beside its name."""

    def __init__(self, cmyk: tuple[float, float, float, float], size: float = mm(4)):
        super().__init__()
        self.cmyk, self.size = cmyk, size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setFillColorCMYK(*self.cmyk)
        self.canv.rect(0, 0, self.size, self.size, stroke=0, fill=1)


def _flowables(pack: Pack, styles: dict[str, ParagraphStyle], fonts: Fonts, width: float, height: float,
               faces: Sequence[Face], forms: bool, structure: Structure) -> list[Flowable]:
    """The blocks as flowables. A level-2 heading and what follows it, up to the next
    heading of its level, page break or writing area, stay on one page when they fit.
    Each is tagged as it is made, in reading order: headings, paragraphs, lists, tables,
    figures (the cards, the map, the deck) with their alternative text; decoration as
    artifacts."""
    story: list[Flowable] = []
    language_of = pack.language_of  # a draft's untranslated text, marked as its own language wherever it is

    def tagged(flowable: Flowable, role: str | None, alt: str | None = None, text: str = "") -> Flowable:
        """`flowable` as an element's content (in its own language where a draft left `text`
        untranslated); with no role, drawn as an artifact whose form fields still take
        their place in reading order (in a Div)."""
        if role is None:
            return Tagged(flowable, structure, None, owner=structure.element("Div"))
        return Tagged(flowable, structure, structure.element(role, alt=alt, lang=pack.language_of(text)))

    group: list[Flowable] | None = None
    names: dict[str, int] = {}
    last_heading = ""
    section_heading = ""  # the last heading of level 1 or 2: a behaviour's title, a section's name
    waiting: list[Flowable] = []  # bookmarks before a page break: they mark the page after it

    def close_group() -> None:
        nonlocal group
        if group is not None:
            story.append(KeepTogether(group))
            group = None

    def add(*flowables: Flowable) -> None:
        target = group if group is not None else story
        target.extend(waiting)
        waiting.clear()
        target.extend(flowables)

    def field(block: Block, tooltip: str, heading: str | None = None) -> tuple[str, str] | None:
        """A form field's name and its tooltip, which a screen reader announces: the
        section it is in and its own heading ("Authenticity: Notes"), never "Notes" alone."""
        if not forms:
            return None
        heading = last_heading if heading is None else heading
        base = block.name if block.name.endswith("-notes") else f"{block.name}-{field_name(heading)}"
        names[base] = names.get(base, 0) + 1
        if section_heading and section_heading != tooltip:
            tooltip = f"{section_heading}: {tooltip}"
        return (base if names[base] == 1 else f"{base}-{names[base]}", tooltip)

    heading_before: Flowable | None = None  # the heading just added, kept with a writing area below it
    levels = HeadingLevels(top=0)  # a section's `#` is an H1, as the title is
    for number, block in enumerate(pack.blocks):
        key = f"section-{number}"  # the same keys every build: byte-identical files
        kind = block.kind
        if kind == "notes" and heading_before is not None:
            target = group if group is not None else story
            if target and target[-1] is heading_before:
                target.pop()  # the writing area's heading goes with it
            else:
                heading_before = None
        if kind in ("page", "notes", "map") or (kind == "heading" and block.level <= 2):
            close_group()
        if kind == "page":
            if _blank_pages_before(story) < 1:  # one blank page in a row at most: ReportLab halts after ten
                story.append(PageBreak())
        elif kind == "spacer":
            add(Spacer(1, min(mm(block.number), height - 1)))  # at most a page's height: it then fills one
        elif kind == "bookmark":
            waiting.append(Bookmark(block.text, block.level - 1, key))
            levels.unseen(block.level)
        elif kind in ("title", "subtitle"):
            if kind == "title":
                add(Bookmark(block.text, 0, key))
            add(tagged(SetText(block.spans, styles[kind], fonts, language_of=language_of), "H1" if kind == "title" else "P",
                       text=block.text))
        elif kind == "heading":
            last_heading = block.text
            if block.level <= 2:
                section_heading = block.text
            label = story.pop() if block.level == 2 and story and getattr(story[-1], "swatch_line", False) else None
            at_page_start = _after_page_break(story)  # nothing to keep together with: it starts a page anyway
            if block.level <= 2:
                if not at_page_start:
                    story.append(CondPageBreak(mm(30)))
                waiting.append(Bookmark(block.text, block.level - 1, key))
            else:
                add(CondPageBreak(mm(30)))
            if block.level == 2 and not at_page_start:
                group = [label] if label is not None else []  # a swatch line just above a heading labels it
            elif label is not None:
                story.append(label)
            # Tagged one level below the heading it sits under at most: a section's
            # headings set as h3 are its H2s to a screen reader (PDF/UA-1, 7.4.2).
            heading_before = tagged(SetText(block.spans, styles[f"h{block.level}"], fonts, language_of=language_of),
                                    f"H{levels(block.level)}",
                                    text=block.text)
            add(heading_before)
            continue
        elif kind == "paragraph":
            add(tagged(SetText(block.spans, styles["body"], fonts, language_of=language_of), "P", text=block.text))
        elif kind in ("bullets", "numbered"):
            add(_list(block, styles["item"], fonts, structure, language_of), Spacer(1, mm(2)))
        elif kind == "swatch":
            swatch = tagged(_swatch(block, styles, fonts, pack.cmyk_of(block.colour)), "P")
            swatch.swatch_line = True
            add(swatch)
        elif kind == "indicators":
            add(_indicators(block, styles, fonts, width, pack.words, structure, pack.language_of))
        elif kind == "lines":
            add(tagged(WritingArea(width, int(block.number) * mm(8), field=field(block, last_heading)), None))
        elif kind == "notes":
            if block.items:
                labels = ["".join(text for text, _ in spans) for spans in block.items]
                fields = [field(block, label, label) for label in labels] if forms else None
                area: Flowable = tagged(WritingColumns(labels, fonts.bold, styles["h3"].fontSize, NOTES_MIN + mm(8), fields), "P")
            else:
                area = tagged(WritingArea(width, NOTES_MIN, fill=True, field=field(block, last_heading), frame_height=height), None)
            add(KeepTogether([heading_before, area]) if heading_before is not None else area)
        elif kind == "assessment":
            add(_assessment(block, styles, fonts, width, pack.words, forms, structure, language_of))
        elif kind == "card" and faces:
            position = int(block.number)
            front, back = faces[2 * position - 2], faces[2 * position - 1]
            shown, legible = card_flowables(faces, 2 * position - 2, width, height)
            # The picture's alternative is the card's words, in one language: where a draft
            # left some untranslated, it points at the page's text, which marks each one's.
            mixed = _shows_untranslated((front, back), pack.untranslated)
            alt = pack.words("card-picture-follows") if mixed else pack.words("card-picture", front=face_text(front),
                                                                                back=face_text(back))
            figure = structure.element("Figure", alt=alt)
            add(Spacer(1, mm(2)), *(Tagged(part, structure, figure) for part in shown), Spacer(1, mm(4)))
            # Every indicator is in the pack: as text, unless the card's picture shows them all legibly.
            if block.items and (mixed or not (legible and shows_every((front, back), [t for column in block.items for t in column]))):
                add(_indicators(block, styles, fonts, width, pack.words, structure, pack.language_of))
        elif kind == "qr":
            add(tagged(CodeFlowable(block.name), "Figure", pack.words("pack-qr-alt", url=block.name)),
                Spacer(1, mm(3)))
        elif kind == "deck" and faces:
            add(tagged(DeckFan(faces), "Figure", pack.words("deck-picture", count=len(faces) // 2)), Spacer(1, mm(10)))
        elif kind == "map":
            themes = [(name, list(cards)) for name, _, _, cards in block.items]
            colours = [pack.cmyk_of(colour) for _, colour, _, _ in block.items]
            marks = [mark for _, _, mark, _ in block.items]
            alt = "; ".join(f"{name}: {', '.join(f'{position} {title}' for position, title in cards)}" for name, cards in themes)
            add(tagged(FrameworkMap(themes, colours, marks, fonts.regular, fonts.bold), "Figure", alt))
        heading_before = None
    close_group()
    return story


def _blank_pages_before(story: list[Flowable]) -> int:
    """How many pages the story's last page breaks leave blank (bookmarks take no room)."""
    breaks = 0
    for flowable in reversed(story):
        if isinstance(flowable, Bookmark):
            continue
        if not isinstance(flowable, PageBreak):
            break
        breaks += 1
    return max(0, breaks - 1) if breaks else -1


def _after_page_break(story: list[Flowable]) -> bool:
    """Whether nothing but bookmarks (which take no room) follows the last page break."""
    for flowable in reversed(story):
        if isinstance(flowable, PageBreak):
            return True
        if not isinstance(flowable, Bookmark):
            return False
    return True


def _list(block: Block, style: ParagraphStyle, fonts: Fonts, structure: Structure, language_of) -> ListFlowable:
    items = [ListItem(SetText(spans, style, fonts, language_of=language_of), leftIndent=mm(6)) for spans in block.items]
    element = structure.element("L")
    if block.kind == "numbered":
        return TaggedList(items, structure, element, bulletType="1", bulletFormat="%s.", bulletFontName=style.fontName,
                          bulletFontSize=style.fontSize, bulletColor=INK, leftIndent=mm(6))
    # bulletColor: ReportLab's default is RGB black, which a RIP prints in four inks beside K-only text.
    return TaggedList(items, structure, element, bulletType="bullet", start="•", bulletFontName=style.fontName,
                      bulletFontSize=style.fontSize, bulletColor=INK, leftIndent=mm(6))


def _cell_font(styles: dict[str, ParagraphStyle]) -> TableStyle:
    """A table sets its cells' font and colour even when they hold paragraphs: without
    this, ReportLab's default (Helvetica, never embedded, in RGB) enters the file."""
    body = styles["body"]
    return TableStyle([("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize), ("TEXTCOLOR", (0, 0), (-1, -1), INK)])


def _swatch(block: Block, styles: dict[str, ParagraphStyle], fonts: Fonts, cmyk: tuple[float, float, float, float]) -> Flowable:
    return SwatchLine(Swatch(cmyk), SetText(block.spans, styles["cellhead"], fonts))


class SwatchLine(Flowable):
    """A theme's colour square and, beside it, a line of text, centred on each other."""

    COLUMN = mm(7)  # the square's column
    ABOVE, BELOW, AFTER = 6, 2, 6  # points of room above, below, and after the text

    def __init__(self, swatch: Swatch, text: SetText):
        super().__init__()
        self.swatch, self.text = swatch, text
        self.hAlign = "LEFT"

    def wrap(self, available_width, available_height):
        _, text_height = self.text.wrap(available_width - self.COLUMN - self.AFTER, available_height)
        self.text_height = text_height + self.text.getSpaceAfter()
        self.inner = max(self.text_height, self.swatch.height)
        self.width, self.height = available_width, self.inner + self.ABOVE + self.BELOW
        return self.width, self.height

    def draw(self) -> None:
        self.swatch.drawOn(self.canv, 0, self.BELOW + (self.inner - self.swatch.height) / 2)
        self.text.drawOn(self.canv, self.COLUMN, self.BELOW + (self.inner - self.text_height) / 2 + self.text.getSpaceAfter())


def _plain(text: str) -> tuple[Span, ...]:
    """Data (an indicator, a title in a table) as text: as written, no emphasis."""
    return ((text, ""),)


def _indicators(block: Block, styles: dict[str, ParagraphStyle], fonts: Fonts, width: float, words: Words,
                structure: Structure, language_of=lambda text: None) -> Table:
    enabling, obstructing = block.items
    def column(items):
        cells = []
        for item in items:
            cell = SetText(_plain("• " + item), styles["cell"], fonts)
            cell.language = language_of(item)  # a draft's untranslated indicator, in its own language
            cells.append(cell)
        return cells
    rows = [[SetText(_plain(words("enabling")), styles["cellhead"], fonts), SetText(_plain(words("obstructing")), styles["cellhead"], fonts)],
            [column(enabling), column(obstructing)]]
    table = table_class(structure)(tagged_rows(structure, structure.root, rows), colWidths=[width / 2, width / 2])
    table.setStyle(_cell_font(styles))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return KeepTogether([Spacer(1, mm(2)), table, Spacer(1, mm(2))])


def _assessment(block: Block, styles: dict[str, ParagraphStyle], fonts: Fonts, width: float, words: Words, forms: bool,
                structure: Structure, language_of) -> Table:
    cell = styles["cell"]
    scale_width = SCALE_STEPS * SCALE_STEP + mm(4)  # the scale and the cell's padding
    rows = [[SetText(_plain(words(key)), styles["cellhead"], fonts) for key in ("behaviour", "theme", "now-scale", "priority-scale")]]
    for title, theme, card_id in block.items:
        now = (f"{card_id}-now", f"{title}: {words('now-scale')}") if forms else None
        priority = (f"{card_id}-priority", f"{title}: {words('priority-scale')}") if forms else None
        rows.append([SetText(_plain(title), cell, fonts, language_of=language_of),
                     SetText(_plain(theme), cell, fonts, language_of=language_of),
                     RatingScale(cell.fontName, cell.fontSize, now), RatingScale(cell.fontName, cell.fontSize, priority)])
    rest = width - 2 * scale_width
    table = table_class(structure)(tagged_rows(structure, structure.root, rows), colWidths=[rest * 0.6, rest * 0.4, scale_width, scale_width],
                                   repeatRows=1)
    table.setStyle(_cell_font(styles))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (2, 0), (-1, -1), mm(2)), ("RIGHTPADDING", (2, 0), (-1, -1), mm(2)),
    ]))
    return table


def _shows_untranslated(faces: tuple[Face, ...], untranslated: frozenset[str]) -> bool:
    """Whether a card's faces print any of a draft's untranslated texts."""
    if not untranslated:
        return False
    printed = " ".join(" ".join(face_text(face) for face in faces).split())
    return any(" ".join(text.split()) in printed for text in untranslated)


def face_text(face: Face) -> str:
    """A card face's words in the order they are drawn: its picture's alternative text."""
    return " ".join(line.text for line in face.lines)
