"""Images (a theme's logo) through Pillow: size for the ppi check, and print-ready pixels.

Only PNG and JPEG are ever opened, recognised from their bytes whatever the file is
called: Pillow hands some formats (EPS, PostScript) to Ghostscript, and a deck from
someone else must never run code. An image is decoded whole when it is checked, so a
truncated or damaged file is a problem at its theme's line, not a failed build."""
from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader

from generator.errors import Problems, Where

# A logo 150 mm wide at 600 ppi is 3,543 pixels: 40 megapixels leaves room for any real
# logo and refuses a "decompression bomb" (a small file declaring a vast image).
MAX_PIXELS = 40_000_000
MAX_FILE_BYTES = 50_000_000
FORMATS = ("PNG", "JPEG")  # what a logo may be; nothing else is opened


def image_pixels(path: Path, problems: Problems, where: Where) -> tuple[int, int] | None:
    """The image's size in pixels, read from its header only; a problem if it is not a
    readable image of a sensible size."""
    try:
        if not path.is_file():  # a folder, a device, a pipe (which would wait for a writer for ever)
            problems.add(where, f"image {path.name} is not a regular file")
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.add(where, f"image {path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB; a logo needs far less")
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # sized below, in our words
            with Image.open(path, formats=FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    problems.add(where, f"image {path.name} declares {width} x {height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels (a logo needs about 1,200 x 1,200)")
                    return None
                image.load()  # every pixel, as the build will draw them: a damaged file is found now
    except Image.DecompressionBombError:  # Pillow's own guard, far above ours
        problems.add(where, f"image {path.name} declares more than {2 * Image.MAX_IMAGE_PIXELS // 1_000_000} megapixels; the limit is {MAX_PIXELS // 1_000_000} megapixels (a logo needs about 1,200 x 1,200)")
        return None
    except UnidentifiedImageError:
        problems.add(where, f"image {path.name} is not a PNG or JPEG file (read from its bytes, whatever its name says); "
                            "a logo must be one of these")
        return None
    except (OSError, ValueError, SyntaxError, EOFError) as err:
        problems.add(where, f"cannot read image {path.name}: it is damaged or cut short ({err})")
        return None
    return width, height


@lru_cache(maxsize=64)
def print_image(path: str, background_cmyk: tuple[float, float, float, float]) -> ImageReader:
    """CMYK pixels, transparency flattened onto the exact CMYK of what lies beneath:
    press files allow neither RGB nor transparency."""
    with Image.open(path, formats=FORMATS) as image:  # checked by image_pixels first; never anything else
        image.load()
        rgba = image.convert("RGBA")
    ink = tuple(round(v * 255) for v in background_cmyk)
    flat = Image.new("CMYK", rgba.size, ink)
    flat.paste(rgba.convert("RGB").convert("CMYK"), mask=rgba.getchannel("A"))
    return ImageReader(flat)


def screen_image(path: str, background_rgb: tuple[float, float, float]) -> ImageReader:
    """RGB pixels, transparency flattened onto the RGB of what lies beneath: the screen deck's."""
    with Image.open(path, formats=FORMATS) as image:  # checked by image_pixels first; never anything else
        image.load()
        rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, tuple(round(v * 255) for v in background_rgb))
    flat.paste(rgba.convert("RGB"), mask=rgba.getchannel("A"))
    return ImageReader(flat)
