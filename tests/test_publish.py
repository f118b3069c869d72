"""`cards images` and `cards publish`, read back: image sizes, every link and image of
every page resolving, the manifest's checksums, the zips, the pages' language and alt
text, and byte-identical republishing. (The browser's view: test_site_browser.py.)"""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import BILINGUAL, ROOT, SAMPLE_DECKS
from structure import reading
from PIL import Image

from generator.cli import main
from generator.content.model import PERSPECTIVES
from generator.content.deck import read_deck
from generator.errors import Problems

FLAGSHIP = ROOT / "cards" / "system-leadership"
MM = 72 / 25.4


class Page(HTMLParser):
    """What a page links to and shows: hrefs, image sources with their alt, the html lang."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []
        self.lang = None
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.links.append(attrs["src"])
        if tag == "img":
            self.images.append((attrs.get("src"), attrs.get("alt")))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_images_are_the_trim_size_at_the_asked_dpi(tmp_path, capsys):
    for dpi in (150, 300):
        out = tmp_path / str(dpi)
        assert main(["images", str(FLAGSHIP), "--dpi", str(dpi), "--out", str(out)]) == 0
        faces = sorted(p for p in out.glob("*.png") if not p.name.endswith("contact-sheet.png"))
        assert len(faces) == 26
        assert faces[0].name == "system-leadership-01-authenticity-back.png"
        width, height = 70 * MM, 120 * MM  # the flagship prints on tarot cards, 70 x 120 mm
        for face in faces:
            with Image.open(face) as image:
                assert image.size == (round(width * dpi / 72), round(height * dpi / 72)), face.name
                assert image.mode == "RGB" and image.info.get("srgb") == 0
                assert round(image.info["dpi"][0]) == dpi
        assert (out / "system-leadership-contact-sheet.png").is_file()
    assert "wrote 26 card images" in capsys.readouterr().out


def test_an_image_is_in_screen_colours_trimmed_or_as_the_press_file_prints_with_bleed(tmp_path):
    assert main(["images", str(FLAGSHIP), "--dpi", "72", "--out", str(tmp_path)]) == 0
    trimmed = (tmp_path / "system-leadership-01-authenticity-front.png").read_bytes()
    assert main(["images", str(FLAGSHIP), "--dpi", "72", "--bleed", "--out", str(tmp_path)]) == 0
    # The pictures with bleed have names of their own: the trimmed ones are still there, unchanged.
    assert (tmp_path / "system-leadership-01-authenticity-front.png").read_bytes() == trimmed
    assert len(list(tmp_path.glob("*-bleed.png"))) == 27  # 26 faces and the contact sheet
    with Image.open(tmp_path / "system-leadership-01-authenticity-front-bleed.png") as image:
        assert image.size == (round(76 * MM), round(126 * MM))  # 3 mm bleed each side
        # The front's theme band (Being, NHS blue) runs into the bleed: the top-left pixel is blue.
        red, green, blue = image.getpixel((1, 1))
        assert blue > 120 and red < 60
        press_blue = image.getpixel((1, 1))
    # On a screen, the theme's own screen colour: NHS Blue #005EB8, not the press CMYK seen on screen.
    with Image.open(tmp_path / "system-leadership-01-authenticity-front.png") as image:
        band = image.getpixel((image.width // 2, 3))
    assert max(abs(a - b) for a, b in zip(band, (0x00, 0x5E, 0xB8))) <= 2, band
    assert press_blue != band


def test_images_of_a_deck_with_problems_write_nothing(tmp_path, capsys):
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "deck.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["images", str(deck), "--out", str(tmp_path / "images")]) == 1
    assert not (tmp_path / "images").exists()
    assert "deck.yaml:2:1: error: YAML syntax" in capsys.readouterr().err
    assert main(["images", str(FLAGSHIP), "--dpi", "5000"]) == 2


def test_every_link_and_image_of_every_page_resolves(site):
    checked = 0
    for page in pages(site):
        found = Page(page.read_text(encoding="utf-8"))
        for href in found.links + [src for src, _ in found.images]:
            parts = urlsplit(href)
            if parts.scheme in ("mailto", "https", "http"):
                continue
            assert not parts.scheme and not href.startswith("/"), f"{page}: {href} is not relative"
            if not parts.path:
                assert parts.fragment in found.ids, f"{page}: #{parts.fragment}"
                continue
            assert (page.parent / unquote(parts.path)).is_file(), f"{page.relative_to(site)} links to missing {href}"
            checked += 1
    assert checked > 100


def test_nothing_is_fetched_from_elsewhere(site):
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        # Links to the publisher's website are fine; anything the page loads must be local.
        # (<link rel="canonical|alternate|license"> name addresses; a browser fetches none of them.)
        fetched = re.findall(r"""src=["']?(?:https?:)?//|<link(?![^>]*rel="(?:canonical|alternate|license)")[^>]*href=["']?(?:https?:)?//"""
                             r"""|url\(\s*["']?(?:https?:)?//|@import""", text)
        assert fetched == [], path


