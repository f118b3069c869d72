"""The published site in a real browser (the system's Chromium, through Playwright),
loaded from disk as a user opening the folder would: axe-core finds no WCAG 2.2 A or AA
violation on any page at phone and desktop widths, every image loads, nothing is
requested from elsewhere, nothing overflows a phone's width or 320 px (400% zoom), and the cards can be
found by keyboard alone. Skipped, with the reason, where there is no browser."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import SCREENSHOTS, browser_or_skip

# "reflow": 1280 CSS px at 400% zoom; WCAG 1.4.10 wants no sideways scrolling there, and
# axe-core does not test it, so every page's scroll width is measured at each width.
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900), "reflow": (320, 640)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def browser():
    with browser_or_skip() as running:
        yield running


class Opened:
    def __init__(self, browser, path: Path, width: str):
        width_px, height_px = WIDTHS[width]
        self.context = browser.new_context(viewport={"width": width_px, "height": height_px})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("request", lambda request: None if request.url.startswith(("file:", "data:"))
                     else self.elsewhere.append(request.url))
        self.page.on("requestfailed", lambda request: self.errors.append(f"failed: {request.url}"))
        self.page.goto(path.as_uri(), wait_until="load")

    def close(self) -> None:
        self.context.close()


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


def test_every_page_passes_axe_and_loads_everything_from_disk(site, browser):
    for path in html_pages(site):
        for width in WIDTHS:
            opened = Opened(browser, path, width)
            page = opened.page
            try:
                # Load every image now (the page loads them lazily, as they scroll into view).
                page.evaluate("document.querySelectorAll('img').forEach(img => img.loading = 'eager')")
                page.wait_for_function("[...document.images].every(img => img.complete)", timeout=20_000)
                broken = page.evaluate("[...document.images].filter(img => !img.naturalWidth).map(img => img.src)")
                assert broken == [], f"{path}: images that did not load: {broken}"
                links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
                for link in links:
                    parts = urlsplit(link)
                    if parts.scheme == "file":
                        assert Path(unquote(parts.path)).is_file(), f"{path}: {link}"
                # (before axe, whose own check of the stylesheets is refused on file://)
                assert opened.errors == [] and opened.elsewhere == [], f"{path}: {opened.errors} {opened.elsewhere}"
                assert axe_violations(page) == [], f"{path.relative_to(site)} at {width} width"
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{path.relative_to(site)} is {overflow} px wider than a {width} screen"
                assert page.evaluate("document.documentElement.lang") in ("en", "en-GB", "cy")
            finally:
                opened.close()


def test_screenshots_at_phone_and_desktop_widths(site, browser, tmp_path):
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in (("index", site / "index.html"), ("deck", site / "system-leadership" / "index.html"),
                       ("deck-cy", site / "bilingual-cy" / "index.html")):
        for width in WIDTHS:
            opened = Opened(browser, path, width)
            try:
                shot = folder / f"{name}-{width}.png"
                opened.page.screenshot(path=str(shot))
                assert shot.stat().st_size > 10_000
            finally:
                opened.close()


def test_cards_are_found_by_keyboard_alone(site, browser):
    opened = Opened(browser, site / "system-leadership" / "index.html", "desktop")
    page = opened.page
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the cards"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#cards"
        for _ in range(40):  # on from the cards' heading to the search box
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "search":
                break
        assert page.evaluate("document.activeElement.id") == "search"
        page.keyboard.type("honest genuine")
        visible = page.evaluate("[...document.querySelectorAll('.card')].filter(c => !c.hidden).map(c => c.id)")
        assert visible == ["card-authenticity"]
        assert page.inner_text(".shown") == "1 of 13 cards shown"
        page.fill("#search", "")
        page.keyboard.press("Tab")  # the first theme's box: Being
        assert page.evaluate("document.activeElement.value") == "being"
        page.keyboard.press("Space")
        hidden = page.evaluate("[...document.querySelectorAll('.card')].filter(c => c.hidden).map(c => c.dataset.theme)")
        assert hidden and set(hidden) == {"being"}
        assert page.evaluate("document.querySelector('section.theme[data-theme=being]').hidden") is True
        assert page.inner_text(".shown") == f"{13 - len(hidden)} of 13 cards shown"
    finally:
        opened.close()


def test_without_javascript_every_card_shows_and_no_dead_controls(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto((site / "system-leadership" / "index.html").as_uri())
        assert page.locator(".card").count() == 13 and page.locator(".card:visible").count() == 13
        assert page.locator("form.filter").is_hidden()
    finally:
        context.close()


def test_print_stylesheet_leaves_out_the_controls(site, browser):
    opened = Opened(browser, site / "system-leadership" / "index.html", "desktop")
    try:
        opened.page.emulate_media(media="print")
        assert opened.page.locator("form.filter").is_hidden()
        assert opened.page.locator(".card:visible").count() == 13
    finally:
        opened.close()


def test_the_preview_reloads_itself_after_a_save_and_shows_problems(browser, tmp_path):
    from test_serve import CARD, Served

    served = Served(tmp_path)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served.address)
        assert page.title() == "System Leadership Behaviours"
        assert axe_violations(page) == []
        card = served.deck / CARD
        text = card.read_text(encoding="utf-8")
        card.write_text(text.replace("title: Authenticity", "title: Authenticity Reloaded"), encoding="utf-8")
        page.wait_for_selector("#title-authenticity:has-text('Authenticity Reloaded')", timeout=5_000)  # no one pressed reload
        card.write_text(text + "enabling: [unclosed\n", encoding="utf-8")
        page.wait_for_selector(".problems code:has-text('01-authenticity.yaml')", timeout=5_000)
        assert page.locator(".card").count() == 0
        assert axe_violations(page) == []
    finally:
        context.close()
        served.stop()


def test_long_words_and_addresses_stay_inside_their_boxes_at_320_px(browser, tmp_path):
    """A 90-character address and a 60-letter word in the deck's notes, a long website and
    contact: every box's text wraps inside it at 1280 px zoomed to 400%."""
    import shutil

    from conftest import BILINGUAL

    from generator.cli import main

    deck = tmp_path / "long"
    shutil.copytree(BILINGUAL, deck)
    long_word = "Antidisestablishmentarianism" * 2
    address = "https://example.org/" + "a-very-long-path-segment/" * 3 + "behaviours.html"
    text = (deck / "deck.yaml").read_text(encoding="utf-8").replace(
        "licence: CC BY-NC-SA 4.0\n", f"licence: CC BY-NC-SA 4.0\nnotes: See {address} and {long_word}.\n"
        f"website: {address}\ncontact: {'someone-with-a-long-name' * 2}@example.org\n")
    (deck / "deck.yaml").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    assert main(["publish", str(deck), "--out", str(site), "--language", "en"]) == 0
    opened = Opened(browser, site / "long" / "index.html", "reflow")
    try:
        page = opened.page
        assert address in page.inner_text("main")
        outside = page.evaluate("""() => [...document.querySelectorAll('main *, header *')]
            .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map(el => el.tagName + '.' + el.className + ': ' + el.textContent.slice(0, 40))""")
        assert outside == []
        overflowing = page.evaluate("""() => [...document.querySelectorAll('.card article, .card .text, .downloads li')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className || el.tagName)""")
        assert overflowing == []
    finally:
        opened.close()


