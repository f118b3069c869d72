"""Fitting text into a box: greedy line breaking, shrinking from the design size to a floor.

Pure: font metrics come in through the `Metrics` protocol (widths at 1 pt, so a width
at size s is s times it). Text never gets clipped; if it cannot fit at the floor the
caller gets an `Overflow` describing by how much.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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
class Paragraph:
    text: str
    font: str
    style: object  # passed through to the set lines (e.g. a colour)
    space_before: float = 0.0  # in ems of the fitted size; ignored for the first paragraph


@dataclass(frozen=True)
class SetLine:
    text: str
    font: str
    style: object
    size: float
    width: float
    baseline: float  # distance from the top of the box down to the baseline


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


def wrap(text: str, font: str, max_width: float, metrics: Metrics) -> list[tuple[str, float]] | str:
    """Lines and their widths (at 1 pt) for `max_width` (at 1 pt); a too-wide word is returned alone."""
    space = metrics.width(" ", font)
    lines: list[tuple[str, float]] = []
    current: list[str] = []
    current_width = 0.0
    for word in text.split(" "):
        if not word:
            continue
        width = metrics.width(word, font)
        if width > max_width + EPSILON:
            return word
        if current and current_width + space + width <= max_width + EPSILON:
            current.append(word)
            current_width += space + width
        else:
            if current:
                lines.append((" ".join(current), current_width))
            current, current_width = [word], width
    if current:
        lines.append((" ".join(current), current_width))
    return lines


def set_at(paragraphs: list[Paragraph], size: float, box_width: float, leading: float, metrics: Metrics) -> tuple[list[SetLine], float] | str:
    """Lines of the paragraphs at one size and the block's height; or the word that is too wide."""
    lines: list[SetLine] = []
    baseline = 0.0
    last_descent = 0.0
    for paragraph in paragraphs:
        wrapped = wrap(paragraph.text, paragraph.font, box_width / size, metrics)
        if isinstance(wrapped, str):
            return wrapped
        for i, (text, width) in enumerate(wrapped):
            if not lines:
                baseline = metrics.ascent(paragraph.font) * size
            else:
                baseline += leading * size + (paragraph.space_before * size if i == 0 else 0.0)
            lines.append(SetLine(text, paragraph.font, paragraph.style, size, width * size, baseline))
            last_descent = -metrics.descent(paragraph.font) * size
    return lines, (baseline + last_descent if lines else 0.0)


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
    steps = int(round((size - floor) / STEP_PT))
    sizes = [round(size - i * STEP_PT, 4) for i in range(steps + 1) if size - i * STEP_PT >= floor - EPSILON]
    if not sizes or abs(sizes[-1] - floor) > EPSILON:
        sizes.append(floor)
    result: tuple[list[SetLine], float] | str = ""
    for candidate in sizes:
        result = set_at(paragraphs, candidate, box_width, leading, metrics)
        if not isinstance(result, str) and result[1] <= box_height + EPSILON:
            return Fitted(candidate, tuple(result[0]), result[1])
    if isinstance(result, str):
        return Overflow(floor, float("inf"), box_height, too_wide=result)
    return Overflow(floor, result[1], box_height)
