"""Where a full build's time goes, one stage and one file at a time in this process (no
workers): for the note under `make bench`. With `--warm`, the build runs once untimed
first, so what a small deck's figures show is its work, not the libraries loaded on
first use. Usage: python bench/stages.py DECK_DIR [--warm]"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.deck import read_deck  # noqa: E402
from generator.errors import Problems  # noqa: E402
from generator.pipeline import Staged, check, prepare, write_file  # noqa: E402


def stages(deck: Path) -> list[tuple[str, float]]:
    """(stage, seconds) of one build of `deck`, in this process."""
    taken = []
    start = time.perf_counter()
    read_deck(deck, Problems())
    taken.append(("read and validate the YAML", time.perf_counter() - start))
    start = time.perf_counter()
    prepared = prepare([deck])
    taken.append(("prepare (read, validate, compose, plan)", time.perf_counter() - start))
    with tempfile.TemporaryDirectory(prefix="cards-bench-") as tmp:
        folder = Path(tmp)
        every = [(output, folder / output.name) for item in prepared.builds for output in item.outputs]
        for output, target in every:
            start = time.perf_counter()
            write_file(output, target)
            taken.append(("write " + output.name, time.perf_counter() - start))
        start = time.perf_counter()
        check(Staged(folder, tuple(every)))
        taken.append(("preflight of every file", time.perf_counter() - start))
    return taken


def main(deck: Path, warm: bool) -> None:
    if warm:
        stages(deck)
    for what, seconds in stages(deck):
        print(f"{what:<48} {seconds:6.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]), "--warm" in sys.argv[2:])
