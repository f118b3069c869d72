"""Fonts: each font's metrics for composing, and its registration with ReportLab for
drawing (always embedded as subsets: render/subsetfonts.py).

Composing needs only metrics: advance widths, ascent, descent and which characters a
font has. They are read from the font file once and kept in the user's cache folder
(content/cachefolder.py) under the file's bytes and ReportLab's version, so composing,
and `cards validate`, load neither the TrueType file nor ReportLab's drawing libraries
when the fonts are known. Widths are summed as ReportLab sums them, so every width is
the same number, to the last bit, as ReportLab's own `stringWidth`.
"""
from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import reportlab  # the package's own __init__ only (its version), not its libraries

from generator.content.cachefolder import content_key, read_entry, write_entry
from generator.design.theme import Style
from generator.errors import Problems

_METRICS_FORMAT = "font metrics 1"
MAX_FONT_BYTES = 64_000_000  # the biggest TrueType fonts (all of CJK in one file) are a third of this


class Widths:
    """Advance widths at 1 pt, each text in each font measured once (fitting and setting
    text ask for the same words again and again): from ReportLab's registered fonts."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, str], float] = {}

    def width(self, text: str, font: str) -> float:
        key = (text, font)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self._measure(text, font)
        return width

    def _measure(self, text: str, font: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, font, 1.0)


@dataclass(frozen=True)
class FaceMetrics:
    """One font's metrics as ReportLab reads them: units of 1/1000 em."""

    ascent: float
    descent: float
    default_width: float  # of a character the font has no glyph for
    widths: dict[int, float]  # code point -> advance width
    glyphs: frozenset[int]  # code points the font has a glyph for


class FontBook(Widths):
    """The fonts of one style, by name, measured from their metrics; implements compose.FontMetrics."""

    def __init__(self, style: Style, problems: Problems):
        super().__init__()
        self._faces: dict[str, FaceMetrics] = {}
        for role, font_file in style.fonts.items():
            where = style.where_of(f"fonts.{role}")
            other = _REGISTERED.setdefault(font_file.name, font_file.path)
            if other != font_file.path:
                problems.add(where, f"font file {font_file.path} has the same name as {other}, which another theme uses; rename one of the files")
                continue
            try:
                if os.path.getsize(font_file.path) > MAX_FONT_BYTES:
                    raise FontFileError(f"it is larger than {MAX_FONT_BYTES // 1_000_000} MB, more than any font a card needs")
                self._faces[font_file.name] = _metrics(font_file.name, str(font_file.path))
            except (FontFileError, OSError, ValueError) as err:
                problems.add(where, f"cannot use font file {font_file.path.name}: {err}")

    @property
    def names(self) -> list[str]:
        return sorted(self._faces)

    def _measure(self, text: str, font: str) -> float:
        face = self._faces[font]
        widths, default = face.widths, face.default_width
        total = 0.0
        for char in text:  # in order, as ReportLab's accelerator sums (so the same float)
            total += widths.get(ord(char), default)
        return total * 0.001

    def ascent(self, font: str) -> float:
        return self._faces[font].ascent / 1000

    def descent(self, font: str) -> float:
        return self._faces[font].descent / 1000

    def missing(self, text: str, font: str) -> list[str]:
        glyphs = self._faces[font].glyphs
        return sorted({c for c in set(text) if ord(c) not in glyphs and c != "\n"})


_REGISTERED: dict[str, Path] = {}  # ReportLab's font registry is global: one file per name


class FontFileError(Exception):
    """A file ReportLab cannot use as a TrueType font."""


@lru_cache(maxsize=None)
def _metrics(name: str, path: str) -> FaceMetrics:
    with open(path, "rb") as font_file:
        digest = hashlib.sha256()
        while chunk := font_file.read(1 << 20):
            digest.update(chunk)
    key = content_key(_METRICS_FORMAT, reportlab.Version, digest.digest())
    metrics = _decoded(read_entry("fonts", key))
    if metrics is None:
        face = _load(name, path).face
        metrics = FaceMetrics(face.ascent, face.descent, face.defaultWidth, dict(face.charWidths), frozenset(face.charToGlyph))
        write_entry("fonts", key, marshal.dumps((_METRICS_FORMAT, metrics.ascent, metrics.descent, metrics.default_width,
                                                 metrics.widths, sorted(metrics.glyphs))))
    return metrics


def _decoded(entry: bytes | None) -> FaceMetrics | None:
    if entry is None:
        return None
    try:
        form, ascent, descent, default, widths, glyphs = marshal.loads(entry)
        numbers = (ascent, descent, default, *widths.values())
        if form != _METRICS_FORMAT or not all(type(n) in (int, float) for n in numbers) \
                or not all(type(c) is int for c in (*widths, *glyphs)):
            return None
        return FaceMetrics(ascent, descent, default, widths, frozenset(glyphs))
    except (EOFError, ValueError, TypeError, AttributeError):
        return None  # a damaged entry: the font is read again


@lru_cache(maxsize=None)
def _load(name: str, path: str):
    """The font, read and registered with ReportLab (for drawing, or for its metrics once)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from generator.render.subsetfonts import ContentTaggedFont

    try:
        font = ContentTaggedFont(name, path)
    except TTFError as err:
        raise FontFileError(str(err)) from None
    pdfmetrics.registerFont(font)
    return font


def register_fonts(fonts: tuple[tuple[str, str], ...]) -> None:
    """Register (name, TrueType file) pairs in this process, before drawing: composing
    reads only the fonts' metrics."""
    for name, path in fonts:
        _load(name, path)
