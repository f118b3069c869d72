"""Shared fixtures: the sample decks built once per test session, read back as PDFs."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_DECKS = sorted(p.parent for p in (ROOT / "cards").glob("*/deck.yaml"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """deck id -> press PDF, for every sample deck in cards/."""
    out = tmp_path_factory.mktemp("output")
    written = build(SAMPLE_DECKS, out)
    return {w.deck.id: w.path for w in written}
