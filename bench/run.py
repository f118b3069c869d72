"""`make bench`: the pipeline's speed and memory against a bare ReportLab script, as a
table of the targets (issues 14 and 30) with "ok" or "MISSED" beside each.

1. Generated decks of 100, 1,000 and 3,000 cards (the flagship's texts, cycled;
   BENCH_SIZES=100,1000 to leave out the big one): every file `cards build` makes,
   against bench/bare_reportlab.py drawing the same press faces with the same fonts and
   fitting; at 1,000 cards also the press file alone.
2. The 13-card flagship: every file, and `cards validate`, process start included,
   and where a second build's time goes beside its floor's parts.
   Also 100 poker cards on A4 and Letter sheets, the job the review timed protograf 0.5.2
   on (3.59 s; the target is ten times quicker).
3. One flagship card edited, rebuilt in the same process (bench/rebuild.py): the
   preview's rebuild and a second `build()`.
4. Where the time of the 1,000-card build goes, stage by stage and file by file, in one
   process (bench/stages.py).
5. The floor under each figure (bench/floor.py): the least its job costs with these
   libraries, counting only work no build of those files can skip (imports, the YAML read
   with positions, the faces and packs drawn with bare ReportLab, every page and object
   of the built files read once), on every core where the job has several files; for
   memory, the larger of writing a bare pack and reading every object of the built one,
   each in a process of its own. A target below its floor cannot be met with these
   libraries on this machine; the table says so.
Each figure is the median of several runs in fresh processes, the runs of the figures
compared with each other taking turns; peak memory is the largest resident set size of
the build's processes. The package is measured as pip installs it:
its modules compiled to bytecode first (with PYTHONDONTWRITEBYTECODE set, as on many CI
machines, every edited module would otherwise be compiled again in every process), and
with a cache folder of its own (CARDS_CACHE), warmed by a first run that is not timed;
`cards validate` and the flagship's build are also timed once each with that folder
empty, as on a machine's first run (the issue's "cold" target for the flagship).
"""
from __future__ import annotations

import json
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
REBUILD_RUNS = 5
PROTOGRAF_S = 3.59  # protograf 0.5.2 on a simpler front-only job of 100 poker cards, as the review timed it (not run here)


