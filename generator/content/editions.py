"""A deck's editions, as a published site keeps them: what names an edition (its
`version:`, else its `date:`), a snapshot of its cards' words small enough to keep, and
what changed between two snapshots, card by card, as `cards diff` lists a variant's
changes. Pure: plain data in and out (the site's record holds the snapshots)."""
from __future__ import annotations

import re

from generator.content.model import PERSPECTIVES, Deck

SNAPSHOT_FIELDS = ("title", "theme", "description", "indicators", "questions", "source")


def edition_name(deck: Deck) -> str | None:
    """What the edition is called: its version, else its date; None for a deck with neither
    (it has one edition, replaced each time it is published)."""
    return deck.version or deck.date or None


def edition_folder(name: str) -> str:
    """The folder an earlier edition is kept in, under its deck's folder: a name any file
    system and URL takes ("1.0", "2025-01-02"; "v2 (draft)" -> "v2-draft")."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:60]
    return f"editions/{slug or 'edition'}"


def snapshot(deck: Deck) -> dict[str, dict]:
    """Each card's words by id, in deck order."""
    return {card.id: {"title": card.title, "theme": card.theme, "description": card.description,
                      "indicators": [list(card.enabling), list(card.obstructing)],
                      "questions": [card.questions.get(p) for p in PERSPECTIVES], "source": card.source}
            for card in deck.behaviours}


def changes_between(old: dict[str, dict], new: dict[str, dict]) -> list[dict]:
    """What changed from `old` to `new`: cards added, changed (which fields) and removed,
    each {"kind", "card_id", "title", "fields"}, added and changed in the new deck's order."""
    changes = []
    for card_id, card in new.items():
        before = old.get(card_id)
        if before is None:
            changes.append({"kind": "added", "card_id": card_id, "title": card["title"], "fields": []})
            continue
        fields = [name for name in SNAPSHOT_FIELDS if before.get(name) != card.get(name)]
        if fields:
            changes.append({"kind": "changed", "card_id": card_id, "title": card["title"], "fields": fields})
    for card_id, card in old.items():
        if card_id not in new:
            changes.append({"kind": "removed", "card_id": card_id, "title": str(card.get("title", card_id)), "fields": []})
    order = {"added": 0, "changed": 1, "removed": 2}
    return sorted(changes, key=lambda change: order[change["kind"]])  # stable: deck order within each kind


__all__ = ["edition_name", "edition_folder", "snapshot", "changes_between"]
