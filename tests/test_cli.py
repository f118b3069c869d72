"""The `cards` command as a user meets it: exit statuses, messages, what is written."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, ctrl_c_as_from_a_terminal
from pdfread import page_texts

from generator.cli import main
from generator.pipeline import PrintOptions, build


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_build_without_arguments_builds_every_deck_under_cards(tmp_path):
    result = run("build", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")) == sorted(
        f"{deck}/{deck}-{kind}.pdf"
        for deck in ("system-leadership", "system-leadership-local", "systems-leadership-dimensions")
        for kind in ("a4", "facilitator-a4", "facilitator-letter", "foldover-a4", "foldover-letter", "letter", "press", "screen")
    )
    assert "wrote" in result.stdout and result.stderr == ""  # no problem, note or warning


def test_list_shows_each_deck_with_its_card_count():
    result = run("list")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "system-leadership\t13 cards\tSystem Leadership Behaviours",
        "system-leadership-local\t14 cards\tSystem Leadership Behaviours, Riverside edition",
        "systems-leadership-dimensions\t6 cards\tSix Dimensions of Systems Leadership",
    ]


def test_validate_writes_nothing_and_says_ok(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["validate", "cards/system-leadership"]) == 0
    assert capsys.readouterr().out == "cards/system-leadership: ok (13 cards, layout tarot, theme default, 8 files)\n"


def test_usage_errors_exit_2(tmp_path):
    assert run("build", str(tmp_path / "no-such-deck")).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2
    missing = run("build", "--layout", "giant", "cards/system-leadership", "--out", str(tmp_path))
    assert missing.returncode == 2
    assert "cards: error: --layout: no layout named 'giant'" in missing.stderr
    assert run("build", "--back-offset", "nan,0", "cards/system-leadership").returncode == 2
    too_long = run("validate", "cards/" + "x" * 5000)
    assert too_long.returncode == 2 and "is not a deck folder" in too_long.stderr and "Traceback" not in too_long.stderr
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


LAYOUTS = ["a6", "a7", "bridge", "business-eu", "business-us", "mini-eu", "mini-us", "poker", "poker-eu", "square", "tarot"]


def test_every_built_in_layout_builds_with_default_options(tmp_path):
    """`cards build DECK --layout L` writes every file the layout allows, for every built-in L;
    a6 fold-overs are turned landscape; validate reports the same files."""
    for layout in LAYOUTS:
        result = run("build", "cards/system-leadership", "--layout", layout, "--out", str(tmp_path))
        assert result.returncode == 0, (layout, result.stderr)
        assert result.stdout.count("wrote ") == 8 and result.stderr == "", (layout, result.stdout, result.stderr)
        validated = run("validate", "cards/system-leadership", "--layout", layout)
        assert validated.returncode == 0 and "8 files" in validated.stdout, (layout, validated.stdout)
    assert "(13 cards on 13 A4 landscape pages)" in run("build", "cards/system-leadership", "--layout", "a6", "--out", str(tmp_path)).stdout


@pytest.mark.parametrize("layout", LAYOUTS)
def test_any_built_in_layout_as_the_decks_default_builds_every_deck(layout, tmp_path):
    """`make decks` (cards build, no arguments) in a project whose decks all use `layout`."""
    project = tmp_path / "project"
    for deck in ("system-leadership", "systems-leadership-dimensions"):
        shutil.copytree(ROOT / "cards" / deck, project / "cards" / deck)
        deck_file = project / "cards" / deck / "deck.yaml"
        deck_file.write_text(deck_file.read_text(encoding="utf-8").replace("layout: tarot", f"layout: {layout}"), encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert len(list((project / "output").rglob("*.pdf"))) == 16


def test_files_a_layout_cannot_make_are_skipped_with_one_notice_each(tmp_path):
    deck = FIXTURES / "good" / "poster"
    validated = run("validate", str(deck))
    built = run("build", str(deck), "--out", str(tmp_path))
    assert validated.returncode == built.returncode == 0
    notes = [line for line in built.stderr.splitlines() if ": note: " in line]
    assert notes == [line for line in validated.stderr.splitlines() if ": note: " in line]
    assert [n.split(": note: ")[1] for n in notes] == [
        "no A4 or US Letter sheets: poster cards (200 x 300 mm) do not fit inside the printable area; skipped",
        "no fold-over A4 or US Letter sheets: the front and back of poster cards (200 x 300 mm) do not fit side by side, upright or landscape; skipped",
    ]
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == ["poster-facilitator-a4.pdf", "poster-facilitator-letter.pdf", "poster-press.pdf"]
    guide = next(t for t in page_texts(tmp_path / "poster" / "poster-facilitator-a4.pdf") if "Which file to print" in t)
    assert "poster-press.pdf" in guide and "poster-a4.pdf" not in guide and "Double-sided printing" not in guide


def test_a_deck_chooses_its_outputs(tmp_path):
    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "good" / "markup", deck)
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text() + "defaults:\n  outputs: [press, sheets]\n")
    assert run("build", str(deck), "--out", str(tmp_path / "out")).returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.pdf")) == ["deck-a4.pdf", "deck-letter.pdf", "deck-press.pdf"]
    assert run("build", str(deck), "--outputs", "facilitator", "--out", str(tmp_path / "cli")).returncode == 0
    assert sorted(p.name for p in (tmp_path / "cli").rglob("*.pdf")) == ["deck-facilitator-a4.pdf", "deck-facilitator-letter.pdf"]
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text().replace("[press, sheets]", "[press, sheet]"))
    wrong = run("validate", str(deck))
    assert wrong.returncode == 1 and "deck.yaml:7:20: error: 'sheet' is not an output; choose from press, sheets, foldover, facilitator, screen; did you mean 'sheets'?" in wrong.stderr


def test_every_option_has_help():
    for command in ("build", "validate", "calibrate", "preflight", "list"):
        text = run(command, "--help").stdout
        options = re.findall(r"^  (-[-\w]+|\w+)", text, re.M)
        assert options, command
        for block in re.split(r"\n(?=  \S)", text.split("options:")[-1])[1:]:
            assert len(block.split()) > 2, (command, block)  # the option and some words saying what it does
    assert "facilitator" in run("build", "--help").stdout


def test_plurals_and_full_stops(tmp_path):
    result = run("build", str(FIXTURES / "good" / "markup"), "--out", str(tmp_path))
    assert "(1 card on 2 A4 pages)" in result.stdout and "(1 card on 1 A4 page)" in result.stdout
    pack = page_texts(tmp_path / "markup" / "markup-facilitator-a4.pdf")
    assert "1 theme, 1 behaviour." in next(t for t in pack if "The framework on one page" in t)
    behaviour = next(t for t in pack if "Being · card 1/1" in t)
    assert "Illustrative: Illustrative wording, not the publisher's official text." in behaviour  # a notice gains one full stop
    deck = tmp_path / "stop"
    shutil.copytree(FIXTURES / "good" / "markup", deck)
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text() + "illustrative_notice: Written for this pack.\n")
    assert run("build", str(deck), "--outputs", "facilitator", "--out", str(tmp_path / "stop-out")).returncode == 0
    text = " ".join(page_texts(tmp_path / "stop-out" / "stop" / "stop-facilitator-a4.pdf"))
    assert "Written for this pack." in text and ".." not in text


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`cards preflight FILE | head -1`: the reader closes early; no 'Broken pipe' message."""
    from reportlab.pdfgen.canvas import Canvas

    bad = tmp_path / "many-problems.pdf"
    canvas = Canvas(str(bad), pagesize=(200, 300), invariant=1)
    for _ in range(1000):  # 1,000 lines of problems: more than a pipe holds
        canvas.setFont("Helvetica", 5)
        canvas.drawString(1, 1, "x")
        canvas.showPage()
    canvas.save()
    command = [sys.executable, "-m", "generator", "preflight", str(bad)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()  # the reader goes away before the output is written
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) in (0, 1)  # ended by itself, not by a signal or a crash
    assert "Broken pipe" not in stderr and "BrokenPipeError" not in stderr and "Traceback" not in stderr