def make_big_deck(folder: Path, cards: int) -> None:
    """A deck of `cards` behaviours whose texts are the flagship's, cycled."""
    (folder / "behaviours").mkdir(parents=True)
    shutil.copy(FLAGSHIP / "deck.yaml", folder / "deck.yaml")
    sources = sorted((FLAGSHIP / "behaviours").glob("*.yaml"))
    for n in range(cards):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        lines = [f"id: card-{n + 1:04d}" if line.startswith("id:") else line for line in text.splitlines()]
        (folder / "behaviours" / f"{n + 1:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024  # kB on Linux


def measure(*commands: list[str], runs: int) -> list[tuple[float, float]]:
    """For each command, the median wall seconds and the largest peak RSS (MB) over `runs`
    fresh processes. The commands take turns, so a figure and the one it is compared
    with see the same machine: this one's speed drifts by a quarter from minute to minute."""
    samples: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, taken in zip(commands, samples):
            taken.append(run_once(command))
    return [(statistics.median(t for t, _ in taken), max(m for _, m in taken)) for taken in samples]


def floor_command(log: Path, deck: Path, *built: Path, packs: int = 0, faces: bool = True) -> list[str]:
    """bench/floor.py for `deck` and its built files, appending its figures to `log`."""
    return [sys.executable, str(ROOT / "bench" / "floor.py"), str(deck), *map(str, built), "--packs", str(packs),
            "--json", str(log)] + ([] if faces else ["--no-faces"])


def floor_of(wall: float, log: Path, cores: int = 1) -> float:
    """The floor's seconds: its median wall, with all but the imports shared among
    `cores` (each worker imports in parallel with the others)."""
    taken = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    shared = statistics.median(t["seconds"]["total"] - t["seconds"]["imports"] for t in taken)
    return wall - shared * (1 - 1 / cores)


def memory_floor(work: Path, deck: Path, built: Path) -> float:
    """The least memory (MB) of a build of `deck`'s files, however they are split among
    processes: the larger of a process writing a bare pack, and one reading every object
    of the built pack (qpdf keeps each object it has read until the file is closed)."""
    pack = max(built.rglob("*facilitator*.pdf"), key=lambda path: path.stat().st_size)
    peaks = []
    for command in (floor_command(work / "floor-memory.json", deck, packs=1, faces=False),
                    floor_command(work / "floor-memory.json", deck, pack, faces=False)):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        peaks.append(json.loads(result.stdout)["peak_mb"])
    return max(peaks)


def main() -> None:
    python = sys.executable
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000,3000").split(",")]
    rows = []
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["CARDS_CACHE"] = str(work / "cache")  # the children's; the user's own is left alone
        subprocess.run([python, "-m", "generator", "validate", str(FLAGSHIP)], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        full: dict[int, tuple[float, float, float]] = {}
        floors: dict[str, float] = {}
        cores = os.cpu_count() or 1
        press = bare = None
        for cards in sizes:
            deck = work / f"deck-{cards}"
            make_big_deck(deck, cards)
            runs = RUNS if cards <= CARDS else 1
            bare_command = [python, str(ROOT / "bench" / "bare_reportlab.py"), str(deck), str(work / f"bare-{cards}.pdf")]
            every_command = [python, "-m", "generator", "build", str(deck), "--out", str(work / f"all-{cards}")]
            # Each floor runs after the build it reads back, in the same round.
            every_floor = floor_command(work / f"floor-{cards}.json", deck, work / f"all-{cards}", packs=2)
            if cards == CARDS:
                press_command = [python, "-m", "generator", "build", str(deck), "--outputs", "press", "--out", str(work / "press")]
                press_floor = floor_command(work / "floor-press.json", deck, work / "press")
                (bare_s, _), press, (press_floor_s, _), (every_s, every_mb), (every_floor_s, _) = measure(
                    bare_command, press_command, press_floor, every_command, every_floor, runs=runs)
                bare = bare_s
                floors["press"] = floor_of(press_floor_s, work / "floor-press.json")
            else:
                (bare_s, _), (every_s, every_mb), (every_floor_s, _) = measure(bare_command, every_command, every_floor, runs=runs)
            full[cards] = (every_s, every_mb, bare_s)
            floors[f"every-{cards}"] = floor_of(every_floor_s, work / f"floor-{cards}.json", cores)
            floors[f"memory-{cards}"] = memory_floor(work, deck, work / f"all-{cards}")
        poker = None
        if 100 in sizes:  # the job the review timed protograf on: 100 poker cards on A4 and Letter sheets
            # Its floor leaves out drawing the faces: bare_reportlab.py draws tarot faces, not poker.
            poker, (poker_floor_s, _) = measure(
                [python, "-m", "generator", "build", str(work / "deck-100"), "--layout", "poker",
                 "--outputs", "sheets", "--out", str(work / "poker")],
                floor_command(work / "floor-poker.json", work / "deck-100", work / "poker", faces=False), runs=FLAGSHIP_RUNS)
            floors["poker"] = floor_of(poker_floor_s, work / "floor-poker.json")
        (flagship_s, _), (flagship_floor_s, _), (validate_s, _) = measure(
            [python, "-m", "generator", "build", str(FLAGSHIP), "--out", str(work / "flag")],
            floor_command(work / "floor-flagship.json", FLAGSHIP, work / "flag", packs=2),
            [python, "-m", "generator", "validate", str(FLAGSHIP)], runs=FLAGSHIP_RUNS)
        floors["flagship"] = floor_of(flagship_floor_s, work / "floor-flagship.json")
        flagship_log = [json.loads(line) for line in (work / "floor-flagship.json").read_text(encoding="utf-8").splitlines()]
        # A second build() in the same process imports nothing: its floor is the flagship's without imports.
        floors["second"] = statistics.median(t["seconds"]["total"] - t["seconds"]["imports"] for t in flagship_log)
        os.environ["CARDS_CACHE"] = str(work / "empty-cache")
        (validate_cold_s, _), = measure([python, "-m", "generator", "validate", str(FLAGSHIP)], runs=1)
        os.environ["CARDS_CACHE"] = str(work / "empty-cache-build")
        (flagship_cold_s, _), = measure([python, "-m", "generator", "build", str(FLAGSHIP), "--out", str(work / "flag-cold")], runs=1)
        os.environ["CARDS_CACHE"] = str(work / "cache")
        rebuild = subprocess.run([python, str(ROOT / "bench" / "rebuild.py"), str(REBUILD_RUNS)], capture_output=True, text=True, check=True)
        stages = ""
        if CARDS in sizes:
            stages = subprocess.run([python, str(ROOT / "bench" / "stages.py"), str(work / f"deck-{CARDS}")],
                                    capture_output=True, text=True, check=True).stdout
        flagship_stages = subprocess.run([python, str(ROOT / "bench" / "stages.py"), str(FLAGSHIP), "--warm"],
                                         capture_output=True, text=True, check=True).stdout
        flagship_floor = {part: statistics.median(t["seconds"][part] for t in flagship_log) for part in flagship_log[0]["seconds"]}
        preview_s, second_s = (float(v) for v in rebuild.stdout.split())

    def row(what: str, value: str, target: str, ok: bool, floor: str = "", below_floor: bool = False) -> None:
        verdict = "ok" if ok else "MISSED, floor above target" if below_floor else "MISSED"
        rows.append((what, value, target, floor, verdict))

    def ratio_floor(key: str, bare_s: float, target: float) -> tuple[str, bool]:
        floor_s = floors[key]
        return f"{floor_s:.2f} s = {floor_s / bare_s:.2f}x", floor_s / bare_s > target

    if press is not None:
        row(f"press only, {CARDS} cards / bare ReportLab", f"{press[0]:.2f} s / {bare:.2f} s = {press[0] / bare:.2f}x",
            "within 1.5x", press[0] / bare <= 1.5, *ratio_floor("press", bare, 1.5))
    for cards, (every_s, every_mb, bare_s) in full.items():
        row(f"every file, {cards} cards / bare press", f"{every_s:.2f} s / {bare_s:.2f} s = {every_s / bare_s:.2f}x",
            "within 3x", every_s / bare_s <= 3, *ratio_floor(f"every-{cards}", bare_s, 3))
        floor_mb = floors[f"memory-{cards}"]
        row(f"every file, {cards} cards, peak memory", f"{every_mb:.0f} MB", "under 150 MB", every_mb < 150,
            f"{floor_mb:.0f} MB", floor_mb >= 150)
    row("flagship, every file, process start included", f"{flagship_s:.2f} s", "under 0.5 s", flagship_s < 0.5,
        f"{floors['flagship']:.2f} s", floors["flagship"] >= 0.5)
    row("flagship, every file, empty cache folder", f"{flagship_cold_s:.2f} s", "under 0.8 s", flagship_cold_s < 0.8,
        f"{floors['flagship']:.2f} s", floors["flagship"] >= 0.8)
    row("flagship, cards validate", f"{validate_s:.2f} s", "under 0.25 s", validate_s < 0.25)
    rows.append(("flagship, cards validate, empty cache folder", f"{validate_cold_s:.2f} s", "", "", "(first run)"))
    if poker is not None:
        row("100 poker cards on A4 and Letter sheets", f"{poker[0]:.2f} s", f"under {PROTOGRAF_S / 10:.2f} s",
            poker[0] < PROTOGRAF_S / 10, f"{floors['poker']:.2f} s", floors["poker"] >= PROTOGRAF_S / 10)
    row("flagship, one card edited: preview rebuild", f"{preview_s:.2f} s", "under 0.25 s", preview_s < 0.25)
    row("flagship, one card edited: second build()", f"{second_s:.2f} s", "under 0.3 s", second_s < 0.3,
        f"{floors['second']:.2f} s", floors["second"] >= 0.3)
    width = max(len(r[0]) for r in rows)
    print(f"{'':<{width}}  {'measured':>32}  {'target':>13}  {'floor':>16}")
    for what, value, target, floor, verdict in rows:
        print(f"{what:<{width}}  {value:>32}  {target:>13}  {floor:>16}  {verdict}")
    if stages:
        print(f"\nwhere the time goes, {CARDS} cards, one process, no workers:\n{stages}")
    # The flagship's margin over its floor, beside the work the floor leaves out.
    print(f"\nwhere the time goes, the flagship, one process, second build (no imports):\n{flagship_stages}")
    print("its floor's parts, median:\n" + "".join(f"{part:<48} {seconds:6.2f} s\n" for part, seconds in flagship_floor.items()))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of {RUNS} fresh processes "
          f"(flagship {FLAGSHIP_RUNS}; one run above {CARDS} cards; a one-card rebuild {REBUILD_RUNS} times); BENCH_SIZES={','.join(map(str, sizes))}")


if __name__ == "__main__":
    main()
