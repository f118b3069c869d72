"""Gettext PO files, the format translators' own tools open (Poedit, Weblate, Crowdin,
Lokalize): read with every entry's line, and updated as `pybabel update` does. The only
module importing Babel.

An entry is one text the deck prints: its context says where (`card:ID:title`), its
msgid is the source text, its msgstr the translation. Updating a file keeps every
translation whose source is unchanged, marks an entry fuzzy when its source text changed
(keeping the old translation and, as `#|` lines, the old source), adds new texts with an
empty translation, and keeps entries no longer used as `#~` comments.
"""
from __future__ import annotations

import datetime
import gettext
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import babel
from babel.core import Locale, UnknownLocaleError

from generator.content.cachefolder import content_key, read_entry, write_entry
from generator.content.yamlsource import read_text_file
from generator.errors import Problems, Where, display_path

_GENERATED_BY = re.compile(r'^"Generated-By: [^"\n]*"$', re.MULTILINE)
MAX_PLURAL_RULE = 200  # characters: the longest rule in use (Arabic's) is about 120


@dataclass(frozen=True)
class SourceText:
    """One text to translate: where it is used (context), as written (a plural word: its
    forms, one and other), and where it was written."""

    context: str
    text: str | tuple[str, str]
    locations: tuple[tuple[str, int], ...] = ()
    note: str = ""  # for the translator: what the text is

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.text if isinstance(self.text, str) else self.text[0])


@dataclass(frozen=True)
class Entry:
    translation: str | tuple[str, ...]  # a plural word: one form per plural category
    fuzzy: bool
    line: int


@dataclass(frozen=True)
class Catalogue:
    """A PO file's translations: (context, source text) -> entry."""

    path: str  # as shown in messages
    language: str
    entries: dict[tuple[str, str], Entry]
    plural_rule: str = "(n != 1)"
    _rule: list = field(default_factory=list, compare=False, repr=False)

    def plural_index(self, count: int) -> int:
        if not self._rule:
            self._rule.append(gettext.c2py(self.plural_rule))
        return self._rule[0](count)


def language_problem(tag: str) -> str | None:
    """Why `tag` is not a language tag Babel knows (en, en-GB, cy), or None."""
    try:
        Locale.parse(tag.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return f"'{tag}' is not a language tag (e.g. en, en-GB, cy, de)"
    return None


def language_name(tag: str) -> str:
    """The language's English name: "Welsh" for cy, "English (United Kingdom)" for en-GB."""
    try:
        return Locale.parse(tag.replace("-", "_")).english_name or tag
    except (ValueError, TypeError, UnknownLocaleError):
        return tag


def language_name_in(tag: str, language: str) -> str:
    """A language's name in another: "Saesneg" for en in cy, "English" for en in en.
    Remembered in the cache folder: Babel reads a language's whole locale data to name
    one, a sixth of the time `cards validate` takes."""
    key = (tag, language)
    name = _NAMES_IN.get(key)
    if name is None:
        entry = content_key("language-name-in", babel.__version__, tag, language)
        cached = read_entry("language-names", entry)
        try:
            name = cached.decode("utf-8") if cached else None
        except UnicodeDecodeError:
            name = None
        if not name:
            name = _display_name_in(tag, language)
            write_entry("language-names", entry, name.encode("utf-8"))
        _NAMES_IN[key] = name
    return name


_NAMES_IN: dict[tuple[str, str], str] = {}


def _display_name_in(tag: str, language: str) -> str:
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name(Locale.parse(language.replace("-", "_"))) or tag
    except (ValueError, TypeError, UnknownLocaleError):
        return tag


def own_language_name(tag: str) -> str:
    """The language's name in itself, for a language switch: "Cymraeg" for cy, "English (United Kingdom)" for en-GB."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
        name = locale.get_display_name(locale) or tag
    except (ValueError, TypeError, UnknownLocaleError):
        return tag
    return name[:1].upper() + name[1:]


def plural_rule(tag: str) -> tuple[int, str]:
    """How many plural forms the language has, and the rule choosing one (C syntax, as in PO headers)."""
    from babel.messages.catalog import Catalog  # babel's PO side is imported only where it is used

    catalog = Catalog(locale=tag.replace("-", "_"))
    return catalog.num_plurals, catalog.plural_expr


def read_catalogue(path: Path, problems: Problems, shown: str | None = None) -> Catalogue | None:
    """A PO file's entries with their lines; None (with a problem at the line) if it is not a PO file."""
    from babel.messages.pofile import PoFileError, read_po

    shown = shown or display_path(path)
    text = read_text_file(path, problems, "translation file", shown)
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text)  # as the deck's own text is read
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as err:
        problems.add(Where(shown, err.lineno + 1, 1), f"not a PO file here: {_po_message(err)}")
        return None
    except (ValueError, TypeError, KeyError, IndexError) as err:
        problems.add(Where(shown), f"not a PO file: {err}")
        return None
    rule = catalog.plural_expr if catalog.plural_expr else "(n != 1)"
    try:
        if len(rule) > MAX_PLURAL_RULE:
            raise ValueError("too long")
        gettext.c2py(rule)
    except (ValueError, RecursionError, SyntaxError):
        problems.add(Where(shown, _header_line(text, "Plural-Forms"), 1), "the Plural-Forms header is not a plural rule gettext can read")
        return None
    entries: dict[tuple[str, str], Entry] = {}
    lines = text.splitlines()
    for message in catalog:
        if not message.id:
            continue  # the header
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        translation = message.string if isinstance(message.string, str) else tuple(message.string)
        entries[(message.context or "", msgid)] = Entry(translation, message.fuzzy, _msgstr_line(lines, message.lineno))
    language = str(catalog.locale).replace("_", "-") if catalog.locale else ""
    return Catalogue(shown, language, entries, rule)


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    """The line of an entry's (first) msgstr: where its translation is written, or missing."""
    for number in range(msgid_line, min(len(lines), msgid_line + 10_000)):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


