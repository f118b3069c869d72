"""(deck, layout, style) -> laid-out faces with final text, fonts, colours and positions. Pure.

Every problem names the deck, the card, the face and region, at the YAML line of the
content that caused it: text that does not fit at the floor size, a word too long for
its box, or a character the font cannot draw.
"""
from __future__ import annotations

import re
from typing import Protocol

from .errors import Problems, Where
from .faces import Face, Fill, Line, Rect
from .fit import Metrics, Overflow, Paragraph, fit
from .layout import EDGE_TOLERANCE, Box, Layout, Region
from .model import PERSPECTIVES, Behaviour, Colour, Deck, ThemeGroup
from .theme import Style

PARAGRAPH_SPACE_EM = 0.5
_CARD_FIELD = re.compile(r"\bcard\.(\w+)(?:\.(\w+))?")


class FontMetrics(Metrics, Protocol):
    def missing(self, text: str, font: str) -> list[str]:
        """Characters of `text` the font has no glyph for."""


def compose_deck(deck: Deck, layout: Layout, style: Style, metrics: FontMetrics, problems: Problems) -> list[Face]:
    """Both faces of every card, in deck order: front 1, back 1, front 2, ..."""
    before = len(problems.items)
    _check_fonts(layout, style, problems)
    if len(problems.items) > before:
        return []
    faces: list[Face] = []
    count = len(deck.behaviours)
    for position, behaviour in enumerate(deck.behaviours, 1):
        group = deck.group(behaviour.theme)
        context = card_context(deck, behaviour, group, position, count)
        for side, regions in (("front", layout.front), ("back", layout.back)):
            face = _compose_face(deck, behaviour, group, side, regions, layout, style, context, metrics, problems)
            if face is not None:
                faces.append(face)
    return faces


def card_context(deck: Deck, behaviour: Behaviour, group: ThemeGroup, position: int, count: int) -> dict:
    """The names a region template can use."""
    return {
        "deck": {
            "id": deck.id, "title": deck.title, "subtitle": deck.subtitle, "publisher": deck.publisher,
            "version": deck.version, "language": deck.language, "licence": deck.licence,
            "contact": deck.contact, "website": deck.website,
            "illustrative_notice": deck.illustrative_notice,
        },
        "card": {
            "id": behaviour.id, "title": behaviour.title, "description": behaviour.description,
            "status": behaviour.status, "source": behaviour.source,
            "indicators": {"enabling": list(behaviour.enabling), "obstructing": list(behaviour.obstructing)},
            "questions": dict(behaviour.questions),
        },
        "theme": {"id": group.id, "name": group.name, "colour": group.colour.hex},
        "position": position,
        "count": count,
    }


def _check_fonts(layout: Layout, style: Style, problems: Problems) -> None:
    for region in layout.front + layout.back:
        if not region.has_text:
            continue
        roles = {region.font} | ({region.label_font} if region.content == "questions" else set())
        for role in sorted(roles):
            if role not in style.fonts:
                key = "label-font" if role == region.label_font and role != region.font else "font"
                problems.add(region.field_where.get(key, region.where), f"region '{region.name}' uses the '{role}' font, which theme '{style.name}' does not define")


def _compose_face(deck, behaviour, group, side, regions, layout, style, context, metrics, problems) -> Face | None:
    bleed = layout.bleed
    page_w, page_h = layout.width + 2 * bleed, layout.height + 2 * bleed
    fills: list[Fill] = []
    lines: list[Line] = []
    sizes: dict[str, float] = {}
    before = len(problems.items)
    for region in regions:
        if region.fill is not None:
            rect = _bleed_rect(region.box, layout)
            fills.append(Fill(_page_rect(rect, layout), _resolve(region.fill, style, group)))
        if not region.has_text:
            continue
        about = f"deck '{deck.id}', card {context['position']} '{behaviour.id}', {side} region '{region.name}'"
        paragraphs = _paragraphs(region, style, group, context, problems, about)
        if not paragraphs:
            continue
        where = _content_where(region, behaviour)
        for font in dict.fromkeys(p.font for p in paragraphs):
            text = "".join(p.text for p in paragraphs if p.font == font)
            for char in metrics.missing(text, font):
                problems.add(where, f"{about}: the character '{char}' (U+{ord(char):04X}) cannot be printed in font {font}; replace it or use a theme whose font has it")
        if len(problems.items) > before:
            continue
        result = fit(paragraphs, region.box.width, region.box.height, region.size, region.floor, region.leading, metrics)
        if isinstance(result, Overflow):
            problems.add(where, _overflow_message(about, region, result, paragraphs))
            continue
        sizes[region.name] = result.size
        top = _valign_offset(region, result.height)
        for set_line in result.lines:
            x = region.box.x + _align_offset(region, set_line.width)
            y_down = region.box.y + top + set_line.baseline
            lines.append(Line(
                x=round(bleed + x, 3), y=round(page_h - bleed - y_down, 3), text=set_line.text,
                font=set_line.font, size=set_line.size, colour=set_line.style, width=round(set_line.width, 3),
            ))
    if len(problems.items) > before:
        return None
    return Face(
        deck_id=deck.id, card_id=behaviour.id, side=side, position=context["position"], count=context["count"],
        page_width=page_w, page_height=page_h,
        trim=(bleed, bleed, bleed + layout.width, bleed + layout.height),
        bleed=(0.0, 0.0, page_w, page_h),
        fills=tuple(fills), lines=tuple(lines), sizes=sizes,
    )


