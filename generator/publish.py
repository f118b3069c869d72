"""`cards publish`: a static website of card decks that works from disk (file://) and on
any static host, nothing fetched from elsewhere.

    site/index.html                   the decks: title, publisher, languages, cards, a card image
    site/assets/                      stylesheet, script, the decks' font files (and their licence)
    site/<deck>[-<lang>]/index.html   every card as images and as text, by theme; downloads; about
    site/<deck>[-<lang>]/guide.html   the facilitator pack's content as a web page
    site/<deck>[-<lang>]/cards/<card-id>/index.html  a page per card, at the same address in every edition
    site/<deck>[-<lang>]/files/       every PDF, the card images zipped, one zip of everything
    site/<deck>[-<lang>]/images/      a PNG of every card face and a contact sheet
    site/<deck>[-<lang>]/manifest.json  deck, version, licence, generator, build date, every file's bytes and sha256

    site/.cards-site.json             what publish wrote and each deck's listing (siterecord.py)

The stages: build every deck's files as `cards build` does (each preflighted; press files
and screen decks always), draw the images from the screen deck (screen colours), write the pages, the zips
and the manifests into a temporary folder, and only then move them into the site folder.
The site is a catalogue: publishing adds or updates the decks named and keeps every
other deck listed; it replaces only files it wrote (its record says which), a deck with
problems is left out and reported, and the same input gives byte-identical files.
"""
from __future__ import annotations

import os
import shutil
from html import unescape as html_unescape
from xml.sax.saxutils import escape as xml_escape
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import __version__
from generator.compose.webpage import (
    CARD_PAGES,
    GUIDE_PAGE,
    WORKSHOP_PAGE,
    CardPictures,
    Download,
    Edition,
    card_page,
    workshop_page,
    deck_page,
    download_groups,
    edition_history,
    file_size,
    guide_page,
    index_entry,
    index_page,
    statement_entry,
    statement_page,
)
from generator.content.catalogue import BUILTIN_LAYOUTS
from generator.content.editions import changes_between, edition_folder, edition_name, snapshot
from generator.content.deck import read_deck
from generator.content.model import Deck
from generator.content.words import words_of
from generator.design.text import web_page
from generator.errors import BuildError, Problem, Problems, UsageError, Where, display_path
from generator.images import check_dpi, face_names
from generator.kit import write_kit
from generator.pipeline import Notice, PrintOptions, Written, build, choose_design
from generator.printing.bundle import built_at, manifest_text, write_zip
from generator.printing.outputs import Design, adapted_base, adapted_from, build_epoch, wanted
from generator.printing.siterecord import SiteRecord, read_record, write_record
from generator.printing.pictures import DEFAULT_DPI, contact_sheet_name, pixels, share_image_name
from generator.render.bitmaps import share_image, write_face_images
from generator.render.webfonts import characters_of, write_web_font

SITE_TEMPLATES = BUILTIN_LAYOUTS / "site"
GENERATOR = f"behaviour-cards {__version__}"
# The faces the pages set text in (the site's stylesheet uses no semibold): role -> CSS weight, style
FONT_FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic")}
LICENCE_NAMES = ("LICENSE", "LICENCE", "OFL", "COPYING")  # a font's licence file beside it starts with one of these


@dataclass(frozen=True)
class Published:
    site: Path
    editions: list[Deck]  # one per deck and language, each a page
    files: int  # every file written
    notices: list[Notice]
    warnings: list[Problem]
    problems: list[Problem] = field(default_factory=list)  # of the decks not published
    failed: list[str] = field(default_factory=list)  # their folders


@dataclass(frozen=True)
class _Edition:
    deck: Deck
    design: Design
    files: list[Written]


