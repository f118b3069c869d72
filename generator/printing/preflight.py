"""Preflight: checks any PDF (ours or one made elsewhere) before it goes to a printer.

Every file: fonts declared but not embedded (drawn from or not), page boxes that contradict each other (TrimBox outside
BleedBox or MediaBox), text outside the safe zone (3 mm inside the TrimBox, where a
page has one), text below 6 pt, for sheets meant for a desktop printer text and lines
in the outer 5 mm it cannot print, stroked lines thinner than 0.25 pt, images below
300 ppi at their placed size. A press file (`press=True`) must also have TrimBox and
BleedBox on every page and no transparency, and is warned of fine text that
misregistration between printing plates would blur. No file may use RGB colour: every
file checked is one meant for print.

pypdfium2 (PDFium) reads what is drawn; pikepdf (qpdf) reads the file's structure for
the fonts, the colour checks (every file) and the transparency checks (press files); both are C libraries, so a 2,000-page
file takes about a second. PDFium also draws pages as pixels, for `cards images`. The only
module importing either.
"""
from __future__ import annotations

import ctypes
import math
import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from generator.compose.cards import FINE_TEXT_PT
from generator.design.units import mm
from generator.errors import Problem, Where, counted, display_path
from generator.printing.inks import InkFindings, InkRules
from generator.printing.impose import PRINTER_MARGIN

SAFE_MM = 3.0
PRINTER_MARGIN_MM = PRINTER_MARGIN / mm(1)  # what desktop printers cannot print, as the sheets leave it
MIN_TEXT_PT = 6.0
MIN_LINE_PT = 0.25
MIN_PPI = 300
TOLERANCE = 0.05  # points
# An rg or RG operator: the word, not part of a longer one or a name (the byte before is
# checked in Python: a leading look-behind makes the regex test every byte of the stream).
_RGB_OPERATORS = re.compile(rb"(?:rg|RG)(?![A-Za-z_])")
_WORD_OR_NAME_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/")
_COLOUR_SPACE_USE = re.compile(rb"/([^\s/\[\]<>()]+)\s+(cs|CS)(?![A-Za-z_])")
_INLINE_RGB = re.compile(rb"(?<![A-Za-z])BI(?![A-Za-z]).*?/(?:CS|ColorSpace)\s*/(?:RGB|DeviceRGB|CalRGB)\b.*?(?<![A-Za-z])ID(?![A-Za-z])", re.S)
_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/RGB"}


def _open_pdf(path: Path) -> pikepdf.Pdf:
    """`path` opened for reading through a memory map: qpdf then reads objects itself, four
    times quicker than through a Python file object (a 1,000-card pack's 54,000 objects:
    0.4 s, not 1.8 s)."""
    return pikepdf.open(str(path), access_mode=pikepdf.AccessMode.mmap)


def preflight(path: Path, press: bool = False, sheets: bool = False, screen: bool = False,
              accessibility: bool = False, safe_mm: float = SAFE_MM) -> list[Problem]:
    """Every problem (and, for press files, every warning) found in one PDF, page by page.
    A file for `screen` (the screen deck) is in screen colours on purpose: no colour rule.
    `accessibility`: the PDF/UA-1 rules a machine can check, too."""
    problems = drawing_problems(path, press, sheets=sheets, tagged=accessibility, safe_mm=safe_mm)
    problems += object_problems(path, press, fonts=True, colours=not screen, accessibility=accessibility)
    if press:
        problems += ink_warnings(path)
    return by_page(list(dict.fromkeys(problems)))  # a damaged file: said once, not by every check


def by_page(problems: list[Problem]) -> list[Problem]:
    def page(problem: Problem) -> int:
        match = re.match(r"page (\d+)", problem.message)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=page)


def page_count(path: Path) -> int:
    try:
        with pdfium.PdfDocument(str(path)) as document:
            return len(document)
    except pdfium.PdfiumError:
        return 0


def rendered_pages(path: Path, dpi: float):
    """Each page of a PDF drawn at `dpi` (annotations left out): (PIL RGB image, TrimBox, page size),
    both in points, origin bottom left. PDFium turns CMYK into RGB as Acrobat shows it on screen."""
    with pdfium.PdfDocument(str(path)) as document:
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72, draw_annots=False, may_draw_forms=False)
                image = bitmap.to_pil().convert("RGB")
                yield image, tuple(page.get_trimbox()), (page.get_width(), page.get_height())
            finally:
                page.close()


