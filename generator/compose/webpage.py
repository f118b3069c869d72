"""What the published web pages show (`cards publish`, `cards serve`): the data their
templates (layouts/site) render, in the deck edition's words. Pure: no files read or written.

A deck page shows every card as images (the press file's pixels) and as real text, grouped
by theme with the theme's colour and shape; a download list; the licence, attribution
and contact. The index lists the decks. The guide page is the facilitator pack as HTML:
its sections, lists, map, worksheet and the pictures of its cards, read from the same
blocks the PDF is drawn from, so the two never differ in what they say.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from generator.compose.facilitator import Block, HeadingLevels, Pack, Span
from generator.content.marks import mark_points
from generator.content.model import PERSPECTIVES, Deck
from generator.content.pofiles import language_name_in, own_language_name
from generator.content.words import words_of
from generator.compose.context import adaptation_note

MARK_BOX = 24  # the SVG viewBox of a theme's shape


@dataclass(frozen=True)
class Download:
    href: str  # relative to the deck page
    title: str
    detail: str  # "PDF, 1.2 MB"
    hint: str  # how to print or use it
    group: str = "all"  # what it is for: one of GROUPS
    page: bool = False  # a page to open, not a file to save


GROUPS = ("home", "shop", "facilitate", "screen", "all")  # the downloads' headings, in this order


def download_groups(downloads: list[Download], words) -> list[dict]:
    """The downloads under headings by what they are for: printing at home, ordering
    from a print shop, running a session, reading on screen, everything at once."""
    return [{"title": words(f"site-for-{group}"), "items": [d for d in downloads if d.group == group]}
            for group in GROUPS if any(d.group == group for d in downloads)]


@dataclass(frozen=True)
class Edition:
    """One language of a deck, for the language switch and the index."""

    language: str
    href: str  # relative to the page that links to it
    current: bool = False

    @property
    def name(self) -> str:
        return own_language_name(self.language)


@dataclass(frozen=True)
class CardPictures:
    front: str  # hrefs relative to the deck page
    back: str
    width: int  # the size the page shows each face at, in CSS pixels
    height: int


def file_size(size: int) -> str:
    """Bytes as people read them: 812 KB, 1.4 MB."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def mark_svg_points(shape: str) -> str:
    """The theme's shape as SVG polygon points in a MARK_BOX square (SVG's y runs down)."""
    points = mark_points(shape, MARK_BOX / 2, MARK_BOX / 2, MARK_BOX - 4)
    return " ".join(f"{x:g},{MARK_BOX - y:g}" for x, y in points)


def contact_href(contact: str | None) -> str | None:
    """A mailto: link for a plain e-mail address; anything else (a `?` or `&` would break
    the feedback link's subject) is shown as text."""
    if contact and re.fullmatch(r"[^@\s?&#<>\"]+@[^@\s?&#<>\"]+\.[^@\s?&#<>\"]+", contact.strip()):
        return f"mailto:{contact.strip()}"
    return None


def website_href(website: str | None) -> str | None:
    if not website:
        return None
    website = website.strip()
    return website if website.startswith(("http://", "https://")) else f"https://{website}"


def deck_page(deck: Deck, pictures: list[CardPictures] | None, downloads: list[Download], editions: list[Edition],
              assets: str, generator: str, adapted: str | None = None, base_url: str | None = None,
              page_url: str = "", preview: bool = False, share: str | None = None) -> dict:
    """The deck page's data. `pictures`: each card's front and back images, in deck order
    (None: text only); `assets`: the href of the shared assets folder; `share`: the deck's
    picture for link previews, from the page."""
    words = words_of(deck)
    count = len(deck.behaviours)
    themes = []
    for index, group in enumerate(deck.themes):
        cards = []
        for position, card in enumerate(deck.behaviours, 1):
            if card.theme != group.id:
                continue
            cards.append(_card_view(deck, position, pictures[position - 1] if pictures else None, words))
        themes.append({"id": group.id, "name": group.name, "colour": group.colour.hex,
                       "mark": mark_svg_points(group.mark), "cards": cards,
                       "count": words("site-cards-count", count=len(cards))})
    first = pictures[0].front if pictures else None
    written_in = deck.languages[0] if deck.languages else deck.language
    return {
        "lang": deck.language, "_": words, "deck": deck, "count": count,
        # A draft's texts printed untranslated, and their language: `lang_of(text)` marks them.
        "untranslated": deck.untranslated, "written_in": written_in,
        "draft_note": words("draft-note", language=language_name_in(written_in, deck.language)) if deck.draft else None,
        "shown_messages": [words("site-shown", count=shown, total=count) for shown in range(count + 1)],
        "index_link": None if preview else "../index.html", "manifest": None, "live": None, "fonts": [], "history": None, "logo": None,
        "card_pages": not preview,
        "statement": None if preview else "../accessibility.html",
        "cards_count": words("site-cards-count", count=count),
        "themes": themes, "download_groups": download_groups(downloads, words), "editions": editions, "assets": assets,
        "generator": generator, "adapted": adapted, "preview": preview,
        "contact_href": contact_href(deck.contact), "website_href": website_href(deck.website),
        "og": {**_open_graph(deck.title, deck.subtitle, deck.language, share or first, base_url, page_url),
               "alternates": _alternates(page_url, [(e.language, e.href) for e in editions], base_url),
               "licence": deck.licence_link},
    }


