"""Prompt caching that pays: breakpoints only past the model's minimum, re-asks read the document
from the cache, the first call warms the shared prefix, every synthesis is cached."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx2

from briefing.consolidate.summary import EvidenceDigest
from briefing.engines.claude import ClaudeConfig
from briefing.engines.claude.budgets import model_facts
from briefing.engines.claude.caching import cache_plan
from briefing.engines.claude.synthesis import ClaudeSynthesizer
from briefing.models import DraftExtraction
from tests.claude.helpers import (
    FIXED_NOW,
    TEST_KEY,
    TEXT,
    Script,
    client_for,
    doc,
    engine_for,
    fabricated,
    good_answer,
    message,
)
from tests.claude.standin import stand_in_engine
from tests.stand_in.routes import Memory
from tests.stand_in.usage import cache_split

LONG = "\n\n".join(f"Paragraph {i}: " + TEXT for i in range(40))  # about 8,000 characters


def test_a_prefix_under_the_model_minimum_is_not_marked() -> None:
    haiku, sonnet = model_facts("claude-haiku-4-5"), model_facts("claude-sonnet-5-5")
    system = "x" * 4 * 2000  # about 2,000 tokens
    assert cache_plan(haiku, system=system, first_user="short", reasks=2).system is False
    assert cache_plan(sonnet, system=system, first_user="short", reasks=2).system is True
    assert cache_plan(haiku, system=system, first_user="y" * 4 * 3000, reasks=2).first_user is True
    assert cache_plan(haiku, system=system, first_user="y" * 4 * 3000, reasks=0).first_user is False


def test_the_document_block_carries_cache_control_and_a_reask_reads_it() -> None:
    script = Script([message(fabricated()), message(good_answer())])
    engine_for(script, model="claude-sonnet-5-5", max_reasks=1).extract_many([doc(text=TEXT)])
    first, again = script.requests
    assert first["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert first["messages"][0]["content"][0]["cache_control"] == {"type": "ephemeral"}
    assert again["messages"][0] == first["messages"][0]  # same prefix: the re-ask reads it back

    memory = Memory()
    engine = stand_in_engine(memory, model="claude-sonnet-5-5", max_reasks=2)
    [result] = engine.extract_many([doc("scenario-fabricate", text=LONG)])
    assert isinstance(result, DraftExtraction) and result.usage.calls == 2
    assert result.usage.cache_read_input_tokens > len(LONG) // 4  # the document came from the cache


def test_the_synthesis_system_prompt_is_too_short_to_mark() -> None:
    script = Script([message({"sentences": []})])
    config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5")
    evidence = [EvidenceDigest("ev-1", "doc-1", "A / B", "kind", "deal", "A and B signed a deal.")]
    ClaudeSynthesizer(config, client=client_for(script), now=lambda: FIXED_NOW).synthesize(evidence)
    assert "cache_control" not in script.requests[0]["system"][0]


def test_an_empty_synthesis_is_cached_too(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite3"
    evidence = [EvidenceDigest("ev-1", "doc-1", "A / B", "kind", "deal", "A and B signed a deal.")]
    for expected_calls in (1, 0):
        script = Script([message({"sentences": []})])
        config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5", cache_path=cache)
        result = ClaudeSynthesizer(config, client=client_for(script), now=lambda: FIXED_NOW).synthesize(
            evidence
        )
        assert result.sentences == () and len(script.requests) == expected_calls


def test_the_first_call_warms_the_prefix_before_the_others_start() -> None:
    order: list[str] = []

    async def handler(request: httpx2.Request) -> httpx2.Response:
        order.append("start")
        await asyncio.sleep(0.01)
        order.append("end")
        return message(good_answer())

    engine_for(handler, model="claude-sonnet-5-5", max_reasks=0, concurrency=4).extract_many(
        [doc(f"d{i}") for i in range(5)]
    )
    assert order[:2] == ["start", "end"] and order.count("start") == 5


def test_with_warming_only_the_first_call_writes_the_shared_prefix() -> None:
    memory = Memory()
    engine = stand_in_engine(memory, model="claude-sonnet-5-5", max_reasks=0, concurrency=8)
    results = engine.extract_many([doc(f"d{i}") for i in range(8)])
    writes = [r.usage.cache_creation_input_tokens for r in results]
    reads = [r.usage.cache_read_input_tokens for r in results]
    assert writes[0] > 0 and all(w == 0 for w in writes[1:])
    assert reads[0] == 0 and all(r > 0 for r in reads[1:])


def test_the_stand_in_makes_a_concurrent_first_wave_pay_the_write_each_time() -> None:
    """The rule the warm-up exists for: an entry is readable only once its writer has answered."""
    body = {
        "model": "claude-sonnet-5-5",
        "system": [{"type": "text", "text": "s" * 8000, "cache_control": {"type": "ephemeral"}}],
        "messages": [{"role": "user", "content": "hi"}],
    }
    cached: set[str] = set()
    first = cache_split(body, cached)
    second = cache_split(body, cached)  # arrived before the first answered
    assert first[1] > 0 and second[1] == first[1]
    cached.update(first[2])
    assert cache_split(body, cached)[:2] == (first[1], 0)  # later: read, no write