def drawing_problems(path: Path, press: bool = False, pages: range | None = None, sheets: bool = False,
                     forms: bool = True, tagged: bool = False, safe_mm: float = SAFE_MM) -> list[Problem]:
    """What is drawn, on every page or on `pages` (0-based): page boxes, text, lines, images;
    for `sheets` (home printing) also text and marks in the outer PRINTER_MARGIN_MM.
    Without `forms`, what Form XObjects draw is left out: a build's sheets place card faces
    the press file of the same build has had checked at the same size. For a `tagged` file
    (one people read: PDF/UA-1), also what a page draws that is neither tagged content nor
    an artifact."""
    shown = Where(display_path(path))
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        return [Problem(shown, f"not a readable PDF ({err})")]
    problems: list[Problem] = []
    out = _Out()
    try:
        for index in pages if pages is not None else range(len(document)):
            page = document[index]
            problems.extend(_check_page(shown, index + 1, page, out, press, sheets, forms, safe_mm))
            if tagged:
                problems.extend(_untagged_problems(shown, index + 1, page, out))
    finally:
        document.close()
    return problems


class _Out:
    """PDFium's out-parameters, made once a document rather than once an object (a build
    asks them of every object on thousands of pages). A document is read by one thread."""

    __slots__ = ("size", "left", "bottom", "right", "top", "fill_mode", "stroke", "matrix", "mcid", "name", "name_bytes")

    def __init__(self) -> None:
        self.size, self.left, self.bottom, self.right, self.top = (ctypes.c_float() for _ in range(5))
        self.fill_mode, self.stroke, self.mcid = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name, self.name_bytes = (ctypes.c_ushort * 32)(), ctypes.c_ulong()  # a mark's name, UTF-16


class _Drawn:
    """One object a page draws, read straight from PDFium (a build checks thousands of
    pages): its kind, its handle, the matrix placing it on the page (its own, then its
    forms'), and, when asked, its bounds on the page."""

    __slots__ = ("kind", "raw", "matrix", "parent", "out", "_bounds")

    def __init__(self, kind: int, raw, matrix: tuple, parent: tuple | None, out: _Out):
        self.kind, self.raw, self.matrix, self.parent, self.out = kind, raw, matrix, parent, out
        self._bounds: tuple | None = None

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        if self._bounds is None:
            out = self.out
            pdfium_c.FPDFPageObj_GetBounds(self.raw, out.left, out.bottom, out.right, out.top)
            bounds = (out.left.value, out.bottom.value, out.right.value, out.top.value)
            if self.parent is not None:  # PDFium gives bounds in the form's own space
                corners = [_apply(self.parent, x, y) for x in (bounds[0], bounds[2]) for y in (bounds[1], bounds[3])]
                xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                bounds = (min(xs), min(ys), max(xs), max(ys))
            self._bounds = bounds
        return self._bounds


_TEXT, _PATH, _IMAGE, _FORM = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE,
                               pdfium_c.FPDF_PAGEOBJ_FORM)


def _drawn(page, forms: bool, out: _Out, form=None, parent: tuple | None = None, depth: int = 0):
    """What a page draws that preflight judges (text, stroked paths, images); with `forms`,
    what its Form XObjects draw too, placed. Filled shapes have nothing to judge."""
    if form is not None:
        count, get_object, owner = pdfium_c.FPDFFormObj_CountObjects(form), pdfium_c.FPDFFormObj_GetObject, form
    else:
        count, get_object, owner = pdfium_c.FPDFPage_CountObjects(page), pdfium_c.FPDFPage_GetObject, page
    get_type, get_matrix, fs_matrix = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetMatrix, out.matrix
    for index in range(count):
        raw = get_object(owner, index)
        kind = get_type(raw)
        if kind == _PATH:
            if not _stroked(raw, out):
                continue
        elif kind == _FORM:
            if not forms or depth >= 8:
                continue
        elif kind != _TEXT and kind != _IMAGE:
            continue
        get_matrix(raw, fs_matrix)
        own = (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)
        placed = own if parent is None else _multiply(own, parent)
        if kind == _FORM:
            yield from _drawn(page, forms, out, raw, placed, depth + 1)
        else:
            yield _Drawn(kind, raw, placed, parent, out)


