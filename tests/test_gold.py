"""The offline engine against the hand-made gold files (tests/gold/), scored by briefing.eval."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.engines.offline import OfflineEngine
from briefing.eval import Scores, briefing_for, corpus_paths, load_gold, score
from briefing.render import BriefingOut
from briefing.sources import load_sources

GOLD_DIR = Path(__file__).resolve().parent / "gold"


def _run(name: str) -> tuple[Scores, BriefingOut]:
    path = GOLD_DIR / f"{name}.yaml"
    gold = load_gold(path)
    assert gold.as_of is not None
    briefing = briefing_for(load_sources(corpus_paths(gold, path)), OfflineEngine(), as_of=gold.as_of)
    return score(gold, briefing), briefing


@pytest.fixture(scope="module")
def sample() -> tuple[Scores, BriefingOut]:
    return _run("sample")


def test_offline_engine_finds_every_required_gold_partnership(sample: tuple[Scores, BriefingOut]) -> None:
    scores, briefing = sample
    missed = [o.gold_id for o in scores.outcomes if o.required and o.row_id is None]
    assert not missed, (
        f"missing gold partnerships: {missed}; got {[p.parties for p in briefing.partnerships]}"
    )
    assert scores.row_precision.value is not None and scores.row_precision.value >= 0.85, scores.extra_rows


def test_merged_anthropic_mou_lists_every_reporting_source(sample: tuple[Scores, BriefingOut]) -> None:
    scores, briefing = sample
    [outcome] = [o for o in scores.outcomes if o.gold_id == "uk-anthropic-mou-2025"]
    [merged] = [p for p in briefing.partnerships if p.id == outcome.row_id]
    assert set(merged.sources) >= {"001_113bfe8ece394222", "002_3b18c14136d9f9af"}
    assert not any("uk-anthropic-mou-2025 (not merged)" in e.why for e in scores.extra_rows)


def test_every_row_cell_is_backed_by_a_source_slice(sample: tuple[Scores, BriefingOut]) -> None:
    _, briefing = sample
    gold_path = GOLD_DIR / "sample.yaml"
    texts = {
        str(d.metadata["id"]): d.page_content
        for d in load_sources(corpus_paths(load_gold(gold_path), gold_path))
    }
    assert briefing.partnerships
    for partnership in briefing.partnerships:
        assert {"party", "kind"} <= {e.field for e in partnership.evidence}
        for e in partnership.evidence:
            assert texts[e.document_id][e.start : e.end] == e.quote


def test_offline_engine_on_the_unseen_documents_holds_its_measured_level() -> None:
    scores, _ = _run("unseen")
    assert scores.row_recall.value is not None and scores.row_recall.value >= 0.8, scores.outcomes
    assert scores.row_precision.value is not None and scores.row_precision.value >= 0.85, scores.extra_rows
    assert not any("did not happen" in e.why for e in scores.extra_rows)  # no denied or collapsed deal
