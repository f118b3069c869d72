"""A file's bookmarks in runs of at most OUTLINE_RUN side by side.

Bookmarks side by side are a chain in the PDF (each names the next), and checkers walk
that chain as one path: page-validation, an independent PDF/UA checker, refuses to judge
a file whose chain is deeper than 256 with its default limits, as a screen deck or a pack
of more than about 250 cards had. Long lists are also hard to find one's way in. So every
run of more than OUTLINE_RUN bookmarks side by side is put in groups of consecutive ones,
nested as deep as needed, each group closed and named by the places of its first and
last entries ("1–100", "101–150": numbers, which no title can make ambiguous and no
language needs translated), pointing where its first entry points. A file with no
longer run than that keeps its bookmarks as they are.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Union

OUTLINE_RUN = 100  # bookmarks side by side, at most

Entry = Union[str, tuple]  # a bookmark's name, or (its name, the entries under it)


def in_runs(entries: list[Entry], most: int, group: Callable[[list[Entry], int, int], Entry], offset: int = 0) -> list[Entry]:
    """`entries` (and those under each) with every run of more than `most` side by side
    made into groups of consecutive entries, as few levels deep as will do:
    `group(run, first, last)`, with the run's first and last places in its list (from 1)."""
    entries = [(entry[0], in_runs(entry[1], most, group)) if isinstance(entry, tuple) else entry for entry in entries]
    if len(entries) <= most:
        return entries
    size = most
    while -(-len(entries) // size) > most:
        size *= most
    return [group(in_runs(entries[start:start + size], most, group, offset + start),
                  offset + start + 1, offset + min(start + size, len(entries)))
            for start in range(0, len(entries), size)]


def group_long_outline(outlines, canvas) -> None:
    """ReportLab's outline (pdfdoc.PDFOutlines) of the document `canvas` is saving, its
    runs made groups (`in_runs`) before it is written."""
    if outlines.mydestinations is not None or not outlines.levelstack:
        return
    outlines.addOutlineEntry(None)  # the tree closed, as PDFOutlines.prepare closes it
    firsts: dict[str, str] = {}  # a group's name -> the name of its first bookmark

    def group(run: list[Entry], first: int, last: int) -> Entry:
        name = f"outline-run-{len(firsts) + 1}"  # numbered in order: the same names every build
        opening = run[0] if isinstance(run[0], str) else run[0][0]
        firsts[name] = firsts.get(opening, opening)
        outlines.destinationnamestotitles[name] = f"{first}–{last}"
        target, here = canvas._bookmarkReference(firsts[name]), canvas._bookmarkReference(name)
        here.fmt, here.page = target.fmt, target.page  # where its first bookmark points
        outlines.closedict[name] = 1
        return (name, run)

    tree = in_runs(outlines.levelstack[0], OUTLINE_RUN, group)
    outlines.setDestinations(outlines.translateNames(canvas, tree))  # what prepare() would make of the tree
