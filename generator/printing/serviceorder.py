"""The pre-order check: what a print service would reject, found before the order is
placed, in files `cards build --for` made or files made elsewhere (`cards preflight
--for`). One problem a line, each naming the file (and page) it is about.

A PDF service: every page the service's page size (trim + bleed) with a TrimBox of a
size it sells, the PDF/X marker and output intent it asks for, the faces in pairs, text
inside its safe area, fonts embedded, no RGB or transparency (preflight's rules), and the
total ink on every page within its limit, measured from what each page paints (every
colour and every pixel of every image). A PNG service: one image a face, in pairs, each
exactly its pixel size, at its dpi, in RGB.
"""
from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.content.conditions import CONDITIONS
from generator.design.services import Service, ServiceSize, nearest_size
from generator.errors import Problem, Where, display_path
from generator.printing.preflight import page_boxes, pdfx_markers, preflight, total_ink_by_page

TOLERANCE_PT = 0.5  # page sizes: a rounding in another tool, never a wrong size
PDFX = "PDF/X-1a:2003"


def preorder_problems(paths: list[Path], service: Service, size: ServiceSize | None = None,
                      cards: int | None = None) -> list[Problem]:
    """Everything `service` would refuse in `paths` (its PDF, or its PNGs of every face)."""
    if service.files == "pdf":
        problems = []
        for path in paths:
            problems += _pdf_problems(path, service, size, cards)
        return pages_together(problems)
    return _png_problems(paths, service, size, cards)


def pages_together(problems: list[Problem]) -> list[Problem]:
    """The same problem on many pages of a file said once, naming the pages ("pages 1-26: ...")."""
    grouped: dict[tuple, list[int]] = {}
    order: list[tuple] = []
    for problem in problems:
        match = _PAGE.match(problem.message)
        key = (problem.where, problem.severity, match.group(2) if match else problem.message)
        if key not in grouped:
            grouped[key] = []
            order.append(key)
        if match:
            grouped[key].append(int(match.group(1)))
    out = []
    for where, severity, message in order:
        pages = grouped[(where, severity, message)]
        if not pages:
            out.append(Problem(where, message, severity))
        else:
            label = "page" if len(pages) == 1 else "pages"
            out.append(Problem(where, f"{label} {_ranges(pages)}: {message}", severity))
    return out


_PAGE = re.compile(r"page (\d+): (.*)", re.S)


