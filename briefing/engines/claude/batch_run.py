"""``--batch``: every extraction request of a run in one Message Batch, follow-ups in later batches.

Half price and no rate limits, for scheduled runs that can wait (a batch ends within 24 h, most
within minutes). The first batch holds every document not in the cache; a document over the
input budget is split first, with the same chunker as the synchronous path, and each part is a
request of its own. Re-asks, retries of cut-off answers and the parts of requests the API found
too long go into follow-up batches (``batch_jobs`` says which reply leads where); the parts of a
document are merged into one result per document. Results are joined by ``custom_id``, whatever
order they come back in.

The batch id is stored in the cache database under the hash of all its custom ids before polling
starts: re-running the same command after an interruption finds the pending batch and waits for
it instead of paying twice. Polling backs off from 5 s to 60 s and reports progress through
``on_progress``. Costs are billed at the batch discount (50 % of input and output).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from langchain_core.documents import Document

from briefing.engines.claude.batch_client import BATCH_LABEL, BatchClient, BatchFailure, BatchProgress
from briefing.engines.claude.batch_jobs import BatchJob, PartsOf, custom_id, terminal_progress
from briefing.engines.claude.calls import checked_reply
from briefing.engines.claude.client import MessageRequest, ModelReply
from briefing.engines.claude.conversation import Conversation, parse_answer
from briefing.engines.claude.long_documents import CONTEXT_EXCEEDED, MAX_SPLIT_DEPTH, part_document
from briefing.engines.claude.spending import BudgetReached, Spending
from briefing.errors import ModelOutputError
from briefing.models import DraftExtraction, ExtractionFailure, Usage

BATCH_DISCOUNT = 0.5
FIRST_POLL_S, MAX_POLL_S = 5.0, 60.0
MAX_ROUNDS = 32
"""A guard only: each job's re-asks, cut-off retries and split depth are bounded on their own."""

Result = DraftExtraction | ExtractionFailure
Reply = ModelReply | BatchFailure | None


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSetup:
    """What the runner needs: the batch endpoints and the run's shared conversation pieces."""

    client: BatchClient
    conversation: Conversation
    spending: Spending | None = None
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    on_progress: Callable[[BatchProgress, float], None] = terminal_progress


