"""A real browser for the tests: the system's Chromium driven by Playwright (never a
downloaded browser). `browser_or_skip()` says why not when there is none, so the other
tests still run. `make test` installs Chromium where it can (Debian's package)."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
# Headless, and quiet on a closed network: no update checks, sync or background fetches.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
SCREENSHOTS = os.environ.get("CARDS_SCREENSHOTS")  # a folder to keep the screenshots in, to look at


def browser_path() -> str | None:
    chosen = os.environ.get("CARDS_BROWSER")
    if chosen:
        return chosen if os.path.isfile(chosen) else None
    return next((found for name in NAMES if (found := shutil.which(name))), None)


@contextmanager
def browser_or_skip():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install -e '.[test]')")
    executable = browser_path()
    if executable is None:
        pytest.skip("no Chromium on this machine: install Debian's chromium package (make test tries), "
                    "or set CARDS_BROWSER to a Chromium or Chrome executable")
    with sync_playwright() as playwright:  # Playwright gives the browser a new, empty profile
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        except Error as err:
            pytest.skip(f"the browser at {executable} does not start: {str(err).splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()
