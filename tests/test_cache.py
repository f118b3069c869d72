"""The user's cache folder (compiled templates, font metrics): keyed by content, never
trusted blindly, and never a reason for a build to differ or fail."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_DECKS
from generator.content.cachefolder import cache_root, content_key
from generator.design import text as templates
from generator.errors import Problems, Where
from generator.pipeline import build

FLAGSHIP = ROOT / "cards" / "system-leadership"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CARDS_CACHE", str(folder))
    return folder


def compiled(source: str) -> templates.TextTemplate:
    """Compiled through the cache folder (not the process's own memo)."""
    problems = Problems()
    template = templates._compile(source, Where("layout.yaml", 10, 5), True, problems, False)
    assert template is not None and not problems
    return template


def test_cache_folder_is_the_platforms_own_or_the_one_asked_for(monkeypatch):
    monkeypatch.setenv("CARDS_CACHE", "off")
    assert cache_root() is None
    monkeypatch.delenv("CARDS_CACHE")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(Path("C:/Users/ann/AppData/Local")))
    assert cache_root() == Path("C:/Users/ann/AppData/Local") / "behaviour-cards" / "Cache"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache_root() == Path.home() / "Library" / "Caches" / "behaviour-cards"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache_root() == Path.home() / ".cache" / "behaviour-cards"


def test_keys_change_with_any_part_and_never_run_parts_together():
    assert content_key("ab", "c") != content_key("a", "bc")
    assert content_key("a", "b") == content_key(b"a", "b")
    assert content_key("{{ card.title }}") != content_key("{{ card.title }} ")


def test_a_template_compiled_once_is_read_back_and_behaves_the_same(cache, monkeypatch):
    source = "{{ card.title }}\n{% for q in card.questions %}{{ loop.index }}. {{ q }}\n{% endfor %}{{ card.nope }}"
    first = compiled(source)
    entries = list((cache / "templates").iterdir())
    assert len(entries) == 1

    def never(*args, **kwargs):
        raise AssertionError("compiled again: the cached code was not read")

    monkeypatch.setattr(templates._ENVIRONMENT, "compile", never)
    second = compiled(source)
    assert list((cache / "templates").iterdir()) == entries
    context = {"card": {"title": "Café <b> & “x”", "questions": ["a", "b"], "nope": "z"}}
    for template in (first, second):
        assert template.render(context, Problems(), "region") == "Café <b> & “x”\n1. a\n2. b\nz"
    # A runtime error still points at its template line (line 4 of the block, under line 10).
    for template in (first, second):
        problems = Problems()
        assert template.render({"card": {"title": "t", "questions": []}}, problems, "region 'x'") is None
        assert [str(p.where) for p in problems.items] == ["layout.yaml:13:1"]
        assert "'nope'" in problems.items[0].message


def test_a_cached_template_keeps_its_limits(cache):
    source = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
    compiled(source)
    problems = Problems()
    assert compiled(source).render({}, problems, "region") is None
    assert "template stopped" in problems.items[0].message


def test_damaged_or_foreign_entries_are_compiled_again(cache):
    source = "{{ card.title }}!"
    compiled(source)
    (entry,) = (cache / "templates").iterdir()
    for damage in (b"", b"\x00garbage", __import__("marshal").dumps(("not", "code"))):
        entry.write_bytes(damage)
        assert compiled(source).render({"card": {"title": "T"}}, Problems(), "r") == "T!"
        assert entry.read_bytes() != damage  # written again, whole


def test_font_widths_are_reportlabs_to_the_last_bit(cache):
    """Composing measures with the cached metrics; drawing with ReportLab's own: every
    width must be the same float, for integer widths (1000 units to the em) and for
    fractional ones (2048 units), or a line could fit in one and not the other."""
    from reportlab.pdfbase import pdfmetrics

    from generator.design.theme import load_style
    from generator.render import fonts

    problems = Problems()
    style = load_style("default", None, problems, Where("test"))
    fonts._metrics.cache_clear()
    parsed = fonts.FontBook(style, problems)
    fonts._metrics.cache_clear()
    cached = fonts.FontBook(style, problems)  # read back from the cache folder
    assert not problems and len(list((cache / "fonts").iterdir())) == len(style.fonts)
    texts = [path.read_text(encoding="utf-8") for deck in SAMPLE_DECKS for path in deck.rglob("*.yaml")]
    words = {w for text in texts for w in text.split()} | {"", " ", "Łódź — Zoë’s café ﬁ 10\u00a0km", "\U0001F600 漢字"}
    for name in parsed.names:
        for word in words:
            expected = pdfmetrics.stringWidth(word, name, 1.0)
            assert parsed.width(word, name) == expected and cached.width(word, name) == expected, (name, word)
        assert cached.ascent(name) == pdfmetrics.getFont(name).face.ascent / 1000
        assert cached.descent(name) == pdfmetrics.getFont(name).face.descent / 1000
        assert cached.missing("a漢\U0001F600", name) == parsed.missing("a漢\U0001F600", name) == ["漢", "\U0001F600"]
    # Fractional widths, summed in the same order as ReportLab's accelerator sums them.
    name = parsed.names[0]
    face = pdfmetrics.getFont(name).face
    saved = dict(face.charWidths)
    try:
        face.charWidths.update({code: width * 1000 / 2048 for code, width in saved.items()})
        book = fonts.FontBook.__new__(fonts.FontBook)
        book._faces = {name: fonts.FaceMetrics(face.ascent, face.descent, face.defaultWidth, dict(face.charWidths), frozenset())}
        book._widths = {}
        alphabet = [chr(code) for code in sorted(saved)][:300]
        generator = random.Random(7)
        for _ in range(3000):
            word = "".join(generator.choices(alphabet, k=generator.randint(1, 40)))
            assert book.width(word, name) == pdfmetrics.stringWidth(word, name, 1.0), word
    finally:
        face.charWidths.clear()
        face.charWidths.update(saved)


