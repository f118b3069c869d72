"""Where layouts, themes and fonts are found by name.

Search order, first hit wins: the deck's own `layouts/` folder, the project's
`layouts/` (the working directory's), then the built-ins (this repository's top-level
`layouts/`, shipped in the package as `generator.builtins`). A designer overrides a built-in by adding a file of the same name.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from generator.content.fields import suggestion
from generator.errors import Problems, UsageError, Where

# A layout or theme name is a file name without its suffix: no folders, no dots, and
# short. Names starting with "_" are bases, only for `extends:`.
NAME = re.compile(r"^_?[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

# The repository's top-level layouts/ folder, installed as the package generator.builtins.
BUILTIN_LAYOUTS = Path(str(resources.files("generator.builtins")))


_BASES: dict[Path, tuple[Path, ...]] = {}  # a variant deck's folder -> its bases' folders, nearest first


def register_bases(deck_folder: Path, bases: tuple[Path, ...]) -> None:
    """A variant's layouts come from its own folder, then its bases' (see layout_dirs)."""
    _BASES[deck_folder.resolve()] = bases


def base_folders(deck_folder: Path) -> tuple[Path, ...]:
    return _BASES.get(deck_folder.resolve(), ())


def layout_dirs(deck_folder: Path | None = None) -> list[Path]:
    dirs = []
    if deck_folder is not None:
        dirs.append(deck_folder / "layouts")
        dirs += [base / "layouts" for base in base_folders(deck_folder)]
    dirs.append(Path.cwd() / "layouts")
    dirs.append(BUILTIN_LAYOUTS)
    unique: list[Path] = []
    for d in dirs:
        if d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def theme_dirs(deck_folder: Path | None = None) -> list[Path]:
    return [d / "themes" for d in layout_dirs(deck_folder)]


def is_file(path: Path) -> bool:
    """`path.is_file()`, but False instead of an error for a name no file system can hold
    (too long, a NUL byte): such a name comes from a deck's text, and is reported there."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    """`path.is_dir()`, False for a name no file system can hold (as `is_file`)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def find_named(name: str, dirs: list[Path]) -> Path | None:
    for directory in dirs:
        for suffix in (".yaml", ".yml"):
            candidate = directory / f"{name}{suffix}"
            if is_file(candidate):
                return candidate
    return None


def name_problem(kind: str, name: str, base_allowed: bool = False) -> str | None:
    """Why `name` cannot name a layout or theme, or None."""
    shown = name if len(name) <= 40 else name[:40] + "..."
    if not NAME.match(name):
        return f"'{shown}' is not a {kind} name: use up to 64 letters, digits, hyphens and underscores (e.g. 'poker')"
    if name.startswith("_") and not base_allowed:
        return f"'{name}' is a base for other {kind}s (its name starts with '_'); name a {kind} that extends it"
    return None


def check_named(kind: str, name: str, dirs: list[Path], problems: Problems, asked_at: Where) -> Path | None:
    """The file for a layout or theme name, or a problem with a "did you mean"."""
    problem = name_problem(kind, name)
    if problem is not None:
        problems.add(asked_at, problem)
        return None
    path = find_named(name, dirs)
    if path is None:
        problems.add(asked_at, f"no {kind} named '{name}'{suggestion(name, public(available(dirs)))}")
    return path


def check_design_name(kind: str, name: str, deck_folders: list[Path]) -> None:
    """A layout or theme named on the command line must exist for at least one deck."""
    problem = name_problem(kind, name)
    if problem is not None:
        raise UsageError(f"--{kind}: {problem}")
    dirs = [d for folder in deck_folders or [None] for d in (layout_dirs(folder) if kind == "layout" else theme_dirs(folder))]
    if find_named(name, dirs) is None:
        raise UsageError(f"--{kind}: no {kind} named '{name}'{suggestion(name, public(available(dirs)))} (see 'cards list {kind}s')")


def public(names: list[str]) -> list[str]:
    return [n for n in names if not n.startswith("_")]


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
