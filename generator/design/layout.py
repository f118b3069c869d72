"""Card layouts (`layouts/*.yaml`): card size, bleed, safe zone, and the regions of each face.

A region is a box on the card, placed by two of `left`, `width`, `right` and two of
`top`, `height`, `bottom` (in mm, pt, in, cm or % of the trim), that is filled with a
colour, holds content, or both. Content is a Jinja template (`text:`) or one of the
structured kinds: the three labelled questions, the indicator lists, the theme's mark
(a shape that tells themes apart without colour) or the theme's logo. Text shrinks
from `size` down to `floor` to fit its box. `extends:` reuses another layout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.catalogue import layout_dirs
from generator.content.fields import HEX_COLOUR, Fields, suggestion
from generator.content.model import PERSPECTIVES
from generator.content.yamlsource import Mapping, Node, Scalar, merge
from generator.design.inherit import resolve
from generator.design.text import TextTemplate, compile_template
from generator.design.theme import FONT_ROLES
from generator.design.units import UnitError, parse_length
from generator.errors import Problems, Where

ABSOLUTE_FLOOR_PT = 6.5  # nothing anywhere prints smaller than this
MIN_SAFE_MM = 3.0
CARD_MM = (20.0, 400.0)  # a card's width and height: a coin to a poster
BLEED_MM = (0.0, 10.0)
LEADING = (0.8, 3.0)  # times the text size: tighter lines overlap, looser ones fall apart
COLOUR_REFS = ("text", "muted", "on-theme", "paper", "theme", "accent")
ALIGNS = ("left", "centre", "right")
VALIGNS = ("top", "middle", "bottom")
INDICATORS = ("enabling", "obstructing")
CONTENTS = ("text", "questions", "indicators", "enabling", "obstructing", "mark", "logo", "qr")
QR_KEY = "with-qr"  # a layout's regions for a deck printing QR codes: merged over the face's own
MIN_QR_MM = 10.0  # a code with its quiet zone: smaller, phones struggle to read it
TEXT_CONTENTS = ("text", "questions", "indicators", "enabling", "obstructing")
LABEL_KEYS = {"questions": PERSPECTIVES, "indicators": INDICATORS, "enabling": ("enabling",), "obstructing": ("obstructing",)}
REGION_KEYS = (
    "box", "fill", "text", "content", "font", "size", "floor", "leading", "align", "valign",
    "colour", "labels", "label-font", "label-colour", "inline-labels", "gap", "bullet", "small-print",
)
LAYOUT_KEYS = ("description", "size", "bleed", "safe", "front", "back")
EDGE_TOLERANCE = 0.01  # points


@dataclass(frozen=True)
class Box:
    """A rectangle in points, x to the right and y downwards from the trim's top-left."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def inset(self, by: float) -> "Box":
        return Box(self.x + by, self.y + by, self.width - 2 * by, self.height - 2 * by)

    def contains(self, other: "Box", tolerance: float = EDGE_TOLERANCE) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class Region:
    name: str
    box: Box
    fill: str | None  # a colour reference (see COLOUR_REFS) or "#RRGGBB"
    text: TextTemplate | None
    content: str  # one of CONTENTS
    font: str
    size: float
    floor: float
    leading: float
    align: str
    valign: str
    colour: str
    labels: dict[str, str]
    label_font: str
    label_colour: str
    inline_labels: bool  # questions: "Individual What ..." on one line instead of a label above
    gap: float
    bullet: str
    small_print: bool  # a footer or label: a theme's min-size does not apply
    where: Where = field(compare=False)
    field_where: dict[str, Where] = field(compare=False, default_factory=dict)

    @property
    def has_text(self) -> bool:
        return self.content in TEXT_CONTENTS and (self.content != "text" or self.text is not None)


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    width: float  # trim, points
    height: float
    bleed: float
    safe: float  # text stays this far inside the trim
    front: tuple[Region, ...]
    back: tuple[Region, ...]
    where: Where = field(compare=False)

    @property
    def trim(self) -> Box:
        return Box(0, 0, self.width, self.height)

    @property
    def safe_box(self) -> Box:
        return self.trim.inset(self.safe)


