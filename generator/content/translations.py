"""A deck in another language: its text from PO files, the tool's words from catalogues.

A deck lists `languages: [en, cy]` (the first is the language it is written in). For
each other language, `cards/<deck>/translations/<language>.po` holds its text, one entry
per text field with the card and field as context (`card:ID:title`). The tool's own
words (layouts/translations/words.yaml, in English) and the built-in facilitator words are translated
by the catalogues in `layouts/translations/<language>.po` (the deck's own layouts/, its
bases', the project's, then the built-in ones, which include Welsh). A variant finds its
base's translations after its own.

Every text printed in a language other than its own needs a translation there: a
missing, empty or fuzzy one is an error at the PO file and line, unless a draft is
asked for (`allow_untranslated`), which prints the source text and lists each fallback.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.content.catalogue import base_folders, is_file, layout_dirs
from generator.content.model import PERSPECTIVES, Behaviour, Deck, ThemeGroup
from generator.content.pofiles import (
    Catalogue,
    SourceText,
    Updated,
    language_name,
    read_catalogue,
    update_catalogue,
)
from generator.content.words import EnglishWord, PluralWord, Words, english_words, placeholders
from generator.errors import Problems, Where, display_path

TRANSLATIONS = "translations"
DECK_FIELDS = ("title", "subtitle", "publisher", "licence", "notes", "illustrative_notice")
CARD_TEXTS = ("title", "description", "enabling", "obstructing") + PERSPECTIVES + ("source",)
FACILITATOR_WORDS = "facilitator"


def same_language(one: str, other: str) -> bool:
    """en-GB and en are one language here: no translation between them."""
    return one.split("-")[0].lower() == other.split("-")[0].lower()


def po_name(language: str) -> str:
    return f"{language}.po"


def catalogue_files(deck_folder: Path, language: str) -> list[Path]:
    """Where translations into `language` are looked for, first found first: the deck's
    own translations/, its bases', then translations/ in each layouts folder."""
    folders = [deck_folder / TRANSLATIONS] + [base / TRANSLATIONS for base in base_folders(deck_folder)]
    folders += [d / TRANSLATIONS for d in layout_dirs(deck_folder)]
    names = [po_name(language)] + ([po_name(language.split("-")[0])] if "-" in language else [])
    return [folder / name for folder in folders for name in names]


@dataclass(frozen=True)
class Fallback:
    """A draft's text printed untranslated."""

    where: Where
    message: str
    text: str | None = None  # the text printed as written, in its own language


@dataclass
class Translator:
    """Looks texts up in a language's catalogues, recording what is missing."""

    language: str
    catalogues: list[Catalogue]
    own: str  # the deck's own PO file, as shown: where a missing entry belongs
    own_exists: bool
    problems: Problems
    allow_untranslated: bool = False
    own_unreadable: bool = False  # the deck's own file exists but is not a PO file (reported on reading)
    fallbacks: list[Fallback] = field(default_factory=list)
    missing: list[SourceText] = field(default_factory=list)

    def text(self, item: SourceText, source_language: str) -> tuple[str | tuple[str, ...], Where | None]:
        """The translation of `item` (written in `source_language`), and where it was written."""
        translation, where, _ = self.lookup(item, source_language)
        return translation, where

    def lookup(self, item: SourceText, source_language: str) -> tuple[str | tuple[str, ...], Where | None, Catalogue | None]:
        """The translation, where it was written, and the catalogue it came from (None: untranslated)."""
        if same_language(source_language, self.language):
            return item.text, None, None
        first_bad: tuple[Catalogue, str, int] | None = None
        for catalogue in self.catalogues:
            entry = catalogue.entries.get(item.key)
            if entry is None:
                continue
            forms = (entry.translation,) if isinstance(entry.translation, str) else entry.translation
            if entry.fuzzy or not all(forms):
                why = ("is marked fuzzy: its source text changed since it was translated; check it, then remove the "
                       "'fuzzy' flag" if entry.fuzzy else "is empty")
                first_bad = first_bad or (catalogue, why, entry.line)
                continue
            where = Where(catalogue.path, entry.line, 1)
            if not self._placeholders_kept(item, forms, where):
                return item.text, None, None
            translation = entry.translation
            if not isinstance(item.text, str) and isinstance(translation, str):
                translation = (translation,)
            return translation, where, catalogue
        what = f"{_describe(item)} into {language_name(self.language)}"
        if first_bad is not None:
            catalogue, why, line = first_bad
            self._fail(Where(catalogue.path, line, 1), f"the translation of {what} {why}", item)
        elif self.own_unreadable:
            pass  # its own problem is reported already: one line, not one per text
        elif self.own_exists:
            self._fail(Where(self.own), f"no translation of {what}: run `cards translate` to add it to this file", item)
        else:
            self.missing.append(item)
            if self.allow_untranslated:
                self.fallbacks.append(Fallback(Where(self.own), f"draft: {_describe(item)} printed untranslated", _plain(item)))
        return item.text, None, None

    def _fail(self, where: Where, message: str, item: SourceText) -> None:
        if self.allow_untranslated:
            self.fallbacks.append(Fallback(where, f"draft: {message}; printed untranslated", _plain(item)))
        else:
            self.problems.add(where, message)

    def _placeholders_kept(self, item: SourceText, forms: tuple[str, ...], where: Where) -> bool:
        if not item.context.startswith("word:"):
            return True  # a deck's own text is printed as written: braces are just braces
        source = item.text if isinstance(item.text, str) else item.text[1]
        allowed = placeholders(source)
        for form in forms:
            extra = placeholders(form) - allowed
            if extra:
                self.problems.add(where, f"the translation of {_describe(item)} uses {{{sorted(extra)[0]}}}, which the English has not "
                                         f"(it has {', '.join('{' + p + '}' for p in sorted(allowed)) or 'none'})")
                return False
            lost = allowed - placeholders(form) - ({"count"} if not isinstance(item.text, str) else set())
            if lost:
                self.problems.add(where, f"the translation of {_describe(item)} leaves out {{{sorted(lost)[0]}}}, which the tool fills in")
                return False
        return True


