"""One card of the flagship edited, rebuilt in the same process: the preview's rebuild
(`cards serve`) and a second `build()`, seconds each. Usage: python bench/rebuild.py"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import PrintOptions, build  # noqa: E402
from generator.serve import Preview  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "system-leadership"
        shutil.copytree(ROOT / "cards" / "system-leadership", deck)
        card = deck / "behaviours" / "01-authenticity.yaml"
        text = card.read_text(encoding="utf-8")
        preview = Preview([deck], PrintOptions())
        preview.rebuild()
        card.write_text(text.replace("title: Authenticity", "title: Authenticity, edited"), encoding="utf-8")
        start = time.perf_counter()
        preview.rebuild()
        preview_s = time.perf_counter() - start
        build([deck], Path(tmp) / "out")
        card.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        build([deck], Path(tmp) / "out")
        build_s = time.perf_counter() - start
    print(f"{preview_s:.3f} {build_s:.3f}")


if __name__ == "__main__":
    main()
