"""The facilitator packs, read back: every behaviour's words, bookmarks, page sizes,
greyscale text; and the content and template files that make them."""
from __future__ import annotations

import shutil

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT
from pdfread import fonts_of, page_texts, words
from pypdf import PdfReader

from generator.cli import main
from generator.compose.facilitator import HeadingLevels
from generator.content.deck import read_deck
from generator.errors import Problems
from generator.pipeline import PrintOptions, build

DECKS = {p.name: read_deck(p, Problems()) for p in sorted((ROOT / "cards").iterdir()) if (p / "deck.yaml").is_file()}
PAGE_SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
SECTIONS = ["About the framework", "How to use the cards", "Behaviours", "Activities", "Self-assessment worksheet", "Printing guide", "Feedback and contact"]


def card_boxes(page) -> list[tuple[float, float, float, float]]:
    """Where the pack shows a card face: the hairline rectangles around them, a card's size."""
    return [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
            if 100 < r["width"] < 400 and 100 < r["height"] < 500 and r["linewidth"] < 1 and not r["fill"]]


def card_texts(path) -> list[str]:
    """The text of every card face shown in the pack, each read on its own."""
    with pdfplumber.open(path) as pdf:
        return [page.crop(box).extract_text() or "" for page in pdf.pages for box in card_boxes(page)]


def pack(built_all, deck_id, paper):
    return built_all[(deck_id, f"{deck_id}-facilitator-{paper}.pdf")]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_every_behaviours_words_are_in_the_pack(built_all, deck_id, paper):
    path = pack(built_all, deck_id, paper)
    text = words(" ".join(page_texts(path) + card_texts(path)))
    deck = DECKS[deck_id]
    for behaviour in deck.behaviours:
        for item in (behaviour.title, behaviour.description, *behaviour.enabling, *behaviour.obstructing, *behaviour.questions.values()):
            assert words(item) in text, f"{deck_id} {paper}: {item!r}"
    for width, height in [PAGE_SIZES[paper]]:
        for page in PdfReader(path).pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((width, height), abs=0.01)


BUILTIN_LAYOUTS = sorted(p.stem for p in (ROOT / "layouts").glob("*.yaml") if not p.stem.startswith("_"))


@pytest.mark.parametrize("layout", BUILTIN_LAYOUTS)
def test_every_indicator_is_in_the_pack_whatever_the_card_shows(layout, tmp_path):
    """Layouts that leave the indicators off the card (a7, a6, poker...) still give every
    indicator in the pack, under its heading; one that prints them legibly on the card
    shows them there, not twice."""
    deck = DECKS["system-leadership"]
    outcome = build([ROOT / "cards" / "system-leadership"], tmp_path, layout=layout,
                    options=PrintOptions(outputs=("facilitator",)))
    assert not outcome.problems, outcome.problems
    path = next(w.path for w in outcome.written if w.path.name.endswith("facilitator-a4.pdf"))
    # In drawing order (pypdf), so a table's two columns do not interleave their lines.
    pages = words(" ".join(page.extract_text() for page in PdfReader(path).pages))
    on_cards = set(" ".join(card_texts(path)).split())  # a card's columns may interleave: its words
    for behaviour in deck.behaviours:
        for item in (*behaviour.enabling, *behaviour.obstructing):
            assert words(item) in pages, f"{layout}: {item!r}"
    tables = pages.count("Enabling Obstructing")  # the indicators' table heads
    shown_on_cards = all(set(item.split()) <= on_cards for b in deck.behaviours for item in (*b.enabling, *b.obstructing))
    assert tables == (0 if shown_on_cards else len(deck.behaviours)), layout


@pytest.mark.parametrize("deck_id", sorted(DECKS))
def test_bookmarks_for_every_section_and_behaviour(built_all, deck_id):
    path = pack(built_all, deck_id, "a4")
    reader = PdfReader(path)
    outline = reader.outline  # top-level entries; a list after an entry holds its children
    assert [entry.title for entry in outline if not isinstance(entry, list)] == [DECKS[deck_id].title] + SECTIONS
    behaviours = outline[next(i for i, e in enumerate(outline) if not isinstance(e, list) and e.title == "Behaviours") + 1]
    assert [entry.title for entry in behaviours] == [b.title for b in DECKS[deck_id].behaviours]
    texts = page_texts(path)
    for entry in behaviours:  # each opens the page that carries its behaviour
        assert entry.title in texts[reader.get_destination_page_number(entry)]


