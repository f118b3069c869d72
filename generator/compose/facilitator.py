"""The facilitator pack: its words (YAML), its sections (Jinja templates), laid out as blocks. Pure.

Words come from `layouts/facilitator/content.yaml`, which a deck overrides key by key
in `cards/<deck-id>/facilitator.yaml`. Each section is a template in
`layouts/facilitator/<section>.j2` (a deck's or the project's `layouts/facilitator/`
overrides it) that writes a small markup, one block per line or paragraph:

    # Section (a bookmark)        ## Heading (a bookmark under it)      ### Small heading
    - bullet                      1. numbered step                      **bold**, *italic*
    @page   @title TEXT   @subtitle TEXT   @swatch #RRGGBB TEXT   @indicators
    @lines N (N ruled lines to write on)   @notes (lines to write on, filling the rest of the page;
    `@notes A | B` makes columns headed A and B)
    @assessment (the self-assessment table)   @spacer MM   @card (the card's front and back, as printed)
    @deck (the deck's cards fanned out, for a cover)   @map (the framework map: themes and behaviours)

A fillable pack makes the writing areas and the assessment's scales form fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.compose.context import card_names, deck_names, theme_names
from generator.compose.packmap import ONE_PAGE_CARDS
from generator.content.catalogue import BUILTIN_LAYOUTS, base_folders, layout_dirs
from generator.content.fields import Fields
from generator.content.model import Colour, Deck
from generator.content.words import Words, english, words_of
from generator.content.yamlsource import Mapping, Sequence, load_yaml, merge
from generator.design.text import LITERAL, TextTemplate, load_template
from generator.errors import Problems, Where, display_path

SECTIONS = ("cover", "about", "uses", "behaviour", "activities", "assessment", "printing", "feedback")
ACTIVITY_KEYS = ("title", "purpose", "time", "group", "materials", "steps", "debrief", "variations")
CONTENT_KEYS = ("introduction", "uses", "activities", "tips", "feedback")


Span = tuple[str, str]  # (text, style): style "" plain, "b" bold, "i" italic


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # heading, paragraph, bullets, numbered, title, subtitle, swatch, indicators, lines, notes, assessment,
    #            page, spacer, bookmark, card, deck, map, qr
    spans: tuple[Span, ...] = ()  # the block's text: content exactly as written, emphasis only from the template
    level: int = 0  # heading level 1-3
    items: tuple = ()  # bullets/numbered: spans per item; indicators, card: (enabling, obstructing) texts; assessment: rows
    colour: str = ""  # swatch hex
    number: float = 0  # lines, spacer (mm); card: its position
    name: str = ""  # lines, notes: the form field's name (the card's id on a behaviour page, else the section's); qr: its address

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.spans)


@dataclass(frozen=True)
class Pack:
    title: str
    blocks: tuple[Block, ...]
    inks: dict = field(default_factory=dict)  # "#RRGGBB" -> the deck's own CMYK for it, as on the cards
    words: Words = field(default_factory=english)  # the tool's words in the pack's language: footer, table headings
    draft: str = ""  # a draft's word for its running footer ("DRAFT"), else nothing
    untranslated: frozenset[str] = frozenset()  # a draft's texts printed in the language they were written in
    written_in: str = ""  # that language
    stamp: str = ""  # the edition, "v1.0", for the running footer of a deck asking for it (edition_stamp)

    def language_of(self, text: str) -> str | None:
        """The language a text is in where it is not the pack's own (a draft's untranslated text)."""
        return self.written_in if text in self.untranslated else None

    def cmyk_of(self, hex_code: str) -> tuple[float, float, float, float]:
        """A swatch's print colour: the deck theme's own CMYK where the hex is a theme's."""
        return self.inks.get(hex_code.upper()) or Colour.from_hex(hex_code).cmyk


class HeadingLevels:
    """The level each heading is given for a reader (a tagged PDF's H1-H6, a page's h1-h6):
    the level written (`#` 1, `##` 2 ...) moved by `offset`, but never more than one below
    the heading it sits under, and equal for siblings, so none skips a level (PDF/UA-1
    7.4.2, WCAG 1.3.1) and an outline reads as it was written."""

    def __init__(self, offset: int = 0, top: int = 0):
        self.offset = offset
        self.top = top  # the level of what holds every heading (a page's h1): 0 for none
        self.open: list[tuple[int, int]] = []  # (written, given) of the headings still open

    def __call__(self, written: int) -> int:
        while self.open and self.open[-1][0] >= written:
            self.open.pop()
        above = self.open[-1][1] if self.open else self.top
        given = max(1, min(written + self.offset, above + 1, 6))
        self.open.append((written, given))
        return given

    def unseen(self, written: int) -> None:
        """A heading with nothing printed for it (the outline entry over the behaviour
        pages): what it holds is read as level with the sections, not under the one before."""
        while self.open and self.open[-1][0] >= written:
            self.open.pop()
        above = self.open[-1][1] if self.open else self.top
        self.open.append((written, above))


