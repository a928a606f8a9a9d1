"""``--batch``: every extraction request of a run in one Message Batch, re-asks in follow-up batches.

Half price and no rate limits, for scheduled runs that can wait (a batch ends within 24 h, most
within minutes). Each request's ``custom_id`` is the document id (made safe, 40 characters at
most) plus 16 hex digits of the SHA-256 of the request body, so the same request always gets the
same id and results are joined by it, whatever order they come back in. The batch id is stored in
the cache database under the hash of all its custom ids before polling starts: re-running the same
command after an interruption finds the pending batch and waits for it instead of paying twice.
Polling backs off from 5 s to 60 s and reports progress through ``on_progress``. Costs are billed
at the batch discount (50 % of input and output).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace

from langchain_core.documents import Document

from briefing.engines.claude.batch_client import BATCH_LABEL, BatchClient, BatchProgress
from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.client import MessageRequest, ModelReply, Role, request_params
from briefing.engines.claude.pricing import PriceTable
from briefing.engines.claude.spending import BudgetReached, Spending
from briefing.errors import ModelOutputError
from briefing.models import DraftExtraction, ExtractionFailure, Usage

BATCH_DISCOUNT = 0.5
FIRST_POLL_S, MAX_POLL_S = 5.0, 60.0
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")

Result = DraftExtraction | ExtractionFailure


def custom_id(document_id: str, request: MessageRequest) -> str:
    """``<safe document id>-<16 hex of the request body hash>`` (at most 57 of the 64 allowed)."""
    body = json.dumps(request_params(request), sort_keys=True, ensure_ascii=False)
    return _UNSAFE.sub("_", document_id)[:40] + "-" + hashlib.sha256(body.encode()).hexdigest()[:16]


def terminal_progress(progress: BatchProgress, wait: float) -> None:
    """One line on a terminal per poll (nothing when stderr is not a terminal)."""
    if sys.stderr.isatty():
        state = "ended" if progress.ended else f"next check in {wait:.0f} s"
        print(
            f"briefing: message batch {progress.batch_id}: {progress.done}/{progress.total} done, {state}",
            file=sys.stderr,
        )


@dataclass
class _Job:
    """One document's conversation through the batch rounds."""

    index: int
    document: Document
    doc_id: str
    key: str
    messages: list[tuple[Role, str]]
    usage: Usage = field(default_factory=Usage)
    draft: DraftExtraction | None = None
    settled: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSetup:
    """What the runner needs from the engine: how to build, parse, check and cache a document."""

    client: BatchClient
    model: str
    prices: PriceTable
    cache: ResultCache | None
    prompt_version: str
    max_reasks: int
    request: Callable[[list[tuple[Role, str]], str], MessageRequest]
    parse: Callable[[ModelReply, str], DraftExtraction]
    reask: Callable[[DraftExtraction, Document], str | None]
    """The re-ask prompt for a draft with unverified quotes, or None when all verified."""
    spending: Spending | None = None
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    on_progress: Callable[[BatchProgress, float], None] = terminal_progress