def publish_site(deck_dirs: list[Path], site: Path, dpi: float = DEFAULT_DPI, options: PrintOptions | None = None,
                 base_url: str | None = None, strict: bool = False) -> Published:
    """Build `deck_dirs` and add them to the site in `site`: every deck published there
    before stays listed and working. A deck with problems is left out and reported (with
    `strict`, or when no deck is good, a BuildError and nothing written). Only files this
    command wrote are ever replaced; a file of someone else's in the way is a UsageError
    before anything is written."""
    check_dpi(dpi)
    _check_site_folder(site)
    options = options or PrintOptions()
    record = read_record(site)
    _refuse_if_in_the_way(site, SHARED_FILES, record)  # before the work: the pages every publish writes
    staging = Path(tempfile.mkdtemp(prefix="cards-publish-"))
    try:
        written, notices, warnings, problems, failed = _build_files(deck_dirs, staging / "build", options, record)
        if problems and (strict or not written):
            raise BuildError(problems)
        editions = _editions(written)
        root = staging / "site"
        fonts = _write_assets(root / "assets", [e.design for e in editions], notices)
        histories: dict[str, dict] = {}
        for edition in editions:  # a deck's editions are told apart by its first (source) language's words
            histories.setdefault(edition.deck.id, _history(record.decks.get(edition.deck.id), edition.deck))
        published: dict[str, dict] = {}
        for edition in editions:
            deck = edition.deck
            history = histories[deck.id]
            shelf = _shelf(record, site, deck.stem, history)
            entry = _publish_edition(edition, editions, root, dpi, options, base_url, fonts, shelf, history)
            if history["archive"]:
                _archive(site, root, deck.stem, record, history["archive"])
            listing = published.setdefault(deck.id, {"stems": [], "entry": entry, "date": deck.date,
                                                     "statement": statement_entry(deck),
                                                     "fonts": _font_faces(edition.design, fonts),
                                                     **{k: v for k, v in history.items() if k != "archive"}})
            listing["stems"].append(deck.stem)  # a deck's listing: its first (source) language
        stale = {deck_id: record.deck_folders(deck_id) for deck_id in published}
        record.decks.update(published)
        listed = [record.decks[deck_id] for deck_id in sorted(record.decks)]
        first = editions[0].deck
        words = words_of(first)
        context = index_page([item["entry"] for item in listed], first.language, words, "assets", GENERATOR, base_url)
        context["fonts"] = published[first.id]["fonts"]
        context["statement"] = "accessibility.html"
        _write_text(root / "index.html", web_page(SITE_TEMPLATES, "index.html.j2", context))
        statement = statement_page([item["statement"] for item in listed if item.get("statement")], first.language, words,
                                   "assets", GENERATOR, _prepared(listed), base_url)
        statement["fonts"] = context["fonts"]
        statement["guides"] = (any((root / e.deck.stem / GUIDE_PAGE).is_file() for e in editions)
                               or any(path.endswith("/" + GUIDE_PAGE) for path in record.owned))
        _write_text(root / "accessibility.html", web_page(SITE_TEMPLATES, "accessibility.html.j2", statement))
        _write_web_fonts(root, site, [e.design for e in editions], fonts, record)
        if base_url:
            _write_search_files(root, record, stale, base_url)
        count = sum(1 for p in root.rglob("*") if p.is_file())
        _move_into(root, site, record, stale)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Published(site, [e.deck for e in editions], count, notices, warnings, problems, failed)


def _prepared(listed: list[dict]) -> str | None:
    """The statement's date: the newest of the decks' dates (the site is as new as they are);
    None where no deck gives one (no date is better than a made-up one)."""
    dates = [str(item["date"]) for item in listed if item.get("date")]
    return max(dates) if dates else None


def _history(old: dict | None, deck: Deck) -> dict:
    """The deck's editions as the record will keep them: this one's name, date and cards;
    the earlier ones (newest first), each in its own folder; what changed since the last;
    and `archive`, the folder the edition now replaced moves to (None if it is the same
    edition published again, or has no name to keep it by)."""
    name, cards = edition_name(deck), snapshot(deck)
    current = {"edition": name, "cards": cards, "earlier": [], "changes": None, "since": None, "archive": None}
    if not old:
        return current
    before = old.get("edition")
    earlier = [e for e in old.get("earlier") or [] if isinstance(e, dict) and isinstance(e.get("folder"), str)]
    if not name or not before or before == name:
        return {**current, "earlier": earlier, "changes": old.get("changes"), "since": old.get("since")}
    folder = edition_folder(before)
    if any(e["folder"] == folder for e in earlier):  # an edition's name used again: the first kept stays
        folder = edition_folder(f"{before}-{len(earlier) + 1}")
    kept = {"edition": before, "date": old.get("date"), "folder": folder}
    return {**current, "earlier": [kept] + earlier, "changes": changes_between(old.get("cards") or {}, cards),
            "since": before, "archive": folder}


