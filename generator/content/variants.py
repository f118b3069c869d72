"""Local variants: a deck that says `extends: DECK` changes another deck without copying it.

The variant inherits everything (deck fields, themes, cards and their order, the base's
layouts and themes) and its own files change only what they name, merged as YAML
nodes so every value keeps the file and line that wrote it:
- a behaviour file whose `id` is a base card's changes that card field by field
  (mappings merge, text and lists replace, `null` removes an optional field) and its
  `after: <id>` moves it; a new id adds a card, with its theme's cards or after the card
  its `after:` names, unless `cards:` places it;
- `remove: [id, ...]` drops base cards; themes listed by id recolour, rename or re-mark
  the base's, new ids add themes; other deck.yaml fields replace the base's.
A changed card no longer carries the base's wording: unless the variant says its
`status`, it is marked illustrative, and attribution follows the words: the fields the
variant changed are the variant's, and the base card's `source` (unless the variant
gives its own) is kept only as the source of the fields still as the base had them. Variants of variants work; a loop or a missing
base is an error at the `extends:` line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.content.fields import node_text, suggestion
from generator.content.model import CARD_FIELDS
from generator.content.yamlsource import Mapping, Node, Scalar, Sequence, load_yaml, merge
from generator.errors import Problems, Where

TEXT_FIELDS = ("title", "description", "indicators", "questions", "source")
MAX_CHAIN = 16  # decks a variant may extend through, itself included


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "changed" or "removed"
    card_id: str
    title: str
    fields: tuple[str, ...] = ()  # for "changed": which fields the variant gives


@dataclass(frozen=True)
class Adaptation:
    """What a variant was adapted from, and what it changed."""

    base_id: str
    base_title: str
    base_publisher: str | None
    changes: tuple[Change, ...]
    by: str | None = None  # the variant's own publisher, if it names one
    base_version: str | None = None  # the base's edition as this build reads it (basebuilt.py compares it with the last build's)
    base_date: str | None = None
    extends_where: Where | None = None  # the variant's `extends:` line


@dataclass(frozen=True)
class Reworded:
    """A base card whose words a variant changed, for the deck reader's CardAdaptation."""

    changed: tuple[str, ...]  # of CARD_FIELDS
    base_source: Node | None  # the base card's `source`, read as text by the deck reader
    by: str | None
    base_title: str
    base_publisher: str | None


@dataclass
class Sources:
    """A deck's YAML, its base's merged in: what the deck reader reads."""

    deck_node: Node | None
    behaviours: list[tuple[Path, Node | None]]
    wording_by: dict[str, str | None] = field(default_factory=dict)  # card id -> whose wording, if not the deck's publisher
    reworded: dict[str, Reworded] = field(default_factory=dict)  # card id -> whose words are whose
    adaptation: Adaptation | None = None
    base_folders: tuple[Path, ...] = ()  # nearest first: their layouts/ come after the deck's own


def deck_sources(folder: Path, list_files: Callable[[Path], list[Path]], problems: Problems,
                 chain: tuple[Path, ...] = ()) -> Sources:
    """deck.yaml and the behaviour files of `folder` (listed by `list_files`), with the
    base's merged in when the deck extends one."""
    deck_node = load_yaml(folder / "deck.yaml", problems)
    behaviours = [(path, load_yaml(path, problems)) for path in list_files(folder)]
    plain = Sources(deck_node, behaviours)
    if not isinstance(deck_node, Mapping) or "extends" not in deck_node.entries:
        return plain
    if len(chain) + 1 >= MAX_CHAIN:  # before going deeper: a chain of a thousand decks is refused at once
        problems.add(deck_node.entries["extends"].where, f"'extends' goes more than {MAX_CHAIN} decks deep; "
                                                          "a variant extends a handful at most")
        return Sources(None, behaviours)
    base_folder = _base_folder(folder, deck_node.entries["extends"], chain, problems)
    if base_folder is None:
        return Sources(None, behaviours)
    base = deck_sources(base_folder, list_files, problems, chain + (folder.resolve(),))
    if not isinstance(base.deck_node, Mapping):
        return Sources(None, behaviours)
    return _apply(folder, base_folder, base, deck_node, behaviours, problems)


def _base_folder(folder: Path, node: Node, chain: tuple[Path, ...], problems: Problems) -> Path | None:
    name = node_text(node, "'extends'", problems)
    if name is None:
        return None
    candidate = (folder.parent / name) if "/" not in name and "\\" not in name else (folder / name)
    try:
        found = candidate.resolve() if (candidate / "deck.yaml").is_file() else None
    except (OSError, ValueError):
        found = None
    if found is None:
        siblings = sorted(p.name for p in folder.parent.iterdir() if (p / "deck.yaml").is_file() and p != folder)
        problems.add(node.where, f"'extends': no deck '{name}' (a deck id beside this one, or a path to a deck folder){suggestion(name, siblings)}")
        return None
    loop = [p for p in chain + (folder.resolve(),)]
    if found in loop:
        names = " -> ".join(p.name for p in loop[loop.index(found):]) + f" -> {found.name}"
        problems.add(node.where, f"'extends' makes a loop: {names}")
        return None
    return found


