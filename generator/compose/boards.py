"""The whiteboard kit's geometry, as numbers (pure): how big a card face is drawn for a
board, and where a card-sort board's columns go.

A board shared on a video call is seen at 1920 x 1080 or less; a card pasted on it is
drawn well over that so a facilitator can zoom in and read it (BOARD_FACE_PX on its
long side), never past PRINT_DPI, and each file stays far under the 6 MB upload cap
Miro and Mural impose.
"""
from __future__ import annotations

from dataclasses import dataclass

BOARD_SIZE = (1920, 1080)  # the board images: a 1080p screen, shared whole
BOARD_FACE_PX = 1200  # a face's long side, in pixels
PRINT_DPI = 300
MIN_DPI = 72
UPLOAD_CAP_BYTES = 6_000_000  # Miro's and Mural's limit for one image
MARGIN = 48
GAP = 24
HEADER = 150  # the board's title and instruction
COLUMN_HEAD = 120  # a column's coloured head: shape and name


@dataclass(frozen=True)
class Column:
    left: int
    top: int
    width: int
    height: int  # the whole column, head included
    head: int  # the head's height


def face_dpi(width_pt: float, height_pt: float) -> float:
    """The dpi that draws a card's long side BOARD_FACE_PX pixels long (at most PRINT_DPI)."""
    long_side_in = max(width_pt, height_pt) / 72
    return max(MIN_DPI, min(PRINT_DPI, BOARD_FACE_PX / long_side_in))


def sort_columns(count: int, size: tuple[int, int] = BOARD_SIZE) -> list[Column]:
    """`count` equal columns side by side under the board's header, GAP apart, inside MARGIN."""
    width, height = size
    room = width - 2 * MARGIN - (count - 1) * GAP
    column = room // count
    top = MARGIN + HEADER
    return [Column(MARGIN + i * (column + GAP), top, column, height - top - MARGIN, COLUMN_HEAD) for i in range(count)]


def board_face_name(stem: str, position: int, count: int, card_id: str, side: str) -> str:
    """`<deck>-03a-<card>-front.png`, `<deck>-03b-<card>-back.png`: sorted by name, the faces
    come in deck order and each front before its back, the order a board places an upload."""
    digits = max(2, len(str(count)))
    return f"{stem}-{position:0{digits}d}{'a' if side == 'front' else 'b'}-{card_id}-{side}.png"
