"""One rule for paragraphs: a blank line in a text starts a new paragraph, whether the text
is a `>` block, a `|` block or plain, on the card, in the pack and on the site."""
from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest
from conftest import ROOT

from generator.cli import main
from generator.content.deck import read_deck
from generator.errors import Problems
from generator.pipeline import PrintOptions, build, prepare

FIRST, SECOND = "First paragraph of the description, written over two lines.", "Second paragraph, after a blank line."
STYLES = {
    "01-authenticity.yaml": "description: >\n  First paragraph of the description,\n  written over two lines.\n\n  Second paragraph, after a blank line.\n",
    "02-mindset.yaml": "description: |\n  First paragraph of the description,\n  written over two lines.\n\n  Second paragraph, after a blank line.\n",
    "03-resilience-bravery-courage.yaml": "description: First paragraph of the description,\n  written over two lines.\n\n  Second paragraph, after a blank line.\n",
}


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paragraphs") / "system-leadership"
    shutil.copytree(ROOT / "cards" / "system-leadership", folder)
    for name, description in STYLES.items():
        path = folder / "behaviours" / name
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"description: >\n(?:  .*\n)+", lambda _: description, text)
        path.write_text(text, encoding="utf-8")
    return folder


def test_every_style_of_text_keeps_its_paragraphs(deck):
    behaviours = read_deck(deck, Problems()).behaviours[:3]
    assert [b.description for b in behaviours] == [f"{FIRST}\n\n{SECOND}"] * 3


def test_the_card_starts_a_paragraph_on_a_line_of_its_own_with_room_above(deck):
    faces = prepare([deck]).builds[0].faces
    for front in faces[0:6:2]:
        lines = sorted(front.lines, key=lambda line: -line.y)
        first = next(i for i, line in enumerate(lines) if line.text.startswith("First"))
        second = next(i for i, line in enumerate(lines) if line.text.startswith("Second"))
        assert lines[second].x == pytest.approx(lines[first].x)
        leading = lines[first].y - lines[first + 1].y  # between two lines of the first paragraph
        assert lines[second - 1].y - lines[second].y > leading * 1.2, front.card_id


def test_the_pack_and_the_site_keep_the_paragraphs(deck, tmp_path):
    outcome = build([deck], tmp_path, options=PrintOptions(outputs=("facilitator",)))
    assert not outcome.problems, outcome.problems
    with pdfplumber.open(tmp_path / "system-leadership" / "system-leadership-facilitator-a4.pdf") as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    starts = [line for line in lines if line.startswith("Second paragraph, after a blank line.")]
    assert len(starts) == 6  # for each card, on its page and on its card's picture (not run on after the first)
    assert not any("two lines. Second" in line for line in lines)
    assert main(["publish", str(deck), "--out", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / "system-leadership" / "index.html").read_text(encoding="utf-8")
    assert html.count(f'<p class="description">{FIRST}</p>\n<p class="description">{SECOND}</p>') == 3
