"""The screen deck: every card, front then back, trimmed, in screen (RGB) colours, tagged
for assistive technology (tagging.py) and bookmarked card by card. For reading on a
screen and aloud; the press file stays the print master.

Each card is a section: the front's title its heading (H1: the cards are the document), every other region of text a
paragraph in reading order (the order the layout lists its regions), the footers that
repeat on every card (deck name, position) artifacts, as are the colour fills, the
theme's shape and the logo: what they say is in the text."""
from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from generator.compose.faces import Face
from generator.printing.outputs import FileIdentity
from generator.render.identity import new_canvas
from generator.render.press import draw_face_pictures, draw_lines
from generator.render.tagging import Structure

REPEATED = ("footer-title", "footer-position")  # the deck's name and the card's place: in the title and the bookmarks


def write_screen_pdf(path: Path, identity: FileIdentity, faces: Sequence[Face], initial_font: str,
                     untranslated: frozenset[str] = frozenset(), written_in: str | None = None) -> None:
    """`untranslated`: a draft's texts printed in `written_in`, tagged with that language."""
    other = {" ".join(text.split()) for text in untranslated}
    first = faces[0]
    width, height = first.trim[2] - first.trim[0], first.trim[3] - first.trim[1]
    canvas = new_canvas(path, identity, pagesize=(width, height), initialFontName=initial_font)
    structure = Structure(identity.language)
    in_order = iter(faces)  # a card's two faces at a time, never all of a big deck's at once
    for front, back in zip(in_order, in_order):
        card = structure.element("Sect")
        title = " ".join(line.text for line in front.lines if line.region == "title") or front.card_id
        for face in (front, back):
            x0, y0, x1, y1 = face.trim
            canvas.setPageSize((x1 - x0, y1 - y0))
            if face is front:
                key = f"card-{face.position}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(f"{face.position}. {title}", key, 0)
            canvas.translate(-x0, -y0)
            structure.begin(canvas, None)
            draw_face_pictures(canvas, face, screen=True)
            structure.end(canvas)
            for region, grouped in groupby(face.lines, key=lambda line: line.region):
                lines = list(grouped)
                role = None if region in REPEATED else "H1" if (face is front and region == "title") else "P"
                if role is None:
                    structure.begin(canvas, None)
                    draw_lines(canvas, lines, screen=True)
                    structure.end(canvas)
                    continue
                element = structure.element(role, card)
                runs = _runs(lines, other)
                if len(runs) == 1 and not runs[0][0]:
                    structure.begin(canvas, element)
                    draw_lines(canvas, lines, screen=True)
                    structure.end(canvas)
                    continue
                for foreign, run in runs:  # a draft's untranslated lines: a span in their own language
                    structure.begin(canvas, structure.element("Span", element, lang=written_in if foreign else None))
                    draw_lines(canvas, run, screen=True)
                    structure.end(canvas)
            canvas.showPage()
    structure.write(canvas)
    canvas.showOutline()
    canvas.save()


def _runs(lines: list, other: set[str]) -> list[tuple[bool, list]]:
    """The region's lines in runs: those of a draft's untranslated text, and the rest."""
    runs: list[tuple[bool, list]] = []
    for line in lines:
        foreign = _untranslated(line.text, other)
        if runs and runs[-1][0] == foreign:
            runs[-1][1].append(line)
        else:
            runs.append((foreign, [line]))
    return runs


def _untranslated(text: str, other: set[str]) -> bool:
    """Whether a line is (part of) a text printed untranslated, a list's bullet aside."""
    words = " ".join(text.lstrip("•").split())
    return bool(words) and any(words in untranslated for untranslated in other)
