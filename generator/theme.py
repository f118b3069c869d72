"""Visual themes: the fonts and colours a deck is printed in (`layouts/themes/*.yaml`).

Not to be confused with a deck's themes (the groups its behaviours belong to);
in code the visual theme is a `Style`, a deck's theme is a `ThemeGroup`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import font_dirs, read_named, theme_dirs
from .errors import Problems, Where, display_path
from .fields import Fields
from .model import Colour

FONT_ROLES = ("regular", "bold", "semibold", "italic")
COLOUR_ROLES = ("text", "muted", "on-theme", "paper")


@dataclass(frozen=True)
class FontFile:
    name: str  # PostScript-safe name the PDF uses, e.g. "SourceSansPro-Bold"
    path: Path


@dataclass(frozen=True)
class Style:
    name: str
    description: str
    fonts: dict[str, FontFile]
    colours: dict[str, Colour]
    where: Where = field(compare=False)
    font_where: dict[str, Where] = field(compare=False, default_factory=dict)


def load_style(name: str, deck_folder: Path | None, problems: Problems, asked_at: Where) -> Style | None:
    before = len(problems.items)
    found = read_named("theme", name, theme_dirs(deck_folder), problems, asked_at)
    if found is None:
        return None
    path, node = found
    spec = Fields(node, problems, f"theme '{name}'", required=("description", "fonts", "colours"))
    fonts_spec = spec.fields("fonts", "fonts", required=("regular", "bold"), optional=FONT_ROLES[2:])
    colours_spec = spec.fields("colours", "colours", required=COLOUR_ROLES)
    fonts: dict[str, FontFile] = {}
    if fonts_spec:
        search = font_dirs(path)
        for role in FONT_ROLES:
            file_name = fonts_spec.text(role)
            if file_name is None:
                continue
            found = next((d / file_name for d in search if (d / file_name).is_file()), None)
            if found is None or found.suffix.lower() != ".ttf":
                problems.add(fonts_spec.where(role), f"font '{file_name}' not found as a TrueType (.ttf) file in {', '.join(display_path(d) for d in search)}")
                continue
            fonts[role] = FontFile(Path(file_name).stem, found)
    colours = {role: c for role in COLOUR_ROLES if colours_spec and (c := colours_spec.colour(role))}
    description = spec.text("description")
    if len(problems.items) > before:
        return None
    return Style(
        name=name, description=description or "", fonts=fonts, colours=colours,
        where=Where(display_path(path), 1, 1),
        font_where={role: fonts_spec.where(role) for role in fonts} if fonts_spec else {},
    )
