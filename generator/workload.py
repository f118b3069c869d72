"""Whether a build is quicker with worker processes: a model of its cost, measured.

Writing and checking a file costs about a fixed amount plus an amount for each face it
shows (each figure below is seconds in one process, from `bench/stages.py`-style runs of
decks of 13 to 1,000 cards on a 2-core Linux machine; a pack's pages cost most). Workers
cost their start (a fresh interpreter importing ReportLab, qpdf and PDFium: spawned, as
Windows and macOS must) and the planned faces sent to them, and then share the rest,
though no quicker than the longest single step. They are used where that comes out at
least a fifth quicker, so a guess that is slightly off never makes a build slower.
"""
from __future__ import annotations

import os
import sys

# (fixed, per face) seconds to write and check one file of each kind, in one process.
COST = {
    "press": (0.02, 0.0007),
    "screen": (0.03, 0.0011),
    "sheets": (0.02, 0.00055),
    "foldover": (0.02, 0.00055),
    "facilitator": (0.06, 0.0046),
}
# Starting the workers: Linux measured (0.3-0.4 s more for a small build); macOS and
# Windows start processes slower, taken as twice that.
WORKER_START = 0.35 if sys.platform.startswith("linux") else 0.7
SENT_PER_FACE = 0.00047  # the planned faces reaching a worker (pickled with the plan, or read from their parts' files)
LONGEST_SHARE = 0.45  # the longest step of a file (a pack's drawing) is this share of its cost
WORTH = 0.8  # workers only where they save a fifth of the time or more
MAX_WORKERS = 4  # each holds a whole file while it writes it: more would cost memory for little gain


COMPOSE_PER_CARD = 0.0015  # composing a card's two faces, each once, in one process
RETURNED_PER_CARD = 0.00027  # a card's faces composed by a worker, handed back (measured when the faces came back
#                               whole; now they are saved in their part's file and only their regions come back)
CHECK_SHARE = 0.5  # of writing and checking a file (COST), the checking: the press file of 1,000 cards 0.86 s of 1.65
CHECKER_WORTH = 0.2  # seconds a checking worker must save: from about 560 cards in the press file alone
PARALLEL_COMPOSE_CARDS = 100  # fewer cards, and the parts' overhead outweighs their share


def workers_for(files: list[tuple[str, int]], cores: int | None = None, compose_cards: int = 0) -> int:
    """How many workers to start for `files` ((kind, faces) each), and for composing
    `compose_cards` cards when they are started before composing: 0 for none."""
    cores = os.cpu_count() if cores is None else cores
    count = min(MAX_WORKERS, cores or 1)
    if count < 2 or (len(files) < 2 and compose_part_cards(compose_cards, count) == 0):
        return 0
    serial, parallel = estimate(files, count, compose_cards)
    return count if parallel < WORTH * serial else 0


def estimate(files: list[tuple[str, int]], workers: int, compose_cards: int = 0) -> tuple[float, float]:
    """Seconds in one process, and with `workers` workers, by the model."""
    costs = [COST[kind][0] + COST[kind][1] * faces for kind, faces in files]
    serial = sum(costs)
    sent = SENT_PER_FACE * max((faces for _, faces in files), default=0) if len(files) > 1 else 0.0
    parallel = WORKER_START + sent + (max(serial / workers, LONGEST_SHARE * max(costs)) if len(files) > 1 else serial)
    if compose_part_cards(compose_cards, workers):
        serial += COMPOSE_PER_CARD * compose_cards
        parallel += (COMPOSE_PER_CARD / workers + RETURNED_PER_CARD) * compose_cards
    return serial, parallel


def checkers_for(files: list[tuple[str, int]], cores: int | None = None) -> int:
    """How many workers to start, early, only to share the checks of files written in
    this process (where `workers_for` starts none): 1 where half the checks saves at
    least CHECKER_WORTH, else 0. Started as the build begins, a worker loads its
    libraries on the other core while this one reads and composes, so only the checks'
    share counts."""
    cores = os.cpu_count() if cores is None else cores
    if (cores or 1) < 2 or workers_for(files, cores):
        return 0
    checks = sum(CHECK_SHARE * (COST[kind][0] + COST[kind][1] * faces) for kind, faces in files)
    return 1 if checks / 2 >= CHECKER_WORTH else 0


def compose_part_cards(cards: int, workers: int) -> int:
    """How many cards in each part when `workers` compose a deck of `cards`: 0 for composing
    it in one process. Four parts a worker, so none waits long for the last."""
    if workers < 2 or cards < PARALLEL_COMPOSE_CARDS:
        return 0
    return max(25, -(-cards // (4 * workers)))


def expected_files(cards: int, kinds: tuple[str, ...] | None) -> list[tuple[str, int]]:
    """A deck's files as (kind, faces), guessed from its card count before it is read:
    the kinds asked for (all of them if None), on both papers where a kind has papers."""
    kinds = kinds or tuple(COST)
    per_kind = {"press": 1, "screen": 1, "sheets": 2, "foldover": 2, "facilitator": 2}
    return [(kind, 2 * cards) for kind in kinds if kind in per_kind for _ in range(per_kind[kind])]
