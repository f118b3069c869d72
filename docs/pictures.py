"""Regenerate the README's pictures: `make pictures`.

- docs/card.png: front and back of one flagship card in its default look.
- docs/layouts.png: the same card in every built-in layout, at one scale.
- docs/themes.png: the same card in every built-in theme.
- docs/sheets.png: the first A4 sheet of fronts and its sheet of backs.
- docs/facilitator.png: the cover, the map page and a behaviour page of the A4 facilitator pack.
- docs/card-qr.png: the same card printed with a QR code to its page (deck.yaml `links:`).
- docs/kit.png: the whiteboard kit's card-sort board and online sheet (cards kit).
- docs/workshop.png: the published workshop page, a card drawn and shown both sides.
- docs/site.png: the flagship's published page (cards publish) at desktop and phone widths,
  screenshots taken in the system's Chromium through Playwright (skipped without one).
Rendered with pypdfium2 (installed with the test dependencies), trimmed to the card.
"""
from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import font_source_sans_pro
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.design.listing import list_layouts, list_themes  # noqa: E402
from generator.pipeline import PrintOptions, build  # noqa: E402

FLAGSHIP = ROOT / "cards" / "system-leadership"
CARD = 6  # Trust
PAD = 24
GREY = (232, 232, 232)
LABEL = ImageFont.truetype(str(Path(font_source_sans_pro.font_directory) / "SourceSansPro-Semibold.ttf"), 22)


def trimmed_pages(pdf_path: Path, pages: list[int], dpi: float) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf_path))
    scale = dpi / 72
    images = []
    for number in pages:
        page = document[number - 1]
        x0, y0, x1, y1 = page.get_trimbox()
        height = page.get_height()
        image = page.render(scale=scale).to_pil().convert("RGB")
        images.append(image.crop((round(x0 * scale), round((height - y1) * scale), round(x1 * scale), round((height - y0) * scale))))
    return images


def card_pair(layout: str | None, theme: str | None, out: Path, dpi: float) -> list[Image.Image]:
    (written,) = build([FLAGSHIP], out, layout, theme, PrintOptions(outputs=("press",))).written
    return trimmed_pages(written.path, [2 * CARD - 1, 2 * CARD], dpi)


