"""The Claude engine: one structured call per document, checked, re-asked, cached and accounted.

Per document: render the prompts, call the Messages API with JSON outputs, check ``stop_reason``
before validating (a truncated answer gets exactly one retry with a larger budget; a refusal or an
invalid answer fails that document only), map the answer to a draft, let grounding check every
quote, and send what failed back in the same conversation (at most ``max_reasks`` times). What
still fails stays in the draft: the pipeline's grounding moves it to "unverified", never the table.
Documents run concurrently under a semaphore; results come back in input order.

A draft is cached only when its re-ask loop ran to its end (verified, or out of re-asks): a draft
left behind by a failed re-ask would otherwise be served as final until ``--refresh``. Problems
with the cache file never fail a document; they end up, once each, in ``ClaudeEngine.warnings``.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime

from langchain_core.documents import Document
from pydantic import ValidationError

from briefing.engines.base import ProgressCallback
from briefing.engines.claude.batch_client import AnthropicBatchClient, BatchClient
from briefing.engines.claude.batch_run import BatchRunner, BatchSetup, new_job
from briefing.engines.claude.budgets import model_facts
from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.caching import Warmup
from briefing.engines.claude.calls import Caller, Tally
from briefing.engines.claude.client import (
    AnthropicMessagesClient,
    MessageRequest,
    MessagesClient,
    ModelReply,
    Role,
)
from briefing.engines.claude.config import (
    DEFAULT_MODEL,
    EXTRACT_SCHEMA,
    ClaudeConfig,
    add_warning,
    check_config,
    default_client,
    load_prompts,
    request_budget,
    run_stop,
    utc_now,
)
from briefing.engines.claude.long_documents import (
    MAX_SPLIT_DEPTH,
    InputBudget,
    merge_results,
    needs_split,
    part_document,
)
from briefing.engines.claude.pricing import PriceTable, load_price_table
from briefing.engines.claude.prompts import Failure
from briefing.engines.claude.schema import DocumentAnswer, to_draft
from briefing.engines.claude.spending import Spending
from briefing.engines.claude.synthesis import ClaudeSynthesizer
from briefing.errors import EngineUnavailableError, ModelCallError, ModelOutputError
from briefing.grounding import DocumentIndex, nearest_passage, verify_extraction
from briefing.models import DraftExtraction, EngineInfo, ExtractionFailure, Usage

MAX_FAILURES_SHOWN = 20
Result = DraftExtraction | ExtractionFailure


class ClaudeEngine:
    """The anthropic engine. ``warnings`` collects run problems that cost no document (an unusable
    cache file); the CLI prints them after the run. The synthesizer from ``synthesizer()`` adds to
    the same list."""

    def __init__(
        self,
        config: ClaudeConfig,
        *,
        client: MessagesClient | None = None,
        now: Callable[[], datetime] = utc_now,
        batches: BatchClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        check_config(config)
        self.config = config
        self.warnings: list[str] = []
        self._client = client or default_client(config)
        self._now = now
        self._batches = batches
        self._sleep = sleep
        self._schema = EXTRACT_SCHEMA
        self._prompts = load_prompts(config.prompts_dir)
        self._system = self._prompts.system()
        self._prices: PriceTable = load_price_table(config.price_table)
        self._cache: ResultCache | None = None
        self.stop = run_stop(config)
        """Shared with the synthesizer: after repeated key or connection faults no call is made."""
        self._input = InputBudget(
            self._client,
            model_facts(config.model),
            max_tokens=request_budget(config).max_tokens,
            chunk_tokens=config.chunk_tokens,
        )
        self.spending = Spending(config.max_cost, prices=self._prices, model=config.model)
        """Shared with the synthesizer: ``--max-cost`` covers the whole run."""
        self._caller = self._make_caller(None, None)

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(
            name="anthropic",
            model=self.config.model,
            prompt_version=self._prompts.version,
            uses_language_model=True,
            notice=f"Summaries and table rows were proposed by Claude ({self.config.model}); "
            "every quote was located in its source by the program before use.",
        )

    def synthesizer(self) -> ClaudeSynthesizer:
        """The executive-summary writer sharing this engine's config, client and clock."""
        return ClaudeSynthesizer(
            self.config,
            client=self._client,
            now=self._now,
            warnings=self.warnings,
            stop=self.stop,
            spending=self.spending,
        )

    def extract_many(
        self, documents: Sequence[Document], *, on_done: ProgressCallback | None = None
    ) -> list[Result]:
        return asyncio.run(self._run(documents, on_done))

    async def _run(self, documents: Sequence[Document], on_done: ProgressCallback | None) -> list[Result]:
        semaphore = asyncio.Semaphore(self.config.concurrency)
        if self.config.cache_path is not None:
            self._cache = ResultCache(self.config.cache_path, now=self._now, warn=self._warn)
        self._caller = self._make_caller(self._cache, Warmup())
        if self.config.batch:
            try:
                return await self._run_batch(documents, on_done)
            finally:
                await self._close()

        async def one(document: Document) -> Result:
            async with semaphore:
                result = await self._extract(document)
                if self.stop.reason is not None:
                    self._warn(self.stop.reason)
                if self.spending.stopped and self.spending.max_cost is not None:
                    self._warn(
                        f"--max-cost ${self.spending.max_cost:.2f} reached: documents not processed are "
                        "listed as failed; re-run with a larger budget to process them"
                    )
            if on_done is not None:
                on_done(result.document_id)
            return result

        try:
            return list(await asyncio.gather(*(one(d) for d in documents)))
        finally:
            await self._close()

    async def _close(self) -> None:
        await self._client.aclose()
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    async def _run_batch(
        self, documents: Sequence[Document], on_done: ProgressCallback | None
    ) -> list[Result]:
        """``--batch``: cached documents at once, the rest through message batches (``batch_run``)."""
        results: list[Result | None] = [None] * len(documents)
        jobs = []
        for index, document in enumerate(documents):
            doc_id, user, key = self._prepare(document)
            hit = self._cached(doc_id, key)
            if hit is not None:
                results[index] = hit
            else:
                jobs.append(new_job(index, document, doc_id, key, user))
        if jobs:
            await BatchRunner(self._batch_setup()).run(jobs, results)
        done = [
            r if r is not None else ExtractionFailure(_id(d), "no batch result")
            for r, d in zip(results, documents, strict=True)
        ]
        for result in done:
            if on_done is not None:
                on_done(result.document_id)
        return done

    def _batch_setup(self) -> BatchSetup:
        def request(messages: list[tuple[Role, str]], doc_id: str) -> MessageRequest:
            return self._caller.request(
                system=self._system, messages=messages, schema=self._schema, label=doc_id
            )

        def reask(draft: DraftExtraction, document: Document) -> str | None:
            failures = self._failures(draft, document, DocumentIndex(document.page_content))
            return self._prompts.reask(failures) if failures else None

        batches = self._batches
        if batches is None:
            if not isinstance(self._client, AnthropicMessagesClient):
                raise EngineUnavailableError("--batch needs the Messages API client")
            batches = AnthropicBatchClient(self._client)
        return BatchSetup(
            client=batches,
            model=self.config.model,
            prices=self._prices,
            cache=self._cache,
            prompt_version=self._prompts.version,
            max_reasks=self.config.max_reasks,
            request=request,
            parse=_parse,
            reask=reask,
            spending=self.spending,
            sleep=self._sleep,
        )

    # ------------------------------------------------------------------ one document

    def _prepare(self, document: Document) -> tuple[str, str, str]:
        """(document id, the user prompt, the SHA-256 of that exact request: the cache key)."""
        doc_id = _id(document)
        user = self._prompts.extract(
            document_id=doc_id,
            title=str(document.metadata.get("title") or ""),
            text=document.page_content,
            publisher=str(document.metadata.get("publisher") or ""),
            published=str(document.metadata.get("published") or ""),
        )
        return doc_id, user, hashlib.sha256(user.encode("utf-8")).hexdigest()

    def _cached(self, doc_id: str, key: str) -> DraftExtraction | None:
        if self._cache is None or self.config.refresh:
            return None
        hit = self._cache.get(
            model=self.config.model, prompt_version=self._prompts.version, request_sha256=key
        )
        if hit is None:
            return None
        free = None if self._prices.price(self.config.model) is None else 0.0
        return replace(hit, document_id=doc_id, usage=Usage(cost_usd=free))

    async def _extract(self, document: Document, depth: int = 0) -> Result:
        doc_id, user, key = self._prepare(document)
        hit = self._cached(doc_id, key)
        if hit is not None:
            return hit
        tally = Tally()
        messages: list[tuple[Role, str]] = [("user", user)]
        too_long = await self._input.tokens_if_too_long(self._request(user, doc_id))
        if too_long is not None and depth < MAX_SPLIT_DEPTH:
            return await self._split(document, doc_id, too_long, depth)
        try:
            reply = await self._ask(messages, doc_id, tally)
            draft = _parse(reply, doc_id)
        except (ModelCallError, ModelOutputError) as exc:
            if needs_split(exc) and depth < MAX_SPLIT_DEPTH:
                return await self._split(document, doc_id, None, depth)
            return ExtractionFailure(document_id=doc_id, reason=str(exc), usage=tally.usage)
        index = DocumentIndex(document.page_content)
        settled = True
        for _ in range(self.config.max_reasks):
            failures = self._failures(draft, document, index)
            if not failures:
                break
            messages += [("assistant", reply.text), ("user", self._prompts.reask(failures))]
            try:
                reply = await self._ask(messages, doc_id, tally)
                draft = _parse(reply, doc_id)
            except (ModelCallError, ModelOutputError):
                settled = False  # keep the last usable draft for this run, but ask again next run
                break
        draft = replace(draft, usage=tally.usage)
        if self._cache is not None and settled:
            self._cache.put(
                model=self.config.model,
                prompt_version=self._prompts.version,
                request_sha256=key,
                draft=draft,
            )
        return draft

    async def _split(self, document: Document, doc_id: str, tokens: int | None, depth: int) -> Result:
        """Extract a too-long document part by part (in order), then merge (``long_documents``)."""
        chunks = self._input.chunks(document.page_content, prompt_tokens=tokens, system=self._system)
        results = [await self._extract(part_document(document, c, len(chunks)), depth + 1) for c in chunks]
        return merge_results(doc_id, chunks, results, warn=self._warn)

    def _request(self, user: str, doc_id: str) -> MessageRequest:
        budget = request_budget(self.config)
        return MessageRequest(
            model=self.config.model,
            max_tokens=budget.max_tokens,
            system=self._system,
            messages=(("user", user),),
            schema=self._schema,
            document_id=doc_id,
        )

    def _warn(self, message: str) -> None:
        add_warning(self.warnings, message)

    def _make_caller(self, cache: ResultCache | None, warmup: Warmup | None) -> Caller:
        return Caller(
            client=self._client,
            model=self.config.model,
            budget=request_budget(self.config),
            prices=self._prices,
            now=self._now,
            log=None if cache is None else cache.log,
            stop=self.stop,
            facts=model_facts(self.config.model),
            reasks=self.config.max_reasks,
            warmup=warmup,
            spending=self.spending,
        )

    async def _ask(self, messages: list[tuple[Role, str]], doc_id: str, tally: Tally) -> ModelReply:
        return await self._caller.ask(
            system=self._system, messages=messages, schema=self._schema, label=doc_id, tally=tally
        )

    def _failures(self, draft: DraftExtraction, document: Document, index: DocumentIndex) -> list[Failure]:
        rejections = verify_extraction(draft, document).rejections
        return [
            Failure(
                field=r.field,
                value=r.value,
                quote=r.quote,
                reason=r.reason,
                passage=nearest_passage(r.quote, index) or None,
            )
            for r in rejections[:MAX_FAILURES_SHOWN]
        ]


def _id(document: Document) -> str:
    return str(document.metadata.get("id") or document.id or "")


def _parse(reply: ModelReply, doc_id: str) -> DraftExtraction:
    try:
        answer = DocumentAnswer.model_validate_json(reply.text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "answer"
        raise ModelOutputError(
            f"the answer is not valid JSON for the schema ({exc.error_count()} problem(s); first: {where}: {first['msg']})",
            document_id=doc_id,
            stop_reason=reply.stop_reason,
        ) from exc
    return to_draft(answer, document_id=doc_id)


__all__ = ["DEFAULT_MODEL", "ClaudeConfig", "ClaudeEngine"]