def test_the_pack_has_what_a_workshop_needs(built_all):
    text = " ".join(page_texts(pack(built_all, "system-leadership", "a4")))
    assert "Illustrative prompts, not the NWLA's official wording" in text  # the illustrative notice on the cover
    assert "nwla.info@nhs.net" in text and "www.nwacademy.nhs.uk" in text
    for use in ("Self-reflection and assessment", "Development conversations", "Coaching and mentoring", "Leadership development",
                "Programme design", "Board and governing body development", "Network events"):
        assert use in text
    for activity in ("Individual self-reflection", "Paired development conversation", "Coaching session",
                     "Team enable/obstruct card sort", "Programme design mapping"):
        assert activity in text
    assert text.count("Purpose:") == 5 and text.count("Debrief") >= 5 and text.count("Variations") >= 5
    assert "system-leadership-a4.pdf" in text and "system-leadership-press.pdf" in text  # the printing guide names the files
    assert text.count("1 2 3 4 5") >= 2 * 13  # a now and a priority scale for every behaviour
    assert "Strengths" in text and "Development areas" in text


def test_a_deck_has_its_own_facilitator_words(built_all):
    text = " ".join(page_texts(pack(built_all, "systems-leadership-dimensions", "a4")))
    assert "Leadership is shared and ceded, not vested in title" in text
    assert "Six-card self-portrait" in text and "Individual self-reflection" not in text
    assert "Development conversations" in text  # uses it did not override come from the default


def test_all_text_is_black_or_grey_for_greyscale_printing(built_all):
    """The pack's own text; the cards it shows are as printed, in their colours."""
    checked = 0
    with pdfplumber.open(pack(built_all, "system-leadership", "a4")) as pdf:
        for page in pdf.pages:
            boxes = card_boxes(page)
            for char in page.chars:
                if any(x0 - 1 <= char["x0"] <= x1 + 1 and top - 1 <= char["top"] <= bottom + 1 for x0, top, x1, bottom in boxes):
                    continue
                assert tuple(char["non_stroking_color"])[:3] == (0, 0, 0), char["text"]
                checked += 1
    assert checked > 10_000


def test_facilitator_content_problems_point_at_their_line(monkeypatch, capsys):
    monkeypatch.chdir(FIXTURES / "facilitator")
    assert main(["validate", "bad-activity", "bad-directive"]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "bad-activity/facilitator.yaml:2:5: error: an item of 'activities' is missing the required key 'steps'",
        "bad-directive/layouts/facilitator/cover.j2:2:1: error: unknown directive '@sparkle' (known: @page, @title, @subtitle, "
        "@swatch, @indicators, @lines, @notes, @assessment, @spacer, @card, @deck, @map, @qr)",
    ]


def test_a_deck_can_replace_a_section_template(tmp_path):
    written = build([FIXTURES / "facilitator" / "own-cover"], tmp_path, options=PrintOptions(outputs=("facilitator",))).written
    first_page = page_texts(written[0].path)[0]
    assert "Our own cover for R&D <Pilot> deck" in first_page
    assert "Printed for the workshop on Tuesday." in first_page


LITERAL = FIXTURES / "facilitator" / "literal-content"


@pytest.fixture(scope="module")
def literal_pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("literal")
    outcome = build([LITERAL], out, options=PrintOptions(outputs=("facilitator",)))
    assert not outcome.problems
    return next(w.path for w in outcome.written if w.path.name.endswith("-a4.pdf"))


