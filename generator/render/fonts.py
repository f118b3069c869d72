"""TrueType fonts through ReportLab: registration (always embedded as subsets) and metrics."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, makeToUnicodeCMap

from generator.design.theme import Style
from generator.errors import Problems


class Widths:
    """Advance widths at 1 pt from ReportLab's registered fonts, each text in each font
    measured once (fitting and setting text ask for the same words again and again)."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, str], float] = {}

    def width(self, text: str, font: str) -> float:
        key = (text, font)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = pdfmetrics.stringWidth(text, font, 1.0)
        return width


class FontBook(Widths):
    """The fonts of one style, registered with ReportLab; implements compose.FontMetrics."""

    def __init__(self, style: Style, problems: Problems):
        super().__init__()
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

    @property
    def names(self) -> list[str]:
        return sorted(self._faces)

    def ascent(self, font: str) -> float:
        return self._faces[font].face.ascent / 1000

    def descent(self, font: str) -> float:
        return self._faces[font].face.descent / 1000

    def missing(self, text: str, font: str) -> list[str]:
        glyphs = self._faces[font].face.charToGlyph
        return sorted({c for c in set(text) if ord(c) not in glyphs and c != "\n"})


_REGISTERED: dict[str, Path] = {}  # ReportLab's font registry is global: one file per name


def subset_tag(font_name: bytes, codes: list[int]) -> bytes:
    """Six capitals derived from a subset's font and glyphs, the same wherever that
    subset appears: print shops merge files, and tools that match fonts by name must
    never find two different subsets under one name (ReportLab tags every first
    subset AAAAAA)."""
    digest = hashlib.sha256(font_name + b"|" + ",".join(map(str, codes)).encode()).digest()
    return bytes(65 + byte % 26 for byte in digest[:6])


class _ContentTaggedFont(TTFont):
    """TTFont whose subsets are tagged by content. `addObjects` is ReportLab's own
    (reportlab 4.x, pdfbase/ttfonts.py), changed only where the BaseFont name is made."""

    def addObjects(self, doc):
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internalName = self.getSubsetInternalName(n, doc)[1:]
            name = self.face.name + self.face.subfontNameX
            baseFontName = (subset_tag(name, subset) + b"+" + name).decode("pdfdoc")
            pdfFont = pdfdoc.PDFTrueTypeFont()
            pdfFont.__Comment__ = "Font %s subset %d" % (self.fontName, n)
            pdfFont.Name = internalName
            pdfFont.BaseFont = baseFontName
            pdfFont.FirstChar = 0
            pdfFont.LastChar = len(subset) - 1
            pdfFont.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmapStream = pdfdoc.PDFStream()
            cmapStream.content = makeToUnicodeCMap(baseFontName, subset)
            if doc.compression:
                cmapStream.filters = [pdfdoc.PDFZCompress]
            pdfFont.ToUnicode = doc.Reference(cmapStream, "toUnicodeCMap:" + baseFontName)
            pdfFont.FontDescriptor = self.face.addSubsetObjects(doc, baseFontName, subset)
            doc.Reference(pdfFont, internalName)
            doc.idToObject["BasicFonts"].dict[internalName] = pdfFont
        del self.state[doc]


@lru_cache(maxsize=None)
def _load(name: str, path: str) -> TTFont:
    font = _ContentTaggedFont(name, path)
    pdfmetrics.registerFont(font)
    return font


def register_fonts(fonts: tuple[tuple[str, str], ...]) -> None:
    """Register (name, TrueType file) pairs in this process: a worker writing a file
    registers the fonts its faces name, as composing did in the parent."""
    for name, path in fonts:
        _load(name, path)
