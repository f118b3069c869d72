"""Spreadsheets in and out: Excel workbooks (openpyxl, the only module importing it) and
CSV. Every value read keeps its cell (`deck.xlsx:Cards!D7`), so a problem points there.

Reading is bounded: the file's size, the workbook's unpacked size (a zip bomb is refused
before it is opened), and the number of rows and columns.
"""
from __future__ import annotations

import csv
import datetime
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from generator.errors import Problems, Where, display_path

MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL = 32_767  # Excel's own limit for a cell's text
MAX_PROLOG_BYTES = 1_000_000  # before an XML part's first element: a declaration, a comment or two


@dataclass(frozen=True)
class Table:
    """One sheet: a header row and rows of text."""

    name: str
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Cell:
    value: str
    where: Where


@dataclass(frozen=True)
class ReadTable:
    name: str
    header: dict[str, Where]  # column name -> its header cell
    rows: list[dict[str, Cell]]  # column name -> cell, for every non-empty row
    where: Where  # the sheet


def write_tables(path: Path, tables: list[Table], epoch: int, as_csv: bool = False) -> None:
    """An .xlsx workbook (every table a sheet) or a .csv file (the first table). The same
    tables and epoch give the same bytes: fixed document dates and zip entry times."""
    if as_csv:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(tables[0].header)
        writer.writerows([[_csv_cell(value) for value in row] for row in tables[0].rows])
        path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")  # the BOM: Excel opens it as UTF-8
        return
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(tzinfo=None)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(table.header)
        for row in table.rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, as written: openpyxl would store "=..." as a live formula
        for column, name in enumerate(table.header, 1):
            sheet.cell(1, column).font = Font(bold=True)
            wide = max([len(name)] + [min(len(r[column - 1]), 60) for r in table.rows if column - 1 < len(r)])
            sheet.column_dimensions[get_column_letter(column)].width = min(max(wide + 2, 8), 60)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2"
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "cards"
    raw = io.BytesIO()
    workbook.save(raw)
    # openpyxl stamps the time of saving into the document's properties as it saves
    # (3.1 and later): they are written again, dated as the deck is.
    workbook.properties.modified = moment
    core = tostring(workbook.properties.to_tree())
    path.write_bytes(_fixed_entries(raw.getvalue(), moment, {ARC_CORE: core}))


# A cell starting with one of these is read as a formula by Excel and LibreOffice when a
# CSV file is opened (CSV injection, OWASP): such text is written with a leading
# apostrophe, which import takes off again; a text starting with an apostrophe gets one
# more, so every text comes back as written.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS + ("'",)) else value


def csv_text(value: str) -> str:
    """A CSV cell's text as written before export protected it (see FORMULA_STARTS)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS + ("'",)) else value


def _fixed_entries(data: bytes, moment: datetime.datetime, replaced: dict[str, bytes]) -> bytes:
    """The workbook's zip again, in the same order, every entry dated `moment`, with the
    `replaced` entries' bytes swapped in."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, replaced.get(info.filename) or source.read(info.filename))
    return out.getvalue()


