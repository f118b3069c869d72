"""`cards init` and `cards new`: a project and a deck that validate and build at once."""
from __future__ import annotations

import pytest

from generator.cli import main
from generator.content.deck import read_deck
from generator.errors import Problems


def test_init_then_new_gives_a_deck_that_builds(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "demo"]) == 0
    project = tmp_path / "demo"
    assert (project / ".gitignore").read_text().splitlines()[-2:] == ["output/", "site/"]
    assert {p.name for p in project.iterdir()} == {"cards", "layouts", "schemas", ".gitignore", "README.md"}
    assert main(["--project", str(project), "new", "team-values", "--title", "Our values: how we work", "--themes", "3"]) == 0
    deck = read_deck(project / "cards" / "team-values", Problems())
    assert deck is not None and deck.title == "Our values: how we work"  # a colon in a title, quoted safely
    assert [t.id for t in deck.themes] == ["theme-1", "theme-2", "theme-3"]
    assert all(sum(v > 0 for v in t.colour.cmyk) <= 2 for t in deck.themes)  # at most two inks a colour
    assert len(deck.behaviours) == 2
    capsys.readouterr()
    assert main(["--project", str(project), "build", "--outputs", "press,facilitator"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # no problem, note or warning
    assert sorted(p.name for p in (project / "output" / "team-values").iterdir()) == [
        "team-values-facilitator-a4.pdf", "team-values-facilitator-letter.pdf", "team-values-press.pdf"]


def test_every_new_field_is_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-deck"]) == 0
    folder = tmp_path / "cards" / "my-deck"
    for path in [folder / "deck.yaml", folder / "facilitator.yaml", *sorted((folder / "behaviours").iterdir())]:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line and not line.startswith((" ", "#", "-")) and ":" in line:  # a top-level field
                above = lines[number - 1] if number else ""
                assert above.startswith("#"), f"{path.name}: '{line}' has no comment above it"


@pytest.mark.parametrize("args, message", [
    (["new", "My Deck"], "cannot be a deck id"),
    (["new", "deck", "--themes", "0"], "--themes should be from 1 to 12"),
])
def test_new_refuses_what_it_cannot_make(args, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "cards").exists()


def test_nothing_is_overwritten(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "deck"]) == 0
    deck_file = tmp_path / "cards" / "deck" / "deck.yaml"
    deck_file.write_text("title: Mine\nthemes: []\n")
    assert main(["new", "deck"]) == 2 and "already exists" in capsys.readouterr().err
    assert main(["init"]) == 0
    assert deck_file.read_text() == "title: Mine\nthemes: []\n"


def test_windows_files_with_a_byte_order_mark_and_crlf_lines(tmp_path, monkeypatch, capsys):
    """Files saved by Windows editors (UTF-8 with a BOM, CRLF line ends) read as any
    other, templates included: the pack still finds its headings and directives."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "windows"]) == 0
    deck = tmp_path / "cards" / "windows"
    template = deck / "layouts" / "facilitator" / "cover.j2"
    template.parent.mkdir(parents=True)
    template.write_text("@title {{ deck.title }}\n# Cover heading\nWritten on Windows.\n", encoding="utf-8")
    for path in [*deck.rglob("*.yaml"), template]:
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    capsys.readouterr()
    assert main(["build", "--outputs", "facilitator"]) == 0, capsys.readouterr().err
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "output" / "windows" / "windows-facilitator-a4.pdf")
    assert [e.title for e in reader.outline if not isinstance(e, list)][:2] == ["Windows", "Cover heading"]
    assert "Written on Windows." in reader.pages[0].extract_text()


def test_a_new_deck_is_dated_the_day_it_is_made(tmp_path, monkeypatch):
    """Without a date every file and manifest would claim 2000-01-01; SOURCE_DATE_EPOCH
    (reproducible builds) names the day where it is set."""
    import datetime

    from generator.scaffold import new_deck

    new_deck(tmp_path / "cards", "dated", None, 2, today=datetime.date(2026, 3, 4))
    assert "\ndate: \"2026-03-04\"\n" in (tmp_path / "cards" / "dated" / "deck.yaml").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    new_deck(tmp_path / "cards", "epoch", None, 2)
    assert "\ndate: \"2026-01-01\"\n" in (tmp_path / "cards" / "epoch" / "deck.yaml").read_text(encoding="utf-8")