def facilitator_dirs(deck_folder: Path) -> list[Path]:
    return [d / "facilitator" for d in layout_dirs(deck_folder)]


def _facilitator_files(deck: Deck) -> list[Path]:
    """A variant's words: its bases' facilitator.yaml (farthest first), then its own."""
    folders = list(reversed(base_folders(Path(deck.folder)))) + [Path(deck.folder)]
    return [folder / "facilitator.yaml" for folder in folders if (folder / "facilitator.yaml").is_file()]


def content_languages(deck: Deck) -> dict[str, str]:
    """Each facilitator key's language: the deck's where its (or a base's) facilitator.yaml
    gives the key, English (the built-in words) otherwise."""
    given: set[str] = set()
    for path in _facilitator_files(deck):
        node = load_yaml(path, Problems())
        if isinstance(node, Mapping):
            given |= set(node.entries)
    return {key: deck.languages[0] if key in given else "en" for key in CONTENT_KEYS} if deck.languages else {}


def facilitator_where(deck: Deck) -> Where:
    """Where a deck's facilitator words come from, for a translator's note."""
    files = _facilitator_files(deck)
    return Where(display_path(files[-1]) if files else display_path(BUILTIN_LAYOUTS / "facilitator" / "content.yaml"))


def builtin_content() -> dict:
    """The built-in facilitator words alone (for the tool's own catalogues)."""
    problems = Problems()
    content = _content(load_yaml(BUILTIN_LAYOUTS / "facilitator" / "content.yaml", problems), problems)
    if content is None or problems:
        raise RuntimeError(f"the built-in facilitator words cannot be read: {problems.items}")
    return content


def read_content(deck: Deck, problems: Problems) -> dict | None:
    """The deck's facilitator words: the built-in defaults, with the deck's own keys on top."""
    before = len(problems.items)
    default = load_yaml(BUILTIN_LAYOUTS / "facilitator" / "content.yaml", problems)
    owns = [load_yaml(path, problems) for path in _facilitator_files(deck)]
    if default is None or len(problems.items) > before:
        return None
    node = default
    for own in owns:
        node = merge(node, own)
    return _content(node, problems)


def _content(node, problems: Problems) -> dict | None:
    before = len(problems.items)
    spec = Fields(node, problems, "facilitator content", required=("introduction", "uses", "activities", "feedback"), optional=("tips",))
    content = {
        "introduction": spec.text("introduction"),
        "feedback": spec.text("feedback"),
        "tips": list(spec.text_list("tips") or []) if spec.has("tips") else [],
        "uses": _records(spec, "uses", ("title", "text"), (), problems),
        "activities": _records(spec, "activities", ACTIVITY_KEYS[:4], ACTIVITY_KEYS[4:], problems),
    }
    return content if len(problems.items) == before else None


def _records(spec: Fields, key: str, texts: tuple[str, ...], lists: tuple[str, ...], problems: Problems) -> list[dict]:
    node = spec.get(key)
    if not isinstance(node, Sequence) or not node.items:
        if node is not None:
            problems.add(node.where, f"'{key}' should be a list, each item starting with '- '")
        return []
    records = []
    for item in node.items:
        fields = Fields(item, problems, f"an item of '{key}'", required=texts + lists)
        if not isinstance(item, Mapping):
            continue
        record = {k: fields.text(k) for k in texts}
        record.update({k: list(fields.text_list(k) or []) for k in lists})
        records.append(record)
    return records


def load_templates(deck: Deck, problems: Problems) -> dict[str, TextTemplate]:
    templates = {}
    dirs = facilitator_dirs(Path(deck.folder))
    for section in SECTIONS:
        path = next((d / f"{section}.j2" for d in dirs if (d / f"{section}.j2").is_file()), None)
        if path is None:
            problems.add(Where(display_path(dirs[-1])), f"no facilitator template '{section}.j2'")
            continue
        template = load_template(path, problems, marked=True)
        if template is not None:
            templates[section] = template
    return templates