def _describe(item: SourceText) -> str:
    shown = item.text if isinstance(item.text, str) else item.text[0]
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    place = f" ({item.locations[0][0]}:{item.locations[0][1]})" if item.locations else ""
    return f"{item.context} '{shown}'{place}"


def load_catalogues(deck_folder: Path, language: str, problems: Problems) -> list[Catalogue]:
    catalogues = []
    seen: set[Path] = set()
    for path in catalogue_files(deck_folder, language):
        if path.resolve() in seen or not is_file(path):
            continue
        seen.add(path.resolve())
        catalogue = read_catalogue(path, problems)
        if catalogue is not None:
            catalogues.append(catalogue)
    return catalogues


def own_catalogue(deck_folder: Path, language: str) -> Path:
    return deck_folder / TRANSLATIONS / po_name(language)


# --- What a deck prints, as texts to translate ------------------------------------------


def _located(where: Where) -> tuple[tuple[str, int], ...]:
    return ((where.path, where.line),) if where.line else ()


def deck_texts(deck: Deck) -> list[SourceText]:
    """Every text of the deck itself (deck.yaml, themes, cards, labels, changes), in the deck's order."""
    texts = []
    for key in DECK_FIELDS:
        value = getattr(deck, key)
        if value and (key != "illustrative_notice" or key in deck.field_where):
            texts.append(SourceText(f"deck:{key}", value, _located(deck.where_of(key)), f"deck.yaml: {key}"))
    for key, value in deck.labels.items():
        texts.append(SourceText(f"word:{key}", value, _located(deck.where_of(f"labels.{key}")), f"deck.yaml: labels: {key}"))
    for group in deck.themes:
        texts.append(SourceText(f"theme:{group.id}:name", group.name, _located(group.where), f"theme '{group.id}': name"))
    for behaviour in deck.behaviours:
        texts += card_texts(behaviour)
    adaptation = deck.adaptation
    if adaptation is not None:
        texts.append(SourceText("deck:title", adaptation.base_title, (), "the base deck's title (adapted from)"))
        if adaptation.base_publisher:
            texts.append(SourceText("deck:publisher", adaptation.base_publisher, (), "the base deck's publisher (adapted from)"))
        for change in adaptation.changes:
            if change.kind == "removed":
                texts.append(SourceText(f"card:{change.card_id}:title", change.title, (), "a removed card's title (the list of changes)"))
    for behaviour in deck.behaviours:
        if behaviour.wording_by:
            texts.append(SourceText("deck:publisher", behaviour.wording_by, (), "whose wording an unchanged card is"))
        if behaviour.adapted is not None and behaviour.adapted.base_source:
            texts.append(SourceText(f"card:{behaviour.id}:source", behaviour.adapted.base_source, (),
                                    "the base card's source, for the words the variant kept"))
    return _unique(texts)


def card_texts(behaviour: Behaviour) -> list[SourceText]:
    texts = []
    for key in CARD_TEXTS:
        if key in ("enabling", "obstructing"):
            values = list(getattr(behaviour, key))
            where = behaviour.where_of("indicators")
        elif key in PERSPECTIVES:
            values, where = [behaviour.questions[key]], behaviour.where_of("questions")
        else:
            value = getattr(behaviour, key)
            values, where = ([value] if value else []), behaviour.where_of(key)
        for value in values:
            texts.append(SourceText(f"card:{behaviour.id}:{key}", value, _located(where), f"card '{behaviour.id}': {key}"))
    return texts