def test_content_that_looks_like_markup_prints_as_written(literal_pack):
    """Only the templates' own text is markup: stars, hashes, @words, dashes and numbers
    in any deck, card or facilitator.yaml field reach the page character for character."""
    deck = read_deck(LITERAL, Problems())
    (card,) = deck.behaviours
    with pdfplumber.open(literal_pack) as pdf:
        halves = [page.crop(box).extract_text() or "" for page in pdf.pages
                  for box in ((0, 0, page.width / 2, page.height), (page.width / 2, 0, page.width, page.height))]
        pages = len(pdf.pages)
        italic = {c["text"] for page in pdf.pages for c in page.chars if "Italic" in c["fontname"]}
    text = words(" ".join(page_texts(literal_pack) + halves))
    literal = [deck.title, deck.publisher, deck.illustrative_notice, deck.themes[0].name, card.title, card.source,
               *deck.notes.split("\n\n"), *card.description.split("\n\n"), *card.enabling, *card.obstructing,
               *card.questions.values(), "@lines 40 is not a directive in content", "**not bold** tip", "# not a heading tip"]
    for item in literal:
        assert words(item) in text, item
    # No content became a heading, a bookmark, a page break, a list or emphasis.
    outline = [e.title for e in PdfReader(literal_pack).outline if not isinstance(e, list)]
    assert outline == [deck.title] + SECTIONS
    assert pages == 11  # cover, about, map, uses, the card, activities (3), assessment, printing, feedback
    assert italic <= set("Illustrative:Source:Official wording ")  # only the template's own italic labels


def test_the_cover_says_only_what_the_statuses_say(tmp_path, built_all):
    cover = page_texts(pack(built_all, "system-leadership", "a4"))[0]
    assert "All 13 cards are marked illustrative: not the official wording of NHS North West Leadership Academy." in cover
    assert "as published" not in cover  # the deck's own notes say which parts are published, on the About page
    own = page_texts(pack(built_all, "system-leadership", "a4"))
    behaviour_page = next(t for t in own if "Being · card 1/13" in t)
    assert "Source: Description as published by the NHS North West Leadership Academy; indicators and questions are illustrative." in behaviour_page
    # A deck of official cards, one without a source: the cover says so, and names no source it lacks.
    deck = tmp_path / "official"
    shutil.copytree(FIXTURES / "good" / "markup", deck)
    card = deck / "behaviours" / "honesty.yaml"
    card.write_text(card.read_text().replace("status: illustrative", "status: official"))
    (written,) = build([deck], tmp_path / "out", options=PrintOptions(outputs=("facilitator",))).written[:1]
    first, *rest = page_texts(written.path)
    assert "The card is marked as the official wording of the publisher." in first
    assert "source" not in first.lower() and "Illustrative" not in first
    assert any("Official wording of the publisher." in t for t in rest)


def test_the_printing_guide_describes_the_files_beside_it(tmp_path):
    """The guide names the deck's whole set of files made the same way, whatever part of
    it this run writes; an option that changes the pack gives it a name of its own."""
    deck = ROOT / "cards" / "system-leadership"
    everything = build([deck], tmp_path / "all").written
    default_pack = (tmp_path / "all" / "system-leadership" / "system-leadership-facilitator-a4.pdf").read_bytes()
    # --outputs facilitator: the very same pack, naming the press file, sheets and fold-overs.
    build([deck], tmp_path / "all", options=PrintOptions(outputs=("facilitator",)))
    assert (tmp_path / "all" / "system-leadership" / "system-leadership-facilitator-a4.pdf").read_bytes() == default_pack
    # Short-edge sheets and their pack: new names; the default files beside them are untouched.
    options = PrintOptions(outputs=("sheets", "facilitator"), duplex="short-edge")
    outcome = build([deck], tmp_path / "all", options=options)
    names = sorted(w.path.name for w in outcome.written)
    assert names == ["system-leadership-a4-short-edge.pdf", "system-leadership-facilitator-a4-short-edge.pdf",
                     "system-leadership-facilitator-letter-short-edge.pdf", "system-leadership-letter-short-edge.pdf"]
    assert (tmp_path / "all" / "system-leadership" / "system-leadership-facilitator-a4.pdf").read_bytes() == default_pack
    assert len(list((tmp_path / "all" / "system-leadership").iterdir())) == len(everything) + 4
    guide = next(t for t in page_texts(tmp_path / "all" / "system-leadership" / "system-leadership-facilitator-a4-short-edge.pdf")
                 if "Which file to print" in t)
    assert "system-leadership-a4-short-edge.pdf or system-leadership-letter-short-edge.pdf" in guide
    assert "flip on short edge" in guide and "long edge" not in guide
    assert "system-leadership-press.pdf" in guide and "system-leadership-foldover-a4.pdf" in guide
    assert "system-leadership-facilitator-a4-short-edge.pdf" in guide


