"""The editor schemas and `cards validate` agree on the shape of a file, as a property.

Over every sample deck, fixture deck and scaffold (`cards new`, `cards new --extends`),
each of their YAML files (deck.yaml, behaviour files, a variant's card files,
facilitator.yaml, a deck's own layouts and themes), and hundreds of copies altered one
value at a time (an unknown key, a key deleted, a value set to null, a number, yes, an
empty text, a list, a mapping or a malformed name put in its place): the schema the file
names accepts it exactly when the validator does.

What a schema cannot know is left out of the alterations, and only that: whether a
variant's card file changes a base card or adds a new one (which then needs every
field), or adds a theme (which then needs a name and a colour), depends on the base deck,
another file; so fields are not deleted or nulled out of a variant's added cards and
themes. Every other disagreement fails the test with the file, the change and both
verdicts.
"""
from __future__ import annotations

import copy
import os
import random
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, ROOT

from generator.cli import main
from generator.editor_schemas import schema
from generator.pipeline import PrintOptions, prepare

SEED = 20261202
PER_FILE = 10  # alterations of each file: with the corpus below, about six hundred in all
REPLACEMENTS = (7, True, "", ["Not valid!"], {"Not valid!": "y"}, "Not valid!")
UNKNOWN_KEY = "colour_sheme"


def validator_accepts(deck: Path) -> tuple[bool, list[str]]:
    prepared = prepare([deck], None, None, PrintOptions())
    return not prepared.problems, [str(p) for p in prepared.problems]


def schema_accepts(kind: str, document) -> tuple[bool, list[str]]:
    errors = [e.message for e in VALIDATORS[kind].iter_errors(document)]
    return not errors, errors


VALIDATORS = {kind: jsonschema.Draft7Validator(schema(kind))
              for kind in ("deck", "behaviour", "variant-behaviour", "facilitator", "layout", "theme")}


def kind_of(path: Path, deck: Path) -> str:
    relative = path.relative_to(deck).parts
    if relative == ("deck.yaml",):
        return "deck"
    if relative == ("facilitator.yaml",):
        return "facilitator"
    if relative[0] == "behaviours":
        return "variant-behaviour" if _extends(deck) else "behaviour"
    return "theme" if "themes" in relative[:-1] else "layout"


def _extends(deck: Path) -> bool:
    document = yaml.safe_load((deck / "deck.yaml").read_text(encoding="utf-8"))
    return isinstance(document, dict) and "extends" in document


def _base_ids(deck: Path) -> tuple[set[str], set[str]]:
    """A variant's base's card and theme ids (through its own base, if it has one)."""
    document = yaml.safe_load((deck / "deck.yaml").read_text(encoding="utf-8"))
    base = deck.parent / document["extends"]
    cards = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (base / "behaviours").glob("*.yaml")}
    base_deck = yaml.safe_load((base / "deck.yaml").read_text(encoding="utf-8"))
    themes = {t["id"] for t in base_deck.get("themes") or []}
    if "extends" in base_deck:
        more_cards, more_themes = _base_ids(base)
        cards, themes = cards | more_cards, themes | more_themes
    return cards, themes