def _paragraphs(region: Region, style: Style, group: ThemeGroup, context: dict, problems: Problems, about: str) -> list[Paragraph]:
    font = style.fonts[region.font].name
    colour = _resolve(region.colour, style, group)
    if region.content == "questions":
        label_font = style.fonts[region.label_font].name
        label_colour = _resolve(region.label_colour, style, group)
        gap_em = region.gap / region.size
        paragraphs = []
        for i, perspective in enumerate(PERSPECTIVES):
            paragraphs.append(Paragraph(region.labels[perspective], label_font, label_colour, gap_em if i else 0.0))
            paragraphs.append(Paragraph(context["card"]["questions"][perspective], font, colour))
        return paragraphs
    # Template problems belong to the layout, not the card: reported once per region.
    rendered = region.text.render(context, problems, f"region '{region.name}'") if region.text else None
    if rendered is None:
        return []
    paragraphs = []
    space = 0.0
    for raw_line in rendered.split("\n"):
        text = " ".join(raw_line.split())
        if not text:
            space = PARAGRAPH_SPACE_EM if paragraphs else 0.0
            continue
        paragraphs.append(Paragraph(text, font, colour, space))
        space = 0.0
    return paragraphs


def _content_where(region: Region, behaviour: Behaviour) -> Where:
    """The YAML line of the behaviour field a region prints, for error messages."""
    if region.content == "questions":
        return behaviour.where_of("questions")
    match = _CARD_FIELD.search(region.text.source) if region.text else None
    if match is None:
        return region.field_where.get("text", region.where)
    first, second = match.groups()
    return behaviour.field_where.get(f"{first}.{second}") or behaviour.where_of(first)


def _overflow_message(about: str, region: Region, overflow: Overflow, paragraphs: list[Paragraph]) -> str:
    size_mm = f"{region.box.width * 25.4 / 72:.1f} x {region.box.height * 25.4 / 72:.1f} mm"
    if overflow.too_wide is not None:
        return f"{about}: the word '{overflow.too_wide}' is too wide for the {size_mm} box even at {overflow.size:g}pt; shorten it or add a space or hyphen"
    words = sum(len(p.text.split()) for p in paragraphs)
    excess = max(1, round(words * (1 - overflow.available / overflow.needed)))
    return (
        f"{about}: text does not fit in the {size_mm} box even at the {overflow.size:g}pt floor "
        f"(needs {overflow.needed * 25.4 / 72:.1f} mm of height); shorten it by about {excess} words"
    )


def _resolve(ref: str, style: Style, group: ThemeGroup) -> Colour:
    if ref == "theme":
        return group.colour
    if ref in style.colours:
        return style.colours[ref]
    return Colour.from_hex(ref)


def _bleed_rect(box: Box, layout: Layout) -> Box:
    """A filled box that touches a trim edge runs on through the bleed."""
    x0 = box.x - layout.bleed if box.x <= EDGE_TOLERANCE else box.x
    y0 = box.y - layout.bleed if box.y <= EDGE_TOLERANCE else box.y
    x1 = box.right + layout.bleed if box.right >= layout.width - EDGE_TOLERANCE else box.right
    y1 = box.bottom + layout.bleed if box.bottom >= layout.height - EDGE_TOLERANCE else box.bottom
    return Box(x0, y0, x1 - x0, y1 - y0)


def _page_rect(box: Box, layout: Layout) -> Rect:
    """Trim coordinates (y down from the trim's top) -> page points (y up from the page's bottom)."""
    page_h = layout.height + 2 * layout.bleed
    x0 = layout.bleed + box.x
    top = page_h - (layout.bleed + box.y)
    return (round(x0, 3), round(top - box.height, 3), round(x0 + box.width, 3), round(top, 3))


def _align_offset(region: Region, width: float) -> float:
    return _offset(region.align, region.box.width - width)


def _valign_offset(region: Region, height: float) -> float:
    return _offset(region.valign, region.box.height - height)


def _offset(alignment: str, room: float) -> float:
    """How far to move text along an axis: none at the start, half in the middle, all at the end."""
    return {"centre": room / 2, "middle": room / 2, "right": room, "bottom": room}.get(alignment, 0.0)
