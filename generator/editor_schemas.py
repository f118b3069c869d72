"""JSON Schemas of the YAML files, for editors (completion, hover help, inline errors).

Built from the validator's own definitions: its lists of keys, choices and patterns
(content/deck.py, design/layout.py, design/theme.py, compose/facilitator.py,
content/marks.py, content/conditions.py). Every key the validator knows must have words
in DOCS, so a new key cannot reach the validator without reaching the schemas. The validator stays the judge (positions, did-you-mean,
fitting); a schema is the editor's early warning.
"""
from __future__ import annotations

import json

from generator.compose.facilitator import ACTIVITY_KEYS, CONTENT_KEYS
from generator.content.catalogue import NAME
from generator.content.conditions import CONDITIONS
from generator.content.deck import (
    BEHAVIOUR_KEYS,
    DECK_KEYS,
    DEFAULTS_KEYS,
    ID_PATTERN,
    LINK_KEYS,
    OUTPUTS,
    QR_SIDES,
    SPDX_ID,
    THEME_GROUP_KEYS,
    VARIANT_KEYS,
)
from generator.content.fields import HEX_COLOUR
from generator.content.marks import MARKS
from generator.content.model import PERSPECTIVES, STATUSES
from generator.content.words import english_words
from generator.design.layout import ALIGNS, COLOUR_REFS, CONTENTS, LAYOUT_KEYS, QR_KEY, REGION_KEYS, VALIGNS
from generator.design.services import FILES as SERVICE_FILES
from generator.design.services import ORDERS, SERVICE_KEYS
from generator.design.theme import COLOUR_ROLES, FONT_ROLES, THEME_KEYS

KINDS = ("deck", "behaviour", "variant-behaviour", "facilitator", "layout", "theme", "service")
DIALECT = "http://json-schema.org/draft-07/schema#"
# A length has a unit (only zero may go without); a percentage only in a region's box.
LENGTH_PATTERN = r"^\s*((\d+(\.\d+)?|\.\d+)\s*(mm|cm|in|pt)|0*\.?0+)\s*$"
BOX_LENGTH_PATTERN = r"^\s*((\d+(\.\d+)?|\.\d+)\s*(mm|cm|in|pt|%)|0*\.?0+)\s*$"
# The shape of a language tag (en, en-GB, cy); whether Babel knows it is the validator's to say.
LANGUAGE_TAG = r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
# Text is printed as written: a YAML number (`version: 1.10`) is kept as its digits.
TEXT_TYPES = ["string", "number"]

