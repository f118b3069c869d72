"""A draft's stamp: letters as outlines from the font, as large as fits the safe zone."""
from __future__ import annotations

import math

import pytest
from conftest import ROOT

from generator.compose.cards import DRAFT_MAX_PT, draft_stamp
from generator.design.layout import load_layout
from generator.design.theme import load_style
from generator.errors import Problems, Where
from generator.render.fonts import FontBook
from generator.render.outlines import word_outline

LAYOUTS = sorted(p.stem for p in (ROOT / "layouts").glob("*.yaml") if not p.stem.startswith("_"))


@pytest.fixture(scope="module")
def style():
    return load_style("default", None, Problems(), Where("test"))


def test_letters_come_from_the_font_accents_and_all(style):
    bold = str(style.fonts["bold"].path)
    plain, plain_advance = word_outline(bold, "E")
    accented, accented_advance = word_outline(bold, "É")  # a composite glyph: E and an accent
    assert len(plain) == 1 and len(accented) == 2 and accented_advance == plain_advance
    assert max(y for contour in accented for _, y, _ in contour) > max(y for contour in plain for _, y, _ in contour)
    contours, advance = word_outline(bold, "DRAFFT")
    assert len(contours) == 9  # D, R and A have holes
    assert advance / 1000 == pytest.approx(FontBook(style, Problems()).width("DRAFFT", style.fonts["bold"].name), abs=1e-3)


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("word", ["DRAFT", "DRAFFT", "BROUILLON"])
def test_the_stamp_lies_inside_the_safe_zone_along_the_diagonal(name, word, style):
    layout = load_layout(name, None, Problems(), Where("test"))
    fonts = FontBook(style, Problems())
    stamp = draft_stamp(word, layout, style, fonts)
    angle = math.radians(stamp.angle)
    assert angle == pytest.approx(math.atan2(layout.height, layout.width), abs=1e-4)
    wide = fonts.width(word, stamp.font) * stamp.size
    high = (fonts.ascent(stamp.font) - fonts.descent(stamp.font)) * stamp.size
    turned_w = wide * math.cos(angle) + high * math.sin(angle)
    turned_h = wide * math.sin(angle) + high * math.cos(angle)
    room_w, room_h = layout.width - 2 * layout.safe, layout.height - 2 * layout.safe
    assert turned_w <= room_w and turned_h <= room_h  # centred, so inside the safe zone on every side
    assert stamp.size == DRAFT_MAX_PT or turned_w >= 0.85 * room_w or turned_h >= 0.85 * room_h  # as large as allowed
    assert (stamp.x, stamp.y) == pytest.approx((layout.bleed + layout.width / 2, layout.bleed + layout.height / 2), abs=1e-3)
