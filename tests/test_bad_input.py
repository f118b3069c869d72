"""One small fixture deck per bad-input case: the exact `path:line:col: error: message`,
exit status 1, no traceback, nothing written."""
from __future__ import annotations

import pytest
from conftest import FIXTURES

from generator.cli import main

BAD = FIXTURES / "bad"

CASES = {
    "yaml-syntax": ["yaml-syntax/behaviours/honesty.yaml:2:8: error: YAML syntax: opened here but never closed (while scanning a quoted scalar)"],
    # A quote left open where a later line holds a quote mark: named where it opened, not where YAML gave up.
    "unclosed-quote": ['unclosed-quote/behaviours/honesty.yaml:2:8: error: YAML syntax: the " opened here is not closed on its line, '
                       'so YAML reads on to the next " (line 10) as one text and then cannot make sense of the file; close the '
                       'quote on line 2'],
    # A second file with the same id that has a problem of its own: both at once.
    "duplicate-id-and-more": [
        "duplicate-id-and-more/behaviours/honesty-reworded.yaml:4:9: error: 'status' must be one of official, illustrative, not 'draft'",
        "duplicate-id-and-more/behaviours/honesty.yaml:1:5: error: duplicate behaviour id 'honesty' (also in duplicate-id-and-more/behaviours/honesty-reworded.yaml)",
    ],
    "duplicate-key": ["duplicate-key/behaviours/honesty.yaml:4:1: error: duplicate key 'title' (first given on line 2)"],
    "unknown-key": [
        "unknown-key/behaviours/honesty.yaml:1:1: error: behaviour file is missing the required key 'description'",
        "unknown-key/behaviours/honesty.yaml:5:1: error: unknown key 'descripton' in behaviour file; did you mean 'description'?",
    ],
    "missing-field": ["missing-field/behaviours/honesty.yaml:1:1: error: behaviour file is missing the required key 'status'"],
    "empty-field": ["empty-field/behaviours/honesty.yaml:2:8: error: 'title' is empty"],
    "wrong-type": ["wrong-type/behaviours/honesty.yaml:7:13: error: 'enabling' should be a list of texts, each on a line starting with '- ', not a single value"],
    "yes-no-answer": ["yes-no-answer/behaviours/honesty.yaml:14:11: error: 'system' reads as yes/no to YAML ('No'); put the text in quotes"],
    "duplicate-id": ["duplicate-id/behaviours/honesty.yaml:1:5: error: duplicate behaviour id 'honesty' (also in duplicate-id/behaviours/honesty-again.yaml)"],
    "unknown-theme": ["unknown-theme/behaviours/honesty.yaml:3:8: error: theme 'beeing' is not one of the deck's themes (being); did you mean 'being'?"],
    "colour-comment": ["colour-comment/deck.yaml:5:12: error: 'colour' is empty; in YAML '#' starts a comment, so quote the colour: \"#005EB8\""],
    "bad-status": ["bad-status/behaviours/honesty.yaml:4:9: error: 'status' must be one of official, illustrative, not 'draft'"],
    "bad-id": ["bad-id/behaviours/honesty.yaml:1:5: error: id 'Honesty Card' should use only lower-case letters, digits and hyphens (e.g. 'shared-vision')"],
    "cards-order": [
        "cards-order/behaviours/trust.yaml:1:5: error: behaviour 'trust' is not in deck.yaml's 'cards' list, so it would be left out of the deck; add it to the list",
        "cards-order/deck.yaml:8:5: error: 'cards' lists 'candour', but no behaviour file has that id (expected one of: honesty, trust)",
    ],
    # A broken card listed in 'cards' is reported once, not also as a missing id.
    "cards-order-broken-card": ["cards-order-broken-card/behaviours/trust.yaml:4:9: error: 'status' must be one of official, illustrative, not 'draft'"],
    # Every region of a face that cannot fit, in one run.
    "two-overflows": [
        "two-overflows/behaviours/honesty.yaml:5:14: error: deck 'two-overflows', card 1 'honesty', layout 'tarot', front region 'description': "
        "text does not fit in the 61.0 x 22.0 mm box even at the 7pt floor (needs 129.0 mm of height); shorten it by about 373 words",
        "two-overflows/behaviours/honesty.yaml:37:3: error: deck 'two-overflows', card 1 'honesty', layout 'tarot', front region 'indicators': "
        "text does not fit in the 61.0 x 51.5 mm box even at the 7pt floor (needs 98.1 mm of height); shorten it by about 74 words",
    ],
    "text-overflow": [
        "text-overflow/behaviours/honesty.yaml:5:14: error: deck 'text-overflow', card 1 'honesty', layout 'tarot', front region 'description': "
        "text does not fit in the 61.0 x 22.0 mm box even at the 7pt floor (needs 129.0 mm of height); shorten it by about 373 words"
    ],
    "missing-glyph": [
        "missing-glyph/behaviours/honesty.yaml:2:8: error: deck 'missing-glyph', card 1 'honesty', layout 'tarot', back region 'title': "
        "the character '誠' (U+8AA0) cannot be printed in font SourceSansPro-Bold; replace it or use a theme whose font has it",
        "missing-glyph/behaviours/honesty.yaml:2:8: error: deck 'missing-glyph', card 1 'honesty', layout 'tarot', front region 'title': "
        "the character '誠' (U+8AA0) cannot be printed in font SourceSansPro-Bold; replace it or use a theme whose font has it",
    ],
    "unknown-layout": ["unknown-layout/deck.yaml:7:11: error: no layout named 'tarrot'; did you mean 'tarot'?"],
    "not-utf8": ["not-utf8/behaviours/honesty.yaml:5:31: error: file is not UTF-8 text (byte 0xEF); save it as UTF-8"],
    "no-behaviours": ["no-behaviours/behaviours: error: no behaviour files: add one YAML file per card in behaviours/"],
    "empty-file": ["empty-file/behaviours/honesty.yaml: error: file is empty"],
}


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_at_its_line(case, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(BAD)
    out = tmp_path / "out"
    status = main(["build", case, "--out", str(out)])
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert status == 1
    assert lines[:-1] == CASES[case]  # every problem, in file and line order, nothing else
    assert lines[-1].endswith("nothing was written")
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert not out.exists()


def test_all_problems_of_all_decks_are_reported_at_once(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(BAD)
    status = main(["validate", "unknown-theme", "bad-status", "duplicate-key"])
    err = capsys.readouterr().err
    assert status == 1
    for case in ("unknown-theme", "bad-status", "duplicate-key"):
        assert CASES[case][0] in err
    assert "3 problems found" in err
