"""The floors `make bench` prints beside its targets: the bare pack draws what a pack must
(every card's page, its faces and its text), and bench/floor.py counts each part it says;
bench/instructions.py counts a command's instructions and its children's."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from pdfread import page_texts

FLAGSHIP = ROOT / "cards" / "system-leadership"


def test_the_bare_pack_has_a_page_for_each_card_with_its_text_and_faces(tmp_path):
    out = tmp_path / "pack.pdf"
    subprocess.run([sys.executable, str(ROOT / "bench" / "bare_pack.py"), str(FLAGSHIP), str(out)], check=True)
    texts = page_texts(out)
    titles = [line.split(": ", 1)[1].strip() for path in sorted((FLAGSHIP / "behaviours").glob("*.yaml"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title:")]
    assert len(texts) == len(titles) == 13
    for page, title in zip(texts, titles):
        assert title in page and page.count(title.split()[0]) >= 3, (title, page)  # and both faces' (which may wrap)
        assert "Individual:" in page and "Notes" in page


def test_the_floor_counts_every_part_it_names(tmp_path):
    built = tmp_path / "press.pdf"
    subprocess.run([sys.executable, str(ROOT / "bench" / "bare_reportlab.py"), str(FLAGSHIP), str(built)], check=True)
    log = tmp_path / "floor.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "floor.py"), str(FLAGSHIP), str(built), "--packs", "1",
                             "--json", str(log)], check=True, capture_output=True, text=True)
    figures = json.loads(result.stdout)
    assert json.loads(log.read_text(encoding="utf-8")) == figures
    parts = figures["seconds"]
    assert set(parts) == {"imports", "YAML read with positions", "faces drawn", "packs", "pages loaded (PDFium)",
                          "objects read (qpdf)", "total"}
    assert all(seconds > 0 for seconds in parts.values())
    assert abs(parts["total"] - sum(v for k, v in parts.items() if k != "total")) < 1e-9
    assert figures["files"] == 1 and figures["peak_mb"] > 20


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="bench/instructions.py counts with valgrind, which is not installed")
def test_instructions_are_counted_in_the_command_and_the_processes_it_starts():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from instructions import instructions
    finally:
        sys.path.remove(str(ROOT / "bench"))
    nothing = instructions([sys.executable, "-S", "-c", "pass"])
    work = "sum(range(3_000_000))"
    itself = instructions([sys.executable, "-S", "-c", work])
    in_a_child = instructions([sys.executable, "-S", "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-S', '-c', {work!r}])"])
    assert 0 < nothing < itself < in_a_child  # the child's own start and work are counted too
    assert in_a_child - itself > nothing / 2
