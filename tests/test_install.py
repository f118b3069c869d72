"""The tool as a user installs it: a wheel built from this repository, installed into a
fresh virtual environment outside it, used in a project of its own (init, new, build,
another layout and theme, a project-local layout override), every file preflighted."""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT
from pypdf import PdfReader

BIN = "Scripts" if sys.platform == "win32" else "bin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `cards` command of a fresh virtual environment holding the built wheel and, as
    `make` would, exactly the locked versions of what it needs (requirements/run.txt):
    pip may take nothing else from an index for it. Under `make test-latest`, the newest
    versions pyproject.toml's ranges allow, as `pip install` gives a user today."""
    work = tmp_path_factory.mktemp("install")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(work / "wheel")], check=True, capture_output=True)
    (wheel,) = (work / "wheel").glob("*.whl")
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / BIN / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-input"]
    if os.environ.get("CARDS_UNLOCKED"):
        subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    else:
        subprocess.run([*pip, "--require-hashes", "--only-binary", ":all:", "-r", str(ROOT / "requirements" / "run.txt")],
                       check=True, capture_output=True)
        subprocess.run([*pip, "--no-index", str(wheel)], check=True, capture_output=True)
    return work / "venv" / BIN / "cards"


def run(cards: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing from the repository
    return subprocess.run([str(cards), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_a_wheel_installed_anywhere_makes_a_project_and_builds_it(installed, tmp_path):
    folder = tmp_path / "Decks with spaces and ŵ"
    folder.mkdir()
    licence = list(installed.parent.parent.rglob("generator/builtins/fonts/SourceSansPro-OFL.txt"))
    assert licence and "SIL Open Font License" in licence[0].read_text(encoding="utf-8")  # the fonts' licence ships
    version = run(installed, "--version", cwd=folder)
    assert version.returncode == 0 and version.stdout.startswith("cards ")
    assert run(installed, "init", "demo", cwd=folder).returncode == 0
    project = folder / "demo"
    assert run(installed, "new", "my-deck", cwd=project).returncode == 0
    built = run(installed, "build", cwd=project)
    assert built.returncode == 0 and built.stderr == "", built.stderr
    files = sorted(p.name for p in (project / "output" / "my-deck").iterdir())
    assert files == sorted(f"my-deck-{kind}.pdf" for kind in ("press", "a4", "letter", "foldover-a4", "foldover-letter",
                                                              "facilitator-a4", "facilitator-letter", "screen"))
    printed = [str(project / "output" / "my-deck" / f) for f in files if not f.endswith("-screen.pdf")]
    checked = run(installed, "preflight", *printed, cwd=project)
    assert checked.returncode == 0, checked.stdout
    on_screen = run(installed, "preflight", "--screen", str(project / "output" / "my-deck" / "my-deck-screen.pdf"), cwd=project)
    assert on_screen.returncode == 0, on_screen.stdout
    other = run(installed, "build", "--layout", "a7", "--theme", "mono", "--outputs", "press", cwd=project)
    assert other.returncode == 0, other.stderr
    assert (project / "output" / "my-deck" / "my-deck-a7-mono-press.pdf").is_file()
    (project / "layouts" / "tarot.yaml").write_text(
        'extends: tarot\nfront:\n  footer-title: {text: "Local override {{ position }}"}\n', encoding="utf-8")
    local = run(installed, "build", "--outputs", "press", cwd=project)
    assert local.returncode == 0, local.stderr
    text = PdfReader(project / "output" / "my-deck" / "my-deck-press.pdf").pages[0].extract_text()
    assert "Local override 1" in text


def test_the_installed_tool_publishes_a_site_and_draws_card_images(installed, tmp_path):
    assert run(installed, "init", "demo", cwd=tmp_path).returncode == 0
    project = tmp_path / "demo"
    assert run(installed, "new", "my-deck", cwd=project).returncode == 0
    published = run(installed, "publish", "--out", "site", cwd=project)
    assert published.returncode == 0, published.stderr
    page = (project / "site" / "my-deck" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en' in page and "../assets/site.css" in page
    for asset in ("site.css", "site.js", "favicon.svg", "fonts/SourceSansPro-LICENSE.txt", "fonts/SourceSansPro-Regular.woff2"):
        assert (project / "site" / "assets" / asset).is_file()
    images = run(installed, "images", "cards/my-deck", cwd=project)
    assert images.returncode == 0, images.stderr
    assert len(list((project / "output" / "my-deck" / "images").glob("my-deck-*-front.png"))) == 2
