"""The font a viewer types with in a pack's notes fields: the pack's own regular face,
embedded, as a simple TrueType font in Windows-1252 (WinAnsi); in a Welsh pack, with
ŵ ŷ Ŵ Ŷ in four of its unused codes.

A form names the font its fields are typed in (the AcroForm's /DR and each field's /DA).
Naming Helvetica, as fillable PDFs usually do, leaves a filled and flattened pack with
an unembedded font. A simple font with a standard encoding is the kind every form filler
can encode typed text for (pypdf, qpdf, viewers): a ReportLab subset (codes assigned as
text is drawn) is not. The font program is the face cut down to those 256 characters,
with a Unicode (3,1) character map, so it is read the way the encoding says; about
a tenth of the whole face.

The encoding is named plainly (/WinAnsiEncoding) unless the pack is Welsh: qpdf writes
typed text only in a named encoding (with Differences, even é became '?'), while pypdf
also reads Differences, which Welsh needs for ŵ and ŷ.
"""
from __future__ import annotations

import struct

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFZCompress
from reportlab.pdfbase.ttfonts import TTFontMaker

from generator.render.subsetfonts import subset_tag

# Codes Windows-1252 leaves unused, given to the Welsh letters it lacks.
WELSH = {0x81: ("\u0174", "Wcircumflex"), 0x8D: ("\u0175", "wcircumflex"),
         0x8F: ("\u0176", "Ycircumflex"), 0x90: ("\u0177", "ycircumflex")}
FIRST, LAST = 32, 255


def field_characters(welsh: bool) -> dict[int, str]:
    """Code -> character, for every code the field font draws."""
    characters = {}
    for code in range(FIRST, LAST + 1):
        if welsh and code in WELSH:
            characters[code] = WELSH[code][0]
            continue
        try:
            characters[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return characters


def field_font(canvas, font_name: str, welsh: bool = False):
    """A reference to the embedded field font made from the registered TrueType
    `font_name`, made once per document; its resource name is `resource_name(font_name)`."""
    made = canvas.__dict__.setdefault("_field_fonts", {})
    if font_name not in made:
        made[font_name] = canvas._doc.Reference(_font_dictionary(canvas, font_name, welsh))
    return made[font_name]


def resource_name(font_name: str) -> str:
    return "F" + "".join(c for c in font_name if c.isalnum())[:40]


def _font_dictionary(canvas, font_name: str, welsh: bool) -> PDFDictionary:
    face = pdfmetrics.getFont(font_name).face
    characters = field_characters(welsh)
    codes = list(range(0, LAST + 1))
    program = _with_unicode_map(face.makeSubset([ord(characters.get(code, "\0")) for code in codes]), characters)
    base = face.name if isinstance(face.name, bytes) else face.name.encode()
    postscript = (subset_tag(base + b"|field", sorted(map(ord, characters.values()))) + b"+" + base).decode("ascii")
    stream = PDFStream(PDFDictionary({"Length1": len(program)}), program, filters=[PDFZCompress])
    descriptor = PDFDictionary({
        "Type": PDFName("FontDescriptor"), "FontName": PDFName(postscript),
        "Flags": 32 | (face.flags & 1 | face.flags & 64),  # non-symbolic (codes read through the encoding), fixed pitch and italic as the face
        "FontBBox": PDFArray([int(v) for v in face.bbox]), "ItalicAngle": face.italicAngle,
        "Ascent": int(face.ascent), "Descent": int(face.descent), "CapHeight": int(face.capHeight),
        "StemV": int(face.stemV), "FontFile2": canvas._doc.Reference(stream),
    })
    widths = [int(round(face.charWidths.get(ord(characters[code]), face.defaultWidth))) if code in characters else 0
              for code in range(FIRST, LAST + 1)]
    encoding = PDFName("WinAnsiEncoding")
    if welsh:
        differences = []
        for code, (_, glyph) in sorted(WELSH.items()):
            differences += [code, PDFName(glyph)]
        encoding = PDFDictionary({"Type": PDFName("Encoding"), "BaseEncoding": encoding, "Differences": PDFArray(differences)})
    return PDFDictionary({
        "Type": PDFName("Font"), "Subtype": PDFName("TrueType"), "BaseFont": PDFName(postscript),
        "FirstChar": FIRST, "LastChar": LAST, "Widths": PDFArray(widths), "Encoding": encoding,
        "FontDescriptor": canvas._doc.Reference(descriptor),
    })


def _with_unicode_map(program: bytes, characters: dict[int, str]) -> bytes:
    """The subset ReportLab made (glyphs in code order, a (1,0) map from each code), its
    character map replaced by one that also maps each character's Unicode value (3,1)."""
    tables = _tables(program)
    glyph_of_code = _format6(tables["cmap"])
    by_unicode = sorted((ord(char), glyph_of_code.get(code, 0)) for code, char in characters.items())
    tables["cmap"] = _cmap(glyph_of_code, by_unicode)
    maker = TTFontMaker()
    for tag, data in tables.items():
        maker.add(tag, data)
    return maker.makeStream()


def _tables(program: bytes) -> dict[str, bytes]:
    count = struct.unpack(">H", program[4:6])[0]
    tables = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack(">4sLLL", program[12 + 16 * index: 28 + 16 * index])
        tables[tag.decode("latin-1")] = program[offset: offset + length]
    return tables


def _format6(cmap: bytes) -> dict[int, int]:
    """ReportLab's subset map: one (1,0) format-6 table from code 0."""
    offset = struct.unpack(">L", cmap[8:12])[0]
    first, count = struct.unpack(">HH", cmap[offset + 6: offset + 10])
    glyphs = struct.unpack(f">{count}H", cmap[offset + 10: offset + 10 + 2 * count])
    return {first + i: glyph for i, glyph in enumerate(glyphs)}


def _cmap(glyph_of_code: dict[int, int], by_unicode: list[tuple[int, int]]) -> bytes:
    count = max(glyph_of_code) + 1
    mac = struct.pack(">HHHHH", 6, 10 + 2 * count, 0, 0, count) + struct.pack(f">{count}H", *(glyph_of_code.get(c, 0) for c in range(count)))
    # Format 4: one segment per character (a few hundred), then the closing 0xFFFF segment.
    ends = [u for u, _ in by_unicode] + [0xFFFF]
    starts = [u for u, _ in by_unicode] + [0xFFFF]
    deltas = [(glyph - u) % 0x10000 for u, glyph in by_unicode] + [1]
    segments = len(ends)
    search = 2 ** (segments.bit_length() - 1)
    body = (struct.pack(f">{segments}H", *ends) + b"\0\0" + struct.pack(f">{segments}H", *starts)
            + struct.pack(f">{segments}H", *deltas) + struct.pack(f">{segments}H", *([0] * segments)))
    header = struct.pack(">HHHHHHH", 4, 14 + len(body), 0, 2 * segments, 2 * search, search.bit_length() - 1, 2 * segments - 2 * search)
    windows = header + body
    directory = struct.pack(">HH", 0, 2) + struct.pack(">HHL", 1, 0, 4 + 16) + struct.pack(">HHL", 3, 1, 4 + 16 + len(mac))
    return directory + mac + windows
