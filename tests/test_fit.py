"""Text fitting with made-up metrics: every character 0.5 em wide, ascent 0.8, descent -0.2."""
import pytest

from generator.compose.fit import Fitted, Overflow, Paragraph, Run, _sizes, fit, measure, wrap


class HalfEm:
    def width(self, text, font):
        return 0.5 * len(text)

    def ascent(self, font):
        return 0.8

    def descent(self, font):
        return -0.2


M = HalfEm()


def words(text, font="f"):
    return measure([(w, font, None) for w in text.split()], M)


def test_wrap_is_greedy_and_keeps_every_word():
    # 10 units at 1pt hold 20 characters.
    lines = wrap(words("aaaa bbbb cccc dddd eeee"), 10)
    assert lines == [([("aaaa bbbb cccc dddd", "f", None, 0.0, 9.5)], 9.5), ([("eeee", "f", None, 0.0, 2.0)], 2.0)]


def test_wrap_keeps_runs_of_different_fonts_apart_on_one_line():
    lines = wrap(words("Label:", "bold") + words("and text"), 20)
    assert lines == [([("Label:", "bold", None, 0.0, 3.0), ("and text", "f", None, 3.5, 4.0)], 7.5)]


def test_wrap_reports_a_word_too_wide():
    assert wrap(words("short averyveryverylongword"), 5) == "averyveryverylongword"


def test_an_inline_lead_and_a_bullet_are_set_on_the_first_line():
    paragraph = Paragraph("text", "f", "ink", indent=1.0, bullet="*", lead=Run("Lead", "bold", "accent"))
    result = fit([paragraph], box_width=100, box_height=20, size=10, floor=7, leading=1.2, metrics=M)
    assert [(line.text, line.font, line.offset) for line in result.lines] == [("*", "f", 0.0), ("Lead", "bold", 10.0), ("text", "f", 35.0)]


def test_text_that_fits_keeps_its_design_size():
    result = fit([Paragraph("one two", "f", None)], box_width=100, box_height=20, size=10, floor=7, leading=1.2, metrics=M)
    assert isinstance(result, Fitted)
    assert result.size == 10
    assert result.lines[0].baseline == pytest.approx(8.0)  # ascent 0.8 x 10pt
    assert result.height == pytest.approx(10.0)  # ascent + descent for one line


def test_text_shrinks_in_quarter_points_until_it_fits():
    text = " ".join(["abcd"] * 8)  # 39 characters: 195pt wide at 10pt, so two lines in a 100pt box
    # Two lines need (0.8 + 1.2 + 0.2) x size = 2.2 x size of height.
    exact = fit([Paragraph(text, "f", None)], box_width=100, box_height=22, size=10, floor=7, leading=1.2, metrics=M)
    assert isinstance(exact, Fitted) and exact.size == 10
    tighter = fit([Paragraph(text, "f", None)], box_width=100, box_height=21, size=10, floor=7, leading=1.2, metrics=M)
    assert isinstance(tighter, Fitted)
    assert tighter.size == 9.5  # 2.2 x 9.5 = 20.9 fits; 2.2 x 9.75 = 21.45 does not
    assert [line.text for line in tighter.lines] == ["abcd abcd abcd abcd"] * 2  # 21 characters a line at 9.5pt


@pytest.mark.parametrize("size, floor, tried", [
    (10, 9.5, [10, 9.75, 9.5]),
    (10, 9.3, [10, 9.75, 9.5, 9.3]),  # the floor itself, though off the quarter-point steps
    (7, 7, [7]),
    (6.5, 7, [7]),  # a design size under the floor starts at the floor
])
def test_sizes_are_tried_from_the_design_size_down_in_quarter_points_to_the_floor(size, floor, tried):
    assert list(_sizes(size, floor)) == tried


def test_a_text_that_fits_only_at_the_floor_is_set_there():
    text = " ".join(["abcd"] * 8)  # two lines at any of these sizes: 2.2 x size of height
    result = fit([Paragraph(text, "f", None)], box_width=100, box_height=2.2 * 9.3 + 1e-9, size=10, floor=9.3, leading=1.2, metrics=M)
    assert isinstance(result, Fitted) and result.size == 9.3


def test_text_that_cannot_fit_at_the_floor_overflows_with_figures():
    text = " ".join(["word"] * 100)
    result = fit([Paragraph(text, "f", None)], box_width=50, box_height=20, size=10, floor=7, leading=1.2, metrics=M)
    assert isinstance(result, Overflow)
    assert result.size == 7
    assert result.needed > result.available == 20


def test_paragraph_space_is_added_between_paragraphs_only():
    paragraphs = [Paragraph("a", "f", None, space_before=0.5), Paragraph("b", "f", None, space_before=0.5)]
    result = fit(paragraphs, box_width=100, box_height=100, size=10, floor=7, leading=1.2, metrics=M)
    assert [line.baseline for line in result.lines] == pytest.approx([8.0, 8.0 + 12 + 5])


def test_no_break_spaces_are_part_of_their_word():
    """Text pasted from a word processor keeps its no-break spaces (10\\u00a0km, 1\\u202f000):
    they are not turned into plain spaces, and a line never breaks at one."""
    from generator.content.fields import split_words, tidy

    assert tidy("  Walk 10\u00a0km,\n  then 1\u202f000 steps  ") == "Walk 10\u00a0km, then 1\u202f000 steps"
    assert split_words("a 10\u00a0km b") == ["a", "10\u00a0km", "b"]
    lines = fit([Paragraph("aaa 10\u00a0km", "f", None)], 3.5, 100, 1, 1, 1.2, M).lines
    assert [line.text for line in lines] == ["aaa", "10\u00a0km"]  # "aaa 10" would fit: the break is not taken