def edition_history(deck: Deck, name: str | None, earlier: list[dict], changes: list[dict] | None,
                    since: str | None) -> dict | None:
    """The deck page's editions: this one (its name and date), what changed since the one
    before, card by card, and the earlier ones with their files; None for a deck that has
    only ever had one edition and gives it no name or date."""
    words = words_of(deck)
    if not earlier and not name:
        return None
    lines = []
    for change in changes or []:
        fields = ", ".join(words(f"field-{field}") for field in change["fields"])
        lines.append({"kind": words(f"change-{change['kind']}"), "title": change["title"], "fields": fields})
    return {"name": name, "date": deck.date, "since": since, "changes": lines, "earlier": earlier}


def _card_view(deck: Deck, position: int, picture: CardPictures | None, words) -> dict:
    """One card's words and pictures, as the deck page and the card's own page show them."""
    card = deck.behaviours[position - 1]
    return {
        "id": card.id, "number": position, "title": card.title, "description": card.description,
        "enabling": card.enabling, "obstructing": card.obstructing,
        "questions": [(words(p), card.questions[p]) for p in PERSPECTIVES if card.questions.get(p)],
        "illustrative": deck.illustrative_notice if card.status == "illustrative" else None,
        "source": card.source,
        "adapted": adaptation_note(card, words),  # a variant's reworded card: whose words are whose
        "picture": picture,
        "front_alt": words("site-front", number=position, title=card.title),
        "back_alt": words("site-back", number=position, title=card.title),
        "number_label": words("site-card-number", number=position, count=len(deck.behaviours)),
        "page": f"{CARD_PAGES}/{card.id}/index.html",
    }


CARD_PAGES = "cards"  # <deck>/cards/<card-id>/: a card's own page, at the same address in every edition


WORKSHOP_PAGE = "workshop.html"
DRAW_MESSAGES = ("ready", "drawn", "shown", "front", "back", "both", "none", "shuffled")


def workshop_page(deck_context: dict, deck: Deck, base_url: str | None, deck_url: str,
                  editions: list[tuple[str, str]]) -> dict:
    """The deck for a workshop on a call (workshop.html.j2, workshop.js): the deck page's
    cards and themes, its own title and address, and what the live region says, with
    `{count}`, `{number}`, `{title}` and `{at}` left for the script to fill in."""
    words = words_of(deck)
    placeholders = {"count": "{count}", "number": "{number}", "title": "{title}", "at": "{at}"}
    messages = {key: words(f"draw-{key}", **placeholders) for key in DRAW_MESSAGES}
    messages["themes"] = words("draw-themes-chosen", **placeholders)
    og = dict(deck_context["og"], title=f"{deck.title}: {words('draw-title')}", description=words("draw-hint"))
    og["url"] = base_url.rstrip("/") + "/" + deck_url + WORKSHOP_PAGE if base_url else None
    og["alternates"] = _alternates(deck_url + WORKSHOP_PAGE, editions, base_url)
    return {**deck_context, "og": og, "draw_messages": messages}


def card_page(deck: Deck, position: int, pictures: list[CardPictures], editions: list[tuple[str, str]], assets: str,
              generator: str, base_url: str | None = None, deck_url: str = "", share: str | None = None) -> dict:
    """A card's own page: its words, both faces, its theme and where it sits in the deck,
    with links to the cards either side and to the same card in the deck's other
    languages (`editions`: (language, href from this page)). Hrefs in `pictures` are
    from the deck page (at `deck_url` on the site); this page is two folders below it."""
    words = words_of(deck)
    up = "../../"
    card = deck.behaviours[position - 1]
    picture = pictures[position - 1] if pictures else None
    og = _open_graph(card.title, card.description.split("\n\n")[0], deck.language,
                     share or (picture.front if picture else None), base_url, deck_url)
    if base_url:
        og["url"] = base_url.rstrip("/") + "/" + deck_url + f"{CARD_PAGES}/{card.id}/"
    og["alternates"] = _alternates(f"{deck_url}{CARD_PAGES}/{card.id}/", editions, base_url)
    og["licence"] = deck.licence_link
    if picture is not None:
        picture = CardPictures(up + picture.front, up + picture.back, picture.width, picture.height)
    view = _card_view(deck, position, picture, words)
    group = deck.group(card.theme)
    neighbours: dict[str, dict | None] = {"previous": None, "next": None}
    for key, other in (("previous", position - 1), ("next", position + 1)):
        if 1 <= other <= len(deck.behaviours):
            neighbour = deck.behaviours[other - 1]
            neighbours[key] = {"href": f"../{neighbour.id}/index.html", "title": neighbour.title,
                               "label": words(f"site-{key}-card", title=neighbour.title)}
    return {
        "lang": deck.language, "_": words, "deck": deck, "card": view, "theme": {
            "name": group.name, "colour": group.colour.hex, "mark": mark_svg_points(group.mark)},
        "neighbours": neighbours, "deck_href": f"{up}index.html#card-{card.id}", "index_href": f"{up}../index.html",
        "editions": [{"language": language, "href": href, "name": own_language_name(language)} for language, href in editions],
        "untranslated": deck.untranslated, "written_in": deck.languages[0] if deck.languages else deck.language,
        "assets": up + assets, "generator": generator, "fonts": [], "live": None,
        "statement": f"{up}../accessibility.html", "og": og,
    }