def _check_page(shown: Where, number: int, page, out: _Out, press: bool, sheets: bool = False, forms: bool = True,
                safe_mm: float = SAFE_MM) -> list[Problem]:
    problems: list[Problem] = []

    def add(message: str) -> None:
        problems.append(Problem(shown, f"page {number}: {message}"))

    media = page.get_mediabox()
    trim = page.get_trimbox(fallback_ok=False)
    bleed = page.get_bleedbox(fallback_ok=False)
    if press and trim is None:
        add("no TrimBox: a printer cannot tell where the card is cut")
    if press and bleed is None:
        add("no BleedBox")
    if trim is not None and not _inside(trim, bleed or media):
        add(f"TrimBox {_box(trim)} is not inside the {'BleedBox' if bleed else 'MediaBox'} {_box(bleed or media)}")
    if bleed is not None and not _inside(bleed, media):
        add(f"BleedBox {_box(bleed)} is not inside the MediaBox {_box(media)}")
    safe = None
    if trim is not None and not _same(trim, media):
        inset = mm(safe_mm)
        safe = (trim[0] + inset, trim[1] + inset, trim[2] - inset, trim[3] - inset)
    printable = None
    if sheets:
        inset = mm(PRINTER_MARGIN_MM)
        printable = (media[0] + inset, media[1] + inset, media[2] - inset, media[3] - inset)
    for drawn in _drawn(page.raw, forms, out):
        if drawn.kind == _TEXT:
            _check_text(drawn, page, safe, add, safe_mm)
            if printable is not None and not _inside(drawn.bounds, printable):
                add(f"text in the outer {PRINTER_MARGIN_MM:g} mm a desktop printer cannot print: {_text_of(drawn, page)!r} {_at(drawn.bounds)}")
        elif drawn.kind == _PATH:
            width = _check_path(drawn, add)
            # PDFium's bounds of a stroke reach its whole width past the path on every side,
            # even past a butt end, where nothing is painted: that much is allowed.
            if printable is not None and not _inside(drawn.bounds, printable, width + TOLERANCE):
                add(f"a line (a crop mark?) in the outer {PRINTER_MARGIN_MM:g} mm a desktop printer cannot print, {_at(drawn.bounds)}")
        else:
            _check_image(drawn, add)
    return problems


def _scale(matrix: tuple) -> float:
    a, b, c, d, _, _ = matrix
    return math.sqrt(abs(a * d - b * c))


def _check_text(drawn: _Drawn, page, safe, add, safe_mm: float = SAFE_MM) -> None:
    size = drawn.out.size
    pdfium_c.FPDFTextObj_GetFontSize(drawn.raw, size)
    effective = size.value * _scale(drawn.matrix)
    if 0 < effective < MIN_TEXT_PT - 1e-3:
        add(f"text below {MIN_TEXT_PT:g} pt: {_text_of(drawn, page)!r} is {effective:.2f} pt, {_at(drawn.bounds)}")
    if safe is not None and not _inside(drawn.bounds, safe):
        add(f"text outside the safe zone ({safe_mm:g} mm inside the TrimBox): {_text_of(drawn, page)!r} {_at(drawn.bounds)}")


def _stroked(raw, out: _Out) -> bool:
    pdfium_c.FPDFPath_GetDrawMode(raw, out.fill_mode, out.stroke)
    return bool(out.stroke.value)


def _at(bounds) -> str:
    left, bottom, _, _ = bounds
    return f"at x {left / mm(1):.1f} mm, y {bottom / mm(1):.1f} mm"


def _check_path(drawn: _Drawn, add) -> float:
    """A stroke's width as drawn, checked."""
    width = ctypes.c_float()
    pdfium_c.FPDFPageObj_GetStrokeWidth(drawn.raw, ctypes.byref(width))
    effective = width.value * _scale(drawn.matrix)
    if effective < MIN_LINE_PT - 1e-3:
        add(f"line thinner than {MIN_LINE_PT:g} pt ({effective:.2f} pt) {_at(drawn.bounds)}")
    return effective


def _check_image(drawn: _Drawn, add) -> None:
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFImageObj_GetImagePixelSize(drawn.raw, width, height):
        return
    a, b, c, d, _, _ = drawn.matrix
    placed_w, placed_h = math.hypot(a, b) / 72, math.hypot(c, d) / 72  # inches
    if placed_w <= 0 or placed_h <= 0:
        return
    ppi = min(width.value / placed_w, height.value / placed_h)
    if ppi < MIN_PPI - 0.5:
        add(f"image of {width.value} x {height.value} px is {ppi:.0f} ppi at its placed size (needs {MIN_PPI}) {_at(drawn.bounds)}")


def structure_problems(path: Path, press: bool = True) -> list[Problem]:
    """The rules read from the file's structure: no RGB colour in any file meant for print
    (a RIP makes RGB black four inks deep beside K-only text), and for a press file no
    transparency either."""
    return object_problems(path, press, fonts=False, colours=True)


def object_problems(path: Path, press: bool = False, fonts: bool = True, colours: bool = True,
                    accessibility: bool = False) -> list[Problem]:
    """The checks read from the file's objects, the file read once (qpdf parses each object
    once, and a big pack has tens of thousands): its fonts; its colours and transparency
    (`colours`, for files meant for print); the PDF/UA-1 rules (`accessibility`)."""
    shown = Where(display_path(path))
    try:
        with _open_pdf(path) as pdf:
            problems = _font_problems(pdf, shown) if fonts else []
            if colours:
                problems += _colour_problems(pdf, shown, press)
            if accessibility:
                problems += _accessibility_problems(pdf, shown)
            return problems
    except (pikepdf.PdfError, OSError, ValueError) as err:
        return [Problem(shown, f"cannot read the file's structure: {err}")]