DOCS = {
    "deck.title": "The deck's name, printed on every card and on the facilitator pack's cover.",
    "deck.subtitle": "A line under the title on the facilitator pack's cover.",
    "deck.publisher": "Who publishes the deck: on the pack's cover and in the PDF files.",
    "deck.version": "This edition's version; quote it (\"1.0\") so it stays text.",
    "deck.date": "The edition's date, YYYY-MM-DD: the files carry it (unless SOURCE_DATE_EPOCH is set).",
    "deck.language": "The language the deck is written in, e.g. en-GB or cy (a deck in several languages lists them in `languages`).",
    "deck.languages": "Every language the deck is printed in, the one it is written in first, e.g. [en, cy]; translations are in translations/<language>.po (`cards translate`).",
    "deck.labels": "The deck's own words for any of the tool's words (layouts/translations/words.yaml), e.g. {individual: You}; translated like the rest of the deck.",
    "deck.licence": "Who owns the wording and how others may use it: printed on the backs of official cards.",
    "behaviour.after": "In a local edition: the id of the card this one follows (an added card otherwise goes after its theme's last card; a base card stays where it was).",
    "deck.licence_id": "The licence as machines read it: an SPDX identifier such as CC-BY-NC-SA-4.0 (spdx.org/licenses).",
    "deck.licence_url": "The web address of the licence's own text (else the SPDX page of licence_id).",
    "deck.contact": "Where to write to: on the pack's cover and its last page.",
    "deck.website": "A web page about the deck.",
    "deck.notes": "Notes for readers of the source, printed in the pack's introduction, never on cards.",
    "deck.illustrative_notice": "Printed on the backs of cards marked illustrative.",
    "deck.defaults": "How the deck is printed unless the command line says otherwise.",
    "deck.edition_stamp": "true: the edition (\"v1.0\", from `version`, else the `date`) printed small on every card's footer and the pack's, so printed editions can be told apart.",
    "deck.links": "Where the deck is published, {site: https://...}, and `qr: back` (or front) to print on each card a QR code to its page there.",
    "links.site": "The web address `cards publish`'s site is served at, e.g. https://example.org/cards.",
    "links.qr": "The face that carries each card's QR code: front or back.",
    "deck.cards": "Optional: the printed order, by behaviour id; every behaviour file must be listed.",
    "deck.themes": "The groups the behaviours belong to, in order (a variant's recolour, rename or add to its base's by id).",
    "deck.extends": "A local variant: the deck it adapts (a deck id beside this one, or a path); it inherits everything.",
    "deck.remove": "A variant's cards to leave out of its base, by id.",
    "defaults.layout": "Card size and arrangement: see `cards list layouts`.",
    "defaults.theme": "Fonts and colours: see `cards list themes`.",
    "defaults.outputs": "Which files to make (the command line's --outputs overrides).",
    "defaults.printing": "The press file's printing condition, as the print shop names it.",
    "group.id": "Used in behaviour files' `theme:`: lower-case letters, digits and hyphens.",
    "group.name": "Printed on the cards.",
    "group.colour": "\"#RRGGBB\" (quoted), or {rgb: \"#RRGGBB\", cmyk: [C, M, Y, K]} in percent for print.",
    "group.mark": "The shape printed beside the theme's name, so colour is never the only cue.",
    "behaviour.id": "Unique in the deck: lower-case letters, digits and hyphens.",
    "behaviour.title": "The card's title, printed on both faces.",
    "behaviour.theme": "One of the theme ids in deck.yaml.",
    "behaviour.status": "official: the publisher's wording; illustrative: written for this deck (the card says so).",
    "behaviour.source": "Where the wording comes from, shown in the facilitator pack.",
    "behaviour.description": "A sentence or two describing the behaviour; a blank line starts a paragraph.",
    "behaviour.indicators": "What helps the behaviour (enabling) and what gets in its way (obstructing).",
    "behaviour.questions": "Three questions for the back: individual, organisational, system.",
    "indicators.enabling": "What helps: at least one line.",
    "indicators.obstructing": "What gets in the way: at least one line.",
    "questions.individual": "For a person.",
    "questions.organisational": "For their organisation.",
    "questions.system": "For the wider system.",
    "facilitator.introduction": "A paragraph or two introducing the framework.",
    "facilitator.uses": "Ways to use the cards, each with a title and a text (replaces the built-in list).",
    "facilitator.activities": "Workshop activities (replaces the built-in list).",
    "facilitator.tips": "Short tips, one a line.",
    "facilitator.feedback": "How to tell the publisher how the cards were used.",
    "activity.title": "The activity's name.",
    "activity.purpose": "What it is for.",
    "activity.time": "How long it takes.",
    "activity.group": "Who takes part.",
    "activity.materials": "What is needed, one a line.",
    "activity.steps": "What to do, in order.",
    "activity.debrief": "Questions to close with.",
    "activity.variations": "Other ways to run it.",
    "layout.extends": "The layout this one changes (its regions merge key by key).",
    "layout.description": "One line shown by `cards list layouts`.",
    "layout.size": "The trimmed card: width and height, e.g. 63.5mm.",
    "layout.bleed": "How far colour runs past the cut, e.g. 3mm.",
    "layout.safe": "How far text stays inside the cut (at least 3mm).",
    "layout.front": "The front's regions, by name.",
    "layout.back": "The back's regions, by name.",
    "layout.with-qr": "For a deck printing QR codes (deck.yaml `links: qr:`): 'front:' and/or 'back:', the regions that change on that face (a region with `content: qr`, the text moved aside); null: no room for a code.",
    "region.box": "where it is, measured from the card's trimmed edges: two of `left`, `width`, `right` and two of `top`, `height`, `bottom`, in `mm`, `cm`, `in`, `pt` or `%`",
    "region.fill": "a colour to fill it with (see `colour`); a box touching an edge runs on through the bleed",
    "region.text": "a Jinja template: `{{ card.title }}`, `{{ card.description }}`, `{{ card.status }}`, `{{ theme.name }}`, `{{ deck.title }}`, `{{ deck.illustrative_notice }}`, `{{ position }}/{{ count }}`, ...",
    "region.content": "instead of `text`: `questions` (the three, labelled), `indicators` (both lists), `enabling`, `obstructing`, `mark` (the theme's shape), `logo` (the theme's logo), `qr` (a QR code to the card's page, for a deck with `links: qr:`)",
    "region.font": "`regular`, `bold`, `semibold` or `italic` (the theme's files)",
    "region.size": "the design size, e.g. `10pt`",
    "region.floor": "the smallest the text may shrink to (at least 6.5pt; 7pt is the default)",
    "region.leading": "line height, times the size (0.8 to 3)",
    "region.align": "`left`, `centre` or `right`",
    "region.valign": "`top`, `middle` or `bottom`",
    "region.colour": "`text`, `muted`, `on-theme`, `paper` (from the theme), `theme` (the deck theme's fill colour), `accent` (its colour for text on paper), or `\"#RRGGBB\"`",
    "region.labels": "this layout's own wording of the labels, printed as written in every language, e.g. `{individual: Me}`; leave it out for the tool's words, translated and changed by a deck's `labels:`",
    "region.label-font": "the labels' font, as `font`",
    "region.label-colour": "the labels' colour, as `colour`",
    "region.inline-labels": "`true`: \"**Individual** What do I ...\" on one line",
    "region.gap": "space between questions or lists",
    "region.bullet": "the mark before each list item (default •)",
    "region.small-print": "`true` for a footer or label: a theme's `min-size` does not apply to it",
    "theme.extends": "The theme this one changes.",
    "theme.description": "One line shown by `cards list themes`.",
    "theme.fonts": "TrueType files by role.",
    "theme.colours": "text, muted, on-theme and paper colours.",
    "theme.groups": "How the deck's themes are coloured: fill and accent.",
    "theme.text-scale": "Type larger or smaller everywhere (0.5 to 3).",
    "theme.min-size": "No body text below this, e.g. 12pt for large print.",
    "theme.fine-text": "black: text under 12 pt never needs several inks.",
    "theme.logo": "An image file beside the theme, placed by layouts' logo regions.",
    "service.extends": "The print service this one changes (a local shop may extend uk-trade).",
    "service.title": "The service's own name, as its users know it.",
    "service.description": "One line shown by `cards list services`.",
    "service.source": "The web address of the service's guide these values come from.",
    "service.checked": "The date the guide was read, YYYY-MM-DD.",
    "service.files": "`pdf` (one PDF per deck) or `png` (one image per face).",
    "service.colour": "`cmyk` or `rgb`.",
    "service.printing": "A PDF's printing condition, as `--printing` names it.",
    "service.ink-limit": "The most C+M+Y+K anywhere on a page, in percent.",
    "service.order": "A PDF's pages: `front-back` (front 1, back 1, ...) or `back-front`.",
    "service.bleed": "How far each face runs past the cut, e.g. 0.125in.",
    "service.safe": "How far inside the cut text must stay, e.g. 0.125in.",
    "service.sizes": "The card sizes sold: {name, width, height}; none means any size.",
    "service.dpi": "PNG services: pixels per inch.",
    "service.names": "PNG services: a face's file name, with {side} and {number}.",
    "service.stock": "The stock to choose, for ORDER.txt.",
    "service.upload": "What to upload where, for ORDER.txt; {file} names the file.",
}