def test_progress_on_a_terminal_in_a_log_and_quiet(tmp_path, capsys, monkeypatch):
    """On a terminal a build shows its stage and count on one line, then wipes it; into a
    file or pipe (a CI log, `| tee`) each stage gets lines of its own; --quiet prints
    nothing but errors."""
    import io

    from generator import cli

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    status = cli.StatusLine(terminal)
    status.DELAY_S = 0
    build([ROOT / "cards" / "system-leadership"], tmp_path / "a", options=PrintOptions(outputs=("press", "sheets")), progress=status)
    status.clear()
    shown = terminal.getvalue()
    assert "\rcards: composing system-leadership 13/13 cards" in shown and "cards: writing system-leadership/" in shown
    assert "cards: checking 3 files" in shown and shown.endswith("\r")  # wiped at the end
    assert "pages" not in shown  # the checks' count is no count of pages
    log = io.StringIO()
    status = cli.StatusLine(log)
    status.DELAY_S = 0
    build([ROOT / "cards" / "system-leadership"], tmp_path / "b", options=PrintOptions(outputs=("press", "sheets")), progress=status)
    status.clear()
    lines = log.getvalue().splitlines(keepends=True)
    assert "\r" not in log.getvalue() and all(line.startswith("cards: ") and line.endswith("\n") for line in lines)
    assert [line.split()[1] for line in lines] == ["composing", "writing", "checking"]  # a line as each stage starts
    # Output into a pipe or file is the build's log: progress goes there, with the files
    # written (`cards build | tee build.log`); on a terminal, to stderr; never into 2>errors.
    piped, errors = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", piped)
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert cli.StatusLine.for_build().stream is piped
    monkeypatch.setattr(sys, "stdout", Terminal())
    assert cli.StatusLine.for_build().stream is sys.stderr and cli.StatusLine.for_build().enabled
    monkeypatch.setattr(sys, "stderr", errors)
    assert not cli.StatusLine.for_build().enabled
    monkeypatch.undo()
    capsys.readouterr()
    assert main(["build", str(FIXTURES / "good" / "markup"), "--out", str(tmp_path / "q"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["build", str(FIXTURES / "bad" / "bad-status"), "--out", str(tmp_path / "q"), "--quiet"]) == 1
    assert "error: 'status' must be one of" in capsys.readouterr().err


def test_a_long_build_into_a_log_says_it_is_working_every_few_seconds():
    """Quick builds stay quiet; past a second, a log gets a line as each stage starts and
    at most one every LOG_EVERY_S within it, however often the build reports."""
    import io

    from generator import cli

    now = [0.0]
    log = io.StringIO()
    status = cli.StatusLine(log, clock=lambda: now[0])
    for card in range(1, 1001):  # 1,000 cards composed in 20 s
        now[0] = card * 0.02
        status("composing", "big", card, 1000)
    now[0] += 0.01
    status("writing", "big/big-press.pdf", 1, 7)
    lines = log.getvalue().splitlines()
    assert lines == ["cards: composing big 50/1000 cards", "cards: composing big 300/1000 cards",
                     "cards: composing big 550/1000 cards", "cards: composing big 800/1000 cards",
                     "cards: writing big/big-press.pdf 1/7 files"]


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT, as Ctrl-C does in a POSIX terminal")
def test_ctrl_c_exits_130_and_leaves_nothing_half_written(tmp_path):
    import signal
    import time

    deck = tmp_path / "big"
    (deck / "behaviours").mkdir(parents=True)
    shutil.copy(ROOT / "cards" / "system-leadership" / "deck.yaml", deck / "deck.yaml")
    sources = sorted((ROOT / "cards" / "system-leadership" / "behaviours").glob("*.yaml"))
    for n in range(400):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        text = "\n".join(f"id: card-{n:03d}" if line.startswith("id:") else line for line in text.splitlines())
        (deck / "behaviours" / f"{n:03d}.yaml").write_text(text + "\n", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    with ctrl_c_as_from_a_terminal():
        process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(deck), "--out", str(tmp_path / "out")],
                                   cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)  # composing 400 cards takes longer than this
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))
    assert not any(temp.iterdir())  # no staging folder left behind


