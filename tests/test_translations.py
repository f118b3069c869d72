"""Translations: a deck in several languages, PO files, the tool's own words in Welsh."""
from __future__ import annotations

import io
import re
import shutil

import pdfplumber
import pikepdf
import pytest
from babel.messages.pofile import read_po
from conftest import FIXTURES, ROOT
from pdfread import page_texts

from generator.cli import main
from generator.compose.facilitator import builtin_content
from generator.content.translations import content_texts, word_texts
from generator.content.words import english_words
from generator.errors import Where
from generator.pipeline import PrintOptions, build, prepare

BILINGUAL = FIXTURES / "translations" / "bilingual"
WELSH_CATALOGUE = ROOT / "layouts" / "translations" / "cy.po"


@pytest.fixture(scope="module")
def bilingual_built(tmp_path_factory):
    out = tmp_path_factory.mktemp("bilingual")
    outcome = build([BILINGUAL], out)
    assert not outcome.problems, outcome.problems
    return {w.path.name: w.path for w in outcome.written}


def copy_deck(tmp_path, source=BILINGUAL):
    deck = tmp_path / source.name
    shutil.copytree(source, deck)
    return deck


def english_fragments() -> set[str]:
    """Every piece of English the tool prints itself (its words and its facilitator words)
    that the Welsh catalogue does not also use: none of it may appear in a Welsh file."""
    catalogue = read_po(io.StringIO(WELSH_CATALOGUE.read_text(encoding="utf-8")))
    welsh = " ".join(" ".join(m.string) if isinstance(m.string, tuple) else m.string for m in catalogue if m.id)
    fragments = set()
    for item in word_texts() + content_texts(builtin_content(), Where("x")):
        for text in ([item.text] if isinstance(item.text, str) else list(item.text)):
            for piece in re.split(r"\{[a-z_]+\}|[.,:;()\"·]", text):
                piece = piece.strip()
                if len(piece) >= 5 and piece not in welsh:
                    fragments.add(piece)
    return fragments


def test_every_language_is_built_the_source_keeping_its_names(bilingual_built):
    assert sorted(bilingual_built) == sorted(
        [f"bilingual-{kind}.pdf" for kind in KINDS] + [f"bilingual-cy-{kind}.pdf" for kind in KINDS])


def test_welsh_files_carry_no_fixed_english_and_are_tagged_welsh(bilingual_built):
    fragments = english_fragments()
    assert len(fragments) > 150  # the check has teeth: labels, headings, footers, notes, the pack's words
    for name, path in bilingual_built.items():
        if "-cy-" not in name:
            continue
        text = " ".join(page_texts(path))
        left = sorted(f for f in fragments if f in text)
        assert left == [], f"{name}: {left}"
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "cy"
            assert "<rdf:li>cy</rdf:li>" in pdf.Root.Metadata.read_bytes().decode()
    press = page_texts(bilingual_built["bilingual-cy-press.pdf"])
    assert "Unigol" in press[1] and "Galluogi" in press[0] and "Rhwystro" in press[0]  # labels
    assert "Gwrando yn gyntaf" in press[3] and "Pryd newidiais i fy meddwl" in " ".join(press[3].split())
    sheets = " ".join(page_texts(bilingual_built["bilingual-cy-a4.pdf"]))
    assert "Argraffwch ar 100%, ar y ddwy ochr, troi ar yr ymyl hir" in sheets  # the printing note
    pack = page_texts(bilingual_built["bilingual-cy-facilitator-a4.pdf"])
    assert pack[0].startswith("Cydweithio") and "Cydweithio · pecyn hwylusydd" in pack[1]
    assert f"Tudalen 2 o {len(pack)}" in pack[1]
    assert "Mae 1 o'r 2 cerdyn wedi'i farcio'n enghreifftiol" in " ".join(pack[0].split())  # Welsh plural forms
    with pikepdf.open(bilingual_built["bilingual-cy-facilitator-a4.pdf"]) as pdf:
        outline = [str(item.title) for item in pdf.open_outline().root]
    assert "Ymddygiadau" in outline and "Behaviours" not in outline  # bookmarks


def test_the_source_language_files_stay_english(bilingual_built):
    press = page_texts(bilingual_built["bilingual-press.pdf"])
    assert "Individual" in press[1] and "Listening first" in press[3]
    with pikepdf.open(bilingual_built["bilingual-press.pdf"]) as pdf:
        assert str(pdf.Root.Lang) == "en"


