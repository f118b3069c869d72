"""A word drawn as the filled outlines of its letters, not as text.

A draft's stamp across a card is a picture of the word: reading the card back (search,
copy and paste, a screen reader, a text-fidelity check) gives the card's own words, with
no letter of the stamp wedged among them, as text laid over text would be. The outlines
come from the TrueType font's `glyf` table, as ReportLab reads the file.
"""
from __future__ import annotations

import struct
from functools import lru_cache

from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

Point = tuple[float, float, bool]  # x, y in font units, on the curve (else a quadratic control point)

MAX_COMPONENT_DEPTH = 8  # a composite glyph (an accented letter) refers to others, never this deep


@lru_cache(maxsize=8)
def _font(path: str) -> TTFontFile:
    return TTFontFile(path)


def word_outline(path: str, text: str) -> tuple[list[list[Point]], float]:
    """The word's contours, letter after letter on one baseline, and its advance, in font units."""
    font = _font(path)
    glyf, _ = font.get_table_pos("glyf")
    contours: list[list[Point]] = []
    x = 0.0
    for char in text:
        glyph = font.charToGlyph.get(ord(char), 0)
        contours += [[(px + x, py, on) for px, py, on in contour] for contour in _glyph(font, glyf, glyph, 0)]
        x += font.hmetrics[min(glyph, len(font.hmetrics) - 1)][0]
    return contours, x


def draw_word(canvas: Canvas, path: str, text: str, size: float, baseline: float) -> None:
    """The word filled in the current colour, centred on x = 0 with its baseline at `baseline`."""
    contours, advance = word_outline(path, text)
    scale = size / _font(path).unitsPerEm
    drawn = canvas.beginPath()
    for contour in contours:
        _trace(drawn, contour, scale, -advance * scale / 2, baseline)
    canvas.drawPath(drawn, stroke=0, fill=1, fillMode=FILL_NON_ZERO)


def _glyph(font: TTFontFile, glyf: int, glyph: int, depth: int) -> list[list[Point]]:
    if depth > MAX_COMPONENT_DEPTH or glyph + 1 >= len(font.glyphPos):
        return []
    start, end = font.glyphPos[glyph], font.glyphPos[glyph + 1]
    if end <= start:
        return []  # a space: no outline
    data, at = font._ttf_data, glyf + start
    (contour_count,) = struct.unpack_from(">h", data, at)
    at += 10  # the glyph's bounding box
    return _simple(data, at, contour_count) if contour_count >= 0 else _composite(font, glyf, data, at, depth)


def _simple(data: bytes, at: int, contour_count: int) -> list[list[Point]]:
    ends = struct.unpack_from(f">{contour_count}H", data, at)
    at += 2 * contour_count
    (instructions,) = struct.unpack_from(">H", data, at)
    at += 2 + instructions
    count = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < count:
        flag = data[at]
        at += 1
        flags.append(flag)
        if flag & 8:  # repeated
            flags += [flag] * data[at]
            at += 1
    flags = flags[:count]
    xs, at = _coordinates(data, at, flags, 2, 16)
    ys, at = _coordinates(data, at, flags, 4, 32)
    points = [(x, y, bool(flag & 1)) for x, y, flag in zip(xs, ys, flags)]
    contours, first = [], 0
    for end in ends:
        contours.append(points[first: end + 1])
        first = end + 1
    return contours


def _coordinates(data: bytes, at: int, flags: list[int], short: int, same_or_positive: int) -> tuple[list[int], int]:
    values, value = [], 0
    for flag in flags:
        if flag & short:
            value += data[at] if flag & same_or_positive else -data[at]
            at += 1
        elif not flag & same_or_positive:
            value += struct.unpack_from(">h", data, at)[0]
            at += 2
        values.append(value)
    return values, at


def _composite(font: TTFontFile, glyf: int, data: bytes, at: int, depth: int) -> list[list[Point]]:
    contours: list[list[Point]] = []
    while True:
        flags, component = struct.unpack_from(">HH", data, at)
        at += 4
        if flags & 1:  # arguments are words
            dx, dy = struct.unpack_from(">hh" if flags & 2 else ">HH", data, at)
            at += 4
        else:
            dx, dy = struct.unpack_from(">bb" if flags & 2 else ">BB", data, at)
            at += 2
        if not flags & 2:
            dx = dy = 0  # matched points, not offsets: placed where it is
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if flags & 8:
            a = d = struct.unpack_from(">h", data, at)[0] / 16384
            at += 2
        elif flags & 0x40:
            a, d = (v / 16384 for v in struct.unpack_from(">hh", data, at))
            at += 4
        elif flags & 0x80:
            a, b, c, d = (v / 16384 for v in struct.unpack_from(">hhhh", data, at))
            at += 8
        for contour in _glyph(font, glyf, component, depth + 1):
            contours.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
        if not flags & 0x20:  # no more components
            return contours


def _trace(path, contour: list[Point], scale: float, left: float, baseline: float) -> None:
    """A TrueType contour (quadratic, with implied on-curve points between two control
    points) as the path's cubic curves."""
    if len(contour) < 2:
        return

    def at(point) -> tuple[float, float]:
        return left + point[0] * scale, baseline + point[1] * scale

    start = next((i for i, p in enumerate(contour) if p[2]), None)
    if start is None:  # every point off the curve: start between the first two
        first, second = contour[0], contour[1]
        contour = [((first[0] + second[0]) / 2, (first[1] + second[1]) / 2, True)] + contour
        start = 0
    points = contour[start:] + contour[:start] + [contour[start]]
    current = at(points[0])
    path.moveTo(*current)
    control = None
    for point in points[1:]:
        here = at(point)
        if point[2]:
            if control is None:
                path.lineTo(*here)
            else:
                _quad(path, current, control, here)
                control = None
            current = here
        elif control is None:
            control = here
        else:
            middle = ((control[0] + here[0]) / 2, (control[1] + here[1]) / 2)
            _quad(path, current, control, middle)
            current, control = middle, here
    path.close()


def _quad(path, start, control, end) -> None:
    path.curveTo(start[0] + 2 / 3 * (control[0] - start[0]), start[1] + 2 / 3 * (control[1] - start[1]),
                 end[0] + 2 / 3 * (control[0] - end[0]), end[1] + 2 / 3 * (control[1] - end[1]), *end)