def compose_pack(deck: Deck, content: dict, templates: dict[str, TextTemplate], files: dict[str, str | None],
                 printing: dict[str, str], problems: Problems) -> Pack:
    """Every section's template rendered and parsed into blocks, in the pack's order.

    `files` names every file kind, None where this build makes no such file; `printing`
    says how the sheets beside the pack print (`flip`: "long edge" or "short edge")."""
    count = len(deck.behaviours)
    words = words_of(deck)
    cards = [{**card_names(b, words), "position": k} for k, b in enumerate(deck.behaviours, 1)]
    themes = [{**theme_names(g), "cards": [c for c in cards if c["theme"] == g.id]} for g in deck.themes]
    illustrative = sum(b.status == "illustrative" for b in deck.behaviours)
    the_publisher = deck.publisher or words("the-publisher")
    publishers = list(dict.fromkeys(b.wording_by or the_publisher for b in deck.behaviours if b.status == "official"))
    provenance = {"total": count, "illustrative": illustrative, "official": count - illustrative,
                  "sources": sum(b.source is not None for b in deck.behaviours),
                  "publishers": f" {words('and')} ".join(publishers) or the_publisher}
    context = {
        "deck": deck_names(deck), "themes": themes, "cards": cards, "count": count, "content": content,
        "map_on_one_page": count <= ONE_PAGE_CARDS,  # a bigger deck's map continues on the next pages
        "files": files, "printing": printing, "provenance": provenance, "illustrative": illustrative > 0,
        "_": words,
    }
    blocks: list[Block] = []
    for section in SECTIONS:
        template = templates[section]
        if section != "behaviour":
            blocks += _blocks(template, context, None, problems)
            continue
        blocks.append(Block("bookmark", ((words("behaviours"), ""),), level=1))  # the outline entry over the behaviour pages
        for card in cards:
            theme = next(t for t in themes if t["id"] == card["theme"])
            local = {**context, "card": card, "theme": theme, "position": card["position"]}
            blocks += _blocks(template, local, card, problems)
    inks = {g.colour.hex: g.colour.cmyk for g in reversed(deck.themes)}  # the first theme wins a shared hex
    return Pack(words("pack-title", title=deck.title), tuple(blocks), inks, words, words("draft-stamp") if deck.draft else "",
                deck.untranslated, deck.languages[0] if deck.languages else deck.language, deck.edition_stamp or "")


_NUMBERED = re.compile(r"^\d+\.\s+")
# Emphasis is found in the template's own text; a value's text is a placeholder here.
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def _blocks(template: TextTemplate, context: dict, card: dict | None, problems: Problems) -> list[Block]:
    """The template's output as blocks. Markup is read only in the template's own text:
    every value it prints reaches the page exactly as written (`render_marked`)."""
    rendered = template.render_marked(context, problems, f"facilitator template {Path(template.where.path).name}")
    if rendered is None:
        return []
    literals = rendered.literals
    blocks: list[Block] = []
    paragraph: list[str] = []
    listing: list[str] = []
    numbered = False
    used: dict[str, int] = {}  # directive -> times used in this output

    def flush() -> None:
        nonlocal paragraph, listing
        if paragraph:
            for spans in _split_paragraphs(_spans(" ".join(paragraph), literals)):
                blocks.append(Block("paragraph", spans))
            paragraph = []
        if listing:
            items = tuple(_spans(item, literals) for item in listing)
            blocks.append(Block("numbered" if numbered else "bullets", items=items))
            listing = []

    for raw in rendered.text.split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("@"):
            flush()
            name = line[1:].split(" ", 1)[0]
            used[name] = used.get(name, 0) + 1
            if used[name] > MAX_DIRECTIVE_USES.get(name, MAX_DIRECTIVE_USES[""]):
                source_line = next((n for n, text in enumerate(template.source.splitlines(), 1) if f"@{name}" in text), 0)
                problems.add(Where(template.where.path, source_line, 1),
                             f"@{name} is used more than {MAX_DIRECTIVE_USES.get(name, MAX_DIRECTIVE_USES[''])} times in "
                             f"one {'behaviour page' if card is not None else 'section'}; a pack needs a few")
                return blocks
            block = _directive(line, literals, template, card, context, problems)
            if block is not None:
                blocks.append(block)
        elif line.startswith("#"):
            flush()
            hashes = len(line) - len(line.lstrip("#"))
            blocks.append(Block("heading", _spans(line[hashes:].strip(), literals), level=min(hashes, 3)))
        elif line.startswith("- ") or _NUMBERED.match(line):
            is_numbered = not line.startswith("- ")
            if paragraph or (listing and is_numbered != numbered):
                flush()
            numbered = is_numbered
            listing.append(_NUMBERED.sub("", line) if is_numbered else line[2:].strip())
        elif listing and raw.startswith(("  ", "\t")):
            listing[-1] += " " + line  # a list item continued on the next line
        else:
            if listing:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def _literal(text: str, literals: tuple[str, ...]) -> str:
    """Template output with each placeholder replaced by the value's own text."""
    return LITERAL.sub(lambda match: literals[int(match.group(1))], text)


