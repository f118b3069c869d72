"""A floor for `make bench`: the least a facilitator pack costs with bare ReportLab.

One A4 page a card, as the pack has: a kicker, the title, the description, the card's two
faces drawn (bench/bare_reportlab.py's drawing, each face a form drawn once), its three
questions as a list, the provenance line, "Notes" and four lines to write on; a running
head and a page number. Lines are broken by ReportLab's simpleSplit and drawn one by one
on the canvas, with no page layout engine. None of what the pack adds for its readers: no
tags or structure tree, no form fields, no contents, map or bookmarks, no PDF/UA metadata.
Usage: python bench/bare_pack.py DECK_DIR OUT.pdf
"""
import sys
from pathlib import Path

from bare_reportlab import BLEED, BOLD, MM, REG, H, W, draw_face, read
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

rl_config.useA85 = 0
MARGIN = 20 * MM
WIDTH = A4[0] - 2 * MARGIN
SCALE = 0.48 * WIDTH / W  # each face takes a little under half the text width


def paragraph(c, text, font, size, y, indent=0.0, bullet=False):
    """`text` wrapped to the text width from baseline `y` down; the baseline after it."""
    c.setFont(font, size)
    for n, line in enumerate(simpleSplit(text, font, size, WIDTH - indent)):
        y -= size * 1.3
        if bullet and n == 0:
            c.drawString(MARGIN, y, "\u2022")
        c.drawString(MARGIN + indent, y, line)
    return y - size * 0.4


def card_page(c, deck, colours, card, k, total):
    c.setFont(REG, 8)
    c.drawString(MARGIN, A4[1] - 12 * MM, "BEHAVIOURS")
    c.drawRightString(A4[0] - MARGIN, 12 * MM, f"Page {c.getPageNumber()}")
    y = A4[1] - MARGIN
    y = paragraph(c, f"{colours[card['theme']][0]} \u00b7 card {k}/{total}", BOLD, 9, y)
    y = paragraph(c, card["title"], BOLD, 16, y)
    y = paragraph(c, " ".join(card["description"].split()), REG, 10, y)
    y -= H * SCALE
    for n, side in enumerate(("front", "back")):
        name = f"card-{k}-{side}"
        c.beginForm(name, BLEED, BLEED, BLEED + W, BLEED + H)
        draw_face(c, deck, colours, card, k, total, side)
        c.endForm()
        c.saveState()
        c.translate(MARGIN + n * (W * SCALE + 6 * MM) - BLEED * SCALE, y - BLEED * SCALE)
        c.scale(SCALE, SCALE)
        c.doForm(name)
        c.restoreState()
    y = paragraph(c, "Questions", BOLD, 11, y - 6 * MM)
    for label, key in (("Individual", "individual"), ("Organisational", "organisational"), ("System", "system")):
        y = paragraph(c, f"{label}: {card['questions'][key]}", REG, 10, y, indent=5 * MM, bullet=True)
    y = paragraph(c, f"Illustrative: {deck['illustrative_notice']}", REG, 10, y)
    y = paragraph(c, "Notes", BOLD, 11, y)
    c.setLineWidth(0.5)
    for n in range(4):
        c.line(MARGIN, y - (n + 1) * 8 * MM, A4[0] - MARGIN, y - (n + 1) * 8 * MM)


def main(deck_dir, out):
    deck, colours, cards = read(deck_dir)
    c = Canvas(out, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REG)
    for k, card in enumerate(cards, 1):
        card_page(c, deck, colours, card, k, len(cards))
        c.showPage()
    c.save()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
