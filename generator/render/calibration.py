"""The back-offset calibration sheet: reference lines on the front, stepped scales on the back."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from generator.design.units import mm
from generator.printing.impose import Calibration
from generator.render.identity import TOOL

LINE_WIDTH = 0.5
TICK_WIDTH = 0.3
BLACK = (0, 0, 0, 1)


def write_calibration_pdf(path: Path, plan: Calibration, regular: str, bold: str) -> None:
    paper = plan.paper
    flip = "long" if plan.duplex == "long-edge" else "short"
    canvas = Canvas(str(path), pagesize=(paper.width, paper.height), invariant=1, pageCompression=1, initialFontName=regular,
                    pdfVersion=(1, 6))  # the version that has /PrintScaling
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setTitle(f"Back-offset calibration, {paper.label}, flip on {flip} edge")
    canvas.setCreator(TOOL)
    canvas.setFillColorCMYK(*BLACK)
    canvas.setStrokeColorCMYK(*BLACK)

    # Front: instructions and the two scales.
    left, top = mm(20), paper.height - mm(25)
    canvas.setFont(bold, 16)
    canvas.drawString(left, top, f"Calibration: {paper.label}, double-sided, flip on {flip} edge")
    canvas.setFont(regular, 10)
    steps = [
        f"1. Print this file at 100% (actual size), double-sided, flip on {flip} edge, on the printer you will use.",
        "2. Hold the sheet up to a window or a lamp, this side towards you.",
        "3. A line printed on the back shows through beside each scale. Read the number where it falls",
        "   (ticks every 0.5 mm, numbers every 2 mm): that is DX on the upper scale, DY on the lower one.",
        "4. Build with those numbers: cards build --back-offset DX,DY   (0,0: your printer needs no correction)",
    ]
    for i, step in enumerate(steps):
        canvas.drawString(left, top - mm(10) - i * 14, step)
    canvas.setLineWidth(TICK_WIDTH)
    canvas.setFont(regular, 7)
    # Numbers 2 mm apart are wider than that: every other one is set further out.
    for i, tick in enumerate(t for t in plan.x_ticks if t.labelled):
        canvas.line(*tick.segment)
        canvas.drawCentredString(tick.segment[0], tick.segment[3] + mm(1.5 + 3.5 * (i % 2)), _label(tick.value))
    for i, tick in enumerate(t for t in plan.y_ticks if t.labelled):
        canvas.drawString(tick.segment[2] + mm(1.5 + 6 * (i % 2)), tick.segment[1] - 2.5, _label(tick.value))
    for tick in plan.x_ticks + plan.y_ticks:
        canvas.line(*tick.segment)
    canvas.setFont(bold, 10)
    first_x, first_y = plan.x_ticks[0].segment, plan.y_ticks[0].segment
    canvas.drawRightString(first_x[0] - mm(4), first_x[1] + mm(2), "DX")
    canvas.drawRightString(first_y[0] - mm(3), first_y[1] + mm(2), "DY")
    canvas.setFont(regular, 8)
    canvas.drawString(left, mm(15), "Front of the calibration sheet: read it here, with the light behind the sheet.")
    canvas.showPage()

    # Back: one line behind each scale's zero.
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setFillColorCMYK(*BLACK)
    canvas.setLineWidth(LINE_WIDTH)
    for line in plan.back_lines:
        canvas.line(*line)
    canvas.setFont(regular, 8)
    canvas.drawString(mm(20), mm(15), "Back of the calibration sheet.")
    canvas.showPage()
    canvas.save()


def _label(value: float) -> str:
    return f"{value:+g}" if value else "0"
