"""The press PDFs of the sample decks, read back: pages, boxes, fonts, text, positions."""
from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT, SAMPLE_DECKS
from pdfread import MM, fonts_of, page_texts, subset_free, words
from pypdf import PdfReader

from generator.content.deck import read_deck
from generator.errors import Problems
from generator.pipeline import build

DECKS = {folder.name: read_deck(folder, Problems()) for folder in SAMPLE_DECKS}
BLEED, SAFE, TRIM_W, TRIM_H = 3 * MM, 3 * MM, 70 * MM, 120 * MM  # the tarot layout

FLAGSHIP = ROOT / "cards" / "system-leadership"


def test_the_sample_decks_are_the_ones_promised():
    assert len(DECKS["system-leadership"].behaviours) == 13
    assert [t.name for t in DECKS["system-leadership"].themes] == ["Being", "Relating & Communicating", "Leading & Visioning", "Delivering"]
    assert len(DECKS["systems-leadership-dimensions"].behaviours) == 6
    assert len(DECKS["systems-leadership-dimensions"].themes) == 3


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_one_page_per_face_fronts_and_backs_alternating(built, deck_id):
    deck = DECKS[deck_id]
    texts = page_texts(built[deck_id])
    assert len(texts) == 2 * len(deck.behaviours)
    for k, behaviour in enumerate(deck.behaviours):
        front, back = texts[2 * k], texts[2 * k + 1]
        assert words(behaviour.title) in front
        assert words(behaviour.description) in front
        assert deck.group(behaviour.theme).name.upper() in front
        assert words(behaviour.title) in back
        for label, question in zip(("Individual", "Organisational", "System"), behaviour.questions.values()):
            assert f"{label} {words(question)}" in back
        position = f"{k + 1}/{len(deck.behaviours)}"
        assert front.endswith(position) and back.endswith(position)


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_every_page_has_trim_and_bleed_boxes(built, deck_id):
    for page in PdfReader(built[deck_id]).pages:
        assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED], abs=0.01)
        assert [float(v) for v in page.bleedbox] == pytest.approx([0, 0, TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED], abs=0.01)
        assert [float(v) for v in page.trimbox] == pytest.approx([BLEED, BLEED, BLEED + TRIM_W, BLEED + TRIM_H], abs=0.01)


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_only_embedded_truetype_fonts(built, deck_id):
    fonts = fonts_of(built[deck_id])
    assert {subset_free(name) for name in fonts} == {"SourceSansPro-Regular", "SourceSansPro-Bold"}
    assert all(fonts.values()), fonts
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_every_character_is_inside_the_safe_zone_and_at_least_7pt(built, deck_id):
    with pdfplumber.open(built[deck_id]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            assert page.chars
            for char in page.chars:
                where = f"page {number} {char['text']!r}"
                assert char["x0"] >= BLEED + SAFE - 0.01, where
                assert char["x1"] <= BLEED + TRIM_W - SAFE + 0.01, where
                assert char["top"] >= BLEED + SAFE - 0.01, where
                assert char["bottom"] <= BLEED + TRIM_H - SAFE + 0.01, where
                assert char["size"] >= 7 - 0.001, where


def test_theme_colour_runs_through_the_bleed(built):
    deck = DECKS["system-leadership"]
    with pdfplumber.open(built["system-leadership"]) as pdf:
        for k, behaviour in enumerate(deck.behaviours):
            for page in pdf.pages[2 * k : 2 * k + 2]:
                band = max(page.rects, key=lambda r: r["width"] * r["height"])
                assert (band["x0"], band["top"]) == pytest.approx((0, 0), abs=0.01)
                assert band["x1"] == pytest.approx(page.width, abs=0.01)
                assert band["bottom"] == pytest.approx(BLEED + 16 * MM, abs=0.01)
                assert tuple(band["non_stroking_color"]) == pytest.approx(deck.group(behaviour.theme).colour.cmyk)


def test_position_footer_sits_bottom_right_on_both_faces(built):
    with pdfplumber.open(built["system-leadership"]) as pdf:
        for number, page in enumerate(pdf.pages):
            k = number // 2 + 1
            found = page.search(f"{k}/13")
            assert len(found) == 1
            assert found[0]["x1"] == pytest.approx(BLEED + TRIM_W - 4.5 * MM, abs=0.05)
            assert found[0]["bottom"] > BLEED + TRIM_H - 8 * MM


def test_markup_characters_print_as_written(tmp_path):
    written = build([FIXTURES / "good" / "markup"], tmp_path).written
    front, back = page_texts(written[0].path)
    assert "Honesty & <Candour>" in front
    assert "Says what they think: A & B <b>not bold</b> > C." in front
    assert "R&D <Pilot> deck" in front
    assert "Honesty & <Candour>" in back


def test_no_two_different_font_subsets_share_a_tag(tmp_path, built_all):
    """A subset's tag (the 'ABCDEF+' before the font name) is derived from its glyphs:
    across the press files of every layout and both sample decks, and within each file,
    one tagged name always means the same embedded font program and widths."""
    from generator.pipeline import PrintOptions

    layouts = ["a6", "a7", "bridge", "business-eu", "business-us", "mini-eu", "mini-us", "poker", "poker-eu", "square", "tarot"]
    seen: dict[str, set] = {}
    files = list(built_all.values())  # every kind of file, default layout
    for layout in layouts:
        files += [w.path for w in build(SAMPLE_DECKS, tmp_path, layout, "default", PrintOptions(outputs=("press",))).written]
    for path in files:
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
                seen.setdefault(str(font["/BaseFont"]), set()).add((program, tuple(font["/Widths"])))
    assert len(seen) > 6
    assert all(re.match(r"^/[A-Z]{6}\+SourceSansPro-", name) for name in seen)
    assert not any(name.startswith("/AAAAAA+") for name in seen)
    for name, versions in seen.items():
        assert len(versions) == 1, name


@pytest.mark.parametrize("printing, identifier, profile", [
    (None, "FOGRA39", "fogra39.icc"), ("fogra39", "FOGRA39", "fogra39.icc"), ("fogra51", "FOGRA51", None),
    ("gracol", "CGATS TR 006", "gracol2006.icc"), ("swop", "CGATS TR 003", "swop-grade3.icc"),
])
def test_the_printing_condition_and_its_profile(printing, identifier, profile, tmp_path):
    """The press file's PDF/X output intent names the chosen condition, and embeds its ICC
    profile (a CMYK output profile, byte for byte the shipped one) where one may ship."""
    import pikepdf

    from generator.pipeline import PrintOptions

    (written,) = build([FLAGSHIP], tmp_path, options=PrintOptions(outputs=("press",), printing=printing)).written
    expected_name = "system-leadership-press.pdf" if printing in (None, "fogra39") else f"system-leadership-press-{printing}.pdf"
    assert written.path.name == expected_name  # another condition never replaces the default file
    with pikepdf.open(written.path) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == identifier
        assert str(intent.RegistryName) == "http://www.color.org"
        if profile is None:
            assert "/DestOutputProfile" not in intent
        else:
            data = intent.DestOutputProfile.read_bytes()
            assert int(intent.DestOutputProfile.N) == 4
            assert data[36:40] == b"acsp" and data[12:16] == b"prtr" and data[16:20] == b"CMYK"
            assert data == (ROOT / "layouts" / "profiles" / profile).read_bytes()


def test_a_deck_chooses_its_printing_condition(tmp_path):
    import shutil

    import pikepdf

    from generator.pipeline import PrintOptions

    deck = tmp_path / "deck"
    shutil.copytree(FIXTURES / "good" / "markup", deck)
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text() + "defaults:\n  printing: swop\n")
    (written,) = build([deck], tmp_path / "out", options=PrintOptions(outputs=("press",))).written
    assert written.path.name == "deck-press.pdf"
    with pikepdf.open(written.path) as pdf:
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "CGATS TR 003"


