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


def _flagship_with(tmp_path, changes: dict[str, tuple[str, str]]):
    """A copy of the flagship with lines of some behaviour files replaced."""
    import shutil

    folder = tmp_path / "system-leadership"
    shutil.copytree([p for p in SAMPLE_DECKS if p.name == "system-leadership"][0], folder)
    for name, (old, new) in changes.items():
        path = folder / "behaviours" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return prepare([folder]).builds[0]


def test_small_white_text_is_never_reversed_out_of_three_inks_however_it_was_fitted(tmp_path):
    """A back title of 40 characters on a C100 Y75 K40 band shrinks under 12 pt: it goes on
    a chip of paper, and so does every card's back title, so the deck's cards match."""
    from generator.printing.inks import face_ink_findings

    build = _flagship_with(tmp_path, {"06-trust.yaml": ("title: Trust", "title: Trust between partners across the place")})
    backs = build.faces[1::2]
    trust = next(f for f in backs if f.card_id == "trust")
    assert trust.sizes["title"] < 12
    assert face_ink_findings(build.faces).get("reversed", (0, None))[0] == 0
    title_colours = {line.colour.cmyk for face in backs for line in face.lines if line.size > 9 and line.y > face.trim[3] - 16 * MM}
    assert title_colours == {(0, 0, 0, 1)}  # black on a chip of paper, on every card alike
    assert all(any(fill.colour.cmyk == (0, 0, 0, 0) and fill.rect[1] > face.trim[3] - 16 * MM for fill in face.fills)
               for face in backs)


def test_coloured_fine_text_is_black_on_every_card_of_a_deck_or_on_none(tmp_path):
    """The back's question labels (9.5 pt on poker cards) in each theme's colour: a two-ink
    colour would blur, so they print black; then they do on every card, the one-ink theme's too."""
    _flagship_with(tmp_path, {})
    deck_file = tmp_path / "system-leadership" / "deck.yaml"
    deck_file.write_text(deck_file.read_text(encoding="utf-8").replace("cmyk: [100, 50, 0, 0]", "cmyk: [100, 0, 0, 0]"),
                         encoding="utf-8")
    build = prepare([tmp_path / "system-leadership"], layout="poker").builds[0]
    labels = {(face.card_id, line.colour.cmyk) for face in build.faces[1::2] for line in face.lines
              if line.text in ("Individual", "Organisational", "System")}
    assert {colour for _, colour in labels} == {(0, 0, 0, 1)}
    assert {card for card, _ in labels} == {b.id for b in build.deck.behaviours}


def test_each_face_is_composed_once_however_the_fine_text_rules_change(tmp_path, monkeypatch):
    """Poker cards: fitting shrinks the backs' question labels, so the deck's fine-text rules
    change after the first faces are made. The rules change colours and add chips, never
    where text goes: they are applied to the faces made, not by composing them again."""
    from generator.compose import cards

    _flagship_with(tmp_path, {})
    composed = []
    real = cards._compose_face
    monkeypatch.setattr(cards, "_compose_face", lambda *args: composed.append(args[1]) or real(*args))
    build = prepare([tmp_path / "system-leadership"], layout="poker").builds[0]
    assert len(composed) == 2 * 13 and composed.count("back") == 13
    labels = [line for face in build.faces[1::2] for line in face.lines if line.text in ("Individual", "Organisational", "System")]
    assert len(labels) == 3 * 13 and {line.colour.cmyk for line in labels} == {(0, 0, 0, 1)}  # the rules applied


def test_each_font_is_asked_for_every_character_its_words_and_bullets_print():
    """The font check asks of each font exactly the characters fitting will set in it:
    those of its words (split as fitting splits them) and the bullets of paragraphs set in
    it, fonts in the order the words first use them."""
    from generator.compose.cards import _text_by_font
    from generator.compose.fit import Paragraph, Run

    paragraphs = [
        Paragraph("Trust \u2013 \u201cwe\u2019ll see\u201d\tnow\r\nthen 10\u00a0km", "Regular", None,
                  lead=Run("Individual:", "Bold", None)),
        Paragraph("  \n\t ", "Italic", None),  # no words: nothing is asked of its font
        Paragraph("\u2605 item", "Regular", None, bullet="\u2022"),
        Paragraph("", "Bold", None, bullet="\u25aa"),  # a bullet of a paragraph without words
        Paragraph("x", "Light", None, lead=Run(" \t", "Black", None)),  # a lead of no words
    ]
    expected: dict[str, set[str]] = {}
    for paragraph in paragraphs:
        for word, font, _ in paragraph.words():
            expected.setdefault(font, set()).update(word)
    for paragraph in paragraphs:
        if paragraph.bullet and paragraph.font in expected:
            expected[paragraph.font].update(paragraph.bullet)
    found = _text_by_font(paragraphs)
    assert list(found) == ["Bold", "Regular", "Light"]
    assert {font: set(text) for font, text in found.items()} == expected
    assert "\u00a0" in found["Regular"] and not set(" \t\r\n") & set(found["Regular"])
