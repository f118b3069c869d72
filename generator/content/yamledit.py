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
    yaml.width = 100_000  # lines nobody changed stay as they were written; new long texts fold (_folded)
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
    if isinstance(old, LiteralScalarString) or "\n" in value:
        return LiteralScalarString(value)  # paragraphs, kept as lines
    if isinstance(old, FoldedScalarString) or len(value) > FOLD_AT:
        return _folded(value)
    return value


FOLD_AT = 80


def _folded(text: str) -> FoldedScalarString:
    """A `>` block folded at spaces about every FOLD_AT characters (folding turns each line
    break back into the space it replaced, so the text is unchanged)."""
    folded = FoldedScalarString(text)
    positions, line_start = [], 0
    for index, char in enumerate(text):
        if char == " " and index - line_start > FOLD_AT - 10 and 0 < index < len(text) - 1 and text[index + 1] != " ":
            positions.append(index)
            line_start = index + 1
    folded.fold_pos = positions  # type: ignore[attr-defined]
    return folded