def background_of(regions: tuple[Region, ...], index: int) -> str:
    """The colour reference under region `index`: its own fill, else the last filled
    region drawn before it that covers it, else the paper."""
    region = regions[index]
    if region.fill is not None:
        return region.fill
    for earlier in reversed(regions[:index]):
        if earlier.fill is not None and earlier.box.contains(region.box):
            return earlier.fill
    return "paper"


def load_layout(name: str, deck_folder: Path | None, problems: Problems, asked_at: Where,
                trim: tuple[float, float] | None = None, bleed: float | None = None,
                safe_at_least: float | None = None, qr_side: str | None = None) -> Layout | None:
    """The named layout; `trim` (points) cuts it to another size, its regions placed anew
    from the edges they are measured from, `bleed` replaces its bleed and `safe_at_least`
    widens its safe margin: what a print service sells and asks for (content/services.py).
    `qr_side`: the face a deck prints QR codes on, whose regions the layout's `with-qr:`
    changes (a place for the code, the text moved aside for it)."""
    bleed_wanted = bleed
    before = len(problems.items)
    found = resolve("layout", name, layout_dirs(deck_folder), problems, asked_at)
    if found is None:
        return None
    path, node = found
    spec = Fields(node, problems, f"layout '{name}'", required=LAYOUT_KEYS, optional=(QR_KEY,))
    if qr_side is not None:
        node = _with_qr(name, spec, qr_side, problems)
        if node is None:
            return None
        spec = Fields(node, problems, f"layout '{name}'", required=LAYOUT_KEYS, optional=(QR_KEY,))
    size = spec.fields("size", "'size'", required=("width", "height"))
    width = _length(size, "width", problems) if size else None
    height = _length(size, "height", problems) if size else None
    bleed = _length(spec, "bleed", problems)
    safe = _length(spec, "safe", problems)
    if trim is not None and width is not None and height is not None:
        width, height = trim
    if bleed_wanted is not None and bleed is not None:
        bleed = bleed_wanted
    if safe_at_least is not None and safe is not None:
        safe = max(safe, safe_at_least)
    if safe is not None and safe < MIN_SAFE_MM * 72 / 25.4 - EDGE_TOLERANCE:
        problems.add(spec.where("safe"), f"'safe' must be at least {MIN_SAFE_MM:g}mm: cutting is only accurate to about 1.6mm")
    for key, value, low, high in (("width", width, *CARD_MM), ("height", height, *CARD_MM), ("bleed", bleed, *BLEED_MM)):
        if value is not None and not low - 1e-6 <= value * 25.4 / 72 <= high + 1e-6:
            where = size.where(key) if key in ("width", "height") else spec.where(key)
            problems.add(where, f"'{key}' should be from {low:g}mm to {high:g}mm, not {value * 25.4 / 72:g}mm")
            return None
    if width is None or height is None or safe is None or bleed is None:
        return None
    if safe * 2 >= min(width, height):
        problems.add(spec.where("safe"), "'safe' leaves no room on the card")
        return None
    trim = Box(0, 0, width, height)
    faces = {side: _read_regions(spec, side, trim, trim.inset(safe), problems) for side in ("front", "back")}
    if qr_side is not None and not any(r.content == "qr" for r in faces[qr_side]) and len(problems.items) == before:
        problems.add(spec.where(QR_KEY) if spec.has(QR_KEY) else Where(str(node.where.path), 1, 1),
                     f"layout '{name}' has no place for a QR code on the {qr_side}: give it a region with "
                     f"'content: qr' under '{QR_KEY}: {qr_side}:' (at least {MIN_QR_MM:g} mm square), or choose a layout "
                     "that has one (cards list layouts)")
    if len(problems.items) > before:
        return None
    return Layout(
        name=name, description=spec.text("description") or "", width=width, height=height,
        bleed=bleed, safe=safe, front=faces["front"], back=faces["back"], where=Where(str(node.where.path), 1, 1),
    )


def _length(spec: Fields, key: str, problems: Problems, percent_of: float | None = None) -> float | None:
    node = spec.get(key)
    if node is None:
        return None
    if not isinstance(node, Scalar) or isinstance(node.value, bool):
        problems.add(node.where, f"'{key}' should be a length such as 3mm, not {node.kind}")
        return None
    try:
        value = parse_length(node.raw, percent_of)
    except UnitError as err:
        problems.add(node.where, f"'{key}': {err}")
        return None
    if value < 0:
        problems.add(node.where, f"'{key}' cannot be negative")
        return None
    return value


