"""The words of messages and headings: counts that agree with their nouns, suggestions that
name the likely word, headings that say what follows."""
from __future__ import annotations

import shutil

from conftest import ROOT

from generator.cli import main
from generator.content.fields import suggestion
from generator.errors import counted
from generator.pipeline import PrintOptions, prepare


def test_a_count_agrees_with_its_noun():
    assert [counted(n, "card") for n in (0, 1, 2, 1000)] == ["0 cards", "1 card", "2 cards", "1,000 cards"]


def test_a_suggestion_names_the_look_alike_or_every_equally_near_word():
    themes = ["theme-1", "theme-2", "theme-3"]
    assert suggestion("theme-l", themes) == "; did you mean 'theme-1'?"  # a lower-case L for a one
    assert suggestion("theme-O", ["theme-0", "theme-9"]) == "; did you mean 'theme-0'?"
    assert suggestion("theme-9", themes) == "; did you mean 'theme-1', 'theme-2' or 'theme-3'?"
    assert suggestion("descripton", ["title", "description"]) == "; did you mean 'description'?"
    assert suggestion("zzz", ["a", "b"]) == " (expected one of: a, b)"


def test_a_text_one_word_too_long_says_one_word():
    from types import SimpleNamespace

    from generator.compose.cards import _overflow_message
    from generator.compose.fit import Paragraph

    region = SimpleNamespace(box=SimpleNamespace(width=100.0, height=50.0), floor=7.0)
    style = SimpleNamespace(min_size=0.0, name="default")
    overflow = SimpleNamespace(too_wide=None, needed=52.0, available=50.0, size=7.0)
    words = [Paragraph("one two three four five six seven eight nine ten eleven twelve thirteen", "f", None)]
    message = _overflow_message("card 1", region, overflow, words, style)
    assert message.endswith("shorten it by about 1 word")


def _deck_of(cards: int, folder):
    """The flagship's cards again and again, each with an id of its own."""
    shutil.copytree(ROOT / "cards" / "system-leadership", folder)
    sources = sorted((folder / "behaviours").glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in sources]
    for path in sources:
        path.unlink()
    for n in range(cards):
        text = "\n".join(f"id: card-{n:03d}" if line.startswith("id:") else line for line in texts[n % len(texts)].splitlines())
        (folder / "behaviours" / f"{n:03d}.yaml").write_text(text + "\n", encoding="utf-8")
    return folder


def test_the_map_heading_says_one_page_only_when_it_is_one(tmp_path):
    for cards, heading in ((40, "The framework on one page"), (41, "The framework, theme by theme")):
        folder = _deck_of(cards, tmp_path / str(cards) / "system-leadership")
        prepared = prepare([folder], options=PrintOptions(outputs=("facilitator",)))
        assert not prepared.problems, prepared.problems[:3]
        headings = ["".join(text for text, _ in block.spans) for block in prepared.builds[0].pack.blocks
                    if block.kind == "heading"]
        assert heading in headings and len(prepared.builds[0].deck.behaviours) == cards
