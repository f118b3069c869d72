"""How many instructions a command executes, counted by valgrind's callgrind: the same
count run after run, however busy the machine, so a change of a few per cent shows where
timings on the 2-core machine drift by a quarter. For comparing two versions of the code
on one job (the targets themselves are seconds: `make bench`). The processes the command
starts are counted too, even those that end after it (this script waits for them). Needs
valgrind (Debian package valgrind); about fifty times slower than the command.

Usage: python bench/instructions.py COMMAND [ARG ...]
       e.g. python bench/instructions.py .venv/bin/cards build cards/system-leadership --out /tmp/x
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_COLLECTED = re.compile(r"^summary:\s*(\d+)", re.M)


def instructions(command: list[str]) -> int:
    """Instructions executed by `command` and every process it starts."""
    if shutil.which("valgrind") is None:
        raise SystemExit("bench/instructions.py needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="cards-instructions-") as folder:
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", "--quiet",
                        f"--callgrind-out-file={folder}/out.%p", *command], check=True, stdout=subprocess.DEVNULL)
        _wait_for_stragglers(folder)
        return sum(int(found) for path in Path(folder).glob("out.*")
                   for found in _COLLECTED.findall(path.read_text(encoding="utf-8", errors="replace")))


def _wait_for_stragglers(folder: str, seconds: float = 60.0) -> None:
    """Let processes that outlive the command finish and write their counts (a build's
    multiprocessing resource tracker ends only after the build has): those still traced
    into `folder`, found by their command lines (Linux's /proc)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        running = False
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                running = running or folder.encode() in cmdline.read_bytes()
            except OSError:  # ended while looked at
                continue
        if not running:
            return
        time.sleep(0.1)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    print(f"{instructions(sys.argv[1:]):,} instructions")
