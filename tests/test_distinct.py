"""Warnings a designer needs about a deck's themes: the colour difference with numbers
(CIEDE2000, Sharma, Wu and Dalal's published test pairs), then each warning as
`cards validate` gives it, at the line to change, without failing the deck."""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT

from generator.cli import main
from generator.printing.distinct import delta_e2000, srgb_to_lab


@pytest.mark.parametrize("lab1, lab2, expected", [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_ciede2000_matches_the_published_test_pairs(lab1, lab2, expected):
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_srgb_white_and_nhs_blue_in_lab():
    assert srgb_to_lab((1.0, 1.0, 1.0)) == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert srgb_to_lab((0, 94 / 255, 184 / 255)) == pytest.approx((40.35, 12.40, -53.87), abs=0.05)


def test_empty_themes_and_colours_hard_to_tell_apart_are_warned_at_their_lines(tmp_path, capsys):
    """A recoloured variant with two near-identical blues (what a reviewer's gave), a
    theme with no cards, and two themes of one shape and one lightness: each a warning
    at the colour or theme to change; the deck still validates (exit 0)."""
    shutil.copytree(ROOT / "cards" / "system-leadership", tmp_path / "system-leadership")
    variant = tmp_path / "blues"
    variant.mkdir()
    (variant / "deck.yaml").write_text(
        "extends: ../system-leadership\ntitle: Blues\nthemes:\n"
        "  - id: relating\n    colour: {rgb: \"#0060BA\", cmyk: [100, 48, 0, 2]}\n"
        "  - id: spare\n    name: Spare\n    colour: {rgb: \"#7A5C00\", cmyk: [0, 30, 100, 50]}\n"
        "  - id: twin\n    name: Twin\n    mark: hexagon\n    colour: {rgb: \"#71520C\", cmyk: [10, 40, 100, 45]}\n",
        encoding="utf-8")
    assert main(["validate", str(variant)]) == 0
    err = capsys.readouterr().err
    assert re.search(r"blues/deck.yaml:5:13: warning: themes 'being' and 'relating' have colours hard to tell apart "
                     r"on (paper|screen) \(ΔE00 \d\.\d, under 10\)", err), err
    assert re.search(r"blues/deck.yaml:6:5: warning: theme 'spare' \(Spare\) has no cards", err), err
    assert "themes 'spare' and 'twin'" in err
    assert main(["validate", str(ROOT / "cards" / "system-leadership")]) == 0
    assert "warning" not in capsys.readouterr().err  # the flagship's four themes are well apart


def test_a_new_deck_of_twelve_themes_starts_with_twelve_colours_well_apart(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "twelve", "--themes", "12"]) == 0
    assert main(["validate", "cards/twelve"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning:" in line]
    assert len(warnings) == 10 and all("has no cards" in line for line in warnings)  # two cards, twelve themes
