"""Typed reading of YAML mappings, recording every problem with its position.

A `Fields` reader wraps one mapping node. Each accessor returns a clean Python value
or None, and records a problem (wrong type, empty, missing, unknown key with a
"did you mean") instead of raising, so one pass finds everything that is wrong.
"""
from __future__ import annotations

import difflib
import re
from typing import Iterable

from generator.content.model import Colour
from generator.content.yamlsource import Mapping, Node, Scalar, Sequence
from generator.errors import Problems, Where

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc, less tab and newline


class Fields:
    def __init__(
        self,
        node: Node | None,
        problems: Problems,
        what: str,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        where: Where | None = None,
    ):
        self.problems = problems
        self.what = what
        self.valid = isinstance(node, Mapping)
        self.node: Mapping = node if isinstance(node, Mapping) else Mapping(where or Where("?"), {})
        if node is not None and not self.valid:
            problems.add(node.where, f"{what} should be {Mapping.kind}, not {node.kind}")
            return
        if node is None:
            return
        known = list(required) + list(optional)
        for key, key_where in self.node.key_where.items():
            if key not in known:
                problems.add(key_where, f"unknown key '{key}' in {what}{suggestion(key, known)}")
        for key in required:
            if key not in self.node.entries:
                problems.add(self.node.where, f"{what} is missing the required key '{key}'")

    # -- positions -------------------------------------------------------------
    def where(self, key: str) -> Where:
        value = self.node.get(key)
        return value.where if value is not None else self.node.where

    def has(self, key: str) -> bool:
        return key in self.node.entries

    def get(self, key: str) -> Node | None:
        return self.node.get(key)

    # -- values ----------------------------------------------------------------
    def text(self, key: str, default: str | None = None) -> str | None:
        node = self.node.get(key)
        if node is None:
            return default
        return node_text(node, f"'{key}'", self.problems)

    def text_list(self, key: str) -> tuple[str, ...] | None:
        node = self.node.get(key)
        if node is None:
            return None
        if not isinstance(node, Sequence):
            self.problems.add(node.where, f"'{key}' should be {Sequence.kind} of texts, each on a line starting with '- ', not {node.kind}")
            return None
        if not node.items:
            self.problems.add(node.where, f"'{key}' is an empty list; give at least one item")
            return None
        values = [node_text(item, f"item {i} of '{key}'", self.problems) for i, item in enumerate(node.items, 1)]
        return tuple(v for v in values if v is not None) if all(v is not None for v in values) else None

    def choice(self, key: str, options: Iterable[str], default: str | None = None) -> str | None:
        value = self.text(key, default)
        options = list(options)
        if value is not None and value not in options:
            self.problems.add(self.where(key), f"'{key}' must be one of {', '.join(options)}, not '{value}'{suggestion(value, options, list_known=False)}")
            return None
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        node = self.node.get(key)
        if node is None:
            return default
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        self.problems.add(node.where, f"'{key}' should be true or false, not '{getattr(node, 'raw', node.kind)}'")
        return default

    def number(self, key: str, default: float | None = None) -> float | None:
        node = self.node.get(key)
        if node is None:
            return default
        if isinstance(node, Scalar) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return float(node.value)
        self.problems.add(node.where, f"'{key}' should be a number, not '{getattr(node, 'raw', node.kind)}'")
        return None

    def colour(self, key: str) -> Colour | None:
        node = self.node.get(key)
        return None if node is None else node_colour(node, f"'{key}'", self.problems)

    def fields(self, key: str, what: str, *, required: Iterable[str] = (), optional: Iterable[str] = ()) -> "Fields | None":
        node = self.node.get(key)
        if node is None:
            return None
        sub = Fields(node, self.problems, what, required=required, optional=optional)
        return sub if sub.valid else None


