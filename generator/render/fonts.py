"""TrueType fonts through ReportLab: registration (always embedded as subsets) and metrics."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import Problems
from ..theme import Style


class FontBook:
    """The fonts of one style, registered with ReportLab; implements compose.FontMetrics."""

    def __init__(self, style: Style, problems: Problems):
        self._faces: dict[str, TTFont] = {}
        for role, font_file in style.fonts.items():
            where = style.where_of(f"fonts.{role}")
            other = _REGISTERED.setdefault(font_file.name, font_file.path)
            if other != font_file.path:
                problems.add(where, f"font file {font_file.path} has the same name as {other}, which another theme uses; rename one of the files")
                continue
            try:
                self._faces[font_file.name] = _load(font_file.name, str(font_file.path))
            except (TTFError, OSError, ValueError) as err:
                problems.add(where, f"cannot use font file {font_file.path.name}: {err}")
        self._widths: dict[tuple[str, str], float] = {}

    @property
    def names(self) -> list[str]:
        return sorted(self._faces)

    def width(self, text: str, font: str) -> float:
        key = (text, font)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = pdfmetrics.stringWidth(text, font, 1.0)
        return width

    def ascent(self, font: str) -> float:
        return self._faces[font].face.ascent / 1000

    def descent(self, font: str) -> float:
        return self._faces[font].face.descent / 1000

    def missing(self, text: str, font: str) -> list[str]:
        glyphs = self._faces[font].face.charToGlyph
        return sorted({c for c in set(text) if ord(c) not in glyphs and c != "\n"})


_REGISTERED: dict[str, Path] = {}  # ReportLab's font registry is global: one file per name


@lru_cache(maxsize=None)
def _load(name: str, path: str) -> TTFont:
    font = TTFont(name, path)
    pdfmetrics.registerFont(font)
    return font
