"""Changing values in a YAML file someone wrote, keeping their comments, order and layout
(ruamel.yaml's round trip; the only module importing it). Used by `cards import`."""
from __future__ import annotations

import difflib
import io
import re
from typing import Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

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
    """A new value written the way the old one was: a folded block keeps its `>` (or `>-`)
    and its line breaks wherever the words around them are unchanged; a literal block, a
    quoted text and a list's unchanged items stay as written; a long or multi-paragraph
    new text becomes a folded or literal block."""
    if isinstance(value, list):
        if isinstance(old, CommentedSeq):  # edit in place: unchanged items keep their style and comments
            old_items = [str(item) for item in old]
            for index, item in enumerate(value):
                if index < len(old) and old_items[index] != item:
                    old[index] = _styled(item, old[index])
                elif index >= len(old):
                    old.append(_styled(item, None))
            del old[len(value):]
            return old
        return CommentedSeq(value)
    if not isinstance(value, str):
        return value
    if isinstance(old, LiteralScalarString) or "\n" in value:
        return LiteralScalarString(value + _kept_end(old, value))  # paragraphs, kept as lines
    if isinstance(old, FoldedScalarString):
        return _refolded(value, old)
    if isinstance(old, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        return type(old)(value)
    if len(value) > FOLD_AT:
        return _folded(value)
    return value


def _kept_end(old, value: str) -> str:
    """The line end a block's `>` or `|` keeps (clip chomping), when the old value had it."""
    return "\n" if isinstance(old, str) and old.endswith("\n") and not value.endswith("\n") else ""


def _refolded(text: str, old: FoldedScalarString) -> FoldedScalarString:
    """`text` folded where `old` was, wherever the text around a break is unchanged; a line
    the edit made much longer (past the old longest line and 100 characters) is folded again at spaces."""
    old_text = str(old)
    old_words, new_words = _words(old_text), _words(text)
    if len(old_words) + len(new_words) > MATCH_LIMIT:  # matching costs length squared: a huge cell is folded anew
        return _folded(text + _kept_end(old, text))
    starts = {start: index for index, (start, _) in enumerate(old_words)}
    mapped: dict[int, int] = {}  # old word -> new word, where unchanged
    matcher = difflib.SequenceMatcher(None, [w for _, w in old_words], [w for _, w in new_words], autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            mapped.update({i: j1 + i - i1 for i in range(i1, i2)})
    kept = []
    for position in getattr(old, "fold_pos", None) or ():  # a break between two unchanged neighbours stays
        after = starts.get(position + 1)
        if after is not None and after - 1 in mapped and after in mapped and mapped[after] == mapped[after - 1] + 1:
            kept.append(new_words[mapped[after]][0] - 1)
    kept = [p for p in kept if _foldable(text, p)]
    longest = max((len(line) for line in _lines_between(old_text, getattr(old, "fold_pos", None) or ())), default=FOLD_AT)
    positions, start = [], 0
    for end in kept + [len(text)]:
        positions += _more_folds(text, start, end, max(longest, FOLD_AT + 20))
        if end < len(text):
            positions.append(end)
        start = end + 1
    folded = FoldedScalarString(text + _kept_end(old, text))
    folded.fold_pos = positions  # type: ignore[attr-defined]
    return folded


def _words(text: str) -> list[tuple[int, str]]:
    """Each word of `text` (a run without spaces) with where it starts."""
    return [(match.start(), match.group()) for match in re.finditer(r"[^ ]+", text)]


def _lines_between(text: str, folds) -> list[str]:
    bounds = [-1] + list(folds) + [len(text.rstrip("\n"))]
    return [text[a + 1:b] for a, b in zip(bounds, bounds[1:])]


def _foldable(text: str, index: int) -> bool:
    """A space YAML can fold: between two words (a break beside another space would not read back as one)."""
    return 0 < index < len(text) - 1 and text[index] == " " and text[index - 1] != " " and text[index + 1] not in " \n"


def _more_folds(text: str, start: int, end: int, width: int) -> list[int]:
    """Folds inside text[start:end] so that no line is longer than `width` where a space allows."""
    positions, line_start = [], start
    while end - line_start > width:
        spaces = [i for i in range(line_start + 1, min(end, line_start + width + 1)) if _foldable(text, i)]
        if not spaces:
            break
        positions.append(spaces[-1])
        line_start = spaces[-1] + 1
    return positions


FOLD_AT = 80
MATCH_LIMIT = 6_000  # words of old and new text together: far beyond a card's description


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
