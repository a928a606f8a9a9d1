"""Prompt quality in the test suite: the Claude engine, replayed from cassettes, scored against gold.

Each corpus with a gold file in tests/gold/ is run through the Claude engine with the committed
prompts; the requests replay from cassettes/test_quality/ (recording off, network blocked). The
scores (``briefing eval``'s, see briefing/eval/) are compared with tests/quality/baseline.json: a
checked metric that falls below its baseline or a floor fails the test with the scores before and
after, the gold rows that changed, and the commands to re-record or to accept a new baseline.

A prompt edit first makes the cassette stale (the request body differs): the test then fails with
VCR's body diff and ``scripts/record-cassettes``. After re-recording, this test says whether the new
prompt is better or worse. ``UPDATE_QUALITY_BASELINE=1 pytest tests/quality`` rewrites the baseline
from whatever cassettes exist.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.eval import corpus_paths, evaluate, load_gold, scores_dict
from briefing.sources import load_sources
from tests.quality.baseline import UPDATE_ENV, failure_text, load_baseline, regressions, save_corpus

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
CORPORA = {"sample": GOLD / "sample.yaml", "unseen": GOLD / "unseen.yaml"}


def _engine() -> ClaudeEngine:
    return ClaudeEngine(
        ClaudeConfig(
            api_key=os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy"),
            base_url=os.environ.get("ANTHROPIC_BASE_URL"),
        )
    )


def current_scores(corpus: str) -> dict[str, Any]:
    """``briefing eval``'s scores of the Claude engine on ``corpus`` (requests go through VCR)."""
    gold_path = CORPORA[corpus]
    gold = load_gold(gold_path)
    assert gold.as_of is not None, f"{gold_path} needs as_of so that relative dates are reproducible"
    documents = load_sources(corpus_paths(gold, gold_path))
    scores = scores_dict(evaluate(gold, documents, _engine(), as_of=gold.as_of))
    return {"gold": str(gold_path.relative_to(ROOT)), **scores}


@pytest.mark.vcr
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_prompt_quality_holds_against_the_baseline(corpus: str) -> None:
    now = current_scores(corpus)
    assert now["documents"]["failed"] == 0, now
    if os.environ.get(UPDATE_ENV):
        save_corpus(corpus, now)
        return
    baseline = load_baseline()
    assert corpus in baseline["corpora"], f"no baseline for {corpus}: run {UPDATE_ENV}=1 pytest tests/quality"
    found = regressions(baseline, corpus, now)
    assert not found, failure_text(baseline, corpus, now, found)
