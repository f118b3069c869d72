"""Layouts: inheritance, overrides and one tiny fixture per edge case, each asserting
its message and line. Each fixture is a deck whose own layouts/ folder holds the case."""
from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT
from pdfread import MM, page_texts

from generator.cli import main
from generator.design.layout import load_layout
from generator.errors import Problems, Where
from generator.pipeline import build

LAYOUTS = FIXTURES / "layouts"
BUILTIN_SIZES_MM = {
    "poker": (63.5, 88.9), "poker-eu": (63, 88), "bridge": (57.15, 88.9), "tarot": (70, 120),
    "mini-us": (41.3, 63.5), "mini-eu": (44, 68), "square": (70, 70), "a6": (105, 148), "a7": (74, 105),
    "business-eu": (85, 55), "business-us": (88.9, 50.8),
}

CASES = {
    "self-cycle": "self-cycle/layouts/loop.yaml:2:10: error: layout 'loop' extends itself, and there is no other layout named 'loop' further down the search path to extend",
    "longer-cycle": "longer-cycle/layouts/third.yaml:2:10: error: layout 'third' extends 'first', which makes a loop: first -> second -> third -> first",
    "missing-parent": "missing-parent/layouts/orphan.yaml:2:10: error: layout 'orphan' extends 'pokr', which does not exist; did you mean 'poker'?",
    "unknown-unit": "unknown-unit/layouts/bad-unit.yaml:3:8: error: 'bleed': unknown unit 'px' in '3px'; use mm, cm, in, pt or %",
    "floor-too-small": "floor-too-small/layouts/tiny-floor.yaml:4:24: error: region 'description': 'floor' 5pt is below the 6.5pt minimum for print",
    "outside-safe-zone": "outside-safe-zone/layouts/edge.yaml:4:26: error: region 'footer-position' holds text but reaches outside the safe zone (3mm inside the trim)",
    "template-error": "template-error/layouts/broken.yaml:4:17: error: template syntax: unexpected '}'",
    "unknown-name": "unknown-name/layouts/typo.yaml:4:24: error: region 'footer-title': template uses 'titel', which is not defined; did you mean 'title'?",
    "box-sides": "box-sides/layouts/three-sides.yaml:4:16: error: region 'title': 'box' needs two of 'left', 'width' and 'right', not 3 (to replace an inherited one, set it to null)",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_layout_problems_point_at_the_layout_line(case, monkeypatch, capsys):
    monkeypatch.chdir(LAYOUTS)
    assert main(["validate", case]) == 1
    assert capsys.readouterr().err.splitlines() == [CASES[case], f"cards: 1 problem found in {case}"]


def test_multi_level_extends_merges_every_level():
    problems = Problems()
    layout = load_layout("grandchild", LAYOUTS / "multi-level", problems, Where("test"))
    assert not problems
    regions = {r.name: r for r in layout.front}
    assert (layout.width, layout.height) == pytest.approx((63.5 * MM, 88.9 * MM))  # from poker
    assert regions["band"].box.height == pytest.approx(20 * MM)  # from child
    assert regions["title"].size == 12  # from grandchild
    assert regions["title"].floor == 10  # from the base, untouched
    assert "rule" not in regions  # removed by the grandchild with `rule: null`


def test_a_decks_own_layout_replaces_the_builtin_and_can_extend_it(tmp_path):
    written = build([LAYOUTS / "override"], tmp_path).written
    front = page_texts(written[0].path)[0]
    assert "Local layout: Layout fixture" in front
    assert "Enabling" in front  # the rest is the built-in tarot's


def test_a_project_layout_overrides_a_builtin_by_name(tmp_path, monkeypatch, capsys):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "poker.yaml").write_text("description: The project's own poker\nextends: poker\nsize: {width: 60mm, height: 90mm}\n")
    monkeypatch.chdir(tmp_path)
    layout = load_layout("poker", None, Problems(), Where("test"))
    assert layout.description == "The project's own poker"
    assert (layout.width, layout.height) == pytest.approx((60 * MM, 90 * MM))
    assert main(["list", "layouts"]) == 0
    assert "poker\t60 x 90 mm\tThe project's own poker" in capsys.readouterr().out.splitlines()


def test_every_builtin_layout_has_its_size():
    for name, (width, height) in BUILTIN_SIZES_MM.items():
        layout = load_layout(name, None, Problems(), Where("test"))
        assert (layout.width / MM, layout.height / MM) == pytest.approx((width, height)), name
        assert layout.bleed == pytest.approx(3 * MM) and layout.safe == pytest.approx(3 * MM), name


def test_large_layouts_carry_the_indicators_and_small_ones_do_not():
    def contents(name):
        layout = load_layout(name, None, Problems(), Where("test"))
        return {r.content for r in layout.front + layout.back}

    assert "indicators" in contents("tarot")
    assert {"enabling", "obstructing"} <= contents("a6")
    assert not {"indicators", "enabling", "obstructing"} & contents("poker")


def test_list_layouts_names_each_with_its_size(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["list", "layouts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == sorted(BUILTIN_SIZES_MM)
    assert "tarot\t70 x 120 mm\tTarot, roomy, with the indicators on the front" in lines


def test_list_themes(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["list", "themes"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["default", "large-print", "mono"]


def test_builtin_tarot_geometry_in_points():
    layout = load_layout("tarot", None, Problems(), Where("test"))
    band = next(r for r in layout.front if r.name == "band")
    assert (band.box.x, band.box.y, band.box.width, band.box.height) == pytest.approx((0, 0, 70 * MM, 16 * MM))
    footer = next(r for r in layout.front if r.name == "footer-position")
    # right: 4.5mm, width: 14mm, bottom: 4.5mm, height: 4mm, resolved against 70 x 120 mm
    assert (footer.box.x, footer.box.y, footer.box.width, footer.box.height) == pytest.approx((51.5 * MM, 111.5 * MM, 14 * MM, 4 * MM))
    assert [r.name for r in layout.back if r.has_text] == ["title", "questions", "footer-notice", "footer-position"]