def schema(kind: str) -> dict:
    """The JSON Schema for one kind of file (KINDS)."""
    builders = {"deck": _deck, "behaviour": _behaviour, "variant-behaviour": lambda: _behaviour(variant=True),
                "facilitator": _facilitator, "layout": _layout, "theme": _theme, "service": _service}
    body = builders[kind]()
    return {"$schema": DIALECT, "$id": f"behaviour-cards/{kind}.schema.json", "title": f"behaviour-cards {kind} file", **body}


def region_table() -> str:
    """The README's table of region keys: the schema's own words, row for row."""
    rows = ["| key | meaning |", "|---|---|"] + [f"| `{key}` | {DOCS[f'region.{key}']} |" for key in REGION_KEYS]
    return "\n".join(rows) + "\n"


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def _doc(key: str) -> str:
    return DOCS[key]  # a KeyError here: a key the validator knows has no words yet


def _text(key: str) -> dict:
    return {"type": TEXT_TYPES, "minLength": 1, "description": _doc(key)}


def _texts(key: str) -> dict:
    return {"type": "array", "minItems": 1, "items": {"type": TEXT_TYPES, "minLength": 1}, "description": _doc(key)}


def _object(prefix: str, keys, required=(), special: dict | None = None) -> dict:
    special = special or {}
    properties = {key: special.get(key, _text(f"{prefix}.{key}")) for key in keys}
    for key in keys:
        properties[key].setdefault("description", _doc(f"{prefix}.{key}"))
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


