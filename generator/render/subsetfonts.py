"""ReportLab's TrueType font, its subsets tagged by their content. Imported only when a
font is loaded for drawing (or read for its metrics the first time: render/fonts.py)."""
from __future__ import annotations

import hashlib

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont, makeToUnicodeCMap


def subset_tag(font_name: bytes, codes: list[int]) -> bytes:
    """Six capitals derived from a subset's font and glyphs, the same wherever that
    subset appears: print shops merge files, and tools that match fonts by name must
    never find two different subsets under one name (ReportLab tags every first
    subset AAAAAA)."""
    digest = hashlib.sha256(font_name + b"|" + ",".join(map(str, codes)).encode()).digest()
    return bytes(65 + byte % 26 for byte in digest[:6])


class ContentTaggedFont(TTFont):
    """TTFont whose subsets are tagged by content. `addObjects` is ReportLab's own
    (reportlab 4.x, pdfbase/ttfonts.py), changed only where the BaseFont name is made;
    `splitString` is ReportLab's with a quick path in front of it."""

    def splitString(self, text, doc, encoding="utf-8"):
        """ReportLab's, answered at C speed when every character of `text` already has a
        code in the first subset (almost all text, once a file has a page or two): the
        same bytes, and the subsets' state untouched, as ReportLab's loop leaves it then.
        Anything else (a new character, a second subset) is ReportLab's own loop."""
        state = self.state.get(doc)
        if state is not None and text.__class__ is str:
            codes = state.__dict__.get("quick_codes")
            if codes is None or state.quick_size != len(state.assignments):
                codes = state.quick_codes = _first_subset_codes(state.assignments)
                state.quick_size = len(state.assignments)
            try:
                encoded = bytes(map(codes.__getitem__, text))
            except KeyError:
                pass
            else:
                return [(0, encoded)] if encoded else []
        return super().splitString(text, doc, encoding)

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


def _first_subset_codes(assignments: dict[int, int]) -> dict[str, int]:
    """Character -> code, for the characters with a code in subset 0. ReportLab reads a
    no-break space as a space, so it has the space's code, or none until the space has one."""
    codes = {chr(code): n for code, n in assignments.items() if n < 256}
    codes.pop("\xa0", None)
    if assignments.get(32, 256) < 256:
        codes["\xa0"] = assignments[32]
    return codes