def _apply(folder: Path, base_folder: Path, base: Sources, own: Mapping, behaviours: list[tuple[Path, Node | None]],
           problems: Problems) -> Sources:
    base_deck: Mapping = base.deck_node  # type: ignore[assignment]
    base_publisher = _raw(base_deck, "publisher")
    cards = {_raw(node, "id"): (path, node) for path, node in base.behaviours if isinstance(node, Mapping)}
    listed = base_deck.entries.get("cards") if isinstance(base_deck, Mapping) else None
    # The base's order: its `cards:` list where it has one, else its files' order.
    named = [item.raw for item in listed.items if isinstance(item, Scalar) and item.raw in cards] if isinstance(listed, Sequence) else []
    order = list(dict.fromkeys(named + list(cards)))
    changes: list[Change] = []
    wording_by = {card_id: base.wording_by.get(card_id, base_publisher) for card_id in cards}
    reworded = {card_id: r for card_id, r in base.reworded.items() if card_id in cards}
    by = _raw(own, "publisher")
    base_title = _raw(base_deck, "title") or base_folder.name

    for key, keeps in (("themes", "the base's themes as they are"), ("remove", "every card of the base")):
        listed_own = own.entries.get(key)
        if isinstance(listed_own, Sequence) and not listed_own.items:
            problems.add(listed_own.where, f"'{key}' is an empty list; leave it out to keep {keeps}")
    removed = own.entries.get("remove")
    for item in (removed.items if isinstance(removed, Sequence) else ()):
        card_id = node_text(item, "an entry of 'remove'", problems)
        if card_id is None:
            continue
        if card_id not in cards:
            problems.add(item.where, f"'remove' names '{card_id}', which is not a card of '{base_folder.name}'{suggestion(card_id, order)}")
            continue
        changes.append(Change("removed", card_id, _raw(cards.pop(card_id)[1], "title") or card_id))
        order.remove(card_id)
        wording_by.pop(card_id, None)
        reworded.pop(card_id, None)
    if removed is not None and not isinstance(removed, Sequence):
        problems.add(removed.where, "'remove' should be a list of card ids, each on a line starting with '- '")

    added: list[str] = []
    moves: list[tuple[str, Scalar]] = []
    for path, node in behaviours:
        card_id = _raw(node, "id") if isinstance(node, Mapping) else None
        if card_id is None and isinstance(node, Mapping) and "id" in node.entries:
            # Which card this file changes or adds cannot be told: its id is the one problem.
            if node_text(node.entries["id"], "'id'", problems) is None:
                continue
        if card_id is not None and card_id in cards:
            base_card = cards[card_id][1]
            node, after = _without_after(node, problems)
            if after is not None:
                moves.append((card_id, after))
            merged = merge(base_card, node)
            given = tuple(k for k in node.entries if k != "id")  # type: ignore[union-attr]
            if any(k in TEXT_FIELDS for k in given):
                wording_by[card_id] = None  # the variant's own wording now
                if "status" not in node.entries:  # type: ignore[union-attr]
                    merged = merge(merged, Mapping(node.where, {"status": Scalar(node.where, "illustrative", "illustrative")},
                                                   {"status": node.where}))
            changed = tuple(f for f in CARD_FIELDS if f in given)
            if changed:
                # The base's `source` speaks for the base's words: it no longer heads this card.
                reworded[card_id] = Reworded(changed, base_card.entries.get("source") if isinstance(base_card, Mapping) else None,
                                             by, base_title, base_publisher)
                if "source" not in given and isinstance(merged, Mapping):
                    merged = Mapping(merged.where, {k: v for k, v in merged.entries.items() if k != "source"},
                                     {k: v for k, v in merged.key_where.items() if k != "source"})
            cards[card_id] = (path, merged)
            changes.append(Change("changed", card_id, _raw(merged, "title") or card_id, given + (("place",) if after is not None else ())))
        else:
            key = card_id if card_id is not None else f"\0{path}"  # unreadable: kept for its own problems
            node, after = _without_after(node, problems)
            cards[key] = (path, node)
            order.insert(_place(key, node, after, order, cards, problems), key)
            added.append(key)
            if card_id is not None:
                changes.append(Change("added", card_id, _raw(node, "title") or card_id))

    for card_id, after in moves:  # a base card the variant moves: after every card is known, added ones too
        order.remove(card_id)
        if after.value == card_id:
            problems.add(after.where, "'after' names this card itself; name the card it should follow")
            order.append(card_id)
            continue
        order.insert(_place(card_id, None, after, order, cards, problems), card_id)

    deck = _merge_deck(base_deck, own, order, cards, added)
    adaptation = Adaptation(base_folder.name, base_title, base_publisher, tuple(changes), by,
                            _raw(base_deck, "version"), _raw(base_deck, "date"), own.entries["extends"].where)
    return Sources(deck, [cards[k] for k in order], wording_by, reworded, adaptation, (base_folder,) + base.base_folders)


