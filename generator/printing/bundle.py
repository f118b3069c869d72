"""A published deck's bundles: zip files and the manifest, byte-identical for the same
input (entries in the order given, every entry dated by the build's epoch, fixed
permissions), so a rebuilt site changes only where its content did."""
from __future__ import annotations

import hashlib
import json
import time
import zipfile
from pathlib import Path

ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest date a zip entry can carry


def write_zip(path: Path, entries: list[tuple[str, Path]], epoch: int) -> None:
    """`entries`: (name in the zip, file) in the order they go in."""
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, source in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the system building it: the same bytes everywhere
            with source.open("rb") as data, bundle.open(info, "w") as entry:
                while chunk := data.read(1 << 20):
                    entry.write(chunk)
    partial.replace(path)


def file_digest(path: Path) -> tuple[int, str]:
    """(bytes, sha256 as hex)."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as data:
        while chunk := data.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def built_at(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def manifest_text(about: dict, folder: Path, skip: str = "manifest.json") -> str:
    """`about` (deck id, title, ...) and every file under `folder` but `skip`, by path,
    with its size and sha256, as JSON."""
    files = []
    inside = [p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != skip]
    for path in sorted(inside, key=lambda p: p.relative_to(folder).as_posix()):
        size, sha = file_digest(path)
        files.append({"path": path.relative_to(folder).as_posix(), "bytes": size, "sha256": sha})
    return json.dumps({**about, "files": files}, ensure_ascii=False, indent=2) + "\n"