def _places(document, path=()):
    """Every (path, value) below the top: mapping entries and list items."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield path + (key,), value
            yield from _places(value, path + (key,))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield path + (index,), value
            yield from _places(value, path + (index,))


def _parent(document, path):
    for step in path[:-1]:
        document = document[step]
    return document


def alterations(document, rng: random.Random, protected) -> list[tuple[str, object]]:
    """(what was done, the altered document), PER_FILE of them, each one change."""
    places = list(_places(document))
    mappings = [()] + [p for p, v in places if isinstance(v, dict)]
    made = []
    for _ in range(PER_FILE * 4):
        if len(made) == PER_FILE:
            break
        altered = copy.deepcopy(document)
        operation = rng.choice(("unknown", "delete", "null", "replace", "replace"))
        if operation == "unknown":
            path = rng.choice(mappings)
            (_parent(altered, path + ("",)) if path else altered)[UNKNOWN_KEY] = "x"
            made.append((f"add '{UNKNOWN_KEY}' at {'/'.join(map(str, path)) or 'top'}", altered))
            continue
        path, _ = rng.choice(places)
        value = None if operation == "null" else copy.deepcopy(rng.choice(REPLACEMENTS))
        if protected(path, operation, value):
            continue
        parent = _parent(altered, path)
        if operation == "delete":
            del parent[path[-1]]
            what = "delete"
        else:
            parent[path[-1]] = value
            what = f"set to {value!r}"
        made.append((f"{'/'.join(map(str, path))}: {what}", altered))
    return made


def _protector(path: Path, deck: Path, document):
    """Alterations whose verdict depends on another file (see the module's docstring)."""
    kind = kind_of(path, deck)
    inherits = kind in ("layout", "theme") and isinstance(document, dict) and "extends" in document
    card_ids, theme_ids = _base_ids(deck) if _extends(deck) else (set(), set())

    overridden = _overridden(path) if kind in ("layout", "theme") else set()

    def protected(place, operation, value) -> bool:
        if operation == "replace" and value == 7 and _names_another(kind, place):
            return True  # "7" is a well-formed id: whether that card, theme or deck exists is the other files' to say
        if _given_below(place, overridden):
            return True  # a layout or theme that extends this one gives its own value instead
        if kind == "theme" and place[0] in ("fonts", "logo"):
            return operation == "replace"  # a file's name: whether it is there is the folder's to say
        if operation not in ("delete", "null"):
            return False
        if inherits and operation == "delete":
            return True  # what the layout or theme it extends gives instead
        if kind == "deck" and len(place) == 2 and place[0] in ("themes", "cards"):
            return True  # a theme's cards name it, a listed card is a file: others' to say
        if kind == "deck" and place == ("themes",) and _extends(deck):
            return True  # a variant's added themes, named by its added cards
        if kind == "variant-behaviour":
            return document.get("id") not in card_ids  # an added card: every field needed
        if kind == "deck" and len(place) >= 3 and place[0] == "themes" and _extends(deck):
            return document["themes"][place[1]].get("id") not in theme_ids  # an added theme
        return False
    return protected


def _names_another(kind: str, place: tuple) -> bool:
    """A value that names a card, theme or deck given elsewhere."""
    if kind in ("behaviour", "variant-behaviour"):
        return place in (("id",), ("theme",), ("after",))
    if kind == "deck":
        return place == ("extends",) or place[0] in ("cards", "remove") or (place[0] == "themes" and place[-1:] == ("id",))
    return False


def _overridden(path: Path) -> set[tuple]:
    """The places that a layout or theme extending this one (beside it) gives itself."""
    places: set[tuple] = set()
    for other in path.parent.glob("*.yaml"):
        document = yaml.safe_load(other.read_text(encoding="utf-8"))
        if isinstance(document, dict) and document.get("extends") == path.stem:
            places |= {place for place, _ in _places(document)}
    return places


def _given_below(place: tuple, overridden: set[tuple]) -> bool:
    return any(place[:len(other)] == other or other[:len(place)] == place for other in overridden)


def corpus(tmp_path: Path) -> list[tuple[Path, Path]]:
    """(deck folder, file) in a copy of every deck the tests know of, and two scaffolds."""
    copies = tmp_path / "copies"
    shutil.copytree(ROOT / "cards", copies / "cards")
    for group in ("good", "facilitator", "layouts", "themes", "variants"):
        shutil.copytree(FIXTURES / group, copies / group)
    decks = [copies / "cards" / p.name for p in (ROOT / "cards").iterdir() if (p / "deck.yaml").is_file()]
    decks += [copies / "good" / n for n in ("markup", "poster")]
    decks += [copies / "facilitator" / n for n in ("own-cover", "literal-content")]
    decks += [copies / "layouts" / n for n in ("override", "multi-level")]
    decks += [copies / "themes" / "logo", copies / "variants" / "base", copies / "variants" / "local"]
    return [(deck, path) for deck in sorted(decks) for path in sorted(deck.rglob("*.yaml"))]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("agreement")
    files = corpus(tmp_path)
    # Two scaffolds, made as a user makes them, in the copy of cards/ beside the samples.
    cards = files[0][0].parent
    here = os.getcwd()
    os.chdir(cards.parent)
    try:
        assert main(["new", "scaffolded"]) == 0
        assert main(["new", "scaffolded-local", "--extends", "system-leadership"]) == 0
    finally:
        os.chdir(here)
    for name in ("scaffolded", "scaffolded-local"):
        files += [(cards / name, p) for p in sorted((cards / name).rglob("*.yaml"))]
    return files


def test_every_file_as_it_is_passes_both(decks):
    for deck in sorted({d for d, _ in decks}):
        accepted, problems = validator_accepts(deck)
        assert accepted, problems
    for deck, path in decks:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        accepted, errors = schema_accepts(kind_of(path, deck), document)
        assert accepted, (path, errors)


def test_schema_and_validator_agree_on_altered_files(decks):
    rng = random.Random(SEED)
    disagreements, tried, rejected = [], 0, 0
    for deck, path in decks:
        original = path.read_text(encoding="utf-8")
        document = yaml.safe_load(original)
        kind = kind_of(path, deck)
        try:
            for what, altered in alterations(document, rng, _protector(path, deck, document)):
                path.write_text(yaml.safe_dump(altered, sort_keys=False, allow_unicode=True), encoding="utf-8")
                by_validator, problems = validator_accepts(deck)
                by_schema, errors = schema_accepts(kind, altered)
                tried += 1
                rejected += not by_validator
                if by_validator != by_schema:
                    disagreements.append(f"{path.relative_to(deck.parent.parent)} ({kind}) {what}: validator "
                                         f"{'accepts' if by_validator else 'refuses: ' + '; '.join(problems)[:300]}, schema "
                                         f"{'accepts' if by_schema else 'refuses: ' + '; '.join(errors)[:300]}")
        finally:
            path.write_text(original, encoding="utf-8")
    print(f"\nschema and validator: {tried - len(disagreements)} of {tried} altered files agree "
          f"({rejected} refused by the validator, {len(decks)} files)")
    assert tried >= 300
    assert not disagreements, "\n".join(disagreements)