def _read_regions(spec: Fields, side: str, trim: Box, safe: Box, problems: Problems) -> tuple[Region, ...]:
    node = spec.get(side)
    if node is None:
        return ()
    if not isinstance(node, Mapping):
        problems.add(node.where, f"'{side}' should be a mapping of region names to regions, not {node.kind}")
        return ()
    regions = []
    for name, region in node.entries.items():
        if isinstance(region, Mapping) and "box" not in region.entries:
            # No box: not a region of its own, so meant to change an inherited one.
            others = [other for other in node.entries if other != name]
            close = suggestion(name, others, list_known=False)
            if close:
                problems.add(node.key_where.get(name, region.where), f"unknown region '{name}' on the {side}{close} (a new region needs a 'box')")
                continue
        regions.append(_read_region(name, region, trim, safe, problems))
    return tuple(r for r in regions if r is not None)


def _read_box(spec: Fields, name: str, trim: Box, problems: Problems) -> Box | None:
    box = spec.fields("box", "'box'", optional=("left", "width", "right", "top", "height", "bottom"))
    if box is None:
        return None
    axes = (("left", "width", "right", trim.width), ("top", "height", "bottom", trim.height))
    spans = []
    for start_key, size_key, end_key, extent in axes:
        given = {k: _length(box, k, problems, extent) for k in (start_key, size_key, end_key) if box.has(k)}
        if len(given) != 2:
            hint = " (to replace an inherited one, set it to null)" if len(given) == 3 else ""
            problems.add(box.node.where, f"region '{name}': 'box' needs two of '{start_key}', '{size_key}' and '{end_key}', not {len(given)}{hint}")
            return None
        if any(v is None for v in given.values()):
            return None
        start = given.get(start_key, extent - given.get(end_key, 0) - given.get(size_key, 0))
        length = given[size_key] if size_key in given else extent - given[end_key] - start
        spans.append((start, length))
    (x, width), (y, height) = spans
    if width <= 0 or height <= 0:
        problems.add(box.node.where, f"region '{name}': the box has no area ({width * 25.4 / 72:.1f} x {height * 25.4 / 72:.1f} mm)")
        return None
    return Box(x, y, width, height)


