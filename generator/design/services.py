"""Print-service profiles: what each service wants a deck's files to be, as data.

A profile is `layouts/services/<name>.yaml` (the built-ins, overridden or added to by a
deck's or the project's `layouts/services/`, and able to `extends:` another, like
themes), so a designer can add a local shop without touching Python. It says what files
the service takes (one PDF, or one PNG a face), in which colours, the card sizes it sells,
bleed and safe margins, the ink limit, the page order or file names its uploader sorts,
and what to tell the person ordering. Every profile names the guide it was taken from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.catalogue import layout_dirs
from generator.content.conditions import CONDITIONS
from generator.content.fields import Fields
from generator.content.yamlsource import Mapping, Sequence
from generator.design.inherit import resolve
from generator.design.units import POINTS_PER, UnitError, parse_length
from generator.errors import Problems, Where

SERVICE_KEYS = ("title", "description", "source", "checked", "files", "colour", "printing", "ink-limit", "order", "bleed",
                "safe", "sizes", "dpi", "names", "upload", "stock")
FILES = ("pdf", "png")
ORDERS = ("front-back", "back-front")
SIZE_MATCH_MM = 1.0  # a deck this close to a size the service sells is printed at that size
NAME_FIELDS = re.compile(r"\{(side|number)\}")


@dataclass(frozen=True)
class ServiceSize:
    name: str
    width: float  # trim, points
    height: float

    @property
    def label(self) -> str:
        return f"{self.name} ({_inches(self.width)} x {_inches(self.height)} in, {_mm(self.width)} x {_mm(self.height)} mm)"


@dataclass(frozen=True)
class Service:
    name: str  # the file's name, as `--for` names it
    title: str  # the service's own name, as its users know it
    description: str
    source: str
    checked: str  # the date its guide was read against this file; "" where it was not
    files: str  # "pdf" or "png"
    colour: str  # "cmyk" or "rgb"
    printing: str | None  # the PDF's printing condition (conditions.CONDITIONS)
    ink_limit: float | None  # percent: C+M+Y+K anywhere on a page
    order: str  # PDF pages: "front-back" (front 1, back 1, ...) or "back-front"
    bleed: float  # points, each side
    safe: float
    sizes: tuple[ServiceSize, ...]  # empty: any size (a trade printer cuts what it is sent)
    dpi: float | None  # PNG services
    names: str  # a face's file name: "{side}-{number}.png"
    upload: str  # what to tell the person ordering, in ORDER.txt
    stock: str

    def pixels(self, size: ServiceSize) -> tuple[int, int]:
        """A face's exact pixel size with its bleed, at the service's dpi."""
        dpi = self.dpi or 300
        return (round((size.width + 2 * self.bleed) / 72 * dpi), round((size.height + 2 * self.bleed) / 72 * dpi))


def service_dirs(deck_folder: Path | None = None) -> list[Path]:
    return [d / "services" for d in layout_dirs(deck_folder)]


def load_service(name: str, deck_folder: Path | None, problems: Problems, asked_at: Where) -> Service | None:
    found = resolve("print service", name, service_dirs(deck_folder), problems, asked_at)
    if found is None:
        return None
    before = len(problems.items)
    _, node = found
    spec = Fields(node, problems, f"print service '{name}'",
                  required=("description", "source", "files", "colour", "order", "bleed", "safe", "upload"),
                  optional=("title", "checked", "printing", "ink-limit", "sizes", "dpi", "names", "stock"))
    files = spec.choice("files", FILES, "pdf")
    colour = spec.choice("colour", ("cmyk", "rgb"), "cmyk")
    printing = spec.choice("printing", tuple(CONDITIONS), None) if spec.has("printing") else None
    if files == "pdf" and printing is None:
        problems.add(spec.where("files"), f"a service taking a PDF needs 'printing' (one of: {', '.join(CONDITIONS)})")
    limit = spec.number("ink-limit", None) if spec.has("ink-limit") else None
    if limit is not None and not 100 <= limit <= 400:
        problems.add(spec.where("ink-limit"), f"'ink-limit' is a total of the four inks in percent, 100 to 400, not {limit:g}")
    dpi = spec.number("dpi", None) if spec.has("dpi") else None
    if dpi is not None and not 72 <= dpi <= 2400:
        problems.add(spec.where("dpi"), f"'dpi' should be from 72 to 2400, not {dpi:g}")
    checked = spec.text("checked") or ""
    if checked and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", checked):
        problems.add(spec.where("checked"), f"'checked' is the date the guide was read, YYYY-MM-DD, not '{checked}'")
    if files == "png" and dpi is None:
        problems.add(spec.where("files"), "a service taking PNG images needs 'dpi' (e.g. 300)")
    names = spec.text("names", "{side}-{number}.png") or "{side}-{number}.png"
    if files == "png" and (not names.endswith(".png") or set(NAME_FIELDS.findall(names)) != {"side", "number"}):
        problems.add(spec.where("names"), "'names' is a file name with {side} and {number} in it, ending .png, e.g. '{side}-{number}.png'")
    service = Service(
        name=name, title=spec.text("title", name) or name, description=spec.text("description") or "", source=spec.text("source") or "",
        checked=checked, files=files or "pdf", colour=colour or "cmyk", printing=printing,
        ink_limit=limit, order=spec.choice("order", ORDERS, "front-back") or "front-back",
        bleed=_length(spec, "bleed", problems), safe=_length(spec, "safe", problems),
        sizes=_sizes(spec, problems), dpi=dpi, names=names, upload=spec.text("upload") or "",
        stock=spec.text("stock", "") or "",
    )
    return service if len(problems.items) == before else None


def _length(spec: Fields, key: str, problems: Problems) -> float:
    node = spec.get(key)
    try:
        return parse_length(getattr(node, "raw", ""))
    except UnitError as err:
        problems.add(spec.where(key), f"'{key}': {err}")
        return 0.0


def _sizes(spec: Fields, problems: Problems) -> tuple[ServiceSize, ...]:
    node = spec.get("sizes")
    if node is None:
        return ()
    if not isinstance(node, Sequence):
        problems.add(node.where, "'sizes' should be a list of {name, width, height}, the card sizes the service sells")
        return ()
    sizes = []
    for item in node.items:
        size = Fields(item, problems, "a size", required=("name", "width", "height"))
        if not isinstance(item, Mapping) or not size.valid:
            continue
        sizes.append(ServiceSize(size.text("name") or "", _length(size, "width", problems), _length(size, "height", problems)))
    return tuple(sizes)


def nearest_size(service: Service, width: float, height: float) -> ServiceSize | None:
    """The size the service sells that a deck of `width` x `height` points is printed at:
    the nearest within SIZE_MATCH_MM on each side, or (a service cutting any size) the
    deck's own; None when it sells no such size."""
    if not service.sizes:
        return ServiceSize("as designed", width, height)
    tolerance = SIZE_MATCH_MM * POINTS_PER["mm"]
    close = [s for s in service.sizes if abs(s.width - width) <= tolerance and abs(s.height - height) <= tolerance]
    return min(close, key=lambda s: abs(s.width - width) + abs(s.height - height)) if close else None


def face_file_name(service: Service, side: str, number: int, count: int) -> str:
    """A face's PNG name, numbered with as many digits as the deck needs, so names sort in deck order."""
    digits = max(2, len(str(count)))
    return service.names.replace("{side}", side).replace("{number}", f"{number:0{digits}d}")


def page_order(count: int, order: str) -> list[tuple[int, str]]:
    """(card number, side) for each page of a service's PDF."""
    sides = ("back", "front") if order == "back-front" else ("front", "back")
    return [(card, side) for card in range(1, count + 1) for side in sides]


def _inches(points: float) -> str:
    return f"{points / 72:.3f}".rstrip("0").rstrip(".")


def _mm(points: float) -> str:
    return f"{points * 25.4 / 72:.1f}".rstrip("0").rstrip(".")


def available(deck_folder: Path | None = None) -> list[str]:
    names: set[str] = set()
    for folder in service_dirs(deck_folder):
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*.yaml") if not p.stem.startswith("_")}
    return sorted(names)
