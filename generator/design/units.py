"""Lengths as written in layouts ("63.5mm", "2.5in", "9pt", "50%") -> points."""
from __future__ import annotations

import re

POINTS_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*([a-z%]*)\s*$")


class UnitError(ValueError):
    pass


def mm(value: float) -> float:
    return value * POINTS_PER["mm"]


def parse_length(text: str, percent_of: float | None = None) -> float:
    """Points for a length; '%' needs `percent_of` (the trim width or height in points)."""
    match = _LENGTH.match(str(text))
    if not match:
        raise UnitError(f"'{text}' is not a length; write a number and a unit, e.g. 3mm, 0.125in, 9pt or 50%")
    number, unit = float(match.group(1)), match.group(2)
    if unit == "%":
        if percent_of is None:
            raise UnitError(f"'{text}': a percentage is not allowed here")
        return number / 100 * percent_of
    if not unit:
        if number == 0:
            return 0.0
        raise UnitError(f"'{text}' has no unit; write e.g. {match.group(1)}mm or {match.group(1)}pt")
    if unit not in POINTS_PER:
        raise UnitError(f"unknown unit '{unit}' in '{text}'; use mm, cm, in, pt or %")
    return number * POINTS_PER[unit]
