"""The press files' ink rules, as data: fine text that misregistration between printing
plates would blur. Text under FINE_TEXT_PT printed in two or more process inks, and
white text under it reversed out of a fill of three or four inks, are warned of.

The rules are read from a PDF's content streams by preflight (any file), and from the
composed faces by a build (its own press files: the same colours, sizes and places the
file is drawn from, without reading 2,000 pages back)."""
from __future__ import annotations

from typing import Callable, Sequence

from generator.compose.cards import FINE_TEXT_PT
from generator.compose.faces import Face
from generator.design.units import mm

CMYK = tuple[float, float, float, float]
Box = tuple[float, float, float, float]
InkFindings = dict  # rule -> (how many, the first example)


def inks(cmyk: CMYK) -> str:
    named = [f"{name}{round(v * 100)}" for name, v in zip("CMYK", cmyk) if v > 0.001]
    return " ".join(named) or "white"


def _count(cmyk: CMYK) -> int:
    return sum(1 for v in cmyk if v > 0.001)


class InkRules:
    """Findings gathered text by text, in page order: each rule's count and its first example."""

    def __init__(self) -> None:
        self.found: dict[str, list] = {"several": [], "reversed": []}  # the first example, then None for each other

    def text(self, page: int, effective: float, x: float, y: float, fill: CMYK, fills: list[tuple[Box, CMYK | None]]) -> None:
        """One run of text, `effective` points high at (x, y) in `fill`, over `fills` drawn before it."""
        if effective >= FINE_TEXT_PT - 1e-6:
            return
        count = _count(fill)
        if count >= 2:
            self._note("several", page, lambda: f"{effective:.1f} pt in {inks(fill)}", x, y)
        elif count == 0:
            under = next((colour for box, colour in reversed(fills)
                          if box[0] <= x <= box[2] and box[1] <= y <= box[3]), None)
            if under is not None and _count(under) >= 3:
                self._note("reversed", page, lambda: f"{effective:.1f} pt on {inks(under)}", x, y)

    def _note(self, rule: str, page: int, what: Callable[[], str], x: float, y: float) -> None:
        entry = self.found[rule]
        if not entry:
            entry.append(f"page {page} at x {x / mm(1):.1f} mm, y {y / mm(1):.1f} mm, {what()}")
        else:
            entry.append(None)

    def findings(self) -> InkFindings:
        return {rule: (len(items), items[0]) for rule, items in self.found.items() if items}


def face_ink_findings(faces: Sequence[Face]) -> InkFindings:
    """The ink rules on a press file's faces, one face a page, as they are drawn: fills,
    then shapes, then text (pictures are images, not fills)."""
    rules = InkRules()
    for page, face in enumerate(faces, 1):
        fills: list[tuple[Box, CMYK | None]] = [(fill.rect, fill.colour.cmyk) for fill in face.fills]
        for mark in face.marks:
            xs, ys = [p[0] for p in mark.points], [p[1] for p in mark.points]
            fills.append(((min(xs), min(ys), max(xs), max(ys)), mark.colour.cmyk))
        for line in face.lines:
            rules.text(page, line.size, line.x, line.y, line.colour.cmyk, fills)
    return rules.findings()
