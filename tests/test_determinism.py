"""The same input gives byte-identical PDFs, in one process and across processes."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SAMPLE_DECKS
from generator.pipeline import build


def test_two_builds_are_byte_identical(tmp_path, built_all):
    again = {(w.deck.id, w.path.name): w.path for w in build(SAMPLE_DECKS, tmp_path).written}
    assert len(again) == len(built_all) == 14  # press, A4, Letter, fold-over and facilitator A4 and Letter, for two decks
    for key, path in built_all.items():
        assert again[key].read_bytes() == path.read_bytes(), key


def test_a_fresh_process_gives_the_same_bytes(tmp_path, built):
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "cards/system-leadership", "--out", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True,
    )
    assert (tmp_path / "system-leadership" / "system-leadership-press.pdf").read_bytes() == built["system-leadership"].read_bytes()


def test_builds_with_spawned_workers_give_the_same_bytes(tmp_path, built_all, monkeypatch):
    """Windows and macOS start worker processes by spawning (no fork): the whole build,
    preflight in two spawned workers included, works and writes the same bytes."""
    import generator.pipeline as pipeline

    started = []
    real = pipeline.multiprocessing.get_context
    monkeypatch.setattr(pipeline.multiprocessing, "get_context", lambda method=None: started.append(method) or real(method))
    outcome = build(SAMPLE_DECKS, tmp_path, start_method="spawn")
    assert started == ["spawn"] and not outcome.problems
    again = {(w.deck.id, w.path.name): w.path for w in outcome.written}
    for key, path in built_all.items():
        assert again[key].read_bytes() == path.read_bytes(), key


def test_nothing_asks_for_fork():
    for source in (ROOT / "generator").rglob("*.py"):
        assert '"fork"' not in source.read_text(encoding="utf-8"), source