def _id() -> dict:
    """An id: lower-case letters, digits and hyphens (digits alone read as a YAML number, kept as written)."""
    return {"anyOf": [{"type": "string", "pattern": _pattern(ID_PATTERN)}, {"type": "integer", "minimum": 0}]}


def _pattern(regex) -> str:
    return regex.pattern if hasattr(regex, "pattern") else regex


def _colour(inherited: bool = False) -> dict:
    """A colour; `inherited`: changing one given elsewhere, whose `cmyk` null removes."""
    hex_colour = {"type": "string", "pattern": _pattern(HEX_COLOUR)}
    cmyk = {"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "number", "minimum": 0, "maximum": 100}}
    spec = {"type": "object", "required": [] if inherited else ["rgb"], "additionalProperties": False, "properties": {
        "rgb": hex_colour, "cmyk": _nullable(cmyk) if inherited else cmyk,
    }}
    return {"oneOf": [hex_colour, spec]}


def _deck() -> dict:
    """One schema for both kinds of deck.yaml: a variant's (with `extends:`) gives only
    what it changes, and `null` removes an inherited optional value; a deck of its own
    (the `else`) gives title and themes, every theme whole, and no nulls."""
    variant = _deck_object(variant=True)
    whole = _deck_object(variant=False)
    return {**variant, "if": {"required": ["extends"]}, "then": {}, "else": whole}


def _deck_object(variant: bool) -> dict:
    optional = _nullable if variant else (lambda spec: spec)
    group = _object("group", THEME_GROUP_KEYS, required=("id",) if variant else ("id", "name", "colour"), special={
        "id": _id(),
        "colour": _colour(inherited=variant),
        "mark": optional({"enum": list(MARKS)}),
    })
    defaults = _object("defaults", DEFAULTS_KEYS, special={
        "layout": optional({"type": "string", "pattern": _pattern(NAME)}),
        "theme": optional({"type": "string", "pattern": _pattern(NAME)}),
        "outputs": optional({"type": "array", "minItems": 1, "items": {"enum": list(OUTPUTS)}}),
        "printing": optional({"enum": sorted(CONDITIONS)}),
    })
    special = {
        "themes": {"type": "array", "minItems": 1, "items": group},
        "defaults": defaults,
        "cards": {"type": "array", "minItems": 1, "items": _id()},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "licence_id": {"type": "string", "pattern": SPDX_ID.pattern},
        "licence_url": {"type": "string", "pattern": r"^https?://[^\s<>\"]+$", "maxLength": 500},
        "remove": {"type": "array", "minItems": 1, "items": _id()},
        "language": {"type": "string", "pattern": LANGUAGE_TAG},
        "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": LANGUAGE_TAG}},
        "edition_stamp": optional({"type": "boolean"}),
        "links": _object("links", LINK_KEYS, special={
            "site": optional({"type": "string", "pattern": r"^https?://[^\s<>\"#?]+$", "maxLength": 200}),
            "qr": optional({"enum": list(QR_SIDES)})}),
        "labels": {"type": "object", "additionalProperties": False,
                   "properties": {key: optional({"type": "string", "minLength": 1, "description": _word_doc(word)})
                                  for key, word in english_words().items() if isinstance(word.text, str)}},
    }
    # A deck id beside this one, or a path to a deck folder.
    special["extends"] = {"type": "string", "anyOf": [{"pattern": _pattern(ID_PATTERN)}, {"pattern": r"[/\\]"}]}
    for key in DECK_KEYS:  # every deck field but title and themes is optional: a variant may remove it
        special[key] = optional(special.get(key, _text(f"deck.{key}")))
    keys = ("title", "themes") + DECK_KEYS + (VARIANT_KEYS if variant else ("extends",))
    return _object("deck", keys, required=() if variant else ("title", "themes"), special=special)


