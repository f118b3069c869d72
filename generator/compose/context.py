"""The names templates see: one definition for card regions and facilitator sections alike."""
from __future__ import annotations

from generator.content.model import PERSPECTIVES, Behaviour, Deck, ThemeGroup
from generator.content.pofiles import language_name_in
from generator.content.words import Words

DECK_NAMES = ("id", "title", "subtitle", "publisher", "version", "language", "licence", "contact", "website",
              "notes", "illustrative_notice")


def deck_names(deck: Deck) -> dict:
    names = {key: getattr(deck, key) for key in DECK_NAMES}
    adaptation = deck.adaptation
    # A local variant: what it was adapted from and what it changed (None otherwise).
    names["adapted_from"] = None if adaptation is None else {
        "id": adaptation.base_id, "title": adaptation.base_title, "publisher": adaptation.base_publisher}
    names["draft"] = deck.draft  # printed with text left untranslated
    names["url"] = deck.deck_url  # the deck's page on its published site (links: site:), or None
    names["stamp"] = deck.edition_stamp  # "v1.0" where the deck asks for its edition on every card, else None
    names["written_in"] = language_name_in(deck.languages[0] if deck.languages else deck.language, deck.language)
    kinds = ("added", "changed", "removed")
    names["changes"] = [] if adaptation is None else [
        {"kind": c.kind, "id": c.card_id, "title": c.title, "fields": list(c.fields)}
        for c in sorted(adaptation.changes, key=lambda c: kinds.index(c.kind))]
    return names


def card_names(behaviour: Behaviour, words: Words | None = None) -> dict:
    return {
        "id": behaviour.id, "title": behaviour.title, "description": behaviour.description,
        "theme": behaviour.theme, "status": behaviour.status, "source": behaviour.source,
        "wording_by": behaviour.wording_by,  # a variant's unchanged card: whose wording it is
        "adapted": adaptation_note(behaviour, words) if words is not None else None,  # a variant's reworded card
        "indicators": {"enabling": list(behaviour.enabling), "obstructing": list(behaviour.obstructing)},
        "questions": {p: behaviour.questions[p] for p in PERSPECTIVES},
    }


def theme_names(group: ThemeGroup) -> dict:
    return {"id": group.id, "name": group.name, "colour": group.colour.hex, "mark": group.mark}


def adaptation_note(behaviour: Behaviour, words: Words) -> str | None:
    """Whose words a card a local variant reworded holds, as every output says it: the
    changed fields are the variant's ("Description adapted by ... from ..."); the base
    card's source is given only for the fields still as the base had them."""
    adapted = behaviour.adapted
    if adapted is None:
        return None
    title = f"{adapted.base_title} ({adapted.base_publisher})" if adapted.base_publisher else adapted.base_title
    changed = _listed([words(f"field-{f}") for f in adapted.changed], words)
    note = (words("card-adapted-by", fields=changed, by=adapted.by, title=title) if adapted.by
            else words("card-adapted", fields=changed, title=title))
    if adapted.base_source and adapted.unchanged:
        unchanged = _listed([words(f"field-{f}") for f in adapted.unchanged], words)
        note += " " + _capitalised(words("card-unchanged-source", fields=unchanged, title=adapted.base_title,
                                         source=adapted.base_source))
    return _capitalised(note)


def _listed(items: list[str], words: Words) -> str:
    """"a", "a and b", "a, b and c", with the language's 'and'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {words('and')} {items[-1]}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
