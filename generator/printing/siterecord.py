"""What a published site holds of ours: `.cards-site.json` in the site's folder, so that
`cards publish` replaces only files it wrote itself, keeps every deck it published
before listed (the index and the statement are made from the record, not from this
run's decks alone) and refuses when someone else's file is in the way. Pure data, and
the reading and writing of that one file.

A site published before the record existed is adopted: its index, statement and shared
assets are ours where the index says our generator made it, and each deck folder's own
files where its manifest.json says so (the deck then stays listed from its manifest)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.pofiles import own_language_name
from generator.errors import UsageError, display_path

RECORD = ".cards-site.json"
RECORD_VERSION = 1
MAX_RECORD_BYTES = 20_000_000  # thousands of decks' files; more is not a record we wrote
GENERATOR_NAME = "behaviour-cards"


@dataclass
class SiteRecord:
    owned: set[str] = field(default_factory=set)  # every file publish wrote, as a path from the site's folder
    decks: dict[str, dict] = field(default_factory=dict)  # deck id -> entry, statement, date, stems, fonts

    def deck_folders(self, deck_id: str) -> list[str]:
        return list(self.decks.get(deck_id, {}).get("stems", []))

    def as_json(self) -> str:
        data = {"version": RECORD_VERSION, "generator": GENERATOR_NAME,
                "decks": {key: self.decks[key] for key in sorted(self.decks)}, "owned": sorted(self.owned)}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_record(site: Path) -> SiteRecord:
    """The site's record; an empty one for a new folder; adopted from an earlier site."""
    path = site / RECORD
    if not path.exists():
        return _adopted(site)
    try:
        if path.stat().st_size > MAX_RECORD_BYTES:
            raise ValueError(f"larger than {MAX_RECORD_BYTES // 1_000_000} MB")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("generator") != GENERATOR_NAME or not isinstance(data.get("decks"), dict) \
                or not isinstance(data.get("owned"), list) or not all(isinstance(p, str) for p in data["owned"]):
            raise ValueError("not a record cards publish wrote")
        if data.get("version") != RECORD_VERSION:
            raise ValueError(f"written by a newer cards (record version {data.get('version')})")
        decks = {str(k): v for k, v in data["decks"].items()}
        for deck_id, listing in decks.items():
            _check_listing(deck_id, listing)
        return SiteRecord({_safe(p) for p in data["owned"]}, decks)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise UsageError(f"{display_path(path)}: error: the site's record of what it published cannot be read ({err}); "
                         "publish into a new folder, or restore the file") from None


# What the index and the statement are made of, for every deck (compose/webpage.py makes them)
ENTRY_KEYS = {"title", "subtitle", "publisher", "version", "language", "count", "href", "picture", "picture_width",
              "picture_height", "picture_alt", "editions"}
EDITION_KEYS = {"language", "href", "name"}
STATEMENT_KEYS = {"title", "publisher", "language", "contact", "contact_href"}


def _check_listing(deck_id: str, listing) -> None:
    """A deck's listing has what the index and the deck's pages are made from, and its
    folders are plain names: a record edited by hand fails here, not halfway through."""
    if not isinstance(listing, dict):
        raise ValueError(f"deck '{deck_id[:40]}' is not described")
    stems, entry = listing.get("stems"), listing.get("entry")
    if not isinstance(stems, list) or not stems or not all(isinstance(x, str) and "/" not in x and "\\" not in x
                                                               and x not in ("", ".", "..") for x in stems):
        raise ValueError(f"deck '{deck_id[:40]}' has no folder names")
    if not isinstance(entry, dict) or not ENTRY_KEYS <= set(entry) or not isinstance(entry.get("editions"), list) \
            or not all(isinstance(e, dict) and EDITION_KEYS <= set(e) for e in entry["editions"]):
        raise ValueError(f"deck '{deck_id[:40]}' has no index entry")
    statement = listing.get("statement")
    if statement is not None and (not isinstance(statement, dict) or not STATEMENT_KEYS <= set(statement)):
        raise ValueError(f"deck '{deck_id[:40]}' has no statement entry")
    for key in ("statement", "earlier", "changes", "cards", "fonts"):
        if listing.get(key) is not None and not isinstance(listing[key], (dict, list)):
            raise ValueError(f"deck '{deck_id[:40]}': '{key}' is not what publish writes")


def write_record(site: Path, record: SiteRecord) -> None:
    """Written last, whole or not at all."""
    partial = site / (RECORD + ".partial")
    partial.write_text(record.as_json(), encoding="utf-8", newline="\n")
    os.replace(partial, site / RECORD)


def _safe(relative: str) -> str:
    """A recorded path stays inside the site: no absolute paths, no `..`."""
    parts = relative.replace("\\", "/").split("/")
    if not relative or relative.startswith("/") or ":" in parts[0] or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"a path outside the site: {relative!r}")
    return "/".join(parts)


def _adopted(site: Path) -> SiteRecord:
    record = SiteRecord()
    if not site.is_dir():
        return record
    index = site / "index.html"
    if index.is_file() and _made_by_us(index):
        record.owned.add("index.html")
        if (site / "accessibility.html").is_file() and _made_by_us(site / "accessibility.html"):
            record.owned.add("accessibility.html")
        assets = site / "assets"
        if assets.is_dir():
            record.owned |= {p.relative_to(site).as_posix() for p in assets.rglob("*") if p.is_file()}
    for manifest_path in sorted(site.glob("*/manifest.json")):
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if not isinstance(manifest, dict) or (manifest.get("generator") or {}).get("name") != GENERATOR_NAME:
            continue
        stem = manifest_path.parent.name
        files = [f.get("path") for f in manifest.get("files", []) if isinstance(f, dict) and isinstance(f.get("path"), str)]
        try:
            record.owned |= {_safe(f"{stem}/{path}") for path in files} | {f"{stem}/manifest.json"}
        except ValueError:
            continue
        _adopt_deck(record, stem, manifest, files)
    return record


def _adopt_deck(record: SiteRecord, stem: str, manifest: dict, files: list[str]) -> None:
    """An earlier site's deck, listed from its manifest until it is published again."""
    deck_id = str(manifest.get("deck") or stem)
    entry = record.decks.setdefault(deck_id, {"stems": [], "entry": None, "statement": None, "date": None, "fonts": []})
    entry["stems"].append(stem)
    language = str(manifest.get("language") or "en")
    if entry["entry"] is None or language == (manifest.get("languages") or [language])[0]:
        entry["entry"] = {
            "title": str(manifest.get("title") or deck_id), "subtitle": None, "publisher": manifest.get("publisher"),
            "version": manifest.get("version"), "language": language, "count": str(manifest.get("cards", "")),
            "href": f"{stem}/index.html", "picture": None, "picture_width": 0, "picture_height": 0, "picture_alt": "",
            "editions": [],
        }
        entry["statement"] = {"title": entry["entry"]["title"], "publisher": manifest.get("publisher"), "language": language,
                              "contact": None, "contact_href": None}
    entry["entry"]["editions"].append({"language": language, "href": f"{stem}/index.html", "name": own_language_name(language)})


def _made_by_us(page: Path) -> bool:
    try:
        with page.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(4000)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR_NAME}' in head


__all__ = ["RECORD", "SiteRecord", "read_record", "write_record"]
