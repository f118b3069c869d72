"""Spreadsheets: cards export and cards import, round trips, cells in errors."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from babel.messages.pofile import read_po
from conftest import FIXTURES, ROOT
from openpyxl import load_workbook

from generator.cli import main
from generator.content.deck import read_deck
from generator.errors import Problems


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "cards", tmp_path / "cards")
    shutil.copytree(FIXTURES / "translations" / "bilingual", tmp_path / "cards" / "bilingual")
    return tmp_path / "cards"


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_changes_no_file(project, tmp_path, suffix):
    before = snapshot(project)
    for deck in sorted(p for p in project.iterdir() if p.is_dir()):
        sheet = tmp_path / f"{deck.name}.{suffix}"
        assert main(["export", str(deck), "--to", str(sheet)]) == 0
        assert main(["import", str(sheet), "--into", str(deck)]) == 0
    assert snapshot(project) == before


def test_a_workbook_is_dated_as_the_deck_not_when_it_was_saved(project, tmp_path, monkeypatch):
    """openpyxl writes the time of saving into docProps/core.xml; the export is dated by
    SOURCE_DATE_EPOCH (or the deck's date), document and zip entries alike."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    sheet = tmp_path / "deck.xlsx"
    assert main(["export", str(project / "system-leadership"), "--to", str(sheet)]) == 0
    with zipfile.ZipFile(sheet) as workbook:
        assert {entry.date_time for entry in workbook.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = workbook.read("docProps/core.xml").decode("utf-8")
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2023-11-14T22:13:20Z"), ("modified", "2023-11-14T22:13:20Z")]
    assert load_workbook(sheet)["Cards"].cell(2, 1).value == "authenticity"  # still a workbook Excel opens


def test_an_export_is_the_same_bytes_every_time(project, tmp_path):
    deck = project / "system-leadership"
    for name in ("a.xlsx", "b.xlsx", "a.csv", "b.csv"):
        assert main(["export", str(deck), "--to", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    sheet = load_workbook(tmp_path / "a.xlsx")["Cards"]
    header = [c.value for c in sheet[1]]
    assert header == ["id", "theme", "status", "title", "description", "enabling", "obstructing", "individual",
                      "organisational", "system", "source"]
    assert sheet.max_row == 14 and sheet.cell(2, 1).value == "authenticity"
    assert "\n" in sheet.cell(2, 6).value  # indicators one per line
    themes = [r[0].value for r in load_workbook(tmp_path / "a.xlsx")["Themes"].iter_rows(min_row=2)]
    assert themes == [t.id for t in read_deck(deck, Problems()).themes]


def edit(path, sheet, changes):
    workbook = load_workbook(path)
    rows = workbook[sheet]
    header = [c.value for c in rows[1]]
    for (row, column), value in changes.items():
        if column not in header:
            header.append(column)
            rows.cell(1, len(header)).value = column
        rows.cell(row, header.index(column) + 1).value = value
    workbook.save(path)


def test_an_edited_sheet_changes_the_yaml_keeping_comments(project, tmp_path, capsys):
    deck = project / "system-leadership"
    sheet = tmp_path / "deck.xlsx"
    main(["export", str(deck), "--to", str(sheet)])
    edit(sheet, "Cards", {(2, "description"): "Typed in Excel: honest & <genuine>.",
                          (15, "id"): "new-card", (15, "theme"): "being", (15, "status"): "illustrative",
                          (15, "title"): "A new card", (15, "description"): "Added in a spreadsheet.",
                          (15, "enabling"): "One\nTwo", (15, "obstructing"): "Three",
                          (15, "individual"): "I?", (15, "organisational"): "We?", (15, "system"): "All of us?"})
    assert main(["import", str(sheet), "--into", str(deck)]) == 0
    first = (deck / "behaviours" / "01-authenticity.yaml").read_text()
    assert first.startswith("# One card. To add a card, copy this file")  # the comment survives
    assert "description: >\n  Typed in Excel: honest & <genuine>.\nindicators:" in first  # a folded block stays one, as written
    card = read_deck(deck, Problems())
    assert card.behaviours[0].description == "Typed in Excel: honest & <genuine>."
    assert card.behaviours[-1].id == "new-card" and card.behaviours[-1].enabling == ("One", "Two")
    assert (deck / "behaviours" / "new-card.yaml").is_file()


def test_problems_point_at_cells_and_nothing_is_written(project, tmp_path, capsys):
    deck = project / "system-leadership"
    sheet = tmp_path / "deck.xlsx"
    main(["export", str(deck), "--to", str(sheet)])
    before = snapshot(deck)
    edit(sheet, "Cards", {(2, "description"): "Changed", (4, "theme"): "bein", (5, "id"): "Not An Id",
                          (6, "status"): "draft", (7, "title"): None, (1, "titel [cy]"): None})
    capsys.readouterr()
    assert main(["import", str(sheet), "--into", str(deck)]) == 1
    err = capsys.readouterr().err
    assert "deck.xlsx:Cards!B4: error: 'bein' is not a theme of this deck; did you mean 'being'?" in err
    assert "deck.xlsx:Cards!A5: error: a card's id should use only lower-case letters, digits and hyphens (e.g. 'shared-vision'), not 'Not An Id'" in err
    assert "deck.xlsx:Cards!C6: error: status is official or illustrative, not 'draft'" in err
    assert "deck.xlsx:Cards!D7: error: card '" in err and "has no title: every card needs one" in err
    assert snapshot(deck) == before


def test_an_unknown_column_is_named_with_a_suggestion(project, tmp_path, capsys):
    deck = project / "system-leadership"
    sheet = tmp_path / "deck.csv"
    main(["export", str(deck), "--to", str(sheet)])
    sheet.write_text(sheet.read_text(encoding="utf-8-sig").replace("description", "descripton", 1), encoding="utf-8")
    assert main(["import", str(sheet), "--into", str(deck)]) == 1
    assert "deck.csv:E1: error: unknown column 'descripton' in sheet 'Cards'; did you mean 'description'?" in capsys.readouterr().err


def test_translations_have_a_column_each_and_come_back_into_the_po_file(project, tmp_path):
    deck = project / "bilingual"
    sheet = tmp_path / "bilingual.xlsx"
    main(["export", str(deck), "--to", str(sheet)])
    cards = load_workbook(sheet)["Cards"]
    header = [c.value for c in cards[1]]
    assert "title [cy]" in header and "enabling [cy]" in header
    row = next(r for r in cards.iter_rows(min_row=2, values_only=True) if r[0] == "listening")
    assert row[header.index("title [cy]")] == "Gwrando yn gyntaf"
    assert row[header.index("enabling [cy]")] == "Yn gofyn cwestiynau cyn rhoi barn\nYn gwirio'r hyn a glywsant"
    assert load_workbook(sheet)["Themes"].cell(2, 5).value == "Cydweithio"
    edit(sheet, "Cards", {(3, "title [cy]"): "Gwrando'n gyntaf"})
    assert main(["import", str(sheet), "--into", str(deck)]) == 0
    catalogue = read_po(io.StringIO((deck / "translations" / "cy.po").read_text(encoding="utf-8")))
    assert catalogue.get("Listening first", context="card:listening:title").string == "Gwrando'n gyntaf"


def test_not_a_workbook_is_refused(project, tmp_path, capsys):
    fake = tmp_path / "deck.xlsx"
    fake.write_bytes(b"not a zip at all")
    assert main(["import", str(fake), "--into", str(project / "system-leadership")]) == 1
    assert "deck.xlsx: error: not an Excel workbook (.xlsx)" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_text_that_looks_like_a_formula_is_exported_as_text_and_comes_back_as_written(project, tmp_path, suffix):
    """Cells starting with =, +, -, @ or an apostrophe: never a live formula when the file
    is opened in Excel or LibreOffice (CSV injection), and import gives back exactly the text."""
    import csv
    import json

    from openpyxl.cell.cell import Cell

    deck = project / "system-leadership"
    card = deck / "behaviours" / "01-authenticity.yaml"
    values = {"individual": "+44 123", "organisational": "-1 point", "system": "@team"}
    text = card.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf"(?m)^(\s*){key}: .*$", lambda m: f"{m.group(1)}{key}: {json.dumps(value)}", text)
    text = re.sub(r"(?ms)^description: >\n.*?(?=^indicators:)", 'description: "=HYPERLINK(\\"http://x\\",\\"y\\")"\n', text)
    text = text.replace("    - Says openly what they value and why it matters to them\n", "    - \"'Tis said\"\n")
    text = text.replace("    - Says what each audience wants to hear\n", "    - \"'=kept\"\n")
    card.write_text(text, encoding="utf-8")
    authenticity = read_deck(deck, Problems()).behaviours[0]
    assert authenticity.description == '=HYPERLINK("http://x","y")' and authenticity.obstructing[0] == "'=kept"
    assert authenticity.questions["system"] == "@team"
    before = snapshot(project)
    sheet = tmp_path / f"deck.{suffix}"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    if suffix == "xlsx":
        cells = [c for row in load_workbook(sheet)["Cards"].iter_rows() for c in row if isinstance(c.value, str)]
        assert [c.data_type for c in cells if c.value.startswith("=")] == ["s"]  # the description, as text
        assert all(c.data_type != "f" for c in cells)
    else:
        rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
        starts = [cell for row in rows[1:] for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert starts == []
        cells = {cell for row in rows[1:] for cell in row}
        assert {"'=HYPERLINK(\"http://x\",\"y\")", "'+44 123", "'-1 point", "'@team"} <= cells
        assert any(cell.startswith("''Tis said\n") for cell in cells) and any(cell.startswith("''=kept\n") for cell in cells)
    assert main(["import", str(sheet), "--into", str(deck)]) == 0
    assert snapshot(project) == before


def test_cells_excel_typed_as_numbers_truths_dates_or_formulas_are_errors_saying_so(project, tmp_path, capsys):
    """A version retyped as 1.0 (Excel keeps the number 1), TRUE in a question, a date in
    a title, a formula for a description: each an error at its cell saying what Excel did,
    on every sheet at once, and nothing written; text was taken for them before."""
    import datetime

    deck = project / "system-leadership"
    sheet = tmp_path / "deck.xlsx"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    book = load_workbook(sheet)
    cards, deck_sheet = book["Cards"], book["Deck"]
    columns = {cell.value: cell.column_letter for cell in cards[1]}
    cards[f"{columns['individual']}2"] = True
    cards[f"{columns['title']}3"] = datetime.date(2025, 1, 2)
    cards[f"{columns['description']}4"] = '=B4&" more"'
    version_row = next(row[0].row for row in deck_sheet.iter_rows(min_row=2) if row[0].value == "version")
    deck_sheet[f"B{version_row}"] = 1.0
    book.save(sheet)
    before = snapshot(project)
    capsys.readouterr()
    assert main(["import", str(sheet), "--into", str(deck)]) == 1
    err = capsys.readouterr().err
    assert f"deck.xlsx:Cards!{columns['individual']}2: error: Excel stored this cell as TRUE, not as text" in err
    assert f"deck.xlsx:Cards!{columns['title']}3: error: Excel stored this cell as a date or time (2025-01-02" in err
    assert f"deck.xlsx:Cards!{columns['description']}4: error: this cell holds a formula (=B4&\" more\")" in err
    assert f"deck.xlsx:Deck!B{version_row}: error: Excel stored this cell as the number 1, not as text" in err
    assert snapshot(project) == before


def test_a_csv_separated_by_semicolons_as_european_excel_saves_it_is_read_as_written(project, tmp_path):
    import csv

    deck = project / "system-leadership"
    sheet = tmp_path / "deck.csv"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index("title")] = "Authenticity; honesty"
    semicolons = tmp_path / "european.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    semicolons.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    assert main(["import", str(semicolons), "--into", str(deck)]) == 0
    assert read_deck(deck, Problems()).behaviours[0].title == "Authenticity; honesty"


def test_every_sheets_problems_are_reported_at_once(project, tmp_path, capsys):
    """A wrong colour on the Themes sheet does not hide a wrong status on the Cards sheet
    or an unknown field on the Deck sheet."""
    deck = project / "system-leadership"
    sheet = tmp_path / "deck.xlsx"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    edit(sheet, "Themes", {(2, "colour"): "blue"})
    edit(sheet, "Deck", {(2, "field"): "titel"})
    edit(sheet, "Cards", {(3, "status"): "draft"})
    capsys.readouterr()
    assert main(["import", str(sheet), "--into", str(deck)]) == 1
    err = capsys.readouterr().err
    assert "deck.xlsx:Themes!C2: error: a colour is written #RRGGBB" in err
    assert "deck.xlsx:Deck!A2: error: 'titel' is not a deck field; did you mean 'title'?" in err
    assert "deck.xlsx:Cards!C3: error: status is official or illustrative, not 'draft'" in err


def test_a_csv_row_with_a_cell_missing_is_an_error_at_its_row(project, tmp_path, capsys):
    """A separator lost by hand shifts every later cell into the wrong column: refused at
    the row, never imported as "unchanged" or under the wrong heading."""
    deck = project / "system-leadership"
    sheet = tmp_path / "deck.csv"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    import csv

    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    del rows[2][2]  # the status cell and its comma gone: the title now sits under 'status'
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    before = snapshot(deck)
    capsys.readouterr()
    assert main(["import", str(sheet), "--into", str(deck)]) == 1
    err = capsys.readouterr().err
    assert "deck.csv:A3: error: this row has 10 cells and the header row 11: a ',' is missing or one too many" in err
    assert snapshot(deck) == before


def test_editing_one_cell_changes_only_that_value_in_its_own_style(project, tmp_path):
    """One word of a folded description and one indicator edited in a CSV: the YAML
    differs in those lines only; the `>` block keeps its `>` and its line breaks, the list
    its other items."""
    import csv
    import difflib

    deck = project / "system-leadership"
    card = deck / "behaviours" / "06-trust.yaml"
    before = card.read_text(encoding="utf-8")
    sheet = tmp_path / "deck.csv"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    trust = next(r for r in rows if r[0] == "trust")
    trust[header.index("description")] = trust[header.index("description")].replace("Builds trust", "Builds deep trust")
    enabling = trust[header.index("enabling")].split("\n")
    enabling[1] += ", every time"
    trust[header.index("enabling")] = "\n".join(enabling)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    assert main(["import", str(sheet), "--into", str(deck)]) == 0
    after = card.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changed == [
        "-   Builds trust to promote empathy, care and open communication (e.g. around why",
        "+   Builds deep trust to promote empathy, care and open communication (e.g. around why",
        "-     - Keeps commitments, or says early when they cannot",
        "+     - Keeps commitments, or says early when they cannot, every time",
    ], changed
    assert "description: >\n" in after
    trust_card = next(b for b in read_deck(deck, Problems()).behaviours if b.id == "trust")
    assert trust_card.description.startswith("Builds deep trust to promote") and trust_card.description.endswith("are made)")


def test_a_partly_translated_list_goes_out_and_comes_back_line_for_line(project, tmp_path):
    """An indicator not yet translated is an empty line in its cell, so the cell keeps one
    line per indicator and imports back unchanged (it was refused as too few lines)."""
    deck = project / "bilingual"
    catalogue = deck / "translations" / "cy.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'msgstr "Yn gofyn cwestiynau cyn rhoi barn"', 'msgstr ""'), encoding="utf-8")
    before = snapshot(deck)
    sheet = tmp_path / "bilingual.xlsx"
    assert main(["export", str(deck), "--to", str(sheet)]) == 0
    cards = load_workbook(sheet)["Cards"]
    header = [c.value for c in cards[1]]
    row = next(r for r in cards.iter_rows(min_row=2, values_only=True) if r[0] == "listening")
    assert row[header.index("enabling [cy]")] == "\nYn gwirio'r hyn a glywsant"
    assert main(["import", str(sheet), "--into", str(deck)]) == 0
    assert snapshot(deck) == before
    edit(sheet, "Cards", {(3, "enabling [cy]"): "Yn holi cyn barnu\nYn gwirio'r hyn a glywsant"})
    assert main(["import", str(sheet), "--into", str(deck)]) == 0
    translated = read_po(io.StringIO(catalogue.read_text(encoding="utf-8")))
    assert translated.get("Asks questions before giving views", context="card:listening:enabling").string == "Yn holi cyn barnu"
