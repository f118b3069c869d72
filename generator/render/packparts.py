"""The facilitator pack's drawn parts, as Platypus flowables: the deck's cards (each face
drawn where it is shown, clipped to its trim), the cover's fan of
cards, the framework map, writing areas, and the 1-5 rating scales. With `forms`, the
writing areas and scales carry fillable fields (formfields.py) over what prints."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from generator.compose.faces import Code, Face
from generator.compose.packmap import NUMBER_WIDTH, PAD, MapPage, Theme, plan_map
from generator.content.marks import mark_points
from generator.content.model import Colour
from generator.design.units import mm
from generator.printing.preflight import MIN_TEXT_PT
from generator.render.formfields import radio_group, text_field
from generator.render.pagelayout import Flowable
from generator.render.press import draw_code, draw_face_content, draw_face_shapes, fill_polygon

INK = colors.CMYKColor(0, 0, 0, 1)
GREY = colors.CMYKColor(0, 0, 0, 0.6)
RULE = colors.CMYKColor(0, 0, 0, 0.3)
HAIRLINE = colors.CMYKColor(0, 0, 0, 0.4)
CARD_GAP = mm(6)
CARD_MAX_HEIGHT = mm(125)
MAP_MIN_HEIGHT = mm(40)  # less room than this at the foot of a page, and the map goes on the next
CARD_SHARE = 0.48  # of the page's text area: a tarot card at full size on A4, a little smaller on Letter
WRITING_MIN = mm(12)  # a writing area takes what is left of the page down to this
TOP_OF_PAGE = mm(20)  # a writing area with this little above it starts a page: it keeps to its minimum


class _Metrics:
    """Font metrics from ReportLab's registry, for fitting map titles (compose.fit.Metrics)."""

    def width(self, text: str, font: str) -> float:
        return pdfmetrics.stringWidth(text, font, 1.0)

    def ascent(self, font: str) -> float:
        return pdfmetrics.getFont(font).face.ascent / 1000

    def descent(self, font: str) -> float:
        return pdfmetrics.getFont(font).face.descent / 1000


def place_face(canvas: Canvas, face: Face, x: float, y: float, scale: float) -> None:
    """The face's trim box at (x, y), scaled, with a hairline edge where it would be cut.
    Drawn in the page, clipped to its trim, not as a Form XObject: a pack shows each face
    once, and a 1,000-card pack's 2,000 forms, placed from pages that also place their page
    labels, made more Form XObject invocations than an independent PDF/UA checker
    (page-validation) follows with its default limits. (Placing the press file's pages
    costs a pack of thousands of tagged objects more than drawing: qpdf's copy into a file
    slows with every object the file already holds.)"""
    x0, y0, x1, y1 = face.trim
    canvas.saveState()
    canvas.translate(x - x0 * scale, y - y0 * scale)
    canvas.scale(scale, scale)
    trim = canvas.beginPath()
    trim.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.clipPath(trim, stroke=0, fill=0)
    draw_face_content(canvas, face)
    canvas.restoreState()
    canvas.saveState()
    canvas.setStrokeColor(HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, (x1 - x0) * scale, (y1 - y0) * scale, stroke=1, fill=0)
    canvas.restoreState()


def place_miniature(canvas: Canvas, face: Face, x: float, y: float, scale: float) -> None:
    """The face's trim box at (x, y), scaled, its text drawn as lines of its colour."""
    canvas.saveState()
    canvas.translate(x - face.trim[0] * scale, y - face.trim[1] * scale)
    canvas.scale(scale, scale)
    _draw_miniature(canvas, face, 0.5 / scale)
    canvas.restoreState()


def smallest_text(face: Face) -> float:
    return min((line.size for line in face.lines), default=MIN_TEXT_PT)


