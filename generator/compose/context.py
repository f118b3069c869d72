"""The names templates see: one definition for card regions and facilitator sections alike."""
from __future__ import annotations

from generator.content.model import PERSPECTIVES, Behaviour, Deck, ThemeGroup

DECK_NAMES = ("id", "title", "subtitle", "publisher", "version", "language", "licence", "contact", "website",
              "notes", "illustrative_notice")


def deck_names(deck: Deck) -> dict:
    return {key: getattr(deck, key) for key in DECK_NAMES}


def card_names(behaviour: Behaviour) -> dict:
    return {
        "id": behaviour.id, "title": behaviour.title, "description": behaviour.description,
        "theme": behaviour.theme, "status": behaviour.status, "source": behaviour.source,
        "indicators": {"enabling": list(behaviour.enabling), "obstructing": list(behaviour.obstructing)},
        "questions": {p: behaviour.questions[p] for p in PERSPECTIVES},
    }


def theme_names(group: ThemeGroup) -> dict:
    return {"id": group.id, "name": group.name, "colour": group.colour.hex, "mark": group.mark}
