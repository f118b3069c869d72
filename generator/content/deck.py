"""Deck folders -> the content model, collecting every problem with its position.

A deck is `cards/<deck-id>/deck.yaml` plus one YAML file per behaviour in
`cards/<deck-id>/behaviours/`. Card order is deck.yaml's `cards:` list when given,
otherwise the behaviour files' name order.
"""
from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from generator.content.catalogue import check_named, layout_dirs, register_bases, theme_dirs
from generator.content.conditions import CONDITIONS
from generator.content.fields import Fields, node_text, suggestion
from generator.content.folder import check_folder_shape, is_yaml_name
from generator.content.marks import MARKS, mark_for
from generator.content.model import PERSPECTIVES, STATUSES, Behaviour, CardAdaptation, Deck, ThemeGroup
from generator.content.pofiles import language_problem
from generator.content.variants import Reworded, deck_sources
from generator.content.words import english_words
from generator.content.yamlsource import Mapping, Node, Scalar, Sequence
from generator.errors import Problems, Where, display_path

ID_MAX = 80  # characters: an id names files (`<deck>-<lang>-draft-<layout>-<theme>-facilitator-...`), at most 255 each
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,%d}$" % (ID_MAX - 1))


def id_problem(value: str, what: str) -> str | None:
    """Why `value` cannot be an id (of a deck, a card, a theme), or None."""
    if len(value) > ID_MAX:
        return f"{what} is {len(value):,} characters long; an id is at most {ID_MAX} (it becomes part of file names)"
    if not ID_PATTERN.match(value):
        return f"{what} should use only lower-case letters, digits and hyphens (e.g. 'shared-vision'), not '{value}'"
    return None
DEFAULT_LAYOUT = "tarot"
DEFAULT_STYLE = "default"
DEFAULT_ILLUSTRATIVE_NOTICE = "Illustrative wording, not the publisher's official text"

DECK_KEYS = (
    "subtitle", "publisher", "version", "date", "language", "licence", "licence_id", "licence_url", "contact", "website",
    "notes", "illustrative_notice", "defaults", "cards", "languages", "labels", "links", "edition_stamp",
)
LINK_KEYS = ("site", "qr")
QR_SIDES = ("front", "back")
VARIANT_KEYS = ("extends", "remove")  # a local variant of another deck (variants.py)
OUTPUTS = ("press", "sheets", "foldover", "facilitator", "screen")
DEFAULTS_KEYS = ("layout", "theme", "outputs", "printing")
THEME_GROUP_KEYS = ("id", "name", "colour", "mark")
BEHAVIOUR_KEYS = ("id", "title", "theme", "description", "indicators", "questions", "status")


MAX_CARDS = 10_000  # far beyond any printed deck; keeps a runaway folder from filling memory


def behaviour_files(folder: Path) -> list[Path]:
    """Every `.yaml`/`.yml` name in behaviours/, whatever it is: one that is not a regular
    file (a folder, a link to nowhere, a device, a pipe) is a problem when it is read, never
    a card silently left out. Hidden names (an editor's `.#honesty.yaml` lock) are not cards."""
    directory = folder / "behaviours"
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if is_yaml_name(p.name))


