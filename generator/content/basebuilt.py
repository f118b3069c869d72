"""A local variant's base, as it was when the variant was last built: a warning when the
base's edition (its `version:` or `date:`) has moved since, since the variant's reworded
cards were written against the old wording.

The record is a small JSON file beside the variant's built files,
`<output>/<variant-id>/.base-edition.json`, written when the variant is built: "last
built" is what is in that output folder. Pure apart from reading and writing that file;
a record that cannot be read is no record (no warning), never an error.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.content.variants import Adaptation

RECORD_NAME = ".base-edition.json"


def record_path(out_dir: Path, deck_id: str) -> Path:
    return out_dir / deck_id / RECORD_NAME


def base_edition(adaptation: Adaptation) -> dict[str, str | None]:
    """What names the base's edition, as recorded."""
    return {"base": adaptation.base_id, "version": adaptation.base_version, "date": adaptation.base_date}


def read_record(path: Path) -> dict | None:
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(10_000).decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_record(path: Path, adaptation: Adaptation) -> None:
    text = json.dumps(base_edition(adaptation), indent=2, sort_keys=True) + "\n"
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError:
        pass  # a folder that cannot take it: no warning next time, the build itself is done


def moved(recorded: dict | None, adaptation: Adaptation, changed_cards: list[str]) -> str | None:
    """The warning when the base's edition differs from the one last built, else None."""
    if recorded is None or recorded.get("base") != adaptation.base_id:
        return None
    now = base_edition(adaptation)
    if (recorded.get("version"), recorded.get("date")) == (now["version"], now["date"]):
        return None
    check = "check it still reads" if len(changed_cards) == 1 else "check they still read"
    reworded = f"; this edition changes {', '.join(changed_cards)}: {check} right against the base" if changed_cards else ""
    return (f"its base '{adaptation.base_id}' is now {_edition(now)}, and this edition was last built from "
            f"{_edition(recorded)}{reworded} (cards diff lists this edition's changes)")


def _edition(record: dict) -> str:
    parts = [f"version {record['version']}" if record.get("version") else None,
             f"dated {record['date']}" if record.get("date") else None]
    return ", ".join(p for p in parts if p) or "undated and unversioned"
