"""Reading generated PDFs back for assertions (test helper)."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4


def words(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [words(page.extract_text() or "") for page in pdf.pages]


def fonts_of(path: Path) -> dict[str, bool]:
    """BaseFont name -> whether the font program is embedded, over every page."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def subset_free(name: str) -> str:
    """'/AAAAAA+SourceSansPro-Bold' -> 'SourceSansPro-Bold'."""
    return re.sub(r"^/?([A-Z]{6}\+)?", "", name)