def read_deck(folder: Path, problems: Problems) -> Deck | None:
    """Read and check one deck folder; None (with problems recorded) if anything is wrong."""
    before = len(problems.items)
    deck_file = folder / "deck.yaml"
    shown_folder = display_path(folder)
    if len(folder.name) > ID_MAX:
        problems.add(Where(shown_folder), f"the deck folder's name is the deck's id: {len(folder.name):,} characters is too long "
                                          f"(at most {ID_MAX}; it becomes part of file names)")
    elif not ID_PATTERN.match(folder.name):
        problems.add(Where(shown_folder), f"deck folder name '{folder.name}' is the deck's id: use lower-case letters, digits and hyphens")
    check_folder_shape(folder, problems)
    if not deck_file.is_file():
        if not os.path.lexists(deck_file):  # otherwise the wrong kind of entry, reported above
            problems.add(Where(shown_folder), "no deck.yaml in this deck folder")
        return None
    sources = deck_sources(folder, behaviour_files, problems)
    deck_node, behaviour_nodes = sources.deck_node, sources.behaviours
    if len(behaviour_nodes) > MAX_CARDS:
        problems.add(Where(display_path(folder / "behaviours")), f"{len(behaviour_nodes):,} behaviour files: a deck holds at most {MAX_CARDS:,} cards")
        return None
    if not behaviour_nodes and deck_node is not None:
        problems.add(Where(display_path(folder / "behaviours")), "no behaviour files: add one YAML file per card in behaviours/")
    if deck_node is None:
        return None
    register_bases(folder, sources.base_folders)  # the bases' layouts/ are searched after the deck's own
    if isinstance(deck_node, Mapping) and "remove" in deck_node.entries:  # a variant's own `remove` is spent on its base
        problems.add(deck_node.key_where["remove"], "'remove' leaves out cards of the deck this one extends: "
                                                    "it needs an 'extends:' line (a deck of its own just deletes the files)")

    deck = Fields(deck_node, problems, "deck.yaml", required=("title", "themes"), optional=DECK_KEYS + VARIANT_KEYS)
    theme_ids: list[str] = []
    themes = _read_themes(deck, problems, theme_ids)
    _check_duplicate_ids(behaviour_nodes, problems)
    behaviours = [
        b for path, node in behaviour_nodes
        if node is not None and (b := _read_behaviour(path, node, theme_ids, problems, sources.wording_by, sources.reworded)) is not None
    ]
    # The ids of behaviour files with problems of their own: a 'cards' entry naming one
    # is not a second problem. A file whose id cannot be read at all could be any card.
    broken_ids = {_raw_id(node) for _, node in behaviour_nodes} - {b.id for b in behaviours}
    behaviours = _check_ids_and_order(deck, behaviours, broken_ids, problems)
    defaults = deck.fields("defaults", "'defaults'", optional=DEFAULTS_KEYS)
    if defaults:
        _check_design_names(defaults, folder, problems)
    outputs = _read_outputs(defaults, problems) if defaults and defaults.has("outputs") else None
    languages = _read_languages(deck, problems)
    labels, label_where = _read_labels(deck, problems)
    deck_fields = dict(
        title=deck.text("title"),
        subtitle=deck.text("subtitle"),
        publisher=deck.text("publisher"),
        version=deck.text("version"),
        date=_read_date(deck, problems),
        language=languages[0],
        languages=languages,
        labels=labels,
        licence=deck.text("licence"),
        licence_id=_read_licence_id(deck, problems),
        licence_url=_read_licence_url(deck, problems),
        **_read_links(deck, problems),
        edition_stamp=_read_stamp(deck, problems),
        contact=deck.text("contact"),
        website=deck.text("website"),
        notes=deck.text("notes"),
        illustrative_notice=deck.text("illustrative_notice", DEFAULT_ILLUSTRATIVE_NOTICE),
        layout=defaults.text("layout", DEFAULT_LAYOUT) if defaults else DEFAULT_LAYOUT,
        style=defaults.text("theme", DEFAULT_STYLE) if defaults else DEFAULT_STYLE,
        outputs=outputs,
        printing=defaults.choice("printing", CONDITIONS) if defaults else None,
    )
    if len(problems.items) > before:
        return None
    return Deck(
        id=folder.name,
        folder=shown_folder,
        themes=tuple(themes),
        behaviours=tuple(behaviours),
        where=Where(display_path(deck_file), 1, 1),
        field_where={**{key: deck.where(key) for key in deck.node.entries}, **label_where},
        adaptation=sources.adaptation,
        **deck_fields,  # type: ignore[arg-type]
    )


def _check_design_names(defaults: Fields, folder: Path, problems: Problems) -> None:
    for key, dirs in (("layout", layout_dirs(folder)), ("theme", theme_dirs(folder))):
        name = defaults.text(key)
        if name is not None:
            check_named(key, name, dirs, problems, defaults.where(key))


