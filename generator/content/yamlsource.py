"""YAML files as trees of positioned nodes. The only module that imports PyYAML.

The tree is built from libyaml's event stream, without recursion, under fixed limits
(file size, nesting depth, node count), so a hostile file is refused quickly in
bounded memory. Deck files are plain data: tags (`!x`), anchors (`&x`), aliases
(`*x`) and merge keys (`<<`) are refused, because in text they silently drop words.
Text is normalised to NFC, so a decomposed accent is drawn on its own letter.
Syntax errors become problems with the file, line and column and say what to do.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml

from generator.errors import Problems, Where, display_path

# libyaml's parser (shipped in PyYAML's wheels) is several times faster; same events and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR_TAG = "tag:yaml.org,2002:str"
MAX_FILE_BYTES = 1_000_000  # a 1,000-card deck's biggest file is a few hundred kB
MAX_DEPTH = 40  # deck files nest five deep at most
MAX_NODES = 100_000

# What YAML itself allows in a file (YAML 1.1 "printable"), less nothing: anything else
# is a control character pasted from another program.
_LOST_TEXT = re.compile(r"^[ \t]+(#[^\s#].*)$")
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Scalar:
    where: Where
    value: object  # str, int, float, bool, None, date: as YAML resolved it
    raw: str  # the text as written, without quotes
    block: bool = False  # a `|` or `>` block: its text starts on the next line
    literal: bool = False  # a `|` block: its line ends are kept (elsewhere YAML keeps only blank lines, as one)

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


def read_text_file(path: Path, problems: Problems, what: str = "file", shown: str | None = None) -> str | None:
    """A UTF-8 text file of at most MAX_FILE_BYTES, with no control characters; None (with a problem) otherwise."""
    shown = shown or display_path(path)
    try:
        if not path.is_file():  # checked before opening: a pipe would wait for a writer for ever
            kind = "a folder" if path.is_dir() else ("a link to nothing" if path.is_symlink() and not path.exists()
                                                       else "not a regular file (a device or a pipe)")
            problems.add(Where(shown), f"cannot read {what}: it is {kind}")
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        problems.add(Where(shown), f"cannot read {what}: {err.strerror or err}")
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.add(Where(shown), f"{what} is larger than {MAX_FILE_BYTES // 1_000_000} MB; a deck's files are far smaller, so this is not one")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        where = Where(shown, data.count(b"\n", 0, err.start) + 1, err.start - line_start + 1)
        problems.add(where, f"{what} is not UTF-8 text (byte 0x{data[err.start]:02X}); save it as UTF-8")
        return None
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write: not text
    return text if _printable(text, shown, problems) else None


def _printable(text: str, shown: str, problems: Problems) -> bool:
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:
        return True
    line = text.count("\n", 0, bad.start()) + 1
    col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    problems.add(Where(shown, line, col), f"control character U+{ord(bad.group()):04X} in the text (often pasted from another program); delete it")
    return False


def load_yaml(path: Path, problems: Problems) -> Node | None:
    """Parse one YAML file; on any problem, record it and return None."""
    shown = display_path(path)
    text = read_text_file(path, problems, shown=shown)
    return None if text is None else parse_yaml(text, shown, problems)


def parse_yaml(text: str, shown_path: str, problems: Problems) -> Node | None:
    before = len(problems.items)
    if not _printable(text, shown_path, problems):
        return None
    try:
        root = _Builder(text, shown_path, problems).build()
    except yaml.MarkedYAMLError as err:
        if not _refused_before(err, text, shown_path, problems):
            problems.add(*_syntax_problem(err, text, shown_path))
        return None
    except yaml.YAMLError as err:  # reader errors, already excluded by read_text_file
        problems.add(Where(shown_path), f"YAML syntax: {err}")
        return None
    except _Refused:
        return None
    if root is None and len(problems.items) == before:  # about the whole file: no line to name
        problems.add(Where(shown_path), "file is empty" if not text.strip() else "file holds only comments, no values")
    return root


def _refused_before(err: yaml.MarkedYAMLError, text: str, shown_path: str, problems: Problems) -> bool:
    """Whether the tool's own limits refuse the text before the parser's error, recorded if so.

    libyaml reads tokens ahead of the events it hands over (in a flow collection, up to
    its end, to tell a key from a value), so its own errors, such as its nesting limit,
    can come before the events that would have reached this module's limits. The text
    up to the error, parsed again, hands those events over: this module's message, at its
    place, is the one shown, whatever limits the installed libyaml has.
    """
    mark = err.problem_mark or err.context_mark
    if mark is None or not 0 < mark.index <= len(text):
        return False
    found = Problems()
    try:
        _Builder(text[: mark.index], shown_path, found).build()
    except _Refused:
        problems.extend([problem for problem in found.items if problem not in problems.items])
        return True
    except yaml.YAMLError:
        pass
    return False


_DOCUMENT_START, _ALIAS, _SCALAR = yaml.DocumentStartEvent, yaml.AliasEvent, yaml.ScalarEvent
_SEQUENCE_START, _SEQUENCE_END, _MAPPING_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.MappingEndEvent
_COLLECTION_STARTS = frozenset({yaml.SequenceStartEvent, yaml.MappingStartEvent})
_NODE_STARTS = _COLLECTION_STARTS | {yaml.ScalarEvent}


class _Refused(Exception):
    """A limit was reached: the problem is recorded, the file is not read further."""


class _Builder:
    """Positioned nodes from the event stream, with an explicit stack instead of recursion."""

    def __init__(self, text: str, shown_path: str, problems: Problems):
        self.text, self.path, self.problems = text, shown_path, problems
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.nodes = 0

    def where(self, mark) -> Where:
        return Where(self.path, mark.line + 1, mark.column + 1)

    def refuse(self, mark, message: str) -> None:
        self.refuse_at(self.where(mark), message)

    def build(self) -> Node | None:
        # Each open collection: [kind, where, items-or-entries, key_where, pending key (mappings)]
        stack: list[list] = []
        root: Node | None = None
        documents = 0
        for event in yaml.parse(self.text, Loader=_LOADER):
            kind_of = type(event)  # PyYAML's own event classes, never subclassed: compared by identity
            if kind_of is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    self.refuse(event.start_mark, "a second YAML document ('---'): a deck file holds one; remove the line")
                continue
            if kind_of is _ALIAS:
                self.refuse(event.start_mark, f"'*{event.anchor}' is read by YAML as a reference to an anchor, which deck files do not use; if this is text, put the whole text in quotes")
            if kind_of in _NODE_STARTS:
                if event.tag is not None or event.anchor is not None:
                    self.check_properties(event)
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    self.refuse(event.start_mark, f"more than {MAX_NODES:,} values in one file; a deck file has far fewer")
            node: Node | None = None
            if kind_of is _SCALAR:
                node = self.scalar(event)
            elif kind_of in _COLLECTION_STARTS:
                if len(stack) >= MAX_DEPTH:
                    self.refuse(event.start_mark, f"nested more than {MAX_DEPTH} levels deep; a deck file needs a handful")
                kind = "seq" if kind_of is _SEQUENCE_START else "map"
                stack.append([kind, self.where(event.start_mark), [] if kind == "seq" else {}, {}, None])
                continue
            elif kind_of is _SEQUENCE_END or kind_of is _MAPPING_END:
                kind, where, content, key_where, _ = stack.pop()
                node = Sequence(where, tuple(content)) if kind == "seq" else Mapping(where, content, key_where)
            if node is None:
                continue
            if not stack:
                root = node
            else:
                self.attach(stack[-1], node)
        return root

    def check_properties(self, event) -> None:
        is_text = isinstance(event, yaml.ScalarEvent) and event.style in (None, "")
        if event.tag is not None:
            if is_text:
                self.refuse(event.start_mark, f"'{event.tag} {event.value}' starts with '!', which YAML reads as a tag and drops from the text; put the whole text in quotes")
            self.refuse(event.start_mark, f"'{event.tag}' is a YAML tag, which deck files do not use; remove it (or put text in quotes)")
        if event.anchor is not None:
            if is_text:
                self.refuse(event.start_mark, f"'&{event.anchor} {event.value}' starts with '&', which YAML reads as an anchor and drops from the text; put the whole text in quotes")
            self.refuse(event.start_mark, f"'&{event.anchor}' is a YAML anchor, which deck files do not use; remove it (or put text in quotes)")

    def scalar(self, event) -> Scalar:
        if event.style in (None, "") and event.value:
            self.check_trailing_comment(event)
        raw = unicodedata.normalize("NFC", event.value)
        value: object = raw
        if event.style in (None, ""):  # only plain scalars can be numbers, yes/no, null or dates
            tag = self.resolver.resolve(yaml.ScalarNode, raw, tuple(event.implicit))
            if tag != _STR_TAG:
                node = yaml.ScalarNode(tag, raw, event.start_mark, event.end_mark, event.style)
                try:
                    value = self.constructor.construct_object(node, deep=True)
                except (yaml.constructor.ConstructorError, ValueError, OverflowError):
                    value = raw
        return Scalar(self.where(event.start_mark), value, raw, event.style in ("|", ">"), event.style == "|")

    def check_trailing_comment(self, event) -> None:
        """`title: Session #2` prints "Session": YAML reads ` #2` as a comment. A comment
        written straight after '#' on a line of text is far more likely lost text."""
        end = event.end_mark
        line_end = self.text.find("\n", end.index)
        rest = self.text[end.index: line_end if line_end >= 0 else len(self.text)]
        match = _LOST_TEXT.match(rest)
        if match:
            at = Where(self.path, end.line + 1, end.column + match.start(1) + 1)
            self.problems.add(at, f"YAML reads '{match.group(1).strip()[:30]}' as a comment and drops it from the text; "
                                  f"put the whole text in quotes (a comment needs a space after '#')")

    def attach(self, parent: list, node: Node) -> None:
        kind, _, content, key_where, pending = parent
        if kind == "seq":
            content.append(node)
            return
        if pending is None:  # this node is a key
            parent[4] = node
            return
        parent[4] = None
        key_node = pending
        if not isinstance(key_node, Scalar):
            self.problems.add(key_node.where, "a key must be a plain word, not a list or mapping")
            return
        key = key_node.raw
        if key == "<<" and key_node.value == "<<":
            self.refuse_at(key_node.where, "'<<' (a YAML merge key) is not used in deck files; write the keys out")
        if key in content:
            first = key_where[key]
            # Recorded, but the tree is still built (first value wins), so the file's
            # other problems are found in the same run.
            self.problems.add(key_node.where, f"duplicate key '{key}' (first given on line {first.line})")
            return
        content[key] = node
        key_where[key] = key_node.where

    def refuse_at(self, where: Where, message: str) -> None:
        self.problems.add(where, message)
        raise _Refused


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, path: str) -> tuple[Where, str]:
    """libyaml's message, translated into what to do where a hand-editing slip is likely."""
    mark = err.problem_mark or err.context_mark
    problem, context = err.problem or "invalid YAML", err.context or ""
    opened = _unclosed_quote(text, mark)
    if opened is not None:
        start, end = opened
        quote = text[start.index]
        return _at(path, start), (f"YAML syntax: the {quote} opened here is not closed on its line, so YAML reads on "
                                  f"to the next {quote} (line {end.line + 1}) as one text and then cannot make sense of "
                                  f"the file; close the quote on line {start.line + 1}")
    if err.context_mark is not None and "end of stream" in problem:
        # An unclosed quote or bracket: point at where it opened, not at the file's end.
        return _at(path, err.context_mark), f"YAML syntax: opened here but never closed ({context})"
    where = _at(path, mark) if mark is not None else Where(path)
    advice = _advice(problem, context, err, text)
    if advice is not None:
        at, message = advice
        return (_at(path, at) if at is not None else where), f"YAML syntax: {message}"
    message = problem
    if context:
        started = err.context_mark
        same = started is None or (started.line, started.column) == (mark.line, mark.column)
        message += f", {context}" + ("" if same else f" (line {started.line + 1}, column {started.column + 1})")
    return where, f"YAML syntax: {message}"