def test_the_deck_page_has_every_card_as_images_and_text(site):
    deck = read_deck(FLAGSHIP, Problems())
    found = Page((site / "system-leadership" / "index.html").read_text(encoding="utf-8"))
    assert found.lang == "en-GB"
    for position, card in enumerate(deck.behaviours, 1):
        for text in (card.title, card.description, *card.enabling, *card.obstructing,
                     *(card.questions[p] for p in PERSPECTIVES)):
            assert " ".join(text.split()) in found.plain, text
        for side in ("front", "back"):
            alt = f"Card {position}, {card.title}: {side}"
            assert any(alt == a and src.endswith(f"-{card.id}-{side}.png") for src, a in found.images), alt
    for group in deck.themes:
        assert f'data-theme="{group.id}"' in (site / "system-leadership" / "index.html").read_text(encoding="utf-8")
    assert all(alt for _, alt in found.images)


def _readable_in_pack(pack: Path) -> list[str]:
    """What a screen reader reads in a tagged pack, element by element, less the writing
    areas (a heading over one, a paragraph holding fields): nothing to read on a web page."""
    elements = reading(pack)
    kept = []
    for k, (depth, role, text, _) in enumerate(elements):
        after = elements[k + 1] if k + 1 < len(elements) else (0, "", "", None)
        labels_writing = (after[1] == "Div" and after[0] == depth) or (after[1] == "Form" and after[0] == depth + 1)
        if role in ("H1", "H2", "H3", "H4", "H5", "H6", "P", "LBody", "TD") and text and not labels_writing:
            kept.append(text)
    return kept


def test_the_facilitator_pack_is_also_a_web_page_saying_what_the_pdf_says(site):
    """HTML first: every heading, paragraph, list item and worksheet row a screen reader
    reads in the tagged PDF pack is on the deck's guide page too, in the edition's
    language, with headings that never skip a level, linked from the deck page."""
    editions = sorted(folder for folder in site.iterdir() if (folder / "manifest.json").is_file())
    assert len(editions) == 5
    for folder in editions:
        guide = folder / "guide.html"
        html = guide.read_text(encoding="utf-8")
        found = Page(html)
        assert found.lang == Page((folder / "index.html").read_text(encoding="utf-8")).lang
        assert 'href="guide.html"' in (folder / "index.html").read_text(encoding="utf-8"), folder.name
        on_page = "".join(found.plain.split())
        pack = next(folder.glob("files/*-facilitator-a4.pdf"))
        texts = _readable_in_pack(pack)
        assert len(texts) > 100
        missing = [text for text in texts if "".join(text.split()) not in on_page]
        assert missing == [], f"{folder.name}: {missing[:5]}"
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"{folder.name}: a heading skips a level"
        deck_images = {src: alt for src, alt in Page((folder / "index.html").read_text(encoding="utf-8")).images}
        cards = [(src, alt) for src, alt in found.images]
        assert len(cards) == 2 * len(re.findall(r'<li class="card"', (folder / "index.html").read_text(encoding="utf-8")))
        assert all(deck_images.get(src) == alt for src, alt in cards)