def _read_outputs(defaults: Fields, problems: Problems) -> tuple[str, ...] | None:
    """`defaults: outputs:`, the files this deck is built into unless the command line says."""
    names = defaults.text_list("outputs")
    if names is None:
        return None
    node = defaults.get("outputs")
    wrong = [(item, name) for item, name in zip(node.items, names) if name not in OUTPUTS]
    for item, name in wrong:
        problems.add(item.where, f"'{name}' is not an output; choose from {', '.join(OUTPUTS)}{suggestion(name, OUTPUTS, list_known=False)}")
    return None if wrong else tuple(dict.fromkeys(names))


def _read_languages(deck: Fields, problems: Problems) -> tuple[str, ...]:
    """`languages: [en, cy]` (the first is the one the deck is written in), else `language:`, else English."""
    single = deck.text("language")
    if not deck.has("languages"):
        if single is not None and (problem := language_problem(single)):
            problems.add(deck.where("language"), problem)
        return (single or "en",)
    names = deck.text_list("languages") or []
    node = deck.get("languages")
    items = node.items if isinstance(node, Sequence) else ()
    for item, name in zip(items, names):
        if problem := language_problem(name):
            problems.add(item.where, problem)
    if not names:
        problems.add(deck.where("languages"), "'languages' should list the deck's languages, the one it is written in first, e.g. [en, cy]")
        return (single or "en",)
    repeated = next((name for k, name in enumerate(names) if name in names[:k]), None)
    if repeated is not None:
        problems.add(deck.where("languages"), f"'languages' names '{repeated}' twice")
    if single is not None and single != names[0]:
        problems.add(deck.where("language"), f"'language' is '{single}' but 'languages' starts with '{names[0]}': "
                                             "give 'languages' alone, the language the deck is written in first")
    return tuple(dict.fromkeys(names))


def _read_labels(deck: Fields, problems: Problems) -> tuple[dict[str, str], dict[str, Where]]:
    """`labels: {individual: You}`: the deck's own text for any of the tool's words (layouts/translations/words.yaml)."""
    words = english_words()
    changeable = [key for key, word in words.items() if isinstance(word.text, str)]
    labels_node = deck.get("labels")
    if labels_node is None:
        return {}, {}
    spec = deck.fields("labels", "'labels'", optional=tuple(words))
    if spec is None:
        return {}, {}
    labels, wheres = {}, {}
    for key in spec.node.entries:
        if key not in words:
            continue  # reported by Fields, with a suggestion
        if key not in changeable:
            problems.add(spec.where(key), f"'{key}' has plural forms, which labels cannot change; change it in a translation file")
            continue
        text = spec.text(key)
        if text is not None:
            labels[key], wheres[f"labels.{key}"] = text, spec.where(key)
    return labels, wheres


def _read_date(deck: Fields, problems: Problems) -> str | None:
    """`date: 2025-03-01`, the edition's date: the files carry it (unless SOURCE_DATE_EPOCH is set)."""
    text = deck.text("date")
    if text is None:
        return None
    try:
        parsed = datetime.date.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or len(text) != 10 or parsed.year < 1970:
        problems.add(deck.where("date"), f"'date' should be a date written YYYY-MM-DD (e.g. 2025-03-01), not '{text}'")
        return None
    return text


SPDX_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$")  # CC-BY-NC-SA-4.0, OGL-UK-3.0, LicenseRef-...


def _read_licence_id(deck: Fields, problems: Problems) -> str | None:
    """`licence_id: CC-BY-NC-SA-4.0`: the licence as machines read it (an SPDX identifier)."""
    text = deck.text("licence_id")
    if text is not None and not SPDX_ID.match(text):
        problems.add(deck.where("licence_id"), f"'licence_id' should be an SPDX licence identifier such as CC-BY-4.0 or "
                                               f"OGL-UK-3.0 (see spdx.org/licenses), not '{text[:80]}'")
        return None
    return text


def _read_licence_url(deck: Fields, problems: Problems) -> str | None:
    """`licence_url: https://...`: where the licence's own text is."""
    text = deck.text("licence_url")
    if text is not None and (not re.match(r"^https?://[^\s<>\"]+$", text) or len(text) > 500):
        problems.add(deck.where("licence_url"), f"'licence_url' should be the web address of the licence's text, "
                                                f"starting https://, not '{text[:80]}'")
        return None
    return text


