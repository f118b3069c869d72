"""ReportLab's saving of a PDF, streamed: each object is written to the file as soon as it
is formatted, and let go. ReportLab builds the whole file in memory first, then joins
it: a 1,000-card pack is 14 MB of bytes held twice, on top of its 54,000 objects, so
saving was where writing a big file peaked in memory. The bytes written are ReportLab's own
(reportlab 5.x, pdfbase/pdfdoc.py: PDFDocument.SaveToFile, GetPDFData and format, and
PDFFile), which the tests compare; only a long run of bookmarks is grouped first
(outline.py). Installed by importing this module, as every module that writes a PDF
does (through render/identity.py)."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

from generator.render.outline import group_long_outline

_REPORTLAB_SAVE = pdfdoc.PDFDocument.SaveToFile


class _StreamedFile:
    """PDFFile's interface (`add` returns where the bytes start), writing to a file."""

    def __init__(self, stream: BinaryIO, version: tuple[int, int]):
        self.stream, self.offset = stream, 0
        self.add(pdfdoc.pdfdocEnc("%%PDF-%s.%s" % version)
                 + b"\n%\223\214\213\236 ReportLab Generated PDF document (opensource)\n")

    def add(self, text) -> int:
        data = pdfdoc.pdfdocEnc(text)
        at = self.offset
        self.offset = at + len(data)
        self.stream.write(data)
        return at


def _save_to_file(self: pdfdoc.PDFDocument, filename, canvas) -> None:
    group_long_outline(self.Outlines, canvas)
    if not isinstance(filename, str) or getattr(self, "_digiSigs", None):
        return _REPORTLAB_SAVE(self, filename, canvas)  # a file object, or signing (which rereads the bytes)
    if getattr(self, "_savedToFile", False):
        raise RuntimeError(f"class {self.__class__.__name__} instances can only be saved once")
    self._savedToFile = True
    # GetPDFData, up to its call of format()
    for font in self.delayedFonts:
        font.addObjects(self)
    self.info.invariant = self.invariant
    self.info.digest(self.signature)
    self.Reference(self.Catalog)
    self.Reference(self.info)
    self.Outlines.prepare(self, canvas)
    if self.Outlines.ready < 0:
        self.Catalog.Outlines = None
    try:
        with open(filename, "wb") as stream:
            _format(self, _StreamedFile(stream, self._pdfVersion))
    except BaseException:
        Path(filename).unlink(missing_ok=True)  # never a half-written file
        raise


def _format(self: pdfdoc.PDFDocument, file: _StreamedFile) -> None:
    """PDFDocument.format, writing into `file`; each object is dropped once written (its
    name stays registered: a later reference to it still resolves)."""
    self.encrypt.prepare(self)
    catalog, info = self.Catalog, self.info
    self.Reference(catalog)
    self.Reference(info)
    encryption = self.encrypt.info()
    encryption_ref = self.Reference(encryption) if encryption else None
    counter = 0
    ids = []
    number_to_id, id_to_object, id_to_offset = self.numberToId, self.idToObject, self.idToOffset
    self._PDFDocument__accum__ = file  # as format() sets it: objects may ask where they are
    while True:  # objects may be added while others are formatted
        counter += 1
        if counter not in number_to_id:
            break
        oid = number_to_id[counter]
        obj = id_to_object[oid]
        formatted = _indirect(self, oid, obj)
        if not rl_config.invariant and rl_config.pdfComments:
            try:
                classname = obj.__class__.__name__
            except Exception:
                classname = ascii(obj)
            file.add("%% %s: class %s \n" % (ascii(oid), classname[:50]))
        id_to_offset[oid] = file.add(formatted)
        id_to_object[oid] = None
        ids.append(oid)
    del self._PDFDocument__accum__
    if counter - 1 != len(number_to_id):
        raise ValueError(f"counter {counter} doesn't match number to id dictionary {len(number_to_id)}")
    xref = pdfdoc.PDFCrossReferenceTable()
    xref.addsection(0, ids)
    offset = file.add(xref.format(self))
    trailer = pdfdoc.PDFTrailer(startxref=offset, Size=len(number_to_id) + 1, Root=self.Reference(catalog),
                                Info=self.Reference(info), Encrypt=encryption_ref, ID=self.ID())
    file.add(trailer.format(self))


def _indirect(self: pdfdoc.PDFDocument, oid: str, obj) -> bytes:
    """PDFIndirectObject(oid, obj).format(self): `n v obj`, the object, `endobj`."""
    n, v = self.idToObjectNumberAndVersion[oid]
    self.encrypt.register(n, v)
    content = pdfdoc.format(obj, self, toplevel=1)
    return b"%d %d obj\n" % (n, v) + content + (b"" if content.endswith(b"\n") else b"\n") + b"endobj\n"


pdfdoc.PDFDocument.SaveToFile = _save_to_file
