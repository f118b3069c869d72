"""The names templates see: one definition for card regions and facilitator sections alike."""
from __future__ import annotations

from generator.content.model import PERSPECTIVES, Behaviour, Deck, ThemeGroup

DECK_NAMES = ("id", "title", "subtitle", "publisher", "version", "language", "licence", "contact", "website",
              "notes", "illustrative_notice")


def deck_names(deck: Deck) -> dict:
    names = {key: getattr(deck, key) for key in DECK_NAMES}
    adaptation = deck.adaptation
    # A local variant: what it was adapted from and what it changed (None otherwise).
    names["adapted_from"] = None if adaptation is None else {
        "id": adaptation.base_id, "title": adaptation.base_title, "publisher": adaptation.base_publisher}
    kinds = ("added", "changed", "removed")
    names["changes"] = [] if adaptation is None else [
        {"kind": c.kind, "id": c.card_id, "title": c.title, "fields": list(c.fields)}
        for c in sorted(adaptation.changes, key=lambda c: kinds.index(c.kind))]
    return names


def card_names(behaviour: Behaviour) -> dict:
    return {
        "id": behaviour.id, "title": behaviour.title, "description": behaviour.description,
        "theme": behaviour.theme, "status": behaviour.status, "source": behaviour.source,
        "wording_by": behaviour.wording_by,  # a variant's unchanged card: whose wording it is
        "indicators": {"enabling": list(behaviour.enabling), "obstructing": list(behaviour.obstructing)},
        "questions": {p: behaviour.questions[p] for p in PERSPECTIVES},
    }


def theme_names(group: ThemeGroup) -> dict:
    return {"id": group.id, "name": group.name, "colour": group.colour.hex, "mark": group.mark}
