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
    # No problem or note; one warning, saying the third theme waits for a card.
    assert captured.err.splitlines() == ["cards/team-values/deck.yaml:56:5: warning: theme 'theme-3' (Theme 3) has no cards: "
                                         "give a card 'theme: theme-3', or remove the theme"]
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


def test_a_new_local_edition_builds_at_once_and_each_commented_example_works(tmp_path, monkeypatch, capsys):
    """`cards new riverside --extends system-leadership`: a deck.yaml that extends the base,
    with the attribution fields and an example of each change, commented out and naming
    the base's own cards and themes. As written it is the base under a new title; with its
    examples taken up it removes, recolours and rewords, as `cards diff` then says."""
    import re
    import shutil

    from conftest import ROOT

    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "cards" / "system-leadership", tmp_path / "cards" / "system-leadership")
    assert main(["new", "riverside", "--extends", "system-leadership"]) == 0
    deck_yaml = tmp_path / "cards" / "riverside" / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8")
    assert "\nextends: system-leadership\n" in text and "\npublisher: Who makes this edition\n" in text
    assert main(["validate", "cards/riverside"]) == 0
    assert "cards/riverside: ok (13 cards" in capsys.readouterr().out
    assert main(["build", "cards/riverside", "--outputs", "press"]) == 0

    # Take up the examples: uncomment remove and themes, and write the reword file shown.
    taken = re.sub(r"(?m)^# (remove:|  - doing-things-differently|themes:|  - id: being.*|    colour: .*)$", r"\1", text)
    deck_yaml.write_text(taken, encoding="utf-8")
    reword = "\n".join(line[4:] for line in text.splitlines() if line.startswith("#   ") and
                       ("id: authenticity" in line or "description" in line or "The new description" in line))
    (tmp_path / "cards" / "riverside" / "behaviours").mkdir()
    (tmp_path / "cards" / "riverside" / "behaviours" / "authenticity.yaml").write_text(reword + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "cards/riverside"]) == 0, capsys.readouterr().err
    assert "cards/riverside: ok (12 cards" in capsys.readouterr().out
    assert main(["diff", "cards/riverside"]) == 0
    out = capsys.readouterr().out
    assert "changed: Authenticity [authenticity] (description)" in out and "removed: Doing Things Differently" in out
    from generator.content.deck import read_deck
    from generator.errors import Problems

    assert read_deck(tmp_path / "cards" / "riverside", Problems()).group("being").colour.hex == "#7A1F5C"
    assert main(["new", "other", "--extends", "nowhere"]) == 2
    assert "--extends nowhere: there is no deck" in capsys.readouterr().err
    assert main(["new", "other", "--extends", "system-leadership", "--themes", "3"]) == 2