def _read_stamp(deck: Fields, problems: Problems) -> str | None:
    """`edition_stamp: true`: the edition printed small on every card's footer and the
    pack's, so two printed editions can be told apart: "v1.0" (its version), else its date."""
    if not deck.flag("edition_stamp"):
        return None
    version, date = deck.text("version"), deck.text("date")
    if not version and not date:
        problems.add(deck.where("edition_stamp"), "'edition_stamp' prints the edition's version or date: give 'version' "
                                                  "(e.g. \"1.0\") or 'date'")
        return None
    return (f"v{version}" if version[:1].isdigit() else version) if version else date


def _read_links(deck: Fields, problems: Problems) -> dict:
    """`links: {site: https://..., qr: back}`: where the deck is published, and which face
    carries a QR code to each card's page there."""
    links = deck.fields("links", "'links'", optional=LINK_KEYS)
    if links is None:
        return {}
    site = links.text("site")
    if site is not None and (not re.match(r"^https?://[^\s<>\"#?]+$", site) or len(site) > 200):
        problems.add(links.where("site"), f"'site' should be the web address the deck is published at, starting https:// "
                                          f"(the folder cards publish writes), not '{site[:80]}'")
        site = None
    side = links.choice("qr", QR_SIDES) if links.has("qr") else None
    if side is not None and site is None and not links.has("site"):
        problems.add(links.where("qr"), "a QR code links to the card's page on the published site: give 'site' too")
    return {"site_url": site.rstrip("/") if site else None, "qr_side": side}


def _check_duplicate_ids(behaviour_nodes: list[tuple[Path, Node | None]], problems: Problems) -> None:
    """Two files with one id, found from the ids as written: reported with every other
    problem at once, even when one of the files has problems of its own."""
    first: dict[str, Path] = {}
    for path, node in behaviour_nodes:
        card_id = _raw_id(node)
        if card_id is None:
            continue
        if card_id in first:
            problems.add(node.entries["id"].where, f"duplicate behaviour id '{card_id}' (also in {display_path(first[card_id])})")
        else:
            first[card_id] = path


def _raw_id(node) -> str | None:
    """A behaviour file's id as written, however broken the rest of the file is."""
    value = node.get("id") if isinstance(node, Mapping) else None
    return value.raw if isinstance(value, Scalar) else None


def _read_themes(deck: Fields, problems: Problems, ids: list[str]) -> list[ThemeGroup]:
    """The deck's valid themes; `ids` receives every id given, valid theme or not."""
    node = deck.get("themes")
    if node is None:
        return []
    if not isinstance(node, Sequence) or not node.items:
        problems.add(node.where, "'themes' should be a list of themes, each with id, name and colour")
        return []
    themes: list[ThemeGroup] = []
    seen: dict[str, Where] = {}
    for position, item in enumerate(node.items):
        theme = Fields(item, problems, "theme", required=THEME_GROUP_KEYS[:3], optional=THEME_GROUP_KEYS[3:])
        if not theme.valid:
            continue
        theme_id = _read_id(theme, problems)
        if theme_id is not None:
            ids.append(theme_id)
        name = theme.text("name")
        colour = theme.colour("colour")
        mark = theme.choice("mark", MARKS, mark_for(position))
        if theme_id is not None and theme_id in seen:
            problems.add(theme.where("id"), f"duplicate theme id '{theme_id}' (first on line {seen[theme_id].line})")
            continue
        if theme_id is not None:
            seen[theme_id] = theme.where("id")
        if theme_id and name and colour and mark:
            themes.append(ThemeGroup(theme_id, name, colour, mark, theme.node.where, theme.where("colour")))
    return themes


def _read_id(fields: Fields, problems: Problems) -> str | None:
    value = fields.text("id")
    if value is not None and len(value) > ID_MAX:
        problems.add(fields.where("id"), id_problem(value, "the id"))  # type: ignore[arg-type]
        return None
    if value is not None and not ID_PATTERN.match(value):
        problems.add(fields.where("id"), f"id '{value}' should use only lower-case letters, digits and hyphens (e.g. 'shared-vision')")
        return None
    return value


