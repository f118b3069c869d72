"""A file's bookmarks in runs of at most 100 side by side (render/outline.py): a long deck's
screen deck and pack stay easy to find one's way in, and an independent PDF/UA checker
judges them with its default limits."""
from __future__ import annotations

import sys

import pikepdf
import pytest
from conftest import ROOT

from generator.pipeline import PrintOptions, build
from generator.render.outline import OUTLINE_RUN, in_runs

sys.path.insert(0, str(ROOT / "bench"))
from run import make_big_deck  # noqa: E402


def _leaves(entries: list) -> list:
    """Every name, in order, groups included only through what they hold."""
    found = []
    for entry in entries:
        if isinstance(entry, tuple) and entry[0].startswith("group"):
            found += _leaves(entry[1])
        elif isinstance(entry, tuple):
            found += [entry[0], *_leaves(entry[1])]
        else:
            found.append(entry)
    return found


def _longest_run(entries: list) -> int:
    return max([len(entries)] + [_longest_run(entry[1]) for entry in entries if isinstance(entry, tuple)])


def _grouping():
    made = []

    def group(run: list, first: int, last: int):
        made.append((first, last))
        assert last - first + 1 == len(_leaves(run))  # the places of what the run holds
        return (f"group-{len(made)}", run)

    return group, made


def test_a_run_of_at_most_the_limit_is_left_as_it_is():
    group, made = _grouping()
    entries = [f"card-{n}" for n in range(1, 101)] + [("activities", ["a", "b"])]
    assert in_runs(entries[:100], 100, group) == entries[:100]
    assert in_runs(entries[:3], 100, group) == entries[:3]
    assert made == []


def test_a_long_run_is_grouped_in_hundreds_in_order():
    group, made = _grouping()
    entries = [f"card-{n}" for n in range(1, 251)]
    grouped = in_runs(entries, 100, group)
    assert [name for name, _ in grouped] == ["group-1", "group-2", "group-3"]
    assert made == [(1, 100), (101, 200), (201, 250)]
    assert grouped[0][1] == entries[:100] and grouped[2][1] == entries[200:]
    assert _leaves(grouped) == entries


def test_a_run_longer_than_the_limit_squared_is_grouped_two_deep():
    group, made = _grouping()
    entries = [f"card-{n}" for n in range(1, 10_002)]
    grouped = in_runs(entries, 100, group)
    assert len(grouped) == 2  # 10,000 and 1
    assert len(grouped[0][1]) == 100 and all(len(run) == 100 for _, run in grouped[0][1])
    assert _longest_run(grouped) == 100 and _leaves(grouped) == entries
    assert (101, 200) in made and (9_901, 10_000) in made  # a group inside a group: places in the whole list
    assert made[-2:] == [(1, 10_000), (10_001, 10_001)]


def test_runs_under_an_entry_are_grouped_and_the_entry_kept():
    group, made = _grouping()
    behaviours = [f"card-{n}" for n in range(1, 151)]
    entries = ["title", "about", ("behaviours", behaviours), ("activities", ["a", "b"])]
    grouped = in_runs(entries, 100, group)
    assert grouped[:2] == ["title", "about"] and grouped[3] == ("activities", ["a", "b"])
    name, runs = grouped[2]
    assert name == "behaviours" and [len(run) for _, run in runs] == [100, 50]
    assert made == [(1, 100), (101, 150)]  # places among the behaviours, not in the whole outline
    assert _leaves(grouped) == _leaves(entries)


def _outline(path) -> list:
    """The file's bookmarks as (title, page number, count, children)."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}

        def walk(item) -> list:
            found = []
            while item is not None:
                children = walk(item.get("/First"))
                found.append((str(item.Title), pages[item.Dest[0].objgen], int(item.get("/Count", 0)), children))
                item = item.get("/Next")
            return found

        return walk(pdf.Root.Outlines.get("/First"))


def _chains(entries: list) -> int:
    return max([len(entries)] + [_chains(children) for *_, children in entries])


@pytest.fixture(scope="module")
def long_deck(tmp_path_factory):
    """A 300-card deck's screen deck and A4 pack, built as a user would (more than 256 bookmarks in a row)."""
    folder = tmp_path_factory.mktemp("long")
    make_big_deck(folder / "long", 300)
    outcome = build([folder / "long"], folder / "out", options=PrintOptions(outputs=("screen", "facilitator")))
    assert not outcome.problems, outcome.problems
    return {w.path.name.split("-", 1)[1]: w.path for w in outcome.written}


def test_a_long_screen_deck_has_its_cards_bookmarked_in_closed_groups_of_a_hundred(long_deck):
    entries = _outline(long_deck["screen.pdf"])
    assert _chains(entries) == OUTLINE_RUN == 100
    assert [len(children) for *_, children in entries] == [100, 100, 100]
    assert [title for title, *_ in entries] == ["1–100", "101–200", "201–300"]  # the places of its first and last cards
    _, _, count, children = entries[0]
    assert count == -100  # closed, a hundred entries inside
    assert children[0][0].startswith("1. ") and children[-1][0].startswith("100. ")
    for title, page, _, inside in entries:  # each group opens its first card, front then back a card
        assert page == inside[0][1]
    cards = [child for *_, children in entries for child in children]
    assert [title.split(".")[0] for title, *_ in cards] == [str(n) for n in range(1, 301)]
    assert [page for _, page, _, _ in cards] == list(range(1, 600, 2))


def test_a_long_pack_groups_its_behaviour_bookmarks_and_keeps_its_sections(long_deck):
    entries = _outline(long_deck["facilitator-a4.pdf"])
    assert _chains(entries) <= 100
    titles = [title for title, *_ in entries]
    assert titles[:4] == [titles[0], "About the framework", "How to use the cards", "Behaviours"]
    behaviours = entries[3][3]
    assert [len(children) for *_, children in behaviours] == [100, 100, 100]
    assert [title for title, *_ in behaviours] == ["1–100", "101–200", "201–300"]
    assert entries[3][2] == 3  # the section open, showing its three groups
    assert all(count == -len(children) for _, _, count, children in behaviours)
    pages = [page for *_, children in behaviours for _, page, _, _ in children]
    assert len(pages) == 300 and pages == sorted(pages)


def test_a_long_deck_is_judged_by_an_independent_checker_with_its_default_limits(long_deck):
    """page-validation refused to judge a screen deck or pack of more than about 250 cards
    ("reference chain exceeds the configured depth of 256"): the bookmarks' chain."""
    page = pytest.importorskip("page", reason="page-validation has wheels for Python 3.11-3.14 only")
    for name in ("screen.pdf", "facilitator-a4.pdf"):
        report = page.validate_pdf(str(long_deck[name]), profile="ua1")
        assert [f"{f.rule_id}: {f.message}" for f in report.failures] == [], name