def grid(cells: list[tuple[str, list[Image.Image]]], columns: int, out: Path) -> None:
    """Labelled pairs of faces in rows, top-aligned."""
    label_h = 34
    widths = [sum(im.width for im in faces) + PAD * (len(faces) - 1) for _, faces in cells]
    cell_w = max(widths)
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    row_heights = [label_h + max(max(im.height for im in faces) for _, faces in row) for row in rows]
    sheet = Image.new("RGB", (columns * cell_w + (columns + 1) * PAD, sum(row_heights) + (len(rows) + 1) * PAD), GREY)
    draw = ImageDraw.Draw(sheet)
    y = PAD
    for row, row_h in zip(rows, row_heights):
        x = PAD
        for label, faces in row:
            draw.text((x, y), label, fill=(40, 40, 40), font=LABEL)
            fx = x
            for im in faces:
                sheet.paste(im, (fx, y + label_h))
                fx += im.width + PAD
            x += cell_w + PAD
        y += row_h + PAD
    sheet.save(out, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        grid([("", card_pair(None, None, out, 110))], 1, ROOT / "docs" / "card.png")
        layouts = [entry.split("\t") for entry in list_layouts()]
        cells = [(f"{name}  {size}", card_pair(name, "default", out, 45)) for name, size, _ in layouts]
        grid(cells, 4, ROOT / "docs" / "layouts.png")
        themes = [entry.split("\t")[0] for entry in list_themes()]
        grid([(name, card_pair("a7", name, out, 80)) for name in themes], 3, ROOT / "docs" / "themes.png")
        written = {w.path.name: w.path for w in build([FLAGSHIP], out, options=PrintOptions(outputs=("sheets",))).written}
        document = pdfium.PdfDocument(str(written["system-leadership-a4.pdf"]))
        pages = [document[i].render(scale=48 / 72).to_pil().convert("RGB") for i in (0, 1)]
        grid([("A4 fronts (page 1) and backs (page 2), long-edge flip", pages)], 1, ROOT / "docs" / "sheets.png")
        written = {w.path.name: w.path for w in build([FLAGSHIP], out, options=PrintOptions(outputs=("facilitator",))).written}
        document = pdfium.PdfDocument(str(written["system-leadership-facilitator-a4.pdf"]))
        reader_pages = [document[i].render(scale=50 / 72).to_pil().convert("RGB") for i in (0, 2, 3 + CARD)]
        grid([("Facilitator pack (A4): the cover, the framework map and a behaviour page", reader_pages)], 1,
             ROOT / "docs" / "facilitator.png")
        qr_picture(out / "qr")
        kit_picture(out / "kit")
        site_picture(out / "site")
    print("wrote docs/card.png, docs/card-qr.png, docs/kit.png, docs/layouts.png, docs/themes.png, docs/sheets.png, "
          "docs/facilitator.png, docs/site.png, docs/workshop.png")


def qr_picture(folder: Path) -> None:
    """Card 6 of a copy of the flagship that prints QR codes on its backs."""
    import re
    import shutil

    deck = shutil.copytree(FLAGSHIP, folder / "system-leadership")
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    (deck / "deck.yaml").write_text(re.sub(r"^version:", 'links: {site: "https://cards.example.org", qr: back}\nversion:',
                                           text, count=1, flags=re.M), encoding="utf-8")
    (written,) = build([deck], folder / "out", options=PrintOptions(outputs=("press",))).written
    grid([("", trimmed_pages(written.path, [2 * CARD - 1, 2 * CARD], 110))], 1, ROOT / "docs" / "card-qr.png")


def kit_picture(folder: Path) -> None:
    """The whiteboard kit's two boards, side by side at a third of their size."""
    from generator.kit import build_kit

    (kit,) = build_kit([FLAGSHIP], folder)
    boards = [Image.open(path).convert("RGB").resize((640, 360), Image.LANCZOS) for path in (kit.sort_board, kit.online_sheet)]
    grid([("Whiteboard kit: the card-sort board and the online sheet (1920 x 1080 each)", boards)], 1, ROOT / "docs" / "kit.png")


def site_picture(folder: Path) -> None:
    """The published deck page, at a desktop's width and a phone's, side by side."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import FLAGS, browser_path
    from playwright.sync_api import sync_playwright

    from generator.publish import publish_site

    publish_site([FLAGSHIP], folder)
    page_file = (folder / "system-leadership" / "index.html").as_uri()
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path(), args=FLAGS)
        for width, height, anchor in ((1280, 1300, ""), (390, 844, "#card-trust")):
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(page_file + anchor)
            page.evaluate("document.querySelectorAll('img').forEach(img => img.loading = 'eager')")
            page.wait_for_function("[...document.images].every(img => img.complete)")
            shots.append(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
        browser.close()
    grid([("The published deck page (cards publish), at desktop and phone widths", shots)], 1, ROOT / "docs" / "site.png")
    workshop_picture(folder)


def workshop_picture(folder: Path) -> None:
    """The published workshop page with a card drawn and shown both sides (`folder`: a published site)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import FLAGS, browser_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path(), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1, reduced_motion="reduce")
        page.goto((folder / "system-leadership" / "workshop.html").as_uri())
        page.evaluate("Math.random = () => 0.4")  # the same card in every picture
        page.click("[data-action=draw]")
        page.click("[data-action=both]")
        page.wait_for_function("[...document.images].every(img => img.complete)")
        page.wait_for_timeout(200)
        shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
        browser.close()
    grid([("The workshop page: a card drawn, both sides, to share on a call", [shot])], 1, ROOT / "docs" / "workshop.png")


if __name__ == "__main__":
    main()