class CardPair(Flowable):
    """A card's front and back side by side, as printed: full size where they fit, never
    so small that its smallest text falls under the pack's 6 pt minimum (a card too big
    for that shows its faces one under the other, see `card_flowables`)."""

    def __init__(self, faces: Sequence[Face], max_height: float = CARD_MAX_HEIGHT, floor: float = 1.0, miniature: bool = False):
        super().__init__()
        self.faces = faces
        self.miniature = miniature  # too big to show legibly: a picture, its text as lines (the page gives it as text)
        self.max_height = max_height
        self.floor = floor  # the smallest scale keeping its text at 6 pt: it shrinks to fit what is left of a page down to this
        self.scale = 1.0

    def _size(self) -> tuple[float, float]:
        front = self.faces[0]
        return front.trim[2] - front.trim[0], front.trim[3] - front.trim[1]

    def wrap(self, available_width, available_height):
        width, height = self._size()
        count = len(self.faces)
        self.scale = min(1.0, (available_width - CARD_GAP * (count - 1)) / (count * width), self.max_height / height)
        if height * self.scale > available_height and available_height / height >= self.floor:
            self.scale = available_height / height
        self.width = available_width
        self.height = height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        width, _ = self._size()
        x = 0.0
        for face in self.faces:
            if self.miniature:
                place_miniature(self.canv, face, x, 0, self.scale)
            else:
                place_face(self.canv, face, x, 0, self.scale)
            x += width * self.scale + CARD_GAP


class _FacesAt(Sequence):
    """Some of the deck's faces, read from it when they are drawn: a big deck's faces are
    read a part at a time (facestore.py), so a pack never holds them all."""

    def __init__(self, faces: Sequence[Face], places: tuple[int, ...]):
        self.faces, self.places = faces, places

    def __len__(self) -> int:
        return len(self.places)

    def __getitem__(self, index):
        return self.faces[self.places[index]]


def card_flowables(faces: Sequence[Face], front_at: int, width: float, frame_height: float) -> tuple[list[Flowable], bool]:
    """The card whose front is `faces[front_at]` (its back the next): side by side, at most
    about half the page high (so the questions and room for notes share the page), if both
    fit with their text at 6 pt or more; else one under the other; a card too big for the
    page at 6 pt (a poster) as a picture with its text as lines. And whether its text can
    be read there (if not, the page gives it as text)."""
    front, back = faces[front_at], faces[front_at + 1]
    pair, front_only, back_only = (_FacesAt(faces, places) for places in ((front_at, front_at + 1), (front_at,), (front_at + 1,)))
    card_width, card_height = front.trim[2] - front.trim[0], front.trim[3] - front.trim[1]
    max_height = min(CARD_MAX_HEIGHT, CARD_SHARE * frame_height)
    floor = MIN_TEXT_PT / min(smallest_text(front), smallest_text(back))
    scale = min(1.0, (width - CARD_GAP) / (2 * card_width), max_height / card_height)
    if scale >= floor - 1e-6:
        return [CardPair(pair, max_height)], True
    if min(1.0, width / card_width, frame_height * 0.9 / card_height) < floor - 1e-6:
        return [CardPair(pair, max_height, miniature=True)], False
    pair_floor = max(floor, min(1.0, (width - CARD_GAP) / (2 * card_width)))
    pair_fits = 2 * card_width * pair_floor + CARD_GAP <= width + 1e-6  # side by side at a legible size
    if pair_fits and pair_floor * card_height <= frame_height * 0.7:  # the page is short: the pair at its smallest legible size
        return [CardPair(pair, pair_floor * card_height)], True
    return [CardPair(front_only, frame_height * 0.9, floor), CardPair(back_only, frame_height * 0.9, floor)], True


class DeckFan(Flowable):
    """The cover's fan of the deck's card fronts in their colours: their fills, shapes and
    pictures, text shown as lines of its colour (a picture of the deck, too small to read)."""

    def __init__(self, faces: Sequence[Face], height: float = mm(100)):
        super().__init__()
        count = len(faces) // 2  # the fronts: every other face
        shown = 9 if count > 9 else count
        self.fronts = [faces[2 * round(i * (count - 1) / max(shown - 1, 1))] for i in range(shown)] if count else []
        self.fan_height = height

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, self.fan_height
        return self.width, self.height

    def draw(self) -> None:
        if not self.fronts:
            return
        canvas = self.canv
        face = self.fronts[0]
        width, height = face.trim[2] - face.trim[0], face.trim[3] - face.trim[1]
        count = len(self.fronts)
        spread = min(60.0, 12.0 * (count - 1))
        angles = [spread / 2 - (spread * i / (count - 1) if count > 1 else 0) for i in range(count)]
        lift = height * 0.35  # each card's bottom edge this far above the pivot, before turning
        # The fan's extent at scale 1, turned about the pivot (0, 0); then scaled to fit the box.
        corners = [(x, y) for x in (-width / 2, width / 2) for y in (lift, lift + height)]
        turned = [(x * math.cos(math.radians(a)) - y * math.sin(math.radians(a)),
                   x * math.sin(math.radians(a)) + y * math.cos(math.radians(a))) for a in angles for x, y in corners]
        left, right = min(p[0] for p in turned), max(p[0] for p in turned)
        bottom, top = min(p[1] for p in turned), max(p[1] for p in turned)
        scale = min(self.fan_height / (top - bottom), self.width / (right - left))
        for angle, front in zip(angles, self.fronts):
            canvas.saveState()
            canvas.translate(self.width / 2 - (left + right) / 2 * scale, -bottom * scale)
            canvas.scale(scale, scale)
            canvas.rotate(angle)
            canvas.translate(-width / 2, lift)
            canvas.translate(-front.trim[0], -front.trim[1])
            _draw_miniature(canvas, front, 0.6 / scale)
            canvas.restoreState()


