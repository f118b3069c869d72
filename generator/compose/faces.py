"""Laid-out card faces: what to draw and where, in PDF points. The output of composing
and the input of rendering, so layout is testable with numbers and no PDF."""
from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Colour

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in page points, origin bottom-left


@dataclass(frozen=True, slots=True)
class Fill:
    rect: Rect
    colour: Colour


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text: x is its left edge, y its baseline."""

    x: float
    y: float
    text: str
    font: str
    size: float
    colour: Colour
    width: float
    region: str = ""  # the layout region it was set in: what it is, for a screen reader


@dataclass(frozen=True, slots=True)
class Mark:
    """A theme's shape (see marks.py), so themes differ by more than colour."""

    points: tuple[tuple[float, float], ...]  # a closed polygon in page points
    colour: Colour


@dataclass(frozen=True, slots=True)
class Picture:
    """An image (the theme's logo) scaled into `rect`."""

    path: str
    rect: Rect
    background: Colour  # transparency is flattened onto this: press files allow none


@dataclass(frozen=True, slots=True)
class Code:
    """A QR code to a web address, drawn in one ink over a square of paper (its quiet zone
    included) filling `rect`; the render layer draws the modules."""

    rect: Rect
    data: str
    colour: Colour
    paper: Colour


@dataclass(frozen=True, slots=True)
class Stamp:
    """A word across the face, under its text (a draft's "DRAFT"): centred on (x, y),
    turned `angle` degrees, its baseline `baseline` below the centre line."""

    x: float
    y: float
    angle: float
    baseline: float
    text: str
    font: str
    font_file: str  # drawn as its letters' outlines, not as text: reading the card back gives its own words only
    size: float
    colour: Colour


@dataclass(frozen=True, slots=True)
class Face:
    deck_id: str
    card_id: str
    side: str  # "front" or "back"
    position: int  # 1-based place in the deck
    count: int
    page_width: float
    page_height: float
    trim: Rect
    bleed: Rect
    fills: tuple[Fill, ...]
    lines: tuple[Line, ...]
    marks: tuple[Mark, ...]
    pictures: tuple[Picture, ...]
    sizes: dict[str, float]  # region name -> the size its text was fitted at
    stamp: Stamp | None = None
    codes: tuple[Code, ...] = ()  # QR codes to the card's page (deck.yaml `links: qr:`)


def shows_every(faces: tuple[Face, ...] | list[Face], texts: tuple[str, ...] | list[str]) -> bool:
    """Whether every one of `texts` is printed on these faces, however its lines wrapped
    (compared without white space: a line break is no change of words)."""
    printed = "".join("".join(line.text.split()) for face in faces for line in face.lines)
    return all("".join(text.split()) in printed for text in texts)