def index_entry(deck: Deck, editions: list[Deck], picture: CardPictures | None) -> dict:
    """A deck on the index (in its first language), linking to every language's page: plain
    data, kept in the site's record so the deck stays listed when others are published."""
    words = words_of(deck)
    first = deck.behaviours[0].title if deck.behaviours else ""
    return {
        "title": deck.title, "subtitle": deck.subtitle, "publisher": deck.publisher, "version": deck.version,
        "language": deck.language, "count": words("site-cards-count", count=len(deck.behaviours)),
        "href": f"{deck.stem}/index.html", "picture": f"{deck.stem}/{picture.front}" if picture else None,
        "picture_width": picture.width if picture else 0, "picture_height": picture.height if picture else 0,
        "picture_alt": words("site-deck-picture", deck=deck.title, title=first),
        "editions": [{"language": d.language, "href": f"{d.stem}/index.html", "name": own_language_name(d.language)}
                     for d in editions],  # plain data: the site's record keeps it
    }


def index_page(decks: list[dict], language: str, words, assets: str, generator: str, base_url: str | None = None) -> dict:
    """The index's data: `decks` made by `index_entry`."""
    return {"lang": language, "_": words, "decks": decks, "assets": assets, "generator": generator, "fonts": [], "live": None,
            "statement": None,
            "og": _open_graph(words("site-decks"), None, language,
                              (decks[0].get("share") or decks[0]["picture"]) if decks else None, base_url, "")}


def statement_entry(deck: Deck) -> dict:
    """A deck on the accessibility statement: whom to ask for another format."""
    return {"title": deck.title, "publisher": deck.publisher, "language": deck.language, "contact": deck.contact,
            "contact_href": contact_href(deck.contact)}


def statement_page(entries: list[dict], language: str, words, assets: str, generator: str, prepared: str | None,
                   base_url: str | None = None) -> dict:
    """The site's accessibility statement: what conforms, what is exempt and why, and whom
    to ask for another format (each deck's publisher, by its `contact`); `entries` made
    by `statement_entry`."""
    return {"lang": language, "_": words, "decks": entries, "assets": assets, "generator": generator, "fonts": [],
            "live": None, "prepared": prepared, "guides": False,
            "og": _open_graph(words("site-accessibility"), None, language, None, base_url, "accessibility.html")}


GUIDE_PAGE = "guide.html"
_SKIPPED = ("page", "spacer", "deck", "qr")  # page breaks, space, the cover's decorative fan, a code to the page itself
_WRITING = ("lines", "notes")  # room to write on paper: nothing to read on a screen


