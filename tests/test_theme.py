"""Themes: inheritance, contrast checks, logos, fonts, and telling themes apart without colour."""
from __future__ import annotations

import pytest
from conftest import FIXTURES, PRESS_ONLY, ROOT
from pypdf import PdfReader

from generator.cli import main
from generator.content.model import Colour
from generator.design.contrast import contrast_ratio, needed_ratio
from generator.design.theme import load_style
from generator.errors import Problems, Where
from generator.pipeline import build, prepare

THEMES = FIXTURES / "themes"
BUILTIN = ROOT / "layouts" / "themes"

CASES = {
    "low-contrast": [
        "low-contrast/layouts/themes/pale.yaml:4:10: error: theme 'pale', layout 'poker', back region 'footer-notice': muted text #BBBBBB on paper #FFFFFF for deck theme 'Being' has contrast 1.9:1; it needs 4.5:1",
        "low-contrast/layouts/themes/pale.yaml:4:10: error: theme 'pale', layout 'poker', back region 'footer-position': muted text #BBBBBB on paper #FFFFFF for deck theme 'Being' has contrast 1.9:1; it needs 4.5:1",
        "low-contrast/layouts/themes/pale.yaml:4:10: error: theme 'pale', layout 'poker', front region 'footer-position': muted text #BBBBBB on paper #FFFFFF for deck theme 'Being' has contrast 1.9:1; it needs 4.5:1",
        "low-contrast/layouts/themes/pale.yaml:4:10: error: theme 'pale', layout 'poker', front region 'footer-title': muted text #BBBBBB on paper #FFFFFF for deck theme 'Being' has contrast 1.9:1; it needs 4.5:1",
    ],
    "missing-font": [
        "missing-font/layouts/themes/fontless.yaml:4:12: error: font 'Nope-Regular.ttf' not found as a TrueType (.ttf) file in "
    ],
    "theme-missing-parent": [
        "theme-missing-parent/layouts/themes/orphan.yaml:2:10: error: theme 'orphan' extends 'defualt', which does not exist; did you mean 'default'?"
    ],
    "logo-low-res": [
        "logo-low-res/layouts/themes/branded.yaml:3:7: error: the logo is 127 ppi where layout 'poker' places it (region 'logo'); print needs 300 ppi: use an image of at least 142 x 71 pixels"
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_theme_problems_point_at_the_theme_line(case, monkeypatch, capsys):
    monkeypatch.chdir(THEMES)
    assert main(["validate", case]) == 1
    lines = capsys.readouterr().err.splitlines()[:-1]
    assert len(lines) == len(CASES[case])
    for line, expected in zip(lines, CASES[case]):
        assert line.startswith(expected)


def test_a_light_deck_colour_is_blamed_on_the_decks_colour_line(monkeypatch, capsys):
    monkeypatch.chdir(THEMES)
    assert main(["validate", "light-deck-colour"]) == 1
    lines = capsys.readouterr().err.splitlines()[:-1]
    assert lines and all(line.startswith("light-deck-colour/deck.yaml:8:13: error: theme 'default'") for line in lines)
    assert "on-theme text #FFFFFF on theme #FFE066 for deck theme 'Being' has contrast 1.3:1; it needs 4.5:1" in lines[1]


def test_contrast_figures():
    black, white = Colour.from_hex("#000000"), Colour.from_hex("#FFFFFF")
    assert contrast_ratio(black, white) == pytest.approx(21)
    assert contrast_ratio(Colour.from_hex("#767676"), white) == pytest.approx(4.54, abs=0.01)  # the classic 4.5:1 grey
    assert needed_ratio(12, bold=False) == 4.5
    assert needed_ratio(14, bold=True) == 3.0
    assert needed_ratio(14, bold=False) == 4.5
    assert needed_ratio(18, bold=False) == 3.0


def test_a_logo_is_placed_in_cmyk_without_transparency(tmp_path):
    (written,) = build([THEMES / "logo"], tmp_path, options=PRESS_ONLY).written
    page = PdfReader(written.path).pages[0]
    images = [obj.get_object() for obj in page["/Resources"]["/XObject"].values()]
    assert len(images) == 1
    assert images[0]["/ColorSpace"] == "/DeviceCMYK"
    assert "/SMask" not in images[0] and "/Mask" not in images[0]
    assert (images[0]["/Width"], images[0]["/Height"]) == (360, 180)


def test_mono_tells_themes_apart_by_shape_and_tint_not_hue():
    (flagship,) = prepare([ROOT / "cards" / "system-leadership"], "poker", "mono").builds
    by_group = {}
    for face, behaviour in zip(flagship.faces[::2], flagship.deck.behaviours):
        by_group.setdefault(behaviour.theme, face)
    shapes = {face.marks[0].points for face in by_group.values()}  # same box, so same points = same shape
    tints = {face.fills[0].colour.cmyk for face in by_group.values()}
    assert len(by_group) == 4 and len(shapes) == 4 and len(tints) == 4
    for face in by_group.values():
        assert all(c == 0 for c in face.fills[0].colour.cmyk[:3])  # grey only: black ink
        assert all(line.colour.cmyk[:3] == (0, 0, 0) for line in face.lines)


def test_large_print_sets_type_larger_than_default():
    (default,) = prepare([ROOT / "cards" / "system-leadership"], "a7", "default").builds
    (large,) = prepare([ROOT / "cards" / "system-leadership"], "a7", "large-print").builds
    assert large.faces[1].sizes["questions"] > default.faces[1].sizes["questions"]
    assert min(size for face in large.faces for name, size in face.sizes.items()
               if name in ("title", "description", "questions")) >= 12


def test_themes_inherit_from_default():
    problems = Problems()
    mono = load_style("mono", None, problems, Where("test"))
    assert not problems
    assert mono.fonts["bold"].name == "SourceSansPro-Bold"  # inherited
    assert mono.colours["text"].cmyk == (0, 0, 0, 1)  # its own
    assert BUILTIN.joinpath("mono.yaml").is_file()
