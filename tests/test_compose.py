"""Composed faces as numbers: fills through the bleed, text inside the safe zone, sizes."""
from __future__ import annotations

import pytest
from conftest import SAMPLE_DECKS
from pdfread import MM

from generator.pipeline import prepare

BLEED = 3 * MM


@pytest.fixture(scope="module")
def flagship():
    return prepare([p for p in SAMPLE_DECKS if p.name == "system-leadership"]).builds[0]


def test_faces_alternate_front_and_back_in_deck_order(flagship):
    faces = flagship.faces
    assert [f.side for f in faces] == ["front", "back"] * 13
    assert [f.position for f in faces] == [k for k in range(1, 14) for _ in (0, 1)]
    assert [f.card_id for f in faces[::2]] == [b.id for b in flagship.deck.behaviours]


def test_fills_touching_the_trim_run_through_the_bleed_and_others_do_not(flagship):
    front = flagship.faces[0]
    page_w, page_h = front.page_width, front.page_height
    band, chip, rule = front.fills
    # tarot: band 16 mm from the top edge; rule 10 x 0.7 mm at 4.5 mm from the left, 32 mm down
    assert band.rect == pytest.approx((0, page_h - BLEED - 16 * MM, page_w, page_h), abs=0.001)
    assert rule.rect == pytest.approx((BLEED + 4.5 * MM, page_h - BLEED - 32.7 * MM, BLEED + 14.5 * MM, page_h - BLEED - 32 * MM), abs=0.001)
    # the band label's chip of paper (the deck has three- and four-ink colours): inside the band
    assert chip.colour.cmyk == (0, 0, 0, 0)
    assert band.rect[1] < chip.rect[1] < chip.rect[3] < page_h - BLEED and BLEED < chip.rect[0] < chip.rect[2] < page_w - BLEED


def test_every_line_is_inside_the_safe_zone_and_not_below_its_floor(flagship):
    for face in flagship.faces:
        x0, y0, x1, y1 = face.trim
        safe = 3 * MM
        for line in face.lines:
            assert line.x >= x0 + safe - 0.001
            assert line.x + line.width <= x1 - safe + 0.001
            assert line.y + 0.75 * line.size <= y1 - safe + 0.001  # ascent of Source Sans Pro
            assert line.y - 0.25 * line.size >= y0 + safe - 0.001  # descent
            assert line.size >= 7


def test_design_sizes_are_kept_when_text_fits(flagship):
    sizes = {(f.card_id, f.side): f.sizes for f in flagship.faces}
    assert sizes[("trust", "front")]["description"] == 10.5  # tarot's design size
    assert sizes[("trust", "back")]["questions"] == 12
    assert sizes[("trust", "front")]["title"] == 17
    # The longest title takes two lines and shrinks a little to fit them.
    assert sizes[("resilience-bravery-courage", "front")]["title"] == 16
    # Long indicator lists shrink, but never below the floor.
    assert 7 <= sizes[("relationships-advocacy", "front")]["indicators"] < 8.5
