"""The facilitator pack's running text, set by this module rather than by Platypus's
Paragraph: the pack's text is plain words with bold and italic spans, so there is no
markup to parse (nothing to escape, nothing to mistake for a tag), and a big deck's
pack sets tens of thousands of paragraphs. Lines break at spaces and tabs (a no-break
space keeps its words together), at a newline in the text, and inside a word only
when the word alone is wider than the line. Each word's width is measured once."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from reportlab.lib.styles import ParagraphStyle

from generator.render.fonts import Widths
from generator.render.pagelayout import Flowable

Span = tuple[str, str]  # (text, "" plain, "b" bold, "i" italic)
Run = tuple[str, str, str | None]  # (text, font, language): part of a line in one font, and in another
#                                    language than the document's where a draft left it untranslated
_PIECES = re.compile(r"(\n|[ \t\r]+)")  # the breaking spaces of content.fields.split_words


class Fonts(Widths):
    """The pack's three faces, and the width of each word in each, measured once."""

    def __init__(self, regular: str, bold: str, italic: str):
        super().__init__()
        self.regular, self.bold, self.italic = regular, bold, italic

    def of(self, base: str, emphasis: str) -> str:
        """The font for a span: the style's own, made bold or italic (bold wins: there is no bold italic)."""
        if base == self.bold or emphasis == "b":
            return self.bold
        return self.italic if emphasis == "i" else base


_NEWLINE = None  # a word list's forced line break


def words_of(spans: Iterable[Span], base: str, fonts: Fonts,
             language_of: Callable[[str], str | None] = lambda text: None) -> list[list[Run] | None]:
    """The text as words (each a list of runs, as a word may change font mid-way) and
    forced line breaks (None); `language_of` names a span's language where it is not
    the document's."""
    words: list[list[Run] | None] = []
    word: list[Run] = []
    for text, emphasis in spans:
        font = fonts.of(base, emphasis)
        language = language_of(text.strip())
        for piece in _PIECES.split(text):
            if not piece:
                continue
            if piece == "\n" or piece.isspace():
                if word:
                    words.append(word)
                    word = []
                if piece == "\n":
                    words.append(_NEWLINE)
            else:
                word.append((piece, font, language))
    if word:
        words.append(word)
    return words


def break_lines(words: list[list[Run] | None], width: float, size: float, fonts: Fonts) -> list[list[Run]]:
    """Greedy line breaking: as many words on a line as fit in `width` (a word wider than
    a whole line is broken between characters); runs in the same font merged."""
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0.0

    def word_width(word: list[Run]) -> float:
        return sum(fonts.width(text, font) for text, font, _ in word) * size

    def finish() -> None:
        nonlocal line, used
        lines.append(_merged(line))
        line, used = [], 0.0

    for word in words:
        if word is _NEWLINE:
            finish()
            continue
        needed = word_width(word)
        space = fonts.width(" ", line[-1][1]) * size if line else 0.0
        if line and used + space + needed > width + 1e-6:
            finish()
            space = 0.0
        if not line and needed > width + 1e-6:
            for part in _broken_word(word, width, size, fonts):
                if line:
                    finish()
                line = list(part)
                used = word_width(part)
            continue
        if line:
            line.append((" ", line[-1][1], line[-1][2]))
        line.extend(word)
        used += space + needed
    if line:
        lines.append(_merged(line))
    return lines


def _broken_word(word: list[Run], width: float, size: float, fonts: Fonts) -> list[list[Run]]:
    """A word too wide for a line, in pieces that fit (at least one character each)."""
    characters = [(character, font, language) for text, font, language in word for character in text]
    parts: list[list[Run]] = []
    part: list[Run] = []
    used = 0.0
    for character, font, language in characters:
        step = fonts.width(character, font) * size
        if part and used + step > width + 1e-6:
            parts.append(part)
            part, used = [], 0.0
        part.append((character, font, language))
        used += step
    if part:
        parts.append(part)
    return parts


def _merged(line: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for text, font, language in line:
        if merged and merged[-1][1:] == (font, language):
            merged[-1] = (merged[-1][0] + text, font, language)
        else:
            merged.append((text, font, language))
    return merged


class SetText(Flowable):
    """A paragraph of the pack in a ParagraphStyle (font, size, leading, colour, space
    before and after), left-aligned. Breaks its lines once for each width it is given,
    and splits between lines across a page (never leaving its first line alone at the
    foot of a page)."""

    def __init__(self, spans: Iterable[Span], style: ParagraphStyle, fonts: Fonts,
                 lines: list[list[Run]] | None = None, language_of: Callable[[str], str | None] | None = None):
        super().__init__()
        self.spans = tuple(spans)
        self.style, self.fonts = style, fonts
        self.language_of = language_of  # a span's language where it is not the document's (a draft's)
        self._lines = lines  # set: already broken (the rest of a split paragraph)
        self.lines: list[list[Run]] = lines or []
        self._wrapped_for: float | None = None

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.spans)

    def _break(self, width: float) -> list[list[Run]]:
        if self._lines is not None:
            return self._lines
        if self._wrapped_for != width:
            words = words_of(self.spans, self.style.fontName, self.fonts, self.language_of or (lambda text: None))
            self.lines = break_lines(words, width, self.style.fontSize, self.fonts)
            self._wrapped_for = width
        return self.lines

    def wrap(self, available_width, available_height):
        self.lines = self._break(available_width)
        self.width = available_width
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        lines = self._break(available_width)
        fit = int((available_height + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        if fit < 2:  # nothing, or the first line alone: the whole paragraph goes on the next page
            return []
        head = SetText(self.spans, _without(self.style, "spaceAfter"), self.fonts, lines[:fit], self.language_of)
        tail = SetText(self.spans, _without(self.style, "spaceBefore"), self.fonts, lines[fit:], self.language_of)
        return [head, tail]

    def minWidth(self):
        words = [w for w in words_of(self.spans, self.style.fontName, self.fonts) if w is not None]  # widths only
        return max((sum(self.fonts.width(t, f) for t, f, _ in w) * self.style.fontSize for w in words), default=0.0)

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def draw(self) -> None:
        style = self.style
        text = self.canv.beginText()
        text.setFillColor(style.textColor)
        font = None
        language = None  # the language span open in the text object, if any
        y = self.height - style.fontSize  # the first baseline, as Platypus sets a paragraph
        for line in self.lines:
            text.setTextOrigin(0, y)
            for run, run_font, run_language in line:
                if run_language != language:
                    # Text in another language than the document's: a /Span marked with its
                    # /Lang, inside the element's own marked content (PDF 1.7, 14.9.2.1).
                    if language is not None:
                        text._code.append("EMC")
                    if run_language is not None:
                        text._code.append(f"/Span <</Lang ({_language_tag(run_language)})>> BDC")
                    language = run_language
                if run_font != font:
                    font = run_font
                    text.setFont(font, style.fontSize, style.leading)
                text._textOut(run)  # the runs follow one another in the text object; nothing reads the cursor
            y -= style.leading
        if language is not None:
            text._code.append("EMC")
        self.canv.drawText(text)


def _language_tag(language: str) -> str:
    """A language tag as written in a PDF string: letters, digits and hyphens alone."""
    return re.sub(r"[^A-Za-z0-9-]", "", language)


def _without(style: ParagraphStyle, space: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-split", parent=style, **{space: 0})


__all__ = ["Fonts", "SetText", "break_lines", "words_of"]