def test_no_break_spaces_stay_no_break_spaces_in_every_file(tmp_path):
    """Text pasted from a word processor keeps `10\u00a0km` together on the card, and the
    PDF's own text keeps the no-break space too: search, copy and screen readers get the
    text as written (ReportLab would draw it, and record it, as a plain space)."""
    import shutil

    deck = tmp_path / "deck"
    shutil.copytree(ROOT / "cards" / "system-leadership", deck)
    card = deck / "behaviours" / "01-authenticity.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace("title: Authenticity", "title: Authenticity 10\u00a0km"),
                    encoding="utf-8")
    written = build([deck], tmp_path / "out").written
    assert len(written) == 8
    for file in written:
        text = "".join(page.extract_text() for page in PdfReader(file.path).pages)
        assert "Authenticity 10\u00a0km" in text, file.path.name
        assert "10 km" not in text, file.path.name


def test_every_stream_ends_on_a_line_of_its_own_and_the_xmp_is_unfiltered(built_all, tmp_path):
    """ReportLab wrote `endstream` straight after a stream's data and an empty `/Filter []`
    on the XMP packet; PDF/A and PDF/UA checkers (and archives) want an end-of-line before
    `endstream` and metadata with no /Filter. Every file a build writes, and the
    calibration sheet, read back byte by byte and by pikepdf."""
    import pikepdf

    from generator.calibration import calibrate

    paths = list(built_all.values()) + [calibrate("a4", "long-edge", tmp_path)]
    for path in paths:
        data = path.read_bytes()
        ends = [m.start() for m in re.finditer(rb"endstream", data)]
        assert ends and all(data[end - 1:end] in (b"\n", b"\r") for end in ends), path.name
        assert not re.search(rb"/Filter\s*\[\s*\]", data), path.name
        with pikepdf.open(path) as pdf:
            if path in built_all.values():  # (the calibration sheet carries no XMP)
                assert "/Filter" not in pdf.Root.Metadata and pdf.Root.Metadata.read_bytes().startswith(b"<?xpacket")
            assert pdf.check_pdf_syntax() == [], path.name
            for obj in pdf.objects:  # each stream's /Length still counts its data alone
                if isinstance(obj, pikepdf.Stream):
                    assert len(obj.read_raw_bytes()) == int(obj.Length)
