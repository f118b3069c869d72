"""The edition stamp (deck.yaml `edition_stamp: true`): "v1.0", or the date, printed small
in every card's footer and the pack's running footer, so two printed editions can be
told apart; read back from the files."""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT
from pdfread import page_texts

from generator.cli import main
from generator.pipeline import PrintOptions, build


def stamped(tmp_path, extra: str = "edition_stamp: true\n", drop_version: bool = False):
    deck = shutil.copytree(ROOT / "cards" / "system-leadership", tmp_path / "system-leadership")
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    if drop_version:
        text = re.sub(r"^version:.*\n", "", text, flags=re.M)
    (deck / "deck.yaml").write_text(text + extra, encoding="utf-8")
    return deck


@pytest.mark.parametrize("layout", ["tarot", "poker", "mini-us"])
def test_every_card_and_the_pack_carry_the_edition(tmp_path, layout):
    deck = stamped(tmp_path)
    outputs = ("press", "facilitator") if layout == "tarot" else ("press",)
    outcome = build([deck], tmp_path / "out", layout=layout, options=PrintOptions(outputs=outputs))
    assert not outcome.problems, outcome.problems
    files = {w.kind: w.path for w in outcome.written}
    fronts = page_texts(files["press"])[0::2]
    assert len(fronts) == 13 and all("v1.0" in text for text in fronts)
    if layout == "tarot":
        assert all("System Leadership Behaviours · v1.0" in " ".join(text.split()) for text in fronts)
        pack = page_texts(files["facilitator"])
        assert all("v1.0" in text for text in pack[1:])  # every page's running footer


def test_without_it_no_card_carries_a_version(tmp_path):
    outcome = build([ROOT / "cards" / "system-leadership"], tmp_path, options=PrintOptions(outputs=("press",)))
    assert not any("v1.0" in text for text in page_texts(outcome.written[0].path))


def test_a_deck_without_a_version_is_stamped_with_its_date(tmp_path):
    deck = stamped(tmp_path, 'edition_stamp: true\ndate: "2026-03-01"\n', drop_version=True)
    outcome = build([deck], tmp_path / "out", options=PrintOptions(outputs=("press",)))
    assert "System Leadership Behaviours · 2026-03-01" in " ".join(page_texts(outcome.written[0].path)[0].split())


def test_a_stamp_with_nothing_to_print_or_nowhere_to_print_it_is_refused(tmp_path, capsys):
    deck = stamped(tmp_path, drop_version=True)
    assert main(["validate", str(deck)]) == 1
    assert re.search(r"deck\.yaml:\d+:\d+: error: 'edition_stamp' prints the edition's version or date", capsys.readouterr().err)
    deck = stamped(tmp_path / "b")
    (deck / "layouts").mkdir()
    (deck / "layouts" / "plain.yaml").write_text(
        "extends: poker\nfront:\n  footer-title: {text: '{{ deck.title }}'}\n", encoding="utf-8")
    assert main(["validate", str(deck), "--layout", "plain"]) == 1
    assert re.search(r"deck\.yaml:\d+:\d+: error: layout 'plain' prints no edition stamp", capsys.readouterr().err)
