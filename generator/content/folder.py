"""The shape of a deck folder: the names the tool reads, each the kind of entry it must be,
and the files it finds but does not read.

A deck's own names are fixed (`deck.yaml`, `facilitator.yaml`, `behaviours/`, `layouts/`,
`translations/`). One of them that is the wrong kind of entry (a folder named
`facilitator.yaml`, a file named `layouts`, a link to nothing) would otherwise be
passed over, and the deck built without what it holds: that is an error at its path.
A file the tool does not read where it reads others (`notes.txt` in behaviours/, a PO
file for a language the deck does not list) is a note, so nobody believes it is used.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Problems, Where, display_path

FILES = ("deck.yaml", "facilitator.yaml")
FOLDERS = ("behaviours", "layouts", "translations")
YAML_SUFFIXES = (".yaml", ".yml")


def is_yaml_name(name: str) -> bool:
    """A behaviour file's name: `.yaml` or `.yml` in any case (`HONESTY.YAML` from a
    Windows tool is one), not hidden (an editor's `.#honesty.yaml` lock is not a card)."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in YAML_SUFFIXES


def check_folder_shape(folder: Path, problems: Problems) -> None:
    """An error for each of the deck's own names that exists as the wrong kind of entry."""
    for name in FILES + FOLDERS:
        path = folder / name
        expected = "file" if name in FILES else "folder"
        kind = _kind(path)
        if kind is None or kind == expected:
            continue
        problems.add(Where(display_path(path)), f"'{name}' should be {_described(expected)}, but it is {_described(kind)}")


def _kind(path: Path) -> str | None:
    """'file', 'folder', 'dangling' (a link to nothing), 'other' (a device, a pipe), or None if absent."""
    try:
        if path.is_file():
            return "file"
        if path.is_dir():
            return "folder"
        return "dangling" if path.is_symlink() else ("other" if path.exists() else None)
    except (OSError, ValueError):
        return "other"


def _described(kind: str) -> str:
    return {"file": "a file", "folder": "a folder", "dangling": "a link to nothing",
            "other": "not a regular file (a device or a pipe)"}[kind]


def unread_files(folder: Path, languages: tuple[str, ...]) -> list[tuple[Path, str]]:
    """Files where the deck's files are that the build does not read, with why."""
    found: list[tuple[Path, str]] = []
    behaviours = folder / "behaviours"
    if behaviours.is_dir():
        for path in sorted(behaviours.iterdir()):
            if not path.name.startswith(".") and not is_yaml_name(path.name) and not path.is_dir():
                found.append((path, "not read: behaviour files end in .yaml (one per card); move other files out of behaviours/"))
    translations = folder / "translations"
    if translations.is_dir():
        # As the translator looks them up (translations.catalogue_files): each language the
        # deck is translated into, by its full name or its base language's (cy-GB, cy).
        listed = {name for language in languages[1:] for name in (language, language.split("-")[0])}
        for path in sorted(translations.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            stem, suffix = os.path.splitext(path.name)
            if suffix != ".po":
                found.append((path, "not read: translations are PO files named for their language (cy.po)"))
            elif stem not in listed:
                found.append((path, f"not read: the deck is not translated into '{stem}' (deck.yaml 'languages': "
                                    f"{', '.join(languages)}); add it there to print it"))
    return found
