"""The whiteboard kit (`cards kit`): every face as an image a board takes, a card-sort
board and an online facilitator sheet, read back from the files."""
from __future__ import annotations

import shutil

import pytest
from conftest import BILINGUAL, ROOT
from PIL import Image

from generator.cli import main
from generator.compose.boards import BOARD_SIZE, GAP, MARGIN, UPLOAD_CAP_BYTES, face_dpi, sort_columns
from generator.content.deck import read_deck
from generator.design.units import mm
from generator.errors import Problems
from generator.kit import build_kit


def test_a_face_is_drawn_1200_pixels_on_its_long_side_at_most_300_dpi():
    assert round(face_dpi(mm(70), mm(120)) * 120 / 25.4) == 1200  # tarot: 254 dpi
    assert face_dpi(mm(63.5), mm(88.9)) == 300  # poker: 1,050 px, never past print resolution
    assert round(face_dpi(mm(148), mm(105)) * 148 / 25.4) == 1200  # an A6 card lying down: its width is the long side


def test_sort_columns_share_the_board_equally_inside_its_margins():
    columns = sort_columns(5)
    assert [c.width for c in columns] == [columns[0].width] * 5
    assert columns[0].left == MARGIN and columns[-1].left + columns[-1].width <= BOARD_SIZE[0] - MARGIN
    assert all(b.left - (a.left + a.width) == GAP for a, b in zip(columns, columns[1:]))
    assert all(c.top + c.height == BOARD_SIZE[1] - MARGIN for c in columns)


@pytest.fixture(scope="module")
def flagship_kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("kit") / "kit"
    (kit,) = build_kit([ROOT / "cards" / "system-leadership"], out)
    return kit


def test_every_face_is_an_image_a_board_takes_in_deck_order(flagship_kit):
    deck = read_deck(ROOT / "cards" / "system-leadership", Problems())
    names = sorted(p.name for p in (flagship_kit.folder / "cards").iterdir())
    assert len(names) == 26 and names == [p.name for p in flagship_kit.faces]  # sorted by name: deck order, front first
    assert names[:2] == ["system-leadership-01a-authenticity-front.png", "system-leadership-01b-authenticity-back.png"]
    assert names == [f"system-leadership-{i:02d}{s}-{b.id}-{side}.png" for i, b in enumerate(deck.behaviours, 1)
                     for s, side in (("a", "front"), ("b", "back"))]
    for path in flagship_kit.faces:
        assert path.stat().st_size < UPLOAD_CAP_BYTES
        with Image.open(path) as image:
            assert image.mode == "RGB" and max(image.size) == 1200


def test_the_card_sort_board_has_a_column_per_theme_and_one_for_not_sure(flagship_kit):
    deck = read_deck(ROOT / "cards" / "system-leadership", Problems())
    assert flagship_kit.board_texts == (deck.title, "Card sort: drag each card into the column of the theme it belongs to, "
                                        "or into Not sure.", *[g.name for g in deck.themes], "Not sure")
    with Image.open(flagship_kit.sort_board) as board:
        assert board.size == BOARD_SIZE
        heads = [board.getpixel((c.left + c.width - 12, c.top + 10)) for c in sort_columns(len(deck.themes) + 1)]
    assert heads[:-1] == [tuple(round(v * 255) for v in g.colour.rgb) for g in deck.themes]  # the themes' screen colours
    assert heads[-1] == (225, 225, 225)


def test_the_online_sheet_lists_every_activity_and_what_changes_online(flagship_kit):
    texts = " ".join(flagship_kit.sheet_texts)
    for title in ("Individual self-reflection", "Paired development conversation", "Coaching session",
                  "Team enable/obstruct card sort", "Programme design mapping"):
        assert title in texts
    assert "a screen reader cannot read a picture." in texts
    assert "The facilitator pack has more activities." not in texts
    with Image.open(flagship_kit.online_sheet) as sheet:
        assert sheet.size == BOARD_SIZE and sheet.getbbox() is not None


def test_activities_that_do_not_fit_the_page_are_never_dropped_unsaid(tmp_path):
    deck = tmp_path / "many"
    shutil.copytree(ROOT / "cards" / "system-leadership", deck)
    activity = ("  - title: Activity {n}\n    purpose: {purpose}\n    time: 20 minutes\n    group: Any\n"
                "    materials: [Cards]\n    steps: [Do it]\n    debrief: [Talk]\n    variations: [Another way]\n")
    purpose = "A purpose long enough to take two lines of the sheet, so that the page fills up well before the list ends."
    (deck / "facilitator.yaml").write_text("activities:\n" + "".join(activity.format(n=n, purpose=purpose) for n in range(1, 21)),
                                           encoding="utf-8")
    (kit,) = build_kit([deck], tmp_path / "out")
    drawn = [t for t in kit.sheet_texts if t.startswith("Activity ")]
    assert 4 < len(drawn) < 20
    assert drawn == [f"Activity {n} (20 minutes)" for n in range(1, len(drawn) + 1)]  # whole, in order
    assert "The facilitator pack has more activities." in kit.sheet_texts


def test_a_welsh_edition_gets_a_welsh_kit(tmp_path, capsys):
    deck = tmp_path / "bilingual"
    shutil.copytree(BILINGUAL, deck)
    assert main(["kit", str(deck), "--out", str(tmp_path / "kits")]) == 0
    assert "wrote the whiteboard kit of bilingual-cy" in capsys.readouterr().out
    kits = {k.deck.stem: k for k in build_kit([deck], tmp_path / "again")}
    assert "Ddim yn siŵr" in kits["bilingual-cy"].board_texts
    assert "Ar-lein" in kits["bilingual-cy"].sheet_texts
    assert (tmp_path / "kits" / "bilingual-cy" / "bilingual-cy-card-sort.png").is_file()


def test_the_published_site_offers_the_kit_as_one_zip(site):
    import zipfile

    kit = site / "system-leadership" / "files" / "system-leadership-whiteboard-kit.zip"
    with zipfile.ZipFile(kit) as archive:
        names = archive.namelist()
    faces = [n for n in names if n.startswith("system-leadership-whiteboard-kit/cards/")]
    assert len(faces) == 26 and faces == sorted(faces)
    assert {"system-leadership-whiteboard-kit/system-leadership-card-sort.png",
            "system-leadership-whiteboard-kit/system-leadership-online-sheet.png",
            "system-leadership-whiteboard-kit/README.txt", "system-leadership-whiteboard-kit/LICENSE.txt"} <= set(names)
    page = (site / "system-leadership" / "index.html").read_text(encoding="utf-8")
    assert 'href="files/system-leadership-whiteboard-kit.zip"' in page and 'href="workshop.html"' in page
    assert (site / "bilingual-cy" / "files" / "bilingual-cy-whiteboard-kit.zip").is_file()
