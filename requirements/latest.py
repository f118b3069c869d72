"""`make test-latest`: the test suite against the newest versions pyproject.toml's ranges
allow (not the lock), in a throw-away environment, so a maintainer sees what the next
`make lock` would break before it is made. Not part of CI: its result depends on the day.

Usage: python requirements/latest.py [PYTHON]   (run with .venv-tools' Python, where uv is)
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lock import ROOT, UV, pins

BIN = "Scripts" if os.name == "nt" else "bin"


def main(python: str) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="cards-latest-"))
    try:
        venv = scratch / "venv"
        interpreter = venv / BIN / "python"
        subprocess.run([UV, "venv", "--quiet", "--python", python, str(venv)], check=True)
        # The newest the ranges allow: no lock, no constraints file (its limits are the lock's).
        # pip and setuptools as requirements/setup.txt gives them to .venv (the suite builds a wheel).
        subprocess.run([UV, "pip", "install", "--quiet", "--python", str(interpreter), "--upgrade", "pip",
                        "setuptools>=77", "-e", ".[test]"], cwd=ROOT, check=True)
        frozen = subprocess.run([UV, "pip", "freeze", "--python", str(interpreter)], capture_output=True, text=True,
                                check=True).stdout
        newest = {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in
                  (line.split("==", 1) for line in frozen.splitlines() if "==" in line)}
        locked: dict[str, set[str]] = {}
        for key, version in (pins(ROOT / "requirements" / "test.txt") | pins(ROOT / "requirements" / "setup.txt")).items():
            locked.setdefault(key.split(" ")[0], set()).add(version)
        changed = [f"  {name}: {' or '.join(sorted(locked.get(name, {'not locked'})))} -> {version}"
                   for name, version in sorted(newest.items()) if version not in locked.get(name, set())
                   and name != "behaviour-cards"]
        print(f"make test-latest: {len(changed)} package(s) newer than (or missing from) the lock:" if changed
              else "make test-latest: the lock already holds the newest versions")
        for line in changed:
            print(line)
        env = dict(os.environ, CARDS_UNLOCKED="1")  # the test that compares .venv with the lock stands aside
        return subprocess.run([str(interpreter), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                              env=env).returncode
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else sys.executable))
