"""The baseline for `make bench`: the same card faces drawn with bare ReportLab.

Same fonts, same boxes as the tarot layout, same shrink-to-fit (0.25pt steps down to a
floor), one face per page with trim and bleed boxes; none of the pipeline: no
validation, no positions, no templates, no layout files.
Usage: python bench/bare_reportlab.py DECK_DIR OUT.pdf
"""
import sys
from pathlib import Path

import font_source_sans_pro
import yaml
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
W, H, BLEED = 70 * MM, 120 * MM, 3 * MM
FONT_DIR = Path(font_source_sans_pro.font_directory)
for name in ("Regular", "Bold"):
    pdfmetrics.registerFont(TTFont(f"SourceSansPro-{name}", str(FONT_DIR / f"SourceSansPro-{name}.ttf")))
REG, BOLD = "SourceSansPro-Regular", "SourceSansPro-Bold"


def cmyk(hex_code):
    r, g, b = (int(hex_code[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k) if k < 1 else (0, 0, 0, 1)


def fit(paragraphs, width, height, size, floor, leading):
    s = size
    while s >= floor - 1e-9:
        lines, y = [], 0.0
        for text, font, gap in paragraphs:
            for i, line in enumerate(simpleSplit(text, font, s, width)):
                y = y + leading * s + (gap * s if i == 0 and lines else 0) if lines else 0.75 * s
                lines.append((line, font, s, y))
        if y + 0.25 * s <= height:
            return lines
        s -= 0.25
    raise SystemExit(f"does not fit: {paragraphs[0][0][:40]}")


def text_box(c, lines, x, top, colour):
    c.setFillColorCMYK(*colour)
    for line, font, size, y in lines:
        c.setFont(font, size)
        c.drawString(BLEED + x, BLEED + H - top - y, line)


def main(deck_dir, out):
    deck = yaml.safe_load((deck_dir / "deck.yaml").read_text())
    colours = {t["id"]: (t["name"], cmyk(t["colour"] if isinstance(t["colour"], str) else t["colour"]["rgb"])) for t in deck["themes"]}
    cards = [yaml.safe_load(p.read_text()) for p in sorted((deck_dir / "behaviours").glob("*.yaml"))]
    c = Canvas(out, pagesize=(W + 2 * BLEED, H + 2 * BLEED), invariant=1, pageCompression=1, initialFontName=REG)
    ink, muted, white = (0, 0, 0, 1), (0, 0, 0, 0.8), (0, 0, 0, 0)
    for k, card in enumerate(cards, 1):
        name, colour = colours[card["theme"]]
        footer = f"{k}/{len(cards)}"
        for side in ("front", "back"):
            c.setTrimBox((BLEED, BLEED, BLEED + W, BLEED + H))
            c.setBleedBox((0, 0, W + 2 * BLEED, H + 2 * BLEED))
            c.setFillColorCMYK(*colour)
            c.rect(0, BLEED + H - 18 * MM, W + 2 * BLEED, 18 * MM + BLEED, stroke=0, fill=1)
            if side == "front":
                text_box(c, fit([(name.upper(), BOLD, 0)], 60 * MM, 9 * MM, 10, 7, 1.2), 5 * MM, 5 * MM, white)
                text_box(c, fit([(card["title"], BOLD, 0)], 60 * MM, 22 * MM, 20, 12, 1.1), 5 * MM, 23 * MM, colour)
                c.setFillColorCMYK(*colour)
                c.rect(BLEED + 5 * MM, BLEED + H - 47.8 * MM, 14 * MM, 0.8 * MM, stroke=0, fill=1)
                description = " ".join(card["description"].split())
                text_box(c, fit([(description, REG, 0)], 60 * MM, 55 * MM, 12, 7, 1.3), 5 * MM, 51 * MM, ink)
                text_box(c, fit([(deck["title"], REG, 0)], 48 * MM, 5 * MM, 7, 7, 1.2), 5 * MM, 110 * MM, muted)
            else:
                text_box(c, fit([(card["title"], BOLD, 0)], 60 * MM, 11 * MM, 13, 9, 1.1), 5 * MM, 4 * MM, white)
                paragraphs = []
                for label, key in (("Individual", "individual"), ("Organisational", "organisational"), ("System", "system")):
                    paragraphs += [(label, BOLD, 7 / 12), (card["questions"][key], REG, 0)]
                text_box(c, fit(paragraphs, 60 * MM, 82 * MM, 12, 7, 1.25), 5 * MM, 23 * MM, ink)
                text_box(c, fit([(deck["illustrative_notice"], REG, 0)], 48 * MM, 8 * MM, 7, 7, 1.15), 5 * MM, 107 * MM, muted)
            c.setFillColorCMYK(*muted)
            c.setFont(BOLD, 7)
            c.drawRightString(BLEED + 65 * MM, BLEED + H - 114 * MM, footer)
            c.showPage()
    c.save()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
