"""`cards export` and `cards import`: a deck as a spreadsheet, for people who draft and
review in Excel, and back.

The workbook has a sheet "Cards" (one row per card, every field a column; indicators one
per line in their cell), "Themes" and "Deck"; a deck in several languages gets a column
per other language for each text (`title [cy]`). A CSV file holds the Cards sheet.

Import changes only what differs from the deck as it is: a file whose values are all the
same is not touched (so export then import changes nothing), a changed file keeps its
comments and layout, a local variant's changes go into the variant's own files. New rows
add cards; a card missing from the sheet is left alone (import never deletes). Every
problem points at its cell (`deck.xlsx:Cards!D7`), and a sheet with problems writes
nothing.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.content.deck import ID_PATTERN, behaviour_files, id_problem, read_deck
from generator.content.fields import HEX_COLOUR, suggestion, tidy
from generator.content.marks import MARKS
from generator.content.model import PERSPECTIVES, STATUSES, Behaviour, Deck
from generator.content.pofiles import SourceText, set_translations
from generator.content.translations import Translator, own_catalogue, translator_for
from generator.content.workbook import Cell, ReadTable, Table, read_tables, write_tables
from generator.content.yamledit import edit
from generator.content.yamlsource import Mapping, load_yaml, read_text_file
from generator.errors import BuildError, Problems, UsageError, Where, display_path
from generator.printing.outputs import build_epoch

CARD_COLUMNS = ("id", "theme", "status", "title", "description", "enabling", "obstructing") + PERSPECTIVES + ("source",)
CARD_TEXTS = ("title", "description", "enabling", "obstructing") + PERSPECTIVES + ("source",)
LISTS = ("enabling", "obstructing")
THEME_COLUMNS = ("id", "name", "colour", "mark")
DECK_FIELDS = ("title", "subtitle", "publisher", "version", "date", "licence", "contact", "website", "notes",
               "illustrative_notice")
DECK_TEXTS = ("title", "subtitle", "publisher", "licence", "notes", "illustrative_notice")
_LANGUAGE_COLUMN = re.compile(r"^(.+?) \[([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\]$")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# --- Export -----------------------------------------------------------------------------


def export_deck(deck_dir: Path, target: Path) -> tuple[Path, int]:
    """Write the deck as a workbook (.xlsx) or CSV (.csv); the number of cards."""
    if target.suffix.lower() not in (".xlsx", ".csv"):
        raise UsageError(f"--to: name an .xlsx or .csv file, not '{target.name}'")
    problems = Problems()
    deck = read_deck(deck_dir, problems)
    problems.raise_if_any()
    assert deck is not None
    others = deck.languages[1:]
    translators = {language: translator_for(deck, language, Problems(), allow_untranslated=True) for language in others}
    tables = [_cards_table(deck, translators), _themes_table(deck, translators), _deck_table(deck, translators)]
    try:
        epoch = build_epoch(deck.date, dict(os.environ))
    except ValueError as err:
        raise UsageError(str(err)) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    write_tables(partial, tables, epoch, as_csv=target.suffix.lower() == ".csv")
    os.replace(partial, target)
    return target, len(deck.behaviours)


def _card_values(behaviour: Behaviour) -> dict[str, str]:
    values = {"id": behaviour.id, "theme": behaviour.theme, "status": behaviour.status, "title": behaviour.title,
              "description": behaviour.description, "source": behaviour.source or ""}
    values.update({kind: "\n".join(getattr(behaviour, kind)) for kind in LISTS})
    values.update({p: behaviour.questions[p] for p in PERSPECTIVES})
    return values


def _translated(translator: Translator, context: str, text: str | None, source: str, lines: bool = False) -> str:
    if not text:
        return ""
    parts = text.split("\n") if lines else [text]
    result = []
    for part in parts:
        translation, where, catalogue = translator.lookup(SourceText(context, part), source)
        result.append(translation if catalogue is not None and isinstance(translation, str) else "")
    return "\n".join(result) if any(result) else ""


def _cards_table(deck: Deck, translators: dict[str, Translator]) -> Table:
    header = list(CARD_COLUMNS) + [f"{column} [{language}]" for language in translators for column in CARD_TEXTS]
    rows = []
    for behaviour in deck.behaviours:
        values = _card_values(behaviour)
        row = [values[c] for c in CARD_COLUMNS]
        for language, translator in translators.items():
            row += [_translated(translator, f"card:{behaviour.id}:{c}", values[c], deck.languages[0], c in LISTS) for c in CARD_TEXTS]
        rows.append(row)
    return Table("Cards", header, rows)


def _themes_table(deck: Deck, translators: dict[str, Translator]) -> Table:
    header = list(THEME_COLUMNS) + [f"name [{language}]" for language in translators]
    rows = [[g.id, g.name, g.colour.hex, g.mark] + [_translated(t, f"theme:{g.id}:name", g.name, deck.languages[0]) for t in translators.values()]
            for g in deck.themes]
    return Table("Themes", header, rows)


def _deck_table(deck: Deck, translators: dict[str, Translator]) -> Table:
    header = ["field", "value"] + [f"value [{language}]" for language in translators]
    rows = []
    for key in DECK_FIELDS:
        value = getattr(deck, key) or ""
        if key == "illustrative_notice" and key not in deck.field_where:
            value = ""  # the tool's own default: left to it
        row = [key, value]
        for translator in translators.values():
            row.append(_translated(translator, f"deck:{key}", value, deck.languages[0]) if key in DECK_TEXTS else "")
        rows.append(row)
    return Table("Deck", header, rows)


# --- Import -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    written: list[Path]
    notes: list[str]


def import_deck(source: Path, deck_dir: Path) -> Imported:
    """Update the deck's YAML (and translation) files from a spreadsheet; BuildError if it has problems."""
    problems = Problems()
    deck = read_deck(deck_dir, problems)
    problems.raise_if_any()
    assert deck is not None
    tables = read_tables(source, problems)
    problems.raise_if_any()
    assert tables is not None
    if "Cards" not in tables:
        problems.add(Where(display_path(source)), f"no sheet named 'Cards' (found: {', '.join(tables) or 'none'})")
        problems.raise_if_any()
    files: dict[Path, str | None] = {}  # path -> new text
    notes: list[str] = []
    theme_ids = {g.id for g in deck.themes}
    if "Themes" in tables:
        theme_ids |= _import_themes(tables["Themes"], deck, files, problems)
    if "Deck" in tables:
        _import_deck_fields(tables["Deck"], deck, files, problems)
    translations = _import_cards(tables["Cards"], deck, theme_ids, files, notes, problems)
    problems.raise_if_any()
    _import_translations(deck, translations, files, notes, problems)
    problems.raise_if_any()
    return Imported(_apply(files, deck_dir), notes)


