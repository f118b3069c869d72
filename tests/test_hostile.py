"""Hostile and careless input: each case is one small deck with one thing wrong, built by
the real command in its own process. Every case must end with exit status 1, exactly one
`path:line:col: error:` line, no traceback, nothing written, in bounded time and memory.

The time bound is a generous timeout (a hang or a crash fails it), the memory bound the
child's peak resident size where the platform reports it; neither is a speed test."""
from __future__ import annotations

import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import ROOT

TIMEOUT_S = 60
MEMORY_LIMIT_MB = 400
# `path:line:col: error:` where the problem has a line, `path: error:` where it is the whole file's.
POSITIONED = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: error: (?P<message>.+)$")

DECK = """title: Hostile input
themes:
  - id: being
    name: Being
    colour: "#005EB8"
"""
CARD = """id: honesty
title: Honesty
theme: being
status: illustrative
description: Says what they think, kindly.
indicators:
  enabling:
    - Speaks plainly
  obstructing:
    - Hides bad news
questions:
  individual: When did I last say something difficult?
  organisational: What do we avoid saying here?
  system: What do partners need to hear from us?
"""


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG file whose header declares width x height pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def png_of(width: int, height: int) -> bytes:
    """A real PNG of noise (so its pixel data is long enough to cut short)."""
    import io
    import random

    from PIL import Image

    noise = random.Random(1)
    image = Image.frombytes("RGB", (width, height), bytes(noise.randrange(256) for _ in range(width * height * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


# PostScript that writes a file when run (Ghostscript with -dSAFER refuses only some writes).
EPS_MARKER = Path(__file__).resolve().parent / ".eps-ran"
EPS_WRITING_A_FILE = (f"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
                      f"({EPS_MARKER.as_posix()}) (w) file closefile\n{{ }} loop\nshowpage\n%%EOF\n").encode("ascii")


def card_with(old: str, new: str) -> str:
    assert old in CARD
    return CARD.replace(old, new)


BILLION_LAUGHS = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)

class Sparse(int):
    """A file of this many bytes that takes no room on disk (one hole)."""


# case -> (files to write over the small deck, the file and line the error must name, words the message must hold)
CASES: dict[str, tuple[dict[str, str | bytes | Sparse], str, str]] = {
    "alias-bomb": ({"behaviours/honesty.yaml": BILLION_LAUGHS}, "behaviours/honesty.yaml:1", "anchor"),
    "deep-nesting": ({"behaviours/honesty.yaml": "a: " + "[" * 50_000 + "]" * 50_000 + "\n"}, "behaviours/honesty.yaml:1", "nested more than"),
    "huge-file": ({"behaviours/honesty.yaml": CARD + "# " + "x" * 2_000_000 + "\n"}, "behaviours/honesty.yaml", "larger than"),
    "many-values": ({"behaviours/honesty.yaml": "a: [" + ",".join(["1"] * 150_000) + "]\n"}, "behaviours/honesty.yaml:1", "values in one file"),
    "tag-in-list": ({"behaviours/honesty.yaml": card_with("    - Speaks plainly", "    - !important Speaks plainly")}, "behaviours/honesty.yaml:8", "put the whole text in quotes"),
    "anchor-in-text": ({"behaviours/honesty.yaml": card_with("individual: When", "individual: &anchor When")}, "behaviours/honesty.yaml:12", "put the whole text in quotes"),
    "alias-in-text": ({"behaviours/honesty.yaml": card_with("individual: When", "individual: *When")}, "behaviours/honesty.yaml:12", "put the whole text in quotes"),
    "merge-key": ({"behaviours/honesty.yaml": card_with("questions:\n", "questions:\n  <<: {extra: 1}\n")}, "behaviours/honesty.yaml:12", "merge key"),
    "not-utf8": ({"behaviours/honesty.yaml": CARD.replace("kindly", "kindl\xff").encode("latin-1")}, "behaviours/honesty.yaml:5", "not UTF-8"),
    "control-character": ({"behaviours/honesty.yaml": card_with("Says what", "Says\x16 what")}, "behaviours/honesty.yaml:5", "control character U+0016"),
    "escaped-control": ({"behaviours/honesty.yaml": card_with("description: Says what they think, kindly.", 'description: "Says\\x16 what"')}, "behaviours/honesty.yaml:5", "control character U+0016"),
    "tab-indent": ({"behaviours/honesty.yaml": card_with("  individual:", "\tindividual:")}, "behaviours/honesty.yaml:12", "indent with spaces, not tabs"),
    "colon-in-text": ({"behaviours/honesty.yaml": card_with("kindly.", "kindly: always.")}, "behaviours/honesty.yaml:5", "put the whole text in quotes"),
    "comment-in-text": ({"behaviours/honesty.yaml": card_with("title: Honesty", "title: Honesty #1 of 13")}, "behaviours/honesty.yaml:2", "as a comment and drops it"),
    "second-document": ({"behaviours/honesty.yaml": CARD + "---\nid: again\n"}, "behaviours/honesty.yaml:15", "second YAML document"),
    "long-theme-name": ({"deck.yaml": DECK + "defaults:\n  theme: " + "x" * 100_000 + "\n"}, "deck.yaml:7", "is not a theme name"),
    "template-bomb": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{{ 'x' * 1000000000 }}\"\n"}, "layouts/tarot.yaml:4", "template stopped"),
    "template-loops": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: |\n      {{ card.title }}\n      {% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n"}, "layouts/tarot.yaml:6", "loops take more than"),
    "template-nested-for": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"" + "{% for a in card.title %}" * 21
                             + "x" + "{% endfor %}" * 21 + "\"\n"}, "layouts/tarot.yaml:4", "nested more than 10 deep"),
    "template-nested-if": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"" + "{% if card %}" * 100
                            + "x" + "{% endif %}" * 100 + "\"\n"}, "layouts/tarot.yaml:4", "nested more than 10 deep"),
    "template-grows-a-list": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{% set l = [] %}"
                               "{% for i in range(3000) %}{{ l.append('x' * 999999) }}{% endfor %}\"\n"},
                              "layouts/tarot.yaml:4", "unsafe"),
    "template-joins-copies": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{% set s = 'x' * 999999 %}"
                               "{{ ([s] * 100000) | join }}\"\n"}, "layouts/tarot.yaml:4", "longer than 1,000,000"),
    "template-format-star": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{{ '%.*f' % (900000000, 1.0) }}\"\n"},
                             "layouts/tarot.yaml:4", "width or precision"),
    "template-format-nested": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{{ '{:{}}'.format('x', '1500000000') }}\"\n"},
                               "layouts/tarot.yaml:4", "width or precision"),
    "template-lipsum": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{{ lipsum(100000, min=100, max=100) }}\"\n"},
                        "layouts/tarot.yaml:4", "not defined"),
    "template-makes-and-discards": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  title:\n    text: \"{% set s = 'x' * 500000 %}"
                                     "{% for i in range(100000) %}{% set t = s ~ i %}{% endfor %}\"\n"},
                                    "layouts/tarot.yaml:4", "in all"),
    "template-runtime-error": ({"layouts/facilitator/cover.j2": "@title {{ deck.title }}\n\n{{ deck.title.nothing.here }}\n"}, "layouts/facilitator/cover.j2:3", "not defined"),
    "negative-leading": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  description:\n    leading: -1\n"}, "layouts/tarot.yaml:4", "'leading' is the line height"),
    "giant-card": ({"layouts/tarot.yaml": "extends: tarot\nsize: {width: 10000mm, height: 120mm}\n"}, "layouts/tarot.yaml:2", "'width' should be from 20mm to 400mm"),
    "long-font-name": ({"layouts/themes/long.yaml": "extends: default\ndescription: a font name no disk can hold\nfonts:\n  regular: " + "y" * 300 + ".ttf\n",
                        "deck.yaml": DECK + "defaults:\n  theme: long\n"}, "layouts/themes/long.yaml:4", "not found"),
    "misspelled-region": ({"layouts/tarot.yaml": "extends: tarot\nfront:\n  footer-titel: {size: 8pt}\n"}, "layouts/tarot.yaml:3", "did you mean 'footer-title'"),
    "image-bomb": ({"layouts/themes/bomb.yaml": "extends: default\ndescription: a logo that is a bomb\nlogo: bomb.png\n",
                    "layouts/themes/bomb.png": png_declaring(60_000, 60_000),
                    "deck.yaml": DECK + "defaults:\n  theme: bomb\n"}, "layouts/themes/bomb.yaml:3", "megapixels"),
    # A logo whose bytes are PostScript: Pillow would hand it to Ghostscript, which runs it.
    "logo-eps": ({"layouts/themes/eps.yaml": "extends: default\ndescription: a logo that is a program\nlogo: logo.png\n",
                  "layouts/themes/logo.png": EPS_WRITING_A_FILE,
                  "deck.yaml": DECK + "defaults:\n  theme: eps\n"}, "layouts/themes/eps.yaml:3", "not a PNG or JPEG file"),
    "logo-truncated": ({"layouts/themes/cut.yaml": "extends: default\ndescription: a logo cut short\nlogo: cut.png\n",
                        "layouts/themes/cut.png": png_of(64, 64)[:-40],
                        "deck.yaml": DECK + "defaults:\n  theme: cut\n"}, "layouts/themes/cut.yaml:3", "damaged or cut short"),
    "many-assessments": ({"layouts/facilitator/uses.j2": "@assessment\n" * 20_000}, "layouts/facilitator/uses.j2:1",
                         "@assessment is used more than 4 times"),
    "many-cards-on-a-page": ({"layouts/facilitator/behaviour.j2": "@card\n" * 90_000}, "layouts/facilitator/behaviour.j2:1",
                             "@card is used more than 4 times"),
    "font-bomb": ({"layouts/themes/huge.yaml": "extends: default\ndescription: a font file of 100 MB\nfonts:\n  regular: huge.ttf\n",
                   "layouts/fonts/huge.ttf": Sparse(100_000_000),
                   "deck.yaml": DECK + "defaults:\n  theme: huge\n"}, "layouts/themes/huge.yaml:4", "larger than 64 MB"),
}
for sign in "*&!%@`>":
    CASES[f"text-starting-with-{'backtick' if sign == '`' else sign}"] = (
        {"behaviours/honesty.yaml": card_with("system: What", f"system: {sign}What")}, "behaviours/honesty.yaml:14", "quotes"
    )