def _header_line(text: str, header: str) -> int:
    return next((n for n, line in enumerate(text.splitlines(), 1) if header in line), 1)


@dataclass(frozen=True)
class Updated:
    """What `update_catalogue` did, for the command to say."""

    text: str  # the file's new content
    added: int
    fuzzy: int  # entries whose source text changed: to check
    obsolete: int  # entries no longer used, kept as comments
    untranslated: int  # entries still without a translation


def update_catalogue(existing: str | None, language: str, texts: list[SourceText], project: str,
                     now: datetime.datetime) -> Updated:
    """A PO file's text for `texts`: a new file, or `existing` updated as `pybabel update` does.
    The same texts and file give the same bytes (no date changes unless the file is new)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project=project, fuzzy=False)
    for item in texts:
        template.add(item.text, locations=item.locations, auto_comments=(item.note,) if item.note else (),
                     context=item.context)
    locale = language.replace("-", "_")
    if existing is None:
        catalog = Catalog(locale=locale, project=project, fuzzy=False, creation_date=now, revision_date=now,
                          header_comment=f"# {project}: translations into {language_name(language)} ({language}).\n#")
        before: set = set()
    else:
        catalog = read_po(io.StringIO(existing), locale=locale, abort_invalid=True)
        before = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    catalog.update(template, update_creation_date=False)
    messages = [m for m in catalog if m.id]
    keys = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in messages}
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, ignore_obsolete=False)
    text = out.getvalue().decode("utf-8")
    if existing is not None:
        text = existing if _same_entries(text, existing) else _keep_generated_by(text, existing)
    return Updated(
        text=text,
        added=len(keys - before),
        fuzzy=sum(1 for m in messages if m.fuzzy),
        obsolete=len(catalog.obsolete),
        untranslated=sum(1 for m in messages if not _translated(m.string)),
    )


def _translated(string) -> bool:
    return all(string) if isinstance(string, (tuple, list)) else bool(string)


def _po_message(err: Exception) -> str:
    """Babel's message, short: its own line number off (the position says it), a quoted
    text (a whole 12-line header) cut to its start."""
    message = re.sub(r" on \d+$", "", " ".join(str(err).split()))
    quoted = re.search(r"'(.{48}).*'", message)
    if quoted:
        message = message[: quoted.start()] + f"'{quoted.group(1)}...'" + message[quoted.end():]
    return message[:200]


def po_error(text: str) -> tuple[int, str] | None:
    """(line, why) `text` cannot be updated as a PO file (line 0: the whole file), or None."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as err:
        return err.lineno + 1, _po_message(err)
    except (ValueError, TypeError, KeyError, IndexError) as err:
        return 0, _po_message(err)
    return None


def set_translations(text: str, wanted: dict[tuple[str, str], str]) -> tuple[str, int]:
    """A PO file's text with the given (context, source) entries translated (a translation
    given by a person settles a fuzzy entry); and how many had no entry. Unchanged: `text` itself."""
    from babel.messages.pofile import read_po, write_po

    catalog = read_po(io.StringIO(text), abort_invalid=True)
    missing = 0
    changed = False
    for (context, source), translation in wanted.items():
        message = catalog.get(source, context=context)
        if message is None or not isinstance(message.string, str):
            missing += 1
            continue
        if message.string != translation or message.fuzzy:
            message.string = translation
            message.flags.discard("fuzzy")
            changed = True
    if not changed:
        return text, missing
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_previous=True, ignore_obsolete=False)
    return _keep_generated_by(out.getvalue().decode("utf-8"), text), missing


def _same_entries(text: str, other: str) -> bool:
    """Whether two PO files hold the same entries, in the same order, with the same
    translations, flags, previous texts, locations and comments (obsolete ones too),
    whatever their headers say: an up-to-date file is left alone, whichever Babel wrote it."""
    from babel.messages.pofile import read_po

    def entries(po: str) -> tuple:
        catalog = read_po(io.StringIO(po))

        def entry(message) -> tuple:
            return (message.context, _frozen(message.id), _frozen(message.string), tuple(sorted(message.flags)),
                    _frozen(message.previous_id), tuple(message.locations), tuple(message.auto_comments),
                    tuple(message.user_comments))

        return tuple(entry(m) for m in catalog if m.id), tuple(entry(m) for m in catalog.obsolete.values())

    return entries(text) == entries(other)


def _frozen(value) -> object:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _keep_generated_by(text: str, before: str) -> str:
    """`text` with the `Generated-By` header line of the file it replaces, so a file updated
    with another Babel differs only where its entries do."""
    old = _GENERATED_BY.search(before)
    return _GENERATED_BY.sub(lambda _: old.group(), text, count=1) if old else text