def test_every_option_that_changes_a_file_is_in_its_name(tmp_path):
    deck = ROOT / "cards" / "system-leadership"
    options = PrintOptions(grid="gutter", back_offset=(1.5 * 72 / 25.4, -0.5 * 72 / 25.4), printing="gracol", forms=False)
    names = sorted(w.path.name for w in build([deck], tmp_path, options=options).written)
    assert names == sorted([
        "system-leadership-press-gracol.pdf", "system-leadership-a4-gutter-backs+1.5-0.5mm.pdf",
        "system-leadership-letter-gutter-backs+1.5-0.5mm.pdf", "system-leadership-foldover-a4.pdf",
        "system-leadership-foldover-letter.pdf", "system-leadership-facilitator-a4-gutter-backs+1.5-0.5mm-gracol-no-forms.pdf",
        "system-leadership-facilitator-letter-gutter-backs+1.5-0.5mm-gracol-no-forms.pdf", "system-leadership-screen.pdf"])


def test_the_self_assessment_gives_each_step_8mm(built_all):
    with pdfplumber.open(pack(built_all, "system-leadership", "a4")) as pdf:
        page = next(p for p in pdf.pages if "Self-assessment worksheet" in (p.extract_text() or ""))
        title_line = next(w for w in page.extract_words() if w["text"] == "Authenticity")
        row = [c for c in page.chars if abs(c["top"] - title_line["top"]) < 6 and c["text"] in "12345"]
    assert [c["text"] for c in row] == list("1234512345")
    centres = [(c["x0"] + c["x1"]) / 2 for c in row]
    steps = [b - a for a, b in zip(centres, centres[1:]) if b > a]
    assert len(steps) == 9 and min(steps) >= 8 * 72 / 25.4 - 0.01


def test_facilitator_packs_declare_only_embedded_fonts(built_all):
    for (deck_id, name), path in built_all.items():
        if "facilitator" in name:
            assert fonts_of(path) and all(fonts_of(path).values()), (name, fonts_of(path))


def test_swatches_print_in_the_decks_own_cmyk(built_all):
    deck = DECKS["system-leadership"]
    with pdfplumber.open(pack(built_all, "system-leadership", "a4")) as pdf:
        page = next(p for p in pdf.pages if "The framework on one page" in (p.extract_text() or ""))
        # each theme's band on the map has a bar of its colour down its side
        swatches = [tuple(round(v, 4) for v in r["non_stroking_color"]) for r in page.rects if r["width"] < 15 < r["height"]]
    assert swatches == [tuple(round(v, 4) for v in theme.colour.cmyk) for theme in deck.themes]  # e.g. 1 .5 0 0, not 1 .4891 0 .2784


FLAGSHIP_PACK = ("system-leadership", "a4")
MM = 72 / 25.4


def test_the_worksheet_and_notes_are_form_fields_that_fill_and_read_back(built_all, tmp_path):
    from pypdf import PdfWriter

    path = pack(built_all, *FLAGSHIP_PACK)
    deck = DECKS["system-leadership"]
    fields = PdfReader(path).get_fields()
    for card in deck.behaviours:
        for scale in ("now", "priority"):
            field = fields[f"{card.id}-{scale}"]
            assert field["/FT"] == "/Btn" and sorted(field["/_States_"]) == ["/1", "/2", "/3", "/4", "/5"]
        assert fields[f"{card.id}-notes"]["/FT"] == "/Tx"
    assert fields["assessment-strengths"]["/FT"] == "/Tx" and fields["assessment-development-areas"]["/FT"] == "/Tx"
    assert len(fields) == 3 * len(deck.behaviours) + 2
    # Each scale's five buttons stand at least 8 mm apart, and every field prints (blank until filled).
    reader = PdfReader(path)
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert widgets and all(int(w["/F"]) & 4 for w in widgets)
    first = [w for w in widgets if w.get("/Parent") and w["/Parent"].get_object()["/T"] == "authenticity-now"]
    centres = sorted((float(w["/Rect"][0]) + float(w["/Rect"][2])) / 2 for w in first)
    assert len(centres) == 5 and min(b - a for a, b in zip(centres, centres[1:])) >= 8 * MM - 0.01
    assert all(w["/AP"]["/N"]["/Off"].get_object().get_data() == b"" for w in first)  # nothing printed until chosen
    # Fill them as a PDF viewer would, and read the answers back.
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"authenticity-now": "/3", "trust-priority": "/5",
                                                    "authenticity-notes": "Ask the team first", "assessment-strengths": "Listening"},
                                             auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    with filled.open("wb") as out:
        writer.write(out)
    answers = PdfReader(filled).get_fields()
    assert answers["authenticity-now"]["/V"] == "/3" and answers["trust-priority"]["/V"] == "/5"
    assert answers["authenticity-notes"]["/V"] == "Ask the team first" and answers["assessment-strengths"]["/V"] == "Listening"
    assert answers["mindset-now"].get("/V") in (None, "/Off")