def _draw_miniature(canvas: Canvas, face: Face, line_width: float) -> None:
    """`line_width` in the face's own units: 0.6 pt on the page, whatever the scale."""
    x0, y0, x1, y1 = face.trim
    canvas.setFillColor(colors.CMYKColor(0, 0, 0, 0))
    canvas.setStrokeColor(HAIRLINE)
    canvas.setLineWidth(line_width)
    canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1)
    path = canvas.beginPath()
    path.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.clipPath(path, stroke=0, fill=0)
    draw_face_shapes(canvas, face)
    for line in face.lines:  # each line of text as a bar of its colour, lighter, the height of its lower-case letters
        canvas.setFillColorCMYK(*(v * 0.45 for v in line.colour.cmyk))
        canvas.rect(line.x, line.y, line.width, line.size * 0.42, stroke=0, fill=1)


class FrameworkMap(Flowable):
    """The themes as bands and the behaviours as tiles (packmap.plan_map), filling the page;
    a deck too big for one page continues on the next."""

    def __init__(self, themes: list[Theme], colours: list[tuple[float, float, float, float]], marks: list[str],
                 regular: str, bold: str, first_theme: int = 0):
        super().__init__()
        self.themes, self.colours, self.marks = themes, colours, marks
        self.regular, self.bold = regular, bold
        self.first_theme = first_theme
        self.pages: list[MapPage] = []
        self._planned_for: tuple[float, float] | None = None
        self.fits: dict = {}  # titles fitted into tiles, shared with the map's continuation

    def wrap(self, available_width, available_height):
        self.width = available_width
        if available_height < MAP_MIN_HEIGHT:  # the foot of a page: the map starts on the next
            self.pages, self.height, self._top = [], available_height + 1, available_height
            return self.width, self.height
        if self._planned_for != (available_width, available_height):  # ReportLab asks again and again: plan once a size
            self.pages = plan_map(self.themes, available_width, available_height, _Metrics(), self.regular, self.bold, self.fits)
            self._planned_for = (available_width, available_height)
        used = self.pages[0].bands[-1].rect[1] if self.pages and self.pages[0].bands else available_height
        self.height = available_height - used if len(self.pages) == 1 else available_height + 1
        self._top = available_height
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if not self.pages:
            return []
        if len(self.pages) <= 1:
            return [self]
        first = self.pages[0]
        shown = {band.theme for band in first.bands}
        if len(shown) == 1 and len(first.bands[0].tiles) < len(self.themes[0][1]):  # one theme split over pages
            name, cards = self.themes[0]
            rest = [(name, cards[len(first.bands[0].tiles):])] + self.themes[1:]
            start = self.first_theme
        else:
            rest = self.themes[len(shown):]
            start = self.first_theme + len(shown)
        rest_map = FrameworkMap(rest, self.colours, self.marks, self.regular, self.bold, start)
        rest_map.fits = self.fits
        return [_MapPart(first, self, available_height), rest_map]

    def draw(self) -> None:
        if self.pages:
            draw_map_page(self.canv, self.pages[0], self, self._top - self.height)


class _MapPart(Flowable):
    def __init__(self, page: MapPage, owner: FrameworkMap, height: float):
        super().__init__()
        self.page, self.owner = page, owner
        self.width, self.height = owner.width, height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self) -> None:
        draw_map_page(self.canv, self.page, self.owner, 0.0)


