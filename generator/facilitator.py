"""The facilitator pack: its words (YAML), its sections (Jinja templates), laid out as blocks. Pure.

Words come from `layouts/facilitator/content.yaml`, which a deck overrides key by key
in `cards/<deck-id>/facilitator.yaml`. Each section is a template in
`layouts/facilitator/<section>.j2` (a deck's or the project's `layouts/facilitator/`
overrides it) that writes a small markup, one block per line or paragraph:

    # Section (a bookmark)        ## Heading (a bookmark under it)      ### Small heading
    - bullet                      1. numbered step                      **bold**, *italic*
    @page   @title TEXT   @subtitle TEXT   @swatch #RRGGBB TEXT   @indicators
    @lines N (ruled lines for notes)   @assessment (the self-assessment table)   @spacer MM
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .catalogue import BUILTIN_LAYOUTS, layout_dirs
from .context import card_names, deck_names, theme_names
from .errors import Problems, Where, display_path
from .fields import Fields
from .inherit import merge
from .model import Deck
from .text import TextTemplate, load_template
from .yamlsource import Mapping, Sequence, load_yaml

SECTIONS = ("cover", "about", "uses", "behaviour", "activities", "assessment", "printing", "feedback")
ACTIVITY_KEYS = ("title", "purpose", "time", "group", "materials", "steps", "debrief", "variations")
CONTENT_KEYS = ("introduction", "uses", "activities", "tips", "feedback")


@dataclass(frozen=True)
class Block:
    kind: str  # heading, paragraph, bullets, numbered, title, subtitle, swatch, indicators, lines, assessment, page, spacer, bookmark
    text: str = ""
    level: int = 0  # heading level 1-3
    items: tuple = ()
    colour: str = ""  # swatch hex
    number: float = 0  # lines, spacer (mm)


@dataclass(frozen=True)
class Pack:
    title: str
    blocks: tuple[Block, ...]


def facilitator_dirs(deck_folder: Path) -> list[Path]:
    return [d / "facilitator" for d in layout_dirs(deck_folder)]


def read_content(deck: Deck, problems: Problems) -> dict | None:
    """The deck's facilitator words: the built-in defaults, with the deck's own keys on top."""
    before = len(problems.items)
    default = load_yaml(BUILTIN_LAYOUTS / "facilitator" / "content.yaml", problems)
    own_path = Path(deck.folder) / "facilitator.yaml"
    own = load_yaml(own_path, problems) if own_path.is_file() else None
    if default is None or len(problems.items) > before:
        return None
    node = merge(default, own) if own is not None else default
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
        template = load_template(path, problems)
        if template is not None:
            templates[section] = template
    return templates


def compose_pack(deck: Deck, content: dict, templates: dict[str, TextTemplate], files: dict[str, str], problems: Problems) -> Pack:
    """Every section's template rendered and parsed into blocks, in the pack's order."""
    count = len(deck.behaviours)
    cards = [{**card_names(b), "position": k} for k, b in enumerate(deck.behaviours, 1)]
    themes = [{**theme_names(g), "cards": [c for c in cards if c["theme"] == g.id]} for g in deck.themes]
    context = {
        "deck": deck_names(deck), "themes": themes, "cards": cards, "count": count, "content": content,
        "files": files, "illustrative": deck.has_illustrative,
    }
    blocks: list[Block] = []
    for section in SECTIONS:
        template = templates[section]
        if section != "behaviour":
            blocks += _blocks(template, context, None, problems)
            continue
        blocks.append(Block("bookmark", "Behaviours", level=1))  # the outline entry over the behaviour pages
        for card in cards:
            theme = next(t for t in themes if t["id"] == card["theme"])
            local = {**context, "card": card, "theme": theme, "position": card["position"]}
            blocks += _blocks(template, local, card, problems)
    return Pack(f"{deck.title}: facilitator pack", tuple(blocks))


_NUMBERED = re.compile(r"^\d+\.\s+")


def _blocks(template: TextTemplate, context: dict, card: dict | None, problems: Problems) -> list[Block]:
    rendered = template.render(context, problems, f"facilitator template {Path(template.where.path).name}")
    if rendered is None:
        return []
    blocks: list[Block] = []
    paragraph: list[str] = []
    listing: list[str] = []
    numbered = False

    def flush() -> None:
        nonlocal paragraph, listing
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph = []
        if listing:
            blocks.append(Block("numbered" if numbered else "bullets", items=tuple(listing)))
            listing = []

    for raw in rendered.split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("@"):
            flush()
            block = _directive(line, template, card, context, problems)
            if block is not None:
                blocks.append(block)
        elif line.startswith("#"):
            flush()
            hashes = len(line) - len(line.lstrip("#"))
            blocks.append(Block("heading", line[hashes:].strip(), level=min(hashes, 3)))
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


def _directive(line: str, template: TextTemplate, card: dict | None, context: dict, problems: Problems) -> Block | None:
    name, _, rest = line[1:].partition(" ")
    rest = rest.strip()
    # Rendered lines do not keep template lines: point at the first line that writes this directive.
    source_line = next((n for n, text in enumerate(template.source.splitlines(), 1) if f"@{name}" in text), 0)
    where = Where(template.where.path, source_line, 1)
    if name == "page":
        return Block("page")
    if name in ("title", "subtitle"):
        return Block(name, rest)
    if name == "swatch":
        colour, _, text = rest.partition(" ")
        if not re.match(r"^#[0-9A-Fa-f]{6}$", colour):
            problems.add(where, f"@swatch needs a colour like #005EB8 before its text, not '{colour}'")
            return None
        return Block("swatch", text.strip(), colour=colour)
    if name in ("lines", "spacer"):
        try:
            number = float(rest)
        except ValueError:
            problems.add(where, f"@{name} needs a number, not '{rest}'")
            return None
        return Block(name, number=number)
    if name == "indicators":
        if card is None:
            problems.add(where, "@indicators belongs in behaviour.j2, where there is a card")
            return None
        return Block("indicators", items=(tuple(card["indicators"]["enabling"]), tuple(card["indicators"]["obstructing"])))
    if name == "assessment":
        rows = tuple((c["title"], next(t["name"] for t in context["themes"] if t["id"] == c["theme"])) for c in context["cards"])
        return Block("assessment", items=rows)
    problems.add(where, f"unknown directive '@{name}' (known: @page, @title, @subtitle, @swatch, @indicators, @lines, @assessment, @spacer)")
    return None
