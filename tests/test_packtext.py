"""The facilitator pack's text setting: words, line breaks and splits, with numbers."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.render.packtext import Fonts, SetText, break_lines, words_of

FONTS = Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique")


def texts(lines):
    return ["".join(text for text, *_ in line) for line in lines]


def test_words_break_at_spaces_and_newlines_and_keep_no_break_spaces():
    words = words_of([("Honest  and\tgenuine\n", ""), ("10\u00a0km", "b")], "Helvetica", FONTS)
    assert words == [[("Honest", "Helvetica", None)], [("and", "Helvetica", None)], [("genuine", "Helvetica", None)], None,
                     [("10\u00a0km", "Helvetica-Bold", None)]]


def test_a_word_may_change_font_mid_way_and_bold_wins_over_italic():
    words = words_of([("Source:", "i"), ("(NHS)", ""), (" x", "b")], "Helvetica", FONTS)
    assert words == [[("Source:", "Helvetica-Oblique", None), ("(NHS)", "Helvetica", None)], [("x", "Helvetica-Bold", None)]]
    assert words_of([("Heading", "i")], "Helvetica-Bold", FONTS) == [[("Heading", "Helvetica-Bold", None)]]


def test_lines_hold_as_many_words_as_fit():
    size = 10
    width = stringWidth("aaa bbb", "Helvetica", size)  # exactly two words and a space
    lines = break_lines(words_of([("aaa bbb ccc ddd e", "")], "Helvetica", FONTS), width, size, FONTS)
    assert texts(lines) == ["aaa bbb", "ccc ddd", "e"]
    narrower = break_lines(words_of([("aaa bbb aaa", "")], "Helvetica", FONTS), width - 0.01, size, FONTS)
    assert texts(narrower) == ["aaa", "bbb", "aaa"]  # "bbb aaa" is as wide as "aaa bbb": a hair too wide now


def test_a_forced_break_and_an_empty_line_and_runs_merged_by_font():
    lines = break_lines(words_of([("one\n\ntwo ", ""), ("three", "b"), (" four", "b")], "Helvetica", FONTS), 500, 10, FONTS)
    assert texts(lines) == ["one", "", "two three four"]
    assert lines[2] == [("two ", "Helvetica", None), ("three four", "Helvetica-Bold", None)]


def test_a_word_wider_than_the_line_is_broken_between_characters_and_nothing_is_lost():
    word = "Supercalifragilisticexpialidocious"
    width = stringWidth("Supercal", "Helvetica", 10)
    lines = texts(break_lines(words_of([(f"{word} end", "")], "Helvetica", FONTS), width, 10, FONTS))
    assert "".join(lines[:-1]) == word and lines[-1] == "end"
    assert all(stringWidth(line, "Helvetica", 10) <= width + 1e-6 for line in lines)


def test_a_paragraph_splits_between_lines_never_leaving_its_first_line_alone():
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14, spaceBefore=6, spaceAfter=6)
    text = SetText([(" ".join(["word"] * 60), "")], style, FONTS)
    _, height = text.wrap(100, 1000)
    count = len(text.lines)
    assert count > 4 and height == count * 14
    head, tail = text.split(100, 3 * 14 + 5)
    assert (len(head.lines), len(tail.lines)) == (3, count - 3)
    assert head.getSpaceAfter() == 0 and tail.getSpaceBefore() == 0 and head.getSpaceBefore() == 6
    assert head.wrap(100, 1000) == (100, 3 * 14)
    assert text.split(100, 14 + 5) == []  # one line would stand alone at the foot of the page
    assert text.split(100, 1000) == [text]