def draw_map_page(canvas: Canvas, page: MapPage, owner: FrameworkMap, shift: float) -> None:
    """One page of the map; `shift` moves the map's own origin (its top sits at the frame's top)."""
    canvas.saveState()
    canvas.translate(0, -shift)
    for band in page.bands:
        theme = owner.first_theme + band.theme
        cmyk = owner.colours[theme]
        shape = owner.marks[theme]
        hx0, hy0, hx1, hy1 = band.header
        canvas.setFillColorCMYK(*cmyk)
        canvas.rect(hx0, hy0, mm(1.5), hy1 - hy0, stroke=0, fill=1)  # the theme's colour down the band
        _mark(canvas, shape, cmyk, hx0 + mm(5.5), hy1 - mm(3.5), mm(5))
        _fitted(canvas, band.name, hx0 + mm(3), hy1 - mm(7.5), INK)
        for tile in band.tiles:
            x0, y0, x1, y1 = tile.rect
            c, m, y, k = cmyk
            canvas.setFillColorCMYK(c * 0.12, m * 0.12, y * 0.12, k * 0.12)  # a light tint: black text reads on it in grey too
            canvas.setStrokeColorCMYK(*cmyk)
            canvas.setLineWidth(0.8)
            canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1)
            _mark(canvas, shape, cmyk, x0 + NUMBER_WIDTH / 2, y1 - PAD - mm(2), mm(3.6))
            canvas.setFillColor(INK)
            canvas.setFont(owner.bold, 9)
            canvas.drawCentredString(x0 + NUMBER_WIDTH / 2, y1 - PAD - mm(8), str(tile.position))
            bx0, by0, bx1, by1 = tile.title_box
            top = by1 - (by1 - by0 - tile.lines.height) / 2  # centred in the tile
            _fitted(canvas, tile.lines, bx0, top, INK)
    canvas.restoreState()


def _mark(canvas: Canvas, shape: str, cmyk, cx: float, cy: float, size: float) -> None:
    canvas.setFillColorCMYK(*cmyk)
    fill_polygon(canvas, mark_points(shape, cx, cy, size))


def _fitted(canvas: Canvas, fitted, x: float, top: float, colour) -> None:
    canvas.setFillColor(colour)
    for line in fitted.lines:
        canvas.setFont(line.font, line.size)
        canvas.drawString(x + line.offset, top - line.baseline, line.text)