def _read_behaviour(path: Path, node, theme_ids: list[str], problems: Problems,
                    wording_by: dict[str, str | None] | None = None,
                    reworded: dict[str, Reworded] | None = None) -> Behaviour | None:
    before = len(problems.items)
    shown = display_path(path)
    fields = Fields(node, problems, "behaviour file", required=BEHAVIOUR_KEYS, optional=("source",))
    if not fields.valid:
        return None
    behaviour_id = _read_id(fields, problems)
    theme = fields.text("theme")
    if theme is not None and theme_ids and theme not in theme_ids:
        problems.add(fields.where("theme"), f"theme '{theme}' is not one of the deck's themes ({', '.join(dict.fromkeys(theme_ids))}){suggestion(theme, theme_ids)}")
    indicators = fields.fields("indicators", "'indicators'", required=("enabling", "obstructing"))
    enabling = indicators.text_list("enabling") if indicators else None
    obstructing = indicators.text_list("obstructing") if indicators else None
    questions = fields.fields("questions", "'questions'", required=PERSPECTIVES)
    question_texts = {p: questions.text(p) for p in PERSPECTIVES} if questions else {}
    status = fields.choice("status", STATUSES)
    where_of = {key: fields.where(key) for key in fields.node.entries}
    if indicators:
        where_of.update({f"indicators.{k}": indicators.where(k) for k in indicators.node.entries})
    if questions:
        where_of.update({f"questions.{k}": questions.where(k) for k in questions.node.entries})
    title, description, source = fields.text("title"), fields.text("description"), fields.text("source")
    adapted = _adapted((reworded or {}).get(behaviour_id), problems)
    if len(problems.items) > before:
        return None
    return Behaviour(
        id=behaviour_id, title=title, theme=theme, description=description,  # type: ignore[arg-type]
        enabling=enabling, obstructing=obstructing, questions=question_texts,  # type: ignore[arg-type]
        status=status, source=source, where=Where(shown, 1, 1), field_where=where_of,  # type: ignore[arg-type]
        wording_by=(wording_by or {}).get(behaviour_id), adapted=adapted,
    )


def _adapted(reworded: Reworded | None, problems: Problems) -> CardAdaptation | None:
    if reworded is None:
        return None
    base_source = node_text(reworded.base_source, "'source'", problems) if reworded.base_source is not None else None
    return CardAdaptation(reworded.by, reworded.base_title, reworded.base_publisher, reworded.changed, base_source)


def _check_ids_and_order(deck: Fields, behaviours: list[Behaviour], broken_ids: set[str | None], problems: Problems) -> list[Behaviour]:
    by_id: dict[str, Behaviour] = {}
    for behaviour in behaviours:
        by_id.setdefault(behaviour.id, behaviour)  # a second file with the id: reported by _check_duplicate_ids
    order_node = deck.get("cards")
    if order_node is None:
        return behaviours
    if not isinstance(order_node, Sequence) or not order_node.items:
        problems.add(order_node.where, "'cards' should be a list of behaviour ids in the order the cards are printed")
        return behaviours
    ordered: list[Behaviour] = []
    listed: dict[str, Where] = {}
    for item in order_node.items:
        behaviour_id = node_text(item, "an entry of 'cards'", problems)
        if behaviour_id is None:
            continue
        if behaviour_id in listed:
            problems.add(item.where, f"'{behaviour_id}' is listed twice in 'cards' (first on line {listed[behaviour_id].line})")
        elif behaviour_id not in by_id:
            if behaviour_id not in broken_ids and None not in broken_ids:
                problems.add(item.where, f"'cards' lists '{behaviour_id}', but no behaviour file has that id{suggestion(behaviour_id, list(by_id))}")
        else:
            ordered.append(by_id[behaviour_id])
        listed[behaviour_id] = item.where
    for behaviour_id, behaviour in by_id.items():
        if behaviour_id not in listed:
            problems.add(behaviour.where_of("id"), f"behaviour '{behaviour_id}' is not in deck.yaml's 'cards' list, so it would be left out of the deck; add it to the list")
    return ordered