def _nullable(spec: dict) -> dict:
    """A value, or `null`: in a variant, null removes what the base gave."""
    return {"anyOf": [spec, {"type": "null"}], **({"description": spec["description"]} if "description" in spec else {})}


def _word_doc(word) -> str:
    return f"Instead of \"{word.text}\"."


def _behaviour(variant: bool = False) -> dict:
    """A card file. In a variant, a file changes the base card its `id` names: only `id`
    is required, `questions` and `indicators` merge key by key, `null` removes `source`,
    and `after:` moves the card. (Whether an id is a base card's or a new card's, which
    then needs every field, is known only from the base deck: the validator's to judge.)"""
    keys = BEHAVIOUR_KEYS + ("source",) + (("after",) if variant else ())
    parts = () if variant else PERSPECTIVES
    lists = () if variant else ("enabling", "obstructing")
    special = {
        "id": _id(),
        "theme": _id(),
        "status": {"enum": list(STATUSES)},
        "indicators": _object("indicators", ("enabling", "obstructing"), required=lists, special={
            "enabling": _texts("indicators.enabling"), "obstructing": _texts("indicators.obstructing")}),
        "questions": _object("questions", PERSPECTIVES, required=parts),
    }
    if variant:
        special["after"] = {**_id(), "description": _doc("behaviour.after")}
        special["source"] = _nullable(_text("behaviour.source"))
    return _object("behaviour", keys, required=("id",) if variant else BEHAVIOUR_KEYS, special=special)


def _facilitator() -> dict:
    use = {"type": "object", "required": ["title", "text"], "additionalProperties": False,
           "properties": {"title": {"type": TEXT_TYPES, "minLength": 1}, "text": {"type": TEXT_TYPES, "minLength": 1}}}
    lists = ACTIVITY_KEYS[4:]
    activity = _object("activity", ACTIVITY_KEYS, required=ACTIVITY_KEYS,
                       special={key: _texts(f"activity.{key}") for key in lists})
    # The file changes the built-in words key by key: `tips: null` leaves the tips out.
    return _object("facilitator", CONTENT_KEYS, special={
        "uses": {"type": "array", "minItems": 1, "items": use},
        "activities": {"type": "array", "minItems": 1, "items": activity},
        "tips": _nullable(_texts("facilitator.tips")),
    })


def _length(pattern: str = LENGTH_PATTERN) -> dict:
    return {"anyOf": [{"type": "string", "pattern": pattern}, {"type": "number", "enum": [0]}]}


def _inheriting(build) -> dict:
    """A layout or theme: one that extends another gives only what it changes, and `null`
    removes an optional inherited value (the validator judges the two merged); one
    without `extends:` gives everything itself, without nulls (the `then`)."""
    return {**build(extends=True), "if": {"not": {"required": ["extends"]}}, "then": build(extends=False)}


def _box(extends: bool) -> dict:
    length = _length(BOX_LENGTH_PATTERN)
    box = {"type": "object", "additionalProperties": False,
           "properties": {k: _nullable(length) if extends else length for k in ("left", "width", "right", "top", "height", "bottom")}}
    return box if extends else {**box, **_two_of_each_axis()}


def _two_of_each_axis() -> dict:
    """A whole box: exactly two of left/width/right, and two of top/height/bottom."""
    def exactly_two(keys):
        return {"oneOf": [{"required": [a, b], "not": {"required": [c]}}
                          for a, b, c in ((keys[0], keys[1], keys[2]), (keys[0], keys[2], keys[1]), (keys[1], keys[2], keys[0]))]}
    return {"allOf": [exactly_two(("left", "width", "right")), exactly_two(("top", "height", "bottom"))]}


def _layout() -> dict:
    return _inheriting(_layout_object)