def set_translation(po, source, translation):
    text = po.read_text(encoding="utf-8")
    pattern = re.compile(r'(msgid "' + re.escape(source) + r'"\nmsgstr )"[^"\n]*"')
    assert pattern.search(text), source
    po.write_text(pattern.sub(lambda m: m.group(1) + '"' + translation + '"', text, count=1), encoding="utf-8")
    return next(n for n, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                if line == f'msgid "{source}"') + 1


def test_a_missing_or_fuzzy_translation_stops_the_build_at_its_po_line(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    po = deck / "translations" / "cy.po"
    line = set_translation(po, "Interrupts", "")
    assert main(["build", str(deck), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"translations/cy.po:{line}:1: error: the translation of card:listening:obstructing 'Interrupts' .* is empty", err)
    assert not (tmp_path / "out").exists()  # nothing written, the English files neither
    set_translation(po, "Interrupts", "Yn torri ar draws")
    text = po.read_text(encoding="utf-8").replace('msgctxt "card:listening:title"', '#, fuzzy\nmsgctxt "card:listening:title"')
    po.write_text(text, encoding="utf-8")
    fuzzy_line = next(n for n, l in enumerate(text.splitlines(), 1) if l == 'msgid "Listening first"') + 1
    assert main(["validate", str(deck)]) == 1
    assert f"translations/cy.po:{fuzzy_line}:1: error: the translation of card:listening:title 'Listening first'" in capsys.readouterr().err


KINDS = ("press", "a4", "letter", "foldover-a4", "foldover-letter", "facilitator-a4", "facilitator-letter", "screen")


def stamp_shapes(path) -> list[int]:
    """On each page, the filled shapes in a draft stamp's ink (K 15 %)."""
    with pdfplumber.open(path) as pdf:
        return [sum(1 for c in page.curves if c["fill"] and c["non_stroking_color"] == (0, 0, 0, 0.15)) for page in pdf.pages]


def test_a_draft_falls_back_to_the_source_text_and_lists_each_fallback(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    out = tmp_path / "out"
    # A complete translation built with --allow-untranslated is no draft: the final files.
    assert main(["build", str(deck), "--out", str(out), "--language", "cy", "--allow-untranslated"]) == 0
    assert "DRAFFT" not in " ".join(page_texts(out / "bilingual" / "bilingual-cy-press.pdf"))
    final = {p.name: p.read_bytes() for p in (out / "bilingual").iterdir()}
    assert sorted(final) == sorted(f"bilingual-cy-{k}.pdf" for k in KINDS)
    line = set_translation(deck / "translations" / "cy.po", "Interrupts", "")
    capsys.readouterr()
    assert main(["build", str(deck), "--out", str(out), "--language", "cy", "--allow-untranslated"]) == 0
    captured = capsys.readouterr()
    assert f"translations/cy.po:{line}:1: note: draft: the translation of card:listening:obstructing 'Interrupts'" in captured.err
    # The draft's files have names of their own: the final ones are still there, untouched.
    assert sorted(p.name for p in (out / "bilingual").iterdir()) == sorted(
        [f"bilingual-cy-{k}.pdf" for k in KINDS] + [f"bilingual-cy-draft-{k}.pdf" for k in KINDS])
    assert all((out / "bilingual" / name).read_bytes() == data for name, data in final.items())
    # Every face carries the word across it, drawn as outlines: the card's text reads back as it was.
    press = out / "bilingual" / "bilingual-cy-draft-press.pdf"
    assert stamp_shapes(press) == [9] * 4  # D R A F F T: 9 contours, on each of the 4 faces
    assert page_texts(press) == page_texts(out / "bilingual" / "bilingual-cy-press.pdf")[:2] + page_texts(press)[2:]
    assert "Interrupts" in " ".join(page_texts(press)) and "DRAFFT" not in " ".join(page_texts(press))
    for sheet in ("a4", "foldover-a4"):
        assert all(stamp_shapes(out / "bilingual" / f"bilingual-cy-draft-{sheet}.pdf"))
    pack = page_texts(out / "bilingual" / "bilingual-cy-draft-facilitator-a4.pdf")
    assert "DRAFFT. Nid yw peth o destun yr argraffiad hwn wedi'i gyfieithu eto: mae wedi'i argraffu yn Saesneg" in pack[0]
    assert all("pecyn hwylusydd · DRAFFT" in page for page in pack[1:])  # the running footer
    # On the site: a note at the top, and the English fallback marked as English for screen readers.
    assert main(["publish", str(deck), "--out", str(tmp_path / "site"), "--allow-untranslated"]) == 0
    html = (tmp_path / "site" / "bilingual-cy-draft" / "index.html").read_text(encoding="utf-8")
    assert '<p class="draft" role="note"><strong>DRAFFT.</strong>' in html and '<li lang="en">Interrupts</li>' in html
    assert html.count(' lang="en"') == 2  # the fallback and the link to the English edition, nothing else
    card = (tmp_path / "site" / "bilingual-cy-draft" / "cards" / "listening" / "index.html").read_text(encoding="utf-8")
    assert '<li lang="en">Interrupts</li>' in card  # and on the card's own page
    guide = (tmp_path / "site" / "bilingual-cy-draft" / "guide.html").read_text(encoding="utf-8")
    assert '<li lang="en">Interrupts</li>' in guide  # and in the pack's web page


def test_a_language_without_a_po_file_is_one_error_at_the_languages_line(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text().replace("[en, cy]", "[en, cy, fr]"))
    assert main(["validate", str(deck)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"deck.yaml:6:\d+: error: \d+ texts of this deck have no translation into French \(fr\): there is no "
                     r".*translations/fr.po; run `cards translate .* --language fr`", err)
    assert err.count("error:") == 1


def test_a_bad_language_tag_is_an_error_at_its_item(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text().replace("[en, cy]", "[en, xx-nonsense]"))
    assert main(["validate", str(deck)]) == 1
    assert "deck.yaml:6:17: error: 'xx-nonsense' is not a language tag" in capsys.readouterr().err


def test_translate_updates_as_pybabel_does(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    po = deck / "translations" / "cy.po"
    before = po.read_bytes()
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    assert po.read_bytes() == before  # nothing changed: not a byte
    assert "up to date" in capsys.readouterr().out
    card = deck / "behaviours" / "listening.yaml"
    text = card.read_text().replace("title: Listening first", "title: Listening before speaking")
    text = text.replace("    - Interrupts\n", "    - Interrupts others\n    - Finishes sentences for people\n")
    card.write_text(text)
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    out = capsys.readouterr().out
    assert "2 to check (fuzzy)" in out
    catalogue = read_po(io.StringIO(po.read_text(encoding="utf-8")))
    title = catalogue.get("Listening before speaking", context="card:listening:title")
    assert title.fuzzy and title.string == "Gwrando yn gyntaf"
    assert '#| msgid "Listening first"\nmsgctxt "card:listening:title"' in po.read_text(encoding="utf-8")  # the old one to compare
    new = catalogue.get("Finishes sentences for people", context="card:listening:obstructing")
    assert new is not None and not new.fuzzy and new.string == "" and ("behaviours/listening.yaml", 7) in new.locations
    # Checked: the build still refuses until someone looks at the fuzzy entries.
    assert main(["validate", str(deck)]) == 1
    assert "is marked fuzzy" in capsys.readouterr().err
    # A text no longer printed is kept, commented out.
    card.write_text(card.read_text().replace("    - Checks what they heard\n", ""))
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    assert '#~ msgctxt "card:listening:enabling"\n#~ msgid "Checks what they heard"\n#~ msgstr "Yn gwirio\'r hyn a glywsant"' in po.read_text(encoding="utf-8")


def test_an_up_to_date_catalogue_is_untouched_whichever_babel_wrote_it(tmp_path, capsys):
    """Entries are compared, not headers: a file written by another Babel (or edited by
    a translator's tool, which orders and words the header its own way) is not rewritten."""
    deck = copy_deck(tmp_path)
    po = deck / "translations" / "cy.po"
    text = po.read_text(encoding="utf-8")
    header = text[: text.index("\n\n") + 1]
    lines = header.splitlines(keepends=True)
    other = [line.replace("Babel 2.18.0", "Babel 0.9.6") for line in lines if "Language-Team" not in line]
    other.insert(other.index('"Language: cy\\n"\n'), '"Language-Team: Welsh <cy@example.org>\\n"\n')
    other.insert(other.index('msgid ""\n'), "# Reviewed by the academy's translator.\n")
    po.write_text("".join(other) + text[len(header):], encoding="utf-8", newline="\n")
    before = po.read_bytes()
    assert b"Generated-By: Babel 0.9.6" in before
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    assert po.read_bytes() == before
    assert "up to date" in capsys.readouterr().out
    # A real change rewrites the file, and only its entries differ: the header keeps the
    # Babel that wrote it, so a team sharing the deck sees no line that changes with Babel.
    card = deck / "behaviours" / "listening.yaml"
    card.write_text(card.read_text().replace("title: Listening first", "title: Listening before speaking"))
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    after = po.read_text(encoding="utf-8")
    assert '"Generated-By: Babel 0.9.6\\n"' in after and "Listening before speaking" in after


def test_translate_holds_only_what_no_catalogue_translates(tmp_path):
    deck = copy_deck(tmp_path)
    (deck / "translations" / "cy.po").unlink()
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    catalogue = read_po(io.StringIO((deck / "translations" / "cy.po").read_text(encoding="utf-8")))
    contexts = {m.context for m in catalogue if m.id}
    assert not any(c.startswith(("word:", "facilitator:")) for c in contexts)  # the built-in Welsh catalogue has them
    assert "card:listening:title" in contexts and "deck:title" in contexts
    # German has no built-in catalogue: the deck's file gets the tool's words and the pack's words to translate.
    assert main(["translate", str(deck), "--language", "de"]) == 0
    german = read_po(io.StringIO((deck / "translations" / "de.po").read_text(encoding="utf-8")))
    plural = german.get("{count} theme", context="word:themes-count")
    assert plural is not None and german.num_plurals == 2
    assert german.get("Individual", context="word:individual") is not None
    assert any(m.context == "facilitator:introduction" for m in german if m.id)


def test_a_deck_changes_any_word_and_translates_its_own(tmp_path):
    deck = copy_deck(tmp_path)
    yaml = (deck / "deck.yaml").read_text() + "labels:\n  individual: You\n  enabling: Helps when\n"
    (deck / "deck.yaml").write_text(yaml)
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    po = deck / "translations" / "cy.po"
    set_translation(po, "You", "Chi")
    set_translation(po, "Helps when", "Yn helpu pan")
    outcome = build([deck], tmp_path / "out", options=PrintOptions(outputs=("press",)))
    assert not outcome.problems, outcome.problems
    english, welsh = (page_texts(tmp_path / "out" / "bilingual" / name) for name in ("bilingual-press.pdf", "bilingual-cy-press.pdf"))
    assert " You " in english[1] and "Individual" not in english[1] and "Helps when" in english[0]
    assert " Chi " in welsh[1] and "Yn helpu pan" in welsh[0]


def test_a_wrong_placeholder_in_a_translated_word_is_refused(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    po = deck / "translations" / "cy.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgctxt "word:pack-page"\nmsgid "Page {page} of {total}"\n'
                  'msgstr "Tudalen {tudalen} o {total}"\n', encoding="utf-8")
    assert main(["validate", str(deck)]) == 1
    assert "uses {tudalen}, which the English has not (it has {page}, {total})" in capsys.readouterr().err


def test_a_welsh_only_deck_gets_the_tools_words_in_welsh_without_a_po_file(tmp_path):
    deck = copy_deck(tmp_path)
    shutil.rmtree(deck / "translations")
    (deck / "deck.yaml").write_text((deck / "deck.yaml").read_text().replace("languages: [en, cy]", "language: cy"))
    outcome = build([deck], tmp_path / "out", options=PrintOptions(outputs=("press",)))
    assert not outcome.problems, outcome.problems
    press = page_texts(tmp_path / "out" / "bilingual" / "bilingual-press.pdf")
    assert "Unigol" in press[1] and "Individual" not in press[1]


def test_one_language_of_several(tmp_path):
    prepared = prepare([BILINGUAL], options=PrintOptions(language="cy"))
    assert [b.deck.language for b in prepared.builds] == ["cy"]
    assert all(o.name.startswith("bilingual-cy-") for b in prepared.builds for o in b.outputs)


def test_a_translation_that_does_not_fit_is_reported_at_its_po_line(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    line = set_translation(deck / "translations" / "cy.po", "Listening first", "Gwrando " * 40)
    assert main(["validate", str(deck)]) == 1
    assert re.search(rf"translations/cy.po:{line}:1: error: .*does not fit", capsys.readouterr().err)


def test_a_variant_finds_its_bases_translations(tmp_path):
    copy_deck(tmp_path)  # the base, beside the variant
    variant = tmp_path / "local"
    (variant / "behaviours").mkdir(parents=True)
    (variant / "deck.yaml").write_text("extends: bilingual\ntitle: Working together locally\n")
    (variant / "behaviours" / "place.yaml").write_text(
        "id: place\ntitle: Our place\ntheme: learning\nstatus: illustrative\ndescription: Knows the place.\n"
        "indicators: {enabling: [Walks it], obstructing: [Ignores it]}\n"
        "questions: {individual: Where?, organisational: Who?, system: How?}\n")
    assert main(["translate", str(variant), "--language", "cy"]) == 0
    po = variant / "translations" / "cy.po"
    catalogue = read_po(io.StringIO(po.read_text(encoding="utf-8")))
    welsh = {"Our place": "Ein lle", "Working together locally": "Cydweithio'n lleol", "Knows the place.": "Yn adnabod y lle.",
             "Walks it": "Yn ei gerdded", "Ignores it": "Yn ei anwybyddu", "Where?": "Ble?", "Who?": "Pwy?", "How?": "Sut?"}
    assert sorted(m.id for m in catalogue if m.id) == sorted(welsh)  # the rest is in the base's file
    for source, translation in welsh.items():
        set_translation(po, source, translation)
    outcome = build([variant], tmp_path / "out", options=PrintOptions(outputs=("press",), language="cy"))
    assert not outcome.problems, outcome.problems
    text = " ".join(page_texts(tmp_path / "out" / "local" / "local-cy-press.pdf"))
    assert "Ein lle" in text and "Gwrando yn gyntaf" in text and "Cydweithio'n lleol" in text


def test_the_welsh_catalogue_is_complete_and_current():
    catalogue = read_po(io.StringIO(WELSH_CATALOGUE.read_text(encoding="utf-8")))
    entries = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalogue if m.id}
    wanted = word_texts() + content_texts(builtin_content(), Where("x"))
    assert {t.key for t in wanted} == set(entries)  # `make catalogues` brings it up to date
    for message in entries.values():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms) and not message.fuzzy, message.id
    assert "NOT yet reviewed by a Welsh speaker" in WELSH_CATALOGUE.read_text(encoding="utf-8")  # honest about its status
    assert set(english_words()) == {t.context[5:] for t in word_texts()}


def test_a_po_file_that_cannot_be_read_is_one_error_at_its_line(tmp_path, capsys):
    deck = copy_deck(tmp_path)
    po = deck / "translations" / "cy.po"
    po.write_text(re.sub(r"plural=\(.*\);", "plural=__import__(1);", po.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["build", str(deck), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "translations/cy.po:12:1: error: the Plural-Forms header is not a plural rule gettext can read" in err
    assert err.count("error:") == 1 and not (tmp_path / "out").exists()


def test_every_missing_translation_is_reported_at_once_the_packs_too(tmp_path, capsys):
    """Empty translations of cards and of the deck's own facilitator words: one run lists
    them all (the pack's words were once looked up only after the cards' were fixed)."""
    deck = copy_deck(tmp_path)
    (deck / "facilitator.yaml").write_text("introduction: How this deck is used in our partnership.\n", encoding="utf-8")
    assert main(["translate", str(deck), "--language", "cy"]) == 0
    po = deck / "translations" / "cy.po"
    text = po.read_text(encoding="utf-8")
    entries = re.findall(r'^msgctxt "([^"]+)"', text, re.MULTILINE)
    assert "facilitator:introduction" in entries
    blank = re.sub(r'^msgstr ".+"$', 'msgstr ""', text, flags=re.MULTILINE)
    po.write_text(blank, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(deck)]) == 1
    err = capsys.readouterr().err
    reported = re.findall(r"error: the translation of (\S+) ", err)
    assert sorted(reported) == sorted(entries)  # every one, in one run


def test_a_language_name_comes_from_the_cache_folder_as_babel_gives_it(tmp_path, monkeypatch):
    """Babel reads a whole locale's data to name a language: the name is remembered in the
    cache folder, and an entry that cannot be read is worked out again."""
    from generator.content import pofiles

    monkeypatch.setenv("CARDS_CACHE", str(tmp_path))
    monkeypatch.setattr(pofiles, "_NAMES_IN", {})
    assert pofiles.language_name_in("en", "cy") == "Saesneg"
    (entry,) = (tmp_path / "language-names").iterdir()
    assert entry.read_bytes() == "Saesneg".encode("utf-8")
    monkeypatch.setattr(pofiles, "_NAMES_IN", {})
    monkeypatch.setattr(pofiles, "_display_name_in", lambda tag, language: "not asked")
    assert pofiles.language_name_in("en", "cy") == "Saesneg"  # from the folder, Babel not asked
    entry.write_bytes(b"\xff\xfe")
    monkeypatch.setattr(pofiles, "_NAMES_IN", {})
    assert pofiles.language_name_in("en", "cy") == "not asked"  # unreadable: worked out again
