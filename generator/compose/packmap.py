"""The framework map of the facilitator pack: every theme a band, every behaviour a
labelled tile in its theme's band, scaled so 4 to 40 behaviours fill one page. Pure
geometry, in points, origin at the map's bottom left; text fitted through `Metrics`.

Each band has its theme's name, shape and card count in a header column on the left,
and its tiles in a grid to the right (2 to 4 columns, as many as the width allows).
The planner picks the column count giving the tallest tiles in which every title
fits; a deck too big for one page continues on the next, a band never split unless
it alone is taller than a page.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from generator.compose.fit import Fitted, Metrics, Paragraph, fit
from generator.design.units import mm

Rect = tuple[float, float, float, float]

ONE_PAGE_CARDS = 40  # up to this many behaviours, the map fills one page; more continue on the next
HEADER_WIDTH = mm(34)
GAP = mm(2.5)  # between tiles
BAND_GAP = mm(4)  # between bands
TILE_MAX = mm(28)
TILE_MIN = mm(10)
TILE_MIN_WIDTH = mm(34)
NUMBER_WIDTH = mm(9)  # the tile's left part: shape and card number
PAD = mm(1.6)
TITLE_SIZE, TITLE_FLOOR, LEADING = 10.0, 7.0, 1.15
HEADER_SIZE, HEADER_FLOOR = 10.0, 7.5


@dataclass(frozen=True)
class MapTile:
    position: int
    title: str
    rect: Rect
    title_box: Rect  # where the fitted lines go (their baselines count down from its top)
    lines: Fitted


@dataclass(frozen=True)
class MapBand:
    theme: int  # index into the deck's themes
    rect: Rect  # the whole band: header and tiles
    header: Rect
    name: Fitted  # the theme's name, fitted into the header below its shape
    tiles: tuple[MapTile, ...]


@dataclass(frozen=True)
class MapPage:
    bands: tuple[MapBand, ...]
    columns: int
    tile_height: float


Theme = tuple[str, list[tuple[int, str]]]  # (name, [(card position, title), ...])


def plan_map(themes: list[Theme], width: float, height: float, metrics: Metrics, regular: str, bold: str,
             fits: dict | None = None) -> list[MapPage]:
    """Pages of bands covering every theme's every card, in order. `fits` keeps each title
    fitted into each tile size once (a big map is planned again for what is left on each page)."""
    metrics = _Remembered(metrics, {} if fits is None else fits)
    pages: list[MapPage] = []
    start = 0
    while start < len(themes):
        # As many whole themes as fit on this page (at least one).
        end = len(themes)
        while end > start + 1 and _best(themes[start:end], width, height, metrics, regular, bold) is None:
            end -= 1
        page = _best(themes[start:end], width, height, metrics, regular, bold)
        if page is None:  # one theme taller than a page: its cards continue on the next pages
            name, cards = themes[start]
            while cards:
                for count in range(min(len(cards), _cards_per_page(width, height)), 0, -1):
                    page = _best([(name, cards[:count])], width, height, metrics, regular, bold, force=count == 1)
                    if page is not None:
                        break
                if page is None:
                    raise ValueError(f"the title of card {cards[0][0]} does not fit a map tile a page high")
                pages.append(_renumber(page, start))
                cards = cards[len(page.bands[0].tiles):]
            start += 1
            continue
        pages.append(_renumber(page, start))
        start = end
    return pages


class _Remembered:
    """Metrics whose `fit` results are kept: trying column counts and pages fits the same
    title into the same box again and again."""

    def __init__(self, metrics: Metrics, fits: dict):
        self.metrics, self.fits = metrics, fits

    def width(self, text: str, font: str) -> float:
        return self.metrics.width(text, font)

    def ascent(self, font: str) -> float:
        return self.metrics.ascent(font)

    def descent(self, font: str) -> float:
        return self.metrics.descent(font)

    def fit(self, text: str, font: str, width: float, height: float, size: float, floor: float):
        key = (text, font, round(width, 4), round(height, 4), size, floor)
        found = self.fits.get(key)
        if found is None:
            found = self.fits[key] = fit([Paragraph(text, font, None)], width, height, size, floor, LEADING, self)
        return found


def _renumber(page: MapPage, first: int) -> MapPage:
    bands = tuple(MapBand(first + band.theme, band.rect, band.header, band.name, band.tiles) for band in page.bands)
    return MapPage(bands, page.columns, page.tile_height)


def _cards_per_page(width: float, height: float) -> int:
    columns = _max_columns(width)
    rows = max(1, int((height - mm(2) + GAP) // (TILE_MIN + GAP)))
    return columns * rows


def _max_columns(width: float) -> int:
    room = width - HEADER_WIDTH - GAP
    return max(1, min(4, int((room + GAP) // (TILE_MIN_WIDTH + GAP))))


def _best(themes: list[Theme], width: float, height: float, metrics: Metrics, regular: str, bold: str,
          force: bool = False) -> MapPage | None:
    """The layout of these themes on one page with the tallest tiles where every title fits; None if none does."""
    best: MapPage | None = None
    for columns in range(1, _max_columns(width) + 1):
        rows = [math.ceil(len(cards) / columns) for _, cards in themes]
        fixed = BAND_GAP * (len(themes) - 1) + GAP * sum(max(r - 1, 0) for r in rows)
        tile = min(height if force else TILE_MAX, (height - fixed) / max(sum(rows), 1))
        if tile < TILE_MIN and not force:
            continue
        page = _layout(themes, columns, tile, width, height, metrics, regular, bold) if tile >= TILE_MIN else None
        if page is not None and (best is None or tile > best.tile_height + 0.01):
            best = page
    return best


def _layout(themes: list[Theme], columns: int, tile: float, width: float, height: float, metrics: Metrics,
            regular: str, bold: str) -> MapPage | None:
    tile_width = (width - HEADER_WIDTH - GAP - GAP * (columns - 1)) / columns
    if tile_width < TILE_MIN_WIDTH and columns > 1:
        return None
    bands: list[MapBand] = []
    top = height
    for index, (name, cards) in enumerate(themes):
        rows = max(1, math.ceil(len(cards) / columns))
        band_height = rows * tile + (rows - 1) * GAP
        bottom = top - band_height
        header = (0.0, bottom, HEADER_WIDTH, top)
        name_fit = metrics.fit(name, bold, HEADER_WIDTH - mm(4), band_height - mm(9), HEADER_SIZE, HEADER_FLOOR)
        if not isinstance(name_fit, Fitted):
            return None
        tiles = []
        for number, (position, title) in enumerate(cards):
            row, column = divmod(number, columns)
            x0 = HEADER_WIDTH + GAP + column * (tile_width + GAP)
            y1 = top - row * (tile + GAP)
            rect = (x0, y1 - tile, x0 + tile_width, y1)
            box = (x0 + NUMBER_WIDTH, y1 - tile + PAD, x0 + tile_width - PAD, y1 - PAD)
            fitted = metrics.fit(title, bold, box[2] - box[0], box[3] - box[1], TITLE_SIZE, TITLE_FLOOR)
            if not isinstance(fitted, Fitted):
                return None
            tiles.append(MapTile(position, title, rect, box, fitted))
        bands.append(MapBand(index, (0.0, bottom, width, top), header, name_fit, tuple(tiles)))
        top = bottom - BAND_GAP
    return MapPage(tuple(bands), columns, tile)
