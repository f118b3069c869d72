"""The shapes that mark a deck's themes, as polygons: pure geometry.

Colour is never the only cue: each theme also has a shape, by its `mark:` in deck.yaml
or by its place in the list. Circles are polygons too (48 sides), so every mark is
drawn the same way.
"""
from __future__ import annotations

import math

MARKS = ("circle", "square", "triangle", "diamond", "hexagon", "star", "cross", "pentagon")
Point = tuple[float, float]


def mark_for(index: int) -> str:
    return MARKS[index % len(MARKS)]


def mark_points(shape: str, cx: float, cy: float, size: float) -> tuple[Point, ...]:
    """The outline of `shape` centred on (cx, cy), fitting a `size` x `size` square."""
    r = size / 2
    if shape == "square":
        s = r * 0.86  # optically as large as the circle
        return ((cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s))
    if shape == "cross":
        a, b = r, r * 0.36
        return (
            (cx - b, cy - a), (cx + b, cy - a), (cx + b, cy - b), (cx + a, cy - b), (cx + a, cy + b), (cx + b, cy + b),
            (cx + b, cy + a), (cx - b, cy + a), (cx - b, cy + b), (cx - a, cy + b), (cx - a, cy - b), (cx - b, cy - b),
        )
    if shape == "star":
        return tuple(_polar(cx, cy, r if i % 2 == 0 else r * 0.45, 90 + 36 * i) for i in range(10))
    sides, start = {"circle": (48, 90), "triangle": (3, 90), "diamond": (4, 90), "pentagon": (5, 90), "hexagon": (6, 0)}[shape]
    return tuple(_polar(cx, cy, r, start + 360 * i / sides) for i in range(sides))


def _polar(cx: float, cy: float, radius: float, degrees: float) -> Point:
    angle = math.radians(degrees)
    return (round(cx + radius * math.cos(angle), 3), round(cy + radius * math.sin(angle), 3))
