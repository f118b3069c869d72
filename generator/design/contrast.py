"""Text contrast (WCAG 2): every text region against what it is printed on. Pure.

Needs 4.5:1, or 3:1 for large text (18 pt and up, or 14 pt bold and up, judged at
the region's floor size because text may shrink to it). Checked once per region and
deck theme, since group colours change the answer.
"""
from __future__ import annotations

from generator.content.model import Colour, Deck, ThemeGroup
from generator.design.layout import Layout, Region, background_of
from generator.design.theme import Style
from generator.errors import Problems, Where

NORMAL, LARGE = 4.5, 3.0


def luminance(colour: Colour) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour.rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def needed_ratio(size: float, bold: bool) -> float:
    return LARGE if size >= 18 or (bold and size >= 14) else NORMAL


def check_contrast(deck: Deck, layout: Layout, style: Style, problems: Problems) -> None:
    for side, regions in (("front", layout.front), ("back", layout.back)):
        for number, region in enumerate(regions):
            if not region.has_text:
                continue
            background_ref = background_of(regions, number)
            for index, group in enumerate(deck.themes):
                background = colour_of(background_ref, style, group, index)
                refs = [(region.colour, region.font)]
                if region.content != "text":
                    refs.append((region.label_colour, region.label_font))
                for ref, font in refs:
                    text = colour_of(ref, style, group, index)
                    ratio = contrast_ratio(text, background)
                    need = needed_ratio(region.floor, font in ("bold", "semibold"))
                    if ratio < need - 1e-9:
                        where = _blame(ref, background_ref, region, style, group)
                        problems.add(where, (
                            f"theme '{style.name}', layout '{layout.name}', {side} region '{region.name}': "
                            f"{ref} text {text.hex} on {background_ref} {background.hex} for deck theme '{group.name}' "
                            f"has contrast {ratio:.1f}:1; it needs {need:g}:1"
                        ))


def colour_of(ref: str, style: Style, group: ThemeGroup, index: int) -> Colour:
    if ref == "theme":
        return style.fill_of(group, index)
    if ref == "accent":
        return style.accent_of(group, index)
    if ref in style.colours:
        return style.colours[ref]
    return Colour.from_hex(ref)


def _blame(text_ref: str, background_ref: str, region: Region, style: Style, group: ThemeGroup) -> Where:
    """The line to fix: a deck's own theme colour if one is involved (it is what varies),
    else the theme's colour, else the layout's."""
    refs = (text_ref, background_ref)
    if ("theme" in refs and style.group_fill is None) or ("accent" in refs and style.group_accent is None):
        return group.colour_where
    for ref in refs:
        if ref in style.colours:
            return style.where_of(f"colours.{ref}")
        if ref in ("theme", "accent"):
            return style.where_of(f"groups.{'fill' if ref == 'theme' else 'accent'}")
    return region.field_where.get("colour", region.where)