def node_text(node: Node, label: str, problems: Problems) -> str | None:
    """The text of a scalar, tidied; problems for lists, mappings, yes/no and empties."""
    if not isinstance(node, Scalar):
        problems.add(node.where, f"{label} should be text, not {node.kind}")
        return None
    if isinstance(node.value, bool):
        problems.add(node.where, f"{label} reads as yes/no to YAML ('{node.raw}'); put the text in quotes")
        return None
    if node.value is None or not node.raw.strip():
        problems.add(node.where, f"{label} is empty")
        return None
    text = node.raw if not isinstance(node.value, str) else node.value
    control = _CONTROL.search(text)
    if control is not None:
        problems.add(node.where, f"{label} holds the control character U+{ord(control.group()):04X}, which cannot be printed; delete it")
        return None
    if not node.literal:
        # YAML folds a `>` block, a plain or a quoted text: its line breaks become spaces and
        # each blank line one line end. Such a line end is where the writer left a blank line.
        text = text.replace("\n", "\n\n")
    return tidy(text)


def node_colour(node: Node, label: str, problems: Problems) -> Colour | None:
    """A colour written as "#RRGGBB", or as {rgb: "#RRGGBB", cmyk: [C, M, Y, K]} in percent."""
    if isinstance(node, Scalar) and node.value is None:
        problems.add(node.where, f"{label} is empty; in YAML '#' starts a comment, so quote the colour: \"#005EB8\"")
        return None
    if isinstance(node, Mapping):
        spec = Fields(node, problems, f"colour {label}", required=("rgb",), optional=("cmyk",))
        rgb_node, cmyk_node = spec.get("rgb"), spec.get("cmyk")
        hex_code = node_colour(rgb_node, f"'rgb' of {label}", problems) if rgb_node is not None else None
        if cmyk_node is None or hex_code is None:
            return hex_code
        values = cmyk_node.items if isinstance(cmyk_node, Sequence) else ()
        numbers = [v.value for v in values if isinstance(v, Scalar) and isinstance(v.value, (int, float)) and not isinstance(v.value, bool)]
        if len(values) != 4 or len(numbers) != 4 or not all(0 <= n <= 100 for n in numbers):
            problems.add(cmyk_node.where, "'cmyk' should be four percentages [C, M, Y, K], each 0-100, e.g. [100, 50, 0, 0]")
            return None
        return Colour(hex_code.rgb, tuple(n / 100 for n in numbers))  # type: ignore[arg-type]
    text = node_text(node, label, problems)
    if text is None:
        return None
    if not HEX_COLOUR.match(text):
        problems.add(node.where, f"{label} should be a hex colour like \"#005EB8\" (or rgb: and cmyk:), not '{text}'")
        return None
    return Colour.from_hex(text)


_BREAKING_SPACE = re.compile(r"[ \t\r\n]+")


def split_words(text: str) -> list[str]:
    """Words between ordinary spaces, tabs and line ends only: a no-break space
    (`10\u00a0km`) or a narrow one (`1\u202f000`) is part of its word, kept as written
    and never broken at (str.split() would turn it into a plain space)."""
    return [word for word in _BREAKING_SPACE.split(text) if word]


def tidy(text: str) -> str:
    """Trailing spaces go, blank lines separate paragraphs, single newlines become spaces.
    Every text the tool prints holds its paragraphs so, apart by one blank line."""
    paragraphs = [" ".join(split_words(p)) for p in re.split(r"\n[ \t]*\n", text.strip(" \t\r\n"))]
    return "\n\n".join(p for p in paragraphs if p)


_LOOK_ALIKE = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})


def suggestion(word: str, known: Iterable[str], list_known: bool = True) -> str:
    """"; did you mean 'x'?" for a near miss, else the list of what is known. A word that
    differs only by a look-alike character ('theme-l' for 'theme-1') names that one;
    several equally near ones are all named, never one picked at random."""
    known = list(dict.fromkeys(known))
    alike = [k for k in known if k != word and k.translate(_LOOK_ALIKE) == word.translate(_LOOK_ALIKE)]
    if alike:
        return f"; did you mean '{alike[0]}'?"
    scores = {k: difflib.SequenceMatcher(None, word, k).ratio() for k in known}
    best = max(scores.values(), default=0.0)
    close = [k for k in known if scores[k] >= 0.6 and scores[k] == best]
    if close:
        named = [f"'{k}'" for k in close[:3]]
        return f"; did you mean {named[0] if len(named) == 1 else ', '.join(named[:-1]) + ' or ' + named[-1]}?"
    if known and list_known:
        return f" (expected one of: {', '.join(known)})"
    return ""
