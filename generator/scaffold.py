"""`cards init` and `cards new`: a project folder, and a deck that validates and builds at once.

The files are written for someone who has never seen YAML: every field is explained
in a comment above it, and the placeholder text says what to write instead.
Existing files are never overwritten.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from generator.content.deck import ID_MAX, ID_PATTERN
from generator.editor_schemas import KINDS, schema_text
from generator.errors import UsageError, display_path

# Theme colours for a new deck: each at most two process inks (small text on them stays
# sharp on a press) and dark enough for white text (WCAG 4.5:1).
PALETTE = (
    ("#005EB8", (100, 50, 0, 0)),
    ("#007A4D", (100, 0, 90, 0)),
    ("#5C2D91", (80, 100, 0, 0)),
    ("#A8123E", (0, 100, 60, 0)),
    ("#006D77", (100, 0, 30, 10)),
    ("#9A4100", (0, 75, 100, 0)),
    # Six more, for up to twelve themes: each told apart from every other on paper and on
    # screen (CIEDE2000 10.6 at the closest), in one or two inks, dark enough for white text.
    ("#494949", (0, 0, 0, 85)),
    ("#7C7300", (0, 0, 100, 65)),
    ("#24358C", (100, 90, 0, 0)),
    ("#814C64", (0, 60, 0, 60)),
    ("#B80F80", (30, 100, 0, 0)),
    ("#284855", (50, 0, 0, 80)),
)
MAX_THEMES = 12


@dataclass(frozen=True)
class Made:
    """A file or folder `init` or `new` wrote."""

    path: Path


def init_project(folder: Path) -> list[Made]:
    """A project folder: cards/, layouts/, schemas/, .gitignore and a README on the two commands."""
    made: list[Made] = []
    for sub in ("cards", "layouts"):
        made += _folder(folder / sub)
    made += _file(folder / ".gitignore", "# Built files: made again by `cards build` and `cards publish`\noutput/\nsite/\n")
    made += _file(folder / "README.md", PROJECT_README)
    made += _file(folder / "layouts" / "README.md", LAYOUTS_README)
    return made + write_schemas(folder)


def write_schemas(folder: Path) -> list[Made]:
    """schemas/<kind>.schema.json, which the files `cards new` makes point editors at.
    Made afresh every time, so they follow the installed version."""
    made = _folder(folder / "schemas")
    for kind in KINDS:
        path = folder / "schemas" / f"{kind}.schema.json"
        text = schema_text(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            made.append(Made(path))
    return made


def new_deck(cards_folder: Path, deck_id: str, title: str | None, themes: int, today: datetime.date | None = None) -> list[Made]:
    """cards/<deck_id>/ with a commented deck.yaml (dated `today`, by default the day it is
    made: SOURCE_DATE_EPOCH's where set), two behaviour files and facilitator.yaml."""
    _check_new_id(deck_id)
    if not 1 <= themes <= MAX_THEMES:
        raise UsageError(f"--themes should be from 1 to {MAX_THEMES}, not {themes}")
    folder = cards_folder / deck_id
    if folder.exists():
        raise UsageError(f"'{display_path(folder)}' already exists; choose another deck id or remove it")
    title = title or deck_id.replace("-", " ").capitalize()
    made = _folder(folder) + _folder(folder / "behaviours")
    made += _file(folder / "deck.yaml", _deck_yaml(title, themes, today or _today()))
    made += _file(folder / "behaviours" / "01-first-behaviour.yaml", _behaviour_yaml("first-behaviour", "First behaviour", "theme-1", 1))
    made += _file(folder / "behaviours" / "02-second-behaviour.yaml",
                  _behaviour_yaml("second-behaviour", "Second behaviour", "theme-2" if themes > 1 else "theme-1", 2))
    made += _file(folder / "facilitator.yaml", FACILITATOR_YAML)
    return made + write_schemas(cards_folder.parent)


def new_variant(cards_folder: Path, deck_id: str, base_id: str, title: str | None,
                today: datetime.date | None = None) -> list[Made]:
    """cards/<deck_id>/deck.yaml extending cards/<base_id>: the `extends:` line, the
    attribution fields, and commented examples (reword, remove, add, recolour) naming the
    base's own cards and themes, so it validates and builds at once, as the base."""
    from generator.content.deck import read_deck
    from generator.errors import Problems

    _check_new_id(deck_id)
    base_folder = cards_folder / base_id
    if not (base_folder / "deck.yaml").is_file():
        known = sorted(p.name for p in cards_folder.glob("*") if (p / "deck.yaml").is_file()) if cards_folder.is_dir() else []
        raise UsageError(f"--extends {base_id}: there is no deck '{display_path(base_folder)}'"
                         + (f" (decks here: {', '.join(known[:12])})" if known else ""))
    problems = Problems()
    base = read_deck(base_folder, problems)
    if base is None or problems.items:
        raise UsageError(f"--extends {base_id}: that deck has problems of its own; run: cards validate {display_path(base_folder)}")
    folder = cards_folder / deck_id
    if folder.exists():
        raise UsageError(f"'{display_path(folder)}' already exists; choose another deck id or remove it")
    made = _folder(folder)
    made += _file(folder / "deck.yaml", _variant_yaml(base, base_id, title, today or _today()))
    return made + write_schemas(cards_folder.parent)


def _check_new_id(deck_id: str) -> None:
    if len(deck_id) > ID_MAX:
        raise UsageError(f"a deck id of {len(deck_id):,} characters is too long: at most {ID_MAX} (it becomes part of file names)")
    if not ID_PATTERN.match(deck_id):
        raise UsageError(f"'{deck_id}' cannot be a deck id: use lower-case letters, digits and hyphens, e.g. 'team-values'")


def _variant_yaml(base, base_id: str, title: str | None, today: datetime.date) -> str:
    first, last = base.behaviours[0], base.behaviours[-1]
    group = base.themes[0]
    values = {
        "{base_title}": base.title, "{base_id}": base_id, "{base_publisher}": base.publisher or "its publisher",
        "{title}": _quoted(title or f"{base.title}, local edition"), "{date}": today.isoformat(),
        "{first_id}": first.id, "{first_title}": first.title, "{last_id}": last.id, "{last_title}": last.title,
        "{theme_id}": group.id, "{theme_name}": group.name,
    }
    text = VARIANT_YAML
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _folder(path: Path) -> list[Made]:
    if path.is_dir():
        return []
    if path.exists():
        raise UsageError(f"'{display_path(path)}' exists and is not a folder")
    path.mkdir(parents=True)
    return [Made(path)]


def _file(path: Path, text: str) -> list[Made]:
    if path.exists():
        return []  # never overwrite what is there
    path.write_text(text, encoding="utf-8", newline="\n")
    return [Made(path)]


def _quoted(text: str) -> str:
    """Text as a double-quoted YAML string, which holds any character safely."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _today() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def _deck_yaml(title: str, themes: int, today: datetime.date) -> str:
    groups = []
    for number in range(1, themes + 1):
        hex_code, cmyk = PALETTE[(number - 1) % len(PALETTE)]
        groups.append(
            f"  - id: theme-{number}\n"
            f"    name: Theme {number}\n"
            f"    colour: {{rgb: \"{hex_code}\", cmyk: [{', '.join(map(str, cmyk))}]}}\n"
        )
    return (DECK_YAML.replace("{title}", _quoted(title)).replace("{themes}", "".join(groups))
            .replace("{date}", today.isoformat()))


def _behaviour_yaml(card_id: str, title: str, theme: str, number: int) -> str:
    return (BEHAVIOUR_YAML.replace("{id}", card_id).replace("{title}", title)
            .replace("{theme}", theme).replace("{number}", str(number)))


VARIANT_YAML = """# yaml-language-server: $schema=../../schemas/deck.schema.json
# A local edition of {base_title}: everything not named in this folder comes from
# cards/{base_id} (deck fields, themes, cards, facilitator words), so a fix there reaches
# this edition at its next build. `cards diff cards/<this deck>` lists what it changes;
# the README's "Local variants" says more.
extends: {base_id}

# This edition's name, printed on every card and on the facilitator pack's cover.
title: {title}
# Who makes this edition. The pack's cover and the files' metadata then say "Adapted by
# <publisher> from {base_title} ({base_publisher})": keep it true.
publisher: Who makes this edition
# This edition's version (in quotes, so it stays text) and date (YYYY-MM-DD).
version: "0.1"
date: "{date}"
# How others may use this edition's own wording (the base's licence covers the rest).
licence: "Adapted from {base_title}. How others may use this edition's changes."
# An inherited value you do not want is removed with null, e.g. the base's contact:
# contact: null

# REMOVE base cards by id: delete the "#" before the next two lines to leave out
# "{last_title}".
# remove:
#   - {last_id}

# RECOLOUR a base theme: name it by its id and give only what changes. A new id adds a
# theme (it then needs a name and a colour too).
# themes:
#   - id: {theme_id}                 # {theme_name}
#     colour: {rgb: "#7A1F5C", cmyk: [30, 100, 0, 20]}

# REWORD a base card: add a file behaviours/<any name>.yaml holding the card's id and
# only what changes, e.g. for "{first_title}":
#   # yaml-language-server: $schema=../../../schemas/variant-behaviour.schema.json
#   id: {first_id}
#   description: >
#     The new description, as this edition says it.
# The card then says whose words are whose, and is marked illustrative unless you set
# its status. (The first line lets an editor check the file as a change to a card.)
# MOVE a base card: its file's `after: <card id>` line puts it after that card.
#
# ADD a card: a file behaviours/<any name>.yaml with a new id and every field a card
# has (copy one of cards/{base_id}/behaviours/ and change it). It sits after the last
# card of its theme, or after the card an `after: <card id>` line in it names.
"""


DECK_YAML = """# yaml-language-server: $schema=../../schemas/deck.schema.json
# This file describes the deck as a whole. Each card is a file in behaviours/.
#
# How to read and write this file (it is YAML):
# - Each line is "name: value". Keep the name as it is; change the value.
# - Lines starting with # are comments, like this one: they are not printed.
# - Put text in double quotes when it contains a colon and a space (": ") or starts
#   with a symbol, for example: subtitle: "Values: what we stand for"
# - Indent with spaces, never tabs. Lines that belong to something above them are
#   indented by two more spaces.
# Check your changes at any time with:  cards validate

# The deck's name, printed on every card and on the facilitator pack's cover.
title: {title}

# The lines below, up to "defaults", are optional: delete any you do not need.
# A line under the title, on the facilitator pack's cover.
subtitle: A line under the title on the facilitator pack's cover
# Who publishes the deck: named on the pack's cover and in the PDF files.
publisher: Who publishes this deck
# This edition's version, in quotes so it stays text. The published site keeps each
# earlier version downloadable: raise it when the words change.
version: "1.0"
# This edition's date (YYYY-MM-DD): in every file, and on the published site.
date: "{date}"
# The language the cards are written in (en-GB, cy, fr, ...). To print the deck in
# more languages, write instead e.g. `languages: [en-GB, cy]` (this one first) and run
# `cards translate cards/<this deck> --language cy`.
language: en-GB
# Who owns the wording and how others may use it: printed on official cards' backs.
licence: "© Who owns the wording. How others may use it."
# Where to write to, and a web address: on the pack's cover and its last page.
contact: someone@example.org
# A web page about the deck.
website: www.example.org

# Printed on the back of cards whose wording is marked illustrative (see the
# behaviour files), so no one mistakes it for the publisher's official words.
illustrative_notice: Illustrative wording, not the publisher's official text

# How the cards look. Other sizes: run "cards list layouts"; other looks: "cards list themes".
defaults:
  layout: tarot
  theme: default

# The themes the behaviours are grouped under, in the order they appear. Each has an
# id (used in the behaviour files), a name (printed on the cards) and a colour: its
# "rgb" for screens and its "cmyk" percentages for print.
themes:
{themes}"""

BEHAVIOUR_YAML = """# yaml-language-server: $schema=../../../schemas/behaviour.schema.json
# One card: the behaviour, what helps it and what gets in its way, and three
# questions for the back of the card. To add a card, copy this file, rename it (the
# number at the start sets the card's place in the deck), give it a new id and change
# the text. Check your changes with:  cards validate

# A short name for this card: lower-case letters, digits and hyphens, different for every card.
id: {id}

# The card's title, printed large on the front and on the back.
title: {title}

# Which of the deck's themes this behaviour belongs to: an id from deck.yaml's themes.
theme: {theme}

# "official" if this is the publisher's own wording, "illustrative" if it was written
# for this deck (the card then says so on its back).
status: illustrative

# Optional: where the wording comes from, shown in the facilitator pack.
source: Written for this deck as an example

# A sentence or two describing the behaviour. The ">" lets the text run over several
# lines; keep those lines indented. A blank line starts a new paragraph.
description: >
  Describe behaviour {number} here in a sentence or two: what someone does when they
  show it well.

# What helps the behaviour (enabling) and what gets in its way (obstructing): one
# short line each, every line starting with "- ". Add or remove lines as you need.
indicators:
  enabling:
    - Something a person does that shows this behaviour
    - Another sign that the behaviour is there
  obstructing:
    - Something that gets in the way of this behaviour
    - Another sign that it is missing

# Three questions for the back of the card: for a person, for their organisation,
# and for the wider system they work in. Each ends with a question mark.
questions:
  individual: What would I do differently if I showed this behaviour more?
  organisational: Where does our organisation make this behaviour easy, or hard?
  system: How would partners notice this behaviour in the way we work together?
"""

FACILITATOR_YAML = """# yaml-language-server: $schema=../../schemas/facilitator.schema.json
# The facilitator pack's own words for this deck. Anything not given here comes from
# the built-in pack: the uses of the cards, five workshop activities, tips and a
# feedback request. Give a key here to replace the built-in one.

# A paragraph or two introducing the framework, at the start of the pack.
introduction: >
  What this framework is for, who wrote it, and how the cards help people talk
  about it. Write it in your own words.

# Optional: short tips, one per line starting with "- ". Remove the # to use them.
# tips:
#   - Start small, and from where people are.

# Optional: how to tell you how the cards were used. Remove the # to use it.
# feedback: >
#   Tell us how you used the cards, and what you would change.
"""

PROJECT_README = """# Card decks

Decks live in `cards/`, one folder each. Start one, then build it:

```sh
cards new my-deck        # cards/my-deck/ with a deck.yaml and two example cards
cards build              # every deck in cards/ -> output/ (print files, facilitator pack)
cards serve cards/my-deck   # a live preview at http://127.0.0.1:8000 while you write
cards publish --out site    # a website of the decks, every file to download
```

`cards validate` checks everything without writing; `cards list layouts` and
`cards list themes` show the card sizes and looks. The files `cards new` makes name the
JSON Schemas in `schemas/` on their first line: an editor with a YAML extension (VS
Code's "YAML" by Red Hat) then completes field names, explains them on hover and marks
mistakes as you type. Your own layouts and themes go in
`layouts/` (see `layouts/README.md`). `output/` is made again by every build, and
`site/` by every publish.
"""

LAYOUTS_README = """# Layouts and themes of this project

A file here with the name of a built-in layout (`tarot.yaml`) or theme
(`themes/default.yaml`) replaces it for every deck in this project. It may extend the
very name it replaces to change one thing, for example `layouts/tarot.yaml`:

```yaml
extends: tarot
front:
  footer-title: {text: "{{ deck.title }} · {{ deck.version }}"}
```

`cards list layouts` and `cards list themes` show what there is.
"""