# After a line break inside a quoted text: what looks like the next key or list item.
_KEY_LIKE = re.compile(r"\n[ \t]*(?:- |[A-Za-z_][\w-]*:(?:[ \t]|$))", re.MULTILINE)


def _unclosed_quote(text: str, error) -> tuple | None:
    """(start, end) marks of a quoted text that runs over lines which look like keys or
    list items of their own, ending before the parser's error: a quote left open, which
    YAML closes at the next quote mark it finds, lines later. None if there is none."""
    if error is None:
        return None
    try:
        for token in yaml.scan(text[: error.index], Loader=_LOADER):
            if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
                continue
            start, end = token.start_mark, token.end_mark
            if end.line > start.line and _KEY_LIKE.search(text, start.index, end.index):
                return start, end
    except yaml.YAMLError:
        pass
    return None


QUOTE_IT = "put the whole text in quotes"


def _advice(problem: str, context: str, err: yaml.MarkedYAMLError, text: str):
    """(mark to point at or None, message) for the slips people make by hand, else None."""
    mark, started = err.problem_mark, err.context_mark
    char = _char_at(text, mark)
    if char == "\t" or "tab character" in problem:
        return None, "a tab is used for indentation here; indent with spaces, not tabs"
    if "cannot start any token" in problem and char:
        return None, f"YAML cannot read a value starting with '{char}'; {QUOTE_IT}, e.g. \"{char}...\""
    for what, sign in (("an alias", "*"), ("an anchor", "&"), ("a tag", "!")):
        if f"while scanning {what}" in context:
            return started, f"text starting with '{sign}' is read by YAML as {what}; {QUOTE_IT}"
    if "directive" in context:
        return started, f"a line starting with '%' is read by YAML as a directive; {QUOTE_IT}"
    if "block scalar" in context:
        return started, f"'>' or '|' followed by text on the same line: YAML expects the text on the lines below; to start the text with '>' or '|', {QUOTE_IT}"
    if "mapping values are not allowed" in problem:
        return None, f"this text holds ': ' (a colon and a space), which YAML reads as a new key; {QUOTE_IT}"
    if "block sequence entries are not allowed" in problem:
        return None, f"text starting with '- ' after a key is read by YAML as a list; {QUOTE_IT}"
    if "mapping keys are not allowed" in problem:
        return None, f"text starting with '? ' is read by YAML as a key; {QUOTE_IT}"
    if "did not find expected key" in problem or "did not find expected '-'" in problem:
        value = _value_start(text, mark)
        if value is not None and text[value[2]] in "'\"[{":
            opener = text[value[2]]
            return None, (
                f"text after a closing {'quote' if opener in chr(39) + chr(34) else 'bracket'}: a value starting with {opener} ends where it closes; "
                f"to keep the text, {QUOTE_IT} (use the other kind of quote inside, or double a single quote)"
            )
        return None, "this line is not lined up with the keys above it; indent keys at the same level by the same number of spaces"
    return None


