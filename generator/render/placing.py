"""Faces placed from the master: sheets and fold-overs are drawn by ReportLab with a
placeholder where each face goes (`/master-<position>-<side> Do`, placed and clipped as
the face would be), and here (qpdf, through pikepdf) each placeholder becomes the press
file's own page as a Form XObject. A face is drawn once a build, and the sheets print
exactly what the press file prints. (The pack draws its small card pictures itself:
qpdf's copy into a file slows with every object the file holds, and a pack of a
thousand cards holds tens of thousands of tagged ones.)

A page becomes a form by reference to its own bytes: its content stream, still
compressed, and its resources, so fonts and images the faces share are copied once into
each file. The result is written as it is (no stream decoded or recompressed, no object
streams), so the same input gives the same bytes, and the XMP packet stays readable.
"""
from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from generator.render.press import PLACEHOLDER

_PLACED = re.compile(rb"/(" + PLACEHOLDER.encode("ascii") + rb"[0-9]+-[a-z]+) Do")


def place_from_master(drawn: Path, master: Path, pages: dict[str, int], target: Path) -> None:
    """`drawn` with each face's placeholder (`/master-<position>-<side> Do` in a page's
    content) made the master's page it names (`pages`: name -> master page index), the
    whole page, bleed included, written to `target`."""
    # Memory-mapped: qpdf reads the objects itself, four times quicker than through Python.
    with pikepdf.open(str(master), access_mode=pikepdf.AccessMode.mmap) as source, \
            pikepdf.open(str(drawn), access_mode=pikepdf.AccessMode.mmap) as document:
        made: dict[str, pikepdf.Object] = {}
        for page in document.pages:
            names = sorted({found.decode("ascii") for found in _PLACED.findall(_content(page.obj))})
            if not names:
                continue
            resources = page.obj.get("/Resources")
            resources = pikepdf.Dictionary() if not isinstance(resources, pikepdf.Dictionary) else (
                pikepdf.Dictionary(resources) if resources.is_indirect else resources)  # never one another page shares
            xobjects = resources.get("/XObject")
            xobjects = pikepdf.Dictionary() if not isinstance(xobjects, pikepdf.Dictionary) else pikepdf.Dictionary(xobjects)
            for name in names:
                index = pages.get(name)
                if index is None:
                    raise ValueError(f"{drawn.name}: a face placed as /{name} is not in the master")
                if name not in made:
                    made[name] = document.copy_foreign(_page_form(source, source.pages[index].obj))
                xobjects[pikepdf.Name("/" + name)] = made[name]
            resources.XObject = xobjects
            page.obj.Resources = resources
        with open(target, "wb") as stream:  # a plain file: pikepdf's own atomic one costs a Python call a write
            # fix_metadata_version off: the XMP packet stays byte for byte as identity.py
            # wrote it, like every other file's (it names no PDF version to update), not
            # parsed with lxml and written back reformatted (lxml's import alone cost each
            # process making sheets about 5 ms).
            document.save(stream, static_id=True, compress_streams=False, fix_metadata_version=False,
                          stream_decode_level=pikepdf.StreamDecodeLevel.none,
                          object_stream_mode=pikepdf.ObjectStreamMode.disable)


def _content(page: pikepdf.Dictionary) -> bytes:
    contents = page.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes() if isinstance(contents, pikepdf.Stream) else b""


def _page_form(pdf: pikepdf.Pdf, page: pikepdf.Dictionary) -> pikepdf.Stream:
    """The page as a Form XObject of its own document, sharing its compressed content."""
    contents = page.Contents
    if isinstance(contents, pikepdf.Array):  # never from our own press files, which have one stream a page
        data, filters = b"\n".join(part.read_bytes() for part in contents), None
    else:
        data, filters = contents.read_raw_bytes(), contents.get("/Filter")
    form = pikepdf.Stream(pdf, data)
    if filters is not None:
        form.Filter = filters
        if "/DecodeParms" in contents:
            form.DecodeParms = contents.DecodeParms
    form.Type = pikepdf.Name.XObject
    form.Subtype = pikepdf.Name.Form
    form.BBox = page.MediaBox
    form.Resources = page.get("/Resources", pikepdf.Dictionary())
    return form