def read_tables(path: Path, problems: Problems) -> dict[str, ReadTable] | None:
    """Every sheet of a workbook, or a CSV file as the sheet "Cards"; None (with a problem) if unreadable."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        problems.add(Where(shown), f"cannot read the spreadsheet: {err.strerror or err}")
        return None
    if size > MAX_FILE_BYTES:
        problems.add(Where(shown), f"the spreadsheet is larger than {MAX_FILE_BYTES // 1_000_000} MB; a deck's is far smaller")
        return None
    if path.suffix.lower() == ".csv":
        return _read_csv(path, shown, problems)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        problems.add(Where(shown), "a spreadsheet here is an Excel workbook (.xlsx) or a CSV file (.csv)")
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                problems.add(Where(shown), f"the workbook unpacks to {unpacked:,} bytes: refused (a deck's is a few hundred kB)")
                return None
            if why := _unsafe_or_damaged(archive):
                problems.add(Where(shown), why)
                return None
        workbook = load_workbook(path, read_only=True, data_only=False)  # formulas as formulas: said, never read as empty
    except _DAMAGE as err:
        problems.add(Where(shown), f"not an Excel workbook (.xlsx), or a damaged one: {_said(err)}")
        return None
    tables = {}
    try:
        for sheet in workbook.worksheets:
            rows = []
            for number, row in enumerate(sheet.iter_rows(), 1):
                if number > MAX_ROWS + 1:
                    problems.add(Where(f"{shown}:{sheet.title}!A{number}"), f"more than {MAX_ROWS:,} rows: refused")
                    return None
                texts = []
                for column, cell in enumerate(row[:MAX_COLUMNS], 1):
                    value = getattr(cell, "value", None)
                    if why := _not_text(value, getattr(cell, "data_type", None)):
                        problems.add(Where(f"{shown}:{sheet.title}!{get_column_letter(column)}{number}"), why)
                        value = None
                    texts.append(_text(value))
                rows.append(texts)
            tables[sheet.title] = _table(sheet.title, rows, f"{shown}:{sheet.title}!", problems)
    except _DAMAGE as err:  # the sheets are read as they are iterated
        problems.add(Where(shown), f"the workbook is damaged: {_said(err)}")
        return None
    finally:
        workbook.close()
    return tables


# What a damaged workbook raises from inside zipfile, zlib and the XML parsers (an XML
# syntax error is a SyntaxError, in lxml and ElementTree alike): one problem, never a traceback.
_DAMAGE = (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, ValueError, TypeError, IndexError,
           AttributeError, SyntaxError, RecursionError, NotImplementedError)


def _said(err: BaseException) -> str:
    text = " ".join(str(err).split())[:160]
    return text or type(err).__name__


def _unsafe_or_damaged(archive: zipfile.ZipFile) -> str | None:
    """Why the workbook's parts must not be parsed: a part whose checksum is wrong, or XML
    that declares a document type or entities (which Excel never writes, and which are how
    entity bombs and external-entity reads are built); None if they may be."""
    try:
        bad = archive.testzip()  # every part read once, checking its CRC
    except _DAMAGE as err:
        return f"the workbook is damaged: {_said(err)}"
    if bad is not None:
        return f"the workbook is damaged: its part {bad} fails its checksum"
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            head = b""
            while not _past_prolog(head) and len(head) < MAX_PROLOG_BYTES:
                chunk = part.read(65536)
                if not chunk:
                    break
                head += chunk
        if not _past_prolog(head) and len(head) >= MAX_PROLOG_BYTES:
            return f"the workbook's part {info.filename} has no content in its first {MAX_PROLOG_BYTES:,} bytes: refused"
        prolog = head[: _prolog_end(head)].upper()
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
            return f"the workbook's part {info.filename} declares XML entities, which Excel never writes: refused"
    return None


def _prolog_end(data: bytes) -> int:
    """Where the first element starts (after the declaration, comments and any DOCTYPE)."""
    at = 0
    while True:
        at = data.find(b"<", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        if data[at + 1: at + 2] not in (b"?", b"!"):
            return at
        at += 1


def _past_prolog(data: bytes) -> bool:
    return _prolog_end(data) < len(data)


def _read_csv(path: Path, shown: str, problems: Problems) -> dict[str, ReadTable] | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.add(Where(shown), "the CSV file is not UTF-8 text; save it as \"CSV UTF-8\"")
        return None
    rows = []
    first = text.split("\n", 1)[0]
    # Excel in many European locales saves "CSV" separated by semicolons: read it as written.
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, 1):
            if number > MAX_ROWS + 1:
                problems.add(Where(f"{shown}:A{number}"), f"more than {MAX_ROWS:,} rows: refused")
                return None
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as err:  # a cell over the reader's limit (131,072 characters), a stray NUL
        problems.add(Where(f"{shown}:A{reader.line_num}"), f"the CSV file cannot be read here: {err}")
        return None
    rows = [rows[0]] + [[csv_text(value) for value in row] for row in rows[1:]] if rows else rows
    _check_row_lengths(rows, shown, delimiter, problems)
    return {"Cards": _table("Cards", rows, f"{shown}:", problems)}


def _check_row_lengths(rows: list[list[str]], shown: str, delimiter: str, problems: Problems) -> None:
    """A CSV row with fewer or more cells than the header row: a separator lost or added
    by hand, so every cell after it would land in the wrong column (or none)."""
    width = len(rows[0]) if rows else 0
    for number, row in enumerate(rows[1:], 2):
        if len(row) != width and any(value.strip() for value in row):
            problems.add(Where(f"{shown}:A{number}"), f"this row has {len(row)} cells and the header row {width}: a "
                                                      f"'{delimiter}' is missing or one too many, so its cells would "
                                                      "land under the wrong columns; give every row one cell per column")


def _not_text(value, data_type: str | None) -> str | None:
    """Why a cell does not hold text as typed: a formula, or a value Excel turned into a
    number, TRUE/FALSE or a date (every column of a deck's sheets is text)."""
    if value is None or (isinstance(value, str) and data_type != "f"):
        return None
    if data_type == "f":
        return (f"this cell holds a formula ({str(value)[:40]}): its text is what is wanted; copy the cell and paste it "
                "back as values (Paste Special, Values)")
    if isinstance(value, bool):
        shown = "TRUE" if value else "FALSE"
        return f"Excel stored this cell as {shown}, not as text: type an apostrophe first ('{shown.lower()}) or format the column as Text"
    if isinstance(value, (int, float)):
        return (f"Excel stored this cell as the number {value:g}, not as text (a version 1.0 becomes 1): type an "
                "apostrophe first ('1.0) or format the column as Text")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return (f"Excel stored this cell as a date or time ({value.isoformat()}), not as text: type an apostrophe "
                "first or format the column as Text")
    return f"this cell holds a {type(value).__name__}, not text"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    return str(value)


def _table(name: str, rows: list[list[str]], prefix: str, problems: Problems) -> ReadTable:
    header: dict[str, Where] = {}
    names: list[str] = []
    for column, value in enumerate(rows[0] if rows else [], 1):
        label = value.strip()
        names.append(label)
        if label:
            header.setdefault(label, Where(f"{prefix}{get_column_letter(column)}1"))
    table_rows = []
    for number, row in enumerate(rows[1:], 2):
        cells = {}
        for column, value in enumerate(row, 1):
            if column > len(names) or not names[column - 1]:
                continue
            where = Where(f"{prefix}{get_column_letter(column)}{number}")
            if len(value) > MAX_CELL:
                problems.add(where, f"a cell of {len(value):,} characters: refused")
                value = ""
            cells[names[column - 1]] = Cell(value.replace("\r\n", "\n").replace("\r", "\n"), where)
        if any(cell.value.strip() for cell in cells.values()):
            table_rows.append(cells)
    return ReadTable(name, header, table_rows, Where(f"{prefix}A1"))
