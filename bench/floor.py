"""The floor under a `make bench` figure: the least its job can cost with these libraries,
counting only work no build of those files can skip, and none of the pipeline's own
drawing, tagging or checking.

In one fresh process: import the libraries a build of those files loads; read the deck's
YAML into nodes that know their line and column (as error messages need; PyYAML's C
parser, nothing validated); draw its faces with bare ReportLab (bench/bare_reportlab.py,
fitting included); write `--packs` bare facilitator packs (bench/bare_pack.py: no tags,
no fields, no contents); then, for each built file given, the least a check reads:
PDFium loads every page and lists what it draws, and qpdf reads every object. Nothing
here is counted for the screen deck, sheets or fold-overs, for the packs' tags and
fields, or for the checks' own rules: a floor, not an estimate.
Prints JSON (and appends it to `--json FILE`): seconds of each part, the total, and the
process's peak memory in MB.
Usage: python bench/floor.py DECK_DIR [--packs N] [--no-faces] [--json FILE] [FILE.pdf | FOLDER ...]
"""
import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("deck", type=Path)
    parser.add_argument("built", type=Path, nargs="*", help="built files (or folders of them) to read back")
    parser.add_argument("--packs", type=int, default=0)
    parser.add_argument("--no-faces", action="store_true", help="leave out drawing the faces")
    parser.add_argument("--json", type=Path, help="append the figures to this file too")
    args = parser.parse_intermixed_args()
    parts: dict[str, float] = {}
    start = time.perf_counter()
    import pikepdf
    import pypdfium2
    import yaml
    from bare_reportlab import main as bare_press
    if args.packs:
        from bare_pack import main as bare_pack
    parts["imports"] = time.perf_counter() - start
    start = time.perf_counter()
    for path in [args.deck / "deck.yaml", *sorted((args.deck / "behaviours").glob("*.yaml"))]:
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    parts["YAML read with positions"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="cards-floor-") as tmp:
        if not args.no_faces:
            start = time.perf_counter()
            bare_press(args.deck, str(Path(tmp) / "press.pdf"))
            parts["faces drawn"] = time.perf_counter() - start
        if args.packs:
            start = time.perf_counter()
            for n in range(args.packs):
                bare_pack(args.deck, str(Path(tmp) / f"pack-{n}.pdf"))
            parts["packs"] = time.perf_counter() - start
    files = [f for path in args.built for f in (sorted(path.rglob("*.pdf")) if path.is_dir() else [path])]
    if files:
        start = time.perf_counter()
        for path in files:
            document = pypdfium2.PdfDocument(str(path))
            for index in range(len(document)):
                page = document[index]
                for _ in page.get_objects(max_depth=0):
                    pass
                page.close()
            document.close()
        parts["pages loaded (PDFium)"] = time.perf_counter() - start
        start = time.perf_counter()
        for path in files:
            with pikepdf.open(path, access_mode=pikepdf.AccessMode.mmap) as pdf:
                for _ in pdf.objects:
                    pass
        parts["objects read (qpdf)"] = time.perf_counter() - start
    parts["total"] = sum(parts.values())
    figures = json.dumps({"seconds": parts, "files": len(files), "peak_mb": _peak_mb()})
    print(figures)
    if args.json:
        with args.json.open("a", encoding="utf-8") as log:
            log.write(figures + "\n")


def _peak_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows: no resource module
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


if __name__ == "__main__":
    main()
