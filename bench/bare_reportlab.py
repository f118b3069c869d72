"""The baseline for `make bench`: the same card faces drawn with bare ReportLab.

Same fonts, same boxes as the tarot layout (band, mark, theme name, title, rule,
description, bulleted indicators, labelled questions, footers), same shrink-to-fit
(0.25pt steps down to a floor), one face per page with trim and bleed boxes; none of
the pipeline: no validation, no positions, no templates, no layout files.
Usage: python bench/bare_reportlab.py DECK_DIR OUT.pdf
"""
import sys
from pathlib import Path

import font_source_sans_pro
import yaml
from reportlab import rl_config
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

rl_config.useA85 = 0  # binary streams, as the pipeline writes them
MM = 72 / 25.4
W, H, BLEED = 70 * MM, 120 * MM, 3 * MM
FONT_DIR = Path(font_source_sans_pro.font_directory)
for name in ("Regular", "Bold"):
    pdfmetrics.registerFont(TTFont(f"SourceSansPro-{name}", str(FONT_DIR / f"SourceSansPro-{name}.ttf")))
REG, BOLD = "SourceSansPro-Regular", "SourceSansPro-Bold"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def cmyk(hex_code):
    r, g, b = (int(hex_code[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k) if k < 1 else (0, 0, 0, 1)


def fit(paragraphs, width, height, size, floor, leading):
    """paragraphs: (text, font, space_before_em, bullet); shrink in 0.25pt steps to the floor."""
    s = size
    while s >= floor - 1e-9:
        lines, y = [], None
        for text, font, gap, bullet in paragraphs:
            indent = 0.9 * s if bullet else 0.0
            for i, line in enumerate(simpleSplit(text, font, s, width - indent)):
                y = 0.75 * s if y is None else y + leading * s + (gap * s if i == 0 else 0)
                if bullet and i == 0:
                    lines.append(("\u2022", font, s, y, 0.0))
                lines.append((line, font, s, y, indent))
        if y + 0.25 * s <= height:
            return lines
        s -= 0.25
    raise SystemExit(f"does not fit: {paragraphs[0][0][:40]}")


def text_box(c, lines, x, top, colour, align="left", box_width=0.0):
    c.setFillColorCMYK(*colour)
    for line, font, size, y, indent in lines:
        c.setFont(font, size)
        if align == "right":
            c.drawRightString(BLEED + x + box_width, BLEED + H - top - y, line)
        else:
            c.drawString(BLEED + x + indent, BLEED + H - top - y, line)


def square(c, x, top, side, colour):
    c.setFillColorCMYK(*colour)
    inset = side / 2 * (1 - 0.86)
    c.rect(BLEED + x + inset, BLEED + H - top - side + inset, side - 2 * inset, side - 2 * inset, stroke=0, fill=1)


def read(deck_dir):
    """The deck, its themes' names and CMYK colours, and its cards, from the YAML (no validation)."""
    deck = yaml.load((deck_dir / "deck.yaml").read_text(), Loader=LOADER)
    colours = {t["id"]: (t["name"], cmyk(t["colour"] if isinstance(t["colour"], str) else t["colour"]["rgb"])) for t in deck["themes"]}
    cards = [yaml.load(p.read_text(), Loader=LOADER) for p in sorted((deck_dir / "behaviours").glob("*.yaml"))]
    return deck, colours, cards


def draw_face(c, deck, colours, card, k, total, side):
    """One face, fitted and drawn with its bleed at the origin."""
    ink, muted, white = (0, 0, 0, 1), (0, 0, 0, 0.8), (0, 0, 0, 0)
    name, colour = colours[card["theme"]]
    footer = fit([(f"{k}/{total}", BOLD, 0, None)], 14 * MM, 4 * MM, 7, 7, 1.2)
    c.setFillColorCMYK(*colour)
    c.rect(0, BLEED + H - 16 * MM, W + 2 * BLEED, 16 * MM + BLEED, stroke=0, fill=1)
    if side == "front":
        square(c, 4.5 * MM, 6 * MM, 4 * MM, white)
        text_box(c, fit([(name.upper(), BOLD, 0, None)], 39 * MM, 8 * MM, 9, 7, 1.2), 11 * MM, 4 * MM, white)
        text_box(c, fit([(card["title"], BOLD, 0, None)], 61 * MM, 12 * MM, 17, 11, 1.1), 4.5 * MM, 18.5 * MM, colour)
        c.setFillColorCMYK(*colour)
        c.rect(BLEED + 4.5 * MM, BLEED + H - 32.7 * MM, 10 * MM, 0.7 * MM, stroke=0, fill=1)
        description = " ".join(card["description"].split())
        text_box(c, fit([(description, REG, 0, None)], 61 * MM, 22 * MM, 10.5, 7, 1.25), 4.5 * MM, 34.5 * MM, ink)
        indicators = [("Enabling", BOLD, 0, None)] + [(i, REG, 0.15, True) for i in card["indicators"]["enabling"]]
        indicators += [("Obstructing", BOLD, 4 / 8.5, None)] + [(i, REG, 0.15, True) for i in card["indicators"]["obstructing"]]
        text_box(c, fit(indicators, 61 * MM, 51.5 * MM, 8.5, 7, 1.12), 4.5 * MM, 58.5 * MM, ink)
        text_box(c, fit([(deck["title"], REG, 0, None)], 46 * MM, 7 * MM, 7, 7, 1.1), 4.5 * MM, 108.5 * MM, muted)
    else:
        text_box(c, fit([(card["title"], BOLD, 0, None)], 61 * MM, 8 * MM, 13, 7, 1.05), 4.5 * MM, 4 * MM, white)
        paragraphs = []
        for label, key in (("Individual", "individual"), ("Organisational", "organisational"), ("System", "system")):
            paragraphs += [(label, BOLD, 7 / 12, None), (card["questions"][key], REG, 0, None)]
        text_box(c, fit(paragraphs, 61 * MM, 87 * MM, 12, 7, 1.25), 4.5 * MM, 20 * MM, ink)
        text_box(c, fit([(deck["illustrative_notice"], REG, 0, None)], 46 * MM, 7 * MM, 7, 7, 1.1), 4.5 * MM, 108.5 * MM, muted)
    text_box(c, footer, 51.5 * MM, 111.5 * MM, muted, "right", 14 * MM)


def main(deck_dir, out):
    deck, colours, cards = read(deck_dir)
    c = Canvas(out, pagesize=(W + 2 * BLEED, H + 2 * BLEED), invariant=1, pageCompression=1, initialFontName=REG)
    for k, card in enumerate(cards, 1):
        for side in ("front", "back"):
            c.setTrimBox((BLEED, BLEED, BLEED + W, BLEED + H))
            c.setBleedBox((0, 0, W + 2 * BLEED, H + 2 * BLEED))
            draw_face(c, deck, colours, card, k, len(cards), side)
            c.showPage()
    c.save()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
