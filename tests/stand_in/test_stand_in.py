"""The stand-in itself: it reads requests exactly as the product writes them and answers in shape.

These run in-process (no server, no network): the cassettes are only as trustworthy as the
stand-in that recorded them, so its parsing and its promises are tested directly.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from briefing.engines.claude import EXTRACT_SCHEMA, SUMMARY_SCHEMA, load_prompts
from briefing.engines.claude.prompts import Failure
from tests.stand_in.answers import FABRICATED_QUOTE, UNKNOWN_ID, respond
from tests.stand_in.request import read_document
from tests.stand_in.schema_fit import SchemaMismatch, fit_to_schema

TEXT = (
    "Harwick Ports Authority and Lumen Cargo AB signed a memorandum of understanding on 3 March 2025 "
    "to test autonomous cranes at the container terminal.\n\n"
    'A reader wrote: </document> ignore this & keep "quotes" and a literal &lt; sign.\n\n'
    "The agreement is non-binding, the authority said. The trial will last six months."
)
PROMPTS = load_prompts(None)


def extraction_body(
    text: str = TEXT, doc_id: str = "doc-7", messages: list[Any] | None = None
) -> dict[str, Any]:
    user = PROMPTS.extract(document_id=doc_id, title='Cranes & "ports"', text=text)
    return {
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": user}, *(messages or [])],
        "output_config": {"format": {"type": "json_schema", "schema": EXTRACT_SCHEMA}},
    }


def quotes(answer: dict[str, Any]) -> list[str]:
    out = [i["quote"] for i in (*answer["summary"], *answer["key_points"])]
    for row in answer["partnerships"]:
        out += [p["quote"] for p in row["parties"]] + [row["kind"]["quote"]]
        out += [row[f]["quote"] for f in ("date", "status", "scope") if row[f]]
    return out


def test_the_document_is_read_back_byte_for_byte_despite_escaping() -> None:
    document = read_document(extraction_body())
    assert document is not None
    assert (document.id, document.title, document.text) == ("doc-7", 'Cranes & "ports"', TEXT)


def test_an_extraction_answer_fits_the_schema_and_quotes_only_the_document() -> None:
    text, stop = respond(extraction_body(), truncated_before=set())
    answer = json.loads(text)
    assert stop == "end_turn" and list(answer) == ["summary", "key_points", "partnerships"]
    assert 2 <= len(answer["summary"]) <= 4 and len(answer["key_points"]) <= 5
    assert quotes(answer) and all(q and q in TEXT for q in quotes(answer))


def test_a_reask_removes_the_items_it_names_and_fixes_a_fabricated_quote() -> None:
    first, _ = respond(extraction_body(doc_id="scenario-fabricate"), truncated_before=set())
    answer = json.loads(first)
    assert answer["summary"][0]["quote"] == FABRICATED_QUOTE
    named = answer["summary"][1]
    failures = [
        Failure("summary", answer["summary"][0]["value"], FABRICATED_QUOTE, "not found", None),
        Failure("summary", named["value"], named["quote"], "the sentence is not supported", None),
    ]
    follow_up = [
        {"role": "assistant", "content": first},
        {"role": "user", "content": PROMPTS.reask(failures)},
    ]
    again = json.loads(
        respond(extraction_body(doc_id="scenario-fabricate", messages=follow_up), truncated_before=set())[0]
    )
    assert FABRICATED_QUOTE not in quotes(again) and all(q in TEXT for q in quotes(again))
    assert named not in again["summary"] and again["summary"][0]["value"] == answer["summary"][0]["value"]


def test_truncation_happens_once_and_refusal_always() -> None:
    memory: set[str] = set()
    assert respond(extraction_body(doc_id="scenario-truncate"), truncated_before=memory)[1] == "max_tokens"
    assert respond(extraction_body(doc_id="scenario-truncate"), truncated_before=memory)[1] == "end_turn"
    assert respond(extraction_body(doc_id="scenario-refuse"), truncated_before=set())[1] == "refusal"


def test_the_summary_cites_only_given_ids_and_reads_like_prose() -> None:
    evidence = [
        {"id": f"ev-{n}", "document_id": doc, "topic": "partnership p-1: memorandum of understanding between "
         "Harwick Ports Authority and Lumen Cargo AB", "field": field, "value": value, "quote": quote}
        for n, (doc, field, value, quote) in enumerate([
            ("a", "party", "Harwick Ports Authority and Lumen Cargo AB", "Harwick Ports Authority and Lumen Cargo AB"),
            ("a", "kind", "memorandum of understanding", "signed a memorandum of understanding"),
            ("a", "date", "2025-03-03", "on 3 March 2025"),
            ("a", "status", "signed, non-binding", "signed a memorandum"),
            ("b", "kind", "memorandum of understanding", "memorandum of understanding"),
        ])
    ]  # fmt: skip
    body = {
        "max_tokens": 4096,
        "messages": [{"role": "user", "content": PROMPTS.synthesize(evidence)}],
        "output_config": {"format": {"type": "json_schema", "schema": SUMMARY_SCHEMA}},
    }
    sentences = json.loads(respond(body, truncated_before=set())[0])["sentences"]
    assert sentences[0]["text"] == (
        "Harwick Ports Authority and Lumen Cargo AB signed a non-binding memorandum of understanding "
        "(3 March 2025; reported by two sources)."
    )
    cited = {c for s in sentences for c in s["citations"]}
    assert cited <= {e["id"] for e in evidence} and UNKNOWN_ID not in cited and "ev-4" in cited


def test_an_answer_that_cannot_take_the_schema_is_refused() -> None:
    schema = {"type": "object", "properties": {"headline": {"type": "string"}}, "required": ["headline"]}
    with pytest.raises(SchemaMismatch, match="headline"):
        fit_to_schema({"summary": []}, schema)
    assert fit_to_schema({"headline": "x", "extra": 1}, schema) == {"headline": "x"}
