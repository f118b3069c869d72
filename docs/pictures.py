"""Regenerate the README's pictures from built decks: `make pictures`.

Renders with pypdfium2 (installed with the test dependencies), trimmed to the
finished card size, front and back side by side.
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DPI = 110
PAD = 24


def trimmed_pages(pdf_path: Path, pages: list[int]) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf_path))
    images = []
    for number in pages:
        page = document[number - 1]
        x0, y0, x1, y1 = page.get_trimbox()
        height = page.get_height()
        image = page.render(scale=DPI / 72).to_pil().convert("RGB")
        scale = DPI / 72
        images.append(image.crop((round(x0 * scale), round((height - y1) * scale), round(x1 * scale), round((height - y0) * scale))))
    return images


def side_by_side(images: list[Image.Image], out: Path) -> None:
    width, height = images[0].size
    sheet = Image.new("RGB", (len(images) * width + (len(images) + 1) * PAD, height + 2 * PAD), (232, 232, 232))
    for i, image in enumerate(images):
        sheet.paste(image, (PAD + i * (width + PAD), PAD))
    sheet.save(out, optimize=True)


if __name__ == "__main__":
    press = ROOT / "output" / "system-leadership" / "system-leadership-press.pdf"
    side_by_side(trimmed_pages(press, [11, 12]), ROOT / "docs" / "card.png")
    print("wrote docs/card.png")