def _colour_problems(pdf: pikepdf.Pdf, shown: Where, press: bool) -> list[Problem]:
    problems: list[Problem] = []
    why = "press files must be CMYK and opaque" if press else "a file for print takes its colours in CMYK or grey"
    for number, page in enumerate(pdf.pages, 1):
        found: set[str] = set()
        group = page.obj.get("/Group")
        if group is not None and str(group.get("/S", "")) == "/Transparency":
            found.add("a transparency group")
        _scan_content(_contents(page.obj), page.obj.get("/Resources"), found, depth=0)
        if not press:
            found = {what for what in found if "RGB" in what}
        problems.extend(Problem(shown, f"page {number}: {what} ({why})") for what in sorted(found))
    return problems


def font_problems(path: Path) -> list[Problem]:
    """Every font a page or form declares, drawn from or not, must be embedded: a print
    shop's preflight reads the resources, not just the text that is drawn."""
    return object_problems(path, fonts=True, colours=False)


def _font_problems(pdf: pikepdf.Pdf, shown: Where) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    appearances: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        for font in _declared_fonts(page.obj.get("/Resources"), depth=0) + _annotation_fonts(page.obj, appearances):
            key = font.objgen
            if key != (0, 0) and key in seen:
                continue
            seen.add(key)
            if not _embedded(font):
                name = str(font.get("/BaseFont", "(unnamed)")).lstrip("/")
                problem = Problem(shown, f"page {number}: font {name} is not embedded")
                if problem not in problems:
                    problems.append(problem)
    # Then every other font object: the form's fonts for typing (/DR), which a filled
    # and flattened copy draws with, and fonts no page uses, which tools still read.
    form = pdf.Root.get("/AcroForm")
    typing = {font.objgen for _, font in _entries(form.get("/DR", {}).get("/Font") if isinstance(form, pikepdf.Dictionary) else None)}
    unused: dict[str, int] = {}
    for font in pdf.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Type") != "/Font" or font.objgen in seen:
            continue
        seen.add(font.objgen)
        if font.get("/Subtype") in ("/Type0", "/Type3") or _embedded(font):
            continue  # a Type0's descendant and a Type3's glyph procedures are checked as they are met
        name = str(font.get("/BaseFont", "(unnamed)")).lstrip("/")
        if font.objgen in typing:
            problems.append(Problem(shown, f"font {name} is not embedded (the form's font for typing into its fields)"))
        else:
            unused[name] = unused.get(name, 0) + 1
    problems += [Problem(shown, f"font {name} is not embedded ({counted(count, 'font object')} no page uses)")
                 for name, count in unused.items()]
    return problems


def _annotation_fonts(page, seen: set | None = None) -> list:
    """Fonts the appearances of a page's annotations (form fields, say) draw with: a printer
    draws those too. (A form's default font for typing into it is the viewer's, not drawn.)
    Appearance streams in `seen` (shared by many widgets) are read once."""
    seen = set() if seen is None else seen
    fonts = []
    annotations = page.get("/Annots")
    for annotation in annotations if isinstance(annotations, pikepdf.Array) else []:
        appearances = annotation.get("/AP") if isinstance(annotation, pikepdf.Dictionary) else None
        for _, appearance in _entries(appearances):
            streams = [appearance] if isinstance(appearance, pikepdf.Stream) else [s for _, s in _entries(appearance)]
            for stream in streams:
                if not isinstance(stream, pikepdf.Stream):
                    continue
                key = stream.objgen
                if key != (0, 0):
                    if key in seen:
                        continue
                    seen.add(key)
                fonts += _declared_fonts(stream.get("/Resources"), depth=1)
    return fonts


def _declared_fonts(resources, depth: int) -> list:
    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return []
    fonts = [font for _, font in _entries(resources.get("/Font")) if isinstance(font, pikepdf.Dictionary)]
    for _, xobject in _entries(resources.get("/XObject")):
        if str(xobject.get("/Subtype", "")) == "/Form":
            fonts += _declared_fonts(xobject.get("/Resources"), depth + 1)
    return fonts


def _embedded(font) -> bool:
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return True  # glyphs drawn by the file itself
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not isinstance(descendants, pikepdf.Array) or not len(descendants):
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def ink_warnings(path: Path) -> list[Problem]:
    """Warnings (never errors) for fine text that misregistration would blur: text under
    12 pt printed in two or more process inks, and white text under 12 pt reversed out
    of a fill of three or four inks. One line per rule and file, with the first example.
    A file qpdf cannot read is said to be damaged, as the object checks say it."""
    try:
        return ink_messages(path, ink_findings(path))
    except (pikepdf.PdfError, OSError, ValueError) as err:
        return [Problem(Where(display_path(path)), f"cannot read the file's structure: {err}")]


