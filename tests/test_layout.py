"""Layouts: one fixture deck per problem, each with its own layouts/tarot.yaml that
replaces the built-in for that deck only."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from generator.cli import main
from generator.errors import Problems, Where
from generator.layout import load_layout
from generator.pipeline import build
from pdfread import MM, page_texts

LAYOUTS = FIXTURES / "layouts"

CASES = {
    "floor-too-small": "floor-too-small/layouts/tarot.yaml:37:12: error: region 'description': 'floor' 5pt is below the 6.5pt minimum for print",
    "outside-safe-zone": "outside-safe-zone/layouts/tarot.yaml:47:10: error: region 'footer-position' holds text but reaches outside the safe zone (3mm inside the trim)",
    "template-error": "template-error/layouts/tarot.yaml:23:11: error: template syntax: unexpected '}'",
    "unknown-name": "unknown-name/layouts/tarot.yaml:41:11: error: region 'footer-title': template uses 'titel', which is not defined; did you mean 'title'?",
    "unknown-unit": "unknown-unit/layouts/tarot.yaml:6:8: error: 'bleed': unknown unit 'px' in '3px'; use mm, cm, in, pt or %",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_layout_problems_point_at_the_layout_line(case, monkeypatch, capsys):
    monkeypatch.chdir(LAYOUTS)
    assert main(["validate", case]) == 1
    assert capsys.readouterr().err.splitlines()[0] == CASES[case]


def test_a_decks_own_layout_replaces_the_builtin_of_that_name(tmp_path):
    written = build([LAYOUTS / "override"], tmp_path)
    front = page_texts(written[0].path)[0]
    assert "Local layout: Layout fixture" in front


def test_builtin_tarot_geometry_in_points():
    layout = load_layout("tarot", None, Problems(), Where("test"))
    assert (layout.width, layout.height) == pytest.approx((70 * MM, 120 * MM))
    assert layout.bleed == pytest.approx(3 * MM) and layout.safe == pytest.approx(3 * MM)
    band = next(r for r in layout.front if r.name == "band")
    assert (band.box.x, band.box.y, band.box.width, band.box.height) == pytest.approx((0, 0, 70 * MM, 18 * MM))
    assert [r.name for r in layout.back if r.has_text] == ["title", "questions", "footer-notice", "footer-position"]