def test_the_workshop_page_draws_turns_and_chooses_by_keyboard_alone(site, browser):
    """Draw a card, turn it over, show both sides, draw only from one theme and step
    through in order: keys only, each step said in the live region."""
    import re

    opened = Opened(browser, site / "system-leadership" / "workshop.html", "desktop")
    page = opened.page
    try:
        def status() -> str:
            page.wait_for_timeout(120)  # the region is emptied, then filled, so the same words are said again
            return page.inner_text(".draw-status")

        def tab_to(selector: str, backwards: bool = False) -> None:
            for _ in range(30):
                page.keyboard.press("Shift+Tab" if backwards else "Tab")
                if page.evaluate(f"document.activeElement.matches({selector!r})"):
                    return
            raise AssertionError(f"{selector} is not reached by the keyboard")

        assert status() == "13 cards, face down. Draw one, or step through them with Next."
        assert page.locator(".deck-list").is_hidden()
        tab_to("[data-action=draw]")
        page.keyboard.press("Enter")
        drawn = re.fullmatch(r"Drawn: card (\d+), (.+)\. Its front is showing\.", status())
        assert drawn, status()
        title = drawn.group(2)
        assert page.locator(".stage .front").is_visible() and page.locator(".stage .back").is_hidden()
        assert title in page.get_attribute(".stage .front img", "alt")
        tab_to("[data-action=flip]")
        page.keyboard.press("Enter")
        assert status() == f"The back of {title}."
        assert page.locator(".stage .back").is_visible() and page.locator(".stage .front").is_hidden()
        assert title in page.get_attribute(".stage .back img", "alt")
        tab_to("[data-action=both]")
        page.keyboard.press("Space")
        assert status() == f"Both sides of {title}."
        assert page.locator(".stage .front").is_visible() and page.locator(".stage .back").is_visible()
        assert page.get_attribute("[data-action=both]", "aria-pressed") == "true"
        delivering = page.evaluate("[...document.querySelectorAll('.deck-card[data-theme=delivering]')].map(c => c.dataset.title)")
        for theme in ("being", "relating", "leading"):  # leave only Delivering
            tab_to(f"input[value={theme}]")
            page.keyboard.press("Space")
        assert status() == f"Drawing from {len(delivering)} cards."
        tab_to("[data-action=draw]", backwards=True)
        seen = set()
        for _ in range(len(delivering)):
            page.keyboard.press("Enter")
            seen.add(re.fullmatch(r"Drawn: card \d+, (.+)\. Its front is showing\.", status()).group(1))
        assert seen == set(delivering)  # each once before any again, and only from the chosen theme
        tab_to("[data-action=next]")
        page.keyboard.press("Enter")
        assert re.fullmatch(rf"Card \d+, .+, \d of {len(delivering)}\. Its front is showing\.", status())
        assert opened.errors == [] and opened.elsewhere == []
    finally:
        opened.close()


def test_the_workshop_page_moves_only_for_those_who_want_motion_and_lists_every_card_without_script(site, browser):
    path = site / "system-leadership" / "workshop.html"
    for motion, expected in (("reduce", "none"), ("no-preference", "card-in")):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        try:
            page.goto(path.as_uri())
            page.click("[data-action=draw]")
            assert page.evaluate("getComputedStyle(document.querySelector('.stage .front img')).animationName") == expected
        finally:
            context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        assert page.locator(".deck-card:visible").count() == 13 and page.locator(".draw").is_hidden()
        assert page.locator(".deck-card img:visible").count() == 26  # both sides of every card
    finally:
        context.close()
