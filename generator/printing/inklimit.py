"""Total ink limits met, not only checked: a colour whose C+M+Y+K is over a print
service's limit is replaced by the CMYK within the limit that prints closest to it.

Closest is judged through the service's ICC output profile (distinct.py's printed Lab,
CIEDE2000): the candidates keep the colour's own balance of cyan, magenta and yellow and
trade them for black (grey component replacement, as a separation with an ink limit
does), so a rich black 60/40/40/100 becomes a black of fewer inks that prints as dark,
not a lighter grey. Only colours over the limit move; each move is reported with its ΔE.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.compose.faces import Face
from generator.content.model import Colour
from generator.printing.distinct import cmyk_to_lab, delta_e2000

CMYK = tuple[float, float, float, float]
STEP = 1 / 255  # what a profile transform tells apart: candidates finer than that print the same


@dataclass(frozen=True)
class Moved:
    before: CMYK
    after: CMYK
    delta_e: float


def total(cmyk: CMYK) -> float:
    """C+M+Y+K in percent."""
    return sum(cmyk) * 100


def over(cmyk: CMYK, limit: float) -> bool:
    return total(cmyk) > limit + 0.05


def fitted(colours: list[CMYK], profile: Path, limit: float) -> dict[CMYK, Moved] | None:
    """Each of `colours` over `limit` -> its replacement; None if the profile cannot be used."""
    moves: dict[CMYK, Moved] = {}
    for colour in dict.fromkeys(c for c in colours if over(c, limit)):
        candidates = _candidates(colour, limit)
        labs = cmyk_to_lab([colour] + candidates, profile)
        if labs is None:
            return None
        target = labs[0]
        scored = [(delta_e2000(target, lab), candidate) for lab, candidate in zip(labs[1:], candidates)]
        difference, best = min(scored)
        moves[colour] = Moved(colour, best, difference)
    return moves


def _candidates(colour: CMYK, limit: float) -> list[CMYK]:
    """Within the limit: black raised step by step, cyan, magenta and yellow scaled down
    together as far as the limit needs (never up), each value on the 1/255 grid, rounded down."""
    c, m, y, k = colour
    chroma = c + m + y
    room = limit / 100
    found = []
    black = k
    while black <= 1 + 1e-9:
        scale = 1.0 if chroma <= 0 else min(1.0, max(0.0, (room - black) / chroma))
        candidate = tuple(_down(v * scale) for v in (c, m, y)) + (_down(black),)
        if sum(candidate) <= room + 1e-9:
            found.append(candidate)
        black += 2 * STEP
    return found or [(0.0, 0.0, 0.0, _down(min(1.0, room)))]


def _down(value: float) -> float:
    return int(value / STEP + 1e-9) * STEP


def faces_within(faces: list[Face], moves: dict[CMYK, Moved]) -> list[Face]:
    """The faces with every moved colour replaced (their screen colours unchanged)."""
    def swap(colour: Colour) -> Colour:
        moved = moves.get(colour.cmyk)
        return colour if moved is None else replace(colour, cmyk=moved.after)

    def each(items):
        return tuple(replace(item, colour=swap(item.colour)) for item in items)

    out = []
    for face in faces:
        stamp = replace(face.stamp, colour=swap(face.stamp.colour)) if face.stamp is not None else None
        pictures = tuple(replace(p, background=swap(p.background)) for p in face.pictures)
        out.append(replace(face, fills=each(face.fills), marks=each(face.marks), lines=each(face.lines),
                           stamp=stamp, pictures=pictures))
    return out


def colours_of(faces: list[Face]) -> list[CMYK]:
    """Every CMYK colour the faces paint with."""
    found = []
    for face in faces:
        found += [item.colour.cmyk for item in face.fills + face.marks + face.lines]
        found += [p.background.cmyk for p in face.pictures]
        if face.stamp is not None:
            found.append(face.stamp.colour.cmyk)
    return found