def _read_region(name: str, node: Node, trim: Box, safe: Box, problems: Problems) -> Region | None:
    before = len(problems.items)
    spec = Fields(node, problems, f"region '{name}'", required=("box",), optional=REGION_KEYS[1:])
    if not spec.valid:
        return None
    box = _read_box(spec, name, trim, problems)
    content = spec.choice("content", CONTENTS, "text") or "text"
    template = _read_template(spec, name, content, problems)
    fill = _colour_ref(spec, "fill", None, problems)
    if content == "text" and template is None and fill is None and not spec.has("text"):
        problems.add(spec.node.where, f"region '{name}' has no 'text', 'fill' or 'content'")
    size = _length(spec, "size", problems) if spec.has("size") else 10.0
    floor = _length(spec, "floor", problems) if spec.has("floor") else 7.0
    if size is not None and floor is not None:
        if floor < ABSOLUTE_FLOOR_PT - EDGE_TOLERANCE:
            problems.add(spec.where("floor"), f"region '{name}': 'floor' {floor:g}pt is below the {ABSOLUTE_FLOOR_PT:g}pt minimum for print")
        if size < floor:
            problems.add(spec.where("size"), f"region '{name}': 'size' {size:g}pt is smaller than its 'floor' {floor:g}pt")
    label_keys = LABEL_KEYS.get(content, ())
    labels_spec = spec.fields("labels", "'labels'", optional=label_keys)
    # Labels a layout gives are printed as written in every language; the others are the
    # tool's words (layouts/translations/words.yaml), translated, and a deck's `labels:` change them.
    labels = {k: text for k in label_keys if labels_spec and (text := labels_spec.text(k))}
    if box is not None and content == "qr" and min(box.width, box.height) < MIN_QR_MM * 72 / 25.4 - EDGE_TOLERANCE:
        problems.add(spec.where("box"), f"region '{name}': a QR code needs at least {MIN_QR_MM:g} mm square with its quiet "
                                        f"zone; the box is {box.width * 25.4 / 72:.1f} x {box.height * 25.4 / 72:.1f} mm")
    if box is not None:
        if not trim.contains(box):
            problems.add(spec.where("box"), f"region '{name}' reaches outside the card")
        elif content != "text" or template is not None:
            if not safe.contains(box):
                problems.add(spec.where("box"), f"region '{name}' holds {content} but reaches outside the safe zone ({safe.x * 25.4 / 72:g}mm inside the trim)")
    region = Region(
        name=name, box=box, fill=fill, text=template, content=content,  # type: ignore[arg-type]
        font=spec.choice("font", FONT_ROLES, "regular") or "regular",
        size=size or 10.0, floor=floor or 7.0,
        leading=_leading(spec, problems),
        align=spec.choice("align", ALIGNS, "left") or "left",
        valign=spec.choice("valign", VALIGNS, "top") or "top",
        colour=_colour_ref(spec, "colour", "on-theme" if content == "mark" else "text", problems) or "text",
        labels=labels,
        label_font=spec.choice("label-font", FONT_ROLES, "bold") or "bold",
        label_colour=_colour_ref(spec, "label-colour", "accent", problems) or "accent",
        inline_labels=spec.flag("inline-labels"),
        gap=(_length(spec, "gap", problems) if spec.has("gap") else None) or 0.0,
        bullet=spec.text("bullet", "•") or "•",
        small_print=spec.flag("small-print"),
        where=spec.node.where,
        field_where={key: spec.where(key) for key in spec.node.entries},
    )
    return region if len(problems.items) == before else None


def _leading(spec: Fields, problems: Problems) -> float:
    leading = spec.number("leading", 1.2)
    if leading is None:
        return 1.2
    if not LEADING[0] <= leading <= LEADING[1]:
        problems.add(spec.where("leading"), f"'leading' is the line height as a multiple of the text size, from {LEADING[0]:g} to {LEADING[1]:g}, not {leading:g}")
        return 1.2
    return leading


def _read_template(spec: Fields, name: str, content: str, problems: Problems) -> TextTemplate | None:
    node = spec.get("text")
    if node is None:
        return None
    if content != "text":
        problems.add(spec.where("text"), f"region '{name}': 'content: {content}' prints its own text; remove 'text'")
        return None
    if isinstance(node, Scalar) and isinstance(node.value, str) and node.value.strip():
        return compile_template(node.value, node.where, node.block, problems)
    problems.add(node.where, f"region '{name}': 'text' should be a template such as \"{{{{ card.title }}}}\"")
    return None


def _colour_ref(spec: Fields, key: str, default: str | None, problems: Problems) -> str | None:
    value = spec.text(key)
    if value is None:
        return default
    if value in COLOUR_REFS or HEX_COLOUR.match(value):
        return value
    problems.add(spec.where(key), f"'{key}' should be one of {', '.join(COLOUR_REFS)} or a hex colour like \"#005EB8\", not '{value}'{suggestion(value, COLOUR_REFS, list_known=False)}")
    return None


def _with_qr(name: str, spec: Fields, side: str, problems: Problems) -> Mapping | None:
    """The layout with its `with-qr:` regions for `side` merged over that face's own."""
    patch = spec.get(QR_KEY)
    node = spec.node
    if patch is None:
        return node
    if not isinstance(patch, Mapping):
        problems.add(patch.where, f"'{QR_KEY}' should hold 'front:' and/or 'back:', each the regions that change when "
                                  "a deck prints QR codes on that face")
        return None
    for key in patch.entries:
        if key not in ("front", "back"):
            problems.add(patch.key_where.get(key, patch.where), f"unknown key '{key}' in '{QR_KEY}' (expected front or back)")
            return None
    changes = patch.entries.get(side)
    if changes is None:
        return node
    entries = dict(node.entries)
    entries[side] = merge(entries[side], changes) if side in entries else changes
    return Mapping(node.where, entries, dict(node.key_where))