def guide_page(deck: Deck, pack: Pack, pictures: list[CardPictures] | None, pdfs: list[Download], fillable: bool,
               assets: str, generator: str, base_url: str | None = None, page_url: str = "") -> dict:
    """The facilitator pack as a web page: `pack`'s blocks as HTML-ready parts, headings
    numbered so none skips a level (the page's h1 is the pack's title), contents linking
    each section; `pdfs`: the pack's own files, to print or (`fillable`) fill in."""
    words = pack.words
    blocks = _readable(pack.blocks)
    parts: list[dict] = []
    contents: list[dict] = []
    levels = HeadingLevels(offset=1, top=1)  # the page's h1 is the pack's title; a section's `#` an h2
    level = 1
    for block in blocks:
        lang = pack.language_of(block.text)
        if block.kind in ("heading", "title", "bookmark"):
            level = levels(1 if block.kind == "title" else block.level)
            anchor = f"s{len(parts) + 1}"
            parts.append({"kind": "heading", "level": level, "spans": _marked(block.spans, pack), "id": anchor, "lang": lang})
            if level == 2:
                contents.append({"href": f"#{anchor}", "text": block.text, "lang": lang})
        elif block.kind in ("paragraph", "subtitle"):
            parts.append({"kind": "paragraph", "spans": _marked(block.spans, pack), "lang": lang,
                          "css": "subtitle" if block.kind == "subtitle" else ""})
        elif block.kind in ("bullets", "numbered"):
            parts.append({"kind": block.kind, "entries": [(_marked(spans, pack), pack.language_of(_text(spans))) for spans in block.items]})
        elif block.kind == "swatch":
            parts.append({"kind": "swatch", "spans": _marked(block.spans, pack), "colour": block.colour, "lang": lang})
        elif block.kind == "card":
            parts += _card_part(deck, block, pictures, words)
            parts.append(_indicators_part(block, pack, level))
        elif block.kind == "indicators":
            parts.append(_indicators_part(block, pack, level))
        elif block.kind == "map":
            parts.append({"kind": "map", "themes": [
                {"name": name, "colour": colour, "mark": mark_svg_points(mark), "lang": pack.language_of(name),
                 "cards": [{"number": position, "title": title, "lang": pack.language_of(title),
                            "href": f"index.html#card-{deck.behaviours[position - 1].id}"} for position, title in cards]}
                for name, colour, mark, cards in block.items]})
        elif block.kind == "assessment":
            parts.append({"kind": "assessment", "headings": [words("behaviour"), words("theme")],
                          "rows": [(title, theme) for title, theme, _ in block.items]})
    return {
        "lang": deck.language, "_": words, "deck": deck, "title": pack.title, "parts": parts, "contents": contents,
        "pdfs": pdfs, "worksheet": words("site-guide-worksheet" if fillable else "site-guide-worksheet-print"),
        "assets": assets, "generator": generator, "fonts": [], "live": None,
        "draft_note": words("draft-note", language=language_name_in(pack.written_in, deck.language)) if deck.draft else None,
        "og": {**_open_graph(pack.title, deck.subtitle, deck.language, pictures[0].front if pictures else None, base_url,
                             page_url), "licence": deck.licence_link},
    }


def _readable(blocks: tuple[Block, ...]) -> list[Block]:
    """The blocks a reader on screen needs: no page furniture, no room to write, and no
    heading that only labelled room to write ("Notes")."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind in _WRITING:
            if kept and kept[-1].kind == "heading":
                kept.pop()
        elif block.kind not in _SKIPPED and not (block.kind == "bookmark" and not block.text):
            kept.append(block)
    return kept


def _marked(spans: tuple[Span, ...], pack: Pack) -> list[tuple[str, str, str | None]]:
    """(text, style, language): each span with its language where a draft left it untranslated."""
    return [(text, style, pack.language_of(text.strip())) for text, style in spans]


def _text(spans: tuple[Span, ...]) -> str:
    return "".join(text for text, _ in spans)


def _card_part(deck: Deck, block: Block, pictures: list[CardPictures] | None, words) -> list[dict]:
    position = int(block.number)
    if not pictures or not 1 <= position <= len(pictures):
        return []
    card = deck.behaviours[position - 1]
    return [{"kind": "card", "picture": pictures[position - 1], "href": f"index.html#card-{card.id}",
             "front_alt": words("site-front", number=position, title=card.title),
             "back_alt": words("site-back", number=position, title=card.title),
             "link": words("site-card-on-deck-page", title=card.title)}]


def _indicators_part(block: Block, pack: Pack, level: int) -> dict:
    """A card's indicators as two lists, always (a picture is no place to read them from)."""
    enabling, obstructing = block.items
    return {"kind": "indicators", "level": min(level + 1, 6),
            "columns": [(pack.words(name), [(item, pack.language_of(item)) for item in items])
                        for name, items in (("enabling", enabling), ("obstructing", obstructing)) if items]}


def _open_graph(title: str, description: str | None, language: str, image: str | None, base_url: str | None,
                page_url: str) -> dict:
    """Open Graph tags: links to the page and image are absolute only when the site's address is known."""
    def absolute(href: str) -> str:
        return base_url.rstrip("/") + "/" + href if base_url else href

    return {"title": title, "description": description, "locale": language.replace("-", "_"),
            "image": absolute(page_url + image) if image and base_url else None,
            "url": absolute(page_url) if base_url else None, "alternates": [], "licence": None}


def _alternates(page_url: str, links: list[tuple[str, str]], base_url: str | None) -> list[dict]:
    """`hreflang` links between a page's language editions ((language, href from the page)),
    itself included; only with the site's address (they must be absolute) and several."""
    if not base_url or len(links) < 2:
        return []
    return [{"language": language, "href": base_url.rstrip("/") + "/" + posixpath.normpath(page_url + href).removesuffix("index.html")}
            for language, href in links]
