"""The content model: decks, theme groups and behaviours. Frozen data, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import Where

STATUSES = ("official", "illustrative")
PERSPECTIVES = ("individual", "organisational", "system")


@dataclass(frozen=True)
class Colour:
    """A colour for print (CMYK, 0-1) and screen (RGB, 0-1)."""

    rgb: tuple[float, float, float]
    cmyk: tuple[float, float, float, float]

    @classmethod
    def from_hex(cls, hex_code: str, cmyk: tuple[float, float, float, float] | None = None) -> "Colour":
        digits = hex_code.lstrip("#")
        rgb = tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return cls(rgb, cmyk if cmyk is not None else cmyk_from_rgb(rgb))  # type: ignore[arg-type]

    @property
    def hex(self) -> str:
        return "#" + "".join(f"{round(c * 255):02X}" for c in self.rgb)


def cmyk_from_rgb(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """The plain device conversion; decks give a measured CMYK where it matters."""
    k = 1 - max(rgb)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    c, m, y = ((1 - channel - k) / (1 - k) for channel in rgb)
    return (round(c, 4), round(m, 4), round(y, 4), round(k, 4))


@dataclass(frozen=True)
class ThemeGroup:
    """One of a deck's themes: the behaviours under it share its colour."""

    id: str
    name: str
    colour: Colour
    mark: str  # a shape from marks.MARKS
    where: Where = field(compare=False)
    colour_where: Where = field(compare=False, default=Where("?"))


@dataclass(frozen=True)
class CardAdaptation:
    """A base card whose words a local variant changed: whose words are whose."""

    by: str | None  # the variant's own publisher, if it names one
    base_title: str  # the deck it was adapted from
    base_publisher: str | None
    changed: tuple[str, ...]  # of CARD_FIELDS: the variant's words now
    base_source: str | None  # the base card's `source`: it covers only the fields not changed

    @property
    def unchanged(self) -> tuple[str, ...]:
        return tuple(f for f in CARD_FIELDS if f not in self.changed)


CARD_FIELDS = ("title", "description", "indicators", "questions")  # a card's words, field by field


@dataclass(frozen=True)
class Behaviour:
    id: str
    title: str
    theme: str  # a ThemeGroup id
    description: str
    enabling: tuple[str, ...]
    obstructing: tuple[str, ...]
    questions: dict[str, str]  # perspective -> question, in PERSPECTIVES order
    status: str
    source: str | None
    where: Where = field(compare=False)  # the behaviour file
    field_where: dict[str, Where] = field(compare=False, default_factory=dict)
    wording_by: str | None = None  # a variant's inherited, unchanged card: its base's publisher
    adapted: CardAdaptation | None = None  # a base card a variant reworded

    def where_of(self, key: str) -> Where:
        return self.field_where.get(key, self.where)


@dataclass(frozen=True)
class Deck:
    id: str
    folder: str
    title: str
    subtitle: str | None
    publisher: str | None
    version: str | None
    date: str | None  # YYYY-MM-DD: the edition's date, carried by the files
    language: str
    licence: str | None
    contact: str | None
    website: str | None
    notes: str | None
    illustrative_notice: str
    themes: tuple[ThemeGroup, ...]
    layout: str
    style: str  # the visual theme's name (deck.yaml `defaults: theme:`)
    behaviours: tuple[Behaviour, ...]
    where: Where = field(compare=False)
    field_where: dict[str, Where] = field(compare=False, default_factory=dict)
    outputs: tuple[str, ...] | None = None  # deck.yaml `defaults: outputs:`; None: every output
    printing: str | None = None  # deck.yaml `defaults: printing:`, a name in conditions.CONDITIONS
    adaptation: object | None = None  # variants.Adaptation: what a variant was adapted from and changed
    languages: tuple[str, ...] = ()  # every language the deck is printed in, the one it is written in first
    labels: dict[str, str] = field(default_factory=dict)  # deck.yaml `labels:`: the deck's own words for the tool's
    words: object | None = None  # words.Words: the tool's words in this edition's language (translations.edition)
    draft: bool = False  # an edition printed with text left untranslated (--allow-untranslated)
    untranslated: frozenset[str] = frozenset()  # a draft's texts printed in the language they were written in
    licence_id: str | None = None  # deck.yaml `licence_id`: an SPDX identifier, for machines
    licence_url: str | None = None  # deck.yaml `licence_url`: where the licence's text is
    edition_stamp: str | None = None  # deck.yaml `edition_stamp: true`: "v1.0" (or the date), printed on every card
    site_url: str | None = None  # deck.yaml `links: site:`: where the deck is published (cards publish)
    qr_side: str | None = None  # `links: qr:`: the face ("front" or "back") printed with a code to the card's page

    def card_url(self, card_id: str) -> str | None:
        """The card's page on the published site, at the same address in every edition."""
        return f"{self.site_url}/{self.stem}/cards/{card_id}/" if self.site_url else None

    @property
    def deck_url(self) -> str | None:
        return f"{self.site_url}/{self.stem}/" if self.site_url else None

    @property
    def licence_link(self) -> str | None:
        """The licence's web address: as given, or the SPDX page of its identifier."""
        if self.licence_url:
            return self.licence_url
        return f"https://spdx.org/licenses/{self.licence_id}.html" if self.licence_id else None

    @property
    def stem(self) -> str:
        """The start of the edition's file names: the deck id, plus the language unless it is
        the source's, plus "draft" for a draft, whose files never take a final edition's name."""
        stem = self.id if not self.languages or self.language == self.languages[0] else f"{self.id}-{self.language}"
        return f"{stem}-draft" if self.draft else stem

    def where_of(self, key: str) -> Where:
        return self.field_where.get(key, self.where)

    def group(self, theme_id: str) -> ThemeGroup:
        return next(g for g in self.themes if g.id == theme_id)

    def group_index(self, theme_id: str) -> int:
        return next(i for i, g in enumerate(self.themes) if g.id == theme_id)
