"""The framework map's geometry, with numbers: every card a tile, tiles inside the page
and apart, 4 to 40 behaviours on one page, bigger decks over several."""
from __future__ import annotations

import itertools

import pytest

from generator.compose.packmap import TILE_MIN, TILE_MIN_WIDTH, plan_map
from generator.design.units import mm

A4_FRAME = (mm(170), mm(220))  # the map's room on an A4 page, below its heading


class Metrics:
    """About Source Sans Pro's proportions: half an em a character."""

    def width(self, text: str, font: str) -> float:
        return 0.5 * len(text)

    def ascent(self, font: str) -> float:
        return 0.75

    def descent(self, font: str) -> float:
        return -0.25


def deck(theme_sizes: list[int], title: str = "Collaboration & Co-creation") -> list:
    numbers = itertools.count(1)
    return [(f"Theme {t}", [(next(numbers), f"{title} {n}") for n in range(size)]) for t, size in enumerate(theme_sizes)]


def tiles(pages):
    return [tile for page in pages for band in page.bands for tile in band.tiles]


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


@pytest.mark.parametrize("sizes", [[1, 1, 1, 1], [3, 3, 4, 3], [10, 10, 10, 10], [5] * 8, [40], [2, 38]])
def test_4_to_40_behaviours_fill_one_page_every_card_a_tile(sizes):
    width, height = A4_FRAME
    pages = plan_map(deck(sizes), width, height, Metrics(), "regular", "bold")
    assert len(pages) == 1
    placed = tiles(pages)
    assert [t.position for t in placed] == list(range(1, sum(sizes) + 1))
    for tile in placed:
        x0, y0, x1, y1 = tile.rect
        assert -0.01 <= x0 < x1 <= width + 0.01 and -0.01 <= y0 < y1 <= height + 0.01
        assert y1 - y0 >= TILE_MIN - 0.01 and x1 - x0 >= TILE_MIN_WIDTH - 0.01
        assert tile.lines.height <= tile.title_box[3] - tile.title_box[1] + 0.01  # the title fits its tile
        assert tile.lines.size >= 7
    assert not any(overlap(a.rect, b.rect) for a, b in itertools.combinations(placed, 2))
    bands = pages[0].bands
    assert [b.theme for b in bands] == list(range(len(sizes)))
    assert all(a.rect[1] > b.rect[3] for a, b in zip(bands, bands[1:]))  # bands top to bottom, apart


def test_a_few_cards_get_big_tiles_and_a_big_deck_continues_over_pages():
    width, height = A4_FRAME
    few = plan_map(deck([1, 1, 1, 1]), width, height, Metrics(), "regular", "bold")
    assert few[0].tile_height == pytest.approx(mm(28))
    many = plan_map(deck([30, 30, 30]), width, height, Metrics(), "regular", "bold")
    assert len(many) > 1
    assert [t.position for t in tiles(many)] == list(range(1, 91))
    for page in many:
        assert all(not overlap(a.rect, b.rect) for a, b in itertools.combinations([t for b in page.bands for t in b.tiles], 2))


def test_a_big_decks_map_runs_over_pages_in_the_pack(tmp_path):
    """A big deck's map continues page after page; the foot of a page never gets a sliver of it."""
    import re
    import sys

    from conftest import ROOT
    from pdfread import page_texts

    from generator.pipeline import PrintOptions, build

    sys.path.insert(0, str(ROOT / "bench"))
    from run import make_big_deck

    make_big_deck(tmp_path / "big", 130)
    outcome = build([tmp_path / "big"], tmp_path / "out", options=PrintOptions(outputs=("facilitator",)))
    assert not outcome.problems, outcome.problems
    texts = page_texts(next(w.path for w in outcome.written if w.path.name.endswith("-a4.pdf")))
    map_pages = [t for t in texts if t.startswith("ABOUT THE FRAMEWORK")][1:]  # after the introduction's page
    assert len(map_pages) >= 2
    numbers = {int(n) for t in map_pages for n in re.findall(r"\b(\d+)\b", t.split("Page ")[0])}
    assert set(range(1, 131)) <= numbers  # every card's tile
