"""YAML files as trees of positioned nodes. The only module that imports PyYAML.

Safe loading only. Duplicate keys, syntax errors and non-text keys become problems
with the file, line and column, so every later check can point at the user's line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml

from .errors import Problems, Where, display_path

# libyaml's loader (shipped in PyYAML's wheels) is several times faster; same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Scalar:
    where: Where
    value: object  # str, int, float, bool, None, date: as YAML resolved it
    raw: str  # the text as written, without quotes
    block: bool = False  # a `|` or `>` block: its text starts on the next line

    kind = "a single value"


@dataclass(frozen=True)
class Sequence:
    where: Where
    items: tuple["Node", ...]

    kind = "a list"


@dataclass(frozen=True)
class Mapping:
    where: Where
    entries: dict[str, "Node"]
    key_where: dict[str, Where] = field(default_factory=dict)

    kind = "a mapping of keys to values"

    def get(self, key: str) -> "Node | None":
        return self.entries.get(key)


Node = Union[Scalar, Sequence, Mapping]


def load_yaml(path: Path, problems: Problems) -> Node | None:
    """Parse one YAML file; on any problem, record it and return None."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.add(Where(shown), f"cannot read file: {err.strerror or err}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        where = Where(shown, data.count(b"\n", 0, err.start) + 1, err.start - line_start + 1)
        problems.add(where, f"file is not UTF-8 text (byte 0x{data[err.start]:02X}); save it as UTF-8")
        return None
    return parse_yaml(text, shown, problems)


def parse_yaml(text: str, shown_path: str, problems: Problems) -> Node | None:
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and "end of stream" in (err.problem or ""):
            # An unclosed quote or bracket: point at where it opened, not at the file's end.
            problems.add(Where(shown_path, err.context_mark.line + 1, err.context_mark.column + 1),
                         f"YAML syntax: opened here but never closed ({err.context})")
            return None
        where = Where(shown_path, mark.line + 1, mark.column + 1) if mark else Where(shown_path)
        message = err.problem or "invalid YAML"
        if err.context:
            started = err.context_mark
            same = started is None or (started.line, started.column) == (mark.line, mark.column)
            at = "" if same else f" (line {started.line + 1}, column {started.column + 1})"
            message = f"{message}, {err.context}{at}"
        problems.add(where, f"YAML syntax: {message}")
        return None
    except yaml.YAMLError as err:  # reader errors: control characters and the like
        problems.add(Where(shown_path), f"YAML syntax: {err}")
        return None
    if root is None:
        problems.add(Where(shown_path, 1, 1), "file is empty")
        return None
    # Duplicate keys are recorded but the tree is still returned (first value wins),
    # so the file's other problems are found in the same run.
    return _convert(root, shown_path, problems, yaml.constructor.SafeConstructor())


def _where(node: yaml.Node, path: str) -> Where:
    return Where(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, path: str, problems: Problems, ctor) -> Node:
    where = _where(node, path)
    if isinstance(node, yaml.ScalarNode):
        try:
            value = ctor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError):
            value = node.value
        return Scalar(where, value, node.value, node.style in ("|", ">"))
    if isinstance(node, yaml.SequenceNode):
        return Sequence(where, tuple(_convert(item, path, problems, ctor) for item in node.value))
    entries: dict[str, Node] = {}
    key_where: dict[str, Where] = {}
    for key_node, value_node in node.value:
        kw = _where(key_node, path)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.add(kw, "a key must be a plain word, not a list or mapping")
            continue
        key = key_node.value
        if key in entries:
            first = key_where[key]
            problems.add(kw, f"duplicate key '{key}' (first given on line {first.line})")
            continue
        entries[key] = _convert(value_node, path, problems, ctor)
        key_where[key] = kw
    return Mapping(where, entries, key_where)
