"""Printing conditions for press files: the PDF/X OutputIntent a print shop reads.

Each is a characterised condition from the ICC registry (color.org), named the way
shops name them. Where a profile may be shipped (layouts/profiles/README.md says which
and why), it is embedded as the intent's DestOutputProfile; a deck's or the project's
`layouts/profiles/` folder may hold its own file of the same name.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.catalogue import is_file, layout_dirs

REGISTRY = "http://www.color.org"


@dataclass(frozen=True)
class PrintingCondition:
    name: str  # as a deck or the command line names it
    identifier: str  # OutputConditionIdentifier, as registered
    condition: str  # OutputCondition: what a person reads
    profile: str | None  # file name in layouts/profiles/, or None: the registry reference only


CONDITIONS = {
    "fogra39": PrintingCondition("fogra39", "FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004, coated paper)", "fogra39.icc"),
    "fogra51": PrintingCondition("fogra51", "FOGRA51", "PSO Coated v3 (ISO 12647-2:2013, premium coated paper)", None),
    "gracol": PrintingCondition("gracol", "CGATS TR 006", "GRACoL 2006 Coated #1 (US sheetfed, grade 1 coated paper)", "gracol2006.icc"),
    "swop": PrintingCondition("swop", "CGATS TR 003", "SWOP Grade 3 (US web offset, coated paper)", "swop-grade3.icc"),
}
DEFAULT_CONDITION = "fogra39"


def profile_path(condition: PrintingCondition, deck_folder: Path | None) -> Path | None:
    """The condition's ICC profile, searched like layouts: the deck's, the project's, the built-in."""
    if condition.profile is None:
        return None
    return next((d / "profiles" / condition.profile for d in layout_dirs(deck_folder)
                 if is_file(d / "profiles" / condition.profile)), None)
