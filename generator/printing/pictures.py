"""Card images (`cards images`, the published site): their names, the pixels kept of each
rendered press page, and the contact sheet's grid. Pure geometry, nothing drawn."""
from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, origin bottom left
PixelBox = tuple[int, int, int, int]  # left, top, right, bottom in pixels, origin top left

DEFAULT_DPI = 150  # on screen and in an online whiteboard; 300 for slides
MIN_DPI, MAX_DPI = 36, 1200  # a 1,200 dpi tarot card is already 3,300 x 5,700 pixels
CONTACT_FACE_HEIGHT = 320  # pixels: a face on the contact sheet, whatever the dpi, for decks of up to ~60 cards
CONTACT_MAX_PIXELS = 16_000_000  # the faces of a big deck get smaller, so the sheet stays a picture people can open
CONTACT_GAP = 24  # pixels between faces, and around the sheet
CONTACT_PAIR_GAP = 8  # between a card's front and its back


def image_name(stem: str, position: int, count: int, card_id: str, side: str, bleed: bool = False) -> str:
    """`<deck>-03-<card>-front.png`: files sort in deck order, card by card (a card's back
    sorts before its front); with the bleed, `-front-bleed.png`, so they never replace the
    trimmed pictures."""
    digits = max(2, len(str(count)))
    return f"{stem}-{position:0{digits}d}-{card_id}-{side}{'-bleed' if bleed else ''}.png"


def share_image_name(stem: str) -> str:
    """The deck's picture for link previews (1200 x 630), beside its card images."""
    return f"{stem}-share.png"


def contact_sheet_name(stem: str, bleed: bool = False) -> str:
    return f"{stem}-contact-sheet{'-bleed' if bleed else ''}.png"


def pixels(points: float, dpi: float) -> int:
    return round(points * dpi / 72)


def kept_pixels(trim: Box, page_size: tuple[float, float], dpi: float, bleed: bool) -> PixelBox:
    """The part of a page rendered at `dpi` that is the card: its trim box, or the whole
    page (trim and bleed) with `bleed`. The trimmed width and height are the trim size at
    `dpi`, rounded, whatever the bleed."""
    width, height = page_size
    if bleed:
        return (0, 0, pixels(width, dpi), pixels(height, dpi))
    left, top = pixels(trim[0], dpi), pixels(height - trim[3], dpi)
    return (left, top, left + pixels(trim[2] - trim[0], dpi), top + pixels(trim[3] - trim[1], dpi))


@dataclass(frozen=True)
class ContactSheet:
    size: tuple[int, int]  # pixels
    face_size: tuple[int, int]
    places: tuple[tuple[tuple[int, int], tuple[int, int]], ...]  # per card: (front's top left, back's top left)


def contact_sheet(cards: int, face_width: int, face_height: int) -> ContactSheet:
    """Every card's front and back side by side, in deck order, in a grid of pairs about as
    wide as it is tall, each face CONTACT_FACE_HEIGHT pixels high, or less where the faces
    of a big deck would together cover more than CONTACT_MAX_PIXELS."""
    aspect = face_width / face_height
    height = min(CONTACT_FACE_HEIGHT, max(24, math.floor(math.sqrt(CONTACT_MAX_PIXELS / (2 * max(cards, 1) * aspect)))))
    width = max(1, math.floor(aspect * height))
    pair = 2 * width + CONTACT_PAIR_GAP
    columns = max(1, min(cards, math.ceil(math.sqrt(cards * height / pair))))
    rows = max(1, math.ceil(cards / columns))
    places = []
    for index in range(cards):
        row, column = divmod(index, columns)
        x = CONTACT_GAP + column * (pair + CONTACT_GAP)
        y = CONTACT_GAP + row * (height + CONTACT_GAP)
        places.append(((x, y), (x + width + CONTACT_PAIR_GAP, y)))
    size = (CONTACT_GAP + columns * (pair + CONTACT_GAP), CONTACT_GAP + rows * (height + CONTACT_GAP))
    return ContactSheet(size, (width, height), tuple(places))
