"""The same input gives byte-identical PDFs, in one process and across processes."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SAMPLE_DECKS

from generator.pipeline import PrintOptions, build


def test_two_builds_are_byte_identical(tmp_path, built_all):
    again = {(w.deck.id, w.path.name): w.path for w in build(SAMPLE_DECKS, tmp_path).written}
    assert len(again) == len(built_all) == 24  # press, A4, Letter, fold-over and facilitator A4 and Letter, screen, for three decks
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
    import multiprocessing

    started = []
    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: started.append(method) or real(method))
    outcome = build(SAMPLE_DECKS, tmp_path, start_method="spawn")
    assert started == ["spawn"] and not outcome.problems  # one pair of workers writes the files, then preflights them
    again = {(w.deck.id, w.path.name): w.path for w in outcome.written}
    for key, path in built_all.items():
        assert again[key].read_bytes() == path.read_bytes(), key


def test_nothing_asks_for_fork():
    for source in (ROOT / "generator").rglob("*.py"):
        assert '"fork"' not in source.read_text(encoding="utf-8"), source


def trailer_id(path):
    import pikepdf

    with pikepdf.open(path) as pdf:
        return [bytes(part) for part in pdf.trailer.ID]


def test_the_id_follows_the_content_and_the_dates_follow_source_date_epoch(tmp_path, built, monkeypatch):
    """Reproducible, yet identifiable: the same input gives the same /ID; a one-word edit
    or another layout gives another; SOURCE_DATE_EPOCH (else the deck's date) sets every date."""
    import shutil

    import pikepdf

    original = built["system-leadership"]
    deck = tmp_path / "system-leadership"
    shutil.copytree(ROOT / "cards" / "system-leadership", deck)
    again = build([deck], tmp_path / "same", options=PrintOptions(outputs=("press",))).written[0].path
    assert again.read_bytes() == original.read_bytes()
    card = deck / "behaviours" / "06-trust.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("Builds trust", "Grows trust"), encoding="utf-8")
    edited = build([deck], tmp_path / "edited", options=PrintOptions(outputs=("press",))).written[0].path
    poker = build([ROOT / "cards" / "system-leadership"], tmp_path / "poker", "poker", None, PrintOptions(outputs=("press",))).written[0].path
    ids = [trailer_id(p) for p in (original, edited, poker)]
    assert ids[0][0] == ids[1][0] != ids[2][0]  # the document's own half: the same deck and file name
    assert len({i[1] for i in ids}) == 3  # the content's half: another text, another layout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    dated = build([deck], tmp_path / "dated", options=PrintOptions(outputs=("press", "facilitator"))).written
    for written in dated:
        with pikepdf.open(written.path) as pdf:
            assert str(pdf.docinfo["/CreationDate"]) == str(pdf.docinfo["/ModDate"]) == "D:20260101000000+00'00'"
            with pdf.open_metadata() as xmp:
                assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2026-01-01T00:00:00Z"
                assert xmp["dc:title"] == str(pdf.docinfo["/Title"])
                assert xmp["dc:language"] == {"en-GB"} and xmp["xmpMM:VersionID"] == "1.0"
                assert xmp["xmpMM:InstanceID"] == "uuid:" + "-".join(
                    (lambda h: [h[:8], h[8:12], h[12:16], h[16:20], h[20:]])(trailer_id(written.path)[1].hex()))
                if written.kind == "press":
                    assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-1a:2003" and xmp["pdf:Trapped"] == "False"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    deck_file = deck / "deck.yaml"
    deck_file.write_text(deck_file.read_text(encoding="utf-8") + "date: 2025-03-01\n", encoding="utf-8")
    own_date = build([deck], tmp_path / "own-date", options=PrintOptions(outputs=("press",))).written[0].path
    with pikepdf.open(own_date) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20250301000000+00'00'"


def test_a_malformed_source_date_epoch_is_a_command_line_error(monkeypatch):
    from generator.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["validate", str(ROOT / "cards" / "system-leadership")]) == 2


def test_files_written_by_worker_processes_are_the_same_bytes(tmp_path):
    """Welsh words (plural rules from a PO file) travel to spawned workers; the bytes are
    those one process writes."""
    from generator.pipeline import build as build_files

    deck = ROOT / "tests" / "fixtures" / "translations" / "bilingual"
    alone = build_files([deck], tmp_path / "one")
    spawned = build_files([deck], tmp_path / "workers", start_method="spawn")
    assert not alone.problems and not spawned.problems
    names = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.pdf"))
    assert len(names) == 16
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "workers" / name).read_bytes(), name


def warning_naming(path):
    """A stand-in for a file's checks (in a worker too): one warning naming the file."""
    from generator.errors import Problem, Where

    return [Problem(Where(path.name), "page 1: checked", "warning")]


def test_a_build_in_workers_reports_its_files_findings_in_the_order_one_process_does(tmp_path, monkeypatch):
    """Workers finish writing files in whatever order the machine allows (the master
    first, then the biggest): what the checks find still comes in the files' order."""
    import generator.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_check_jobs", lambda output, path, checked_faces: [(warning_naming, (path,))])
    deck = ROOT / "cards" / "system-leadership"
    alone = build([deck], tmp_path / "one")
    spawned = build([deck], tmp_path / "workers", start_method="spawn")
    order = [str(p) for p in alone.warnings if p.message.endswith("page 1: checked")]
    assert len(order) == 8 and order[0].startswith("system-leadership/system-leadership-press.pdf")
    assert [str(p) for p in spawned.warnings if p.message.endswith("page 1: checked")] == order


def warning_naming_its_process(path):
    """A stand-in for a file's checks: one warning naming the file and the process that checked it."""
    import os

    from generator.errors import Problem, Where

    return [Problem(Where(path.name), f"page 1: checked in process {os.getpid()}", "warning")]


def test_checks_shared_with_a_checking_worker_are_reported_as_one_process_reports_them(tmp_path, monkeypatch):
    """A long file written in this process has its checks shared with a worker: the
    findings, and their order, are those of one process."""
    import os

    import generator.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_check_jobs", lambda output, path, checked_faces: [(warning_naming_its_process, (path,))])
    deck = ROOT / "cards" / "system-leadership"
    alone = build([deck], tmp_path / "one")
    monkeypatch.setattr(pipeline, "checkers_for", lambda files, cores=None: 1)
    shared = build([deck], tmp_path / "shared")
    here = f"checked in process {os.getpid()}"
    found = [p.message.rsplit(" in process ", 1)[0] for p in alone.warnings]
    assert len(found) == 8 and all(p.message.endswith(here) for p in alone.warnings)
    assert [p.message.rsplit(" in process ", 1)[0] for p in shared.warnings] == found
    elsewhere = [p for p in shared.warnings if not p.message.endswith(here)]
    assert len(elsewhere) == 7  # the first file's checks here, the other seven in the worker
    for name in (tmp_path / "one").rglob("*.pdf"):
        assert name.read_bytes() == (tmp_path / "shared" / name.relative_to(tmp_path / "one")).read_bytes(), name
