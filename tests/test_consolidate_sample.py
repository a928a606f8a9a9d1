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


def test_000_joins_the_anthropic_uk_government_row_through_its_antecedent(consolidated) -> None:
    result, _documents, _extractions = consolidated
    row = next(p for p in result.partnerships if p.parties == ("Anthropic", "UK government"))
    assert len(row.sources) == 3 and any(s.startswith("000_") for s in row.sources)
    antecedents = [ev for f, ev in row.evidence if ev.id in row.antecedents]
    assert [ev.document_id[:3] for ev in antecedents] == ["000"]
    assert antecedents[0].quote == "U.K. government"
    mentions = [ev for f, ev in row.evidence if f == "party" and ev.document_id.startswith("000")]
    assert any("government also announced" in ev.quote for ev in mentions)


def test_old_and_new_institute_names_are_one_organisation_and_old_use_is_noted(consolidated) -> None:
    from briefing.consolidate.aliases import find_renames
    from briefing.consolidate.linking import build_resolver

    result, documents, extractions = consolidated
    texts = {d.metadata["id"]: d.page_content for d in documents}
    resolver = build_resolver(extractions, texts, find_renames(texts))
    assert resolver.canonical("AI Safety Institute") == resolver.canonical("AI Security Institute")
    assert resolver.canonical("AISI") == resolver.canonical("AI Security Institute")
    (note,) = result.notes["002_3b18c14136d9f9af"]
    assert "AI Safety Institute" in note and "000_30162e35f0d4752d" in note
    assert not any(
        d.field == "organisation" and "AI Safety Institute" in {v.value for v in d.values}
        for d in result.discrepancies
    )


def test_the_two_contradictions_inside_003_are_within_document(consolidated) -> None:
    result, _documents, _extractions = consolidated
    inside = [
        d for d in result.discrepancies if {v.document_id for v in d.values} == {"003_93489996702921fa"}
    ]
    assert {(d.field, frozenset(v.value for v in d.values)) for d in inside} == {
        ("figure", frozenset({"70%", "71%"})),
        ("name", frozenset({"Kendall", "Kendell"})),
    }
    assert all(d.scope == "within_document" for d in inside)
    between = [d for d in result.discrepancies if d.scope == "between_sources"]
    assert all(len({v.document_id for v in d.values}) > 1 for d in between)
