"""The JSON Schemas for editors agree with the validator: every sample and good file
passes, and the bad fixtures that a schema can express fail."""
from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, ROOT

from generator.cli import main
from generator.editor_schemas import KINDS, schema

VALIDATORS = {kind: jsonschema.Draft7Validator(schema(kind)) for kind in KINDS}


def kind_of(path) -> str:
    if path.name == "deck.yaml":
        return "deck"
    if path.name == "facilitator.yaml" or path.name == "content.yaml":
        return "facilitator"
    if path.parent.name == "behaviours":
        return "behaviour"
    if path.parent.name == "themes":
        return "theme"
    if path.parent.name == "services":
        return "service"
    return "layout"


def good_files():
    decks = [p for p in (ROOT / "cards").iterdir() if p.is_dir()]
    decks += [FIXTURES / "good" / n for n in ("markup", "poster")]
    decks += [FIXTURES / "facilitator" / n for n in ("own-cover", "literal-content")]
    decks += [FIXTURES / "layouts" / n for n in ("override", "multi-level")]
    decks += [FIXTURES / "themes" / n for n in ("logo",)]
    # A local variant's files give only what they change: the schema of a whole file is not theirs.
    decks = [d for d in decks if "extends:" not in (d / "deck.yaml").read_text(encoding="utf-8")]
    files = [p for deck in decks for p in deck.rglob("*.yaml")]
    files += [p for p in (ROOT / "layouts").rglob("*.yaml") if p.parent.name != "translations"]  # words: no schema
    return sorted(files)


@pytest.mark.parametrize("path", good_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_good_files_pass_their_schema(path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in VALIDATORS[kind_of(path)].iter_errors(document)]
    assert errors == [], errors


BAD = FIXTURES / "bad"
SCHEMA_EXPRESSIBLE = [
    "unknown-key/behaviours/honesty.yaml", "missing-field/behaviours/honesty.yaml", "empty-field/behaviours/honesty.yaml",
    "wrong-type/behaviours/honesty.yaml", "yes-no-answer/behaviours/honesty.yaml", "bad-status/behaviours/honesty.yaml",
    "bad-id/behaviours/honesty.yaml", "colour-comment/deck.yaml", "unknown-layout/deck.yaml",
]


@pytest.mark.parametrize("name", SCHEMA_EXPRESSIBLE)
def test_bad_files_a_schema_can_judge_fail_it(name):
    path = BAD / name
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if name == "unknown-layout/deck.yaml":  # a name that exists nowhere is the validator's to judge
        document["defaults"]["layout"] = "Not a name!"
    assert list(VALIDATORS[kind_of(path)].iter_errors(document)), name


def test_every_key_the_validator_knows_has_words():
    """DOCS is looked up for every key while the schemas are built: none is missing."""
    for kind in KINDS:
        text = json.dumps(schema(kind))
        assert '"description"' in text


def test_cards_schema_prints_each(capsys):
    for kind in KINDS:
        assert main(["schema", kind]) == 0
        assert json.loads(capsys.readouterr().out)["$id"] == f"behaviour-cards/{kind}.schema.json"


def test_new_decks_point_editors_at_the_schemas(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-deck"]) == 0
    deck = tmp_path / "cards" / "my-deck"
    for path, kind in [(deck / "deck.yaml", "deck"), (deck / "facilitator.yaml", "facilitator"),
                       (deck / "behaviours" / "01-first-behaviour.yaml", "behaviour")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert json.loads(target.read_text(encoding="utf-8")) == schema(kind)  # the line leads to the schema
        assert not list(VALIDATORS[kind].iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_the_readme_explains_region_keys_in_the_schemas_words():
    from generator.editor_schemas import region_table

    assert region_table() in (ROOT / "README.md").read_text(encoding="utf-8")