def test_the_welsh_page_is_in_welsh_and_the_pages_link_each_other(site):
    english = Page((site / "bilingual" / "index.html").read_text(encoding="utf-8"))
    welsh = Page((site / "bilingual-cy" / "index.html").read_text(encoding="utf-8"))
    assert english.lang == "en" and welsh.lang == "cy"
    assert "../bilingual-cy/index.html" in english.links and "../bilingual/index.html" in welsh.links
    assert "Cymraeg" in english.plain
    for word in ("Downloads", "Search the cards", "About this deck", "Skip to the cards", "Questions"):
        assert word in english.plain and word not in welsh.plain
    manifest = json.loads((site / "bilingual-cy" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["language"] == "cy"


def test_the_manifest_lists_every_file_with_its_checksum(site):
    for manifest_path in site.glob("*/manifest.json"):
        folder = manifest_path.parent
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed = {entry["path"] for entry in manifest["files"]}
        on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"manifest.json"}
        assert listed == on_disk
        for entry in manifest["files"]:
            data = (folder / entry["path"]).read_bytes()
            assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        for key in ("deck", "title", "version", "language", "licence", "generator", "built"):
            assert key in manifest
    flagship = json.loads((site / "system-leadership" / "manifest.json").read_text(encoding="utf-8"))
    assert flagship["deck"] == "system-leadership" and flagship["generator"]["name"] == "behaviour-cards"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", flagship["built"])


def test_each_deck_has_one_zip_of_everything(site):
    folder = site / "system-leadership"
    with zipfile.ZipFile(folder / "files" / "system-leadership.zip") as bundle:
        names = bundle.namelist()
        assert bundle.testzip() is None
        pdfs = sorted(p.name for p in (folder / "files").glob("*.pdf"))
        assert sorted(n.split("/")[-1] for n in names if n.endswith(".pdf")) == pdfs and len(pdfs) == 8
        assert len([n for n in names if n.endswith(".png")]) == 27
        assert bundle.read(f"system-leadership/{pdfs[0]}") == (folder / "files" / pdfs[0]).read_bytes()
        assert len({info.date_time for info in bundle.infolist()}) == 1  # the build's date, not the clock's


def test_publishing_again_gives_byte_identical_files(site, tmp_path, monkeypatch):
    again = tmp_path / "again"
    assert main(["publish", *map(str, SAMPLE_DECKS), str(BILINGUAL), "--out", str(again)]) == 0
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_source_date_epoch_dates_the_manifest_and_the_zips(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["publish", str(SAMPLE_DECKS[-1]), "--out", str(tmp_path / "site"), "--base-url", "https://example.org/cards/"]) == 0
    folder = next((tmp_path / "site").glob("*/manifest.json")).parent
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:url" content="https://example.org/cards/{folder.name}/">' in page
    assert f'<meta property="og:image" content="https://example.org/cards/{folder.name}/images/{folder.name}-share.png">' in page
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["built"] == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(next((folder / "files").glob("*-images.zip"))) as bundle:
        assert {info.date_time for info in bundle.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_text_is_shown_as_written_never_as_markup(tmp_path):
    deck = tmp_path / "cards" / "markup"
    assert main(["--project", str(tmp_path), "new", "markup", "--title", "Tags <b>& \"quotes\"</b>"]) == 0
    assert main(["publish", str(deck), "--out", str(tmp_path / "site")]) == 0
    text = (tmp_path / "site" / "markup" / "index.html").read_text(encoding="utf-8")
    assert "<b>&" not in text and "Tags &lt;b&gt;&amp; &#34;quotes&#34;&lt;/b&gt;" in text


def _broken_deck(tmp_path: Path) -> Path:
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "deck.yaml").write_text("title: Broken\nthemes: 3\n", encoding="utf-8")
    return deck


def test_a_deck_with_problems_is_left_out_and_the_others_published(tmp_path, capsys):
    """Like `build`: the good decks are published, the broken one listed, exit 1."""
    site = tmp_path / "site"
    assert main(["publish", str(FLAGSHIP), str(_broken_deck(tmp_path)), "--out", str(site)]) == 1
    err = capsys.readouterr().err
    assert "deck.yaml:2:9: error:" in err and "not published: " in err and "the other decks were published" in err
    assert (site / "system-leadership" / "index.html").is_file()
    assert "system-leadership/index.html" in (site / "index.html").read_text(encoding="utf-8")


def test_strict_publishes_nothing_when_a_deck_has_problems(tmp_path, capsys):
    assert main(["publish", str(FLAGSHIP), str(_broken_deck(tmp_path)), "--out", str(tmp_path / "site"), "--strict"]) == 1
    assert not (tmp_path / "site").exists()
    assert "deck.yaml:" in capsys.readouterr().err
    assert main(["publish", str(FLAGSHIP), "--out", str(FLAGSHIP)]) == 2  # never into a deck folder


def test_publishing_one_deck_then_another_keeps_both_listed_and_working(tmp_path):
    """The site is a catalogue: the second publish adds its deck; the first deck's pages,
    files and fonts stay, and the index and the statement list both."""
    site = tmp_path / "site"
    second = ROOT / "cards" / "systems-leadership-dimensions"
    assert main(["publish", str(FLAGSHIP), "--out", str(site)]) == 0
    first_files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "system-leadership").rglob("*") if p.is_file()}
    assert main(["publish", str(second), "--out", str(site)]) == 0
    index = Page((site / "index.html").read_text(encoding="utf-8"))
    assert "system-leadership/index.html" in index.links and "systems-leadership-dimensions/index.html" in index.links
    statement = (site / "accessibility.html").read_text(encoding="utf-8")
    assert "System Leadership Behaviours" in statement and read_deck(second, Problems()).title in statement
    now = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "system-leadership").rglob("*") if p.is_file()}
    assert now == first_files
    # The site's fonts are cut to what the pages use, and grow: the first deck's pages keep every glyph.
    from generator.render.webfonts import characters_of

    fonts = sorted((site / "assets" / "fonts").glob("*.woff2"))
    assert [p.name for p in fonts] == ["SourceSansPro-Bold.woff2", "SourceSansPro-It.woff2", "SourceSansPro-Regular.woff2"]
    assert sum(p.stat().st_size for p in fonts) < 120_000  # whole TrueType fonts: about 570 KB
    assert (site / "assets" / "fonts" / "SourceSansPro-LICENSE.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    shown = set()
    for page in pages(site):
        shown |= set(html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))) - set("\n\t\r")
    for font in fonts:
        assert shown <= characters_of(font), (font.name, sorted(shown - characters_of(font))[:10])
    for page in pages(site):  # every page's links and fonts, the first deck's included, still resolve
        found = Page(page.read_text(encoding="utf-8"))
        for href in found.links + [src for src, _ in found.images]:
            parts = urlsplit(href)
            if not parts.scheme and parts.path:
                assert (page.parent / unquote(parts.path)).is_file(), f"{page.relative_to(site)}: {href}"
        for font in re.findall(r'url\("([^"]+)"\)', page.read_text(encoding="utf-8")):
            assert (page.parent / font).is_file(), f"{page.relative_to(site)}: {font}"


