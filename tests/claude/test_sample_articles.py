"""The Claude engine over the five sample articles, replayed from cassettes/test_sample_articles/.

The request bodies contain the loader's cleaned text, so a change to cleaning (or to a prompt, the
schema or the model) makes the cassette stale: the test then fails naming ``scripts/record-cassettes``.
Assertions are invariants that hold for any recording (stand-in or real model), never wording.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from langchain_core.documents import Document

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.grounding import verify_extraction
from briefing.models import VERIFIED_STATUSES, DraftExtraction, Extraction, VerifiedField
from briefing.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
CASSETTE = "test_sample_articles.yaml"


def sample_documents() -> list[Document]:
    return [d for d in load_sources(ROOT / "sources") if d.metadata["status"] == "ok"]


def engine() -> ClaudeEngine:
    return ClaudeEngine(
        ClaudeConfig(
            api_key=os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy"),
            base_url=os.environ.get("ANTHROPIC_BASE_URL"),
        )
    )


def _fields(extraction: Extraction) -> list[VerifiedField]:
    out = [*extraction.summary, *extraction.key_points]
    for row in extraction.rows:
        out += [*row.parties, row.kind, *(f for f in (row.date, row.status, row.scope) if f is not None)]
    return out


@pytest.mark.vcr
@pytest.mark.default_cassette(CASSETTE)
def test_engine_and_grounding_over_the_sample_articles() -> None:
    documents = sample_documents()
    assert len(documents) == 5
    done: list[str] = []
    results = engine().extract_many(documents, on_done=done.append)
    ids = [str(d.metadata["id"]) for d in documents]
    assert [r.document_id for r in results] == ids  # every document accounted for, in input order
    assert sorted(done) == sorted(ids)
    drafts = [r for r in results if isinstance(r, DraftExtraction)]
    assert drafts, [getattr(r, "reason", "") for r in results]
    proposed = verified = 0
    for draft in drafts:
        document = documents[ids.index(draft.document_id)]
        extraction = verify_extraction(draft, document)
        assert 2 <= len(draft.summary) <= 4 or draft.usage.calls > 1
        for field in _fields(extraction):  # offsets consistent: the evidence is the source slice
            ev = field.evidence
            assert ev.document_id == draft.document_id and ev.match in VERIFIED_STATUSES
            assert document.page_content[ev.start : ev.end] == ev.quote
        for row in extraction.rows:
            assert row.parties and row.kind
        proposed += extraction.quotes_proposed
        verified += extraction.quotes_verified
        assert draft.usage.calls >= 1 and draft.usage.input_tokens > 0
    assert 0 < verified <= proposed
    assert sum(r.usage.calls for r in results) >= len(documents)


@pytest.mark.vcr
@pytest.mark.default_cassette(CASSETTE)
def test_briefing_from_the_sample_articles_through_the_pipeline() -> None:
    from briefing.pipeline import build_briefing
    from briefing.render.json import render_json

    loaded = load_sources(ROOT / "sources")
    claude = engine()
    outcome = build_briefing(loaded, claude, as_of=date(2026, 1, 1))
    briefing = outcome.briefing
    texts = {str(d.metadata["id"]): d.page_content for d in loaded}
    assert {d.id for d in briefing.documents} == set(texts)  # every input accounted for
    failed = [d for d in briefing.documents if d.status == "failed"]
    assert outcome.partial == bool(failed) and all(d.reason for d in failed)
    assert (
        briefing.engine.prompt_version == claude.info.prompt_version and briefing.engine.uses_language_model
    )
    for partnership in briefing.partnerships:  # every table cell is backed by a source slice
        fields = {name for name, _ in partnership.evidence}
        assert {"party", "kind"} <= fields
        for _, ev in partnership.evidence:
            assert ev.match in VERIFIED_STATUSES
            assert texts[ev.document_id][ev.start : ev.end] == ev.quote
    for summary in briefing.summaries:
        for sentence in summary.sentences:
            ev = sentence.evidence
            assert texts[ev.document_id][ev.start : ev.end] == ev.quote
    assert all(r.reason for r in briefing.unverified)
    assert briefing.quotes_verified <= briefing.quotes_proposed
    assert briefing.usage.calls >= len(texts)
    key = claude.config.api_key
    assert key and key not in repr(briefing) and key not in render_json(briefing)