def test_with_project_a_typed_path_is_where_it_was_typed(tmp_path, monkeypatch):
    """`--project DIR` makes the project's folders (cards/, layouts/, output/) and its decks
    relative to DIR; a file or folder the user types to write or read (--to, --out, the
    spreadsheet to import) stays relative to the folder they typed it in."""
    project, here = tmp_path / "project", tmp_path / "here"
    shutil.copytree(ROOT / "cards", project / "cards")
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["--project", str(project), "export", "cards/system-leadership", "--to", "deck.xlsx"]) == 0
    assert (here / "deck.xlsx").is_file() and not (project / "deck.xlsx").exists()
    assert main(["--project", str(project), "import", "deck.xlsx", "--into", "cards/system-leadership"]) == 0
    assert main(["--project", str(project), "build", "cards/systems-leadership-dimensions", "--outputs", "press",
                 "--out", "built"]) == 0
    assert (here / "built" / "systems-leadership-dimensions" / "systems-leadership-dimensions-press.pdf").is_file()
    assert main(["--project", str(project), "build", "cards/systems-leadership-dimensions", "--outputs", "press"]) == 0
    assert (project / "output" / "systems-leadership-dimensions" / "systems-leadership-dimensions-press.pdf").is_file()
    assert Path.cwd() == here
