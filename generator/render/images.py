"""Images (a theme's logo) through Pillow: size for the ppi check, and print-ready pixels."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader

from ..errors import Problems, Where


def image_pixels(path: Path, problems: Problems, where: Where) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError) as err:
        problems.add(where, f"cannot read image {path.name}: {err}")
        return None


@lru_cache(maxsize=64)
def print_image(path: str, background_cmyk: tuple[float, float, float, float]) -> ImageReader:
    """CMYK pixels, transparency flattened onto the exact CMYK of what lies beneath:
    press files allow neither RGB nor transparency."""
    with Image.open(path) as image:
        image.load()
        rgba = image.convert("RGBA")
    ink = tuple(round(v * 255) for v in background_cmyk)
    flat = Image.new("CMYK", rgba.size, ink)
    flat.paste(rgba.convert("RGB").convert("CMYK"), mask=rgba.getchannel("A"))
    return ImageReader(flat)
