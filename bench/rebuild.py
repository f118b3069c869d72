"""One card of the flagship edited, rebuilt in the same process: the preview's rebuild
(`cards serve`) and a second `build()`, median seconds each over RUNS edits.
Usage: python bench/rebuild.py [RUNS]"""
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import PrintOptions, build  # noqa: E402
from generator.serve import Preview  # noqa: E402


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "system-leadership"
        shutil.copytree(ROOT / "cards" / "system-leadership", deck)
        card = deck / "behaviours" / "01-authenticity.yaml"
        text = card.read_text(encoding="utf-8")
        preview = Preview([deck], PrintOptions())
        preview.rebuild()
        build([deck], Path(tmp) / "out")
        previews, builds = [], []
        for edit in range(runs):
            card.write_text(text.replace("title: Authenticity", f"title: Authenticity, edit {edit + 1}"), encoding="utf-8")
            start = time.perf_counter()
            preview.rebuild()
            previews.append(time.perf_counter() - start)
            start = time.perf_counter()
            build([deck], Path(tmp) / "out")
            builds.append(time.perf_counter() - start)
    print(f"{statistics.median(previews):.3f} {statistics.median(builds):.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
