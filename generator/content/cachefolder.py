"""The user's cache folder: work that costs time and depends only on its input (a compiled
template, say), kept between runs under a name made from that input's content.

An entry is found only under its content's hash, never by a timestamp, so an edited
input is a new entry. The cache is an optimisation only: an entry that cannot be read
or written is work done again, never an error. Entries are written to a temporary file
and renamed into place, so two builds at once never read half an entry.

Where: `CARDS_CACHE` when set (`off` turns the cache off), else the platform's cache
folder: %LOCALAPPDATA%\\behaviour-cards\\Cache on Windows, ~/Library/Caches/behaviour-cards
on macOS, $XDG_CACHE_HOME/behaviour-cards (~/.cache/behaviour-cards) elsewhere.
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

APP = "behaviour-cards"
MAX_ENTRIES = 400  # a kind of entry kept at most (a preview saving a template writes one entry a save)
MAX_ENTRY_BYTES = 4_000_000


def cache_root() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("CARDS_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / APP / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    base = os.environ.get("XDG_CACHE_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / APP


def content_key(*parts: bytes | str) -> str:
    """A name for an entry made from everything its content depends on."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def read_entry(kind: str, key: str) -> bytes | None:
    root = cache_root()
    if root is None:
        return None
    try:
        with open(root / kind / key, "rb") as entry:
            data = entry.read(MAX_ENTRY_BYTES + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= MAX_ENTRY_BYTES else None


def write_entry(kind: str, key: str, data: bytes) -> None:
    root = cache_root()
    if root is None or len(data) > MAX_ENTRY_BYTES:
        return
    folder = root / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".new-")
        try:
            with os.fdopen(handle, "wb") as entry:
                entry.write(data)
            os.replace(temporary, folder / key)
        except BaseException:
            _remove(Path(temporary))
            raise
    except (OSError, ValueError):
        pass  # a read-only or full disk: the work is simply done again next time


def _prune(folder: Path) -> None:
    """Keep a kind's folder small: past MAX_ENTRIES, the least recently written half goes."""
    try:
        entries = [(entry.stat().st_mtime_ns, Path(entry.path)) for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return
    if len(entries) < MAX_ENTRIES:
        return
    for _, path in sorted(entries)[: len(entries) - MAX_ENTRIES // 2]:
        _remove(path)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
