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


SHARE_SIZE = (1200, 630)  # what link previews (Open Graph) show whole, uncropped
SHARE_MARGIN = 40
SHARE_INK = (27, 27, 27)
SHARE_MUTED = (74, 74, 74)


def share_image(front: Path, back: Path, title: str, detail: list[str], regular_font: Path, bold_font: Path,
                colour: str, target: Path) -> None:
    """A deck's picture for link previews: its first card's two faces, and its title and
    details (subtitle, publisher) set in the deck's own fonts, beside a band of its first
    theme's colour, 1200 x 630 pixels."""
    from PIL import ImageDraw, ImageFont

    width, height = SHARE_SIZE
    picture = Image.new("RGB", SHARE_SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 15, height), fill=colour)
    box_width, box_height = width // 2 + 40, height - 2 * SHARE_MARGIN
    with Image.open(front) as front_image, Image.open(back) as back_image:
        face_w, face_h = front_image.size
        scale = min((box_width - 20) / (2 * face_w), box_height / face_h)
        size = (max(1, round(face_w * scale)), max(1, round(face_h * scale)))
        x = SHARE_MARGIN
        top = (height - size[1]) // 2
        for image in (front_image, back_image):
            placed = image.convert("RGB").resize(size, Image.LANCZOS)
            picture.paste(placed, (x, top))
            draw.rectangle((x - 1, top - 1, x + size[0], top + size[1]), outline=(177, 180, 182))
            x += size[0] + 20
    left = x + 20
    room = width - SHARE_MARGIN - left
    for title_size in (60, 52, 44, 38, 32, 28, 24, 20, 16):  # the largest the title fits at, in six lines at most
        title_font = ImageFont.truetype(str(bold_font), title_size)
        title_lines = _wrapped(title, title_font, room)
        if len(title_lines) <= 6 and all(title_font.getlength(line) <= room for line in title_lines):
            break
    detail_font = ImageFont.truetype(str(regular_font), 26)
    y = SHARE_MARGIN + 10
    for line in title_lines[:6]:
        draw.text((left, y), line, font=title_font, fill=SHARE_INK)
        y += round(title_size * 1.15)
    y += 18
    for text in detail:
        for line in _wrapped(text, detail_font, room):
            if y + 32 > height - SHARE_MARGIN:
                break
            draw.text((left, y), line, font=detail_font, fill=SHARE_MUTED)
            y += 32
        y += 8
    save_png(picture, target, 72)


def _wrapped(text: str, font, room: float) -> list[str]:
    """`text` in lines no wider than `room` pixels (a word wider than that on a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines
