"""Fitting text into a box: greedy line breaking, shrinking from the design size to a floor.

Pure: font metrics come in through the `Metrics` protocol (widths at 1 pt, so a width
at size s is s times it). Text never gets clipped; if it cannot fit at the floor the
caller gets an `Overflow` describing by how much.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, NamedTuple, Protocol

from generator.content.fields import split_words

EPSILON = 1e-6
STEP_PT = 0.25


class Metrics(Protocol):
    def width(self, text: str, font: str) -> float:
        """Advance width of `text` at 1 pt."""

    def ascent(self, font: str) -> float:
        """Height above the baseline at 1 pt (positive)."""

    def descent(self, font: str) -> float:
        """Depth below the baseline at 1 pt (negative)."""


@dataclass(frozen=True)
class Run:
    text: str
    font: str
    style: object  # passed through to the set lines (e.g. a colour)


@dataclass(frozen=True)
class Paragraph:
    text: str
    font: str
    style: object  # passed through to the set lines (e.g. a colour)
    space_before: float = 0.0  # in ems of the fitted size; ignored for the first paragraph
    indent: float = 0.0  # in ems: every line starts this far in (a hanging indent with `bullet`)
    bullet: str | None = None  # drawn at the left edge of the first line
    lead: Run | None = None  # an inline lead-in in its own font, e.g. a bold label

    def words(self) -> list[tuple[str, str, object]]:
        lead = [(w, self.lead.font, self.lead.style) for w in split_words(self.lead.text)] if self.lead else []
        return lead + [(w, self.font, self.style) for w in split_words(self.text)]


class SetLine(NamedTuple):
    """A run of text in one font on one line. (A named tuple: fitting sets tens of
    thousands of them, and a tuple is made in a third of a frozen dataclass's time.)"""

    text: str
    font: str
    style: object
    size: float
    width: float
    baseline: float  # distance from the top of the box down to the baseline
    offset: float = 0.0  # distance from the start of the line's box (after indent), before alignment
    line_width: float = 0.0  # the whole line's width, for centring or right-aligning it as one


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[SetLine, ...]
    height: float  # from the top of the first line's ascent to the bottom of the last descent


@dataclass(frozen=True)
class Overflow:
    size: float  # the floor it was tried at
    needed: float  # the height the text needs at the floor (inf when a word is too wide)
    available: float
    too_wide: str | None = None  # a single word wider than the box at the floor


Segment = tuple[str, str, object, float, float]  # text, font, style, x, width (at 1 pt)


Measured = tuple[str, str, object, float, float]  # word, font, style, width, width of a space before it


def measure(words: list[tuple[str, str, object]], metrics: Metrics) -> list[Measured]:
    """Widths at 1 pt, once: every size tried scales them."""
    width = metrics.width
    spaces: dict[str, float] = {}
    measured = []
    for word, font, style in words:
        space = spaces.get(font)
        if space is None:
            space = spaces[font] = width(" ", font)
        measured.append((word, font, style, width(word, font), space))
    return measured


def wrap(words: list[Measured], max_width: float) -> list[tuple[list[Segment], float]] | str:
    """Greedy lines of measured words at 1 pt: each line's same-font segments and its width.

    A word wider than `max_width` is returned alone, as the reason nothing can fit."""
    breaks = _breaks(words, max_width + EPSILON)
    if isinstance(breaks, str):
        return breaks
    return [(_segments(words, start, end), width) for start, end, width in breaks]


def _breaks(words: list[Measured], limit: float) -> list[tuple[int, int, float]] | str:
    """Where the greedy lines break: each line's first word, the word after its last, and
    its width; or the word wider than `limit`. (Trying sizes needs only how many lines.)"""
    lines: list[tuple[int, int, float]] = []
    start, current_width = 0, 0.0
    for index, (word, _, _, width, space) in enumerate(words):
        if width > limit:
            return word
        if index > start and current_width + space + width <= limit:
            current_width += space + width
        else:
            if index > start:
                lines.append((start, index, current_width))
            start, current_width = index, width
    if words:
        lines.append((start, len(words), current_width))
    return lines


def _segments(words: list[Measured], start: int, end: int) -> list[Segment]:
    """A line's words (`start` to before `end`) as runs of one font and style, each placed
    along the line; widths summed in the order `_breaks` sums them (so the same floats)."""
    segments: list[Segment] = []
    first, font, style, width, _ = words[start]
    texts, x, segment_width, current_width = [first], 0.0, width, width
    for index in range(start + 1, end):
        word, word_font, word_style, width, space = words[index]
        if word_font == font and (word_style is style or word_style == style):
            texts.append(word)
            segment_width = current_width + space + width - x
        else:
            segments.append((" ".join(texts), font, style, x, segment_width))
            texts, font, style, x, segment_width = [word], word_font, word_style, current_width + space, width
        current_width += space + width
    segments.append((" ".join(texts), font, style, x, segment_width))
    return segments


def set_at(paragraphs: list[Paragraph], measured: list[list[Measured]], size: float, box_width: float, leading: float,
           metrics: Metrics, lines_too: bool = True) -> tuple[list[SetLine], float] | str:
    """Lines of the paragraphs at one size and the block's height; or the word that is too wide.
    Without `lines_too`, only the height (trying sizes: the lines are made for the one that fits)."""
    lines: list[SetLine] = []
    baseline = 0.0
    last_descent = 0.0
    started = False
    for paragraph, words in zip(paragraphs, measured):
        breaks = _breaks(words, box_width / size - paragraph.indent + EPSILON)
        if isinstance(breaks, str):
            return breaks
        indent = paragraph.indent * size
        for i, (start, end, width) in enumerate(breaks):
            if not started:
                baseline = metrics.ascent(paragraph.font) * size
                started = True
            else:
                baseline += leading * size + (paragraph.space_before * size if i == 0 else 0.0)
            if not lines_too:
                continue
            if i == 0 and paragraph.bullet:
                bullet_width = metrics.width(paragraph.bullet, paragraph.font) * size
                lines.append(SetLine(paragraph.bullet, paragraph.font, paragraph.style, size, bullet_width, baseline, 0.0, bullet_width))
            for text, font, style, x, segment_width in _segments(words, start, end):
                lines.append(SetLine(text, font, style, size, segment_width * size, baseline, indent + x * size, indent + width * size))
        if breaks:
            last_descent = -metrics.descent(paragraph.font) * size
    return lines, (baseline + last_descent if started else 0.0)


def fit(
    paragraphs: list[Paragraph],
    box_width: float,
    box_height: float,
    size: float,
    floor: float,
    leading: float,
    metrics: Metrics,
) -> Fitted | Overflow:
    """The largest size from `size` down to `floor` (in 0.25 pt steps) at which the text fits."""
    measured = [measure(p.words(), metrics) for p in paragraphs]
    result: tuple[list[SetLine], float] | str = ""
    for number, candidate in enumerate(_sizes(size, floor)):
        first = number == 0  # most text fits at its design size: set its lines at once; below it, heights first
        result = set_at(paragraphs, measured, candidate, box_width, leading, metrics, lines_too=first)
        if not isinstance(result, str) and result[1] <= box_height + EPSILON:
            if not first:
                result = set_at(paragraphs, measured, candidate, box_width, leading, metrics)
            lines, height = result  # type: ignore[misc]
            return Fitted(candidate, tuple(lines), height)
    if isinstance(result, str):
        return Overflow(floor, float("inf"), box_height, too_wide=result)
    return Overflow(floor, result[1], box_height)


def _sizes(size: float, floor: float) -> Iterator[float]:
    """From `size` down in STEP_PT steps, then `floor` itself, as they are tried (most
    text fits at the first)."""
    last = None
    for step in range(int(round((size - floor) / STEP_PT)) + 1):
        if size - step * STEP_PT < floor - EPSILON:
            break
        last = round(size - step * STEP_PT, 4)
        yield last
    if last is None or abs(last - floor) > EPSILON:
        yield floor