class BatchRunner:
    """Runs the documents of one ``extract_many`` call through as many batch rounds as they need."""

    def __init__(self, setup: BatchSetup) -> None:
        self.setup = setup
        self._talk = setup.conversation

    async def run(self, documents: Sequence[tuple[int, Document]], results: list[Result | None]) -> None:
        """Fill ``results[index]`` for each ``(index, document)``."""

        def into(index: int) -> Callable[[Result], None]:
            return lambda result: results.__setitem__(index, result)

        admitted = await asyncio.gather(*(self._admit(d, into(i)) for i, d in documents))
        pending = [job for jobs in admitted for job in jobs]
        for _ in range(MAX_ROUNDS):
            if not pending:
                return
            pending = await self._round(pending)
        for job in pending:
            job.settled = False
            self._finish(job, BatchFailure("too many follow-up batches for this document"))

    async def _admit(
        self,
        document: Document,
        deliver: Callable[[Result], None],
        depth: int = 0,
        part: tuple[int, ...] = (),
    ) -> list[BatchJob]:
        """Jobs for ``document``: none if cached, its parts if over the input budget, else itself."""
        doc_id, user, key = self._talk.prepare(document)
        hit = self._talk.cached(doc_id, key)
        if hit is not None:
            deliver(hit)
            return []
        job = BatchJob(document, doc_id, key, [("user", user)], deliver, depth=depth, part=part)
        if depth < MAX_SPLIT_DEPTH:
            too_long = await self._talk.input.tokens_if_too_long(self._talk.measured(user, doc_id))
            if too_long is not None:
                return await self._split(job, too_long)
        return [job]

    async def _split(self, job: BatchJob, tokens: int | None) -> list[BatchJob]:
        talk = self._talk
        chunks = talk.input.chunks(job.document.page_content, prompt_tokens=tokens, system=talk.system)
        parts = PartsOf(job.doc_id, chunks, job.deliver, talk.warn)
        jobs: list[BatchJob] = []
        for chunk in chunks:
            piece = part_document(job.document, chunk, len(chunks))
            jobs += await self._admit(piece, parts.slot(chunk.index), job.depth + 1, (*job.part, chunk.index))
        return jobs

    async def _round(self, pending: Sequence[BatchJob]) -> list[BatchJob]:
        """One batch for ``pending``; returns the jobs that need another round."""
        requests = [job.request(self._base(job)) for job in pending]
        ids = [custom_id(job.doc_id, r, job.part) for job, r in zip(pending, requests, strict=True)]
        items = sorted(dict(zip(ids, requests, strict=True)).items())
        try:
            reserved = self._reserve(items)
        except BudgetReached as exc:
            for job in pending:
                job.settled = False  # a draft waiting for its re-ask is kept, not cached as final
                self._finish(job, BatchFailure(str(exc)))
            return []
        replies = await self._submit_and_wait(items)
        if self.setup.spending is not None:
            spent = sum(
                (self._usage(r).cost_usd or 0.0) for r in replies.values() if isinstance(r, ModelReply)
            )
            self.setup.spending.settle(reserved, spent)
        follow_up: list[BatchJob] = []
        for job, cid, request in zip(pending, ids, requests, strict=True):
            follow_up += await self._take(job, replies.get(cid), request.max_tokens)
        return follow_up

    def _base(self, job: BatchJob) -> MessageRequest:
        talk = self._talk
        return talk.caller.request(
            system=talk.system, messages=job.messages, schema=talk.schema, label=job.doc_id
        )

    async def _take(self, job: BatchJob, reply: Reply, budget: int) -> list[BatchJob]:
        """Apply one reply to ``job`` (see ``batch_jobs``); returns what goes into the next round."""
        if not isinstance(reply, ModelReply):
            if isinstance(reply, BatchFailure) and reply.too_long and job.depth < MAX_SPLIT_DEPTH:
                return await self._split(job, None)
            job.settled = False
            self._finish(job, reply)
            return []
        job.usage = job.usage + self._usage(reply)
        if reply.stop_reason == CONTEXT_EXCEEDED and job.depth < MAX_SPLIT_DEPTH:
            return await self._split(job, None)
        if reply.stop_reason == "max_tokens" and job.retry_cut(budget):
            return [job]
        try:
            draft = parse_answer(checked_reply(reply, budget, job.doc_id, "this document"), job.doc_id)
        except ModelOutputError as exc:
            job.settled = False
            self._finish(job, BatchFailure(str(exc)))
            return []
        job.draft = draft
        prompt = self._talk.reask_prompt(draft, job.document) if job.reasks < self._talk.max_reasks else None
        if prompt is None:
            self._finish(job, reply)
            return []
        job.continue_with(reply, prompt)
        return [job]

    def _finish(self, job: BatchJob, reply: Reply) -> None:
        if job.draft is None:
            job.deliver(ExtractionFailure(job.doc_id, job.failure_reason(reply), job.usage))
            return
        draft = replace(job.draft, usage=job.usage)
        if job.settled:
            self._talk.store(job.key, draft)
        job.deliver(draft)

    def _reserve(self, items: Sequence[tuple[str, MessageRequest]]) -> float:
        """Reserve the whole batch's worst case against ``--max-cost`` (at the batch discount)."""
        if self.setup.spending is None:
            return 0.0
        chars = sum(len(r.system) + sum(len(t) for _, t in r.messages) for _, r in items)
        tokens = sum(r.max_tokens for _, r in items)
        return self.setup.spending.reserve(
            BATCH_LABEL, prompt_chars=chars, max_tokens=tokens, discount=BATCH_DISCOUNT
        )

    def _usage(self, reply: ModelReply) -> Usage:
        cost = self._talk.prices.cost(
            self._talk.model,
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
    ) -> dict[str, ModelReply | BatchFailure]:
        client, cache = self.setup.client, self._talk.cache
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
