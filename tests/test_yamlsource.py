"""YAML read by position: the tool's own limits speak before the parser's."""
from __future__ import annotations

import pytest
import yaml

from generator.content import yamlsource
from generator.content.yamlsource import MAX_DEPTH, parse_yaml
from generator.errors import Problems

NESTED = f"nested more than {MAX_DEPTH} levels deep"


def problems_of(text: str) -> list[str]:
    found = Problems()
    assert parse_yaml(text, "f.yaml", found) is None
    return [str(problem) for problem in found.items]


@pytest.mark.parametrize("text, where", [
    # The top mapping is the first level: the 40th '[' opens the 41st.
    ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "f.yaml:1:43"),  # libyaml refuses at 1,000 levels, reading ahead
    ("a: " + "{x: " * 3_000 + "1" + "}" * 3_000 + "\n", "f.yaml:1:160"),
    ("a: " + "[\n" * 2_000 + "]" * 2_000 + "\n", "f.yaml:40:1"),  # across lines
    ("".join(" " * i + "- \n" for i in range(0, 4_000, 2)), "f.yaml:41:81"),  # block lists
    ("".join(" " * i + "k:\n" for i in range(0, 4_000, 2)), "f.yaml:41:81"),  # block mappings
    ("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", "f.yaml:1:43"),
])
def test_deep_nesting_is_refused_in_the_tools_words_at_its_place(text, where):
    assert problems_of(text) == [f"{where}: error: {NESTED}; a deck file needs a handful"]


def test_the_tools_limit_speaks_whatever_limit_the_parser_has(monkeypatch):
    """A parser that reads ahead and refuses deep nesting itself, as libyaml 0.2.5 does at
    1,000 levels: the tool's own message, at its place, still comes first."""
    parse = yaml.parse

    def parser_with_a_limit(limit: int):
        def parser(text, Loader):
            if (at := text.find("[" * limit)) >= 0:
                mark = yaml.Mark("<unicode string>", at + limit - 1, 0, at + limit - 1, text, at + limit - 1)
                raise yaml.scanner.ScannerError("while increasing flow level", mark, "exceeded maximum nesting depth", mark)
            yield from parse(text, Loader=Loader)
        return parser

    monkeypatch.setattr(yamlsource.yaml, "parse", parser_with_a_limit(100))
    assert problems_of("title: x\na: " + "[" * 500 + "]" * 500 + "\n") == [f"f.yaml:2:43: error: {NESTED}; a deck file needs a handful"]
    # A parser stricter than the tool: its own error is reported, positioned.
    monkeypatch.setattr(yamlsource.yaml, "parse", parser_with_a_limit(30))
    (only,) = problems_of("a: " + "[" * 35 + "]" * 35 + "\n")
    assert only.startswith("f.yaml:1:33: error: YAML syntax: exceeded maximum nesting depth")


def test_a_problem_found_before_the_parsers_error_is_reported_once():
    text = "title: Session #2\nb: " + "[" * 5_000 + "]" * 5_000 + "\n"
    found = problems_of(text)
    assert found == ["f.yaml:1:16: error: YAML reads '#2' as a comment and drops it from the text; put the whole text "
                     "in quotes (a comment needs a space after '#')",
                     f"f.yaml:2:43: error: {NESTED}; a deck file needs a handful"]
