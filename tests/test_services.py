"""Print-service profiles: `cards build --for SERVICE` and the pre-order check, read back
from the files: PDF/X markers, page sizes, page order and total ink on rendered pages
(PyMuPDF's CMYK render, an independent reader) for the PDF services; exact pixel size,
mode and dpi of every PNG for the image services; wrong files refused line by line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from conftest import ROOT
from PIL import Image
from pypdf import PdfReader

from generator.cli import main

INCH = 72
PNG_SERVICES = {"makeplayingcards": (822, 1122), "printerstudio": (822, 1122), "thegamecrafter": (825, 1125)}
RICH_BLACK = "70, 60, 60, 100"  # 290 %: over DriveThruCards' 240 % limit


def poker_deck(folder: Path, cards: int = 54) -> Path:
    """A poker-size deck of `cards` cards; one theme printed in a rich black."""
    (folder / "behaviours").mkdir(parents=True)
    (folder / "deck.yaml").write_text(
        "title: Fifty-four\npublisher: Tests\ndate: \"2026-01-01\"\ndefaults: {layout: poker}\nthemes:\n"
        "  - {id: light, name: Light, colour: {rgb: \"#005EB8\", cmyk: [100, 50, 0, 0]}}\n"
        f"  - {{id: dark, name: Dark, colour: {{rgb: \"#1A1A1A\", cmyk: [{RICH_BLACK}]}}}}\n", encoding="utf-8")
    for number in range(1, cards + 1):
        (folder / "behaviours" / f"{number:02d}.yaml").write_text(
            f"id: card-{number}\ntitle: Card {number}\ntheme: {'dark' if number % 2 else 'light'}\nstatus: illustrative\n"
            f"description: The description of card {number}.\nindicators:\n  enabling: [Helps {number}]\n"
            f"  obstructing: [Hinders {number}]\nquestions:\n  individual: Me {number}?\n  organisational: Us {number}?\n"
            f"  system: All {number}?\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def orders(tmp_path_factory):
    """(deck, service) -> the folder `cards build --for` wrote, for the flagship and a 54-card deck."""
    root = tmp_path_factory.mktemp("orders")
    shutil.copytree(ROOT / "cards" / "system-leadership", root / "cards" / "system-leadership")
    poker_deck(root / "cards" / "fifty-four")
    folders = {}
    for deck in ("system-leadership", "fifty-four"):
        for service in ("drivethrucards", "uk-trade", *PNG_SERVICES):
            out = root / "output" / deck / service
            assert main(["build", str(root / "cards" / deck), "--for", service, "--out", str(out)]) == 0
            folders[(deck, service)] = out
    return folders


def max_ink(path: Path) -> float:
    """The highest C+M+Y+K on any page, in percent, rendered at 150 dpi in CMYK as drawn
    (colour management off: the file's own CMYK values, not a conversion of them)."""
    pymupdf.TOOLS.set_icc(False)
    best = 0
    with pymupdf.open(path) as document:
        for page in document:
            pixels = page.get_pixmap(colorspace=pymupdf.csCMYK, dpi=150)
            samples, n = pixels.samples, pixels.n
            best = max(best, max(sum(samples[i:i + 4]) for i in range(0, len(samples), n)))
    return best / 255 * 100


@pytest.mark.parametrize("deck, page_inches, cards", [("system-leadership", (3.0, 5.0), 13), ("fifty-four", (2.75, 3.75), 54)])
def test_drivethrucards_gets_one_pdf_x1a_backs_first_within_240_percent(orders, deck, page_inches, cards):
    folder = orders[(deck, "drivethrucards")]
    (pdf,) = folder.glob("*.pdf")
    with pikepdf.open(pdf) as document:
        assert str(document.trailer.Info["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        (intent,) = document.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 003"  # SWOP, as the guide asks
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2 * cards
    for page in reader.pages:  # 1/8 in of bleed on every side of the size the service sells
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (page_inches[0] * INCH, page_inches[1] * INCH)
        trim = page.trimbox
        assert round(float(trim.left), 2) == round(float(trim.bottom), 2) == 9.0
    texts = [page.extract_text() for page in reader.pages[:4]]
    backs = ["Individual" in text for text in texts]  # a back holds the three questions, a front none
    assert backs == [True, False, True, False]  # back 1, front 1, back 2, front 2
    assert max_ink(pdf) <= 240.5


def test_colours_over_the_ink_limit_are_moved_and_the_order_says_by_how_much(orders):
    order = (orders[("fifty-four", "drivethrucards")] / "ORDER.txt").read_text(encoding="utf-8")
    assert "C70 M60 Y60 K100 (290 % ink) printed as" in order and "to keep within DriveThruCards's 240 % limit: ΔE00" in order
    # The trade printer's limit is 330 %: the same rich black goes to it unchanged.
    assert max_ink(next(orders[("fifty-four", "uk-trade")].glob("*.pdf"))) == pytest.approx(290, abs=0.5)


TAROT_PIXELS = {"makeplayingcards": (897, 1497), "printerstudio": (897, 1497), "thegamecrafter": (900, 1500)}


@pytest.mark.parametrize("service", PNG_SERVICES)
@pytest.mark.parametrize("deck, cards, blue_card", [("fifty-four", 54, 2), ("system-leadership", 13, 1)])
def test_image_services_get_a_png_of_every_face_at_its_exact_size(orders, service, deck, cards, blue_card):
    folder = orders[(deck, service)]
    images = sorted(folder.glob("*.png"))
    assert len(images) == 2 * cards
    assert [p.name for p in images if p.name.startswith("front")][:3] == ["front-01.png", "front-02.png", "front-03.png"]
    size = PNG_SERVICES[service] if deck == "fifty-four" else TAROT_PIXELS[service]
    for path in images:
        with Image.open(path) as image:
            assert image.size == size and image.mode == "RGB"
            assert tuple(round(d) for d in image.info["dpi"]) == (300, 300)
    # A card of a theme coloured #005EB8 on screen (C100 M50 in print): its band in the screen colour, not a conversion.
    with Image.open(folder / f"front-{blue_card:02d}.png") as front:
        assert front.getpixel((front.width // 2, 40)) == (0x00, 0x5E, 0xB8)


def test_the_flagship_tarot_maps_to_each_services_tarot_size(orders):
    with Image.open(orders[("system-leadership", "thegamecrafter")] / "front-01.png") as image:
        assert image.size == (900, 1500)  # 2.75 x 4.75 in + 1/8 in a side, at 300 dpi
    with Image.open(orders[("system-leadership", "makeplayingcards")] / "back-13.png") as image:
        assert image.size == (897, 1497)
    order = (orders[("system-leadership", "drivethrucards")] / "ORDER.txt").read_text(encoding="utf-8")
    assert "the tarot layout (70 x 120 mm) is printed at DriveThruCards's nearest size, Tarot (2.75 x 4.75 in, 69.8 x 120.6 mm)" in order
    assert "Cards:    13 (each a front and a back: 26 pages)" in order


def test_every_order_says_what_to_upload_and_passes_its_own_check(orders, capsys):
    for (deck, service), folder in orders.items():
        order = (folder / "ORDER.txt").read_text(encoding="utf-8")
        files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".png"))
        assert all(f"  {p.name}" in order for p in files)
        assert "Check the guide before ordering" in order
        assert main(["preflight", "--for", service, *map(str, files)]) == 0, capsys.readouterr().out


def test_a_wrong_file_fails_the_pre_order_check_with_a_line_per_problem(orders, tmp_path, capsys):
    trade = next(orders[("fifty-four", "uk-trade")].glob("*.pdf"))
    capsys.readouterr()
    assert main(["preflight", "--for", "drivethrucards", str(trade)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any("pages 1-108: the page is 2.736 x 3.736 in" in line and "3.17 mm of bleed" in line and "2.75 x 3.75 in" in line
               for line in out), out
    assert any("its colours were made for FOGRA39; DriveThruCards prints to CGATS TR 003" in line for line in out)
    assert any("total ink 290 %" in line and "over DriveThruCards's limit of 240 %" in line for line in out)
    # Images: a CMYK JPEG, one the wrong size and dpi; a grey PNG.
    good = orders[("fifty-four", "thegamecrafter")]
    shutil.copy(good / "front-01.png", tmp_path / "front-01.png")
    Image.open(good / "back-01.png").convert("CMYK").save(tmp_path / "back-01.jpg")
    Image.open(good / "front-02.png").resize((822, 1122)).save(tmp_path / "front-02.png", dpi=(72, 72))
    assert main(["preflight", "--for", "thegamecrafter", *map(str, sorted(tmp_path.iterdir()))]) == 1
    out = capsys.readouterr().out
    assert "back-01.jpg: error: The Game Crafter takes PNG images, not .jpg" in out
    assert "front-02.png: error: 822 x 1122 px; The Game Crafter wants exactly 825 x 1125 px for Poker Deck (2.5 x 3.5 in" in out
    assert "front-02.png: error: 72 dpi recorded; The Game Crafter wants 300 dpi" in out
    Image.open(good / "back-02.png").convert("L").save(tmp_path / "back-02.png", dpi=(300, 300))
    assert main(["preflight", "--for", "thegamecrafter", str(tmp_path / "back-02.png")]) == 1
    assert "back-02.png: error: the image is L; The Game Crafter takes RGB" in capsys.readouterr().out


def test_a_layout_the_service_does_not_sell_is_refused_with_the_sizes_it_sells(tmp_path, capsys):
    deck = poker_deck(tmp_path / "cards" / "squares", cards=2)
    assert main(["build", str(deck), "--for", "drivethrucards", "--layout", "square", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert ("DriveThruCards sells no card the size of the square layout (70 x 70 mm): it sells Poker (2.5 x 3.5 in, "
            "63.5 x 88.9 mm), Tarot (2.75 x 4.75 in, 69.8 x 120.6 mm); choose a layout of one of them") in err
    assert not (tmp_path / "out").exists()


def test_a_designer_adds_a_local_shop_as_a_profile(tmp_path, monkeypatch, capsys):
    """A project's layouts/services/ file, extending the trade printer with its own bleed."""
    monkeypatch.chdir(tmp_path)
    deck = poker_deck(tmp_path / "cards" / "local", cards=2)
    (tmp_path / "layouts" / "services").mkdir(parents=True)
    (tmp_path / "layouts" / "services" / "corner-shop.yaml").write_text(
        "extends: uk-trade\ntitle: The Corner Print Shop\nbleed: 2mm\nupload: Email {file} to the shop.\n", encoding="utf-8")
    assert main(["list", "services"]) == 0
    assert "corner-shop\t" in capsys.readouterr().out
    assert main(["build", str(deck), "--for", "corner-shop"]) == 0
    (pdf,) = (tmp_path / "output" / "local" / "corner-shop").glob("*.pdf")
    page = PdfReader(pdf).pages[0]
    assert round(float(page.mediabox.width) - float(page.trimbox.width), 2) == round(2 * 2 * 72 / 25.4, 2)
    assert "Email local-corner-shop.pdf to the shop." in (pdf.parent / "ORDER.txt").read_text(encoding="utf-8")


def test_a_misspelt_service_or_a_flag_it_makes_no_sense_with_is_refused(tmp_path, capsys):
    deck = poker_deck(tmp_path / "cards" / "small", cards=2)
    assert main(["build", str(deck), "--for", "drivethrucard", "--out", str(tmp_path / "out")]) == 1
    assert "command line: error: no print service named 'drivethrucard'; did you mean 'drivethrucards'?" in capsys.readouterr().err
    assert main(["build", str(deck), "--for", "drivethrucards", "--printing", "fogra39"]) == 2
    assert "--printing does not go with it" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_welsh_edition_is_ordered_in_welsh(tmp_path):
    from conftest import BILINGUAL

    deck = tmp_path / "cards" / "bilingual"
    shutil.copytree(BILINGUAL, deck)
    out = tmp_path / "out"
    assert main(["build", str(deck), "--for", "drivethrucards", "--language", "cy", "--out", str(out), "--layout", "poker"]) == 0
    (pdf,) = out.glob("*.pdf")
    assert pdf.name == "bilingual-cy-drivethrucards.pdf"
    assert "Gwrando yn gyntaf" in " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_an_image_bomb_is_refused_from_its_header_without_a_traceback(tmp_path, capsys):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    bomb = tmp_path / "front-01.png"  # 60,000 x 60,000 pixels claimed in 60 bytes
    bomb.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b""))
    assert main(["preflight", "--for", "thegamecrafter", str(bomb)]) == 1
    captured = capsys.readouterr()
    assert "front-01.png: error: the image claims more pixels than any card face has" in captured.out
    assert "Traceback" not in captured.err
