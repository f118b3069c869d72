"""(deck, layout, style) -> laid-out faces with final text, fonts, colours and positions. Pure.

Every problem names the deck, the card, the face and region, at the YAML line of the
content that caused it: text that does not fit at the floor size, a word too long for
its box, a character the font cannot draw, a logo too coarse for print.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from generator.compose.context import card_names, deck_names, theme_names
from generator.compose.faces import Code, Face, Fill, Line, Mark, Picture, Rect, Stamp
from generator.compose.fit import Metrics, Overflow, Paragraph, Run, fit
from generator.content.fields import split_words
from generator.content.marks import mark_points
from generator.content.model import PERSPECTIVES, Behaviour, Colour, Deck, ThemeGroup
from generator.content.words import Words, words_of
from generator.design.contrast import check_contrast, colour_of
from generator.design.layout import EDGE_TOLERANCE, INDICATORS, Box, Layout, Region, background_of
from generator.design.theme import Style
from generator.errors import Problems, Where, counted

PARAGRAPH_SPACE_EM = 0.5
ITEM_SPACE_EM = 0.15
BULLET_INDENT_EM = 0.9
PRINT_PPI = 300
_TEMPLATE_FIELD = re.compile(r"\b(card|deck|theme)\.(\w+)")


class FontMetrics(Metrics, Protocol):
    def missing(self, text: str, font: str) -> list[str]:
        """Characters of `text` the font has no glyph for."""


@dataclass(frozen=True)
class Logo:
    path: str
    pixels: tuple[int, int]  # width, height


Parts = Callable[["PartJob", list[range]], "Iterable[dict]"]  # compose_part of each range, as each is done
LOCAL_PART_CARDS = 50  # composing here: progress is heard of after each part


@dataclass(frozen=True)
class PartJob:
    """What composing some of a deck's cards needs, besides its fonts' metrics: sent
    whole to a worker process, which measures with fonts of its own."""

    deck: Deck
    layout: Layout
    style: Style
    logo: Logo | None


def compose_part(job: PartJob, metrics: FontMetrics, positions: range) -> dict:
    """The faces of the cards at `positions` (1-based), each with its problems and what
    the deck's fine-text rules need of its text (`FineRegion`s), by (position, side).
    The faces' text is in the colours it asks for: `finish_face` applies the rules."""
    made: dict = {}
    deck, layout = job.deck, job.layout
    count = len(deck.behaviours)
    names, words = deck_names(deck), words_of(deck)  # the same for every card (templates cannot change them)
    for position in positions:
        behaviour = deck.behaviours[position - 1]
        group = deck.group(behaviour.theme)
        context = card_context(deck, behaviour, group, position, count, names, words)
        card = _Card(deck, behaviour, group, deck.group_index(group.id), context)
        for side, regions in (("front", layout.front), ("back", layout.back)):
            own, fine_regions = Problems(), []
            face = _compose_face(card, side, regions, layout, job.style, metrics, job.logo, own, fine_regions)
            made[(position, side)] = (face, own.items, tuple(fine_regions))
    return made