def content_texts(content: dict, where: Where) -> list[SourceText]:
    """The facilitator pack's words (built-in and the deck's facilitator.yaml), field by field."""
    texts = []

    def walk(value, context: str) -> None:
        if isinstance(value, str):
            texts.append(SourceText(context, value, _located(where), "facilitator words"))
        elif isinstance(value, list):
            for item in value:
                walk(item, context)
        elif isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{context}:{key}")

    walk(content, FACILITATOR_WORDS)
    return _unique(texts)


def word_texts() -> list[SourceText]:
    return [_word_text(word) for word in english_words().values()]


def _word_text(word: EnglishWord) -> SourceText:
    return SourceText(f"word:{word.key}", word.text, _located(word.where), "the tool's own word")


def _unique(texts: list[SourceText]) -> list[SourceText]:
    seen: dict[tuple[str, str], SourceText] = {}
    for item in texts:
        seen.setdefault(item.key, item)
    return list(seen.values())


# --- A deck in one language ---------------------------------------------------------------


def _plain(item: SourceText) -> str | None:
    """A deck's own text as printed untranslated (the tool's words are templates, not the printed text)."""
    return item.text if isinstance(item.text, str) and not item.context.startswith("word:") else None


def translator_for(deck: Deck, language: str, problems: Problems, allow_untranslated: bool = False) -> Translator:
    folder = Path(deck.folder)
    own = own_catalogue(folder, language)
    catalogues = load_catalogues(folder, language, problems)
    unreadable = is_file(own) and display_path(own) not in {c.path for c in catalogues}
    return Translator(language, catalogues, display_path(own), is_file(own), problems, allow_untranslated, unreadable)


def translated_words(deck: Deck, translator: Translator) -> Words:
    """The tool's words in the translator's language, with the deck's labels (translated too)."""
    texts: dict[str, str | PluralWord] = {}
    for key, word in english_words().items():
        if key in deck.labels:
            item = SourceText(f"word:{key}", deck.labels[key], _located(deck.where_of(f"labels.{key}")), "")
            texts[key] = translator.text(item, deck.languages[0])[0]  # type: ignore[assignment]
            continue
        translation, _, catalogue = translator.lookup(_word_text(word), "en")
        if isinstance(translation, str):
            texts[key] = translation
        else:  # plural forms counted by the rule of the file that gave them (English's when untranslated)
            texts[key] = PluralWord(tuple(translation), catalogue.plural_rule if catalogue else "")
    return Words(translator.language, texts)


def edition(deck: Deck, language: str, translator: Translator) -> Deck:
    """The deck as printed in `language`: its text translated, the tool's words in it, and
    each translated field's position moved to the PO line it came from (so a translation
    that does not fit is reported there)."""
    source = deck.languages[0]
    field_where = dict(deck.field_where)

    def text(context: str, value: str | None, key: str | None = None, where_map: dict | None = None) -> str | None:
        if value is None:
            return None
        result, where = translator.text(SourceText(context, value, _located(_where_in(where_map, key, deck.where))), source)
        if where is not None and key is not None and where_map is not None:
            where_map[key] = where
        return result  # type: ignore[return-value]

    fields = {}
    for key in DECK_FIELDS:
        if key == "illustrative_notice" and key not in deck.field_where:
            continue
        fields[key] = text(f"deck:{key}", getattr(deck, key), key, field_where)
    words = translated_words(deck, translator)
    if "illustrative_notice" not in deck.field_where:
        fields["illustrative_notice"] = words("illustrative-notice")
    themes = tuple(_theme(group, text) for group in deck.themes)
    behaviours = tuple(_behaviour(b, text) for b in deck.behaviours)
    adaptation = deck.adaptation
    if adaptation is not None:
        changes = tuple(replace(c, title=text(f"card:{c.card_id}:title", c.title) or c.title) for c in adaptation.changes)
        adaptation = replace(adaptation, base_title=text("deck:title", adaptation.base_title),
                             base_publisher=text("deck:publisher", adaptation.base_publisher), changes=changes,
                             by=text("deck:publisher", adaptation.by))
    return replace(deck, language=language, themes=themes, behaviours=behaviours, adaptation=adaptation,
                   words=words, field_where=field_where, **fields)


def _where_in(where_map: dict | None, key: str | None, default: Where) -> Where:
    return where_map.get(key, default) if where_map is not None and key is not None else default


def _theme(group: ThemeGroup, text) -> ThemeGroup:
    return replace(group, name=text(f"theme:{group.id}:name", group.name))