def ink_findings(path: Path, pages: range | None = None) -> InkFindings:
    """What `ink_warnings` reports, on every page or on `pages` (0-based), as data that
    findings from other pages can be added to (`merge_ink_findings`)."""
    rules = InkRules()
    with _open_pdf(path) as pdf:
        for index in pages if pages is not None else range(len(pdf.pages)):
            _InkReader(index + 1, rules).run(pdf.pages[index].obj, _IDENTITY, depth=0)
    return rules.findings()


def merge_ink_findings(parts: list[InkFindings]) -> InkFindings:
    """Findings of a file's page ranges, in page order, as one."""
    merged: InkFindings = {}
    for part in parts:
        for rule, (count, example) in part.items():
            earlier = merged.get(rule)
            merged[rule] = (count + earlier[0], earlier[1]) if earlier else (count, example)
    return merged


def ink_messages(path: Path, findings: InkFindings) -> list[Problem]:
    shown = Where(display_path(path))
    words = {
        "several": "text under {size:g} pt printed in two or more inks (misregistration blurs it; use one ink or black)",
        "reversed": "white text under {size:g} pt reversed out of a three- or four-ink fill (misregistration fills it in)",
    }
    return [
        Problem(shown, f"{count} time{'s' if count != 1 else ''}: {words[rule].format(size=FINE_TEXT_PT)}, e.g. {example}", "warning")
        for rule, (count, example) in sorted(findings.items(), key=lambda item: list(words).index(item[0]))
    ]


