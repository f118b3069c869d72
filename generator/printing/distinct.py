"""Warnings a designer needs about a deck's themes: a theme no card is under, and two
themes whose colours are hard to tell apart, on paper (the CMYK inks through the
printing condition's ICC profile) or on screen (the sRGB colours), or in a greyscale copy
when they also share a shape.

Thresholds: CIEDE2000 (ΔE00) of 1-2 is a just-noticeable difference side by side; telling
two categories apart at a glance, across a table, on a small band or a shape, needs about
ten (the usual rule for categorical palettes), so below ten is "hard to tell apart". In a
greyscale copy only lightness is left: two themes of the same shape whose L* differ by
less than ten read as one."""
from __future__ import annotations

import json
import math
from itertools import combinations
from pathlib import Path

from generator.content.cachefolder import content_key, read_entry, write_entry
from generator.content.model import Deck
from generator.errors import Where

MIN_DELTA_E = 10.0  # ΔE00 below this: hard to tell apart at a glance
MIN_GREY_DELTA_L = 10.0  # L* below this, with the same shape: one theme in a greyscale copy

Lab = tuple[float, float, float]


def theme_warnings(deck: Deck, profile: Path | None) -> list[tuple[Where, str]]:
    """(where, message) for each warning, in the deck's theme order."""
    warnings: list[tuple[Where, str]] = []
    used = {card.theme for card in deck.behaviours}
    for group in deck.themes:
        if group.id not in used:
            warnings.append((group.where, f"theme '{group.id}' ({group.name}) has no cards: give a card "
                                          f"'theme: {group.id}', or remove the theme"))
    screen = {g.id: srgb_to_lab(g.colour.rgb) for g in deck.themes}
    printed = cmyk_to_lab([g.colour.cmyk for g in deck.themes], profile) if profile else None
    printed_of = dict(zip((g.id for g in deck.themes), printed)) if printed else {}
    for a, b in combinations(deck.themes, 2):
        on_screen = delta_e2000(screen[a.id], screen[b.id])
        on_paper = delta_e2000(printed_of[a.id], printed_of[b.id]) if printed_of else None
        closest = min(d for d in (on_screen, on_paper) if d is not None)
        if closest < MIN_DELTA_E:
            where = "on paper" if on_paper is not None and on_paper <= on_screen else "on screen"
            warnings.append((b.colour_where, f"themes '{a.id}' and '{b.id}' have colours hard to tell apart {where} "
                                             f"(ΔE00 {closest:.1f}, under {MIN_DELTA_E:g}): choose a more different colour"))
            continue
        lightness = [printed_of[g.id][0] if printed_of else screen[g.id][0] for g in (a, b)]
        if a.mark == b.mark and abs(lightness[0] - lightness[1]) < MIN_GREY_DELTA_L:
            warnings.append((b.colour_where, f"themes '{a.id}' and '{b.id}' have the same shape ({a.mark}) and "
                                             f"colours of nearly the same lightness (ΔL* {abs(lightness[0] - lightness[1]):.1f}): "
                                             "in a greyscale copy they read as one; give one another mark or a lighter colour"))
    return warnings


def srgb_to_lab(rgb: tuple[float, float, float]) -> Lab:
    """sRGB (0-1 each) to CIELAB, D65."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    # D65 white is the matrix's own row sums, so sRGB white is exactly L* 100, a* b* 0.
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.0890

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def cmyk_to_lab(inks: list[tuple[float, float, float, float]], profile: Path) -> list[Lab] | None:
    """The printed colours of CMYK inks (0-1 each) through an ICC output profile; None if
    the profile cannot be used. Kept in the cache folder by the profile's bytes and the
    inks, so `cards validate` loads no imaging library once it has seen these colours."""
    try:
        key = content_key(profile.read_bytes(), json.dumps([list(ink) for ink in inks]))
    except OSError:
        return None
    cached = read_entry("printed-lab", key)
    if cached is not None:
        try:
            return [tuple(lab) for lab in json.loads(cached)]
        except (ValueError, TypeError):
            pass
    found = _through_profile(inks, profile)
    if found is not None:
        write_entry("printed-lab", key, json.dumps(found).encode("utf-8"))
    return found


def _through_profile(inks: list[tuple[float, float, float, float]], profile: Path) -> list[Lab] | None:
    from PIL import Image, ImageCms

    try:
        transform = ImageCms.buildTransform(ImageCms.getOpenProfile(str(profile)), ImageCms.createProfile("LAB"),
                                            "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    except (OSError, ImageCms.PyCMSError):
        return None
    image = Image.new("CMYK", (len(inks), 1))
    for x, ink in enumerate(inks):
        image.putpixel((x, 0), tuple(round(v * 255) for v in ink))
    lab = ImageCms.applyTransform(image, transform)
    out = []
    for x in range(len(inks)):
        light, a, b = lab.getpixel((x, 0))
        out.append((light * 100 / 255, a - 128, b - 128))  # Pillow's LAB: L* scaled to 0-255, a* and b* offset by 128
    return out


def delta_e2000(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal, 2005)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = (-2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
          * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))))
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhp / sh) ** 2 + rt * (dc / sc) * (dhp / sh))


__all__ = ["theme_warnings", "delta_e2000", "srgb_to_lab", "cmyk_to_lab", "MIN_DELTA_E"]