def _behaviour(behaviour: Behaviour, text) -> Behaviour:
    where = dict(behaviour.field_where)
    prefix = f"card:{behaviour.id}"
    questions = {}
    for perspective in PERSPECTIVES:
        local = {"questions": where.get("questions", behaviour.where)}
        questions[perspective] = text(f"{prefix}:{perspective}", behaviour.questions[perspective], "questions", local)
        if perspective == "individual":
            where["questions"] = local["questions"]
    lists = {}
    for kind in ("enabling", "obstructing"):
        local = {"indicators": where.get("indicators", behaviour.where)}
        lists[kind] = tuple(text(f"{prefix}:{kind}", item, "indicators", local) for item in getattr(behaviour, kind))
    return replace(
        behaviour,
        title=text(f"{prefix}:title", behaviour.title, "title", where),
        description=text(f"{prefix}:description", behaviour.description, "description", where),
        source=text(f"{prefix}:source", behaviour.source, "source", where),
        wording_by=text("deck:publisher", behaviour.wording_by),
        adapted=behaviour.adapted and replace(
            behaviour.adapted, by=text("deck:publisher", behaviour.adapted.by),
            base_title=text("deck:title", behaviour.adapted.base_title),
            base_publisher=text("deck:publisher", behaviour.adapted.base_publisher),
            base_source=text(f"{prefix}:source", behaviour.adapted.base_source)),
        questions=questions, field_where=where, **lists,
    )


def translate_content(content: dict, written_in: dict[str, str], translator: Translator, where: Where) -> dict:
    """The facilitator words in the translator's language; `written_in` gives each key's
    language (the deck's for keys its facilitator.yaml gives, English for the built-in ones)."""

    def walk(value, context: str, language: str):
        if isinstance(value, str):
            return translator.text(SourceText(context, value, _located(where)), language)[0]
        if isinstance(value, list):
            return [walk(item, context, language) for item in value]
        if isinstance(value, dict):
            return {key: walk(inner, f"{context}:{key}", language) for key, inner in value.items()}
        return value

    return {key: walk(value, f"{FACILITATOR_WORDS}:{key}", written_in.get(key, "en")) for key, value in content.items()}


def missing_summary(translator: Translator, deck: Deck) -> None:
    """Texts with no translation anywhere, when the deck has no PO file for the language: one problem."""
    if not translator.missing:
        return
    count = len({item.key for item in translator.missing})  # a text looked up twice is one entry, as `cards translate` writes it
    where = deck.where_of("languages") if "languages" in deck.field_where else deck.where_of("language")
    message = (f"{count} text{'s' if count != 1 else ''} of this deck {'have' if count != 1 else 'has'} no translation into "
               f"{language_name(translator.language)} ({translator.language}): there is no {translator.own}; run "
               f"`cards translate {deck.folder} --language {translator.language}` and translate the file it writes")
    if translator.allow_untranslated:
        translator.fallbacks.append(Fallback(where, f"draft: {message}; printed untranslated"))
    else:
        translator.problems.add(where, message)


# --- `cards translate` ----------------------------------------------------------------------


def texts_to_translate(deck: Deck, content: dict | None, written_in: dict[str, str], content_where: Where,
                       language: str, problems: Problems) -> list[SourceText]:
    """What the deck's own PO file for `language` should hold: every text printed in that
    language that is written in another and that no base or catalogue already translates."""
    source = deck.languages[0]
    candidates: list[tuple[SourceText, str]] = []
    if not same_language(source, language):
        candidates += [(item, source) for item in deck_texts(deck)]
    candidates += [(item, "en") for item in word_texts() if item.context[5:] not in deck.labels]
    if content is not None:
        for item in content_texts(content, content_where):
            candidates.append((item, written_in.get(item.context.split(":")[1], "en")))
    folder = Path(deck.folder)
    own = own_catalogue(folder, language).resolve()
    others = [c for c in load_catalogues(folder, language, problems) if Path(c.path).resolve() != own]
    wanted = []
    for item, written_in in candidates:
        if same_language(written_in, language):
            continue
        entry = next((c.entries[item.key] for c in others if item.key in c.entries), None)
        if entry is not None and not entry.fuzzy and all((entry.translation,) if isinstance(entry.translation, str) else entry.translation):
            continue  # a base or a catalogue translates it already
        wanted.append(item)
    return _unique(wanted)


def update_translations(deck: Deck, language: str, texts: list[SourceText], existing: str | None,
                        now: datetime.datetime) -> Updated:
    """The deck's PO file updated; locations are relative to the deck folder, so the file
    is the same whichever folder the command ran in."""
    folder = Path(deck.folder).resolve()

    def relative(location: tuple[str, int]) -> tuple[str, int]:
        try:
            return (Path(location[0]).resolve().relative_to(folder).as_posix(), location[1])
        except ValueError:
            return location

    located = [replace(item, locations=tuple(relative(loc) for loc in item.locations)) for item in texts]
    return update_catalogue(existing, language, located, deck.id, now)
