"""The sample corpus through the offline engine: the rules find its known disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.consolidate import consolidate

SOURCES = Path(__file__).resolve().parents[1] / "sources"


@pytest.fixture(scope="module")
def consolidated():
    loader = pytest.importorskip("briefing.sources.loader")
    offline = pytest.importorskip("briefing.engines.offline")
    verify = pytest.importorskip("briefing.grounding.verify")
    documents = [d for d in loader.SourceLoader(SOURCES).lazy_load() if d.metadata.get("status") == "ok"]
    drafts = offline.OfflineEngine().extract_many(documents)
    extractions = [verify.verify_extraction(x, d) for x, d in zip(drafts, documents, strict=True)]
    return consolidate(extractions, documents), documents, extractions


def test_compute_share_and_surname_disagreements_are_found(consolidated) -> None:
    result, documents, _extractions = consolidated
    texts = {d.metadata["id"]: d.page_content for d in documents}
    figures = [d for d in result.discrepancies if d.field == "figure"]
    assert any({"70%", "71%"} <= {v.value for v in d.values} for d in figures)
    names = [d for d in result.discrepancies if d.field == "name"]
    assert any({"Kendall", "Kendell"} <= {v.value for v in d.values} for d in names)
    orgs = [d for d in result.discrepancies if d.field == "organisation"]
    assert any(
        {
            "Department for Science, Innovation and Technology",
            "Department of Science, Industry and Technology",
        }
        <= {v.value for v in d.values}
        for d in orgs
    )
    for d in result.discrepancies:
        for v in d.values:
            assert texts[v.document_id][v.start : v.end] == v.quote


def test_summary_cites_only_known_evidence(consolidated) -> None:
    """Known = what the briefing lists: table evidence, minted disagreement evidence, summaries."""
    result, _documents, extractions = consolidated
    known = {ev.id for p in result.partnerships for _f, ev in p.evidence} | {ev.id for ev in result.evidence}
    known |= {f.evidence.id for e in extractions for f in (*e.summary, *e.key_points)}
    assert 3 <= len(result.executive_summary) <= 6
    for sentence in result.executive_summary:
        assert set(sentence.citations) <= known
