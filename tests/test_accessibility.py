"""Accessible packs: PDF/UA-1 as an independent checker sees it (page-validation), and the
structure tree read back as a screen reader meets it."""
from __future__ import annotations

import shutil

import pikepdf
import pytest
from pypdf import PdfReader
from conftest import ROOT
from structure import reading, texts_marked_in_language

from generator.pipeline import PrintOptions, build

page = pytest.importorskip("page", reason="page-validation has wheels for Python 3.11-3.14 only")


def _packs(built_all) -> dict[str, object]:
    return {name: path for (deck, name), path in built_all.items() if "-facilitator-" in name}


def _failures(path) -> list[str]:
    report = page.validate_pdf(str(path), profile="ua1")
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def test_every_pack_of_every_sample_deck_is_pdf_ua_1(built_all):
    """A4 and Letter packs of the flagship, the second sample and the variant."""
    packs = _packs(built_all)
    assert len(packs) == 6
    for name, path in packs.items():
        assert _failures(path) == [], name


def test_packs_without_forms_and_in_welsh_are_pdf_ua_1_too(tmp_path):
    welsh = tmp_path / "cymraeg"
    shutil.copytree(ROOT / "cards" / "systems-leadership-dimensions", welsh)
    text = (welsh / "deck.yaml").read_text(encoding="utf-8").replace("language: en-GB", "language: cy")
    (welsh / "deck.yaml").write_text(text, encoding="utf-8")
    plain = build([ROOT / "cards" / "system-leadership"], tmp_path / "out", options=PrintOptions(outputs=("facilitator",), forms=False))
    cymraeg = build([welsh], tmp_path / "out", options=PrintOptions(outputs=("facilitator",)))
    written = sorted((tmp_path / "out").rglob("*.pdf"))
    assert len(written) == 4, plain.problems + cymraeg.problems  # the flagship without forms, the Welsh deck with
    for path in written:
        assert _failures(path) == [], path.name
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == ("cy" if "cymraeg" in path.name else "en-GB")


def test_the_checker_fails_an_untagged_file(built_all):
    """The same checker on a file that is not tagged (the press file, a print master):
    it can fail, so its passes above mean something."""
    press = next(path for (deck, name), path in built_all.items() if name == "system-leadership-press.pdf")
    rules = {failure.split(":")[0] for failure in _failures(press)}
    assert {"PDFUA1-STRUCT-TREE-ROOT-001", "PDFUA1-CONTENT-TAGGING-001"} <= rules


def test_the_structure_reads_the_deck_in_order(built_all):
    """Every behaviour title is a heading, in deck order; each card's figure has the card's
    title and questions as its alternative; every field has its own tooltip; and the
    document's title, language and marking are set."""
    from generator.content.deck import read_deck
    from generator.errors import Problems

    deck = read_deck(ROOT / "cards" / "system-leadership", Problems())
    path = _packs(built_all)["system-leadership-facilitator-a4.pdf"]
    elements = reading(path)
    headings = [text for _, role, text, _ in elements if role in ("H1", "H2", "H3")]
    titles = [card.title for card in deck.behaviours]
    at = [headings.index(title) for title in titles]
    assert at == sorted(at), "behaviour headings out of deck order"
    figures = [alt for _, role, _, alt in elements if role == "Figure" and alt and alt.startswith("The card as printed")]
    assert len(figures) == len(titles)
    for card, alt in zip(deck.behaviours, figures):
        assert card.title in alt
        for question in card.questions.values():
            assert " ".join(question.split()) in alt, (card.title, question)
    widgets = [text for _, role, text, _ in elements if role == "Form"]
    assert len(widgets) == 13 + 13 * 2 * 5 + 2  # a notes field a card, two 1-5 scales a card, the worksheet's two
    tooltips = {name: str(field.get("/TU", "")) for name, field in PdfReader(path).get_fields().items()}
    assert len(set(tooltips.values())) == len(tooltips) == 13 * 3 + 2, tooltips  # each field its own
    assert tooltips["authenticity-notes"] == "Authenticity: Notes"
    assert tooltips["authenticity-now"].startswith("Authenticity: ")
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert all(page_obj.get("/Tabs") == "/S" for page_obj in pdf.pages)
        assert b"<pdfuaid:part>1</pdfuaid:part>" in pdf.Root.Metadata.read_bytes()


def test_every_screen_deck_is_pdf_ua_1_and_reads_every_card_in_order(built_all):
    """The screen deck: each card a section whose heading is its title, in deck order,
    with every text of both faces read as written; bookmarked card by card; in screen
    colours; the footers that repeat on every card left out of what is read."""
    from generator.content.deck import read_deck
    from generator.errors import Problems

    screens = {deck: path for (deck, name), path in built_all.items() if name.endswith("-screen.pdf")}
    assert sorted(screens) == ["system-leadership", "system-leadership-local", "systems-leadership-dimensions"]
    for deck_id, path in screens.items():
        assert _failures(path) == [], deck_id
        deck = read_deck(ROOT / "cards" / deck_id, Problems())
        elements = reading(path)
        sections = [k for k, (depth, role, _, _) in enumerate(elements) if role == "Sect"]
        assert len(sections) == len(deck.behaviours)
        titles = [text for _, role, text, _ in elements if role == "H1"]
        assert titles == [card.title for card in deck.behaviours], deck_id
        read = " ".join(text for _, _, text, _ in elements)
        flat = " ".join(read.split())
        for card in deck.behaviours:
            for text in (card.description, *card.enabling, *card.obstructing, *card.questions.values()):
                assert " ".join(text.split()) in flat, (deck_id, card.title, text)
        assert f"{deck.title} {len(deck.behaviours)}/" not in flat  # the repeating footer is an artifact
        reader = PdfReader(path)
        assert [item.title for item in reader.outline] == [f"{n}. {card.title}" for n, card in enumerate(deck.behaviours, 1)]
        assert len(reader.pages) == 2 * len(deck.behaviours)
        content = b"".join(page.get_contents().get_data() for page in reader.pages)
        assert b" rg" in content and b" k\n" not in content  # RGB, for screens