def make_deck(folder: Path, files: dict[str, str | bytes | Sparse]) -> Path:
    deck = folder / "hostile"
    (deck / "behaviours").mkdir(parents=True)
    (deck / "deck.yaml").write_text(DECK, encoding="utf-8")
    (deck / "behaviours" / "honesty.yaml").write_text(CARD, encoding="utf-8")
    for name, content in files.items():
        path = deck / name
        if path.parent.is_file():  # the sample's deck.yaml replaced by a folder of that name
            path.parent.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Sparse):
            with path.open("wb") as hole:
                hole.truncate(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
    return deck


PEAK_LINE = "cards-test-peak-kb "
# The child reports its own peak, its workers' included: RUSAGE_CHILDREN read here would be
# the largest of every child this test process has run, so the figure would depend on
# which tests ran before.
MEASURED = (
    "import atexit, sys\n"
    "try:\n"
    "    import resource\n"
    "    atexit.register(lambda: sys.stderr.write('%s%d\\n' % (" + repr(PEAK_LINE) + ", max(\n"
    "        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))))\n"
    "except ImportError:\n"
    "    pass\n"
    "from generator.cli import main\n"
    "sys.exit(main())\n"
)


def run_measured(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float | None]:
    """Run `cards` in a child process; its peak memory in MB where the platform says."""
    import os
    command = [sys.executable, "-c", MEASURED, *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    peaks = [int(line[len(PEAK_LINE):]) for line in result.stderr.splitlines() if line.startswith(PEAK_LINE)]
    result.stderr = "".join(line for line in result.stderr.splitlines(keepends=True) if not line.startswith(PEAK_LINE))
    if not peaks:
        return result, None
    return result, peaks[0] / (1024 * 1024 if sys.platform == "darwin" else 1024)


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_one_positioned_error(case, tmp_path):
    files, expected_at, expected_words = CASES[case]
    deck = make_deck(tmp_path, files)
    out = tmp_path / "out"
    result, peak_mb = run_measured(["build", "hostile", "--out", str(out)], tmp_path)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert len(errors) == 1, result.stderr
    match = POSITIONED.match(errors[0])
    assert match, errors[0]
    assert match["path"] + (f":{match['line']}" if match["line"] else "") == f"hostile/{expected_at}", errors[0]
    assert expected_words in match["message"], errors[0]
    assert not out.exists()
    assert not EPS_MARKER.exists()  # no logo ran as a program
    if peak_mb is not None:
        assert peak_mb < MEMORY_LIMIT_MB, f"{case}: peak {peak_mb:.0f} MB"
    assert deck.is_dir()


def test_decomposed_text_is_drawn_with_composed_glyphs(tmp_path):
    """Welsh ŵ and ŷ typed as w/y plus a combining circumflex (NFD, as copied on a Mac)
    are drawn as the single glyphs ŵ and ŷ: read from the glyphs drawn, not only the text."""
    import pdfplumber

    decomposed = "Gw\u0302r y ty\u0302"
    deck = make_deck(tmp_path, {"behaviours/honesty.yaml": card_with("title: Honesty", f"title: {decomposed}")})
    result, _ = run_measured(["build", "hostile", "--outputs", "press", "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / "out" / "hostile" / "hostile-press.pdf") as pdf:
        drawn = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "Gŵr" in drawn and "tŷ" in drawn
    assert "\u0302" not in drawn  # no combining mark was drawn on its own
    assert deck.is_dir()


def test_a_logo_is_never_handed_to_another_program(tmp_path, monkeypatch):
    """Whether or not Ghostscript is installed: an EPS file named logo.png is refused from
    its bytes, and Pillow's EPS reader (which runs Ghostscript) is never asked to open it."""
    from PIL import EpsImagePlugin

    from generator.errors import Problems, Where
    from generator.render.images import image_pixels

    asked = []
    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", lambda self: asked.append(self) or None)
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", lambda *args, **kwargs: asked.append(args))
    logo = tmp_path / "logo.png"
    logo.write_bytes(EPS_WRITING_A_FILE)
    problems = Problems()
    assert image_pixels(logo, problems, Where("theme.yaml", 3, 7)) is None
    assert [str(p) for p in problems.items] == [
        "theme.yaml:3:7: error: image logo.png is not a PNG or JPEG file (read from its bytes, whatever its name says); "
        "a logo must be one of these"]
    assert asked == [] and not EPS_MARKER.exists()


def test_every_file_a_deck_names_is_checked_from_its_bytes(tmp_path):
    """A deck's own ICC profile or font that is something else under the expected name is
    refused before anything is embedded (a broken profile once went into the press file)."""
    deck = make_deck(tmp_path, {
        "layouts/profiles/fogra39.icc": "not an ICC profile at all\n",
    })
    result, _ = run_measured(["build", "hostile", "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "hostile/layouts/profiles/fogra39.icc: error: not an ICC profile (read from its bytes" in result.stderr
    assert not (tmp_path / "out").exists()
    (deck / "layouts" / "profiles" / "fogra39.icc").unlink()
    (deck / "layouts" / "themes").mkdir(parents=True)
    (deck / "layouts" / "themes" / "evil.yaml").write_text("extends: default\ndescription: x\nfonts:\n  regular: evil.ttf\n")
    (deck / "layouts" / "fonts").mkdir()
    (deck / "layouts" / "fonts" / "evil.ttf").write_bytes(EPS_WRITING_A_FILE)
    result, _ = run_measured(["build", "hostile", "--theme", "evil", "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 1 and "hostile/layouts/themes/evil.yaml:4:12: error: cannot use font file evil.ttf" in result.stderr
    assert not (tmp_path / "out").exists() and not EPS_MARKER.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links to devices and named pipes are POSIX")
def test_an_entry_of_behaviours_that_is_no_file_is_an_error_never_a_missing_card(tmp_path):
    import os

    deck = make_deck(tmp_path, {})
    cards = deck / "behaviours"
    (cards / "dangling.yaml").symlink_to("nowhere.yaml")
    (cards / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(cards / "pipe.yaml")
    (cards / "folder.yaml").mkdir()
    (cards / ".#honesty.yaml").symlink_to("someone@host.1234")  # an editor's lock: not a card
    result, _ = run_measured(["build", "hostile", "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [f"hostile/behaviours/{name}: error: cannot read file: it is {kind}" for name, kind in (
        ("dangling.yaml", "a link to nothing"), ("folder.yaml", "a folder"),
        ("pipe.yaml", "not a regular file (a device or a pipe)"), ("zero.yaml", "not a regular file (a device or a pipe)"))]
    assert not (tmp_path / "out").exists()


def test_a_chain_of_a_thousand_extends_is_refused_at_once(tmp_path):
    """1,200 decks each extending the next (a RecursionError traceback once), and a layout
    extending through 100 files: one positioned error each, quickly."""
    make_deck(tmp_path, {"deck.yaml": "extends: d1\n"})
    for n in range(1, 1201):
        (tmp_path / f"d{n}").mkdir()
        (tmp_path / f"d{n}" / "deck.yaml").write_text(f"extends: d{n + 1}\n", encoding="utf-8")
    result, _ = run_measured(["validate", "hostile"], tmp_path)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(errors) == 1 and re.match(r"^d\d+/deck.yaml:1:10: error: 'extends' goes more than 16 decks deep", errors[0])
    layouts = {"deck.yaml": DECK + "defaults:\n  layout: l0\n"}
    layouts.update({f"layouts/l{n}.yaml": f"extends: l{n + 1}\n" for n in range(100)})
    deck = make_deck(tmp_path / "layouts", layouts)
    result, _ = run_measured(["validate", "hostile"], deck.parent)
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert result.returncode == 1 and len(errors) == 1, result.stderr
    assert re.match(r"^hostile/layouts/l\d+.yaml:1:10: error: 'extends' goes more than 16 layouts deep", errors[0])


def _damaged_workbooks(good: bytes) -> dict[str, bytes]:
    """A workbook exported by the tool, damaged in the ways contributed files arrive."""
    import io
    import random
    import zipfile as zf

    def rewritten(change) -> bytes:
        out = io.BytesIO()
        with zf.ZipFile(io.BytesIO(good)) as source, zf.ZipFile(out, "w", zf.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info.filename, change(info.filename, source.read(info.filename)))
        return out.getvalue()

    sheet = "xl/worksheets/sheet1.xml"
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    external = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
                b'<c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')
    cases = {
        "malformed-xml": rewritten(lambda name, data: data[: len(data) // 2] if name == sheet else data),
        "entity-bomb": rewritten(lambda name, data: bomb if name == sheet else data),
        "external-entity": rewritten(lambda name, data: external if name == sheet else data),
    }
    crc = bytearray(good)
    at = crc.find(b"PK\x01\x02")  # the first central directory entry: its CRC-32 at offset 16
    crc[at + 16] ^= 0xFF
    first_local = crc.find(b"PK\x03\x04")
    crc[first_local + 14] ^= 0xFF  # the same member's local header CRC
    cases["bad-crc"] = bytes(crc)
    noise = random.Random(7)
    for n in range(6):
        flipped = bytearray(good)
        for _ in range(8):
            flipped[noise.randrange(len(flipped))] ^= 1 << noise.randrange(8)
        cases[f"byte-flipped-{n}"] = bytes(flipped)
    return cases


def test_a_damaged_spreadsheet_is_one_error_and_changes_nothing(tmp_path):
    import shutil

    deck = tmp_path / "deck"
    shutil.copytree(ROOT / "cards" / "system-leadership", deck)
    before = {p: p.read_bytes() for p in deck.rglob("*") if p.is_file()}
    good = tmp_path / "good.xlsx"
    assert run_measured(["export", "deck", "--to", str(good)], tmp_path)[0].returncode == 0
    files = {f"{name}.xlsx": data for name, data in _damaged_workbooks(good.read_bytes()).items()}
    header = "id,title\n"
    files["long-cell.csv"] = (header + "authenticity," + "x" * 140_000 + "\n").encode("utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        result, peak_mb = run_measured(["import", name, "--into", "deck"], tmp_path)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (name, result.stderr)
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        if result.returncode == 0:  # a flip that hit nothing that matters (a date, padding): still a workbook
            assert name.startswith("byte-flipped"), name
            continue
        assert result.returncode == 1 and len(errors) >= 1 and errors[0].startswith(name), (name, result.stderr)
        assert {p: p.read_bytes() for p in deck.rglob("*") if p.is_file()} == before, name
        if peak_mb is not None:
            assert peak_mb < MEMORY_LIMIT_MB, (name, peak_mb)
    for name in ("malformed-xml", "entity-bomb", "external-entity", "bad-crc"):
        result, _ = run_measured(["import", f"{name}.xlsx", "--into", "deck"], tmp_path)
        assert result.returncode == 1, name
    assert "root:" not in (tmp_path / "external-entity.xlsx").read_text(encoding="latin-1")


@pytest.mark.parametrize("directives", ["@spacer 300", "@lines 300", "@page\n" * 11, "@spacer 300\n@lines 300\n@page\n@page"])
def test_pack_directives_within_their_ranges_lay_out(directives, tmp_path):
    """The README's ranges (@spacer and @lines up to 300, pages in a row) once ended in
    ReportLab's LayoutError: a spacer fills at most a page, lines run over pages (each
    part its own field), and page breaks leave one blank page in a row at most."""
    make_deck(tmp_path, {"layouts/facilitator/uses.j2": directives + "\n\nSome text.\n"})
    result, _ = run_measured(["build", "hostile", "--outputs", "facilitator", "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "out" / "hostile" / "hostile-facilitator-a4.pdf")
    fields = list(reader.get_fields() or {})
    assert len(fields) == len(set(fields))
    if "@lines 300" in directives:
        assert any(name.endswith("-10") for name in fields)  # 300 lines of 8 mm: ten pages and more, a field on each


def test_messages_name_their_file_and_show_on_one_line(tmp_path):
    """A file the system refuses is named, before any work where it can be; what a message
    quotes cannot reorder or split the terminal's line; a PO error quotes a little."""
    deck = make_deck(tmp_path, {"behaviours/honesty.yaml": card_with("title: Honesty", "title: \"Hon\\u202eesty\\u2028\"")
                                                          .replace("status: illustrative", "status: draft")})
    (deck / "behaviours" / "new\nline.yaml").write_text("- a list\n", encoding="utf-8")
    result, _ = run_measured(["build", "hostile", "--out", str(tmp_path / "out")], tmp_path)
    assert result.returncode == 1 and "\u202e" not in result.stderr and "\u2028" not in result.stderr
    lines = result.stderr.splitlines()
    assert "hostile/behaviours/new\\nline.yaml:1:1: error: behaviour file should be a mapping of keys to values, not a list" in lines
    (deck / "behaviours" / "new\nline.yaml").unlink()
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result, _ = run_measured(["build", "hostile", "--out", "afile"], tmp_path)
    assert result.returncode == 2 and result.stderr.strip() == "cards: error: --out afile: afile is a file, not a folder"
    result, _ = run_measured(["new", "x" * 300], tmp_path)
    assert result.returncode == 2 and "a deck id of 300 characters is too long: at most 80" in result.stderr
    long_named = tmp_path / ("d" * 250)
    long_named.mkdir()
    (long_named / "deck.yaml").write_text(DECK, encoding="utf-8")
    result, _ = run_measured(["validate", long_named.name], tmp_path)
    assert result.returncode == 1 and f"{long_named.name}: error: the deck folder's name is the deck's id: 250 characters is too long" in result.stderr
    po = deck / "translations" / "cy.po"
    po.parent.mkdir()
    po.write_text('msgid ""\n"Project-Id-Version: x\\n"\n"Language: cy\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\n', encoding="utf-8")
    (deck / "deck.yaml").write_text(DECK + "languages: [en, cy]\n", encoding="utf-8")
    (deck / "behaviours" / "honesty.yaml").write_text(CARD, encoding="utf-8")
    result, _ = run_measured(["validate", "hostile"], tmp_path)
    error = next(line for line in result.stderr.splitlines() if "cy.po" in line)
    assert len(error) < 200 and "Content-Type" not in error, error


def test_a_whole_file_error_has_the_line_where_there_is_one(tmp_path):
    """`cards translate` on a broken PO file points at the broken line, as a build does."""
    deck = make_deck(tmp_path, {"deck.yaml": DECK + "languages: [en, cy]\n",
                                "translations/cy.po": 'msgid ""\nmsgstr ""\n"Language: cy\\n"\n\nmsgid "a"\nmsgstr "b"\nnonsense here\n'})
    result, _ = run_measured(["translate", "hostile", "--language", "cy"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^hostile/translations/cy.po:7:1: error: ", result.stderr, re.MULTILINE), result.stderr
    assert deck.is_dir()


WHOLE_FILE_CASES = {
    # What is wrong inside a file is at its line, even when it is the file's whole value...
    "deck-is-a-list": ({"deck.yaml": "# a deck\n- title\n- themes\n"}, "hostile/deck.yaml:2:1", "should be a mapping"),
    "card-is-null": ({"behaviours/honesty.yaml": "# to do\n\nnull\n"}, "hostile/behaviours/honesty.yaml:3:1", "should be a mapping"),
    "layout-is-a-value": ({"deck.yaml": DECK + "defaults: {layout: mine}\n", "layouts/mine.yaml": "\n  tarot\n"},
                          "hostile/layouts/mine.yaml:2:3", "should be a mapping"),
    "only-comments": ({"behaviours/honesty.yaml": "# a card\n# to write\n"}, "hostile/behaviours/honesty.yaml", "only comments"),
    # ...and what is wrong with a file or folder as a whole is at its path alone.
    "empty-file": ({"behaviours/honesty.yaml": ""}, "hostile/behaviours/honesty.yaml", "file is empty"),
    "facilitator-is-a-folder": ({"facilitator.yaml/notes.txt": "x"}, "hostile/facilitator.yaml", "should be a file, but it is a folder"),
    "layouts-is-a-file": ({"layouts": "x"}, "hostile/layouts", "should be a folder, but it is a file"),
    "translations-is-a-file": ({"deck.yaml": DECK + "languages: [en, cy]\n", "translations": "x"}, "hostile/translations",
                               "should be a folder"),
    "deck-yaml-is-a-folder": ({"deck.yaml/x": "x"}, "hostile/deck.yaml", "should be a file, but it is a folder"),
}


@pytest.mark.parametrize("case", sorted(WHOLE_FILE_CASES))
def test_an_error_has_the_line_where_there_is_one_and_the_path_where_not(case, tmp_path):
    """A whole-file error once carried no line where one exists (a YAML file that is no
    mapping); a deck's own name that is the wrong kind of entry (a folder called
    facilitator.yaml, a file called layouts) was passed over and the deck built without it."""
    files, expected_at, words = WHOLE_FILE_CASES[case]
    make_deck(tmp_path, files)
    for command in (["validate", "hostile"], ["build", "hostile", "--out", str(tmp_path / "out")]):
        result, _ = run_measured(command, tmp_path)
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert len(errors) == 1, result.stderr
        match = POSITIONED.match(errors[0])
        assert match, errors[0]
        at = match["path"] + (f":{match['line']}:{match['col']}" if match["line"] else "")
        assert at == expected_at and words in match["message"], errors[0]
    assert not (tmp_path / "out").exists()


def test_a_deck_folder_name_error_is_at_the_folder(tmp_path):
    deck = tmp_path / "Bad Deck"
    (deck / "behaviours").mkdir(parents=True)
    (deck / "deck.yaml").write_text(DECK, encoding="utf-8")
    (deck / "behaviours" / "honesty.yaml").write_text(CARD, encoding="utf-8")
    result, _ = run_measured(["validate", "Bad Deck"], tmp_path)
    assert result.returncode == 1
    assert re.search(r"^Bad Deck: error: deck folder name 'Bad Deck' is the deck's id", result.stderr, re.MULTILINE), result.stderr


def test_files_the_build_does_not_read_are_named(tmp_path):
    """A card saved as HONESTY.YAML is a card; notes.txt beside the cards and a PO file for a
    language the deck does not list are not read, and the build says so instead of leaving
    someone to believe they are in the deck."""
    deck = make_deck(tmp_path, {"behaviours/notes.txt": "remember to add trust",
                                "behaviours/TRUST.YAML": CARD.replace("id: honesty", "id: trust").replace("Honesty", "Trust"),
                                "translations/cy.po": 'msgid ""\nmsgstr ""\n"Language: cy\\n"\n'})
    result, _ = run_measured(["build", "hostile", "--out", str(tmp_path / "out"), "--outputs", "press"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "hostile/behaviours/notes.txt: note: not read: behaviour files end in .yaml" in result.stderr, result.stderr
    assert "hostile/translations/cy.po: note: not read: the deck is not translated into 'cy'" in result.stderr, result.stderr
    from pypdf import PdfReader
    press = next((tmp_path / "out").rglob("*press*.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(press).pages)
    assert "Trust" in text and "Honesty" in text
    assert deck.is_dir()
