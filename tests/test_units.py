import pytest

from generator.design.units import UnitError, mm, parse_length


@pytest.mark.parametrize(
    "text, expected",
    [("72pt", 72.0), ("1in", 72.0), ("25.4mm", 72.0), ("2.54cm", 72.0), ("0", 0.0), (".5in", 36.0), ("3 mm", mm(3))],
)
def test_lengths_convert_to_points(text, expected):
    assert parse_length(text) == pytest.approx(expected)


def test_percent_is_of_the_given_length():
    assert parse_length("50%", percent_of=200) == pytest.approx(100)


@pytest.mark.parametrize(
    "text, message",
    [
        ("3", "'3' has no unit; write e.g. 3mm or 3pt"),
        ("3px", "unknown unit 'px' in '3px'; use mm, cm, in, pt or %"),
        ("wide", "'wide' is not a length"),
        ("10%", "'10%': a percentage is not allowed here"),
    ],
)
def test_bad_lengths_say_what_is_wrong(text, message):
    with pytest.raises(UnitError) as err:
        parse_length(text)
    assert str(err.value).startswith(message)
