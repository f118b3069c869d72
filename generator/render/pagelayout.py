"""ReportLab's page layout (Platypus), for the packs and the tagged files: imported here,
once, without compiling a pattern this tool never uses.

Platypus always imports ReportLab's paragraph module, which compiles at import a pattern
for breaking URLs in its `Paragraph`. The pattern is case-insensitive over all of
Unicode, so compiling it takes about 40 ms: a twentieth of a small build, in every
process that draws a pack or a screen deck. This tool sets its text itself (packtext.py)
and never uses that `Paragraph`, so the pattern is compiled only if something uses it.
"""
from __future__ import annotations

import re
import sys

# How the pattern begins (reportlab/platypus/paragraph.py, `uri_pat`, ReportLab 4 and 5).
_URL_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class CompiledWhenUsed:
    """A regular expression compiled the first time any of its methods is used."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):  # only for what the instance lacks: the pattern's own methods
        if "_source" not in self.__dict__:  # being copied or unpickled, before __init__ has run
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


def _import_platypus() -> None:
    if "reportlab.platypus" in sys.modules:
        return
    compile_now = re.compile

    def compile_unless_url_pattern(pattern, flags=0):
        if isinstance(pattern, str) and pattern.startswith(_URL_PATTERN_START):
            return CompiledWhenUsed(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_unless_url_pattern
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = compile_now


_import_platypus()

from reportlab.platypus import (  # noqa: E402  (after the import above, which sets it up)
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import LIIndenter  # noqa: E402

__all__ = ["BaseDocTemplate", "CondPageBreak", "Flowable", "Frame", "KeepTogether", "ListFlowable", "ListItem",
           "PageBreak", "PageTemplate", "Spacer", "Table", "TableStyle", "LIIndenter", "CompiledWhenUsed"]
