"""A big deck's cards are composed in parts by the worker processes (issue 30): the same
faces, the same problems in the same order, and the same files as in one process."""
from __future__ import annotations

import sys

from conftest import ROOT

from generator.content.deck import read_deck
from generator.errors import Problems
from generator.pipeline import PrintOptions, Workers, build, choose_design, compose_faces

sys.path.insert(0, str(ROOT / "bench"))
from run import make_big_deck  # noqa: E402


def _deck(tmp_path, cards: int, too_long: tuple[int, ...] = ()):
    folder = tmp_path / "big"
    make_big_deck(folder, cards)
    for number in too_long:  # a card whose description cannot fit: a problem at its own line
        path = folder / "behaviours" / f"{number:04d}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("description: ", "description: " + "far too many words " * 60, 1), encoding="utf-8")
    return folder


def test_composed_in_parts_by_workers_the_faces_and_problems_are_the_same(tmp_path):
    folder = _deck(tmp_path, 130, too_long=(7, 101))
    here, there = Problems(), Problems()
    deck = read_deck(folder, Problems())
    design = choose_design(deck, None, None, Problems())
    alone = compose_faces(deck, design, here)
    with Workers("spawn", 2) as workers:
        parted = tuple(compose_faces(deck, design, there, workers=workers))  # read while the workers' folder is there
    assert [str(p) for p in here.items] and [str(p) for p in there.items] == [str(p) for p in here.items]
    assert any("0007.yaml" in str(p) for p in here.items) and any("0101.yaml" in str(p) for p in here.items)
    assert parted == alone


def test_a_second_fine_text_pass_in_parts_gives_the_same_faces(tmp_path):
    """Poker cards: fitting shrinks the backs' questions, so the fine-text rules change and
    the backs are composed again, in parts too."""
    folder = _deck(tmp_path, 120)
    deck = read_deck(folder, Problems())
    design = choose_design(deck, "poker", None, Problems())
    alone = compose_faces(deck, design, Problems())
    with Workers("spawn", 2) as workers:
        parted = tuple(compose_faces(deck, design, Problems(), workers=workers))
    assert len(parted) == 240 and parted == alone
    assert any(line.colour != alone[0].lines[0].colour for face in alone for line in face.lines)  # colours vary


def test_a_build_that_composes_in_workers_writes_the_same_bytes(tmp_path, monkeypatch):
    folder = _deck(tmp_path, 110)
    options = PrintOptions(outputs=("press", "sheets"))
    alone = build([folder], tmp_path / "alone", options=options)
    entered = []
    real = Workers.composing
    monkeypatch.setattr(Workers, "composing", lambda self, *args: entered.append(len(args[0].behaviours)) or real(self, *args))
    parted = build([folder], tmp_path / "parted", options=options, start_method="spawn")
    assert entered == [110]  # composed by the workers
    assert not alone.problems and not parted.problems
    for written in alone.written:
        other = tmp_path / "parted" / written.path.relative_to(tmp_path / "alone")
        assert other.read_bytes() == written.path.read_bytes(), written.path.name


def test_a_big_decks_faces_stay_where_the_workers_composed_them(tmp_path):
    """Streaming (issue 30): the faces the workers compose stay in their part files; the
    deck's faces are read a part at a time, what is sent on to the workers that write the
    files is where the faces are, not the faces, and the part files go when the workers do."""
    import pickle
    import tempfile
    from pathlib import Path

    folder = _deck(tmp_path, 130)
    deck = read_deck(folder, Problems())
    design = choose_design(deck, None, None, Problems())
    alone = compose_faces(deck, design, Problems())
    before = set(Path(tempfile.gettempdir()).glob("cards-faces-*"))
    with Workers("spawn", 2) as workers:
        parted = compose_faces(deck, design, Problems(), workers=workers)
        kept = set(Path(tempfile.gettempdir()).glob("cards-faces-*")) - before
        assert len(kept) == 1 and len(list(next(iter(kept)).iterdir())) >= 2  # the parts, one file each
        assert len(parted) == len(alone) and list(parted) == list(alone)
        assert parted[-1] == alone[-1] and parted[3:7] == list(alone[3:7])
        held = [faces for faces in parted._read.values()]
        assert len(held) == 1  # read in order: one part held at a time
        sent, whole = len(pickle.dumps(parted)), len(pickle.dumps(tuple(alone)))
        assert sent < whole / 10, (sent, whole)
        assert list(pickle.loads(pickle.dumps(parted))) == list(alone)
    assert not set(Path(tempfile.gettempdir()).glob("cards-faces-*")) - before