def _flattened(source, destination, fill) -> list[str]:
    """`fill(source) -> filled path`, flattened as `qpdf --flatten-annotations=all` does
    (pikepdf is qpdf); each page's text."""
    import pikepdf
    import pypdfium2 as pdfium

    with pikepdf.open(fill(source)) as pdf:
        pdf.flatten_annotations("all")
        pdf.save(destination)
    document = pdfium.PdfDocument(str(destination))
    return [document[k].get_textpage().get_text_range() for k in range(len(document))]


NOTE = "Ask the team first: café – “why” €5"


def test_one_filled_notes_field_shows_in_that_field_alone_and_embeds_its_font(built_all, tmp_path):
    """Every notes field shared one appearance stream: filling one with pypdf showed its
    text in all 15, and qpdf's flattening printed it on pages 5-17 and twice on page 21.
    Typed text was set in Helvetica, named and not embedded. Filled with pypdf, and with
    qpdf's own appearances, then flattened: the text is on its page once, exactly as
    typed, in the pack's embedded font, and the file passes preflight."""
    import pikepdf
    from pypdf import PdfWriter

    from generator.printing.preflight import font_problems, preflight

    path = pack(built_all, *FLAGSHIP_PACK)
    assert font_problems(path) == []
    form = PdfReader(path).trailer["/Root"]["/AcroForm"]
    typing_font = next(iter(form["/DR"]["/Font"].values())).get_object()
    assert typing_font["/Subtype"] == "/TrueType" and "/FontFile2" in typing_font["/FontDescriptor"]
    assert str(typing_font["/BaseFont"]).endswith("SourceSansPro-Regular")
    widgets = [a.get_object() for page in PdfReader(path).pages for a in page.get("/Annots", []) if a.get_object().get("/FT") == "/Tx"]
    appearances = [w["/AP"]["/N"].indirect_reference for w in widgets]
    assert len(widgets) == 15 and len(set(appearances)) == len(appearances)  # each field its own

    def with_pypdf(source):
        writer = PdfWriter(clone_from=PdfReader(source))
        for page in writer.pages:
            writer.update_page_form_field_values(page, {"trust-notes": NOTE}, auto_regenerate=False)
        writer.write(tmp_path / "pypdf.pdf")
        return tmp_path / "pypdf.pdf"

    def with_qpdf(source):
        with pikepdf.open(source) as pdf:
            field = next(f for f in pdf.Root.AcroForm.Fields if f.get("/T") == "trust-notes")
            field.V = pikepdf.String(NOTE)
            pdf.Root.AcroForm.NeedAppearances = True
            pdf.generate_appearance_streams()
            pdf.save(tmp_path / "qpdf.pdf")
        return tmp_path / "qpdf.pdf"

    texts = {}
    for name, fill in (("pypdf", with_pypdf), ("qpdf", with_qpdf)):
        flat = tmp_path / f"{name}-flat.pdf"
        pages = _flattened(path, flat, fill)
        holding = [k for k, text in enumerate(pages) if NOTE in text]
        assert len(holding) == 1 and pages[holding[0]].count(NOTE) == 1, (name, holding)
        assert "Trust" in pages[holding[0]]  # on the trust card's page
        assert sum(text.count("Ask the team") for text in pages) == 1, name
        assert [p for p in preflight(flat) if p.is_error] == [], name
        texts[name] = holding[0]
    assert texts["pypdf"] == texts["qpdf"]