def _columns(table: ReadTable, known: tuple[str, ...], deck: Deck, translatable: tuple[str, ...], problems: Problems) -> None:
    for name, where in table.header.items():
        match = _LANGUAGE_COLUMN.match(name)
        if match and match.group(1) in translatable:
            if match.group(2) not in deck.languages[1:]:
                problems.add(where, f"column '{name}': '{match.group(2)}' is not one of the deck's other languages "
                                    f"({', '.join(deck.languages[1:]) or 'it has none'}; deck.yaml 'languages')")
            continue
        if name not in known:
            problems.add(where, f"unknown column '{name}' in sheet '{table.name}'{suggestion(name, known)}")


def _text(cell: Cell | None, problems: Problems, label: str) -> str:
    if cell is None:
        return ""
    value = unicodedata.normalize("NFC", cell.value)
    control = _CONTROL.search(value)
    if control:
        problems.add(cell.where, f"{label} holds the control character U+{ord(control.group()):04X}; delete it")
        return ""
    return tidy(value)


def _lines(cell: Cell | None, problems: Problems, label: str) -> list[str]:
    if cell is None:
        return []
    return [line for line in (_text(Cell(part, cell.where), problems, label) for part in cell.value.split("\n")) if line]


def _import_cards(table: ReadTable, deck: Deck, theme_ids: set[str], files: dict, notes: list[str],
                  problems: Problems) -> dict[tuple[str, str], tuple[str, Where]]:
    before = len(problems.items)  # the other sheets' problems are reported too, not a reason to stop here
    _columns(table, CARD_COLUMNS, deck, CARD_TEXTS, problems)
    for required in ("id", "title"):
        if required not in table.header:
            problems.add(table.where, f"the sheet 'Cards' needs a column '{required}'")
    if len(problems.items) > before:
        return {}
    current = {b.id: b for b in deck.behaviours}
    own_files = _own_card_files(Path(deck.folder))
    translations: dict[tuple[str, str], tuple[str, Where]] = {}
    seen: dict[str, Where] = {}
    order = []
    for row in table.rows:
        id_cell = row.get("id")
        card_id = (id_cell.value.strip() if id_cell else "")
        where = id_cell.where if id_cell else next(iter(row.values())).where
        if not ID_PATTERN.match(card_id):
            problems.add(where, (id_problem(card_id, "a card's id") or "") if card_id else "this row has no id")
            continue
        if card_id in seen:
            problems.add(where, f"the id '{card_id}' is on two rows (also {seen[card_id]})")
            continue
        seen[card_id] = where
        order.append(card_id)
        values = {c: _text(row.get(c), problems, f"'{c}'") for c in CARD_COLUMNS if c not in LISTS}
        lists = {c: _lines(row.get(c), problems, f"'{c}'") for c in LISTS}
        old = current.get(card_id)
        old_values = _card_values(old) if old else {}
        wanted = {c: values[c] for c in CARD_COLUMNS if c not in LISTS and (c in row or old is None)}
        wanted.update({c: lists[c] for c in LISTS if c in row or old is None})
        for column in ("theme", "status", "title", "description") + PERSPECTIVES:
            if column in wanted and not wanted[column]:
                problems.add(row[column].where if column in row else where, f"card '{card_id}' has no {column}: every card needs one")
        for column in LISTS:
            if column in wanted and not wanted[column]:
                problems.add(row[column].where if column in row else where, f"card '{card_id}' needs at least one {column} indicator, one per line")
        if wanted.get("theme") and wanted["theme"] not in theme_ids:
            problems.add(row["theme"].where, f"'{wanted['theme']}' is not a theme of this deck{suggestion(wanted['theme'], sorted(theme_ids))}")
        if wanted.get("status") and wanted["status"] not in STATUSES:
            problems.add(row["status"].where, f"status is {' or '.join(STATUSES)}, not '{wanted['status']}'")
        changes = {}
        for column, value in wanted.items():
            before = old_values.get(column)
            if column in LISTS:
                if old is None or list(getattr(old, column)) != value:
                    changes[("indicators", column)] = value
            elif column in PERSPECTIVES:
                if before != value:
                    changes[("questions", column)] = value
            elif column != "id" and (before or "") != value:
                changes[(column,)] = value if value or column != "source" else None
        if changes:
            path = own_files.get(card_id) or Path(deck.folder) / "behaviours" / f"{card_id}.yaml"
            if not own_files.get(card_id) and old is None:
                changes = {("id",): card_id, **changes}
            elif not own_files.get(card_id):
                changes = {("id",): card_id, **changes}  # a variant's change to a base card: the variant's own file
            files[path] = edit(files.get(path) or _read(path), changes)
        for column in CARD_TEXTS:
            for language in deck.languages[1:]:
                cell = row.get(f"{column} [{language}]")
                if cell is None:
                    continue
                sources = lists[column] if column in LISTS else [values.get(column, "")]
                if column in LISTS and len(cell.value.split("\n")) == len(sources):
                    # Line for line, an empty line an indicator not yet translated (as the export writes it).
                    translated = [_text(Cell(part, cell.where), problems, f"'{column} [{language}]'") for part in cell.value.split("\n")]
                elif column in LISTS:
                    translated = _lines(cell, problems, f"'{column} [{language}]'")
                else:
                    translated = [_text(cell, problems, "a translation")]
                if column in LISTS and translated and len(translated) != len(sources):
                    problems.add(cell.where, f"{len(translated)} translated lines for {len(sources)} {column} indicators: give one line for each")
                    continue
                for text, translation in zip(sources, translated):
                    if text and translation:
                        translations[(language, f"card:{card_id}:{column}", text)] = (translation, cell.where)  # type: ignore[index]
    missing = [b.id for b in deck.behaviours if b.id not in seen]
    if missing:
        notes.append(f"not in the sheet, left as they are (import never deletes): {', '.join(missing)}")
    known_order = [b.id for b in deck.behaviours]
    new_order = order + [card_id for card_id in known_order if card_id not in seen]
    if new_order != known_order and deck.adaptation is None:
        deck_file = Path(deck.folder) / "deck.yaml"
        files[deck_file] = edit(files.get(deck_file) or _read(deck_file), {("cards",): new_order})
    return translations


