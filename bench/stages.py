"""Where a full build's time goes, one stage and one file at a time in this process (no
workers): for the note under `make bench`. Usage: python bench/stages.py DECK_DIR"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.deck import read_deck  # noqa: E402
from generator.errors import Problems  # noqa: E402
from generator.pipeline import Staged, check, prepare, write_file  # noqa: E402


def main(deck: Path) -> None:
    start = time.perf_counter()
    read_deck(deck, Problems())
    print(f"{'read and validate the YAML':<44} {time.perf_counter() - start:6.2f} s")
    start = time.perf_counter()
    prepared = prepare([deck])
    print(f"{'prepare (read, validate, compose, plan)':<44} {time.perf_counter() - start:6.2f} s")
    with tempfile.TemporaryDirectory(prefix="cards-bench-") as tmp:
        folder = Path(tmp)
        every = [(output, folder / output.name) for item in prepared.builds for output in item.outputs]
        for output, target in every:
            start = time.perf_counter()
            write_file(output, target)
            print(f"{'write ' + output.name:<44} {time.perf_counter() - start:6.2f} s")
        start = time.perf_counter()
        check(Staged(folder, tuple(every)))
        print(f"{'preflight of every file':<44} {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
