"""The whiteboard kit's board images, drawn with Pillow in the deck theme's own fonts: the
card-sort board (a column per theme, its colour, shape and name, and a "not sure" column)
and the one-page sheet for running the activities online."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from generator.compose.boards import BOARD_SIZE, GAP, HEADER, MARGIN, sort_columns
from generator.content.marks import mark_points
from generator.render.bitmaps import save_png

INK = (27, 27, 27)
MUTED = (74, 74, 74)
PAPER = (255, 255, 255)
BODY = (246, 246, 246)


@dataclass(frozen=True)
class SortColumn:
    name: str
    colour: tuple[int, int, int] | None  # the theme's screen colour; None: the "not sure" column
    mark: str | None


def draw_sort_board(path: Path, title: str, instruction: str, columns: list[SortColumn], regular: Path, bold: Path) -> list[str]:
    """The board, saved at `path`; returns every text drawn on it, in order."""
    image = Image.new("RGB", BOARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    drawn = _heading(draw, title, instruction, regular, bold)
    for place, column in zip(sort_columns(len(columns)), columns):
        box = (place.left, place.top, place.left + place.width, place.top + place.height)
        draw.rectangle(box, fill=BODY, outline=column.colour or MUTED, width=4)
        head = (place.left, place.top, place.left + place.width, place.top + place.head)
        fill = column.colour or (225, 225, 225)
        draw.rectangle(head, fill=fill)
        text_colour = _readable_on(fill)
        left = place.left + 20
        if column.mark is not None:
            size = 44
            cx, cy = left + size / 2, place.top + place.head / 2
            draw.polygon([(x, y) for x, y in mark_points(column.mark, cx, cy, size)], fill=text_colour)
            left += size + 16
        room = place.left + place.width - 16 - left
        lines, font = _head_lines(draw, column.name, bold, room)
        middle = place.top + place.head / 2
        for number, line in enumerate(lines):  # one line, or two read as one name
            offset = (number - (len(lines) - 1) / 2) * font.size * 1.15
            draw.text((left, middle + offset), line, font=font, fill=text_colour, anchor="lm")
        drawn.append(column.name)
    save_png(image, path, 96)
    return drawn


def draw_online_sheet(path: Path, title: str, heading: str, activities: list[tuple[str, str, str]], tips_heading: str,
                      tips: list[str], more: str, regular: Path, bold: Path) -> list[str]:
    """One page: each activity's name, time and purpose, and what to do differently online;
    where the page cannot hold every activity, `more` says the pack has the rest. Returns
    every text drawn, in order (a line of wrapped text as it was wrapped)."""
    image = Image.new("RGB", BOARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    drawn = _heading(draw, title, heading, regular, bold)
    width = (BOARD_SIZE[0] - 2 * MARGIN - GAP) // 2
    y = MARGIN + HEADER
    left = MARGIN
    body = ImageFont.truetype(str(regular), 26)
    strong = ImageFont.truetype(str(bold), 28)
    bottom = BOARD_SIZE[1] - MARGIN
    tips_need = 44 + sum(34 * len(_wrapped(draw, tip, body, width - 30)) + 10 for tip in tips)
    for index, (name, time, purpose) in enumerate(activities):
        lines = _wrapped(draw, purpose, body, width)
        need = 40 + 34 * len(lines) + 24
        room_below = bottom - (tips_need + 60 if left > MARGIN else 60)  # the tips, and the line saying there is more
        if y + need > room_below:
            if left > MARGIN:
                draw.text((left, y), more, font=strong, fill=INK)  # never dropped unsaid
                drawn.append(more)
                y += 50
                break
            left, y = MARGIN + width + GAP, MARGIN + HEADER
        heading_line = f"{name} ({time})" if time else name
        draw.text((left, y), heading_line, font=strong, fill=INK)
        drawn.append(heading_line)
        y += 40
        for line in lines:
            draw.text((left, y), line, font=body, fill=MUTED)
            drawn.append(line)
            y += 34
        y += 24
    tip_left = MARGIN + width + GAP if left == MARGIN else left
    tip_y = y + 10 if left > MARGIN else MARGIN + HEADER
    draw.text((tip_left, tip_y), tips_heading, font=strong, fill=INK)
    drawn.append(tips_heading)
    tip_y += 44
    for tip in tips:
        for number, line in enumerate(_wrapped(draw, tip, body, width - 30)):
            draw.text((tip_left + 30, tip_y), line, font=body, fill=INK)
            drawn.append(line)
            if number == 0:
                draw.text((tip_left, tip_y), "•", font=body, fill=INK)
            tip_y += 34
        tip_y += 10
    save_png(image, path, 96)
    return drawn


def _heading(draw: ImageDraw.ImageDraw, title: str, line: str, regular: Path, bold: Path) -> list[str]:
    room = BOARD_SIZE[0] - 2 * MARGIN
    draw.text((MARGIN, MARGIN), title, font=_fitted(draw, title, bold, room, 48, 28), fill=INK)
    draw.text((MARGIN, MARGIN + 70), line, font=_fitted(draw, line, regular, room, 30, 20), fill=MUTED)
    return [title, line]


def _fitted(draw: ImageDraw.ImageDraw, text: str, font_file: Path, room: float, size: int, smallest: int):
    """The font at the largest size from `size` down to `smallest` at which `text` fits `room`."""
    for points in range(size, smallest - 1, -1):
        font = ImageFont.truetype(str(font_file), points)
        if draw.textlength(text, font=font) <= room:
            return font
    return ImageFont.truetype(str(font_file), smallest)


def _head_lines(draw: ImageDraw.ImageDraw, name: str, bold: Path, room: float):
    """A column's name on one line at 40 down to 30 px, else on two at up to 34 px (down to 18)."""
    for points in range(40, 29, -1):
        font = ImageFont.truetype(str(bold), points)
        if draw.textlength(name, font=font) <= room:
            return [name], font
    for points in range(34, 17, -1):
        font = ImageFont.truetype(str(bold), points)
        lines = _wrapped(draw, name, font, room)
        if len(lines) <= 2 and all(draw.textlength(line, font=font) <= room for line in lines):
            return lines, font
    return [name], ImageFont.truetype(str(bold), 18)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font, room: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _readable_on(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on `rgb` (WCAG relative luminance)."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    light = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    return INK if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else PAPER
