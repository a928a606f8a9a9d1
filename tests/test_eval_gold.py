"""Gold files: strict validation, the committed JSON Schema, and the gold files in tests/gold/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefing.errors import ConfigError
from briefing.eval import Gold, corpus_paths, gold_schema_text, load_gold
from briefing.sources import load_sources

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))
SCHEMA = Path(__file__).resolve().parents[1] / "briefing" / "eval" / "gold.schema.json"

MINIMAL: dict[str, Any] = {
    "gold_version": 1,
    "description": "d",
    "partnerships": [{"id": "a-b", "parties": [["A"], ["B"]], "documents": ["x"]}],
}


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_the_committed_schema_is_current() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == gold_schema_text(), (
        'regenerate with: python -c "from briefing.eval import gold_schema_text; '
        "open('briefing/eval/gold.schema.json','w').write(gold_schema_text())\""
    )


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_file_validates_and_names_real_documents(path: Path) -> None:
    gold = load_gold(path)
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), json.loads(SCHEMA.read_text()))
    assert gold.corpus and gold.as_of, "a committed gold file says which corpus and date it scores"
    ids = {str(d.metadata["id"]) for d in load_sources(corpus_paths(gold, path))}
    assert gold.document_ids() <= ids, sorted(gold.document_ids() - ids)


def test_the_gold_files_cover_both_test_corpora() -> None:
    assert {p.name for p in GOLD_FILES} >= {"sample.yaml", "unseen.yaml"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"extra_key": 1}, "extra_key: Extra inputs are not permitted"),
        ({"partnerships": [{**MINIMAL["partnerships"][0], "kinds": "mou"}]}, "kinds"),
        ({"partnerships": [{**MINIMAL["partnerships"][0], "date": "13 Feb 2025"}]}, "not YYYY-MM-DD"),
        ({"partnerships": [{**MINIMAL["partnerships"][0], "date": "2025-02-30"}]}, "date"),
        ({"partnerships": [{**MINIMAL["partnerships"][0], "parties": [["A"]]}]}, "parties"),
        ({"partnerships": [{**MINIMAL["partnerships"][0], "parties": [["A"], []]}]}, "alias group"),
        ({"partnerships": [MINIMAL["partnerships"][0]] * 2}, "duplicate ids: a-b"),
        ({"gold_version": 2}, "gold_version"),
        (
            {
                "disagreements": [
                    {
                        "id": "x",
                        "field": "date",
                        "subject": "s",
                        "scope": "between_sources",
                        "documents": ["x"],
                    }
                ]
            },
            "needs `parties` or `values`",
        ),
        (
            {
                "disagreements": [
                    {
                        "id": "x",
                        "field": "date",
                        "subject": "s",
                        "values": [["1"]],
                        "scope": "somewhere",
                        "documents": ["x"],
                    }
                ]
            },
            "scope",
        ),
    ],
)
def test_a_bad_gold_file_is_refused_with_the_reason(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match="invalid gold file") as caught:
        load_gold(_write(tmp_path, {**MINIMAL, **change}))
    assert message in str(caught.value)


def test_unreadable_yaml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text("partnerships: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read gold file"):
        load_gold(path)


def test_an_absent_field_is_not_scored_and_null_means_not_stated() -> None:
    row = {**MINIMAL["partnerships"][0], "date": None, "kind": ["deal", "contract"]}
    gold = Gold.model_validate({**MINIMAL, "partnerships": [row]})
    [item] = gold.partnerships
    assert item.expected("status") is None
    assert item.expected("date") == (None,)
    assert item.expected("kind") == ("deal", "contract")
