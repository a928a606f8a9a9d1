"""The offline engine against the hand-made gold table for the sample corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from briefing.engines.offline import OfflineEngine
from briefing.pipeline import build_briefing
from briefing.sources import SourceLoader
from tests.gold_match import load_gold, matches, score

SOURCES = Path(__file__).resolve().parent.parent / "sources"


def _briefing():
    documents = list(SourceLoader([SOURCES]).lazy_load())
    return build_briefing(documents, OfflineEngine(), as_of=date(2026, 11, 24)).briefing


def test_offline_engine_finds_every_required_gold_partnership() -> None:
    briefing = _briefing()
    result = score(briefing.partnerships)
    missing = [
        g["id"]
        for g in load_gold()
        if g["required"] and not any(matches(g, p) for p in briefing.partnerships)
    ]
    assert not missing, (
        f"missing gold partnerships: {missing}; got {[p.parties for p in briefing.partnerships]}"
    )
    assert result.found_required == result.required


def test_merged_anthropic_mou_lists_every_reporting_source() -> None:
    briefing = _briefing()
    gold = next(g for g in load_gold() if g["id"] == "uk-anthropic-mou-2025")
    merged = [p for p in briefing.partnerships if matches(gold, p)]
    assert len(merged) == 1, "the same agreement must appear once"
    assert set(merged[0].sources) >= {"001_113bfe8ece394222", "002_3b18c14136d9f9af"}


def test_every_row_cell_is_backed_by_a_source_slice() -> None:
    briefing = _briefing()
    texts = {d.metadata["id"]: d.page_content for d in SourceLoader([SOURCES]).lazy_load()}
    assert briefing.partnerships
    for partnership in briefing.partnerships:
        fields = {name for name, _ in partnership.evidence}
        assert {"party", "kind"} <= fields
        for _name, evidence in partnership.evidence:
            assert texts[evidence.document_id][evidence.start : evidence.end] == evidence.quote
