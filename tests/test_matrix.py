"""Acceptance: the flagship deck with every built-in layout and every built-in theme.

Each PDF is read back: no error, every glyph at least 7 pt and inside the safe zone,
all of each card's text present (the indicators too where the layout carries them),
only embedded fonts, trim and bleed boxes of the layout's size."""
from __future__ import annotations

import pdfplumber
import pytest
from conftest import PRESS_ONLY, ROOT
from pdfread import fonts_of, words
from pypdf import PdfReader

from generator.design.layout import load_layout
from generator.errors import Problems, Where
from generator.pipeline import build

LAYOUTS = ["a6", "a7", "bridge", "business-eu", "business-us", "mini-eu", "mini-us", "poker", "poker-eu", "square", "tarot"]
THEMES = ["default", "large-print", "mono"]
# The built-in sizes whose regions hold the flagship's text at large print's 12 pt minimum;
# on the others a large-print build fails with a words-to-cut message (README: Themes).
LARGE_PRINT_LAYOUTS = ["a7"]
FLAGSHIP = ROOT / "cards" / "system-leadership"


def region_text(page, regions, bleed: float) -> str:
    """The text of each text region, read from within its own box (so columns stay apart)."""
    parts = []
    for region in regions:
        if region.has_text:
            box = region.box
            crop = page.within_bbox((bleed + box.x - 0.5, bleed + box.y - 0.5, bleed + box.right + 0.5, bleed + box.bottom + 0.5))
            parts.append(crop.extract_text() or "")
    return words(" ".join(parts))


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("layout_name", LAYOUTS)
def test_flagship_prints_with_every_layout_and_theme(layout_name, theme, out_dir):
    outcome = build([FLAGSHIP], out_dir, layout_name, theme, PRESS_ONLY)
    if theme == "large-print" and layout_name not in LARGE_PRINT_LAYOUTS:
        assert outcome.written == [] and outcome.problems
        for problem in outcome.problems:
            assert "12pt" in problem.message and "shorten it" in problem.message, problem.message
        return
    assert not outcome.problems
    (written,) = outcome.written
    deck = written.deck
    layout = load_layout(layout_name, None, Problems(), Where("test"))
    expected_name = "system-leadership-press.pdf" if (layout_name, theme) == ("tarot", "default") else f"system-leadership-{layout_name}-{theme}-press.pdf"
    assert written.path.name == expected_name
    bleed, safe = layout.bleed, layout.safe
    carries = {r.content for r in layout.front + layout.back}
    with pdfplumber.open(written.path) as pdf:
        assert len(pdf.pages) == 26
        for number, page in enumerate(pdf.pages):
            assert page.width == pytest.approx(layout.width + 2 * bleed, abs=0.01)
            for char in page.chars:
                where = f"{layout_name}/{theme} page {number + 1} {char['text']!r}"
                assert char["size"] >= 7 - 0.001, where
                assert bleed + safe - 0.01 <= char["x0"] and char["x1"] <= bleed + layout.width - safe + 0.01, where
                assert bleed + safe - 0.01 <= char["top"] and char["bottom"] <= bleed + layout.height - safe + 0.01, where
            if theme == "large-print":  # body text keeps the theme's 12 pt minimum
                for region in (layout.front if number % 2 == 0 else layout.back):
                    if region.has_text and not region.small_print:
                        box = region.box
                        inside = [c for c in page.chars if bleed + box.x <= (c["x0"] + c["x1"]) / 2 <= bleed + box.right
                                  and bleed + box.y <= (c["top"] + c["bottom"]) / 2 <= bleed + box.bottom]
                        assert inside and min(c["size"] for c in inside) >= 12 - 0.001, (layout_name, region.name)
        for k, behaviour in enumerate(deck.behaviours):
            text = region_text(pdf.pages[2 * k], layout.front, bleed) + " " + region_text(pdf.pages[2 * k + 1], layout.back, bleed)
            expected = [behaviour.title, behaviour.description, *behaviour.questions.values(), f"{k + 1}/13"]
            if carries & {"indicators", "enabling"}:
                expected += behaviour.enabling
            if carries & {"indicators", "obstructing"}:
                expected += behaviour.obstructing
            for item in expected:
                assert words(item) in text, f"{layout_name}/{theme} card {k + 1}: {item!r}"
    assert all(fonts_of(written.path).values())
    trim = PdfReader(written.path).pages[0].trimbox
    assert [float(v) for v in trim] == pytest.approx([bleed, bleed, bleed + layout.width, bleed + layout.height], abs=0.01)