def compose_deck(deck: Deck, layout: Layout, style: Style, metrics: FontMetrics, problems: Problems, logo: Logo | None = None,
                 progress: Callable[[int, int], None] | None = None, parts: Parts | None = None,
                 part_cards: int = 0, keep: Keep | None = None) -> Sequence[Face]:
    """Both faces of every card, in deck order: front 1, back 1, front 2, ...
    `progress(done, total)` hears of each card composed. With `parts` (and `part_cards`
    cards in each part), the cards are composed in parts, by worker processes say; the
    faces and problems, and their order, are the same as here. Parts may leave their
    faces where they were composed, handing over a handle for each: `keep` then makes
    the deck's faces of the handles, in order, finished by the deck's rules."""
    before = len(problems.items)
    _check_fonts(layout, style, problems)
    check_contrast(deck, layout, style, problems)
    if logo is not None:
        _check_logo(layout, style, logo, problems)
    if len(problems.items) > before:
        return []
    stamp = draft_stamp(words_of(deck)("draft-stamp"), layout, style, metrics) if deck.draft else None
    count = len(deck.behaviours)
    if parts is None:
        def parts(job: PartJob, ranges: list[range]) -> Iterator[dict]:
            return (compose_part(job, metrics, positions) for positions in ranges)
    size = part_cards if part_cards > 0 else LOCAL_PART_CARDS
    ranges = [range(start, min(start + size, count + 1)) for start in range(1, count + 1, size)]
    made: dict = {}
    for part in parts(PartJob(deck, layout, style, logo), ranges):
        made.update(part)
        if progress is not None:
            progress(len(made) // 2, count)
    composed = [made[(position, side)] for position in range(1, count + 1) for side in ("front", "back")]
    del made
    for _, items, _ in composed:
        problems.extend(items)
    rules = FinishRules(style, _settled_rules(chipped_regions(deck, layout, style), [regions for face, _, regions in composed
                                                                                      if face is not None], style), stamp)
    present = [(face, regions) for face, _, regions in composed if face is not None]
    if keep is not None:
        return keep(present, rules)
    return [finished(face, regions, rules) for face, regions in present]


Keep = Callable[[list, "FinishRules"], Sequence[Face]]  # (handle, fine regions) of each face, in order; the rules -> faces


@dataclass(frozen=True)
class FineText:
    """Regions, as (side, name), whose text is set on a chip of paper, or in black."""

    chips: set[tuple[str, str]]
    blacks: set[tuple[str, str]]


@dataclass(frozen=True)
class FinishRules:
    """What finishing a composed face takes: the deck's fine-text rules, once settled,
    and its draft stamp."""

    style: Style
    fine: FineText
    stamp: Stamp | None


def finished(face: Face, regions: tuple["FineRegion", ...], rules: FinishRules) -> Face:
    """A composed face with the deck's rules applied (`regions`: what it composed them from)."""
    face = finish_face(face, regions, rules.style, rules.fine)
    return face if rules.stamp is None else replace(face, stamp=rules.stamp)


def _settled_rules(chips: set[tuple[str, str]], faces_regions: list[tuple["FineRegion", ...]], style: Style) -> FineText:
    """The fine-text rules of a deck, decided per deck so its cards look alike: a region whose
    text any card turns black (or puts on a chip) does so on every card. What fitting
    shrinks is known only once the cards are composed, and the rules change colours and
    add chips, never where text goes: they are worked out from what each face's regions
    ask of them until they settle, then applied to the faces."""
    fine = FineText(chips, set())
    while True:
        found = FineText(set(), set())
        for regions in faces_regions:
            _fine_found(regions, style, fine, found)
        if found.chips <= fine.chips and found.blacks <= fine.blacks:
            return fine
        fine = FineText(fine.chips | found.chips, fine.blacks | found.blacks)


@dataclass(frozen=True)
class FineRegion:
    """What the fine-text rules need of one region's fitted text on a face."""

    key: tuple[str, str]  # (side, region name)
    size: float  # the size its text was fitted at
    under: Colour  # the colour it stands on
    colours: tuple[Colour, ...]  # each line's colour, as its text asks
    first_line: int  # its lines' place among the face's lines
    chip_at: int  # where its chip, if it has one, goes among the face's fills


def _fine_found(regions: tuple[FineRegion, ...], style: Style, fine: FineText, found: FineText) -> None:
    """What a face's regions ask of the deck's rules `fine`, added to `found`: a chip for
    white text fitted under 12 pt on a fill of three or four inks, black where its text
    changes colour under them."""
    if not style.fine_text_black:
        return
    for region in regions:
        key = region.key
        chip, black, small = key in fine.chips, key in fine.blacks, region.size < FINE_TEXT_PT - 1e-6
        if not chip and small and inks(region.under) >= 3 and any(inks(colour) == 0 for colour in region.colours):
            found.chips.add(key)
        if chip or not (black or small):
            continue
        if any(_fine_text_colour(asked, region.size, region.under, style, black) != asked for asked in region.colours):
            found.blacks.add(key)


def finish_face(face: Face, regions: tuple[FineRegion, ...], style: Style, fine: FineText) -> Face:
    """`face` with the deck's fine-text rules applied to its text: black where `fine` says
    (or where small text would need two or more inks on paper), on a chip of paper where
    `fine` says."""
    if not style.fine_text_black:
        return face  # no rules: the text keeps the colours it asks for
    lines, fills = list(face.lines), list(face.fills)
    chips, changed = 0, False
    for region in regions:
        key = region.key
        chip, black, small = key in fine.chips, key in fine.blacks, region.size < FINE_TEXT_PT - 1e-6
        if not (chip or black or small):
            continue  # 12 pt or more, and no other card asks: its colours stay
        decided: dict[int, Colour] = {}  # a region's lines mostly share one colour: decided once
        for number, asked in enumerate(region.colours, start=region.first_line):
            colour = decided.get(id(asked))
            if colour is None:
                colour = decided[id(asked)] = (style.colours["text"] if chip else
                                               _fine_text_colour(asked, region.size, region.under, style, black))
            if colour is not asked:
                lines[number] = replace(lines[number], colour=colour)
                changed = True
        if chip:
            fills.insert(region.chip_at + chips, Fill(_chip_rect(lines[region.first_line:region.first_line + len(region.colours)]),
                                                       style.colours["paper"]))
            chips += 1
    if not (changed or chips):
        return face
    return replace(face, lines=tuple(lines), fills=tuple(fills))


def card_context(deck: Deck, behaviour: Behaviour, group: ThemeGroup, position: int, count: int,
                 names: dict | None = None, words: Words | None = None) -> dict:
    """The names a region template can use (`names` and `words`: the deck's, when the
    caller has them already)."""
    return {
        "deck": deck_names(deck) if names is None else names,
        "card": card_names(behaviour),
        "theme": theme_names(group),
        "position": position,
        "count": count,
        "_": words_of(deck) if words is None else words,
    }


@dataclass(frozen=True)
class _Card:
    deck: Deck
    behaviour: Behaviour
    group: ThemeGroup
    index: int  # the group's place in the deck, for per-group theme colours
    context: dict

    @property
    def words(self) -> Words:
        return self.context["_"]


def _check_fonts(layout: Layout, style: Style, problems: Problems) -> None:
    for region in layout.front + layout.back:
        if not region.has_text:
            continue
        roles = {region.font} | ({region.label_font} if region.content != "text" else set())
        for role in sorted(roles):
            if role not in style.fonts:
                key = "label-font" if role == region.label_font and role != region.font else "font"
                problems.add(region.field_where.get(key, region.where), f"region '{region.name}' uses the '{role}' font, which theme '{style.name}' does not define")


def _check_logo(layout: Layout, style: Style, logo: Logo, problems: Problems) -> None:
    for region in layout.front + layout.back:
        if region.content != "logo":
            continue
        rect = _fit_picture(region, logo.pixels)
        ppi = logo.pixels[0] / ((rect[2] - rect[0]) / 72)
        if ppi < PRINT_PPI - 0.5:
            need = (round(logo.pixels[0] * PRINT_PPI / ppi), round(logo.pixels[1] * PRINT_PPI / ppi))
            problems.add(style.where_of("logo"), (
                f"the logo is {ppi:.0f} ppi where layout '{layout.name}' places it (region '{region.name}'); "
                f"print needs {PRINT_PPI} ppi: use an image of at least {need[0]} x {need[1]} pixels"
            ))


def _compose_face(card: _Card, side: str, regions: tuple[Region, ...], layout: Layout, style: Style,
                  metrics: FontMetrics, logo: Logo | None, problems: Problems, fine_regions: list[FineRegion]) -> Face | None:
    """One face, its text in the colours it asks for; each text region's needs of the
    fine-text rules added to `fine_regions`."""
    bleed = layout.bleed
    page_w, page_h = layout.width + 2 * bleed, layout.height + 2 * bleed
    fills: list[Fill] = []
    lines: list[Line] = []
    marks: list[Mark] = []
    pictures: list[Picture] = []
    codes: list[Code] = []
    sizes: dict[str, float] = {}
    paper = style.colours["paper"]
    if paper.cmyk != (0, 0, 0, 0):
        fills.append(Fill((0.0, 0.0, page_w, page_h), paper))
    before = len(problems.items)
    for number, region in enumerate(regions):
        if region.fill is not None:
            rect = _page_rect(_bleed_box(region.box, layout), layout)
            fills.append(Fill(rect, colour_of(region.fill, style, card.group, card.index)))
        if region.content == "mark":
            x0, y0, x1, y1 = _page_rect(region.box, layout)
            points = mark_points(card.group.mark, (x0 + x1) / 2, (y0 + y1) / 2, min(x1 - x0, y1 - y0))
            marks.append(Mark(points, colour_of(region.colour, style, card.group, card.index)))
        elif region.content == "qr":
            url = card.deck.card_url(card.behaviour.id) if card.deck.qr_side == side else None
            code = _code(region, layout, style, card, url, problems) if url else None
            if code is not None:
                codes.append(code)
        elif region.content == "logo" and logo is not None:
            x0, y0, x1, y1 = _fit_picture(region, logo.pixels)
            under = colour_of(background_of(regions, number), style, card.group, card.index)
            pictures.append(Picture(logo.path, _page_rect(Box(x0, y0, x1 - x0, y1 - y0), layout), under))
        if not region.has_text:
            continue
        paragraphs = _paragraphs(region, style, card, problems)
        if not paragraphs:
            continue
        missing = [(font, char) for font, text in _text_by_font(paragraphs).items() for char in metrics.missing(text, font)]
        if missing:  # every region is tried, so one run reports them all
            where, about = _region_where(card, layout, side, region)
            for font, char in missing:
                problems.add(where, f"{about}: the character '{char}' (U+{ord(char):04X}) cannot be printed in font {font}; replace it or use a theme whose font has it")
            continue
        floor = region.floor if region.small_print else max(region.floor, style.min_size)
        size = max(region.size * style.text_scale, floor)
        result = fit(paragraphs, region.box.width, region.box.height, size, floor, region.leading, metrics)
        if isinstance(result, Overflow):
            where, about = _region_where(card, layout, side, region)
            problems.add(where, _overflow_message(about, region, result, paragraphs, style))
            continue
        sizes[region.name] = result.size
        top = _offset(region.valign, region.box.height - result.height)
        under = colour_of(background_of(regions, number), style, card.group, card.index)
        fine_regions.append(FineRegion((side, region.name), result.size, under, tuple(line.style for line in result.lines),
                                       len(lines), len(fills)))
        box, align, name = region.box, region.align, region.name
        for set_line in result.lines:
            x = box.x + _offset(align, box.width - set_line.line_width) + set_line.offset
            y_down = box.y + top + set_line.baseline
            lines.append(Line(round(bleed + x, 3), round(page_h - bleed - y_down, 3), set_line.text, set_line.font,
                              set_line.size, set_line.style, round(set_line.width, 3), name))
    if len(problems.items) > before:
        return None
    return Face(
        deck_id=card.deck.id, card_id=card.behaviour.id, side=side,
        position=card.context["position"], count=card.context["count"],
        page_width=page_w, page_height=page_h,
        trim=(bleed, bleed, bleed + layout.width, bleed + layout.height),
        bleed=(0.0, 0.0, page_w, page_h),
        fills=tuple(fills), lines=tuple(lines), marks=tuple(marks), pictures=tuple(pictures), sizes=sizes,
        codes=tuple(codes),
    )


def _region_where(card: _Card, layout: Layout, side: str, region: Region) -> tuple[Where, str]:
    """Where a problem with a region's text on this card is fixed, and what to call it
    (worked out only for a problem: most regions have none)."""
    where, card_content = _content_where(region, card)
    # Deck-wide text (a footer) fails the same way on every card: say so once.
    which_card = f"card {card.context['position']} '{card.behaviour.id}'" if card_content else "every card"
    if where == card.group.where:
        which_card = f"every card of theme '{card.group.name}'"
    return where, f"deck '{card.deck.id}', {which_card}, layout '{layout.name}', {side} region '{region.name}'"


def _text_by_font(paragraphs: list[Paragraph]) -> dict[str, str]:
    """Every character each font of the paragraphs is asked to print (its words', and the
    bullets of paragraphs in it), by font in the order the words first use them. A word
    is text between the spaces, tabs and line ends `split_words` breaks at, so a text's
    characters less those are its words' characters."""
    chars: dict[str, set[str]] = {}
    bullets: dict[str, str] = {}
    for paragraph in paragraphs:
        runs = ((paragraph.lead.text, paragraph.lead.font),) if paragraph.lead else ()
        for text, font in runs + ((paragraph.text, paragraph.font),):
            if text.strip(_BREAKS):  # a text of no words asks nothing of its font
                chars.setdefault(font, set()).update(text)
        if paragraph.bullet:
            bullets[paragraph.font] = bullets.get(paragraph.font, "") + paragraph.bullet
    return {font: "".join(found.difference(_BREAKS)) + bullets.get(font, "") for font, found in chars.items()}


_BREAKS = " \t\r\n"  # where split_words breaks


def _code(region: Region, layout: Layout, style: Style, card: "_Card", url: str, problems: Problems) -> Code | None:
    """A square code as large as the region allows, placed by its align and valign, in
    the region's colour, which must be one ink (a code printed in several is blurred by
    the plates' misregistration)."""
    colour = colour_of(region.colour, style, card.group, card.index)
    if inks(colour) != 1:
        problems.add(region.field_where.get("colour", region.where),
                     f"region '{region.name}': a QR code prints in one ink, and its colour takes {inks(colour)}; "
                     "use 'text' or a one-ink colour")
        return None
    side = min(region.box.width, region.box.height)
    x = region.box.x + _offset(region.align, region.box.width - side)
    y = region.box.y + _offset(region.valign, region.box.height - side)
    return Code(_page_rect(Box(x, y, side, side), layout), url, colour, style.colours["paper"])


DRAFT_INK = Colour.from_hex("#D9D9D9", (0.0, 0.0, 0.0, 0.15))  # one ink, light: the card's text reads over it
DRAFT_MAX_PT = 60.0


def draft_stamp(text: str, layout: Layout, style: Style, metrics: FontMetrics) -> Stamp:
    """A draft's word along the card's diagonal, as large as fits inside the safe zone
    (its turned box, ascent to descent, with a tenth to spare)."""
    font, font_file = style.fonts["bold"].name, str(style.fonts["bold"].path)
    angle = math.atan2(layout.height, layout.width)
    per_pt_wide, per_pt_high = metrics.width(text, font), metrics.ascent(font) - metrics.descent(font)
    room_w, room_h = 0.9 * (layout.width - 2 * layout.safe), 0.9 * (layout.height - 2 * layout.safe)
    size = min(DRAFT_MAX_PT,
               room_w / (per_pt_wide * math.cos(angle) + per_pt_high * math.sin(angle)),
               room_h / (per_pt_wide * math.sin(angle) + per_pt_high * math.cos(angle)))
    middle = (metrics.ascent(font) + metrics.descent(font)) / 2 * size
    return Stamp(round(layout.bleed + layout.width / 2, 3), round(layout.bleed + layout.height / 2, 3),
                 round(math.degrees(angle), 3), round(-middle, 3), text, font, font_file, round(size, 2), DRAFT_INK)


FINE_TEXT_PT = 12.0  # under this, misregistration between inks shows on text


def inks(colour: Colour) -> int:
    c, m, y, k = colour.cmyk  # unrolled: asked of every line of every face
    return (c > 0.001) + (m > 0.001) + (y > 0.001) + (k > 0.001)


def _fine_text_colour(colour: Colour, size: float, under: Colour, style: Style, deck_wide: bool = False) -> Colour:
    """A theme with `fine-text: black` prints text under 12 pt that would need two or
    more inks in its text colour instead, where it stands on paper (one ink, nothing to
    misregister; black on paper never loses contrast). `deck_wide`: another card of the
    deck does so in this region, so this one's coloured text is black too, whatever its size."""
    if not style.fine_text_black or inks(under) != 0 or inks(colour) == 0 or colour == style.colours["text"]:
        return colour
    if deck_wide or (size < FINE_TEXT_PT - 1e-6 and inks(colour) >= 2):
        return style.colours["text"]
    return colour


CHIP_PADDING = 0.9 * 72 / 25.4  # points around the text on its chip


def chipped_regions(deck: Deck, layout: Layout, style: Style) -> set[tuple[str, str]]:
    """(side, region) whose text goes on a chip of paper, in the text colour: with
    `fine-text: black`, white text under 12 pt on a fill that, for any of the deck's
    themes, takes three or four inks (a band label on C100 Y75 K40), which any shift
    between printing plates would fill in. Decided per deck, so its cards stay alike."""
    if not style.fine_text_black:
        return set()
    chips = set()
    for side, regions in (("front", layout.front), ("back", layout.back)):
        for number, region in enumerate(regions):
            if not region.has_text or max(region.size * style.text_scale, region.floor) >= FINE_TEXT_PT - 1e-6:
                continue
            for index, group in enumerate(deck.themes):
                text = colour_of(region.colour, style, group, index)
                under = colour_of(background_of(regions, number), style, group, index)
                if inks(text) == 0 and inks(under) >= 3:
                    chips.add((side, region.name))
    return chips


def _chip_rect(lines: list[Line]) -> Rect:
    x0 = min(line.x for line in lines) - CHIP_PADDING
    x1 = max(line.x + line.width for line in lines) + CHIP_PADDING
    y0 = min(line.y - 0.25 * line.size for line in lines) - CHIP_PADDING
    y1 = max(line.y + 0.75 * line.size for line in lines) + CHIP_PADDING
    return (round(x0, 3), round(y0, 3), round(x1, 3), round(y1, 3))


def _paragraphs(region: Region, style: Style, card: _Card, problems: Problems) -> list[Paragraph]:
    font = style.fonts[region.font].name
    colour = colour_of(region.colour, style, card.group, card.index)
    if region.content == "text":
        # Template problems belong to the layout, not the card: reported once per region.
        rendered = region.text.render(card.context, problems, f"region '{region.name}'") if region.text else None
        return _text_paragraphs(rendered or "", font, colour)
    label_font = style.fonts[region.label_font].name
    label_colour = colour_of(region.label_colour, style, card.group, card.index)
    gap_em = region.gap / region.size
    paragraphs: list[Paragraph] = []
    if region.content == "questions":
        for i, perspective in enumerate(PERSPECTIVES):
            label, question = region.labels.get(perspective) or card.words(perspective), card.behaviour.questions[perspective]
            if region.inline_labels:
                paragraphs.append(Paragraph(question, font, colour, gap_em if i else 0.0, lead=Run(label, label_font, label_colour)))
            else:
                paragraphs.append(Paragraph(label, label_font, label_colour, gap_em if i else 0.0))
                paragraphs.append(Paragraph(question, font, colour))
        return paragraphs
    kinds = INDICATORS if region.content == "indicators" else (region.content,)
    for i, kind in enumerate(kinds):
        paragraphs.append(Paragraph(region.labels.get(kind) or card.words(kind), label_font, label_colour, gap_em if i else 0.0))
        for item in getattr(card.behaviour, kind):
            paragraphs.append(Paragraph(item, font, colour, ITEM_SPACE_EM, BULLET_INDENT_EM, region.bullet))
    return paragraphs


def _text_paragraphs(rendered: str, font: str, colour) -> list[Paragraph]:
    """Each line of template output is a paragraph; a blank line adds space before the next."""
    paragraphs: list[Paragraph] = []
    space = 0.0
    for raw_line in rendered.split("\n"):
        text = " ".join(split_words(raw_line))
        if not text:
            space = PARAGRAPH_SPACE_EM if paragraphs else 0.0
            continue
        paragraphs.append(Paragraph(text, font, colour, space))
        space = 0.0
    return paragraphs


def _content_where(region: Region, card: _Card) -> tuple[Where, bool]:
    """The YAML line of the content a region prints, and whether it is the card's own.

    For a template, the field it names with the longest value is the likely culprit."""
    behaviour = card.behaviour
    if region.content in ("questions", "enabling", "obstructing"):
        key = region.content if region.content == "questions" else f"indicators.{region.content}"
        return behaviour.where_of(key), True
    if region.content == "indicators":
        return behaviour.where_of("indicators"), True
    fields = _TEMPLATE_FIELD.findall(region.text.source) if region.text else []
    if not fields:
        return region.field_where.get("text", region.where), False
    owner, name = max(fields, key=lambda f: len(str(card.context[f[0]].get(f[1]) or "")))
    if owner == "deck":
        return card.deck.where_of(name), False
    if owner == "theme":
        return card.group.where, False
    return behaviour.where_of(name), True


def _overflow_message(about: str, region: Region, overflow: Overflow, paragraphs: list[Paragraph], style: Style) -> str:
    size_mm = f"{region.box.width * 25.4 / 72:.1f} x {region.box.height * 25.4 / 72:.1f} mm"
    if overflow.too_wide is not None:
        return f"{about}: the word '{overflow.too_wide}' is too wide for the {size_mm} box even at {overflow.size:g}pt; shorten it or add a space or hyphen"
    words = sum(len(split_words(p.text)) for p in paragraphs)
    excess = max(1, round(words * (1 - overflow.available / overflow.needed)))
    floor = f"the {overflow.size:g}pt minimum of theme '{style.name}'" if overflow.size == style.min_size and overflow.size > region.floor else f"the {overflow.size:g}pt floor"
    return (
        f"{about}: text does not fit in the {size_mm} box even at {floor} "
        f"(needs {overflow.needed * 25.4 / 72:.1f} mm of height); shorten it by about {counted(excess, 'word')}"
    )


def _fit_picture(region: Region, pixels: tuple[int, int]) -> tuple[float, float, float, float]:
    """An image scaled to fit the region's box, keeping its proportions, placed by align/valign."""
    box = region.box
    scale = min(box.width / pixels[0], box.height / pixels[1])
    width, height = pixels[0] * scale, pixels[1] * scale
    x = box.x + _offset(region.align, box.width - width)
    y = box.y + _offset(region.valign, box.height - height)
    return (x, y, x + width, y + height)


def _bleed_box(box: Box, layout: Layout) -> Box:
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


def _offset(alignment: str, room: float) -> float:
    """How far to move content along an axis: none at the start, half in the middle, all at the end."""
    if alignment in _HALFWAY:
        return room / 2
    return room if alignment in _AT_THE_END else 0.0


_HALFWAY, _AT_THE_END = frozenset({"centre", "middle"}), frozenset({"right", "bottom"})
