"""Changing values in a YAML file someone wrote, keeping their comments, order and layout
(ruamel.yaml's round trip; the only module importing it). Used by `cards import`."""
from __future__ import annotations

import io
from typing import Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

Step = Union[str, tuple[str, str]]  # a key, or ("id", VALUE): the list item whose id is VALUE
Path_ = tuple[Step, ...]


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout the tool's own files use
    return yaml


def edit(text: str | None, changes: dict[Path_, object]) -> str:
    """`text` (None: a new file) with each path set to its value (None removes the key)."""
    yaml = _yaml()
    document = yaml.load(text) if text else None
    if document is None:
        document = CommentedMap()
    for path, value in changes.items():
        _set(document, path, value)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _set(document, path: Path_, value) -> None:
    node = document
    for step in path[:-1]:
        node = _step(node, step)
    last = path[-1]
    if value is None:
        if isinstance(node, CommentedMap):
            node.pop(last, None)
        return
    old = node.get(last) if isinstance(node, CommentedMap) else None
    node[last] = _styled(value, old)


def _step(node, step: Step):
    if isinstance(step, tuple):
        key, wanted = step
        for item in node:
            if isinstance(item, CommentedMap) and str(item.get(key)) == wanted:
                return item
        item = CommentedMap({key: wanted})
        node.append(item)
        return item
    if step not in node or node[step] is None:
        node[step] = CommentedMap()
    return node[step]


def _styled(value, old):
    """A new value written the way the old one was: a folded or literal block stays one;
    a long or multi-paragraph text becomes a folded block."""
    if isinstance(value, list):
        sequence = CommentedSeq(value)
        return sequence
    if not isinstance(value, str):
        return value
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(value)
    if isinstance(old, FoldedScalarString) or "\n" in value or len(value) > 80:
        return FoldedScalarString(value) if "\n\n" not in value else LiteralScalarString(value)
    return value
