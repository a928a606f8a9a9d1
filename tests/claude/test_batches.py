"""--batch: one Message Batch for the run, re-asks in a follow-up batch, resume after an interruption.

In-process tests go through the stand-in's batch endpoints (tests/stand_in/batches.py); the
cassette tests record the same lifecycle over HTTP (create, poll, results, resume).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import re
from pathlib import Path
from typing import Any

import pytest

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.batch_run import BATCH_DISCOUNT
from briefing.engines.claude.pricing import load_price_table
from briefing.models import DraftExtraction
from tests.claude.helpers import FIXED_NOW, TEST_KEY, Sleeps, doc
from tests.claude.standin import stand_in_client
from tests.stand_in.routes import Memory

DOCS = [doc("alpha"), doc("scenario-fabricate"), doc("gamma/with spaces")]


class Interrupted(Exception):
    """Stands for Ctrl-C while the run waits for its batch."""


def batch_engine(memory: Memory, sleeps: Any = None, **options: Any) -> ClaudeEngine:
    config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5", batch=True, **options)
    return ClaudeEngine(
        config,
        client=stand_in_client(memory),
        now=lambda: FIXED_NOW,
        sleep=sleeps if sleeps is not None else Sleeps(),
    )


def test_one_batch_then_a_follow_up_batch_for_the_reasks() -> None:
    memory = Memory()
    sleeps = Sleeps()
    results = batch_engine(memory, sleeps, max_reasks=2).extract_many(DOCS)
    assert [r.document_id for r in results] == ["alpha", "scenario-fabricate", "gamma/with spaces"]
    assert all(isinstance(r, DraftExtraction) for r in results)
    creates = [c for c in memory.calls if c == "POST /v1/messages/batches"]
    assert len(creates) == 2  # everything, then the one document whose quote failed
    assert "POST /v1/messages" not in memory.calls  # nothing went through the per-call endpoint
    assert sleeps and sleeps[0] == 5.0 and all(b >= a for a, b in itertools.pairwise(sleeps))
    [first, *_] = memory.batches.values()
    ids = [r["custom_id"] for r in first["results"]]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,64}", i) for i in ids)
    assert any(i.startswith("gamma_with_spaces-") for i in ids)
    assert results[1].usage.calls == 2  # type: ignore[union-attr]


def test_costs_are_at_batch_prices() -> None:
    memory = Memory()
    [result] = batch_engine(memory, max_reasks=0).extract_many([doc("alpha")])
    assert isinstance(result, DraftExtraction)
    u = result.usage
    full = load_price_table().cost(
        "claude-sonnet-5-5",
        input_tokens=u.input_tokens,
        output_tokens=u.output_tokens,
        cache_creation_input_tokens=u.cache_creation_input_tokens,
        cache_read_input_tokens=u.cache_read_input_tokens,
    )
    assert full is not None and u.cost_usd == pytest.approx(full * BATCH_DISCOUNT)


def test_rerunning_after_an_interruption_resumes_the_pending_batch(tmp_path: Path) -> None:
    memory = Memory(batch_polls=3)
    cache = tmp_path / "cache.sqlite3"

    async def interrupt(seconds: float) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        batch_engine(memory, interrupt, max_reasks=0, cache_path=cache).extract_many(DOCS)
    assert memory.calls.count("POST /v1/messages/batches") == 1

    results = batch_engine(memory, max_reasks=0, cache_path=cache).extract_many(DOCS)
    assert all(isinstance(r, DraftExtraction) for r in results)
    assert memory.calls.count("POST /v1/messages/batches") == 1  # resumed, not paid twice

    before = len(memory.calls)
    again = batch_engine(memory, max_reasks=0, cache_path=cache).extract_many(DOCS)
    assert len(memory.calls) == before and all(isinstance(r, DraftExtraction) for r in again)  # cached


def test_max_cost_stops_before_a_batch_could_pass_it() -> None:
    memory = Memory()
    results = batch_engine(memory, max_reasks=0, max_cost=0.01).extract_many(DOCS)
    assert memory.calls == []
    assert all("not processed" in r.reason for r in results)  # type: ignore[union-attr]


def _poll_sleep() -> Any:
    """Real waits when recording against the real API (a batch takes minutes), none otherwise."""
    base = os.environ.get("ANTHROPIC_BASE_URL") or "https://api.anthropic.com"
    real = os.environ.get("ANTHROPIC_API_KEY") and "127.0.0.1" not in base and "localhost" not in base
    return asyncio.sleep if real else Sleeps()


def _vcr_engine(cache: Path, sleep: Any = None) -> ClaudeEngine:
    config = ClaudeConfig(
        api_key=os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy"),
        base_url=os.environ.get("ANTHROPIC_BASE_URL"),
        batch=True,
        max_reasks=0,
        cache_path=cache,
    )
    return ClaudeEngine(config, now=lambda: FIXED_NOW, sleep=sleep or _poll_sleep())


@pytest.mark.vcr
def test_batch_create_poll_results_replay(vcr: Any, tmp_path: Path) -> None:
    results = _vcr_engine(tmp_path / "c.sqlite3").extract_many([doc("batch-one"), doc("batch-two")])
    assert [r.document_id for r in results] == ["batch-one", "batch-two"]
    assert all(isinstance(r, DraftExtraction) for r in results)
    paths = [(r.method, r.path) for r in vcr.requests]
    assert paths[0] == ("POST", "/v1/messages/batches")
    assert paths[-1][1].endswith("/results")
    assert ("GET", paths[0][1] + "/" + paths[-1][1].split("/")[4]) in paths  # polled the batch


@pytest.mark.vcr
def test_batch_resume_replay(vcr: Any, tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"

    async def interrupt(seconds: float) -> None:
        raise Interrupted

    documents = [doc("resume-one"), doc("resume-two")]
    with contextlib.suppress(Interrupted):  # a real batch may already have ended at the first poll
        _vcr_engine(cache, interrupt).extract_many(documents)
    results = _vcr_engine(cache).extract_many(documents)
    assert all(isinstance(r, DraftExtraction) for r in results)
    assert [r.method for r in vcr.requests].count("POST") == 1