def _shelf(record: SiteRecord, site: Path, stem: str, history: dict) -> list[dict]:
    """The earlier editions a deck page lists, each with its files (hrefs from the page)."""
    shelf = []
    for kept in history["earlier"]:
        source = f"{stem}/files/" if kept["folder"] == history["archive"] else f"{stem}/{kept['folder']}/files/"
        names = sorted(path[len(source):] for path in record.owned if path.startswith(source) and "/" not in path[len(source):])
        tag = kept["folder"].rsplit("/", 1)[-1]  # saved as <stem>-<edition>-...: never over this edition's own files
        files = [{"href": f"{kept['folder']}/files/{name}", "name": name,
                  "download": f"{stem}-{tag}{name[len(stem):]}" if name.startswith(stem) else f"{tag}-{name}",
                  "size": file_size((site / source / name).stat().st_size) if (site / source / name).is_file() else ""}
                 for name in names]
        if files:
            shelf.append({"edition": kept["edition"], "date": kept.get("date"), "files": files})
    return shelf


def _archive(site: Path, root: Path, stem: str, record: SiteRecord, folder: str) -> None:
    """The replaced edition's downloads and manifest, kept in `<stem>/<folder>/`."""
    for path in sorted(record.owned):
        if path.startswith(f"{stem}/files/") or path == f"{stem}/manifest.json":
            relative = path[len(stem) + 1:]
            if (site / path).is_file():
                target = root / stem / folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site / path, target)


