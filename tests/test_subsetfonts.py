"""ContentTaggedFont.splitString gives ReportLab's own answer and leaves the document's
subsets exactly as ReportLab's loop would, except that a no-break space keeps its own
code (ReportLab draws it as a space, and the PDF's text lost it)."""
from __future__ import annotations

import random

from reportlab.pdfbase.ttfonts import TTFont

from generator.design.theme import load_style
from generator.errors import Problems, Where
from generator.render.subsetfonts import ContentTaggedFont


class Document:
    """Stands for a PDF document: fonts keep their subsets per document."""


def test_quick_split_is_reportlabs_split_for_every_kind_of_text():
    style = load_style("default", None, Problems(), Where("test"))
    path = str(style.fonts["regular"].path)
    ours, theirs = ContentTaggedFont("quick-split-ours", path), TTFont("quick-split-theirs", path)
    has = sorted(ours.face.charToGlyph)
    # Enough distinct characters to fill the first subset and open more; characters the
    # font lacks (code 0); empty text.
    alphabet = [chr(c) for c in has if c not in (0, 0xA0)] + ["漢", "\U0001F600", " "]
    generator = random.Random(11)
    texts = ["", " ", "plain words first"] + ["".join(generator.choices(alphabet[: 60 + n], k=generator.randint(0, 30)))
                                                  for n in range(0, len(alphabet), 2)]
    texts += [generator.choice(texts) for _ in range(400)]  # and again, once everything has a code
    doc_ours, doc_theirs = Document(), Document()
    for text in texts:
        assert ours.splitString(text, doc_ours) == theirs.splitString(text, doc_theirs), repr(text)
        state_ours, state_theirs = ours.state[doc_ours], theirs.state[doc_theirs]
        assert state_ours.assignments == state_theirs.assignments
        assert state_ours.subsets == state_theirs.subsets and state_ours.nextCode == state_theirs.nextCode
    assert len(ours.state[doc_ours].subsets) > 1  # the test reached past the first subset


def test_a_no_break_space_keeps_its_own_code_and_glyph():
    style = load_style("default", None, Problems(), Where("test"))
    font = ContentTaggedFont("nbsp-own-code", str(style.fonts["regular"].path))
    assert 0xA0 in font.face.charToGlyph
    doc = Document()
    (subset, encoded), = font.splitString("10\u00a0km 10 km", doc)
    assignments = font.state[doc].assignments
    assert assignments[0xA0] not in (assignments[32], 0)
    assert encoded[2] == assignments[0xA0] and encoded[5] == 32
    assert font.splitString("\u00a0", doc) == [(0, bytes([assignments[0xA0]]))]  # and again, on the quick path
