"""The JSON contract: schema validity, the committed schema copy, round trips and required keys."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import jsonschema
import pydantic
import pytest

import briefing.render as render
from briefing.errors import RenderError
from briefing.models import Briefing, Evidence, SummarySentence
from briefing.render import BriefingOut, committed_schema, json_schema, render_json, schema_text
from tests.briefing_factory import SCRIPT, empty_briefing, evidence, hostile_briefing, long_briefing

FACTORIES = [hostile_briefing, long_briefing, empty_briefing]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = committed_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schema_is_up_to_date() -> None:
    assert committed_schema() == json_schema(), (
        "briefing/render/briefing.schema.json is stale; regenerate it with\n"
        '  python -c "from briefing.render import schema_text; '
        "open('briefing/render/briefing.schema.json', 'w').write(schema_text())\""
    )
    assert json.loads(schema_text()) == json_schema()


@pytest.mark.parametrize("make", FACTORIES)
def test_rendered_json_validates_against_the_schema(
    make: Any, validator: jsonschema.Draft202012Validator
) -> None:
    validator.validate(json.loads(render_json(make())))


def test_schema_rejects_missing_and_unknown_keys(validator: jsonschema.Draft202012Validator) -> None:
    data = json.loads(render_json(hostile_briefing()))
    broken = {k: v for k, v in data.items() if k != "usage"}
    assert not validator.is_valid(broken)
    assert not validator.is_valid({**data, "surprise": 1})
    data["partnerships"][0]["evidence"][0]["match"] = "probably"
    assert not validator.is_valid(data)


@pytest.mark.parametrize("make", FACTORIES)
def test_json_round_trips_byte_for_byte(make: Any) -> None:
    text = render_json(make())
    model = BriefingOut.model_validate_json(text)
    assert model.model_dump_json(indent=2) + "\n" == text
    assert render_json(make()) == text  # deterministic


def test_contract_models_forbid_unknown_fields() -> None:
    data = json.loads(render_json(empty_briefing()))
    with pytest.raises(pydantic.ValidationError):
        BriefingOut.model_validate({**data, "week": "2026-W05"})


def test_required_keys_from_the_design_are_present() -> None:
    data = json.loads(render_json(hostile_briefing()))
    assert data["schema_version"] == 1
    assert data["briefing_date"] == "2026-03-05"
    assert {"name", "model", "prompt_version", "uses_language_model", "notice"} <= data["engine"].keys()
    for doc in data["documents"]:
        assert {"id", "path", "title", "published", "status", "reason", "warnings"} <= doc.keys()
        assert {
            "published_from",
            "publisher",
            "url",
            "format",
            "chars",
            "removed",
            "duplicate_of",
        } <= doc.keys()
    row = data["partnerships"][0]
    assert {"id", "parties", "kind", "date", "status", "scope", "sources", "evidence"} <= row.keys()
    assert {"document_id", "quote", "start", "end", "match", "field", "id"} <= row["evidence"][0].keys()
    assert {"usage", "summaries", "discrepancies", "unverified", "quotes", "evidence"} <= data.keys()
    assert data["quotes"] == {"proposed": 12, "verified": 10}
    assert data["usage"]["calls"] == 0


def test_values_survive_unescaped_in_json() -> None:
    data = json.loads(render_json(hostile_briefing()))
    assert data["partnerships"][0]["parties"][0] == "Acme | Partners"
    assert data["partnerships"][0]["scope"].count("\n") == 2  # JSON keeps the source text exact
    assert data["partnerships"][1]["single_source"] is True
    assert data["partnerships"][0]["single_source"] is False
    assert SCRIPT in data["unverified"][0]["quote"]
    assert data["documents"][2] | {"status": "skipped"} == data["documents"][2]


def test_every_citation_resolves_and_evidence_is_listed_once() -> None:
    data = json.loads(render_json(hostile_briefing()))
    ids = [ev["id"] for ev in data["evidence"]]
    assert len(ids) == len(set(ids))
    cited = {c for s in data["executive_summary"] for c in s["citations"]}
    cited |= {ev["id"] for p in data["partnerships"] for ev in p["evidence"]}
    assert cited <= set(ids)


def test_evidence_with_one_id_and_two_quotes_is_refused() -> None:
    base = hostile_briefing()
    clash = Evidence(
        id=base.partnerships[0].evidence[0][1].id,
        document_id="beta",
        quote="x",
        start=0,
        end=1,
        match="exact",
    )
    with pytest.raises(RenderError, match="two different quotes"):
        render_json(replace(base, evidence=(clash,)))


def test_dangling_citation_is_refused() -> None:
    bad = replace(empty_briefing(), executive_summary=(SummarySentence(text="x", citations=("ghost",)),))
    with pytest.raises(RenderError, match="ghost"):
        render_json(bad)


def test_explicit_briefing_evidence_is_included_even_if_uncited() -> None:
    extra = evidence("beta", "Café owners in Zürich applauded.", ev_id="kept")
    briefing: Briefing = replace(empty_briefing(), evidence=(extra,))
    data = json.loads(render_json(briefing))
    assert [ev["id"] for ev in data["evidence"]] == ["kept"]
    assert data["evidence"][0]["quote"] == "Café owners in Zürich applauded."


def test_invalid_briefing_date_is_refused() -> None:
    with pytest.raises(RenderError, match="briefing_date"):
        render_json(replace(empty_briefing(), briefing_date="28 April 2026"))


def test_public_api() -> None:
    assert set(render.__all__) >= {"render_markdown", "render_pdf", "render_json", "json_schema"}
