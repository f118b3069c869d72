"""The words the tool prints itself (labels, headings, notes, footers), in one language.

The English words are `layouts/translations/words.yaml`; translations.py translates them like a
deck's own text. Templates print them with `{{ _("key", name=value) }}`; a word with
plural forms picks the one its `count` needs.
"""
from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass
from typing import Callable

from generator.content.catalogue import BUILTIN_LAYOUTS
from generator.content.fields import suggestion
from generator.content.yamlsource import Mapping, Scalar, load_yaml
from generator.errors import Problems, Where, display_path

WORDS_FILE = "translations/words.yaml"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLURAL_KEYS = ("one", "other")
_WORDS: dict[str, "EnglishWord"] = {}


@dataclass(frozen=True)
class EnglishWord:
    key: str
    text: str | tuple[str, str]  # a plural word: (one, other)
    where: Where


def english_words() -> dict[str, EnglishWord]:
    """layouts/translations/words.yaml, read once. The file ships with the tool: a problem in it is a bug."""
    if not _WORDS:
        problems = Problems()
        path = BUILTIN_LAYOUTS / WORDS_FILE
        node = load_yaml(path, problems)
        if problems or not isinstance(node, Mapping):
            raise RuntimeError(f"the tool's own {WORDS_FILE} cannot be read: {problems.items}")
        for key, value in node.entries.items():
            where = node.key_where.get(key, value.where)
            if isinstance(value, Mapping):
                forms = tuple(str(value.entries[k].value) for k in PLURAL_KEYS)
                _WORDS[key] = EnglishWord(key, forms, where)  # type: ignore[arg-type]
            elif isinstance(value, Scalar):
                _WORDS[key] = EnglishWord(key, str(value.value), where)
    return _WORDS


def words_path() -> str:
    return display_path(BUILTIN_LAYOUTS / WORDS_FILE)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def english_plural(count: int) -> int:
    return 0 if count == 1 else 1


@dataclass(frozen=True)
class PluralWord:
    """A word with one form per plural category, and the language's rule choosing one."""

    forms: tuple[str, ...]
    rule: str = ""  # the PO file's plural expression in C syntax, e.g. "(n != 1)"; "": English's

    def form(self, count: int) -> str:
        number = _plural_index(self.rule)(count)
        return self.forms[number] if 0 <= number < len(self.forms) else self.forms[-1]


@functools.lru_cache(maxsize=64)
def _plural_index(rule: str) -> Callable[[int], int]:
    """The rule as a function, made once (kept as text, a word goes to worker processes)."""
    return gettext.c2py(rule) if rule else english_plural


class UnknownWord(LookupError):
    """A template asked for a word the tool does not have."""


@dataclass(frozen=True)
class Words:
    """The tool's words in one language: key -> text, or a plural word."""

    language: str
    texts: dict[str, str | PluralWord]

    def __call__(self, key: str, **values) -> str:
        """The word `key` with its {placeholders} filled in; a plural word takes `count`."""
        if key not in self.texts:
            raise UnknownWord(f"there is no word '{key}'{suggestion(key, sorted(self.texts), list_known=False)} (see layouts/{WORDS_FILE})")
        text = self.texts[key]
        if not isinstance(text, str):
            count = values.get("count")
            if not isinstance(count, int) or isinstance(count, bool):
                raise UnknownWord(f"the word '{key}' depends on a number: give it count=...")
            text = text.form(count)
        return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def english(overrides: dict[str, str] | None = None) -> Words:
    """The English words, with a deck's `labels:` on top."""
    texts: dict[str, str | PluralWord] = {
        key: word.text if isinstance(word.text, str) else PluralWord(word.text) for key, word in english_words().items()}
    texts.update(overrides or {})
    return Words("en", texts)


def words_of(deck) -> Words:
    """A deck edition's words (translations.edition sets them); English with the deck's labels otherwise."""
    return deck.words if deck.words is not None else english(deck.labels)