class _InkReader:
    """Just enough of a content-stream interpreter to know, for each run of text, its size,
    its fill colour and the fill it lies on. Written for speed: it reads every page of
    every press file a build makes."""

    def __init__(self, page: int, rules: InkRules):
        self.page, self.rules = page, rules
        self.fills: list[tuple[tuple[float, float, float, float], tuple | None]] = []  # device bbox, cmyk

    def run(self, obj, matrix: tuple, depth: int) -> None:
        ctm, fill = matrix, None
        stack: list[tuple] = []
        path: list[tuple[float, float]] = []
        size, tm, tlm, leading = 0.0, _IDENTITY, _IDENTITY, 0.0
        resources = obj.get("/Resources")
        for operands, operator in pikepdf.parse_content_stream(obj):
            op = str(operator)
            if op == "Tm":
                tm = tlm = (float(operands[0]), float(operands[1]), float(operands[2]), float(operands[3]),
                            float(operands[4]), float(operands[5]))
            elif op in ("Tj", "TJ", "'", '"'):
                if fill is not None and size:
                    self.text(size, _multiply(tm, ctm), fill)
            elif op == "Tf":
                size = float(operands[1])
            elif op == "k":
                fill = (float(operands[0]), float(operands[1]), float(operands[2]), float(operands[3]))
            elif op == "q":
                stack.append((ctm, fill))
            elif op == "Q":
                if stack:
                    ctm, fill = stack.pop()
            elif op == "cm":
                ctm = _multiply(tuple(float(v) for v in operands), ctm)
            elif op == "g":
                fill = (0.0, 0.0, 0.0, 1 - float(operands[0]))
            elif op in ("rg", "sc", "scn", "cs"):
                fill = None  # not process CMYK: not judged here
            elif op == "re":
                x, y, w, h = (float(v) for v in operands)
                path += [_apply(ctm, x, y), _apply(ctm, x + w, y + h), _apply(ctm, x, y + h), _apply(ctm, x + w, y)]
            elif op in ("m", "l", "c", "v", "y"):
                values = [float(v) for v in operands]
                path += [_apply(ctm, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
            elif op in ("f", "F", "f*", "B", "B*", "b", "b*"):
                if path:
                    xs, ys = [p[0] for p in path], [p[1] for p in path]
                    self.fills.append(((min(xs), min(ys), max(xs), max(ys)), fill))
                path = []
            elif op in ("n", "S", "s"):
                path = []
            elif op == "BT":
                tm = tlm = _IDENTITY
            elif op == "TL":
                leading = float(operands[0])
            elif op in ("Td", "TD"):
                tx, ty = float(operands[0]), float(operands[1])
                leading = -ty if op == "TD" else leading
                tm = tlm = _multiply((1.0, 0.0, 0.0, 1.0, tx, ty), tlm)
            elif op == "T*":
                tm = tlm = _multiply((1.0, 0.0, 0.0, 1.0, 0.0, -leading), tlm)
            elif op == "Do" and depth < 8 and isinstance(resources, pikepdf.Dictionary):
                xobject = resources.get("/XObject", {}).get(str(operands[0])) if "/XObject" in resources else None
                if xobject is not None and str(xobject.get("/Subtype", "")) == "/Form":
                    form = tuple(float(v) for v in xobject.get("/Matrix", _IDENTITY))
                    self.run(xobject, _multiply(form, ctm), depth + 1)

    def text(self, size: float, matrix: tuple, fill: tuple) -> None:
        a, b, c, d, x, y = matrix
        self.rules.text(self.page, size * math.sqrt(abs(a * d - b * c)), x, y, fill, self.fills)


def _multiply(m: tuple, n: tuple) -> tuple:
    """m then n, as PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _contents(page) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def _entries(dictionary) -> list:
    return list(dictionary.items()) if isinstance(dictionary, pikepdf.Dictionary) else []


def _scan_content(data: bytes, resources, found: set[str], depth: int) -> None:
    resources = resources if isinstance(resources, pikepdf.Dictionary) else pikepdf.Dictionary()
    if any(m.start() == 0 or data[m.start() - 1] not in _WORD_OR_NAME_BYTES for m in _RGB_OPERATORS.finditer(data)):
        found.add("RGB colour (rg/RG operators)")
    if b"BI" in data and _INLINE_RGB.search(data):  # no inline image, no need for the slow search
        found.add("an RGB image")
    spaces = dict(_entries(resources.get("/ColorSpace")))
    for name, _ in _COLOUR_SPACE_USE.findall(data):
        key = "/" + name.decode("latin-1")
        if _is_rgb(spaces.get(key, pikepdf.Name(key) if key.isascii() else None)):
            found.add(f"RGB colour space {key}")
    for _, state in _entries(resources.get("/ExtGState")):
        if float(state.get("/CA", 1)) < 1 or float(state.get("/ca", 1)) < 1:
            found.add("transparency (an opacity below 100%)")
        if str(state.get("/SMask", "/None")) != "/None":
            found.add("transparency (a soft mask)")
        if str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
            found.add("transparency (a blend mode)")
    for _, xobject in _entries(resources.get("/XObject")):
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            if "/SMask" in xobject:
                found.add("transparency (an image with a soft mask)")
            if _is_rgb(xobject.get("/ColorSpace")):
                found.add("an RGB image")
        elif subtype == "/Form" and depth < 8:
            _scan_content(xobject.read_bytes(), xobject.get("/Resources"), found, depth + 1)


def _is_rgb(space) -> bool:
    if space is None:
        return False
    if isinstance(space, pikepdf.Name):
        return str(space) in _RGB_SPACES
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family in _RGB_SPACES:
            return True
        if family == "/ICCBased" and len(space) > 1:
            return int(space[1].get("/N", 0)) == 3
        if family == "/Indexed" and len(space) > 1:
            return _is_rgb(space[1])
    return False


def _text_of(drawn: _Drawn, page) -> str:
    """The text of a text object, for a message (the page's text layer is built only then)."""
    textpage = page.get_textpage()
    length = pdfium_c.FPDFTextObj_GetText(drawn.raw, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(max(length, 2))
    pdfium_c.FPDFTextObj_GetText(drawn.raw, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length)
    text = buffer.raw[:max(length - 2, 0)].decode("utf-16-le", errors="replace")
    return (text[:40] + "...") if len(text) > 40 else text


def _inside(inner, outer, tolerance: float = TOLERANCE) -> bool:
    return (
        inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance
    )


def _same(a, b) -> bool:
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b))


def _box(box) -> str:
    return "[" + " ".join(f"{v:.1f}" for v in box) + "]"


# What PDF/UA-1 asks that a machine can check from the file (ISO 14289-1 and the
# Matterhorn Protocol's machine checks), for files meant to be read: packs, screen decks.
_GENERIC_ALT = {"", "image", "picture", "figure", "graphic", "photo", "img"}
_HEADING = re.compile(r"^/H([1-6])$")


def accessibility_problems(path: Path) -> list[Problem]:
    """Every PDF/UA-1 rule this tool can check by reading the file: the document is marked
    and titled, has a language and the PDF/UA identifier; every painted thing on a page is
    either tagged content or an artifact; headings never skip a level; every figure has a
    real alternative; each form field's widget is in its own Form element, with a tooltip
    no other field has; every page with fields has tab order /S."""
    problems = object_problems(path, fonts=False, colours=False, accessibility=True)
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return problems  # the object checks have said the file cannot be read
    shown, out = Where(display_path(path)), _Out()
    try:
        for index in range(len(document)):
            problems.extend(_untagged_problems(shown, index + 1, document[index], out))
    finally:
        document.close()
    return problems


def _accessibility_problems(pdf: pikepdf.Pdf, shown: Where) -> list[Problem]:
    problems: list[Problem] = []

    def add(message: str) -> None:
        problems.append(Problem(shown, message))

    root = pdf.Root
    if "/StructTreeRoot" not in root:
        add("not tagged: no structure tree (a screen reader gets the page as one stream of text)")
    marked = root.get("/MarkInfo", {}).get("/Marked") if isinstance(root.get("/MarkInfo"), pikepdf.Dictionary) else None
    if marked is not True:
        add("the catalog's /MarkInfo does not say the file is tagged (/Marked true)")
    if not str(root.get("/Lang", "")).strip():
        add("no document language (/Lang): a screen reader cannot choose its voice")
    preferences = root.get("/ViewerPreferences")
    if not (isinstance(preferences, pikepdf.Dictionary) and preferences.get("/DisplayDocTitle") is True):
        add("viewers are not asked to show the title (/DisplayDocTitle true)")
    metadata = root.get("/Metadata")
    xmp = metadata.read_bytes() if isinstance(metadata, pikepdf.Stream) else b""
    if b"<dc:title>" not in xmp:
        add("no title in the XMP metadata")
    if b"<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        add("no PDF/UA identifier in the XMP metadata (pdfuaid:part 1)")
    tooltips: dict[str, str] = {}
    for number, page in enumerate(pdf.pages, 1):
        annotations = page.obj.get("/Annots")
        widgets = [a for a in (annotations if isinstance(annotations, pikepdf.Array) else []) if a.get("/Subtype") == "/Widget"]
        if widgets and page.obj.get("/Tabs") != "/S":
            add(f"page {number}: form fields but no structure tab order (/Tabs /S)")
        for widget in widgets:
            field = widget.get("/Parent") if "/T" not in widget and "/Parent" in widget else widget
            name, tooltip = str(field.get("/T", "")), str(field.get("/TU", "")).strip()
            if not tooltip:
                add(f"page {number}: form field '{name}' has no tooltip (/TU) for a screen reader to announce")
            elif tooltips.setdefault(tooltip, name) != name:
                add(f"page {number}: form fields '{tooltips[tooltip]}' and '{name}' share the tooltip '{tooltip}'")
            if "/StructParent" not in widget:
                add(f"page {number}: form field '{name}' is not in the structure tree")
    if "/StructTreeRoot" in root:
        _check_elements(root.StructTreeRoot, add)
    return problems


_ARTIFACT = "Artifact".encode("utf-16-le") + b"\0\0"  # a mark's name as PDFium gives it


def _untagged_problems(shown: Where, number: int, page, out: _Out) -> list[Problem]:
    untagged = _untagged_objects(page.raw, out)
    return [Problem(shown, f"page {number}: {counted(untagged, 'drawing operation')} neither tagged content nor "
                           "an artifact")] if untagged else []


_SHALLOW_MARKS = 8  # an object inside this many sequences or fewer has its marks read one by one


def _untagged_objects(page, out: _Out) -> int:
    """How many of the page's own drawing objects (text, paths, images, placed forms,
    shadings: one for each operator that paints) lie in no marked content that tags them
    (a mark with an MCID) or marks them as an artifact. PDFium gives each object the
    marks of every sequence it lies in, outermost first, so the page is read once, by the
    pass that checks its drawing.

    Marked content nested deeper than _SHALLOW_MARKS (thousands deep, in a hostile file)
    is judged once a mark, not once an object: a mark is one sequence of the page, shared
    by every object inside it, and the marks around it were fixed when it began, so
    whether it or one around it covers is worked out once, from each object's innermost
    mark out to the first one already judged."""
    count = 0
    count_marks, get_mark = pdfium_c.FPDFPageObj_CountMarks, pdfium_c.FPDFPageObj_GetMark
    covered_by: dict[int, bool] = {}  # a deep mark's address -> whether it or a mark around it covers
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        drawn = pdfium_c.FPDFPage_GetObject(page, index)
        marks = count_marks(drawn)
        if marks > _SHALLOW_MARKS:
            if not _deeply_covered(drawn, marks, covered_by, out):
                count += 1
            continue
        for number in range(marks):
            if _covers(get_mark(drawn, number), out):
                break
        else:
            count += 1
    return count


def _deeply_covered(drawn, marks: int, covered_by: dict[int, bool], out: _Out) -> bool:
    unjudged = []
    covered = False
    for number in reversed(range(marks)):
        mark = pdfium_c.FPDFPageObj_GetMark(drawn, number)
        address = ctypes.cast(mark, ctypes.c_void_p).value
        known = covered_by.get(address)
        if known is not None:
            covered = known
            break
        unjudged.append((address, mark))
    for address, mark in reversed(unjudged):  # outermost first
        covered = covered or _covers(mark, out)
        covered_by[address] = covered
    return covered


def _covers(mark, out: _Out) -> bool:
    """Whether a mark tags what it holds (an MCID) or marks it as an artifact."""
    if pdfium_c.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", out.mcid):
        return True
    name, name_bytes = out.name, out.name_bytes
    return bool(pdfium_c.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), name_bytes)) \
        and bytes(name)[:name_bytes.value] == _ARTIFACT


