"""A face is drawn once a build, into the press file; the sheets and the fold-overs place
the press file's own pages (issue 30)."""
from __future__ import annotations

import pikepdf
import pypdfium2 as pdfium

from conftest import SAMPLE_DECKS

from generator.pipeline import PrintOptions, build, prepare


def _press_pages(path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [page.obj.Contents.read_raw_bytes() for page in pdf.pages]


def _placed_forms(path) -> list[tuple[int, str, bytes, tuple]]:
    """(page number, resource name, raw content, BBox) of each face placed on the file's pages."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            xobjects = page.obj.Resources.get("/XObject", {})
            for name, xobject in xobjects.items():
                if name.startswith("/master-"):
                    found.append((number, str(name), xobject.read_raw_bytes(), tuple(float(v) for v in xobject.BBox)))
    return found


def _files(outcome) -> dict[str, object]:
    return {w.path.name.split("-", 2)[-1]: w.path for w in outcome.written}


def test_sheets_and_fold_overs_place_the_press_files_own_pages(tmp_path):
    files = _files(build([SAMPLE_DECKS[0]], tmp_path))
    press = _press_pages(files["press.pdf"])
    assert len(press) == 26
    with pikepdf.open(files["press.pdf"]) as pdf:
        media = tuple(float(v) for v in pdf.pages[0].MediaBox)
    for name in ("a4.pdf", "letter.pdf", "foldover-a4.pdf", "foldover-letter.pdf"):
        placed = _placed_forms(files[name])
        faces = {content for _, _, content, _ in placed}
        assert faces == set(press), name  # each face placed is a press page, byte for byte, and every one is placed
        assert {box for *_, box in placed} == {media}, name  # bleed and all, for the slot's clip to cut
        with pikepdf.open(files[name]) as pdf:  # each face copied into the file once, however often it is placed
            forms = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"
                     and o.read_raw_bytes() in faces]
            assert len(forms) == len(faces), name


def test_a_sheet_prints_what_the_press_file_prints(tmp_path):
    """Each card of the first A4 sheet, rendered, is its press page rendered, cropped to
    the trim (100 dpi; the slot's place and turn are the imposition's)."""
    from PIL import Image, ImageChops

    files = _files(build([SAMPLE_DECKS[0]], tmp_path))
    sheet_plan = next(o for item in prepare([SAMPLE_DECKS[0]]).builds for o in item.outputs if o.name.endswith("-a4.pdf")).sheets[0]
    scale = 100 / 72

    def crop(image, box, height):
        x0, y0, x1, y1 = box
        return image.crop((round(x0 * scale), round((height - y1) * scale), round(x1 * scale), round((height - y0) * scale)))

    with pdfium.PdfDocument(str(files["press.pdf"])) as press, pdfium.PdfDocument(str(files["a4.pdf"])) as sheets:
        sheet = sheets[0].render(scale=scale).to_pil().convert("RGB")
        compared = 0
        for slot in sheet_plan.slots:
            page = press[slot.face]
            card = crop(page.render(scale=scale).to_pil().convert("RGB"), page.get_trimbox(), page.get_height())
            card = card.rotate(slot.rotation, expand=True)
            placed = crop(sheet, slot.trim, sheets[0].get_height()).resize(card.size)
            # Averaged over 4 x 4 pixels: the slot's place falls between pixels, so edges anti-alias
            # differently; another card's face differs in a fifth of them, this one in under 1 %.
            size = (card.width // 4, card.height // 4)
            difference = ImageChops.difference(placed.resize(size, Image.BOX), card.resize(size, Image.BOX))
            assert _differing(difference) < size[0] * size[1] * 0.015, slot
            compared += 1
    assert compared >= 2


def _differing(difference) -> int:
    """How many pixels of a difference image differ by more than 40 in some channel."""
    from PIL import ImageChops

    mask = None
    for band in difference.split():
        band = band.point(lambda value: 255 if value > 40 else 0)
        mask = band if mask is None else ImageChops.lighter(mask, band)
    return mask.histogram()[255]


def test_a_build_without_the_press_file_still_places_faces_from_a_master_it_never_writes(tmp_path):
    outcome = build([SAMPLE_DECKS[0]], tmp_path, options=PrintOptions(outputs=("sheets", "facilitator")))  # no press file
    assert not outcome.problems
    names = sorted(p.name for p in (tmp_path / "system-leadership").iterdir())
    assert names == ["system-leadership-a4.pdf", "system-leadership-facilitator-a4.pdf",
                     "system-leadership-facilitator-letter.pdf", "system-leadership-letter.pdf"]
    placed = _placed_forms(tmp_path / "system-leadership" / "system-leadership-a4.pdf")
    assert len({content for _, _, content, _ in placed}) == 26
    with pdfium.PdfDocument(str(tmp_path / "system-leadership" / "system-leadership-a4.pdf")) as pdf:
        text = pdf[0].get_textpage().get_text_range()
    assert "Authenticity" in text  # the faces' own text, drawn from the master's pages
