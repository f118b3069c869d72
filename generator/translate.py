"""`cards translate DECK --language cy`: create or update the deck's PO file for a language.

Like `pybabel update`: new texts are added untranslated, an entry whose source text
changed is marked fuzzy (keeping the old translation to check), texts no longer printed
stay in the file as `#~` comments, and running it again with nothing changed leaves the
file byte for byte as it was. The file holds only what no base deck's or built-in
catalogue already translates (the tool's words in Welsh ship with the tool).
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from generator.compose.facilitator import content_languages, facilitator_where, read_content
from generator.content.deck import read_deck
from generator.content.pofiles import language_name, language_problem, po_error
from generator.content.translations import own_catalogue, texts_to_translate, update_translations
from generator.content.yamlsource import read_text_file
from generator.errors import Problems, UsageError, Where, display_path


@dataclass(frozen=True)
class Translated:
    path: Path
    changed: bool
    entries: int
    added: int
    fuzzy: int
    obsolete: int
    untranslated: int
    listed: bool  # the language is in the deck's `languages`, so `cards build` prints it


def translate(deck_dir: Path, language: str, now: datetime.datetime | None = None) -> Translated:
    """Write `deck_dir/translations/<language>.po`; problems raise BuildError, a bad language UsageError."""
    if problem := language_problem(language):
        raise UsageError(f"--language: {problem}")
    problems = Problems()
    deck = read_deck(deck_dir, problems)
    problems.raise_if_any()
    assert deck is not None
    if deck.languages and language == deck.languages[0]:
        raise UsageError(f"{deck.folder} is written in {language_name(language)} ({language}): translate it into another language")
    content = read_content(deck, problems) if "facilitator" in (deck.outputs or ("facilitator",)) else None
    problems.raise_if_any()
    texts = texts_to_translate(deck, content, content_languages(deck), facilitator_where(deck), language, problems)
    path = own_catalogue(Path(deck.folder), language)
    existing = None
    if path.exists():
        existing = read_text_file(path, problems, "translation file")
        problems.raise_if_any()
        if found := po_error(existing):
            line, why = found
            problems.add(Where(display_path(path), line, 1 if line else 0), f"cannot update this file: {why}")
            problems.raise_if_any()
    updated = update_translations(deck, language, texts, existing, now or _now())
    changed = updated.text != existing
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(updated.text, encoding="utf-8", newline="\n")
        os.replace(partial, path)  # never a half-written file
    return Translated(path, changed, len(texts), updated.added, updated.fuzzy, updated.obsolete, updated.untranslated,
                      language in deck.languages)


def _now() -> datetime.datetime:
    """The new file's date: SOURCE_DATE_EPOCH when set (reproducible), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    return datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