def _own_card_files(folder: Path) -> dict[str, Path]:
    """Card id -> the deck folder's own behaviour file holding it."""
    found = {}
    for path in behaviour_files(folder):
        node = load_yaml(path, Problems())
        if isinstance(node, Mapping) and node.get("id") is not None:
            found[str(getattr(node.get("id"), "value", ""))] = path
    return found


def _read(path: Path) -> str | None:
    if not path.is_file():
        return None
    problems = Problems()
    text = read_text_file(path, problems)
    problems.raise_if_any()
    return text


def _import_themes(table: ReadTable, deck: Deck, files: dict, problems: Problems) -> set[str]:
    _columns(table, THEME_COLUMNS, deck, ("name",), problems)
    ids = set()
    deck_file = Path(deck.folder) / "deck.yaml"
    changes = {}
    for row in table.rows:
        id_cell = row.get("id")
        theme_id = id_cell.value.strip() if id_cell else ""
        if not ID_PATTERN.match(theme_id):
            problems.add(id_cell.where if id_cell else table.where, id_problem(theme_id, "a theme's id") or "")
            continue
        ids.add(theme_id)
        old = next((g for g in deck.themes if g.id == theme_id), None)
        name = _text(row.get("name"), problems, "'name'")
        colour = (row["colour"].value.strip() if "colour" in row else "")
        mark = (row["mark"].value.strip() if "mark" in row else "")
        if colour and not HEX_COLOUR.match(colour):
            problems.add(row["colour"].where, f"a colour is written #RRGGBB (e.g. #005EB8), not '{colour}'")
        if mark and mark not in MARKS:
            problems.add(row["mark"].where, f"'{mark}' is not a mark{suggestion(mark, MARKS)}")
        if old is None and (not name or not colour):
            problems.add(id_cell.where, f"the new theme '{theme_id}' needs a name and a colour")
        item = ("themes", ("id", theme_id))
        if name and (old is None or old.name != name):
            changes[item + ("name",)] = name
        if colour and (old is None or old.colour.hex.upper() != colour.upper()):
            changes[item + ("colour",)] = colour.upper()
        if mark and (old is None or old.mark != mark):
            changes[item + ("mark",)] = mark
    if changes:
        files[deck_file] = edit(files.get(deck_file) or _read(deck_file), changes)
    return ids