def _char_at(text: str, mark) -> str:
    if mark is None or mark.index is None or mark.index >= len(text):
        return ""
    return text[mark.index]


def _value_start(text: str, mark):
    """(line, col, index) of the value on the problem's line: after `key: ` or `- `."""
    if mark is None:
        return None
    line_start = text.rfind("\n", 0, mark.index) + 1
    line_end = text.find("\n", line_start)
    line = text[line_start: line_end if line_end >= 0 else len(text)]
    match = re.match(r"^\s*(?:-\s+)?(?:[^:#'\"\[{]+:\s+)?", line)
    offset = match.end() if match else 0
    if offset >= len(line):
        return None
    return (mark.line, offset, line_start + offset)


def _at(path: str, mark) -> Where:
    return Where(path, mark.line + 1, mark.column + 1)


def merge(parent: Node, child: Node) -> Node:
    if not (isinstance(parent, Mapping) and isinstance(child, Mapping)):
        return child
    entries = dict(parent.entries)
    key_where = dict(parent.key_where)
    for key, value in child.entries.items():
        if isinstance(value, Scalar) and value.value is None:
            entries.pop(key, None)
            key_where.pop(key, None)
            continue
        if key in entries:
            entries[key] = merge(entries[key], value)
        else:  # nothing to change: a `null` inside removes nothing, so it is dropped, not read as an empty value
            entries[key] = merge(Mapping(value.where, {}, {}), value) if isinstance(value, Mapping) else value
        key_where[key] = child.key_where[key]
    return Mapping(child.where, entries, key_where)