def _spans(text: str, literals: tuple[str, ...]) -> tuple[Span, ...]:
    """Inline text: `**bold**` and `*italic*` written in the template, values as written."""
    spans: list[Span] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        spans.append((_literal(text[position:match.start()], literals), ""))
        bold, italic = match.groups()
        spans.append((_literal(bold if bold is not None else italic, literals), "b" if bold is not None else "i"))
        position = match.end()
    spans.append((_literal(text[position:], literals), ""))
    return tuple(span for span in spans if span[0])


def _split_paragraphs(spans: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    """A value holding blank-line-separated paragraphs (a description) stays paragraphs."""
    paragraphs: list[list[Span]] = [[]]
    for text, style in spans:
        for number, part in enumerate(text.split("\n\n")):
            if number:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part, style))
    return [tuple(p) for p in paragraphs if p]


def _directive(line: str, literals: tuple[str, ...], template: TextTemplate, card: dict | None, context: dict,
               problems: Problems) -> Block | None:
    name, _, rest = line[1:].partition(" ")
    rest = rest.strip()
    # Rendered lines do not keep template lines: point at the first line that writes this directive.
    source_line = next((n for n, text in enumerate(template.source.splitlines(), 1) if f"@{name}" in text), 0)
    where = Where(template.where.path, source_line, 1)
    if name == "page":
        return Block("page")
    if name in ("title", "subtitle"):
        return Block(name, _spans(rest, literals))
    if name == "swatch":
        colour, _, text = rest.partition(" ")
        colour = _literal(colour, literals)
        if not re.match(r"^#[0-9A-Fa-f]{6}$", colour):
            problems.add(where, f"@swatch needs a colour like #005EB8 before its text, not '{colour}'")
            return None
        return Block("swatch", _spans(text.strip(), literals), colour=colour)
    if name == "notes":  # `@notes` alone, or `@notes Strengths | Development areas`: headed columns side by side
        labels = tuple(_spans(part.strip(), literals) for part in rest.split(" | ")) if rest else ()
        return Block("notes", items=labels, name=_field_base(template, card))
    if name == "card":
        if card is None:
            problems.add(where, "@card belongs in behaviour.j2, where there is a card")
            return None
        # The indicators ride along: a card too big to show legibly on the page shows them as text.
        indicators = (tuple(card["indicators"]["enabling"]), tuple(card["indicators"]["obstructing"]))
        return Block("card", number=card["position"], items=indicators)
    if name == "deck":
        return Block("deck")
    if name == "qr":  # a QR code to the deck's page on its published site, where the deck has one (links: site:)
        url = context["deck"].get("url")
        return Block("qr", name=url) if url else None
    if name == "map":
        themes = tuple((t["name"], t["colour"], t["mark"], tuple((c["position"], c["title"]) for c in t["cards"]))
                       for t in context["themes"])
        return Block("map", items=themes)
    if name in ("lines", "spacer"):
        value = _literal(rest, literals)
        try:
            number = float(value)
        except ValueError:
            problems.add(where, f"@{name} needs a number, not '{value}'")
            return None
        if not 0 <= number <= 300:
            problems.add(where, f"@{name} needs a number from 0 to 300, not '{value}'")
            return None
        return Block(name, number=number, name=_field_base(template, card) if name == "lines" else "")
    if name == "indicators":
        if card is None:
            problems.add(where, "@indicators belongs in behaviour.j2, where there is a card")
            return None
        return Block("indicators", items=(tuple(card["indicators"]["enabling"]), tuple(card["indicators"]["obstructing"])))
    if name == "assessment":
        rows = tuple((c["title"], next(t["name"] for t in context["themes"] if t["id"] == c["theme"]), c["id"])
                     for c in context["cards"])
        return Block("assessment", items=rows)
    problems.add(where, f"unknown directive '@{name}' (known: {', '.join('@' + d for d in DIRECTIVES)})")
    return None


# How often one section's (or one behaviour page's) output may use a directive: a page
# or two of each is plenty, and each whole-deck one (the map, the worksheet) is costly.
MAX_DIRECTIVE_USES = {"": 200, "assessment": 4, "map": 4, "deck": 4, "card": 4, "page": 50, "qr": 4}
DIRECTIVES = ("page", "title", "subtitle", "swatch", "indicators", "lines", "notes", "assessment", "spacer", "card", "deck",
              "map", "qr")


def _field_base(template: TextTemplate, card: dict | None) -> str:
    """The start of a writing area's field name: the card's id on its page, else the section's name."""
    return f"{card['id']}-notes" if card is not None else Path(template.where.path).stem
