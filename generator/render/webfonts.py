"""The published site's fonts: each cut down to the characters its pages use and packed as
WOFF2, so a phone loads tens of kilobytes instead of whole TrueType fonts. The only module
using fontTools.

A subset only ever grows: the characters of the font already on the site are kept, so a
page published earlier (and not written again) still finds every glyph it uses."""
from __future__ import annotations

import io
from pathlib import Path

ALWAYS = "".join(chr(code) for code in range(0x20, 0x7F)) + "\u00a0‘’“”–—…·•©®°×"  # for text any page may gain


def characters_of(font_file: Path) -> set[str]:
    """The characters a font (TrueType or WOFF2) has glyphs for; none if it cannot be read."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(font_file), lazy=True) as font:
            return {chr(code) for code in font.getBestCmap() or {}}
    except (OSError, TTLibError, ValueError, KeyError, AssertionError):
        return set()


def write_web_font(source: Path, characters: set[str], target: Path) -> None:
    """`source` cut to `characters` (and ALWAYS) as WOFF2; the same input gives the same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # kerning and ligatures as the full font sets them
    options.name_IDs = ["*"]  # the font's names, its copyright and licence notices kept
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # byte-identical files, publish after publish
    font = TTFont(str(source), recalcTimestamp=False)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in characters | set(ALWAYS)))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff2"
        font.save(buffer, reorderTables=False)
    finally:
        font.close()
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(target)


__all__ = ["characters_of", "write_web_font"]