def _ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    runs, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1 if current is not None else True:
            runs.append(f"{start}" if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(runs)


def _pdf_problems(path: Path, service: Service, size: ServiceSize | None, cards: int | None) -> list[Problem]:
    shown = Where(display_path(path))
    if path.suffix.lower() != ".pdf":
        return [Problem(shown, f"{service.title} takes a PDF, not a {path.suffix or 'file without a suffix'}")]
    try:
        boxes = page_boxes(path)
    except Exception as err:  # noqa: BLE001 - any reader failure is the one thing to say about this file
        return [Problem(shown, f"not a readable PDF ({err})")]
    problems: list[Problem] = []
    if not boxes:
        return [Problem(shown, "the PDF has no pages")]
    if len(boxes) % 2:
        problems.append(Problem(shown, f"{len(boxes)} pages: a card is two pages (its front and back), so the count must be even"))
    if cards is not None and len(boxes) != 2 * cards:
        problems.append(Problem(shown, f"{len(boxes)} pages for {cards} cards: {2 * cards} expected"))
    first_trim = boxes[0][1]
    if size is None and first_trim is not None:
        size = nearest_size(service, first_trim[2] - first_trim[0], first_trim[3] - first_trim[1])
        if size is None:
            problems.append(Problem(shown, f"page 1: the card ({_mm(first_trim[2] - first_trim[0])} x {_mm(first_trim[3] - first_trim[1])} mm) "
                                           f"is not a size {service.title} sells: {_sizes(service)}"))
    for number, (media, trim) in enumerate(boxes, 1):
        if trim is None:
            problems.append(Problem(shown, f"page {number}: no TrimBox, so the service cannot tell where the card is cut"))
            continue
        trim_w, trim_h = trim[2] - trim[0], trim[3] - trim[1]
        if size is not None and not (_near(trim_w, size.width) and _near(trim_h, size.height)):
            problems.append(Problem(shown, f"page {number}: the card is {_mm(trim_w)} x {_mm(trim_h)} mm, not {size.label}"))
        page_w, page_h = media[2] - media[0], media[3] - media[1]
        card_w, card_h = (size.width, size.height) if size is not None else (trim_w, trim_h)
        want_w, want_h = card_w + 2 * service.bleed, card_h + 2 * service.bleed
        if not (_near(page_w, want_w) and _near(page_h, want_h)):
            problems.append(Problem(shown, f"page {number}: the page is {_inch(page_w)} x {_inch(page_h)} in "
                                           f"({_mm(page_w)} x {_mm(page_h)} mm); {service.title} wants the card with "
                                           f"{_mm(service.bleed)} mm of bleed on each side: {_inch(want_w)} x {_inch(want_h)} in"))
        left, bottom = trim[0] - media[0], trim[1] - media[1]
        if min(left, bottom, media[2] - trim[2], media[3] - trim[3]) < service.bleed - TOLERANCE_PT:
            problems.append(Problem(shown, f"page {number}: the bleed is not {_mm(service.bleed)} mm on every side"))
    if service.printing is not None:
        try:
            version, intents = pdfx_markers(path)
        except Exception as err:  # noqa: BLE001
            version, intents = None, []
            problems.append(Problem(shown, f"cannot read the file's structure: {err}"))
        if version != PDFX:
            problems.append(Problem(shown, f"not marked {PDFX} (GTS_PDFXVersion is {version or 'missing'}), which {service.title} requires"))
        wanted = CONDITIONS[service.printing]
        if not intents:
            problems.append(Problem(shown, "no PDF/X output intent (the printing condition the colours were made for)"))
        elif wanted.identifier not in intents:
            problems.append(Problem(shown, f"its colours were made for {', '.join(intents)}; {service.title} prints to "
                                           f"{wanted.identifier} ({wanted.condition})"))
    safe_mm = service.safe * 25.4 / 72
    for problem in preflight(path, press=True, safe_mm=safe_mm):
        if problem.is_error:
            problems.append(problem)
    if service.ink_limit is not None:
        try:
            inks = total_ink_by_page(path)
        except Exception:  # noqa: BLE001 - preflight above has said the file cannot be read
            inks = []
        for number, (ink, what) in enumerate(inks, 1):
            if ink > service.ink_limit + 0.5:
                problems.append(Problem(shown, f"page {number}: total ink {ink:.0f} % ({what}) is over {service.title}'s "
                                               f"limit of {service.ink_limit:g} %"))
    return problems


def _png_problems(paths: list[Path], service: Service, size: ServiceSize | None, cards: int | None) -> list[Problem]:
    problems: list[Problem] = []
    images = [p for p in paths if p.suffix.lower() == ".png"]
    for other in sorted(set(paths) - set(images)):
        problems.append(Problem(Where(display_path(other)), f"{service.title} takes PNG images, not {other.suffix or 'this file'}"))
    if len(images) % 2:
        problems.append(Problem(Where("the files"), f"{len(images)} image{'s' if len(images) != 1 else ''}: a card is two (its front and back), so the count must be even"))
    if cards is not None and len(images) != 2 * cards:
        problems.append(Problem(Where("the files"), f"{len(images)} images for {cards} cards: {2 * cards} expected"))
    wanted = {service.pixels(s): s for s in ([size] if size is not None else service.sizes)}
    for path in sorted(images):
        shown = Where(display_path(path))
        try:
            with Image.open(path) as image:
                pixels, mode, dpi = image.size, image.mode, image.info.get("dpi")
        except Image.DecompressionBombError:  # its header alone says so: nothing is decoded
            problems.append(Problem(shown, "the image claims more pixels than any card face has (an image bomb?): refused"))
            continue
        except (OSError, UnidentifiedImageError) as err:
            problems.append(Problem(shown, f"not a readable PNG ({err})"))
            continue
        if wanted and pixels not in wanted:
            sizes = ", ".join(f"{w} x {h} px for {s.label}" for (w, h), s in wanted.items())
            problems.append(Problem(shown, f"{pixels[0]} x {pixels[1]} px; {service.title} wants exactly {sizes}"))
        if mode not in ("RGB", "RGBA", "P"):  # a palette image holds RGB colours too
            problems.append(Problem(shown, f"the image is {mode}; {service.title} takes RGB"))
        if service.dpi is not None and (dpi is None or any(abs(float(d) - service.dpi) > 0.5 for d in dpi)):
            shown_dpi = "no" if dpi is None else " x ".join(dict.fromkeys(f"{round(float(d), 1):g}" for d in dpi))
            problems.append(Problem(shown, f"{shown_dpi} dpi recorded; {service.title} wants {service.dpi:g} dpi"))
    return problems


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE_PT


def _mm(points: float) -> str:
    return f"{points * 25.4 / 72:.2f}".rstrip("0").rstrip(".")


def _inch(points: float) -> str:
    return f"{points / 72:.3f}".rstrip("0").rstrip(".")


def _sizes(service: Service) -> str:
    return ", ".join(s.label for s in service.sizes) or "any size"
