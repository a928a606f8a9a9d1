"""--batch with long documents and cut-off answers: split like the synchronous path, retried in follow-ups.

Through the stand-in's batch endpoints, with a spy on what each batch carried, and one scripted
batch client for the stop reason the stand-in cannot produce on demand.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from langchain_core.documents import Document

from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.batch_client import AnthropicBatchClient, BatchFailure, BatchProgress
from briefing.engines.claude.client import MessageRequest, ModelReply
from briefing.grounding import verify_extraction
from briefing.models import DraftExtraction, Usage
from tests.claude.helpers import FIXED_NOW, TEST_KEY, Sleeps, doc, good_answer
from tests.claude.standin import stand_in_client
from tests.claude.test_batches import _poll_sleep
from tests.claude.test_long_documents import long_text
from tests.stand_in.routes import Memory


class Spy:
    """A ``BatchClient`` that records each submitted batch, then passes it on."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.batches: list[list[tuple[str, MessageRequest]]] = []

    async def submit(self, items: Sequence[tuple[str, MessageRequest]]) -> str:
        self.batches.append(list(items))
        return str(await self.inner.submit(items))

    async def progress(self, batch_id: str) -> BatchProgress:
        progress: BatchProgress = await self.inner.progress(batch_id)
        return progress

    async def results(self, batch_id: str) -> dict[str, ModelReply | BatchFailure]:
        replies: dict[str, ModelReply | BatchFailure] = await self.inner.results(batch_id)
        return replies


def engines(memory: Memory, **options: Any) -> tuple[ClaudeEngine, Spy, ClaudeEngine]:
    """(a --batch engine, its spy, the same settings without --batch) over one stand-in."""
    config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5", batch=True, **options)
    client = stand_in_client(memory)
    spy = Spy(AnthropicBatchClient(client))
    batch = ClaudeEngine(config, client=client, batches=spy, now=lambda: FIXED_NOW, sleep=Sleeps())
    sync = ClaudeEngine(
        replace(config, batch=False), client=stand_in_client(memory), now=lambda: FIXED_NOW, sleep=Sleeps()
    )
    return batch, spy, sync


def _content(draft: DraftExtraction) -> DraftExtraction:
    return replace(draft, usage=Usage())


def test_a_long_document_is_split_into_part_requests_merged_as_in_the_synchronous_path() -> None:
    text = long_text(60_000)
    document = Document(page_content=text, metadata={"id": "annual/report", "title": "Annual report"})
    batch, spy, sync = engines(Memory(), max_reasks=0, chunk_tokens=6_000)
    [result] = batch.extract_many([document, doc("short-one")])[:1]
    [expected] = sync.extract_many([document])
    assert isinstance(result, DraftExtraction) and isinstance(expected, DraftExtraction)
    assert _content(result) == _content(expected)  # same chunker, same offsets, same merge
    [first] = spy.batches  # every part went in the first batch, alongside the short document
    parts = [cid for cid, _ in first if cid.startswith("annual_report-p")]
    assert len(parts) >= 3 and len(first) == len(parts) + 1
    assert all(re.fullmatch(r"annual_report-p\d+-[0-9a-f]{16}", cid) for cid in parts)
    assert result.usage.calls == len(parts)
    assert not verify_extraction(result, document).rejections
    for row in result.rows:  # hints point into the whole document
        for party in row.parties:
            assert party.hint is not None and text[party.hint.start : party.hint.end] == party.quote


def test_prompt_too_long_in_a_batch_splits_the_document_in_a_follow_up_batch() -> None:
    memory = Memory(context_window=12_000)  # the stand-in answers 400 "prompt is too long"
    text = long_text(64_000)
    document = Document(page_content=text, metadata={"id": "long", "title": "t"})
    batch, spy, _ = engines(memory, max_reasks=0, chunk_tokens=900_000)
    [result, short] = batch.extract_many([document, doc("short")])
    assert isinstance(result, DraftExtraction), result
    assert isinstance(short, DraftExtraction)
    first, second = spy.batches
    assert len(first) == 2 and all(cid.startswith("long-p") for cid, _ in second) and len(second) >= 2
    assert not verify_extraction(result, document).rejections


def test_parts_are_cached_so_a_rerun_sends_nothing(tmp_path: Path) -> None:
    document = Document(page_content=long_text(40_000), metadata={"id": "big", "title": "t"})
    memory = Memory()
    batch, spy, _ = engines(memory, max_reasks=0, chunk_tokens=6_000, cache_path=tmp_path / "c.db")
    [first] = batch.extract_many([document])
    again, spy_again, _ = engines(memory, max_reasks=0, chunk_tokens=6_000, cache_path=tmp_path / "c.db")
    [second] = again.extract_many([document])
    assert len(spy.batches) == 1 and spy_again.batches == []
    assert isinstance(first, DraftExtraction) and isinstance(second, DraftExtraction)
    assert _content(first) == _content(second)


