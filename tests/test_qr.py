"""QR codes on printed cards (deck.yaml `links: {site: ..., qr: back}`): every code decoded
from renders of the press file, the A4 sheets and the pack's cover (zxing-cpp), each
pointing at its card's page on the published site; a layout without room refuses."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from conftest import ROOT

from generator.cli import main
from generator.content.deck import read_deck
from generator.design.units import mm
from generator.errors import Problems
from generator.pipeline import PrintOptions, build, prepare

SITE = "https://cards.example.org/decks"


def with_links(folder: Path, links: str) -> Path:
    deck = folder / "deck.yaml"
    deck.write_text(re.sub(r"^version:", f"links: {links}\nversion:", deck.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    return folder


def codes_in(pdf: Path, dpi: int = 300) -> list[list[str]]:
    """The QR codes each page of `pdf` shows, read from a render."""
    found = []
    with pdfium.PdfDocument(str(pdf)) as document:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            # Model 2 only, what ReportLab prints: a reader also finds "Micro QR" ghosts inside the large codes.
            found.append(sorted(r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCodeModel2)))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("qr")
    deck = with_links(shutil.copytree(ROOT / "cards" / "system-leadership", root / "system-leadership"),
                      f'{{site: "{SITE}/", qr: back}}')
    outcome = build([deck], root / "out", options=PrintOptions(outputs=("press", "sheets", "facilitator")))
    assert not outcome.problems, outcome.problems
    return deck, {w.path.name: w.path for w in outcome.written}


def test_every_back_carries_a_code_to_its_cards_page(built):
    deck_folder, files = built
    deck = read_deck(deck_folder, Problems())
    pages = codes_in(files["system-leadership-press.pdf"])
    assert pages[0::2] == [[]] * 13  # fronts: none
    assert pages[1::2] == [[f"{SITE}/system-leadership/cards/{card.id}/"] for card in deck.behaviours]


def test_the_sheets_print_the_same_codes(built):
    deck_folder, files = built
    deck = read_deck(deck_folder, Problems())
    found = {url for page in codes_in(files["system-leadership-a4.pdf"]) for url in page}
    assert found == {f"{SITE}/system-leadership/cards/{card.id}/" for card in deck.behaviours}


def test_the_pack_cover_prints_the_deck_pages_code_and_its_address(built):
    _, files = built
    pack = files["system-leadership-facilitator-a4.pdf"]
    assert codes_in(pack, 200)[0] == [f"{SITE}/system-leadership/"]
    with pdfium.PdfDocument(str(pack)) as document:
        text = document[0].get_textpage().get_text_range()
    assert f"The cards on the web, each with a page of its own: {SITE}/system-leadership/" in " ".join(text.split())


def test_a_code_is_at_least_10_mm_with_its_quiet_zone_in_one_ink(tmp_path):
    deck = with_links(shutil.copytree(ROOT / "cards" / "system-leadership", tmp_path / "d"), f'{{site: "{SITE}", qr: front}}')
    prepared = prepare([deck], "poker", options=PrintOptions(outputs=("press",)))
    assert not prepared.problems
    faces = prepared.builds[0].faces
    assert all(len(f.codes) == (1 if f.side == "front" else 0) for f in faces)
    for face in faces[0::2]:
        (code,) = face.codes
        x0, y0, x1, y1 = code.rect
        assert x1 - x0 >= mm(10) - 0.01 and y1 - y0 >= mm(10) - 0.01
        assert sum(1 for v in code.colour.cmyk if v > 0) == 1
        trim = face.trim  # inside the safe zone: 3 mm in from the cut
        assert x1 <= trim[2] - mm(3) + 0.01 and y0 >= trim[1] + mm(3) - 0.01


@pytest.mark.parametrize("links, layout_yaml, expected", [
    ('{site: "https://x.org", qr: back}', None,
     r"mini-us\.yaml:1:1: error: layout 'mini-us' has no place for a QR code on the back: give it a region with 'content: qr'"),
    ('{qr: back}', None, r"deck\.yaml:\d+:\d+: error: a QR code links to the card's page on the published site: give 'site' too"),
    ('{site: "cards.example.org", qr: back}', None, r"deck\.yaml:\d+:\d+: error: 'site' should be the web address"),
    ('{site: "https://x.org", qr: back}', "extends: poker\nwith-qr:\n  back:\n    qr: {box: {width: 8mm, height: 8mm}}\n",
     r"tiny\.yaml:4:\d+: error: region 'qr': a QR code needs at least 10 mm square with its quiet zone; the box is 8\.0 x 8\.0 mm"),
    ('{site: "https://x.org", qr: back}', "extends: poker\nwith-qr:\n  back:\n    qr: {colour: theme}\n",
     r"error: region 'qr': a QR code prints in one ink, and its colour takes 2"),
])
def test_what_cannot_carry_a_code_is_refused_where_it_is_written(tmp_path, capsys, links, layout_yaml, expected):
    deck = with_links(shutil.copytree(ROOT / "cards" / "system-leadership", tmp_path / "d"), links)
    layout = "mini-us"
    if layout_yaml is not None:
        (deck / "layouts").mkdir()
        (deck / "layouts" / "tiny.yaml").write_text(layout_yaml, encoding="utf-8")
        layout = "tiny"
    assert main(["validate", str(deck), "--layout", layout]) == 1
    assert re.search(expected, capsys.readouterr().err), expected
