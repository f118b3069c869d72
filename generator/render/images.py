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


@lru_cache(maxsize=16)
def print_image(path: str) -> ImageReader:
    """CMYK pixels with any transparency flattened onto white paper: press files allow neither RGB nor transparency."""
    with Image.open(path) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            image = flat
        return ImageReader(image.convert("CMYK"))
