"""How many instructions a command executes, counted by valgrind's callgrind: the same
count run after run, however busy the machine, so a change of a few per cent shows where
timings on the 2-core machine drift by a quarter. For comparing two versions of the code
on one job (the targets themselves are seconds: `make bench`). Worker processes a build
spawns are counted too. Needs valgrind (Debian package valgrind); about fifty times
slower than the command.

Usage: python bench/instructions.py COMMAND [ARG ...]
       e.g. python bench/instructions.py .venv/bin/cards build cards/system-leadership --out /tmp/x
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_COLLECTED = re.compile(r"^summary:\s*(\d+)", re.M)


def instructions(command: list[str]) -> int:
    """Instructions executed by `command` and every process it starts."""
    if shutil.which("valgrind") is None:
        raise SystemExit("bench/instructions.py needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="cards-instructions-") as folder:
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", "--quiet",
                        f"--callgrind-out-file={folder}/out.%p", *command], check=True, stdout=subprocess.DEVNULL)
        return sum(int(found) for path in Path(folder).glob("out.*")
                   for found in _COLLECTED.findall(path.read_text(encoding="utf-8", errors="replace")))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    print(f"{instructions(sys.argv[1:]):,} instructions")
