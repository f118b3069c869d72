"""ReportLab's page layout, imported without compiling the URL pattern this tool never
uses (generator/render/pagelayout.py): in a fresh process, as a build imports it."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

IMPORTED_AS_A_BUILD_DOES = """
import json, re
import generator.pipeline, generator.render.facilitator, generator.render.screen, generator.printing.preflight
import reportlab.platypus.paragraph as paragraph
from generator.render.pagelayout import CompiledWhenUsed
before = isinstance(paragraph.uri_pat, CompiledWhenUsed) and paragraph.uri_pat._compiled is None
print(json.dumps({
    "deferred": before,
    "compile restored": re.compile.__module__ == "re" and re.compile.__name__ == "compile",
    "pairs": paragraph._uri_split_pairs("https://example.org/guide/cards"),
    "not a url": paragraph._uri_split_pairs("not a url"),
}))
"""


def test_the_url_pattern_is_compiled_only_when_used_and_still_works():
    result = subprocess.run([sys.executable, "-c", IMPORTED_AS_A_BUILD_DOES], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    found = json.loads(result.stdout)
    # Fails when a new ReportLab changes the pattern's start: the 40 ms would come back unnoticed.
    assert found["deferred"] is True
    assert found["compile restored"] is True
    # ReportLab's own URL splitting, through the deferred pattern, as through the compiled one.
    assert found["pairs"] == [["https://example.org/guide/", "cards"], ["https://example.org/", "guide/cards"],
                              ["https://", "example.org/guide/cards"]]
    assert found["not a url"] is None
