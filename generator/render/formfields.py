"""Fillable PDF form fields for the facilitator pack: radio buttons for the 1-5 scales and
multi-line text fields for notes. They work in Acrobat Reader, Preview and browsers'
viewers, and print blank.

ReportLab's own fields draw their appearance with fonts it does not embed (ZapfDingbats,
Helvetica); these draw theirs with lines only: an empty field draws nothing (the page
underneath carries the printed ring or ruled lines), a chosen step a bold ring. Text
typed into a notes field is set in the pack's own regular face, embedded for the
purpose (fieldfont.py), so a filled and flattened pack embeds every font it uses.

Each notes field has an appearance of its own: a form filler writes the typed text
into the field's appearance stream, and one stream shared by every field showed one
field's text in all of them.
"""
from __future__ import annotations

from reportlab.pdfbase.acroform import RadioGroup
from reportlab.pdfbase.pdfdoc import PDFName, PDFObject, PDFString
from reportlab.pdfgen.canvas import Canvas

from generator.render.fieldfont import field_font, resource_name
from generator.render.pdfobjects import Array, Dictionary

PRINT = 4  # annotation flag: printed (blank, as drawn by its appearance)
MULTILINE = 1 << 12
RADIO_FLAGS = (1 << 14) | (1 << 15)  # NoToggleToOff, Radio


def _form(canvas: Canvas):
    return canvas.acroForm


def _unique(canvas: Canvas, tooltip: str) -> str:
    """The tooltip a screen reader announces, told apart from any field's before it with the
    same words (two cards with one title, a writing area that runs over pages): "Notes (2)"."""
    used = canvas.__dict__.setdefault("_field_tooltips", {})
    count = used[tooltip] = used.get(tooltip, 0) + 1
    return tooltip if count == 1 else f"{tooltip} ({count})"


def _appearance(canvas: Canvas, width: float, height: float, stream: str):
    """An appearance stream, made once per document for each size and drawing: a pack's
    thousands of widgets share a handful (a viewer scales one to each widget's Rect)."""
    made = canvas.__dict__.setdefault("_field_appearances", {})
    key = (round(width, 2), round(height, 2), stream)
    if key not in made:
        form = _form(canvas)
        resources = Dictionary({"ProcSet": Array([PDFName("PDF")])})
        made[key] = form.getRef(form.makeStream(width, height, stream, Resources=resources))
    return made[key]


class _Widget(PDFObject):
    """A radio button's widget annotation, written straight as PDF text: a pack has ten for
    each behaviour, and ReportLab's general dictionaries cost more to write than the page."""

    def __init__(self, rect: tuple[float, float, float, float], value: str, parent, page, chosen, empty):
        self.rect, self.value = rect, value
        self.parent, self.page, self.chosen, self.empty = parent, page, chosen, empty
        self.struct_parent: int | None = None  # its key in a tagged document's parent tree

    def format(self, document) -> bytes:
        rect = " ".join(f"{v:.2f}" for v in self.rect)
        refs = [ref.format(document).decode("ascii") for ref in (self.parent, self.page, self.chosen, self.empty)]
        tagged = f" /StructParent {self.struct_parent}" if self.struct_parent is not None else ""
        return (f"<< /Type /Annot /Subtype /Widget /F {PRINT} /Parent {refs[0]} /Rect [{rect}] /AS /Off /P {refs[1]} "
                f"/H /N /AP << /N << {PDFName(self.value)} {refs[2]} /Off {refs[3]} >> >> /MK << >>{tagged} >>").encode("ascii")


def radio_group(canvas: Canvas, name: str, tooltip: str, centres: list[tuple[float, float]], radius: float,
                values: list[str]) -> None:
    """One radio button per value, centred on `centres` (page coordinates); none chosen."""
    form = _form(canvas)
    tooltip = _unique(canvas, tooltip)
    group = RadioGroup(name, tooltip=tooltip, fieldFlags=0)
    group.Ff = RADIO_FLAGS
    group._ref = form.getRef(group)
    form.fields.append(group._ref)
    size = 2 * radius
    ring = f"q 0 0 0 1 K 1.8 w {_circle(radius, radius, radius - 0.9)} S Q"
    chosen = _appearance(canvas, size, size, ring)
    empty = _appearance(canvas, size, size, "")
    widgets = []
    for (x, y), value in zip(centres, values):
        widget = _Widget((x - radius, y - radius, x + radius, y + radius), value, group._ref, canvas._doc.thisPageRef(),
                         chosen, empty)
        canvas._addAnnotation(widget)
        group.kids.append(form.getRef(widget))
        widgets.append(widget)
    structure = getattr(canvas, "structure", None)
    if structure is not None:
        for widget, key in zip(widgets, structure.annotate(canvas, [form.getRef(w) for w in widgets], tooltip)):
            widget.struct_parent = key


def _circle(cx: float, cy: float, r: float) -> str:
    """A circle as four Bezier curves, in PDF path operators."""
    k = 0.5523 * r
    points = [(cx + r, cy + k, cx + k, cy + r, cx, cy + r), (cx - k, cy + r, cx - r, cy + k, cx - r, cy),
              (cx - r, cy - k, cx - k, cy - r, cx, cy - r), (cx + k, cy - r, cx + r, cy - k, cx + r, cy)]
    curves = " ".join(" ".join(f"{v:.2f}" for v in curve) + " c" for curve in points)
    return f"{cx + r:.2f} {cy:.2f} m {curves}"


def text_field(canvas: Canvas, name: str, tooltip: str, rect: tuple[float, float, float, float], size: float = 10) -> None:
    """An empty multi-line text field over `rect` (page coordinates), no border or fill of
    its own, typed in the canvas's `field_font` (a registered TrueType name; `field_welsh`
    adds the Welsh letters to its encoding)."""
    form = _form(canvas)
    tooltip = _unique(canvas, tooltip)
    font = _typing_font(canvas)
    x0, y0, x1, y1 = (round(v, 2) for v in rect)
    appearance = form.makeStream(x1 - x0, y1 - y0, "/Tx BMC EMC",
                                 Resources=Dictionary({"Font": Dictionary({font: _field_font(canvas)})}))
    widget = Dictionary({
        "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Tx"), "F": PRINT, "Ff": MULTILINE,
        "T": PDFString(name), "TU": PDFString(tooltip), "DA": PDFString(f"/{font} {size:g} Tf 0 g"),
        "Rect": Array([x0, y0, x1, y1]),
        "P": canvas._doc.thisPageRef(), "MK": Dictionary({}),
        "AP": Dictionary({"N": form.getRef(appearance)}),  # its own: filling one field never shows in another
    })
    canvas._addAnnotation(widget)
    form.fields.append(form.getRef(widget))
    structure = getattr(canvas, "structure", None)
    if structure is not None:
        [key] = structure.annotate(canvas, [form.getRef(widget)], tooltip)
        widget["StructParent"] = key


def _typing_font(canvas: Canvas) -> str:
    """The form's font for typing, in its resources (/DR) and default appearance (/DA):
    the embedded field font, instead of the Helvetica ReportLab would name."""
    form = _form(canvas)
    font = resource_name(canvas.field_font)
    if "DR" not in form.extras:
        form.extras["DR"] = Dictionary({"Font": Dictionary({font: _field_font(canvas)})})
        form.extras["DA"] = PDFString(f"/{font} 0 Tf 0 g")
    return font


def _field_font(canvas: Canvas):
    return field_font(canvas, canvas.field_font, getattr(canvas, "field_welsh", False))
