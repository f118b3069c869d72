"""Home and office sheets: faces drawn into their slots, crop marks in registration
colour, a fold line where folding, and a one-line printing note in the margin."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from generator.compose.faces import Face
from generator.printing.impose import MARK_WIDTH, NOTE_SIZE, Paper, Sheet, Slot, note_place
from generator.printing.outputs import FileIdentity
from generator.render.identity import new_canvas
from generator.render.press import place_master

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")  # prints on every plate


def write_sheets_pdf(path: Path, identity: FileIdentity, faces: Sequence[Face], sheets: list[Sheet], paper: Paper,
                     note: str, note_font: str, short_note: str = "") -> None:
    """`note` in the margin of each sheet where it fits, else `short_note`, else none: a
    note never crosses a mark or a card."""
    # PDF 1.6: the version that has the /PrintScaling viewer preference the file sets.
    canvas = new_canvas(path, identity, pagesize=(paper.width, paper.height), initialFontName=note_font, pdfVersion=(1, 6))
    canvas.setViewerPreference("PrintScaling", "None")  # "fit to page" would shrink the cards
    notes = [(text, pdfmetrics.stringWidth(text, note_font, NOTE_SIZE)) for text in (note, short_note) if text]
    for sheet in sheets:
        for slot in sheet.slots:
            draw_in_slot(canvas, faces[slot.face], slot)
        canvas.setStrokeColor(REGISTRATION)
        canvas.setLineWidth(MARK_WIDTH)
        for x0, y0, x1, y1 in sheet.marks:
            canvas.line(x0, y0, x1, y1)
        if sheet.fold is not None:
            canvas.saveState()
            canvas.setDash(3, 3)
            canvas.line(*sheet.fold)
            canvas.restoreState()
        placed = next(((text, place) for text, length in notes if (place := note_place(sheet, paper, length))), None)
        if placed is not None:
            text, place = placed
            canvas.saveState()
            canvas.setFillColorCMYK(0, 0, 0, 1)
            canvas.setFont(note_font, NOTE_SIZE)
            canvas.translate(place.x, place.y)
            canvas.rotate(place.rotation)
            canvas.drawString(0, 0, text)
            canvas.restoreState()
        canvas.showPage()
    canvas.save()


def draw_in_slot(canvas: Canvas, face: Face, slot: Slot) -> None:
    """The face, turned by the slot's rotation, its trim on the slot's trim, clipped to the
    slot: the press file's own page, placed as a Form XObject (by `placing`, once this file
    is drawn), so a build's preflight knows what is the card's own drawing."""
    canvas.saveState()
    x0, y0, x1, y1 = slot.clip
    clip = canvas.beginPath()
    clip.rect(x0, y0, x1 - x0, y1 - y0)
    canvas.clipPath(clip, stroke=0, fill=0)
    tx0, ty0, tx1, ty1 = slot.trim
    canvas.translate((tx0 + tx1) / 2, (ty0 + ty1) / 2)
    canvas.rotate(slot.rotation)
    fx0, fy0, fx1, fy1 = face.trim
    canvas.translate(-(fx0 + fx1) / 2, -(fy0 + fy1) / 2)
    place_master(canvas, face)
    canvas.restoreState()