def _without_after(node: Node | None, problems: Problems) -> tuple[Node | None, Scalar | None]:
    """An added card's `after: <card id>` (where it goes), taken out of the card itself."""
    if not isinstance(node, Mapping) or "after" not in node.entries:
        return node, None
    after = node.entries["after"]
    rest = Mapping(node.where, {k: v for k, v in node.entries.items() if k != "after"},
                   {k: v for k, v in node.key_where.items() if k != "after"})
    if not isinstance(after, Scalar) or not isinstance(after.value, str):
        problems.add(after.where, "'after' should be the id of the card this one follows, e.g. 'after: trust'")
        return rest, None
    return rest, after


def _place(key: str, node: Node | None, after: Scalar | None, order: list[str], cards: dict, problems: Problems) -> int:
    """Where an added card goes: after the card its `after:` names; else after the last
    card of its theme, so it sits with its theme; else (a new theme) at the end."""
    if after is not None:
        if after.value in order:
            return order.index(after.value) + 1
        problems.add(after.where, f"'after' names '{after.value}', which is not a card of this deck{suggestion(after.value, order)}")
        return len(order)
    theme = _raw(node, "theme") if isinstance(node, Mapping) else None
    same = [i for i, other in enumerate(order) if isinstance(cards[other][1], Mapping) and _raw(cards[other][1], "theme") == theme]
    return same[-1] + 1 if theme is not None and same else len(order)


def _merge_deck(base: Mapping, own: Mapping, order: list[str], cards: dict, added: list[str]) -> Mapping:
    entries = dict(base.entries)
    key_where = dict(base.key_where)
    for key, value in own.entries.items():
        if key in ("extends", "remove"):
            continue
        if key in ("language", "languages"):  # two ways to say the deck's languages: the variant's replaces the base's
            for other in ("language", "languages"):
                entries.pop(other, None)
                key_where.pop(other, None)
        if key == "themes" and isinstance(value, Sequence) and isinstance(entries.get("themes"), Sequence):
            value = _merge_themes(entries["themes"], value)
        elif isinstance(value, Scalar) and value.value is None:
            entries.pop(key, None)
            key_where.pop(key, None)
            continue
        else:
            value = merge(entries[key] if key in entries else Mapping(value.where, {}, {}), value)
        entries[key] = value
        key_where[key] = own.key_where[key]
    if "cards" not in own.entries and isinstance(entries.get("cards"), Sequence):
        # The base's order, less removed cards, with the variant's new ones where they were placed.
        named = {item.raw: item for item in entries["cards"].items if isinstance(item, Scalar)}
        for k in added:
            if not k.startswith("\0") and isinstance(cards[k][1], Mapping) and "id" in cards[k][1].entries:
                named[k] = Scalar(cards[k][1].entries["id"].where, k, k)
        entries["cards"] = Sequence(entries["cards"].where, tuple(named[k] for k in order if k in named))
    return Mapping(own.where, entries, key_where)


def _merge_themes(base: Sequence, own: Sequence) -> Sequence:
    items = list(base.items)
    index = {_raw(item, "id"): i for i, item in enumerate(items) if isinstance(item, Mapping)}
    for item in own.items:
        theme_id = _raw(item, "id") if isinstance(item, Mapping) else None
        if theme_id in index:
            items[index[theme_id]] = merge(items[index[theme_id]], item)
        else:
            items.append(item)
    return Sequence(own.where, tuple(items))


def _raw(node: Node | None, key: str) -> str | None:
    value = node.entries.get(key) if isinstance(node, Mapping) else None
    # Text, or a YAML number kept as written (`id: 7` is the id "7", as the deck reader reads it).
    readable = isinstance(value, Scalar) and isinstance(value.value, (str, int, float)) and not isinstance(value.value, bool)
    return value.raw if readable and value.raw.strip() else None


def describe(adaptation: Adaptation) -> list[str]:
    """The changes, a line each, as `cards diff` and the pack list them."""
    lines = []
    for kind in ("added", "changed", "removed"):
        for change in (c for c in adaptation.changes if c.kind == kind):
            what = f" ({', '.join(change.fields)})" if change.fields else ""
            lines.append(f"{kind}: {change.title} [{change.card_id}]{what}")
    return lines

