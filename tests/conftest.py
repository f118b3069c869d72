"""Shared fixtures: the sample decks built once per test session, read back as PDFs."""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

# The tests never touch the user's own cache folder (content/cachefolder.py): they get
# one of their own, empty at the start (so the first use of each cached thing is tested
# too), removed when they end.
os.environ["CARDS_CACHE"] = tempfile.mkdtemp(prefix="cards-test-cache-")
atexit.register(shutil.rmtree, os.environ["CARDS_CACHE"], True)

from generator.pipeline import PrintOptions, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_DECKS = sorted(p.parent for p in (ROOT / "cards").glob("*/deck.yaml"))
BILINGUAL = FIXTURES / "translations" / "bilingual"


PRESS_ONLY = PrintOptions(outputs=("press",))


@pytest.fixture(scope="session")
def built_all(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(deck id, file name) -> path, for every output of every sample deck in cards/."""
    out = tmp_path_factory.mktemp("output")
    return {(w.deck.id, w.path.name): w.path for w in build(SAMPLE_DECKS, out).written}


@pytest.fixture(scope="session")
def built(built_all) -> dict[str, Path]:
    """deck id -> press PDF."""
    return {deck_id: path for (deck_id, name), path in built_all.items() if name.endswith("-press.pdf")}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Every sample deck and the bilingual (English and Welsh) fixture, published by `cards publish`."""
    from generator.cli import main

    folder = tmp_path_factory.mktemp("published") / "site"
    assert main(["publish", *map(str, SAMPLE_DECKS), str(BILINGUAL), "--out", str(folder)]) == 0
    return folder


@contextmanager
def ctrl_c_as_from_a_terminal():
    """A child started inside gets Ctrl-C (SIGINT) as it would in a terminal, even where
    this test run was started with SIGINT ignored (a shell script's background job, some
    CI runners): an ignored signal stays ignored in every child, so `cards` would never
    see it."""
    ignored = hasattr(signal, "SIGINT") and signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
