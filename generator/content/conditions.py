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


MAX_PROFILE_BYTES = 10_000_000  # a CMYK output profile is a few hundred kB to a few MB


def profile_problem(path: Path) -> str | None:
    """Why a file cannot be a press file's output profile, read from its bytes (an ICC
    profile's header: its size, 'acsp', an output device in CMYK); None if it can."""
    try:
        if not path.is_file():
            return "the ICC profile is not a regular file"
        size = path.stat().st_size
        if size > MAX_PROFILE_BYTES:
            return f"the ICC profile is larger than {MAX_PROFILE_BYTES // 1_000_000} MB; an output profile is far smaller"
        with path.open("rb") as stream:
            header = stream.read(128)
    except OSError as err:
        return f"cannot read the ICC profile: {err.strerror or err}"
    if len(header) < 128 or header[36:40] != b"acsp" or int.from_bytes(header[:4], "big") != size:
        return "not an ICC profile (read from its bytes, whatever its name says); the press file would carry it as one"
    if header[12:16] != b"prtr" or header[16:20] != b"CMYK":
        return (f"an ICC profile for {header[12:16].decode('latin-1').strip()} in {header[16:20].decode('latin-1').strip()}, "
                "not a CMYK output (printer) profile, which a press file needs")
    return None