def test_an_answer_cut_off_at_max_tokens_is_retried_once_with_twice_the_budget() -> None:
    batch, spy, _ = engines(Memory(), max_reasks=0)
    [cut, fine] = batch.extract_many([doc("scenario-truncate"), doc("plain")])
    assert isinstance(cut, DraftExtraction) and isinstance(fine, DraftExtraction)
    first, second = spy.batches
    [(_, before)] = [item for item in first if item[0].startswith("scenario-truncate")]
    [(cid, after)] = second
    assert cid.startswith("scenario-truncate-") and after.max_tokens == 2 * before.max_tokens
    assert cut.usage.calls == 2


class Scripted:
    """A ``BatchClient`` answering each custom id from a list of replies, in rounds."""

    def __init__(self, rounds: list[Any]) -> None:
        self.rounds = rounds
        self.batches: list[list[tuple[str, MessageRequest]]] = []

    async def submit(self, items: Sequence[tuple[str, MessageRequest]]) -> str:
        self.batches.append(list(items))
        return f"b{len(self.batches)}"

    async def progress(self, batch_id: str) -> BatchProgress:
        return BatchProgress(batch_id, True, 1, 1)

    async def results(self, batch_id: str) -> dict[str, ModelReply | BatchFailure]:
        reply = self.rounds[len(self.batches) - 1]
        return {cid: reply(request) for cid, request in self.batches[-1]}


def _reply(stop_reason: str, text: str = "") -> ModelReply:
    return ModelReply(text, stop_reason, "claude-sonnet-5-5", 100, 50, 0, 0)


def _answer(request: MessageRequest) -> ModelReply:
    user = request.messages[0][1]
    body = user[user.index("<document") :]
    body = body[body.index(">") + 1 : body.index("</document>")].strip()
    return _reply("end_turn", json.dumps(good_answer(body)))


def test_context_window_exceeded_in_a_batch_leads_to_parts_not_failure() -> None:
    from tests.claude.helpers import TEXT

    scripted = Scripted([lambda r: _reply("model_context_window_exceeded"), _answer, _answer])
    config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5", batch=True, max_reasks=0)
    engine = ClaudeEngine(config, client=stand_in_client(Memory()), batches=scripted, now=lambda: FIXED_NOW)
    [result] = engine.extract_many([doc("wide", text="\n\n".join([TEXT] * 8))])
    assert isinstance(result, DraftExtraction), result
    assert len(scripted.batches) == 2 and len(scripted.batches[1]) >= 2
    assert all("-p" in cid for cid, _ in scripted.batches[1])


def test_a_second_cut_off_in_a_batch_fails_the_document_naming_the_budget() -> None:
    scripted = Scripted([lambda r: _reply("max_tokens"), lambda r: _reply("max_tokens")])
    config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5", batch=True, max_reasks=0)
    engine = ClaudeEngine(config, client=stand_in_client(Memory()), batches=scripted, now=lambda: FIXED_NOW)
    [result] = engine.extract_many([doc("always-long")])
    assert not isinstance(result, DraftExtraction)
    assert "cut off" in result.reason and len(scripted.batches) == 2
    assert result.usage.calls == 2


@pytest.mark.vcr
def test_batch_long_document_replay(vcr: Any, tmp_path: Path) -> None:
    """Counted, split and sent as part requests of one batch, over HTTP (recorded, then replayed)."""
    text = long_text(6_000)
    document = Document(page_content=text, metadata={"id": "batch-long", "title": "Minutes"})
    config = ClaudeConfig(
        api_key=os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy"),
        base_url=os.environ.get("ANTHROPIC_BASE_URL"),
        batch=True,
        max_reasks=0,
        chunk_tokens=2_000,
        cache_path=tmp_path / "c.sqlite3",
    )
    engine = ClaudeEngine(config, now=lambda: FIXED_NOW, sleep=_poll_sleep())
    [result] = engine.extract_many([document])
    assert isinstance(result, DraftExtraction), result
    assert not verify_extraction(result, document).rejections
    paths = [(r.method, r.path) for r in vcr.requests]
    assert ("POST", "/v1/messages/count_tokens") in paths
    assert [p for p in paths if p == ("POST", "/v1/messages/batches")] == [("POST", "/v1/messages/batches")]
    [create] = [r for r in vcr.requests if r.path == "/v1/messages/batches"]
    ids = [item["custom_id"] for item in json.loads(create.body)["requests"]]
    assert len(ids) >= 2 and all(re.fullmatch(r"batch-long-p\d+-[0-9a-f]{16}", i) for i in ids)
