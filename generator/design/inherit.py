"""`extends:` for layouts and themes: find the chain of parents, merge it into one tree.

Mappings deep-merge, scalars and lists replace, and `key: null` removes an inherited
key. Every merged node keeps its own file and line, so a problem in an inherited
value still points at the file that wrote it. A file that extends its own name
(e.g. a project's `layouts/tarot.yaml` with `extends: tarot`) extends the next file
of that name further down the search path: the built-in.
"""
from __future__ import annotations

from pathlib import Path

from generator.content.catalogue import available, is_file, name_problem, public
from generator.content.fields import node_text, suggestion
from generator.content.yamlsource import Mapping, load_yaml, merge
from generator.errors import Problems, Where, display_path


MAX_CHAIN = 16  # files one layout or theme may extend through, itself included


def resolve(kind: str, name: str, dirs: list[Path], problems: Problems, asked_at: Where) -> tuple[Path, Mapping] | None:
    """The file a name means and its tree merged over all its parents; None on a problem."""
    chain: list[Mapping] = []
    seen: list[tuple[str, Path]] = []
    current, start, where = name, 0, asked_at
    first_path: Path | None = None
    problem = name_problem(kind, name)
    if problem is not None:
        problems.add(asked_at, problem)
        return None
    while True:
        path, index = _find_from(current, dirs, start)
        if path is None:
            if not seen:
                problems.add(where, f"no {kind} named '{current}'{suggestion(current, public(available(dirs)))}")
            elif current == seen[-1][0]:
                problems.add(where, f"{kind} '{current}' extends itself, and there is no other {kind} named '{current}' further down the search path to extend")
            else:
                problems.add(where, f"{kind} '{seen[-1][0]}' extends '{current}', which does not exist{suggestion(current, available(dirs))}")
            return None
        if any(p.resolve() == path.resolve() for _, p in seen):
            loop = " -> ".join([n for n, _ in seen] + [current])
            problems.add(where, f"{kind} '{seen[-1][0]}' extends '{current}', which makes a loop: {loop}")
            return None
        node = load_yaml(path, problems)
        if node is None:
            return None
        if not isinstance(node, Mapping):
            problems.add(node.where, f"a {kind} file should be {Mapping.kind}, not {node.kind}")
            return None
        first_path = first_path or path
        seen.append((current, path))
        chain.append(node)
        parent_node = node.get("extends")
        if parent_node is None:
            break
        parent = node_text(parent_node, "'extends'", problems)
        if parent is None:
            return None
        problem = name_problem(kind, parent, base_allowed=True)
        if problem is not None:
            problems.add(parent_node.where, f"'extends': {problem}")
            return None
        if len(chain) >= MAX_CHAIN:
            problems.add(parent_node.where, f"'extends' goes more than {MAX_CHAIN} {kind}s deep; "
                                            f"a {kind} extends a handful at most")
            return None
        where = parent_node.where
        start = index + 1 if parent == current else 0
        current = parent
    merged = chain[-1]
    for child in reversed(chain[:-1]):
        merged = merge(merged, child)
    entries = {k: v for k, v in merged.entries.items() if k != "extends"}
    key_where = {k: v for k, v in merged.key_where.items() if k != "extends"}
    return first_path, Mapping(Where(display_path(first_path), 1, 1), entries, key_where)


def _find_from(name: str, dirs: list[Path], start: int) -> tuple[Path | None, int]:
    for index in range(start, len(dirs)):
        for suffix in (".yaml", ".yml"):
            candidate = dirs[index] / f"{name}{suffix}"
            if is_file(candidate):
                return candidate, index
    return None, -1
