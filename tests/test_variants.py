"""Local variants: a deck that extends another, changing only what it names."""
from __future__ import annotations

import re
import shutil

import pikepdf
import pytest
from conftest import FIXTURES
from pdfread import page_texts, words

from generator.cli import main
from generator.content.deck import read_deck
from generator.errors import Problems
from generator.pipeline import PrintOptions, build

VARIANTS = FIXTURES / "variants"


def test_a_variant_inherits_and_changes_only_what_it_names():
    deck = read_deck(VARIANTS / "local", Problems())
    assert deck.title == "Riverside edition" and deck.publisher == "Riverside Partnership"
    assert deck.licence == "© Base Publisher, CC BY 4.0"  # inherited
    assert [b.id for b in deck.behaviours] == ["honesty", "delivery", "place"]  # base order, less one, plus one
    assert [(t.id, t.name) for t in deck.themes] == [("being", "Being"), ("doing", "Doing locally"), ("place", "Place")]
    assert deck.group("doing").colour.cmyk == (0.8, 1.0, 0.0, 0.0)  # recoloured
    honesty, delivery, place = deck.behaviours
    assert honesty.description == "Riverside's own words for honesty." and honesty.title == "Honesty"
    assert honesty.status == "illustrative" and honesty.wording_by is None  # changed text: no longer the base's official wording
    assert delivery.status == "official" and delivery.wording_by == "Base Publisher"
    # every value points at the file that wrote it
    assert str(honesty.where_of("description")).startswith("tests/fixtures/variants/local/behaviours/honesty.yaml:2")
    assert str(honesty.where_of("title")).startswith("tests/fixtures/variants/base/behaviours/honesty.yaml:2")


def test_the_pack_and_the_files_say_where_it_was_adapted_from(tmp_path):
    outcome = build([VARIANTS / "local"], tmp_path, options=PrintOptions(outputs=("press", "facilitator")))
    assert not outcome.problems and len(outcome.written) == 3
    pack = " ".join(page_texts(tmp_path / "local" / "local-facilitator-a4.pdf"))
    assert "Adapted from Base deck (Base Publisher)." in pack
    assert "Added: Place" in pack and "Changed: Honesty (description)" in pack and "Removed: Courage" in pack
    assert "The base publisher's introduction." in pack  # the base's facilitator words
    assert "Official wording of Base Publisher." in pack
    with pikepdf.open(tmp_path / "local" / "local-press.pdf") as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["dc:source"] == "Adapted by Riverside Partnership from Base deck (Base Publisher)"
    press = " ".join(page_texts(tmp_path / "local" / "local-press.pdf"))
    assert words("Riverside's own words for honesty.") in press and "Courage" not in press