def field_name(text: str) -> str:
    """A field name from a heading or id: ASCII letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "notes"


class WritingArea(Flowable):
    """Ruled lines to write on, `height` high, or filling the rest of the frame (`fill`,
    at least `height`); with `field`, a fillable text field over them."""

    def __init__(self, width: float, height: float, fill: bool = False, field: tuple[str, str] | None = None,
                 spacing: float = mm(8), frame_height: float = 0.0):
        super().__init__()
        self.width, self.min_height, self.fill = width, height, fill
        self.field, self.spacing, self.frame_height = field, spacing, frame_height
        self.height = height

    def wrap(self, available_width, available_height):
        """Filling: what is left of the page, if at least WRITING_MIN; on a page of its own
        (what was left was less), only its minimum: never a page of nothing but lines."""
        self.width = available_width
        if not self.fill:
            self.height = self.min_height
        elif available_height > 100 * self.frame_height:  # KeepTogether measuring: what it needs at least
            self.height = WRITING_MIN
        elif available_height >= self.frame_height - TOP_OF_PAGE:
            self.height = self.min_height
        elif available_height >= WRITING_MIN + 1:
            self.height = available_height - 1
        else:
            self.height = self.min_height
        return self.width, self.height

    def split(self, available_width, available_height):
        """A fixed area taller than the room left continues on the next page (`@lines 300`
        runs over pages): as many whole lines as fit here, the rest after; each part keeps
        its own field."""
        if self.fill or self.min_height <= available_height:
            return []
        here = int(available_height // self.spacing) * self.spacing
        if here < self.spacing:
            return []  # not one line fits: the whole area goes to the next page
        base = self._base or (self.field[0] if self.field is not None else None)
        rest_field = (f"{base}-{self._part + 1}", self.field[1]) if self.field is not None else None
        first = WritingArea(self.width, here, field=self.field, spacing=self.spacing)
        rest = WritingArea(self.width, self.min_height - here, field=rest_field, spacing=self.spacing)
        rest._part, rest._base = self._part + 1, base
        return [first, rest]

    _part = 1  # which page's part of an area split over pages, and the first part's field name
    _base: str | None = None

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        lines = max(1, int(self.height // self.spacing))
        for i in range(lines):
            y = self.height - (i + 1) * self.spacing
            canvas.line(0, y, self.width, y)
        if self.field is not None:
            name, tooltip = self.field
            x0, y0 = canvas.absolutePosition(0, 0)
            x1, y1 = canvas.absolutePosition(self.width, self.height)
            text_field(canvas, name, tooltip, (x0, y0, x1, y1))


class WritingColumns(Flowable):
    """Headed writing areas side by side, filling the rest of the frame (at least
    `height`); with `fields`, a fillable text field under each heading."""

    def __init__(self, labels: list[str], font: str, size: float, height: float,
                 fields: list[tuple[str, str]] | None = None, spacing: float = mm(8)):
        super().__init__()
        self.labels, self.font, self.size, self.min_height = labels, font, size, height
        self.fields, self.spacing = fields, spacing

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = max(self.min_height, available_height - 1)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        gap = mm(8)
        count = len(self.labels)
        column = (self.width - gap * (count - 1)) / count
        head = self.size * 1.6
        for index, label in enumerate(self.labels):
            x = index * (column + gap)
            canvas.setFillColor(INK)
            canvas.setFont(self.font, self.size)
            canvas.drawString(x, self.height - self.size, label)
            area = self.height - head
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            for line in range(max(1, int(area // self.spacing))):
                y = area - (line + 1) * self.spacing
                canvas.line(x, y, x + column, y)
            if self.fields is not None:
                name, tooltip = self.fields[index]
                x0, y0 = canvas.absolutePosition(x, 0)
                x1, y1 = canvas.absolutePosition(x + column, area)
                text_field(canvas, name, tooltip, (x0, y0, x1, y1))


SCALE_STEP = mm(8.5)  # each step of a 1-5 scale: room to circle it with a pen, or to click (at least 8 mm)
SCALE_STEPS = 5
RING = mm(3.2)


class RatingScale(Flowable):
    """1 to 5, each number centred in its own SCALE_STEP, in a ring; with `field`, a radio
    group over the rings (the chosen one drawn bold)."""

    def __init__(self, font: str, size: float, field: tuple[str, str] | None = None):
        super().__init__()
        self.font, self.size, self.field = font, size, field
        self.width, self.height = SCALE_STEPS * SCALE_STEP, mm(7)

    def wrap(self, available_width, available_height):
        return (self.width, self.height)

    def draw(self) -> None:
        canvas = self.canv
        name = f"rating-scale-{field_name(self.font)}-{self.size:g}"
        if not canvas.hasForm(name):  # drawn once a document, placed on every row
            canvas.beginForm(name, 0, 0, self.width, self.height)
            canvas.setLineWidth(0.5)
            canvas.setStrokeColor(RULE)
            canvas.setFillColor(INK)
            canvas.setFont(self.font, self.size)
            for step in range(SCALE_STEPS):
                centre = (step + 0.5) * SCALE_STEP
                canvas.circle(centre, self.height / 2, RING, stroke=1, fill=0)
                canvas.drawCentredString(centre, self.height / 2 - self.size * 0.35, str(step + 1))
            canvas.endForm()
        canvas.doForm(name)
        if self.field is not None:
            name, tooltip = self.field
            centres = [canvas.absolutePosition((step + 0.5) * SCALE_STEP, self.height / 2) for step in range(SCALE_STEPS)]
            radio_group(canvas, name, tooltip, centres, RING + mm(0.6), [str(step + 1) for step in range(SCALE_STEPS)])


__all__ = ["CardPair", "DeckFan", "FrameworkMap", "WritingArea", "WritingColumns", "RatingScale", "card_flowables", "field_name"]


BLACK_INK = Colour((0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0))
WHITE_PAPER = Colour((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))


class CodeFlowable(Flowable):
    """A QR code to a web address, 22 mm square with its quiet zone, in one ink (black)."""

    def __init__(self, url: str, size: float = mm(22)):
        super().__init__()
        self.url, self.size = url, size

    def wrap(self, available_width, available_height):
        self.width, self.height = self.size, self.size
        return self.width, self.height

    def draw(self) -> None:
        draw_code(self.canv, Code((0.0, 0.0, self.size, self.size), self.url, BLACK_INK, WHITE_PAPER))
