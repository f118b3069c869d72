"""A tagged PDF read back as a screen reader meets it: the structure tree in order, each
element with the text of its marked content (PDFium reads which MCID each text belongs
to; pikepdf reads the tree)."""
from __future__ import annotations

import ctypes
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def texts_by_mcid(path: Path) -> dict[tuple[int, int], str]:
    """(page index, MCID) -> the text drawn in that marked content, in drawing order."""
    found: dict[tuple[int, int], str] = {}
    document = pdfium.PdfDocument(str(path))
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        count = pdfium_c.FPDFPage_CountObjects(page.raw)
        for k in range(count):
            obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
            _collect(obj, index, textpage, found)
    return found


def _collect(obj, index, textpage, found) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _collect(pdfium_c.FPDFFormObj_GetObject(obj, k), index, textpage, found)
        return
    if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
        return
    mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj)
    if mcid < 0:
        return
    size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2 + 1))()
    pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
    text = bytes(buffer)[: max(0, size - 2)].decode("utf-16-le", "replace")
    key = (index, mcid)
    found[key] = (found.get(key, "") + " " + text).strip() if key in found else text


def texts_marked_in_language(path: Path, language: str) -> list[str]:
    """The text drawn inside marked content that says it is in `language` (a /Span with
    /Lang inside an element's content: PDF 1.7, 14.9.2.1), as PDFium reads the marks."""
    found: list[str] = []
    document = pdfium.PdfDocument(str(path))
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
            obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
            if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_TEXT and _marked_language(obj) == language:
                size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
                buffer = (ctypes.c_ushort * (size // 2 + 1))()
                pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, buffer, size)
                found.append(bytes(buffer)[: max(0, size - 2)].decode("utf-16-le", "replace"))
    return found


def _marked_language(obj) -> str | None:
    for m in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, m)
        size = ctypes.c_ulong()
        key = b"Lang\0"
        if pdfium_c.FPDFPageObjMark_GetParamValueType(mark, key) == pdfium_c.FPDF_OBJECT_STRING:
            pdfium_c.FPDFPageObjMark_GetParamStringValue(mark, key, None, 0, ctypes.byref(size))
            buffer = (ctypes.c_ushort * (size.value // 2 + 1))()
            pdfium_c.FPDFPageObjMark_GetParamStringValue(mark, key, buffer, size.value, ctypes.byref(size))
            return bytes(buffer)[: max(0, size.value - 2)].decode("utf-16-le", "replace")
    return None


def reading(path: Path) -> list[tuple[int, str, str, str | None]]:
    """(depth, role, text, alternative) for every structure element, in the tree's order."""
    texts = texts_by_mcid(path)
    out: list[tuple[int, str, str, str | None]] = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def walk(element, depth: int) -> None:
            kids = element.get("/K", [])
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            own = []
            children = []
            for kid in kids:
                if isinstance(kid, int):  # an MCID on the element's own page
                    own.append(texts.get((pages[element.Pg.objgen], int(kid)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    own.append(texts.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    own.append(f"[field: {kid.Obj.get('/TU', kid.Obj.get('/Parent', {}).get('/TU', ''))}]")
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    children.append(kid)
            alt = str(element.Alt) if "/Alt" in element else None
            out.append((depth, str(element.S)[1:], " ".join(t for t in own if t), alt))
            for child in children:
                walk(child, depth + 1)

        for top in pdf.Root.StructTreeRoot.K:
            walk(top, 0)
    return out