def _import_deck_fields(table: ReadTable, deck: Deck, files: dict, problems: Problems) -> None:
    deck_file = Path(deck.folder) / "deck.yaml"
    changes = {}
    for row in table.rows:
        key_cell = row.get("field")
        key = key_cell.value.strip() if key_cell else ""
        if key not in DECK_FIELDS:
            problems.add(key_cell.where if key_cell else table.where, f"'{key}' is not a deck field{suggestion(key, DECK_FIELDS)}")
            continue
        value = _text(row.get("value"), problems, f"'{key}'")
        before = getattr(deck, key) or ""
        if key == "illustrative_notice" and key not in deck.field_where:
            before = ""
        if value != before:
            if key == "title" and not value:
                problems.add(row["value"].where if "value" in row else key_cell.where, "the deck needs a title")
            changes[(key,)] = value or None
    if changes:
        files[deck_file] = edit(files.get(deck_file) or _read(deck_file), changes)


def _import_translations(deck: Deck, translations: dict, files: dict, notes: list[str], problems: Problems) -> None:
    by_language: dict[str, dict[tuple[str, str], str]] = {}
    for (language, context, text), (translation, where) in translations.items():
        by_language.setdefault(language, {})[(context, text)] = translation
    for language, wanted in by_language.items():
        path = own_catalogue(Path(deck.folder), language)
        existing = _read(path)
        if existing is None:
            notes.append(f"{display_path(path)} does not exist: run `cards translate {deck.folder} --language {language}`, then import again")
            continue
        updated, missing = set_translations(existing, wanted)
        if missing:
            notes.append(f"{missing} translation{'s' if missing != 1 else ''} into {language} for text that is new or changed: "
                         f"run `cards translate {deck.folder} --language {language}`, then import again")
        if updated != existing:
            files[path] = updated


def _apply(files: dict[Path, str | None], deck_dir: Path) -> list[Path]:
    """Write the changed files, each whole; if the deck then has problems, put every file back."""
    originals = {path: (path.read_bytes() if path.exists() else None) for path in files}
    written = []
    changed = {path: text for path, text in files.items() if text is not None and
               (originals[path] is None or originals[path].decode("utf-8") != text)}
    try:
        for path, text in changed.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".partial")
            partial.write_text(text, encoding="utf-8", newline="\n")
            os.replace(partial, path)
            written.append(path)
        problems = Problems()
        read_deck(deck_dir, problems)
        if problems:
            raise BuildError(problems.items)
    except BaseException:
        for path in written:
            if originals[path] is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(originals[path])
        raise
    return written