def test_builds_are_the_same_bytes_with_the_cache_cold_warm_or_off(tmp_path, monkeypatch, built_all):
    expected = {key: path.read_bytes() for key, path in built_all.items() if key[0] == "system-leadership"}
    for n, setting in enumerate([str(tmp_path / "cold"), str(tmp_path / "cold"), "off", str(tmp_path / "file")]):
        if setting.endswith("file"):
            Path(setting).write_text("a file where the cache folder would be: nothing can be written")
        monkeypatch.setenv("CARDS_CACHE", setting)
        _forget_in_process_memos()
        outcome = build([FLAGSHIP], tmp_path / f"out{n}")
        assert not outcome.problems
        got = {(w.deck.id, w.path.name): w.path.read_bytes() for w in outcome.written}
        assert got == expected, setting
    assert (tmp_path / "cold" / "templates").is_dir() and (tmp_path / "cold" / "fonts").is_dir()


def test_validate_with_a_warm_cache_loads_no_reportlab(tmp_path):
    """What makes `cards validate` quick: with the fonts' metrics and the templates
    cached, it reads the deck and composes it without ReportLab's libraries or Pillow
    (only ReportLab's version, from its package's own small __init__)."""
    env = {**os.environ, "CARDS_CACHE": str(tmp_path / "cache")}
    script = ("import sys; from generator.cli import main; status = main(['validate', sys.argv[1]]); "
              "print(status, sorted({m.split('.')[0] for m in sys.modules if m.startswith(('reportlab.', 'PIL', 'pikepdf', 'pypdfium2'))}))")
    runs = [subprocess.run([sys.executable, "-c", script, str(FLAGSHIP)], capture_output=True, text=True, env=env, cwd=ROOT)
            for _ in range(2)]
    assert runs[0].stdout.splitlines()[-1] == "0 ['PIL', 'reportlab']"  # the first run reads the fonts
    assert runs[1].stdout.splitlines()[-1] == "0 []", runs[1].stderr


def _forget_in_process_memos() -> None:
    from generator.render import fonts

    fonts._metrics.cache_clear()
    templates._COMPILED.clear()


def test_a_build_without_a_pack_or_qr_code_loads_no_page_layout(tmp_path):
    """ReportLab's page layout (platypus) and its QR encoder take a tenth of a second to
    import: a build whose files need neither (cards on sheets, no QR code) never loads them."""
    deck = tmp_path / "deck"
    shutil.copytree(FLAGSHIP, deck)
    config = deck / "deck.yaml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines()
                                if not line.startswith("qr")) + "\n", encoding="utf-8")
    env = {**os.environ, "CARDS_CACHE": str(tmp_path / "cache")}
    script = ("import sys; from generator.cli import main; "
              "status = main(['build', sys.argv[1], '--outputs', sys.argv[2], '--out', sys.argv[3], '--quiet']); "
              "print(status, sorted(m for m in ('reportlab.platypus', 'reportlab.graphics.barcode') if m in sys.modules))")
    loaded = {outputs: subprocess.run([sys.executable, "-c", script, str(deck), outputs, str(tmp_path / outputs)],
                                      capture_output=True, text=True, env=env, cwd=ROOT)
              for outputs in ("sheets,press", "facilitator")}
    assert loaded["sheets,press"].stdout.splitlines()[-1] == "0 []", loaded["sheets,press"].stderr
    assert loaded["facilitator"].stdout.splitlines()[-1] == "0 ['reportlab.platypus']", loaded["facilitator"].stderr