def test_a_welsh_pack_types_w_and_y_circumflex(tmp_path):
    """A Welsh pack's notes take ŵ and ŷ, which Windows-1252 lacks, through pypdf."""
    from pypdf import PdfWriter

    deck = tmp_path / "cymraeg"
    shutil.copytree(ROOT / "cards" / "systems-leadership-dimensions", deck)
    text = (deck / "deck.yaml").read_text(encoding="utf-8").replace("language: en-GB", "language: cy")
    (deck / "deck.yaml").write_text(text, encoding="utf-8")
    outcome = build([deck], tmp_path / "out", options=PrintOptions(outputs=("facilitator",)))
    path = next(w.path for w in outcome.written if w.path.name.endswith("-a4.pdf"))
    field = next(name for name, f in PdfReader(path).get_fields().items() if f.get("/FT") == "/Tx")
    note = "Ŵyn a ŷd: beth yw’r cam nesaf?"

    def with_pypdf(source):
        writer = PdfWriter(clone_from=PdfReader(source))
        for page in writer.pages:
            writer.update_page_form_field_values(page, {field: note}, auto_regenerate=False)
        writer.write(tmp_path / "filled.pdf")
        return tmp_path / "filled.pdf"

    pages = _flattened(path, tmp_path / "flat.pdf", with_pypdf)
    assert sum(text.count(note) for text in pages) == 1


@pytest.mark.parametrize("forms", [True, False])
def test_bullets_and_step_numbers_print_in_black_ink_alone(tmp_path, forms):
    """List bullets and step numbers were RGB black (0 0 0 rg), which a RIP prints in four
    inks (296 %) beside K-only text, in the pack offered to print shops too."""
    from generator.printing.preflight import structure_problems

    outcome = build([ROOT / "cards" / "system-leadership"], tmp_path, options=PrintOptions(outputs=("facilitator",), forms=forms))
    assert len(outcome.written) == 2, outcome.problems  # the build's own preflight refuses RGB
    for written in outcome.written:
        assert structure_problems(written.path, press=False) == []
        with pdfplumber.open(written.path) as pdf:
            chars = [c for page in pdf.pages for c in page.chars]
        bullets = [c for c in chars if c["text"] == "•"]
        assert len(bullets) > 50 and {tuple(c["non_stroking_color"]) for c in bullets} == {(0, 0, 0, 1)}
        assert all(len(c["non_stroking_color"]) == 4 for c in chars), written.path.name  # CMYK, never RGB


def test_a_pack_without_forms_for_the_print_shop(tmp_path):
    options = PrintOptions(outputs=("facilitator",), forms=False)
    outcome = build([ROOT / "cards" / "system-leadership"], tmp_path, options=options)
    names = sorted(w.path.name for w in outcome.written)
    assert names == ["system-leadership-facilitator-a4-no-forms.pdf", "system-leadership-facilitator-letter-no-forms.pdf"]
    reader = PdfReader(outcome.written[0].path)
    assert "/AcroForm" not in reader.trailer["/Root"] and not any(page.get("/Annots") for page in reader.pages)
    assert "1 2 3 4 5 1 2 3 4 5" in " ".join(page_texts(outcome.written[0].path))  # rings to circle with a pen


@pytest.mark.parametrize("forms", [True, False])
def test_packs_pass_preflight(tmp_path, forms):
    from generator.printing.preflight import preflight

    outcome = build([ROOT / "cards" / "system-leadership"], tmp_path, options=PrintOptions(outputs=("facilitator",), forms=forms))
    for written in outcome.written:
        assert [p for p in preflight(written.path) if p.is_error] == []


def test_every_page_but_the_cover_says_page_n_of_m_under_its_section(built_all):
    path = pack(built_all, *FLAGSHIP_PACK)
    texts = page_texts(path)
    total = len(texts)
    assert "Page 1 of" not in texts[0]
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {total}" in text, number
    heads = [text.split("\n")[0] for text in texts[1:]]
    assert heads[0].startswith("ABOUT THE FRAMEWORK") and any(h.startswith("BEHAVIOURS") for h in heads)
    assert heads[-1].startswith("FEEDBACK AND CONTACT")


