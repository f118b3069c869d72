"""PDF dictionaries and arrays written byte for byte as ReportLab writes its own, only
quicker: a big pack holds tens of thousands of structure elements and form widgets, and
ReportLab's general formatting of them (a call for every key, name and number) was a
third of the time the pack took to write."""
from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference
from reportlab.pdfbase.pdfdoc import format as pdf_format


class Dictionary(PDFDictionary):
    """A PDFDictionary written byte for byte as ReportLab writes one (keys sorted, a line
    break after every sixth entry), quicker for names, numbers, references and more of
    these."""

    def format(self, document, IND=b"\n "):
        entries = self.dict
        formatted = [_key(name) + b" " + _value(entries[name], document) for name in sorted(entries)]
        for index in reversed(range(6, len(formatted), 6)):
            formatted.insert(index, b"\n ")
        return b"<<\n" + b" ".join(formatted) + b"\n>>"


class Array(PDFArray):
    """A PDFArray written byte for byte as ReportLab writes one (a line break after every
    tenth item), quicker (see Dictionary)."""

    def format(self, document, IND=b"\n "):
        formatted = [_value(item, document) for item in self.sequence]
        if len(formatted) > 10:
            for index in reversed(range(10, len(formatted), 10)):
                formatted.insert(index, b"\n ")
        return b"[ " + b" ".join(formatted) + b" ]"


_KEYS: dict[str, bytes] = {}
_WORDS: dict[str, bytes] = {}  # short text values (names, mostly: /StructElem, /P, /TD), encoded once
_WORDS_KEPT = 4096


def _key(name: str) -> bytes:
    formatted = _KEYS.get(name)
    if formatted is None:
        formatted = _KEYS[name] = pdf_format(PDFName(name), None)
    return formatted


def _value(value, document) -> bytes:
    kind = type(value)
    if kind is PDFObjectReference:
        return b"%d %d R" % document.idToObjectNumberAndVersion[value.name]
    if kind is Dictionary or kind is Array:
        return value.format(document)
    if kind is int or kind is float:
        return fp_str(value).encode("ascii")  # digits, a point and a sign: the same bytes in PDFDocEncoding
    if kind is str:
        formatted = _WORDS.get(value)
        if formatted is None:
            formatted = value.encode("extpdfdoc")
            if len(value) < 64 and len(_WORDS) < _WORDS_KEPT:
                _WORDS[value] = formatted
        return formatted
    return pdf_format(value, document)  # text (PDFString) and anything else: ReportLab's own way


def pdf_name(text: str) -> str:
    """PDFName(text), worked out once for each text: a big pack names tens of thousands of
    structure elements with a handful of roles."""
    named = _NAMES.get(text)
    if named is None:
        named = _NAMES[text] = PDFName(text)
    return named


_NAMES: dict[str, str] = {}
