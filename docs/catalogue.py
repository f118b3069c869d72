"""Update the tool's own translation catalogues (layouts/translations/<language>.po) from
layouts/translations/words.yaml and the built-in facilitator words, as `cards translate`
updates a deck's: new texts added, changed ones marked fuzzy, old ones kept as comments.

    python docs/catalogue.py cy      (make catalogues: every language there is)
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

from generator.compose.facilitator import builtin_content
from generator.content.catalogue import BUILTIN_LAYOUTS
from generator.content.pofiles import update_catalogue
from generator.content.translations import TRANSLATIONS, content_texts, word_texts
from generator.errors import Where

FOLDER = Path(str(BUILTIN_LAYOUTS)) / TRANSLATIONS


def main(languages: list[str]) -> int:
    languages = languages or sorted(p.stem for p in FOLDER.glob("*.po"))
    texts = word_texts() + content_texts(builtin_content(), Where("layouts/facilitator/content.yaml"))
    for language in languages:
        path = FOLDER / f"{language}.po"
        existing = path.read_text(encoding="utf-8") if path.exists() else None
        now = datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc)
        updated = update_catalogue(existing, language, texts, "behaviour-cards", now)
        if updated.text != existing:
            path.write_text(updated.text, encoding="utf-8", newline="\n")
        print(f"{path}: {len(texts)} texts, {updated.added} new, {updated.fuzzy} fuzzy, {updated.untranslated} untranslated, "
              f"{updated.obsolete} obsolete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
