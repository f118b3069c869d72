"""ReportLab's TrueType font, its subsets tagged by their content. Imported only when a
font is loaded for drawing (or read for its metrics the first time: render/fonts.py)."""
from __future__ import annotations

import hashlib

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap (pdfbase/ttfonts.py makeToUnicodeCMap), changed where
    PDF/UA needs it: codes no character was given (ReportLab leaves 1-31 unused) are left
    out instead of mapped to U+0000, and a character beyond U+FFFF is written in UTF-16."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    pairs = [f"<{index:02X}> <{utf16(code)}>" for index, code in enumerate(subset) if code]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({font_name})", f"/Ordering ({font_name})", "/Supplement 0", ">> def",
        f"/CMapName /{font_name} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(pairs)} beginbfchar", *pairs,
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


def subset_tag(font_name: bytes, codes: list[int]) -> bytes:
    """Six capitals derived from a subset's font and glyphs, the same wherever that
    subset appears: print shops merge files, and tools that match fonts by name must
    never find two different subsets under one name (ReportLab tags every first
    subset AAAAAA)."""
    digest = hashlib.sha256(font_name + b"|" + ",".join(map(str, codes)).encode()).digest()
    return bytes(65 + byte % 26 for byte in digest[:6])


class ContentTaggedFont(TTFont):
    """TTFont whose subsets are tagged by content, and whose no-break spaces stay no-break
    spaces. `addObjects` and `splitString` are ReportLab's own (reportlab 4.x,
    pdfbase/ttfonts.py), changed only where the BaseFont name is made and where a
    no-break space is read; `splitString` also has a quick path in front."""

    def splitString(self, text, doc, encoding="utf-8"):
        """The text as (subset, bytes) runs, giving each new character a code in the
        document's subsets. ReportLab draws a no-break space as a space, so the PDF's text
        (read back, searched, copied) lost it; here it keeps its own code and glyph
        where the font has one. Text whose every character already has a code in the
        first subset (almost all text, once a file has a page or two) is answered at C
        speed, with the same bytes and the subsets' state untouched."""
        state = self.state.get(doc)
        if state is None:
            state = self.state[doc] = TTFont.State(self._asciiReadable, self)
        if text.__class__ is not str:
            text = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        codes = state.__dict__.get("quick_codes")
        if codes is None or state.quick_size != len(state.assignments):
            codes = state.quick_codes = {chr(code): n for code, n in state.assignments.items() if n < 256}
            state.quick_size = len(state.assignments)
        try:
            encoded = bytes(map(codes.__getitem__, text))
        except KeyError:
            return self._split_assigning(text, state)
        return [(0, encoded)] if encoded else []

    def _split_assigning(self, text: str, state) -> list[tuple[int, bytes]]:
        """ReportLab's loop, assigning codes to new characters as it goes."""
        _31skip = 31 if self._asciiReadable and state.nextCode < 32 else -256
        cur_set = -1
        cur: list[int] = []
        results = []
        char_to_glyph = self.face.charToGlyph
        assignments = state.assignments
        subsets = state.subsets
        for code in map(ord, text):
            if code == 0xA0 and code not in char_to_glyph:
                code = 32  # a font without a no-break space: drawn as a space, as ReportLab does
            if code in assignments:
                n = assignments[code]
            elif code not in char_to_glyph:
                n = 0
            else:
                if state.frozen:
                    raise pdfdoc.PDFError("Font %s is already frozen, cannot add new character U+%04X" % (self.fontName, code))
                n = state.nextCode
                if n & 0xFF == 32:
                    # make code 32 always be a space character
                    if n != 32:
                        subsets[n >> 8].append(32)
                    state.nextCode += 1
                    n = state.nextCode
                if n > 32:
                    if not (n & 0xFF):
                        subsets.append([0])  # force code 0 in as notdef
                        state.nextCode += 1
                        n = state.nextCode
                    subsets[n >> 8].append(code)
                else:
                    if n == _31skip:
                        # the first part of subsets[0] is full: skip past subset[32:127]
                        state.nextCode = 127
                    subsets[0][n] = code
                state.nextCode += 1
                assignments[code] = n
            if (n >> 8) != cur_set:
                if cur:
                    results.append((cur_set, bytes(cur)))
                cur_set = n >> 8
                cur = []
            cur.append(n & 0xFF)
        if cur:
            results.append((cur_set, bytes(cur)))
        return results

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
            cmapStream.content = to_unicode_cmap(baseFontName, subset)
            if doc.compression:
                cmapStream.filters = [pdfdoc.PDFZCompress]
            pdfFont.ToUnicode = doc.Reference(cmapStream, "toUnicodeCMap:" + baseFontName)
            pdfFont.FontDescriptor = self.face.addSubsetObjects(doc, baseFontName, subset)
            doc.Reference(pdfFont, internalName)
            doc.idToObject["BasicFonts"].dict[internalName] = pdfFont
        del self.state[doc]