def test_our_own_accessibility_check_passes_what_conforms_and_names_what_does_not(built_all, tmp_path):
    """`cards preflight --accessibility` (and every build, on packs and screen decks) checks
    what a machine can. It passes every sample pack and screen deck; an untagged file
    fails it; and each kind of damage to a good pack is named: a tooltip two fields share,
    a figure with a generic alternative, a heading that skips a level, a page's content
    left untagged."""
    from generator.printing.preflight import accessibility_problems

    readable = [path for (_, name), path in built_all.items() if "-facilitator-" in name or name.endswith("-screen.pdf")]
    assert len(readable) == 9
    for path in readable:
        assert accessibility_problems(path) == [], path.name
    press = next(path for (_, name), path in built_all.items() if name == "system-leadership-press.pdf")
    untagged = [p.message for p in accessibility_problems(press)]
    assert "not tagged: no structure tree (a screen reader gets the page as one stream of text)" in untagged
    assert any("neither tagged content nor an artifact" in message for message in untagged)

    damaged = tmp_path / "damaged.pdf"
    with pikepdf.open(_packs(built_all)["system-leadership-facilitator-a4.pdf"]) as pdf:
        fields = [f for f in pdf.Root.AcroForm.Fields if f.get("/FT") == "/Tx"]
        fields[1].TU = fields[0].TU
        stack, figure, heading = [pdf.Root.StructTreeRoot], None, None
        while stack and not (figure and heading):
            element = stack.pop()
            kids = element.get("/K")
            stack.extend(k for k in (kids if isinstance(kids, pikepdf.Array) else []) if isinstance(k, pikepdf.Dictionary) and "/S" in k)
            if element.get("/S") == "/Figure" and figure is None:
                figure = element
            if element.get("/S") == "/H2" and heading is None:
                heading = element
        figure.Alt = pikepdf.String("image")
        heading.S = pikepdf.Name.H4
        page = pdf.pages[3]
        page.Contents = pdf.make_stream(page.Contents.read_bytes() + b"\n0 0 m 10 10 l S\n")  # a line no tag covers
        pdf.save(damaged)
    messages = [p.message for p in accessibility_problems(damaged)]
    assert any("share the tooltip" in m for m in messages), messages
    assert "a figure without a real alternative text ('image')" in messages
    assert any(m.startswith("heading H4 follows H") and m.endswith("a level is skipped") for m in messages), messages
    assert "page 4: 1 drawing operation neither tagged content nor an artifact" in messages
    # As a build finds it: in the pass that checks each page's drawing, for the files people read.
    from generator.printing.preflight import drawing_problems

    drawn = [p.message for p in drawing_problems(damaged, tagged=True)]
    assert drawn == ["page 4: 1 drawing operation neither tagged content nor an artifact"]
    assert drawing_problems(damaged) == []


def test_a_drafts_untranslated_text_is_read_in_its_own_language(tmp_path):
    """A Welsh draft prints an untranslated indicator and question in English: in the
    screen deck a line is a span with /Lang en, so a screen reader switches voice; in the
    pack a question inside a Welsh list item is marked English in the content, and a card
    picture holding English points at the page's text (its indicators printed as text, in
    English) rather than reading both languages in one voice. The rest is Welsh, and both
    files still pass the checker."""
    from test_translations import copy_deck, set_translation

    from generator.cli import main

    deck = copy_deck(tmp_path)
    set_translation(deck / "translations" / "cy.po", "Interrupts", "")
    set_translation(deck / "translations" / "cy.po", "Whose voices do our meetings miss?", "")
    out = tmp_path / "out"
    assert main(["build", str(deck), "--out", str(out), "--language", "cy", "--allow-untranslated",
                 "--outputs", "facilitator,screen"]) == 0
    for name in ("bilingual-cy-draft-facilitator-a4.pdf", "bilingual-cy-draft-screen.pdf"):
        path = out / "bilingual" / name
        assert _failures(path) == [], name
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "cy"
            english = []
            stack = [pdf.Root.StructTreeRoot]
            while stack:
                element = stack.pop()
                kids = element.get("/K")
                stack.extend(k for k in (kids if isinstance(kids, pikepdf.Array) else []) if isinstance(k, pikepdf.Dictionary) and "/S" in k)
                if str(element.get("/Lang", "")) == "en":
                    english.append(element)
        elements = reading(path)
        if name.endswith("-screen.pdf"):
            assert english, name
            assert [text for _, role, text, _ in elements if role == "Span" and "Interrupts" in text], name
        else:
            # The question, inside a Welsh list item, is a span marked English in the content;
            # the card with both is a picture pointing at the page's text, whose indicator
            # cell (printed because of it) is English.
            assert "Whose voices do our meetings miss?" in " ".join(texts_marked_in_language(path, "en"))
            figures = [alt for _, role, _, alt in elements if role == "Figure" and alt and alt.startswith("Y cerdyn")]
            assert len(figures) == 2 and sum("Interrupts" in alt for alt in figures) == 0
            assert sum("eiriau wedi'u gosod ar y dudalen hon" in alt for alt in figures) == 1
            assert [e for e in english if str(e.S) == "/P"], name
            assert [text for _, role, text, _ in elements if role == "P" and "Interrupts" in text], name
