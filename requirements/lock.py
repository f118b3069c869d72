"""`make lock`: resolve every package the project installs to one exact version, with
the hashes of all its files, for every platform and Python version the project
supports, and check that each of those gets a wheel of everything (nothing to compile).

Writes, from pyproject.toml, the *.in files here and constraints.txt:
  test.txt   what `make decks`, `make test` and CI install (the tool and its tests)
  run.txt    what the tool alone needs, at the same versions (a user's exact install)
  setup.txt  pip and setuptools, which install the two above
  tools.txt  uv, which writes all four (run with .venv-tools' Python, where it is)

Run it on purpose and commit what it changed on its own, after `make test` passes; it
prints each version that changed. uv is chosen for its universal resolution: one file
whose environment markers cover Linux, macOS and Windows and every Python version at
once, which pip-compile (one platform at a time) cannot write.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from uv import find_uv_bin

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OLDEST_PYTHON = "3.10"  # pyproject.toml's requires-python
# Every Python the lock must install on, from wheels only.
PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
# (uv's name for the platform, macOS version it must run on or None, what users call it)
PLATFORMS = (
    ("x86_64-manylinux_2_28", None, "Linux x86_64 (glibc 2.28 or later)"),
    ("aarch64-manylinux_2_28", None, "Linux ARM64 (glibc 2.28 or later)"),
    ("aarch64-apple-darwin", "14.0", "macOS 14 or later, Apple silicon"),
    ("x86_64-apple-darwin", "15.0", "macOS 15 or later, Intel"),
    ("x86_64-pc-windows-msvc", None, "Windows x86_64"),
)
UV = find_uv_bin()  # once: it reads sysconfig, which is not safe to start in several threads at once
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)(?:\s*;\s*(.+?))?\s*\\?$", re.MULTILINE)


def uv(*args: str, env: dict[str, str] | None = None, quiet: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([UV, *args], cwd=ROOT, env=env, text=True,
                          capture_output=quiet, check=False)


def compile_lock(output: str, *inputs: str, upgrade: bool = False) -> None:
    args = ["pip", "compile", *inputs, "--universal", "--python-version", OLDEST_PYTHON, "--generate-hashes",
            "--custom-compile-command", "make lock", "--quiet", "--output-file", output]
    if upgrade:
        args.append("--upgrade")
    if uv(*args).returncode != 0:
        sys.exit(f"make lock: could not resolve {output}")


def pins(path: Path) -> dict[str, str]:
    """'name (marker)' -> version, for a lock file's pins."""
    if not path.exists():
        return {}
    found = {}
    for name, version, marker in PIN.findall(path.read_text(encoding="utf-8")):
        found[f"{name} ({marker})" if marker else name] = version
    return found


def wheels_missing(lock: str) -> list[str]:
    """Each supported platform and Python on which some pinned package has no wheel."""
    with tempfile.TemporaryDirectory() as scratch:
        def check(platform: str, macos: str | None, shown: str, python: str) -> str | None:
            env = dict(os.environ, **({"MACOSX_DEPLOYMENT_TARGET": macos} if macos else {}))
            output = Path(scratch) / f"{platform}-{python}.txt"
            args = ("pip", "compile", lock, "--no-deps", "--only-binary", ":all:", "--python-platform", platform,
                    "--python-version", python, "--quiet", "--output-file", str(output))
            # The index pages the resolution just read are in uv's cache: offline, a check
            # takes half a second instead of ten; only a failure is asked of the index again.
            checked = uv(*args, "--offline", env=env, quiet=True)
            if checked.returncode != 0:
                checked = uv(*args, env=env, quiet=True)
            if checked.returncode == 0:
                return None
            reasons = [line.strip() for line in checked.stderr.splitlines() if "wheels" in line]
            return f"{lock}: {shown}, Python {python}: {(reasons or checked.stderr.strip().splitlines() or ['?'])[-1]}"

        # Each check mostly waits for the index: several at once.
        with ThreadPoolExecutor(max_workers=8) as pool:
            found = pool.map(lambda job: check(*job), [(*platform, python) for platform in PLATFORMS for python in PYTHONS])
            return [line for line in found if line]


def main() -> int:
    before = {name: pins(HERE / name) for name in ("test.txt", "run.txt", "setup.txt", "tools.txt")}
    compile_lock("requirements/tools.txt", "requirements/tools.in", upgrade=True)
    compile_lock("requirements/setup.txt", "requirements/setup.in", upgrade=True)
    compile_lock("requirements/test.txt", "pyproject.toml", "--extra", "test", "--constraint", "requirements/constraints.txt",
                 upgrade=True)
    # The tool alone, at exactly the versions its tests ran with.
    compile_lock("requirements/run.txt", "pyproject.toml", "--constraint", "requirements/constraints.txt",
                 "--constraint", "requirements/test.txt")
    for name, old in before.items():
        new = pins(HERE / name)
        changes = [f"  {key}: {old.get(key, '-')} -> {new.get(key, '-')}" for key in sorted(old.keys() | new.keys())
                   if old.get(key) != new.get(key)]
        print(f"requirements/{name}: " + (f"{len(changes)} changed" if changes else "unchanged"))
        for change in changes:
            print(change)
    missing = [line for lock in ("requirements/setup.txt", "requirements/run.txt", "requirements/test.txt")
               for line in wheels_missing(lock)]
    if missing:
        print("make lock: these supported platforms would have to compile a package (add a limit with its reason to "
              "requirements/constraints.txt, or stop supporting the platform in requirements/lock.py and the README):")
        print("\n".join(f"  {line}" for line in missing))
        return 1
    print(f"make lock: every pinned package has a wheel for Python {PYTHONS[0]}-{PYTHONS[-1]} on "
          + "; ".join(shown for _, _, shown in PLATFORMS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
