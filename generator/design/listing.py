"""`cards list layouts` and `cards list themes`: what is available, one line each."""
from __future__ import annotations

from generator.content.catalogue import available, layout_dirs, theme_dirs
from generator.design.layout import load_layout
from generator.design.theme import load_style
from generator.errors import Problems, Where


def list_layouts() -> list[str]:
    """'name  W x H mm  description' for every layout found (bases, named '_...', left out)."""
    entries = []
    for name in available(layout_dirs()):
        if name.startswith("_"):
            continue
        problems = Problems()
        layout = load_layout(name, None, problems, Where("list"))
        if layout is None:
            entries.append(f"{name}	(has problems: {problems.items[0]})")
            continue
        size = f"{layout.width * 25.4 / 72:g} x {layout.height * 25.4 / 72:g} mm"
        entries.append(f"{name}	{size}	{layout.description}")
    return entries


def list_themes() -> list[str]:
    entries = []
    for name in available(theme_dirs()):
        problems = Problems()
        style = load_style(name, None, problems, Where("list"))
        entries.append(f"{name}	{style.description}" if style else f"{name}	(has problems: {problems.items[0]})")
    return entries