def test_the_map_page_carries_every_behaviour_and_its_number(built_all):
    deck = DECKS["system-leadership"]
    with pdfplumber.open(pack(built_all, *FLAGSHIP_PACK)) as pdf:
        page = next(p for p in pdf.pages if "The framework on one page" in (p.extract_text() or ""))
        tiles = [words(page.crop((r["x0"], r["top"], r["x1"], r["bottom"])).extract_text())
                 for r in page.rects if r["fill"] and r["width"] > 80]
        headers = words(page.crop((0, 0, 20 * MM + 34 * MM, page.height)).extract_text())  # the bands' header column
    assert len(tiles) == len(deck.behaviours)
    for position, card in enumerate(deck.behaviours, 1):
        assert f"{position} {words(card.title)}" in tiles, card.title  # each tile: its number, then its title
    for group in deck.themes:
        assert words(group.name) in headers


def test_each_behaviour_page_shows_its_card_front_and_back_as_printed(built_all):
    deck = DECKS["system-leadership"]
    with pdfplumber.open(pack(built_all, *FLAGSHIP_PACK)) as pdf:
        for card in deck.behaviours:
            page = next(p for p in pdf.pages if f"card {deck.behaviours.index(card) + 1}/13" in (p.extract_text() or ""))
            front, back = sorted(card_boxes(page))
            assert front[2] - front[0] == pytest.approx(70 * MM, abs=0.5)  # the tarot card at its printed size
            front_text = words(page.crop(front).extract_text())
            back_text = words(page.crop(back).extract_text())
            for item in (card.title, card.description, *card.enabling, *card.obstructing):
                assert words(item) in front_text, item
            for question in card.questions.values():
                assert words(question) in back_text, question


def test_a_filled_form_shows_in_pdfium_as_in_a_browser_and_an_empty_one_prints_blank(built_all, tmp_path):
    """PDFium, the engine of Chrome's and Edge's PDF viewers, draws the chosen step's bold
    ring and the typed notes; the same file unfilled draws no ring at all."""
    import pypdfium2 as pdfium
    from pypdf import PdfWriter

    path = pack(built_all, *FLAGSHIP_PACK)
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"authenticity-now": "/3", "authenticity-notes": "Ask the team first"},
                                             auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    with filled.open("wb") as out:
        writer.write(out)
    reader = PdfReader(filled)
    number, kids = next((n, [a.get_object() for a in page.get("/Annots", []) if a.get_object().get("/Parent")
                             and a.get_object()["/Parent"].get_object()["/T"] == "authenticity-now"])
                        for n, page in enumerate(reader.pages) if "Self-assessment" in (page.extract_text() or ""))
    height = float(reader.pages[number].mediabox.height)

    def darkness(document_path, rect) -> int:
        document = pdfium.PdfDocument(str(document_path))
        document.init_forms()
        image = document[number].render(scale=3, may_draw_forms=True).to_pil().convert("L")
        x0, y0, x1, y1 = (float(v) * 3 for v in rect)
        box = image.crop((round(x0), round(height * 3 - y1), round(x1), round(height * 3 - y0)))
        return sum(count for value, count in enumerate(box.histogram()) if value < 80)

    chosen = next(k for k in kids if k["/AS"] == "/3")
    other = next(k for k in kids if k["/AS"] == "/Off")
    assert darkness(filled, chosen["/Rect"]) > 3 * darkness(filled, other["/Rect"])
    unfilled = darkness(path, chosen["/Rect"])
    assert abs(unfilled - darkness(path, other["/Rect"])) < 0.2 * darkness(filled, chosen["/Rect"])  # nothing chosen, no ring


