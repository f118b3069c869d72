"""Where layouts, themes and fonts are found by name.

Search order, first hit wins: the deck's own `layouts/` folder, the project's
`layouts/` (the working directory's), then the built-ins shipped in this repository's
`layouts/`. A designer overrides a built-in by adding a file of the same name.
"""
from __future__ import annotations

from pathlib import Path

from .errors import Problems, Where
from .fields import suggestion

BUILTIN_LAYOUTS = Path(__file__).resolve().parent.parent / "layouts"


def layout_dirs(deck_folder: Path | None = None) -> list[Path]:
    dirs = []
    if deck_folder is not None:
        dirs.append(deck_folder / "layouts")
    dirs.append(Path.cwd() / "layouts")
    dirs.append(BUILTIN_LAYOUTS)
    unique: list[Path] = []
    for d in dirs:
        if d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def theme_dirs(deck_folder: Path | None = None) -> list[Path]:
    return [d / "themes" for d in layout_dirs(deck_folder)]


def find_named(name: str, dirs: list[Path]) -> Path | None:
    for directory in dirs:
        for suffix in (".yaml", ".yml"):
            candidate = directory / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def check_named(kind: str, name: str, dirs: list[Path], problems: Problems, asked_at: Where) -> Path | None:
    """The file for a layout or theme name, or a problem with a "did you mean"."""
    path = find_named(name, dirs)
    if path is None:
        problems.add(asked_at, f"no {kind} named '{name}'{suggestion(name, available(dirs))}")
    return path


def available(dirs: list[Path]) -> list[str]:
    names = {p.stem for d in dirs if d.is_dir() for p in d.iterdir() if p.suffix in (".yaml", ".yml")}
    return sorted(names)


def font_dirs(theme_file: Path) -> list[Path]:
    """A theme's fonts: beside the theme, in layouts/fonts, then the packaged family."""
    dirs = [theme_file.parent / "fonts", theme_file.parent.parent / "fonts", BUILTIN_LAYOUTS / "fonts"]
    try:
        import font_source_sans_pro  # the default family, a PyPI package of TTF files

        dirs.append(Path(font_source_sans_pro.font_directory))
    except ImportError:  # pragma: no cover - a dependency; reported as a missing font
        pass
    return dirs
