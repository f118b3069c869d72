"""Visual themes: the fonts, colours and logo a deck is printed with (`layouts/themes/*.yaml`).

Not to be confused with a deck's themes (the groups its behaviours belong to);
in code the visual theme is a `Style`, a deck's theme is a `ThemeGroup`.
A style says how groups are told apart: their fill colour (`groups: fill:`) and the
colour of text drawn in the group's colour on paper (`groups: accent:`), each either
`deck` (the deck's own colours), one colour for all, or a list used in theme order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.catalogue import font_dirs, is_file, theme_dirs
from generator.content.fields import Fields, node_colour
from generator.content.model import Colour, ThemeGroup
from generator.content.yamlsource import Scalar, Sequence
from generator.design.inherit import resolve
from generator.design.units import UnitError, parse_length
from generator.errors import Problems, Where, display_path

FONT_ROLES = ("regular", "bold", "semibold", "italic")
COLOUR_ROLES = ("text", "muted", "on-theme", "paper")
THEME_KEYS = ("description", "fonts", "colours", "groups", "text-scale", "min-size", "fine-text", "logo")

GroupColours = tuple[Colour, ...] | None  # None: the deck's own colours


@dataclass(frozen=True)
class FontFile:
    name: str  # the name the PDF uses, e.g. "SourceSansPro-Bold"
    path: Path


@dataclass(frozen=True)
class Style:
    name: str
    description: str
    fonts: dict[str, FontFile]
    colours: dict[str, Colour]
    group_fill: GroupColours
    group_accent: GroupColours
    text_scale: float
    min_size: float  # points: no body text smaller (regions marked small-print excepted)
    fine_text_black: bool  # text under 12 pt needing several inks prints in the text colour
    logo: Path | None
    where: Where = field(compare=False)
    field_where: dict[str, Where] = field(compare=False, default_factory=dict)

    def fill_of(self, group: ThemeGroup, index: int) -> Colour:
        return _pick(self.group_fill, group, index)

    def accent_of(self, group: ThemeGroup, index: int) -> Colour:
        return _pick(self.group_accent, group, index)

    def where_of(self, key: str) -> Where:
        return self.field_where.get(key, self.where)


def _pick(colours: GroupColours, group: ThemeGroup, index: int) -> Colour:
    return group.colour if colours is None else colours[index % len(colours)]


def load_style(name: str, deck_folder: Path | None, problems: Problems, asked_at: Where) -> Style | None:
    before = len(problems.items)
    found = resolve("theme", name, theme_dirs(deck_folder), problems, asked_at)
    if found is None:
        return None
    path, node = found
    spec = Fields(node, problems, f"theme '{name}'", required=("description", "fonts", "colours"), optional=THEME_KEYS[3:])
    fonts_spec = spec.fields("fonts", "'fonts'", required=("regular", "bold"), optional=FONT_ROLES[2:])
    colours_spec = spec.fields("colours", "'colours'", required=COLOUR_ROLES)
    groups_spec = spec.fields("groups", "'groups'", optional=("fill", "accent"))
    fonts = _read_fonts(fonts_spec, problems) if fonts_spec else {}
    colours = {role: c for role in COLOUR_ROLES if colours_spec and (c := colours_spec.colour(role))}
    where_of = {f"colours.{k}": colours_spec.where(k) for k in COLOUR_ROLES} if colours_spec else {}
    where_of.update({f"fonts.{k}": fonts_spec.where(k) for k in FONT_ROLES} if fonts_spec else {})
    where_of.update({f"groups.{k}": groups_spec.where(k) for k in ("fill", "accent")} if groups_spec else {})
    where_of.update({k: spec.where(k) for k in THEME_KEYS})
    scale = spec.number("text-scale", 1.0)
    if scale is not None and not 0.5 <= scale <= 3:
        problems.add(spec.where("text-scale"), f"'text-scale' should be between 0.5 and 3, not {scale:g}")
    min_size = _min_size(spec, problems)
    logo = _read_logo(spec, problems)
    style = Style(
        name=name, description=spec.text("description") or "", fonts=fonts, colours=colours,
        group_fill=_group_colours(groups_spec, "fill", problems),
        group_accent=_group_colours(groups_spec, "accent", problems),
        text_scale=scale or 1.0, min_size=min_size, logo=logo,
        fine_text_black=spec.choice("fine-text", ("black", "as-designed"), "as-designed") == "black", where=Where(display_path(path), 1, 1), field_where=where_of,
    )
    return style if len(problems.items) == before else None


def _read_fonts(spec: Fields, problems: Problems) -> dict[str, FontFile]:
    fonts: dict[str, FontFile] = {}
    for role in FONT_ROLES:
        file_name = spec.text(role)
        if file_name is None:
            continue
        # Fonts are looked for beside the file that names them, so an inherited
        # font keeps working from a child theme in another folder.
        search = font_dirs(Path(spec.where(role).path))
        found = next((d / file_name for d in search if is_file(d / file_name)), None)
        if found is None or found.suffix.lower() != ".ttf":
            places = ", ".join(display_path(d) for d in search)
            problems.add(spec.where(role), f"font '{file_name}' not found as a TrueType (.ttf) file in {places}")
            continue
        fonts[role] = FontFile(Path(file_name).stem, found.resolve())
    return fonts


def _min_size(spec: Fields, problems: Problems) -> float:
    """`min-size: 12pt`: a large-print theme's promise that body text never shrinks below it."""
    node = spec.get("min-size")
    if node is None:
        return 0.0
    try:
        value = parse_length(getattr(node, "raw", ""))
    except UnitError as err:
        problems.add(node.where, f"'min-size': {err}")
        return 0.0
    if not 6 <= value <= 72:
        problems.add(node.where, f"'min-size' should be between 6pt and 72pt, not {value:g}pt")
        return 0.0
    return value


def _read_logo(spec: Fields, problems: Problems) -> Path | None:
    file_name = spec.text("logo")
    if file_name is None:
        return None
    path = Path(spec.where("logo").path).parent / file_name
    if not is_file(path):
        problems.add(spec.where("logo"), f"logo file '{file_name}' not found beside the theme ({display_path(path)})")
        return None
    return path


def _group_colours(spec: Fields | None, key: str, problems: Problems) -> GroupColours:
    node = spec.get(key) if spec else None
    if node is None or (isinstance(node, Scalar) and node.value == "deck"):
        return None
    items = node.items if isinstance(node, Sequence) else (node,)
    colours = [node_colour(item, f"'groups: {key}'", problems) for item in items]
    if not items:
        problems.add(node.where, f"'groups: {key}' should be 'deck', a colour, or a list of colours")
        return None
    return tuple(c for c in colours if c is not None) if all(colours) else None