def test_a_card_too_big_to_show_legibly_is_a_picture_with_its_indicators_as_text(tmp_path):
    """A poster card (200 x 300 mm) cannot be shown on an A4 or Letter page with its text
    at 6 pt: the pack draws it as a picture (its text as lines, so nothing under 6 pt)
    and gives its indicators as text, exactly as written."""
    from generator.printing.preflight import preflight

    outcome = build([FIXTURES / "good" / "poster"], tmp_path, options=PrintOptions(outputs=("facilitator",)))
    assert not outcome.problems and len(outcome.written) == 2
    for written in outcome.written:
        assert [p.message for p in preflight(written.path) if p.is_error] == []
        page = next(t for t in page_texts(written.path) if "Honesty & <Candour>" in t and "Questions" in t)
        assert "• Speaks plainly" in page and "• Hides bad news" in page and "Enabling" in page and "Obstructing" in page
        with pdfplumber.open(written.path) as pdf:
            shown = next(p for p in pdf.pages if "Speaks plainly" in (p.extract_text() or ""))
            pictures = [r for r in shown.rects if 100 < r["width"] < 400 and 100 < r["height"] < 500 and r["stroke"]]
            assert len(pictures) == 2 and pictures[0]["top"] == pictures[1]["top"]  # the front and the back, side by side
            assert not [c for c in shown.chars if c["size"] < 6]


def test_heading_levels_never_skip_and_siblings_stay_equal():
    """A section's headings written `###` under a `#` read as one level below it, all of
    them alike, and a `##` after them closes them; on a web page (whose h1 is the page's
    title) every level is one lower."""
    written = [1, 3, 3, 2, 3, 1, 3, 2]
    in_pdf = HeadingLevels()
    assert [in_pdf(level) for level in written] == [1, 2, 2, 2, 3, 1, 2, 2]
    on_page = HeadingLevels(offset=1, top=1)
    assert [on_page(level) for level in written] == [2, 3, 3, 3, 4, 2, 3, 3]
    behaviours = HeadingLevels()  # "# How to use", an outline entry with no heading printed, "## Trust", "### Notes", "# Activities"
    seen = [behaviours(1)]
    behaviours.unseen(1)
    assert seen + [behaviours(level) for level in (2, 3, 2, 1, 2)] == [1, 1, 2, 1, 1, 2]
    deep = HeadingLevels()
    assert [deep(level) for level in (1, 2, 3, 4, 5, 6, 7, 8)] == [1, 2, 3, 4, 5, 6, 6, 6]


def test_each_card_picture_is_drawn_in_its_page_as_the_press_file_prints_it(built_all):
    """A pack shows each face once, drawn in its page clipped to its trim, not as a Form
    XObject: a 1,000-card pack's 2,000 forms took an independent PDF/UA checker past its
    default limit of form invocations. Rendered, the first card's front and back are the
    press file's pages cropped to their trim (the bleed cut away)."""
    from PIL import Image, ImageChops
    import pikepdf
    import pypdfium2 as pdfium

    path = pack(built_all, "system-leadership", "a4")
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            forms = [str(name) for name in page.obj.Resources.get("/XObject", {}).keys()]
            assert not [name for name in forms if "card-" in name], number
    with pdfplumber.open(path) as plumbed:
        number, boxes = next((n, card_boxes(p)) for n, p in enumerate(plumbed.pages) if len(card_boxes(p)) == 2)
    scale = 100 / 72
    press_path = built_all[("system-leadership", "system-leadership-press.pdf")]
    with pdfium.PdfDocument(str(path)) as packed, pdfium.PdfDocument(str(press_path)) as press:
        shown = packed[number].render(scale=scale).to_pil().convert("RGB")
        for side, (x0, top, x1, bottom) in enumerate(boxes):
            page = press[side]  # card 1: the front, then the back
            tx0, ty0, tx1, ty1 = page.get_trimbox()
            height = page.get_height()
            printed = page.render(scale=scale).to_pil().convert("RGB").crop(
                (round(tx0 * scale), round((height - ty1) * scale), round(tx1 * scale), round((height - ty0) * scale)))
            picture = shown.crop((round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale)))
            size = (printed.width // 4, printed.height // 4)  # 4 x 4 pixels averaged: edges anti-alias apart
            difference = ImageChops.difference(picture.resize(size, Image.BOX), printed.resize(size, Image.BOX))
            differing = max(band.point(lambda value: 255 if value > 40 else 0).histogram()[255] for band in difference.split())
            assert differing < size[0] * size[1] * 0.015, (side, differing)
        # Between the two pictures the paper shows: a face's bleed is cut away, not drawn there.
        (_, top, left, bottom), (right, *_) = boxes
        gap = shown.crop((round(left * scale) + 3, round(top * scale), round(right * scale) - 3, round(bottom * scale)))
        assert gap.convert("L").getextrema()[0] > 245  # the darkest pixel: paper
