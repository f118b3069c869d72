"""Problems with their source positions, and the one exception that carries them.

Every stage collects problems instead of stopping at the first one; the CLI turns
them into `path:line:col: error: message` lines and an exit status.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True, slots=True)
class Where:
    """A position in a source file; line and col count from 1 (0 = unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col or 1}"

    @classmethod
    def file(cls, path: Path | str) -> "Where":
        return cls(display_path(path), 0, 0)


@dataclass(frozen=True, order=True)
class Problem:
    where: Where
    message: str
    severity: str = "error"  # or "warning": reported, but nothing fails because of it

    def __str__(self) -> str:
        return shown(f"{self.where}: {self.severity}: {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def shown(text: str) -> str:
    """A message as one line a terminal shows as it is: line breaks (a newline in a file
    name, U+2028), direction overrides (U+202E, which would reorder what follows) and
    other invisible controls are written as escapes, `\\u202e`."""
    return "".join(_escaped(char) for char in text) if _UNSHOWABLE.search(text) else text


def _escaped(char: str) -> str:
    if not _UNSHOWABLE.match(char):
        return char
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}")


# C0 and C1 controls, line and paragraph separators, and the format characters that steer
# bidirectional text or hide (U+200B-U+200F, U+202A-U+202E, U+2060-U+2069, U+FEFF).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


class BuildError(Exception):
    """Content, layout or theme problems: exit status 1, nothing written."""

    def __init__(self, problems: list[Problem]):
        self.problems = in_order(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command line asked for something that cannot be done: exit status 2."""


def in_order(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in file, line and column order."""
    return sorted(set(problems), key=lambda p: (p.where.path, p.where.line, p.where.col, p.message))


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory if inside it.
    (os.path, not pathlib: a big deck shows thousands of paths, and this is 3x quicker.)"""
    try:
        # The folders resolved (/tmp is /private/tmp on a Mac), the name itself as it is: a
        # link in behaviours/ is shown by its own name, not its target's.
        absolute = os.path.abspath(path)
        folder, name = os.path.split(absolute)
        real = os.path.join(_real_directory(folder), name) if name else _real_directory(absolute)
        base = _real_directory(os.getcwd())
    except (ValueError, OSError):  # a name the system cannot resolve
        return str(Path(path))
    if os.path.normcase(real) == os.path.normcase(base):
        return "."
    inside = base if base.endswith(os.sep) else base + os.sep
    if os.path.normcase(real).startswith(os.path.normcase(inside)):
        return real[len(inside):]
    return str(Path(path))  # elsewhere: as given


@lru_cache(maxsize=256)
def _real_directory(directory: str) -> str:
    return os.path.realpath(directory)


class Problems:
    """A collector handed through a stage; `raise_if_any` ends the stage."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: Where, message: str) -> None:
        self.items.append(Problem(where, message))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)


def counted(number: int, noun: str) -> str:
    """"1 card", "2 cards", "1,000 cards": a count in a message, with the noun it needs."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
