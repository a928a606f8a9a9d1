"""Replay tests of the real SDK path: cassettes in cassettes/test_replay/, recorded by scripts/record-cassettes.

The committed cassettes were recorded against the loopback stand-in (tests/stand_in), which plays
scripted scenarios chosen by the document id. A real model will not refuse or truncate on demand,
so each scenario test asserts invariants that hold for any recording: they check the strict
scenario behaviour only when the recorded responses show that the scenario happened.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import vcr as vcrpy
from langchain_core.documents import Document

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.budgets import THINKING_ALLOWANCE
from briefing.engines.claude.schema import DocumentAnswer, to_draft
from briefing.grounding import verify_extraction
from briefing.models import DraftExtraction, ExtractionFailure
from tests.claude.helpers import answer_text
from tests.conftest import CASSETTES, RECORD_HINT, _canonical_host, explain_cassette_miss

ARTICLE = (
    "Northwind Grid and the Tallinn Energy Agency signed a partnership agreement on June 4, 2025 to "
    "test battery storage on the city's tram network.\n\n"
    "The pilot will run for eighteen months and cover 12 substations, according to the agency.\n\n"
    "Northwind Grid said it would invest 3 million euros in the project.\n\n"
    "Officials said further sites could follow if the results are good."
)
PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


def engine(**options: Any) -> ClaudeEngine:
    config = ClaudeConfig(
        api_key=os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy"),
        base_url=os.environ.get("ANTHROPIC_BASE_URL"),
        **options,
    )
    return ClaudeEngine(config)


def article(doc_id: str) -> Document:
    return Document(page_content=ARTICLE, metadata={"id": doc_id, "title": "Northwind Grid pilot in Tallinn"})


def recorded(cassette: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(request body, response message) pairs in the order they were recorded."""
    return [
        (json.loads(req.body), json.loads(resp["body"]["string"]))
        for req, resp in zip(cassette.requests, cassette.responses, strict=True)
    ]


def rejected_quotes(message: dict[str, Any], document: Document) -> list[str]:
    answer = DocumentAnswer.model_validate_json(answer_text(message))
    draft = to_draft(answer, document_id=str(document.metadata["id"]))
    return [r.quote for r in verify_extraction(draft, document).rejections]


@pytest.mark.vcr
def test_fabricated_quote_is_fixed_by_a_reask(vcr: Any) -> None:
    document = article("scenario-fabricate")
    [result] = engine(max_reasks=2).extract_many([document])
    assert isinstance(result, DraftExtraction)
    calls = recorded(vcr)
    assert 1 <= len(calls) <= 3
    before = rejected_quotes(calls[0][1], document)
    after = [r.quote for r in verify_extraction(result, document).rejections]
    assert len(after) <= len(before)
    if before:  # a re-ask happened and named every failed quote with its nearest passage
        follow_up = calls[1][0]["messages"]
        assert [m["role"] for m in follow_up] == ["user", "assistant", "user"]
        assert all(q in follow_up[2]["content"] for q in before)
    if calls[-1][1]["id"].startswith("msg_standin_"):
        assert before and after == []  # the stand-in's scripted scenario: fabricated, then fixed


@pytest.mark.vcr
def test_truncated_answer_is_retried_once_with_a_larger_budget(vcr: Any) -> None:
    [result] = engine(max_reasks=0, max_tokens=4096).extract_many([article("scenario-truncate")])
    calls = recorded(vcr)
    budgets = [body["max_tokens"] for body, _ in calls]
    truncated = [message["stop_reason"] == "max_tokens" for _, message in calls]
    first = 4096 + THINKING_ALLOWANCE["low"]  # the answer budget plus room to think
    assert budgets in ([first], [first, 2 * first])
    assert (budgets == [first, 2 * first]) == truncated[0]
    assert isinstance(result, DraftExtraction) == (truncated[-1] is False)
    assert result.usage.calls == len(calls)


@pytest.mark.vcr
def test_refusal_fails_only_that_document(vcr: Any) -> None:
    refused, normal = article("scenario-refuse"), article("regular-article")
    results = engine(max_reasks=0).extract_many([refused, normal])
    assert [r.document_id for r in results] == ["scenario-refuse", "regular-article"]
    assert isinstance(results[1], DraftExtraction)
    refusals = [body for body, msg in recorded(vcr) if msg["stop_reason"] == "refusal"]
    if refusals:
        assert isinstance(results[0], ExtractionFailure) and "refusal" in results[0].reason
        assert len(refusals) == 1
    else:  # a real model answered normally
        assert isinstance(results[0], DraftExtraction)


def test_a_changed_prompt_fails_replay_and_names_the_rerecord_command(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(PROMPTS, prompts)
    (prompts / "extract.j2").write_text(
        (prompts / "extract.j2").read_text() + "Be brief.\n", encoding="utf-8"
    )
    cassette = CASSETTES / "test_replay" / "test_truncated_answer_is_retried_once_with_a_larger_budget.yaml"
    assert cassette.exists(), RECORD_HINT
    recorder = vcrpy.VCR(
        record_mode="none", before_record_request=_canonical_host, match_on=("method", "path", "body")
    )
    with recorder.use_cassette(str(cassette)), pytest.raises(Exception) as info:  # noqa: PT011
        engine(max_reasks=0, prompts_dir=prompts).extract_many([article("scenario-truncate")])
    miss = explain_cassette_miss(info.value)
    assert miss is not None, f"expected a cassette miss, got {info.value!r}"
    assert "scripts/record-cassettes" in "\n".join(getattr(miss, "__notes__", []))
