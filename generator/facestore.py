"""A big deck's faces kept on disk where the workers composed them, read a part at a time.

A 3,000-card deck's 6,000 faces take about 150 MB in a process that holds them all. The
workers that compose a big deck's parts save each part's faces in a file of the build's
own folder and hand back only what the deck-wide rules and the messages need. The deck's
faces are then a `StoredFaces`: a sequence that reads the part holding the face asked for
(and keeps that one part), finishing each face by the deck's rules as it is read. It is
sent to the workers that write the files as a list of names, so a file that goes through
the faces in order holds one part of them at a time, and the process that composed the
deck never holds them all.
"""
from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator.compose.cards import FinishRules, finished
from generator.compose.faces import Face


@dataclass(frozen=True)
class StoredFace:
    """Where a composed face was left: its part's file and its (position, side) there."""

    part: str
    key: tuple[int, str]


def save_part(path: Path, made: dict) -> dict:
    """A composed part's faces (and the regions the rules need of them) saved in `path`;
    what compose_deck needs of the part back, each face replaced by its `StoredFace`."""
    faces = {key: (face, regions) for key, (face, _, regions) in made.items() if face is not None}
    with open(path, "wb") as stream:
        pickle.dump(faces, stream, protocol=pickle.HIGHEST_PROTOCOL)
    part = str(path)  # one string for the part's faces: pickled once, not once a face
    return {key: (StoredFace(part, key) if face is not None else None, items, regions)
            for key, (face, items, regions) in made.items()}


class StoredFaces(Sequence):
    """The deck's faces, in order, read from their parts' files as they are asked for,
    holding the last part read; or every part read, once `keep_all()` is called (a worker
    writing several of the deck's files: each part is then read once, not once a file)."""

    def __init__(self, stored: list[tuple[StoredFace, tuple]], rules: FinishRules):
        self._places = tuple(face for face, _ in stored)
        self._rules = rules
        self._keep_all = False
        self._read: dict[str, dict] = {}  # part -> its faces, finished

    def keep_all(self) -> None:
        self._keep_all = True

    def __len__(self) -> int:
        return len(self._places)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        place = self._places[index]
        faces = self._read.get(place.part)
        if faces is None:
            with open(place.part, "rb") as stream:
                read = pickle.load(stream)
            if not self._keep_all:
                self._read.clear()
            faces = self._read[place.part] = {key: finished(face, regions, self._rules) for key, (face, regions) in read.items()}
        return faces[place.key]

    def __iter__(self) -> Iterator[Face]:
        return (self[i] for i in range(len(self)))

    def __getstate__(self) -> dict:
        return {"_places": self._places, "_rules": self._rules, "_keep_all": False, "_read": {}}  # never the faces it holds