def _write_search_files(root: Path, record: SiteRecord, stale: dict[str, list[str]], base_url: str) -> None:
    """sitemap.xml (every page of the site, the decks published before included) and a
    robots.txt pointing at it: for a site with a known address."""
    replaced = tuple(f"{stem}/" for stems in stale.values() for stem in stems)
    kept = {path for path in record.owned if path.endswith(".html") and not path.startswith(replaced)}
    new = {p.relative_to(root).as_posix() for p in root.rglob("*.html")}
    base = base_url.rstrip("/") + "/"
    addresses = [base + path.removesuffix("index.html") for path in sorted(kept | new)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{xml_escape(address)}</loc></url>" for address in addresses]
    _write_text(root / "sitemap.xml", "\n".join(lines + ["</urlset>"]) + "\n")
    _write_text(root / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")


def _check_site_folder(site: Path) -> None:
    if site.exists() and not site.is_dir():
        raise UsageError(f"--out {display_path(site)} is a file, not a folder")
    if (site / "deck.yaml").exists() or (site / "cards").is_dir() or site.resolve() == Path.cwd().resolve():
        raise UsageError(f"--out {display_path(site)}: publish into a folder of its own (e.g. --out site), "
                         "not a deck or project folder")


def _build_files(deck_dirs: list[Path], folder: Path, options: PrintOptions, record: SiteRecord
                 ) -> tuple[list[Written], list[Notice], list[Problem], list[Problem], list[str]]:
    """Every deck's files, as `cards build` makes them (a deck's press file and screen deck
    always); the problems of the decks left out, and their folders."""
    written: list[Written] = []
    notices: list[Notice] = []
    warnings: list[Problem] = []
    problems: list[Problem] = []
    failed: list[str] = []
    seen: dict[str, Path] = {}
    for deck_dir in deck_dirs:
        deck = read_deck(deck_dir, Problems())  # only for its outputs; build reports its problems
        # The press file always (the print master), and the screen deck, which the card images are drawn from
        kinds = None if deck is None else ("press", "screen") + tuple(k for k in wanted(deck, options) if k not in ("press", "screen"))
        outcome = build([deck_dir], folder, options=replace(options, outputs=kinds), strict=True)
        notices += outcome.notices
        warnings += outcome.warnings
        mine = list(outcome.problems)
        if deck is not None and outcome.written:
            if deck.id in seen:
                mine.append(Problem(deck.where, f"two decks have the id '{deck.id}' (also {display_path(seen[deck.id])}); "
                                                f"their pages would collide"))
            elif deck.id in RESERVED_NAMES or deck.id.startswith("."):
                mine.append(Problem(deck.where_of("id"),
                                    f"a deck published on a site cannot have the id '{deck.id}': the site uses that "
                                    "name for its own files; give the deck another id"))
            seen.setdefault(deck.id, deck_dir)
        if mine:
            problems += mine
            failed.append(display_path(deck_dir))
        else:
            written += outcome.written
    return written, notices, warnings, problems, failed


RESERVED_NAMES = {"assets", "index.html", "accessibility.html"}


def _editions(written: list[Written]) -> list[_Edition]:
    by_stem: dict[str, _Edition] = {}
    for item in written:
        deck = item.deck
        if deck.stem not in by_stem:
            design = choose_design(deck, None, None, Problems())  # read once already by the build, so it holds
            by_stem[deck.stem] = _Edition(deck, design, [])
        by_stem[deck.stem].files.append(item)
    return list(by_stem.values())


def _write_assets(folder: Path, designs: list[Design], notices: list[Notice]) -> dict[str, str]:
    """The stylesheet, the script, the icon, and each font's licence: font name -> the web
    font's file name (written by `_write_web_fonts` once the pages are). A font is
    published only with its licence beside it; without one, pages use the reader's fonts."""
    (folder / "fonts").mkdir(parents=True)
    for name in ("site.css", "site.js", "workshop.js", "favicon.svg"):
        shutil.copyfile(SITE_TEMPLATES / name, folder / name)
    files: dict[str, str] = {}
    for design in designs:
        for font in _web_faces(design):
            if font.name in files:
                continue
            licence = _licence_beside(font.path)
            if licence is None:
                notice = Notice(Where(display_path(font.path)),
                                f"the font {font.name} has no licence file beside it (LICENSE, OFL.txt, ...): it is not "
                                "published on the site, whose pages use the reader's own fonts instead")
                if notice not in notices:
                    notices.append(notice)
                continue
            files[font.name] = f"{font.name}.woff2"
            family = font.name.split("-")[0]
            shutil.copyfile(licence, folder / "fonts" / f"{family}-{licence.stem}.txt")
    return files


def _web_faces(design: Design) -> list:
    return [font for role, font in design.style.fonts.items() if role in FONT_FACES]


def _licence_beside(font: Path) -> Path | None:
    """The licence file in a font's own folder: LICENSE.txt, OFL.txt, SourceSansPro-OFL.txt ..."""
    try:
        candidates = sorted(p for p in font.parent.iterdir() if p.is_file() and p.suffix.lower() in ("", ".txt", ".md"))
    except OSError:
        return None
    return next((p for p in candidates if any(name in p.stem.upper() for name in LICENCE_NAMES)), None)


def _write_web_fonts(root: Path, site: Path, designs: list[Design], files: dict[str, str], record: SiteRecord) -> None:
    """Each published font cut to the characters of every page written, and of its own
    file already on the site (so pages published before keep their glyphs), as WOFF2."""
    used: set[str] = set()
    for page in root.rglob("*.html"):
        used |= set(html_unescape(page.read_text(encoding="utf-8")))
    written: set[str] = set()
    for design in designs:
        for font in _web_faces(design):
            name = files.get(font.name)
            if name is None or name in written:
                continue
            before = site / "assets" / "fonts" / name
            kept = characters_of(before) if f"assets/fonts/{name}" in record.owned and before.is_file() else set()
            write_web_font(font.path, used | kept, root / "assets" / "fonts" / name)
            written.add(name)


def _font_faces(design: Design, files: dict[str, str]) -> list[dict]:
    return [{"file": files[font.name], "weight": FONT_FACES[role][0], "style": FONT_FACES[role][1], "format": "woff2"}
            for role, font in design.style.fonts.items() if role in FONT_FACES and font.name in files]


def _publish_edition(edition: _Edition, editions: list[_Edition], root: Path, dpi: float, options: PrintOptions,
                     base_url: str | None, fonts: dict[str, str], shelf: list[dict], history: dict) -> dict:
    """One deck in one language: its folder, and its entry for the index."""
    deck, layout = edition.deck, edition.design.layout
    words = words_of(deck)
    folder = root / deck.stem
    (folder / "files").mkdir(parents=True)
    epoch = build_epoch(deck.date, dict(os.environ))
    downloads = []
    bundle: list[tuple[str, Path]] = []
    for item in edition.files:
        target = folder / "files" / item.path.name
        shutil.copyfile(item.path, target)
        bundle.append((f"{deck.stem}/{target.name}", target))
        downloads.append(Download(f"files/{target.name}", words(f"site-{item.kind}-file", paper=item.paper),
                                  f"PDF, {file_size(target.stat().st_size)}", _hint(item.kind, words, options),
                                  DOWNLOAD_GROUPS[item.kind]))
    screen = next(item for item in edition.files if item.kind == "screen")  # screen colours, for a screen
    names = face_names(deck)
    images = write_face_images(screen.path, names, folder / "images", dpi, False, contact_sheet_name(deck.stem))
    # Every zip says what it holds and under what licence, wherever it is passed on to.
    notes = root.parent / "zip-notes" / deck.stem
    notes.mkdir(parents=True)
    _write_text(notes / "LICENSE.txt", _licence_text(deck, words))
    images_zip = folder / "files" / f"{deck.stem}-images.zip"
    _write_text(notes / "README-images.txt", _readme_text(deck, words, [(words("site-images", dpi=f"{dpi:g}"),
                                                                             words("site-images-hint"))]))
    write_zip(images_zip, [(f"{deck.stem}-images/{p.name}", p) for p in images]
              + [(f"{deck.stem}-images/README.txt", notes / "README-images.txt"), (f"{deck.stem}-images/LICENSE.txt", notes / "LICENSE.txt")],
              epoch)
    bundle += [(f"{deck.stem}/images/{p.name}", p) for p in images]
    _write_text(notes / "README.txt", _readme_text(deck, words, [(d.title, d.hint) for d in downloads]))
    bundle += [(f"{deck.stem}/README.txt", notes / "README.txt"), (f"{deck.stem}/LICENSE.txt", notes / "LICENSE.txt")]
    # The whiteboard kit (cards kit), zipped: faces sized for a board, the card-sort board, the online sheet.
    kit = write_kit(deck, screen.path, root.parent / "kits" / deck.stem, options)
    kit_zip = folder / "files" / f"{deck.stem}-whiteboard-kit.zip"
    _write_text(notes / "README-kit.txt", _readme_text(deck, words, [(words("site-kit"), words("site-kit-hint"))]))
    write_zip(kit_zip, [(f"{deck.stem}-whiteboard-kit/{p.relative_to(kit.folder).as_posix()}", p)
                        for p in (*kit.faces, kit.sort_board, kit.online_sheet)]
              + [(f"{deck.stem}-whiteboard-kit/README.txt", notes / "README-kit.txt"),
                 (f"{deck.stem}-whiteboard-kit/LICENSE.txt", notes / "LICENSE.txt")], epoch)
    everything = folder / "files" / f"{deck.stem}.zip"
    write_zip(everything, bundle, epoch)
    downloads += [
        Download(f"files/{images_zip.name}", words("site-images", dpi=f"{dpi:g}"), f"ZIP, {file_size(images_zip.stat().st_size)}",
                 words("site-images-hint"), "screen"),
        Download(f"images/{images[-1].name}", words("site-contact-sheet"), f"PNG, {file_size(images[-1].stat().st_size)}",
                 words("site-contact-sheet-hint"), "screen"),
        Download(f"files/{kit_zip.name}", words("site-kit"), f"ZIP, {file_size(kit_zip.stat().st_size)}",
                 words("site-kit-hint"), "facilitate"),
        Download(f"files/{everything.name}", words("site-everything"), f"ZIP, {file_size(everything.stat().st_size)}",
                 words("site-everything-hint"), "all"),
    ]
    if len(images) > 2:  # a picture for link previews: the first card's faces beside the deck's title
        fonts_of = edition.design.style.fonts
        share_image(images[0], images[1], deck.title, [t for t in (deck.subtitle, deck.publisher) if t],
                    fonts_of["regular"].path, fonts_of["bold"].path, deck.themes[0].colour.hex if deck.themes else "#4A4A4A",
                    folder / "images" / share_image_name(deck.stem))
    width, height = pixels(layout.width, dpi), pixels(layout.height, dpi)
    pictures = [CardPictures(f"images/{names[i]}", f"images/{names[i + 1]}", width, height) for i in range(0, len(names), 2)]
    same_deck = [e.deck for e in editions if e.deck.id == deck.id]
    links = [Edition(d.language, f"../{d.stem}/index.html", d.stem == deck.stem) for d in same_deck]
    share = f"images/{share_image_name(deck.stem)}" if (folder / "images" / share_image_name(deck.stem)).is_file() else None
    context = deck_page(deck, pictures, downloads, links, "../assets", GENERATOR, adapted_base(deck), base_url, f"{deck.stem}/",
                        share=share)
    context.update(fonts=_font_faces(edition.design, fonts), manifest="manifest.json")
    logo = edition.design.style.logo
    if logo is not None and logo.is_file():  # the theme's logo, as the cards print it
        shutil.copyfile(logo, folder / "images" / f"{deck.stem}-logo{logo.suffix.lower()}")
        context["logo"] = f"images/{deck.stem}-logo{logo.suffix.lower()}"
    context["history"] = edition_history(deck, history["edition"], shelf, history["changes"], history["since"])
    packs = [item for item in edition.files if item.kind == "facilitator" and item.pack is not None]
    if packs:  # the pack's content as a web page too: HTML first, the PDFs beside it
        pdfs = [d for d in downloads if d.href in {f"files/{item.path.name}" for item in packs}]
        guide = guide_page(deck, packs[0].pack, pictures, pdfs, options.forms, "../assets", GENERATOR, base_url,
                           f"{deck.stem}/{GUIDE_PAGE}")
        guide["fonts"] = context["fonts"]
        _write_text(folder / GUIDE_PAGE, web_page(SITE_TEMPLATES, "guide.html.j2", guide))
    pages = ([Download(GUIDE_PAGE, words("site-guide-file"), "HTML", words("site-guide-hint"), "facilitate", page=True)]
             if packs else [])
    if pictures:
        pages.append(Download(WORKSHOP_PAGE, words("site-draw-file"), "HTML", words("site-draw-hint"), "facilitate", page=True))
    if pages:  # the web pages first, the files beside them
        context["download_groups"] = download_groups(pages + downloads, words)
    if pictures:  # the cards one at a time, for a workshop on a call
        draws = [(d.language, f"../{d.stem}/{WORKSHOP_PAGE}") for d in same_deck]
        _write_text(folder / WORKSHOP_PAGE, web_page(SITE_TEMPLATES, "workshop.html.j2",
                                                     workshop_page(context, deck, base_url, f"{deck.stem}/", draws)))
    _write_text(folder / "index.html", web_page(SITE_TEMPLATES, "deck.html.j2", context))
    for position, card in enumerate(deck.behaviours, 1):  # a page per card, at the same address in every edition
        languages = [(d.language, f"../../../{d.stem}/{CARD_PAGES}/{card.id}/index.html") for d in same_deck]
        page = card_page(deck, position, pictures, languages, "../assets", GENERATOR, base_url, f"{deck.stem}/", share)
        page["fonts"] = context["fonts"]
        _write_text(folder / CARD_PAGES / card.id / "index.html", web_page(SITE_TEMPLATES, "card.html.j2", page))
    about = {
        "deck": deck.id, "title": deck.title, "version": deck.version, "language": deck.language,
        "languages": list(deck.languages), "publisher": deck.publisher, "licence": deck.licence,
        "licence_id": deck.licence_id, "licence_url": deck.licence_link,
        "adapted_from": adapted_from(deck), "cards": len(deck.behaviours),
        "generator": {"name": "behaviour-cards", "version": __version__}, "built": built_at(epoch),
    }
    _write_text(folder / "manifest.json", manifest_text(about, folder))
    entry = index_entry(deck, same_deck, pictures[0] if pictures else None)
    entry["share"] = f"{deck.stem}/{share}" if share else None
    return entry


def _licence_text(deck: Deck, words) -> str:
    """LICENSE.txt inside a deck's zips: the deck's licence as written, its identifier and address."""
    lines = [deck.title, ""]
    if deck.publisher:
        lines.append(f"{words('published-by')}: {deck.publisher}")
    if deck.licence or deck.licence_id or deck.licence_link:
        lines += [f"{words('site-licence')}: {deck.licence or deck.licence_id}"]
        if deck.licence_id:
            lines.append(f"SPDX: {deck.licence_id}")
        if deck.licence_link:
            lines.append(deck.licence_link)
    else:
        lines.append(words("zip-no-licence"))
    if deck.contact:
        lines.append(f"{words('contact')}: {deck.contact}")
    return "\n".join(lines) + "\n"


def _readme_text(deck: Deck, words, files: list[tuple[str, str]]) -> str:
    """README.txt inside a zip: the deck, its edition, and each file with how to use it."""
    lines = [deck.title] + ([deck.subtitle] if deck.subtitle else [])
    edition = " · ".join(t for t in (words("site-version", version=deck.version) if deck.version else "",
                                      words("site-published", date=deck.date) if deck.date else "") if t)
    lines += ([edition] if edition else []) + [""]
    for title, hint in files:
        lines += [f"- {title}: {hint}"]
    lines += ["", words("zip-licence-see")]
    return "\n".join(lines) + "\n"


DOWNLOAD_GROUPS = {"sheets": "home", "foldover": "home", "press": "shop", "facilitator": "facilitate", "screen": "screen"}


def _hint(kind: str, words, options: PrintOptions) -> str:
    text = {"press": lambda: words("print-press"), "sheets": lambda: words("print-sheets", flip=words(options.duplex)),
            "foldover": lambda: words("print-foldover"), "facilitator": lambda: words("site-pack-hint"),
            "screen": lambda: words("print-screen")}[kind]()
    return text[:1].upper() + text[1:]


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _move_into(root: Path, site: Path, record: SiteRecord, stale: dict[str, list[str]]) -> None:
    """Move the staged site into `site`, replacing only files the record says are ours:
    first check that nothing of anyone else's is in the way (then nothing is written),
    then move every file in, remove what the republished decks no longer have, and write
    the record last."""
    new = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    _refuse_if_in_the_way(site, new, record)
    site.mkdir(parents=True, exist_ok=True)
    for path in new:
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        shutil.move(str(root / path), str(partial))
        os.replace(partial, target)
    written = set(new)
    gone = {path for path in record.owned - written  # a republished deck's files it no longer has; its editions stay
            if any(path.startswith(f"{stem}/") and not path.startswith(f"{stem}/editions/")
                   for stems in stale.values() for stem in stems)}
    for path in sorted(gone):
        target = site / path
        if target.is_file() and not target.is_symlink():
            target.unlink()
    for folder in sorted({(site / path).parent for path in gone}, key=lambda p: len(p.parts), reverse=True):
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    record.owned = (record.owned - gone) | written
    write_record(site, record)


SHARED_FILES = ("index.html", "accessibility.html", "assets/site.css", "assets/site.js", "assets/favicon.svg")


def _refuse_if_in_the_way(site: Path, paths, record: SiteRecord) -> None:
    in_the_way = [path for path in paths if _blocked(site, path, record.owned)]
    if in_the_way:
        shown = ", ".join(display_path(site / path) for path in in_the_way[:5])
        more = f" and {len(in_the_way) - 5} more" if len(in_the_way) > 5 else ""
        raise UsageError(f"--out {display_path(site)} holds files cards publish did not write, where it would write: "
                         f"{shown}{more}; move them, or publish into another folder (nothing was written)")


def _blocked(site: Path, path: str, owned: set[str]) -> bool:
    """Whether writing `path` would replace something not ours: a file, a folder where the
    file goes, or a file where one of its folders goes."""
    target = site / path
    if target.is_symlink() or target.is_dir():
        return True
    if target.exists():
        return path not in owned
    parent = target.parent
    while parent != site:
        if parent.is_symlink() or (parent.exists() and not parent.is_dir()):
            return True
        parent = parent.parent
    return False


__all__ = ["publish_site", "Published", "SITE_TEMPLATES", "GENERATOR"]