def _check_elements(tree_root, add) -> None:
    """Headings in order never skip a level; figures have a real alternative; each Form
    element holds exactly one widget."""
    last = 0
    stack = [tree_root]
    seen: set = set()
    order = []
    while stack:  # depth first, in reading order
        element = stack.pop()
        if element.objgen in seen and element.objgen != (0, 0):
            continue
        seen.add(element.objgen)
        order.append(element)
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
        stack.extend(reversed([k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]))
    for element in order[1:]:
        role = str(element.get("/S", ""))
        heading = _HEADING.match(role)
        if heading:
            level = int(heading.group(1))
            if level > last + 1:
                add(f"heading H{level} follows H{last}: a level is skipped" if last else f"the first heading is H{level}, not H1")
            last = level
        elif role == "/Figure":
            alt = str(element.get("/Alt", "")).strip()
            if alt.lower() in _GENERIC_ALT:
                add("a figure without a real alternative text" + (f" ('{alt}')" if alt else ""))
        elif role == "/Form":
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            if sum(1 for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR") != 1:
                add("a Form element that does not hold exactly one form field")


def page_boxes(path: Path) -> list[tuple[tuple[float, ...], tuple[float, ...] | None]]:
    """Each page's MediaBox and TrimBox (None where it has none), in points."""
    with pdfium.PdfDocument(str(path)) as document:
        boxes = []
        for index in range(len(document)):
            page = document[index]
            try:
                trim = page.get_trimbox(fallback_ok=False)
                boxes.append((tuple(page.get_mediabox()), tuple(trim) if trim is not None else None))
            finally:
                page.close()
        return boxes


def pdfx_markers(path: Path) -> tuple[str | None, list[str]]:
    """The file's GTS_PDFXVersion (Info) and its PDF/X OutputIntents' condition identifiers."""
    with _open_pdf(path) as pdf:
        version = pdf.trailer.get("/Info", {}).get("/GTS_PDFXVersion") if "/Info" in pdf.trailer else None
        intents = [str(i.get("/OutputConditionIdentifier", "")) for i in pdf.Root.get("/OutputIntents", [])
                   if str(i.get("/S", "")) == "/GTS_PDFX"]
        return (str(version) if version is not None else None), intents


def total_ink_by_page(path: Path) -> list[tuple[float, str]]:
    """Each page's highest total of C+M+Y+K in percent, and what paints it: every CMYK
    fill and stroke colour set for painting, and every pixel of every CMYK image (a
    PDF/X-1a page is opaque, so what is painted there is printed there, or covered)."""
    found = []
    with _open_pdf(path) as pdf:
        for page in pdf.pages:
            found.append(_ink_of(page.obj, page.obj.get("/Resources"), 0))
    return found


def _ink_of(owner, resources, depth: int) -> tuple[float, str]:
    best = (0.0, "nothing")
    if depth > 8:
        return best
    try:
        instructions = pikepdf.parse_content_stream(owner)
    except pikepdf.PdfError:
        return best
    spaces = {"fill": None, "stroke": None}
    for operands, operator in instructions:
        op = str(operator)
        if op in ("k", "K"):
            total = sum(float(v) for v in operands) * 100
            if total > best[0]:
                best = (total, "a colour C{:.0f} M{:.0f} Y{:.0f} K{:.0f}".format(*(float(v) * 100 for v in operands)))
        elif op in ("cs", "CS"):
            spaces["fill" if op == "cs" else "stroke"] = str(operands[0]) if operands else None
        elif op in ("sc", "scn", "SC", "SCN") and len(operands) == 4 and spaces["fill" if op.islower() else "stroke"] == "/DeviceCMYK":
            total = sum(float(v) for v in operands) * 100
            best = max(best, (total, "a colour"), key=lambda b: b[0])
        elif op == "Do" and operands and resources is not None:
            xobject = resources.get("/XObject", {}).get(str(operands[0]))
            if xobject is None:
                continue
            if str(xobject.get("/Subtype", "")) == "/Image":
                best = max(best, _image_ink(xobject), key=lambda b: b[0])
            elif str(xobject.get("/Subtype", "")) == "/Form":
                best = max(best, _ink_of(xobject, xobject.get("/Resources", resources), depth + 1), key=lambda b: b[0])
    return best


def _image_ink(image) -> tuple[float, str]:
    if str(image.get("/ColorSpace", "")) != "/DeviceCMYK":
        return (0.0, "an image")
    try:
        picture = pikepdf.PdfImage(image).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
        return (0.0, "an image")
    from PIL import ImageMath

    channels = [c.convert("I") for c in picture.split()]
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=channels[0], m=channels[1],
                                  y=channels[2], k=channels[3])
    return (total.getextrema()[1] / 255 * 100, "an image")
