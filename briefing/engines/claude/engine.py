"""The Claude engine: the ``Engine`` for extraction through the Messages API, one run at a time.

It wires the run's shared parts (client, prompts, prices, result cache, early stop, ``--max-cost``
spending) and hands each document to ``conversation.Conversation`` (the synchronous path: calls
under a semaphore, results in input order) or, with ``--batch``, to ``batch_run.BatchRunner``.
Problems with the cache file never fail a document; they end up, once each, in
``ClaudeEngine.warnings``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from langchain_core.documents import Document

from briefing.engines.base import ProgressCallback
from briefing.engines.claude.batch_client import AnthropicBatchClient, BatchClient
from briefing.engines.claude.batch_run import BatchRunner, BatchSetup
from briefing.engines.claude.budgets import model_facts
from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.caching import Warmup
from briefing.engines.claude.calls import Caller
from briefing.engines.claude.client import AnthropicMessagesClient, MessagesClient
from briefing.engines.claude.config import (
    DEFAULT_MODEL,
    EXTRACT_SCHEMA,
    CallerParts,
    ClaudeConfig,
    add_warning,
    caller_for,
    check_config,
    default_client,
    load_prompts,
    request_budget,
    run_stop,
    utc_now,
)
from briefing.engines.claude.conversation import Conversation, document_id
from briefing.engines.claude.long_documents import InputBudget
from briefing.engines.claude.pricing import PriceTable, load_price_table
from briefing.engines.claude.spending import Spending
from briefing.engines.claude.synthesis import ClaudeSynthesizer
from briefing.errors import EngineUnavailableError
from briefing.models import DraftExtraction, EngineInfo, ExtractionFailure

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
        talk = self._conversation()
        if self.config.batch:
            try:
                return await self._run_batch(talk, documents, on_done)
            finally:
                await self._close()

        async def one(document: Document) -> Result:
            async with semaphore:
                result = await talk.extract(document)
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
        self, talk: Conversation, documents: Sequence[Document], on_done: ProgressCallback | None
    ) -> list[Result]:
        """``--batch``: cached documents at once, the rest through message batches (``batch_run``)."""
        results: list[Result | None] = [None] * len(documents)
        await BatchRunner(self._batch_setup(talk)).run(list(enumerate(documents)), results)
        done = [
            r if r is not None else ExtractionFailure(document_id(d), "no batch result")
            for r, d in zip(results, documents, strict=True)
        ]
        for result in done:
            if on_done is not None:
                on_done(result.document_id)
        return done

    def _batch_setup(self, talk: Conversation) -> BatchSetup:
        batches = self._batches
        if batches is None:
            if not isinstance(self._client, AnthropicMessagesClient):
                raise EngineUnavailableError("--batch needs the Messages API client")
            batches = AnthropicBatchClient(self._client)
        return BatchSetup(client=batches, conversation=talk, spending=self.spending, sleep=self._sleep)

    def _conversation(self) -> Conversation:
        return Conversation(
            model=self.config.model,
            prompts=self._prompts,
            system=self._system,
            schema=self._schema,
            caller=self._caller,
            input=self._input,
            prices=self._prices,
            cache=self._cache,
            refresh=self.config.refresh,
            max_reasks=self.config.max_reasks,
            warn=self._warn,
        )

    def _warn(self, message: str) -> None:
        add_warning(self.warnings, message)

    def _make_caller(self, cache: ResultCache | None, warmup: Warmup | None) -> Caller:
        parts = CallerParts(
            client=self._client,
            prices=self._prices,
            now=self._now,
            cache=cache,
            stop=self.stop,
            spending=self.spending,
        )
        return caller_for(self.config, parts, reasks=self.config.max_reasks, warmup=warmup)


__all__ = ["DEFAULT_MODEL", "ClaudeConfig", "ClaudeEngine"]