def test_publishing_keeps_files_it_did_not_write_and_refuses_to_replace_them(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["publish", str(FLAGSHIP), "--out", str(site)]) == 0
    (site / "notes.txt").write_text("the web team's", encoding="utf-8")
    (site / "system-leadership" / "extra.html").write_text("ours too", encoding="utf-8")
    assert main(["publish", str(FLAGSHIP), "--out", str(site)]) == 0
    assert (site / "notes.txt").read_text(encoding="utf-8") == "the web team's"
    assert (site / "system-leadership" / "extra.html").is_file()

    website = tmp_path / "website"  # someone's website: its index and its assets are not ours to replace
    (website / "assets").mkdir(parents=True)
    (website / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (website / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    capsys.readouterr()
    assert main(["publish", str(FLAGSHIP), "--out", str(website)]) == 2
    err = capsys.readouterr().err
    assert "did not write" in err and "index.html" in err and "nothing was written" in err
    assert sorted(p.relative_to(website).as_posix() for p in website.rglob("*")) == ["assets", "assets/site.css", "index.html"]
    assert (website / "index.html").read_text(encoding="utf-8") == "<p>home</p>"


def test_a_republished_deck_loses_only_what_it_no_longer_has(tmp_path):
    """A card removed from the deck: its images go from the site; nothing else does."""
    deck = tmp_path / "system-leadership"
    shutil.copytree(FLAGSHIP, deck)
    site = tmp_path / "site"
    assert main(["publish", str(deck), "--out", str(site)]) == 0
    removed = sorted((site / "system-leadership" / "images").glob("*-13-*"))
    assert len(removed) == 2
    (deck / "behaviours" / "13-doing-things-differently.yaml").unlink()
    assert main(["publish", str(deck), "--out", str(site)]) == 0
    assert not any(p.exists() for p in removed)
    record = json.loads((site / ".cards-site.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {".cards-site.json"}
    assert set(record["owned"]) == on_disk


def test_a_site_published_before_the_record_is_adopted_and_keeps_its_decks(tmp_path):
    site = tmp_path / "site"
    second = ROOT / "cards" / "systems-leadership-dimensions"
    assert main(["publish", str(FLAGSHIP), str(second), "--out", str(site)]) == 0
    (site / ".cards-site.json").unlink()  # as an earlier release left it
    assert main(["publish", str(FLAGSHIP), "--out", str(site)]) == 0
    index = Page((site / "index.html").read_text(encoding="utf-8"))
    assert "systems-leadership-dimensions/index.html" in index.links
    assert read_deck(second, Problems()).title in index.plain


def test_a_damaged_record_is_reported_and_nothing_written(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / ".cards-site.json").write_text("{not json", encoding="utf-8")
    assert main(["publish", str(FLAGSHIP), "--out", str(site)]) == 2
    assert ".cards-site.json: error: the site's record" in capsys.readouterr().err
    assert sorted(p.name for p in site.iterdir()) == [".cards-site.json"]


def test_the_contact_sheet_grid_fits_any_deck():
    from generator.printing.pictures import CONTACT_MAX_PIXELS, contact_sheet

    small = contact_sheet(13, 413, 709)
    assert small.face_size == (186, 320) and len(small.places) == 13
    width, height = small.size
    assert 0.5 < width / height < 2  # about as wide as tall
    (front, back) = small.places[12]
    assert back[0] - front[0] == 186 + 8 and front[0] + 2 * 186 + 8 <= width and front[1] + 320 <= height
    big = contact_sheet(3000, 744, 1039)
    assert big.face_size[1] < 320 and 2 * 3000 * big.face_size[0] * big.face_size[1] <= CONTACT_MAX_PIXELS
    assert big.size[0] * big.size[1] < 3 * CONTACT_MAX_PIXELS
    assert len(set(big.places)) == 3000


def test_the_site_has_an_accessibility_statement_linked_from_every_page(tmp_path):
    """Public bodies publish an accessibility statement with what they publish: what
    conforms, what is exempt and why, and whom to ask for another format."""
    site = tmp_path / "site"
    assert main(["publish", "--out", str(site)]) == 0
    statement = (site / "accessibility.html").read_text(encoding="utf-8")
    assert "<h1>Accessibility statement</h1>" in statement and "WCAG 2.2 level AA" in statement and "PDF/UA-1" in statement
    assert "production files" in statement  # the print masters: exempt, and why
    assert "also on web pages" in statement  # every deck has its pack as a web page
    assert '<a href="mailto:nwla.info@nhs.net">nwla.info@nhs.net</a>' in statement
    assert statement.count("<li>") == 3 and "the deck gives no contact" in statement
    assert '<a href="accessibility.html">Accessibility statement</a>' in (site / "index.html").read_text(encoding="utf-8")
    for deck in ("system-leadership", "system-leadership-local", "systems-leadership-dimensions"):
        page = (site / deck / "index.html").read_text(encoding="utf-8")
        assert '<a href="../accessibility.html">Accessibility statement</a>' in page, deck


def test_the_guide_page_marks_a_drafts_untranslated_text_in_its_own_language():
    """A Welsh draft's English question inside a Welsh list item reads in English."""
    from generator.compose.facilitator import Block, Pack
    from generator.compose.webpage import guide_page
    from generator.content.words import words_of
    from generator.design.text import web_page
    from generator.publish import SITE_TEMPLATES

    deck = read_deck(BILINGUAL, Problems())
    question = "Whose voices do our meetings miss?"
    blocks = (Block("heading", (("Gwrando", ""),), level=2),
              Block("bullets", items=((("Sefydliadol:", "b"), (" " + question, "")),)),
              Block("paragraph", ((question, ""),)))
    pack = Pack("Pecyn", blocks, words=words_of(deck), untranslated=frozenset({question}), written_in="en")
    html = web_page(SITE_TEMPLATES, "guide.html.j2", guide_page(deck, pack, None, [], True, "assets", "x"))
    assert f'<li><strong>Sefydliadol:</strong><span lang="en"> {question}</span></li>' in html
    assert f'<p lang="en"><span lang="en">{question}</span></p>' in html
    assert "<h2" in html and "<h3" not in html


def test_a_new_edition_keeps_the_earlier_one_downloadable_with_what_changed(tmp_path):
    """Version 1.0, then 2.0 with a card reworded and one removed: 1.0's files stay at
    their own address (saved under names that never clash with 2.0's), the deck page lists
    both and what changed; publishing 2.0 again keeps that; the record owns every file."""
    deck = tmp_path / "system-leadership"
    shutil.copytree(FLAGSHIP, deck)
    site = tmp_path / "site"
    assert main(["publish", str(deck), "--out", str(site)]) == 0
    first = {p.name: p.read_bytes() for p in (site / "system-leadership" / "files").iterdir()}
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    (deck / "deck.yaml").write_text(re.sub(r'(?m)^version: .*$', 'version: "2.0"\ndate: 2026-12-01', text), encoding="utf-8")
    trust = deck / "behaviours" / "06-trust.yaml"
    trust.write_text(trust.read_text(encoding="utf-8").replace("title: Trust\n", "title: Trust and Openness\n"), encoding="utf-8")
    (deck / "behaviours" / "13-doing-things-differently.yaml").unlink()
    for _ in range(2):  # the second time: the same edition again, nothing more kept
        assert main(["publish", str(deck), "--out", str(site)]) == 0
        kept = site / "system-leadership" / "editions" / "1.0" / "files"
        assert {p.name: p.read_bytes() for p in kept.iterdir()} == first
        assert not (site / "system-leadership" / "editions" / "2.0").exists()
        page = (site / "system-leadership" / "index.html").read_text(encoding="utf-8")
        found = Page(page)
        assert "This edition: 2.0 (published 2026-12-01)" in found.plain
        assert "What changed since 1.0" in found.plain
        assert "Changed: Trust and Openness (title)" in found.plain and "Removed: Doing Things Differently" in found.plain
        assert 'href="editions/1.0/files/system-leadership-a4.pdf" download="system-leadership-1.0-a4.pdf"' in page
        record = json.loads((site / ".cards-site.json").read_text(encoding="utf-8"))
        on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {".cards-site.json"}
        assert set(record["owned"]) == on_disk


def test_every_card_has_its_own_page_at_an_address_every_edition_keeps(site):
    """<deck>/cards/<card-id>/: the card's words, both faces, its theme and number, links
    to the cards either side, to the deck page and to the card in the other language."""
    deck = read_deck(FLAGSHIP, Problems())
    folder = site / "system-leadership"
    count = len(deck.behaviours)
    for position, card in enumerate(deck.behaviours, 1):
        path = folder / "cards" / card.id / "index.html"
        found = Page(path.read_text(encoding="utf-8"))
        for text in (card.title, card.description, *card.enabling, *card.obstructing, *(card.questions[p] for p in PERSPECTIVES)):
            assert " ".join(text.split()) in found.plain, (card.id, text)
        assert deck.group(card.theme).name in found.plain and f"Card {position} of {count}" in found.plain
        assert [alt for _, alt in found.images] == [f"Card {position}, {card.title}: front", f"Card {position}, {card.title}: back"]
        assert all((path.parent / unquote(src)).is_file() for src, _ in found.images)
        assert f"../../index.html#card-{card.id}" in found.links
        if position > 1:
            assert f"../{deck.behaviours[position - 2].id}/index.html" in found.links
        if position < count:
            assert f"../{deck.behaviours[position].id}/index.html" in found.links
        assert f"cards/{card.id}/index.html" in Page((folder / "index.html").read_text(encoding="utf-8")).links
    welsh = Page((site / "bilingual" / "cards" / "learning" / "index.html").read_text(encoding="utf-8"))
    assert "../../../bilingual-cy/cards/learning/index.html" in welsh.links


def test_a_public_site_has_a_sitemap_canonical_addresses_language_alternates_and_a_preview_picture(tmp_path):
    """With --base-url: sitemap.xml lists every page (absolute), robots.txt points at it,
    each page names its own address and its other languages', and link previews get a
    1200 x 630 picture made for them (not a portrait card cropped)."""
    site = tmp_path / "site"
    base = "https://example.org/cards/"
    assert main(["publish", str(FLAGSHIP), str(BILINGUAL), "--out", str(site), "--base-url", base]) == 0
    listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    expected = sorted(base + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))
    assert sorted(listed) == expected and len(listed) > 20
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        address = base + page.relative_to(site).as_posix().removesuffix("index.html")
        assert f'<link rel="canonical" href="{address}">' in html, page
    card = (site / "bilingual" / "cards" / "learning" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" hreflang="cy" href="{base}bilingual-cy/cards/learning/">' in card
    assert f'<link rel="alternate" hreflang="en" href="{base}bilingual/cards/learning/">' in card
    welsh = (site / "bilingual-cy" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" hreflang="en" href="{base}bilingual/">' in welsh
    deck = (site / "system-leadership" / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{base}system-leadership/images/system-leadership-share.png">' in deck
    with Image.open(site / "system-leadership" / "images" / "system-leadership-share.png") as picture:
        assert picture.size == (1200, 630)
    plain = tmp_path / "plain"  # no address: nothing that needs one
    assert main(["publish", str(BILINGUAL), "--out", str(plain)]) == 0
    assert not (plain / "sitemap.xml").exists() and not (plain / "robots.txt").exists()
    assert 'rel="canonical"' not in (plain / "bilingual" / "index.html").read_text(encoding="utf-8")


def test_a_theme_font_without_its_licence_beside_it_is_not_published(tmp_path, capsys):
    """A designer's font file alone in layouts/fonts/: the pages fall back to the reader's
    fonts and publish says why; with an OFL.txt beside it, it is published with it."""
    project = tmp_path / "project"
    deck = project / "cards" / "system-leadership"
    shutil.copytree(FLAGSHIP, deck)
    fonts = project / "layouts" / "fonts"
    fonts.mkdir(parents=True)
    source = next(Path(p) for p in __import__("font_source_sans_pro").__path__)
    shutil.copyfile(source / "files" / "SourceSansPro-Regular.ttf", fonts / "House-Regular.ttf")
    (project / "layouts" / "themes").mkdir()
    (project / "layouts" / "themes" / "house.yaml").write_text(
        "extends: default\ndescription: The house font\nfonts:\n  regular: House-Regular.ttf\n", encoding="utf-8")
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    (deck / "deck.yaml").write_text(re.sub(r"(?m)^  theme: .*$", "  theme: house", text), encoding="utf-8")
    assert "theme: house" in (deck / "deck.yaml").read_text(encoding="utf-8")
    site = tmp_path / "site"
    assert main(["--project", str(project), "publish", str(deck), "--out", str(site)]) == 0
    assert "House-Regular.ttf: note: the font House-Regular has no licence file beside it" in capsys.readouterr().err
    assert not list((site / "assets" / "fonts").glob("House*"))
    assert "House-Regular" not in (site / "system-leadership" / "index.html").read_text(encoding="utf-8")
    (fonts / "OFL.txt").write_text("SIL OPEN FONT LICENSE Version 1.1 (the house font's)", encoding="utf-8")
    assert main(["--project", str(project), "publish", str(deck), "--out", str(site)]) == 0
    assert (site / "assets" / "fonts" / "House-Regular.woff2").is_file()
    assert "the house font's" in (site / "assets" / "fonts" / "House-OFL.txt").read_text(encoding="utf-8")


def test_the_licence_is_machine_readable_everywhere_and_inside_every_zip(site):
    """`licence_id: CC-BY-NC-SA-4.0`: <link rel="license"> on every page of the deck, the
    manifest, the PDFs' XMP (xmpRights:WebStatement), and LICENSE.txt and README.txt in
    each zip, which a deck without a licence says it lacks."""
    import pikepdf

    address = "https://spdx.org/licenses/CC-BY-NC-SA-4.0.html"
    folder = site / "bilingual"
    for page in [folder / "index.html", folder / "guide.html", *sorted((folder / "cards").glob("*/index.html"))]:
        assert f'<link rel="license" href="{address}">' in page.read_text(encoding="utf-8"), page
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["licence_id"], manifest["licence_url"]) == ("CC-BY-NC-SA-4.0", address)
    for pdf_path in sorted((folder / "files").glob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf:
            xmp = bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8")
        assert f"<xmpRights:WebStatement>{address}</xmpRights:WebStatement>" in xmp, pdf_path.name
    for zip_path in sorted((folder / "files").glob("*.zip")):
        with zipfile.ZipFile(zip_path) as bundle:
            names = {Path(name).name: name for name in bundle.namelist()}
            assert {"LICENSE.txt", "README.txt"} <= set(names), zip_path.name
            licence = bundle.read(names["LICENSE.txt"]).decode("utf-8")
            readme = bundle.read(names["README.txt"]).decode("utf-8")
        assert "CC BY-NC-SA 4.0" in licence and address in licence and "Working together" in readme
    with zipfile.ZipFile(site / "system-leadership" / "files" / "system-leadership.zip") as bundle:
        licence = bundle.read("system-leadership/LICENSE.txt").decode("utf-8")
        readme = bundle.read("system-leadership/README.txt").decode("utf-8")
    assert "© NHS North West Leadership Academy" in licence and "rel=" not in licence
    assert "Facilitator pack (A4)" in readme and "Print-shop file" in readme
    assert 'rel="license"' not in (site / "system-leadership" / "index.html").read_text(encoding="utf-8")


def test_a_licence_id_or_address_that_is_not_one_is_an_error_at_its_line(tmp_path, capsys):
    deck = tmp_path / "bilingual"
    shutil.copytree(BILINGUAL, deck)
    text = (deck / "deck.yaml").read_text(encoding="utf-8")
    text = text.replace("licence_id: CC-BY-NC-SA-4.0", "licence_id: CC BY 4.0\nlicence_url: www.example.org/licence")
    (deck / "deck.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(deck)]) == 1
    err = capsys.readouterr().err
    line = text.splitlines().index("licence_id: CC BY 4.0") + 1
    assert re.search(rf"deck.yaml:{line}:13: error: 'licence_id' should be an SPDX licence identifier", err), err
    assert re.search(rf"deck.yaml:{line + 1}:14: error: 'licence_url' should be the web address", err), err


def test_the_deck_page_leads_with_its_cards_and_groups_its_downloads(site):
    """Cards before downloads; downloads under what they are for; the publisher and the
    licence at the top; the index's pictures name their deck; a variant says once what it
    was adapted from; a contact that is not a plain address is never a broken link."""
    from generator.compose.webpage import contact_href

    page = (site / "system-leadership" / "index.html").read_text(encoding="utf-8")
    assert page.index('id="cards-heading"') < page.index('id="downloads-heading"')
    headings = re.findall(r"<h3>([^<]+)</h3>", page[page.index('id="downloads-heading"'):])
    assert headings[:5] == ["Print at home or in the office", "Order from a print shop", "Run a session",
                            "Read on screen or share", "Everything at once"]
    masthead = page[:page.index("</header>")]
    assert "NHS North West Leadership Academy" in masthead and "© NHS North West Leadership Academy" in masthead
    index = Page((site / "index.html").read_text(encoding="utf-8"))
    assert ("system-leadership/images/system-leadership-01-authenticity-front.png",
            "System Leadership Behaviours: the front of its first card, Authenticity") in index.images
    assert "Skip to the decks" in index.plain
    variant = Page((site / "system-leadership-local" / "index.html").read_text(encoding="utf-8"))
    assert variant.plain.count("Adapted from") == 1
    assert contact_href("team@example.org") == "mailto:team@example.org"
    assert contact_href("team@example.org?subject=Cards") is None and contact_href("ask at reception") is None


def test_a_record_edited_into_another_shape_is_refused_before_anything_is_written(tmp_path, capsys):
    site = tmp_path / "site"
    assert main(["publish", str(BILINGUAL), "--out", str(site)]) == 0
    path = site / ".cards-site.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    for damage in ({"stems": ["../../elsewhere"]}, {"entry": {"title": "no address"}}, {"statement": "someone"}):
        record = json.loads(json.dumps(good))
        record["decks"]["bilingual"].update(damage)
        path.write_text(json.dumps(record), encoding="utf-8")
        before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
        assert main(["publish", str(BILINGUAL), "--out", str(site)]) == 2, damage
        assert ".cards-site.json: error: the site's record of what it published cannot be read" in capsys.readouterr().err
        assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_deck_whose_id_is_a_name_the_site_uses_is_left_out(tmp_path, capsys):
    deck = tmp_path / "assets"
    shutil.copytree(BILINGUAL, deck)
    assert main(["publish", str(deck), str(BILINGUAL), "--out", str(tmp_path / "site")]) == 1
    assert "cannot have the id 'assets': the site uses that name for its own files" in capsys.readouterr().err
    assert (tmp_path / "site" / "bilingual" / "index.html").is_file()
    assert not (tmp_path / "site" / "assets" / "index.html").exists()
