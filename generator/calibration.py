"""The back-offset calibration sheet, built and preflighted like any output."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.design.theme import load_style
from generator.errors import BuildError, Problem, Problems, Where
from generator.printing.impose import PAPERS, calibration
from generator.printing.preflight import drawing_problems, font_problems, structure_problems
from generator.render.calibration import write_calibration_pdf
from generator.render.fonts import FontBook, register_fonts


def calibrate(paper_name: str, duplex: str, out_dir: Path) -> Path:
    """The calibration sheet for a paper and flip, checked by preflight, at out_dir/calibration-<paper>-<flip>.pdf."""
    problems = Problems()
    style = load_style("default", None, problems, Where("calibrate"))
    problems.raise_if_any()
    FontBook(style, problems)  # the fonts can be read
    problems.raise_if_any()
    register_fonts(tuple((font.name, str(font.path)) for font in style.fonts.values()))
    staging = Path(tempfile.mkdtemp(prefix="cards-calibrate-"))
    try:
        target = staging / f"calibration-{paper_name}-{duplex}.pdf"
        write_calibration_pdf(target, calibration(PAPERS[paper_name], duplex), style.fonts["regular"].name, style.fonts["bold"].name)
        checked = drawing_problems(target) + font_problems(target) + structure_problems(target, press=False)
        found = [Problem(Where(target.name), f"preflight: {p.message}") for p in checked]
        if found:
            raise BuildError(found)
        out_dir.mkdir(parents=True, exist_ok=True)
        destination = out_dir / target.name
        shutil.move(str(target), str(destination))
        return destination
    finally:
        shutil.rmtree(staging, ignore_errors=True)
