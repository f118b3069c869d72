"""A floor for `make bench`: the least a facilitator pack costs with bare ReportLab.

One A4 page a card, as the pack has: a kicker, the title, the description, the card's two
faces drawn (bench/bare_reportlab.py's drawing, each face a form drawn once), its three
questions as a list, the provenance line, "Notes" and four lines to write on; a running head
and a page number. None of what the pack adds for its readers: no tags or structure
tree, no form fields, no contents, map or bookmarks, no PDF/UA metadata.
Usage: python bench/bare_pack.py DECK_DIR OUT.pdf
"""
import sys
from pathlib import Path

from bare_reportlab import BLEED, BOLD, MM, REG, H, W, draw_face, read
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, PageBreak, Paragraph, SimpleDocTemplate, Spacer

rl_config.useA85 = 0
BODY = ParagraphStyle("body", fontName=REG, fontSize=10, leading=13, spaceAfter=4)
KICKER = ParagraphStyle("kicker", parent=BODY, fontName=BOLD, fontSize=9)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=16, leading=20, spaceAfter=6)
HEADING = ParagraphStyle("heading", parent=BODY, fontName=BOLD, fontSize=11, spaceBefore=8)
SCALE = 0.48 * (A4[0] - 40 * MM) / W  # each face takes a little under half the text width


class CardPair(Flowable):
    """A card's front and back side by side, each face drawn once into a form."""

    def __init__(self, deck, colours, card, k, total):
        super().__init__()
        self.args = (deck, colours, card, k, total)
        self.width, self.height = 2 * W * SCALE + 6 * MM, H * SCALE

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        for n, side in enumerate(("front", "back")):
            name = f"card-{self.args[3]}-{side}"
            c.beginForm(name, BLEED, BLEED, BLEED + W, BLEED + H)
            draw_face(c, *self.args, side)
            c.endForm()
            c.saveState()
            c.translate(n * (W * SCALE + 6 * MM) - BLEED * SCALE, -BLEED * SCALE)
            c.scale(SCALE, SCALE)
            c.doForm(name)
            c.restoreState()


class WritingLines(Flowable):
    def __init__(self, lines: int):
        super().__init__()
        self.lines = lines

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.lines * 8 * MM

    def draw(self):
        self.canv.setLineWidth(0.5)
        for n in range(self.lines):
            self.canv.line(0, n * 8 * MM, self.width, n * 8 * MM)


def head_and_number(canvas, doc):
    canvas.saveState()
    canvas.setFont(REG, 8)
    canvas.drawString(20 * MM, A4[1] - 12 * MM, "BEHAVIOURS")
    canvas.drawRightString(A4[0] - 20 * MM, 12 * MM, f"Page {doc.page}")
    canvas.restoreState()


def main(deck_dir, out):
    deck, colours, cards = read(deck_dir)
    names = {theme: name for theme, (name, _) in colours.items()}
    story = []
    for k, card in enumerate(cards, 1):
        story += [Paragraph(f"{names[card['theme']]} · card {k}/{len(cards)}", KICKER),
                  Paragraph(card["title"], TITLE),
                  Paragraph(" ".join(card["description"].split()), BODY),
                  CardPair(deck, colours, card, k, len(cards)), Spacer(1, 6 * MM),
                  Paragraph("Questions", HEADING),
                  ListFlowable([ListItem(Paragraph(f"<b>{label}:</b> {card['questions'][key]}", BODY))
                                for label, key in (("Individual", "individual"), ("Organisational", "organisational"),
                                                   ("System", "system"))], bulletType="bullet"),
                  Paragraph(f"<i>Illustrative:</i> {deck['illustrative_notice']}", BODY),
                  Paragraph("Notes", HEADING), WritingLines(4), PageBreak()]
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * MM, rightMargin=20 * MM, topMargin=20 * MM,
                            bottomMargin=20 * MM, invariant=1, pageCompression=1, title=deck["title"])
    doc.build(story, onFirstPage=head_and_number, onLaterPages=head_and_number)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
