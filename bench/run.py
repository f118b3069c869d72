"""`make bench`: the pipeline's speed and memory against a bare ReportLab script.

1. A generated 1,000-card deck (the flagship's texts, cycled) built by `cards build`,
   and by bench/bare_reportlab.py drawing the same faces with the same fonts and fitting.
2. The 13-card flagship deck built by `cards build`, process start included.
Each figure is the median of several runs in fresh processes; peak memory is the
child process's maximum resident set size.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "cards" / "system-leadership"
CARDS = 1000
RUNS = 3
FLAGSHIP_RUNS = 7


def make_big_deck(folder: Path, cards: int) -> None:
    """A deck of `cards` behaviours whose texts are the flagship's, cycled."""
    (folder / "behaviours").mkdir(parents=True)
    shutil.copy(FLAGSHIP / "deck.yaml", folder / "deck.yaml")
    sources = sorted((FLAGSHIP / "behaviours").glob("*.yaml"))
    for n in range(cards):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        lines = [f"id: card-{n + 1:04d}" if line.startswith("id:") else line for line in text.splitlines()]
        (folder / "behaviours" / f"{n + 1:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) over `runs` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        if status != 0:
            raise SystemExit(f"benchmark command failed: {' '.join(command)}")
        peaks.append(usage.ru_maxrss / 1024)  # kB on Linux
    return statistics.median(times), max(peaks)


def main() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deck = work / "bench-deck"
        make_big_deck(deck, CARDS)
        # Like for like: the press PDF only (with its preflight), as the bare script makes.
        pipeline_s, pipeline_mb = measure([python, "-m", "generator", "build", str(deck), "--outputs", "press", "--out", str(work / "out")], RUNS)
        everything_s, everything_mb = measure([python, "-m", "generator", "build", str(deck), "--out", str(work / "all")], 1)
        bare_s, bare_mb = measure([python, str(ROOT / "bench" / "bare_reportlab.py"), str(deck), str(work / "bare.pdf")], RUNS)
        flagship_s, flagship_mb = measure([python, "-m", "generator", "build", str(FLAGSHIP), "--out", str(work / "flag")], FLAGSHIP_RUNS)
        pipeline_pdf = work / "out" / "bench-deck" / "bench-deck-press.pdf"
        sizes = (pipeline_pdf.stat().st_size / 1e6, (work / "bare.pdf").stat().st_size / 1e6)

    ratio = pipeline_s / bare_s
    rows = [
        ("", "seconds", "cards/s", "peak MB", "PDF MB"),
        (f"pipeline, {CARDS} cards", f"{pipeline_s:.2f}", f"{CARDS / pipeline_s:.0f}", f"{pipeline_mb:.0f}", f"{sizes[0]:.2f}"),
        (f"bare ReportLab, {CARDS} cards", f"{bare_s:.2f}", f"{CARDS / bare_s:.0f}", f"{bare_mb:.0f}", f"{sizes[1]:.2f}"),
        (f"pipeline, all 7 files, {CARDS} cards", f"{everything_s:.2f}", f"{CARDS / everything_s:.0f}", f"{everything_mb:.0f}", ""),
        ("flagship, 13 cards, all 7 files", f"{flagship_s:.2f}", f"{13 / flagship_s:.0f}", f"{flagship_mb:.0f}", ""),
    ]
    for row in rows:
        print(f"{row[0]:<30}{row[1]:>9}{row[2]:>9}{row[3]:>9}{row[4]:>8}")
    print()
    print(f"pipeline / bare time: {ratio:.2f}x (target within 2x)")
    print(f"pipeline peak memory: {pipeline_mb:.0f} MB (target under 200 MB)")
    print(f"flagship build, process start included: {flagship_s:.2f} s (target under 1.5 s)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {RUNS} (flagship {FLAGSHIP_RUNS}) runs")


if __name__ == "__main__":
    main()
