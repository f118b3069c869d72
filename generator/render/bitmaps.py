"""Card faces as PNG files, through Pillow: each face of a rendered press file, trimmed or
with its bleed, and the deck's contact sheet. The pixels come from PDFium (preflight), so
an image is exactly what the press file prints."""
from __future__ import annotations

from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

from generator.printing.pictures import contact_sheet, kept_pixels
from generator.printing.preflight import rendered_pages

BACKDROP = (230, 230, 230)  # light grey, so white card edges show on the contact sheet


def _png_info() -> PngInfo:
    """The sRGB chunk (rendering intent: perceptual), so viewers and whiteboards show the
    colours as sRGB; no dates or software names, so the same pixels give the same bytes."""
    info = PngInfo()
    info.add(b"sRGB", b"\x00")
    return info


def save_png(image: Image.Image, path: Path, dpi: float) -> None:
    partial = path.with_name(path.name + ".partial")
    image.save(partial, "PNG", pnginfo=_png_info(), dpi=(dpi, dpi))
    partial.replace(path)


def write_face_images(press_pdf: Path, names: list[str], folder: Path, dpi: float, bleed: bool,
                      contact_name: str | None = None) -> list[Path]:
    """Each page of `press_pdf` (one card face a page, front 1, back 1, front 2, ...) as
    `folder/<name>`, then the contact sheet; returns the paths written, contact sheet last.
    One page is in memory at a time, and the contact sheet is filled in as they come."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    grid = picture = None
    for index, (page, trim, size) in enumerate(rendered_pages(press_pdf, dpi)):
        face = page.crop(kept_pixels(trim, size, dpi, bleed))
        path = folder / names[index]
        save_png(face, path, dpi)
        written.append(path)
        if contact_name is not None:
            if grid is None:
                grid = contact_sheet(len(names) // 2, *face.size)
                picture = Image.new("RGB", grid.size, BACKDROP)
            picture.paste(face.resize(grid.face_size, Image.LANCZOS), grid.places[index // 2][index % 2])
    if contact_name is not None and picture is not None:
        path = folder / contact_name
        save_png(picture, path, 96)
        written.append(path)
    return written