def _layout_object(extends: bool) -> dict:
    faces = _faces(extends)
    patches = _faces(extends=True)  # `with-qr:` changes a face's regions: always given in part
    size = {"type": "object", "additionalProperties": False, "required": [] if extends else ["width", "height"],
            "properties": {"width": _length(), "height": _length()}}
    with_qr = {"anyOf": [{"type": "object", "additionalProperties": False,
                          "properties": {"front": {"anyOf": [patches, {"type": "null"}]},
                                         "back": {"anyOf": [patches, {"type": "null"}]}}},
                         {"type": "null"}]}
    return _object("layout", ("extends",) + LAYOUT_KEYS + (QR_KEY,), required=() if extends else LAYOUT_KEYS, special={
        "extends": {"type": "string", "pattern": _pattern(NAME)},
        "size": size, "bleed": _length(), "safe": _length(), "front": faces, "back": faces, QR_KEY: with_qr,
    })


def _faces(extends: bool) -> dict:
    optional = _nullable if extends else (lambda spec: spec)
    colour_ref = {"type": "string", "anyOf": [{"enum": list(COLOUR_REFS)}, {"pattern": _pattern(HEX_COLOUR)}]}
    region = _object("region", REGION_KEYS, required=() if extends else ("box",), special={
        "box": _box(extends), "fill": optional(colour_ref), "colour": optional(colour_ref),
        "label-colour": optional(colour_ref), "content": optional({"enum": list(CONTENTS)}),
        "font": optional({"enum": list(FONT_ROLES)}), "label-font": optional({"enum": list(FONT_ROLES)}),
        "size": optional(_length()), "floor": optional(_length()), "gap": optional(_length()),
        "leading": optional({"type": "number", "minimum": 0.8, "maximum": 3}),
        "align": optional({"enum": list(ALIGNS)}), "valign": optional({"enum": list(VALIGNS)}),
        "labels": optional({"type": "object", "additionalProperties": optional({"type": TEXT_TYPES})}),
        "inline-labels": optional({"type": "boolean"}), "small-print": optional({"type": "boolean"}),
        **{key: optional(_text(f"region.{key}")) for key in ("text", "bullet")},
    })
    return {"type": "object", "additionalProperties": {"anyOf": [region, {"type": "null"}]}}  # null removes an inherited region


def _theme() -> dict:
    return _inheriting(_theme_object)


def _theme_object(extends: bool) -> dict:
    optional = _nullable if extends else (lambda spec: spec)
    colour = _colour(inherited=extends)
    return _object("theme", ("extends",) + THEME_KEYS, required=() if extends else ("description", "fonts", "colours"), special={
        "extends": {"type": "string", "pattern": _pattern(NAME)},
        "fonts": {"type": "object", "additionalProperties": False, "required": [] if extends else ["regular", "bold"],
                  "properties": {r: (optional if r not in ("regular", "bold") else (lambda x: x))({"type": "string", "minLength": 1})
                                 for r in FONT_ROLES}},
        "colours": {"type": "object", "additionalProperties": False, "required": [] if extends else list(COLOUR_ROLES),
                    "properties": {r: colour for r in COLOUR_ROLES}},
        "groups": optional({"type": "object", "additionalProperties": False, "properties": {
            k: optional({"anyOf": [{"const": "deck"}, colour, {"type": "array", "items": colour}]}) for k in ("fill", "accent")}}),
        "text-scale": optional({"type": "number", "minimum": 0.5, "maximum": 3}),
        "min-size": optional(_length()),
        "fine-text": optional({"enum": ["black", "as-designed"]}),
        "logo": optional(_text("theme.logo")),
    })


def _service() -> dict:
    size = {"type": "object", "required": ["name", "width", "height"], "additionalProperties": False,
            "properties": {"name": {"type": TEXT_TYPES, "minLength": 1}, "width": _length(), "height": _length()}}
    return _object("service", ("extends",) + SERVICE_KEYS, special={
        "extends": {"type": "string", "pattern": _pattern(NAME)},
        "checked": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "files": {"enum": list(SERVICE_FILES)}, "colour": {"enum": ["cmyk", "rgb"]},
        "printing": {"enum": sorted(CONDITIONS)}, "ink-limit": {"type": "number", "minimum": 100, "maximum": 400},
        "order": {"enum": list(ORDERS)}, "bleed": _length(), "safe": _length(),
        "sizes": {"type": "array", "items": size}, "dpi": {"type": "number", "minimum": 72, "maximum": 2400},
    })