class BatchRunner:
    """Runs the jobs of one ``extract_many`` call through as many batch rounds as re-asks need."""

    def __init__(self, setup: BatchSetup) -> None:
        self.setup = setup

    async def run(self, jobs: Sequence[_Job], results: list[Result | None]) -> None:
        pending = list(jobs)
        for round_no in range(self.setup.max_reasks + 1):
            if not pending:
                break
            requests = {job.index: self.setup.request(job.messages, job.doc_id) for job in pending}
            ids = {job.index: custom_id(job.doc_id, requests[job.index]) for job in pending}
            items = sorted({ids[i]: requests[i] for i in ids}.items())
            try:
                reserved = self._reserve(items)
            except BudgetReached as exc:
                for job in pending:
                    results[job.index] = self._finish(job, str(exc))
                return
            replies = await self._submit_and_wait(items)
            if self.setup.spending is not None:
                spent = sum(
                    (u.cost_usd or 0.0)
                    for u in (self._usage(r) for r in replies.values() if not isinstance(r, str))
                )
                self.setup.spending.settle(reserved, spent)
            follow_up: list[_Job] = []
            for job in pending:
                reply = replies.get(ids[job.index], "no result came back for this request")
                if self._take(job, reply, last=round_no == self.setup.max_reasks):
                    follow_up.append(job)
                else:
                    results[job.index] = self._finish(job, reply)
            pending = follow_up

    def _reserve(self, items: Sequence[tuple[str, MessageRequest]]) -> float:
        """Reserve the whole batch's worst case against ``--max-cost`` (at the batch discount)."""
        if self.setup.spending is None:
            return 0.0
        chars = sum(len(r.system) + sum(len(t) for _, t in r.messages) for _, r in items)
        tokens = sum(r.max_tokens for _, r in items)
        return self.setup.spending.reserve(
            BATCH_LABEL, prompt_chars=chars, max_tokens=tokens, discount=BATCH_DISCOUNT
        )

    def _take(self, job: _Job, reply: ModelReply | str, *, last: bool) -> bool:
        """Apply one reply to ``job``; True when it needs a re-ask in the next round."""
        if isinstance(reply, str):
            job.settled = False
            return False
        job.usage = job.usage + self._usage(reply)
        try:
            if reply.stop_reason not in ("end_turn", "stop_sequence"):
                category = f", category: {reply.refusal_category}" if reply.refusal_category else ""
                raise ModelOutputError(f"stop_reason: {reply.stop_reason}{category}", document_id=job.doc_id)
            draft = self.setup.parse(reply, job.doc_id)
        except ModelOutputError:
            job.settled = False
            return False
        job.draft = draft
        prompt = None if last else self.setup.reask(draft, job.document)
        if prompt is None:
            return False
        job.messages = [*job.messages, ("assistant", reply.text), ("user", prompt)]
        return True

    def _finish(self, job: _Job, reply: ModelReply | str) -> Result:
        if job.draft is None:
            reason = (
                reply
                if isinstance(reply, str)
                else f"the batch answer was not usable (stop_reason: {reply.stop_reason})"
            )
            return ExtractionFailure(job.doc_id, reason, job.usage)
        draft = replace(job.draft, usage=job.usage)
        if self.setup.cache is not None and job.settled:
            self.setup.cache.put(
                model=self.setup.model,
                prompt_version=self.setup.prompt_version,
                request_sha256=job.key,
                draft=draft,
            )
        return draft

    def _usage(self, reply: ModelReply) -> Usage:
        cost = self.setup.prices.cost(
            self.setup.model,
            input_tokens=reply.input_tokens,
            output_tokens=reply.output_tokens,
            cache_creation_input_tokens=reply.cache_creation_input_tokens,
            cache_read_input_tokens=reply.cache_read_input_tokens,
        )
        return Usage(
            input_tokens=reply.input_tokens,
            output_tokens=reply.output_tokens,
            cache_creation_input_tokens=reply.cache_creation_input_tokens,
            cache_read_input_tokens=reply.cache_read_input_tokens,
            calls=1,
            cost_usd=None if cost is None else cost * BATCH_DISCOUNT,
        )

    async def _submit_and_wait(
        self, items: Sequence[tuple[str, MessageRequest]]
    ) -> dict[str, ModelReply | str]:
        client, cache = self.setup.client, self.setup.cache
        batch_key = hashlib.sha256("\n".join(cid for cid, _ in items).encode()).hexdigest()
        batch_id = cache.pending_batch(batch_key) if cache is not None else None
        if batch_id is None:
            batch_id = await client.submit(items)
            if cache is not None:
                cache.put_batch(batch_key, batch_id)
        wait = FIRST_POLL_S
        while True:
            progress = await client.progress(batch_id)
            self.setup.on_progress(progress, wait)
            if progress.ended:
                break
            await self.setup.sleep(wait)
            wait = min(wait * 1.5, MAX_POLL_S)
        replies = await client.results(batch_id)
        if cache is not None:
            cache.put_batch(batch_key, batch_id, status="collected")
        return replies


def new_job(index: int, document: Document, doc_id: str, key: str, user: str) -> _Job:
    """A document's job before its first batch round."""
    return _Job(index=index, document=document, doc_id=doc_id, key=key, messages=[("user", user)])