def test_attribution_follows_the_words_of_a_reworded_card(tmp_path):
    """The variant reworded honesty's description: its page, its site card, the files'
    metadata and the spreadsheet say the description is the variant's; the base's
    `source` is given only for the words still as the base had them."""
    deck = read_deck(VARIANTS / "local", Problems())
    honesty, delivery, _ = deck.behaviours
    assert honesty.source is None and honesty.adapted.changed == ("description",)
    assert honesty.adapted.base_source == "The base framework" and honesty.adapted.by == "Riverside Partnership"
    assert delivery.adapted is None and delivery.source == "The base framework"  # unchanged: the base's source
    expected = ("Description adapted by Riverside Partnership from Base deck (Base Publisher). Title, indicators and "
                "questions as in Base deck, where the card's source reads: The base framework.")
    outcome = build([VARIANTS / "local"], tmp_path, options=PrintOptions(outputs=("facilitator",)))
    assert not outcome.problems, outcome.problems
    pages = page_texts(tmp_path / "local" / "local-facilitator-a4.pdf")
    page = next(p for p in pages if "Riverside's own words for honesty." in p and "Questions" in p)
    assert expected in page and "Source: The base framework" not in page
    assert main(["publish", str(VARIANTS / "local"), "--out", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / "local" / "index.html").read_text(encoding="utf-8")
    card = html[html.index("Riverside&#39;s own words for honesty."):][:3000]
    assert expected.removesuffix(".") in card.replace("&#39;", "'") and "Source: The base framework" not in card.split("Delivery")[0]
    assert main(["export", str(VARIANTS / "local"), "--to", str(tmp_path / "local.csv")]) == 0
    rows = (tmp_path / "local.csv").read_text(encoding="utf-8-sig").splitlines()
    honesty_row = next(r for r in rows if r.startswith("honesty,"))
    assert "The base framework" not in honesty_row  # not the base's source for the variant's words


def test_a_change_to_the_base_reaches_the_variant(tmp_path):
    shutil.copytree(VARIANTS / "base", tmp_path / "base")
    shutil.copytree(VARIANTS / "local", tmp_path / "local")
    card = tmp_path / "base" / "behaviours" / "delivery.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("description of delivery", "new account of delivery"), encoding="utf-8")
    build([tmp_path / "local"], tmp_path / "out", options=PrintOptions(outputs=("press",)))
    assert "new account of delivery" in " ".join(page_texts(tmp_path / "out" / "local" / "local-press.pdf"))


@pytest.mark.parametrize("case, expected", [
    ("loop-a", "variants/loop-b/deck.yaml:1:10: error: 'extends' makes a loop: loop-a -> loop-b -> loop-a"),
    ("missing-base", "variants/missing-base/deck.yaml:1:10: error: 'extends': no deck 'bsae' (a deck id beside this one, or a path to a deck folder); did you mean 'base'?"),
    ("bad-remove", "variants/bad-remove/deck.yaml:4:5: error: 'remove' names 'curage', which is not a card of 'base'; did you mean 'courage'?"),
])
def test_variant_mistakes_are_reported_where_they_were_written(case, expected, monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", f"variants/{case}"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == expected


def test_a_mistake_in_the_base_points_at_the_base(tmp_path, capsys, monkeypatch):
    shutil.copytree(VARIANTS / "base", tmp_path / "base")
    shutil.copytree(VARIANTS / "local", tmp_path / "local")
    card = tmp_path / "base" / "behaviours" / "delivery.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("status: official", "status: draft"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "local"]) == 1
    assert capsys.readouterr().err.startswith("base/behaviours/delivery.yaml:4:9: error: 'status' must be one of")


def test_cards_diff_lists_the_changes(capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    assert main(["diff", "variants/local"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Riverside edition: Adapted by Riverside Partnership from Base deck (Base Publisher)",
        "  added: Place [place]",
        "  changed: Honesty [honesty] (description)",
        "  removed: Courage [courage]",
    ]
    assert main(["diff", "variants/base"]) == 2


def test_the_sample_local_edition(built_all):
    from conftest import ROOT

    files = sorted(name for deck, name in built_all if deck == "system-leadership-local")
    assert len(files) == 8
    base = read_deck(ROOT / "cards" / "system-leadership", Problems())
    local = read_deck(ROOT / "cards" / "system-leadership-local", Problems())
    assert [b.id for b in local.behaviours] == [b.id for b in base.behaviours if b.id != "delivery"] + [
        "working-with-communities", "place"]
    press = " ".join(page_texts(built_all[("system-leadership-local", "system-leadership-local-press.pdf")]))
    trust_base = next(b for b in base.behaviours if b.id == "trust").description
    trust_local = next(b for b in local.behaviours if b.id == "trust").description
    assert words(trust_local) in press and words(trust_base) not in press
    pack = " ".join(page_texts(built_all[("system-leadership-local", "system-leadership-local-facilitator-a4.pdf")]))
    assert "Adapted from System Leadership Behaviours (NHS North West Leadership Academy)." in pack
    for line in ("Added: Working with Communities", "Added: Leading for a Place", "Changed: Trust (description)", "Removed: Delivery"):
        assert line in pack


def test_a_variants_language_replaces_the_bases_languages(tmp_path, capsys):
    """`language:` and `languages:` say one thing: the variant's says it for the variant.
    And a missing translation is counted as `cards translate` writes it."""
    shutil.copytree(VARIANTS / "base", tmp_path / "base")
    shutil.copytree(VARIANTS / "local", tmp_path / "local")
    base = tmp_path / "base" / "deck.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("title: Base deck", "title: Base deck\nlanguages: [en, fr]"),
                    encoding="utf-8")
    assert read_deck(tmp_path / "local", Problems()).languages == ("en", "fr")  # inherited
    assert main(["validate", str(tmp_path / "local")]) == 1
    missing = int(re.search(r"(\d+) texts of this deck have no translation", capsys.readouterr().err).group(1))
    assert main(["translate", str(tmp_path / "local"), "--language", "fr"]) == 0
    assert re.search(rf"fr.po: {missing} texts, {missing} new", capsys.readouterr().out)
    local = tmp_path / "local" / "deck.yaml"
    local.write_text(local.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    assert read_deck(tmp_path / "local", Problems()).languages == ("en",)


def test_an_added_card_sits_with_its_theme_or_after_the_card_it_names(tmp_path, capsys):
    """No `cards:` restated: a new card of the Being theme goes after the base's last Being
    card (not after all 13), one with `after: trust` right after Trust, and every file
    numbers them so; `after:` naming no card is an error at its line."""
    from conftest import ROOT

    shutil.copytree(ROOT / "cards" / "system-leadership", tmp_path / "system-leadership")
    variant = tmp_path / "local"
    (variant / "behaviours").mkdir(parents=True)
    (variant / "deck.yaml").write_text("extends: ../system-leadership\ntitle: Local\n", encoding="utf-8")
    card = ("id: {id}\ntitle: {title}\ntheme: {theme}\nstatus: illustrative\ndescription: A local card.\n"
            "indicators:\n  enabling: [One]\n  obstructing: [Two]\n"
            "questions:\n  individual: Why?\n  organisational: How?\n  system: Where?\n")
    (variant / "behaviours" / "a-presence.yaml").write_text(card.format(id="presence", title="Presence", theme="being"),
                                                           encoding="utf-8")
    (variant / "behaviours" / "b-candour.yaml").write_text(
        card.format(id="candour", title="Candour", theme="delivering") + "after: trust\n", encoding="utf-8")
    deck = read_deck(variant, Problems())
    ids = [b.id for b in deck.behaviours]
    assert ids[:5] == ["authenticity", "mindset", "resilience-bravery-courage", "presence", "relationships-advocacy"]
    assert ids[ids.index("trust") + 1] == "candour" and len(ids) == 15
    build([variant], tmp_path / "out", options=PrintOptions(outputs=("press",)))
    pages = page_texts(tmp_path / "out" / "local" / "local-press.pdf")
    assert "Presence" in pages[6] and "4/15" in pages[6]  # card 4's front
    (variant / "behaviours" / "b-candour.yaml").write_text(
        card.format(id="candour", title="Candour", theme="delivering") + "after: trsut\n", encoding="utf-8")
    assert main(["validate", str(variant)]) == 1
    assert re.search(r"b-candour.yaml:13:8: error: 'after' names 'trsut', which is not a card of this deck; did you mean 'trust'\?",
                     capsys.readouterr().err)


def test_a_base_card_moves_after_the_card_its_after_names(tmp_path, capsys):
    """`after:` in a file changing a base card moves it (no `cards:` restated); naming the
    card itself is an error at its line; `cards diff` says it was moved."""
    shutil.copytree(VARIANTS / "base", tmp_path / "base")
    variant = tmp_path / "local"
    (variant / "behaviours").mkdir(parents=True)
    (variant / "deck.yaml").write_text("extends: base\ntitle: Local\n", encoding="utf-8")
    (variant / "behaviours" / "honesty.yaml").write_text("id: honesty\nafter: delivery\n", encoding="utf-8")
    deck = read_deck(variant, Problems())
    assert [b.id for b in deck.behaviours] == ["courage", "delivery", "honesty"]
    assert deck.behaviours[2].status == "official"  # moved, not reworded
    assert main(["diff", str(variant)]) == 0
    assert "changed: Honesty [honesty] (place)" in capsys.readouterr().out
    (variant / "behaviours" / "honesty.yaml").write_text("id: honesty\nafter: honesty\n", encoding="utf-8")
    assert main(["validate", str(variant)]) == 1
    assert "honesty.yaml:2:8: error: 'after' names this card itself" in capsys.readouterr().err


@pytest.mark.parametrize("deck_yaml, card, expected", [
    # `remove` in a deck of its own would silently do nothing
    (None, None, "deck.yaml:15:1: error: 'remove' leaves out cards of the deck this one extends: it needs an 'extends:' line"),
    ("extends: base\nthemes: []\n", None, "deck.yaml:2:9: error: 'themes' is an empty list; leave it out to keep the base's themes"),
    ("extends: base\nremove: []\n", None, "deck.yaml:2:9: error: 'remove' is an empty list; leave it out to keep every card of the base"),
    # an unreadable id: one problem, not a list of every field a new card would need (nor a U+0000 in the order)
    ("extends: base\n", "id: null\ndescription: New words.\n", "honesty.yaml:1:5: error: 'id' is empty"),
])
def test_variant_shapes_the_validator_refuses(tmp_path, capsys, deck_yaml, card, expected):
    shutil.copytree(VARIANTS / "base", tmp_path / "base")
    if deck_yaml is None:
        folder = tmp_path / "base"
        (folder / "deck.yaml").write_text((folder / "deck.yaml").read_text(encoding="utf-8") + "remove: [courage]\n",
                                          encoding="utf-8")
    else:
        folder = tmp_path / "local"
        (folder / "behaviours").mkdir(parents=True)
        (folder / "deck.yaml").write_text(deck_yaml, encoding="utf-8")
        (folder / "behaviours" / "honesty.yaml").write_text(card or "id: honesty\ndescription: New words.\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and expected in errors[0], errors


def test_a_null_under_a_key_the_base_lacks_removes_nothing(tmp_path):
    """`defaults: {layout: null}` where the base has no defaults: nothing to remove, no
    "'layout' is empty" (the schema and the validator agree on it)."""
    shutil.copytree(VARIANTS / "base", tmp_path / "base")
    folder = tmp_path / "local"
    (folder / "behaviours").mkdir(parents=True)
    (folder / "deck.yaml").write_text("extends: base\ndefaults:\n  layout: null\nlabels:\n  individual: null\n", encoding="utf-8")
    problems = Problems()
    deck = read_deck(folder, problems)
    assert not problems.items and deck.layout == "tarot"


def test_a_variant_warns_when_its_base_edition_moved_since_it_was_last_built(tmp_path, capsys, monkeypatch):
    """Built from base 1.0; the base becomes 1.1: validate and the next build warn at the
    `extends:` line naming the reworded card; once built again, no warning."""
    shutil.copytree(VARIANTS / "base", tmp_path / "cards" / "base")
    shutil.copytree(VARIANTS / "local", tmp_path / "cards" / "local")
    base = tmp_path / "cards" / "base" / "deck.yaml"
    base.write_text(base.read_text(encoding="utf-8") + 'version: "1.0"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "cards/local", "--outputs", "press"]) == 0
    assert "warning" not in capsys.readouterr().err  # a first build has nothing to compare with
    base.write_text(base.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    expected = ("cards/local/deck.yaml:2:10: warning: its base 'base' is now version 1.1, and this edition was last built "
                "from version 1.0; this edition changes Honesty: check it still reads right against the base")
    assert main(["validate", "cards/local"]) == 0
    assert expected in capsys.readouterr().err.replace("\\", "/")
    assert main(["build", "cards/local", "--outputs", "press"]) == 0
    assert expected in capsys.readouterr().err.replace("\\", "/")
    assert main(["build", "cards/local", "--outputs", "press"]) == 0
    assert "warning" not in capsys.readouterr().err
