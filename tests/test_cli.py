"""The `cards` command as a user meets it: exit statuses, messages, what is written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT
from generator.cli import main


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_build_without_arguments_builds_every_deck_under_cards(tmp_path):
    result = run("build", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")) == [
        f"{deck}/{deck}-{kind}.pdf"
        for deck in ("system-leadership", "systems-leadership-dimensions")
        for kind in ("a4", "facilitator-a4", "facilitator-letter", "foldover-a4", "foldover-letter", "letter", "press")
    ]
    assert "wrote" in result.stdout and result.stderr == ""


def test_list_shows_each_deck_with_its_card_count():
    result = run("list")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "system-leadership\t13 cards\tSystem Leadership Behaviours",
        "systems-leadership-dimensions\t6 cards\tSix Dimensions of Systems Leadership",
    ]


def test_validate_writes_nothing_and_says_ok(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["validate", "cards/system-leadership"]) == 0
    assert capsys.readouterr().out == "cards/system-leadership: ok (13 cards, layout tarot, theme default, 7 files)\n"


def test_usage_errors_exit_2(tmp_path):
    assert run("build", str(tmp_path / "no-such-deck")).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2
    missing = run("build", "--layout", "giant", "cards/system-leadership", "--out", str(tmp_path))
    assert missing.returncode == 2
    assert "cards: error: --layout: no layout named 'giant'" in missing.stderr
    for name in ("_base", "facilitator/content", "x" * 100_000):
        assert run("validate", "--theme", name, "cards/system-leadership").returncode == 2
    no_cards = run("build", cwd=tmp_path)
    assert no_cards.returncode == 2 and "no 'cards' folder here" in no_cards.stderr


def test_content_errors_exit_1_without_traceback():
    result = run("build", str(FIXTURES / "bad" / "unknown-theme"))
    assert result.returncode == 1
    assert "error: theme 'beeing'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_build_leaves_earlier_output_untouched(tmp_path):
    good = FIXTURES / "good" / "markup"
    bad = FIXTURES / "bad" / "text-overflow"
    earlier = tmp_path / "markup" / "markup-press.pdf"
    earlier.parent.mkdir()
    earlier.write_bytes(b"an earlier build")
    assert main(["build", str(good), str(bad), "--out", str(tmp_path), "--strict"]) == 1
    assert earlier.read_bytes() == b"an earlier build"  # --strict: the good deck was not rewritten either
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["markup", "markup-press.pdf"]


def test_good_decks_are_built_beside_a_broken_one(tmp_path, capsys):
    good = FIXTURES / "good" / "markup"
    bad = FIXTURES / "bad" / "text-overflow"
    earlier = tmp_path / "text-overflow" / "text-overflow-press.pdf"
    earlier.parent.mkdir()
    earlier.write_bytes(b"an earlier build")
    assert main(["build", str(bad), str(good), "--out", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "markup-press.pdf" in captured.out and "text-overflow" not in captured.out
    assert (tmp_path / "markup" / "markup-press.pdf").read_bytes().startswith(b"%PDF")
    assert earlier.read_bytes() == b"an earlier build"  # the broken deck: nothing written, old files kept
    last = captured.err.splitlines()[-1]
    assert last.startswith("cards: 1 problem found; not built: ") and "text-overflow" in last
