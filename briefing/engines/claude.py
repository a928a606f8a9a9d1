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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.documents import Document
from pydantic import ValidationError

from briefing.engines.base import ProgressCallback
from briefing.engines.cache import ResultCache
from briefing.engines.claude_calls import Caller, Tally
from briefing.engines.claude_client import (
    AnthropicMessagesClient,
    MessagesClient,
    ModelReply,
    Role,
    output_schema,
)
from briefing.engines.claude_schema import DocumentAnswer, SummaryAnswer, to_draft
from briefing.engines.pricing import PriceTable, load_price_table
from briefing.engines.prompts import Failure, PromptSet
from briefing.errors import ConfigError, EngineUnavailableError, ModelCallError, ModelOutputError
from briefing.grounding import DocumentIndex, nearest_passage, verify_extraction
from briefing.models import DraftExtraction, EngineInfo, ExtractionFailure, Usage

if TYPE_CHECKING:
    from briefing.engines.claude_synthesis import ClaudeSynthesizer

DEFAULT_MODEL = "claude-sonnet-5-5"
"""The newest Sonnet in the SDK's model list (anthropic 2.12), not deprecated."""
MAX_FAILURES_SHOWN = 20

Result = DraftExtraction | ExtractionFailure
EXTRACT_SCHEMA = output_schema(DocumentAnswer)
SUMMARY_SCHEMA = output_schema(SummaryAnswer)


def load_prompts(prompts_dir: Path | None) -> PromptSet:
    """The prompt set; its version covers every template and both output schemas."""
    return PromptSet(prompts_dir, output_schema={"extract": EXTRACT_SCHEMA, "summary": SUMMARY_SCHEMA})


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaudeConfig:
    """Everything the engine needs, passed in by the CLI (the engine reads no environment)."""

    model: str = DEFAULT_MODEL
    api_key: str | None = None
    base_url: str | None = None
    prompts_dir: Path | None = None
    concurrency: int = 4
    max_reasks: int = 2
    max_tokens: int = 4096
    cache_path: Path | None = None
    refresh: bool = False
    price_table: Path | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)


def check_config(config: ClaudeConfig) -> None:
    """Reject settings the engine cannot run with, naming the option the user can change."""
    if config.concurrency < 1:
        raise ConfigError(f"--concurrency must be 1 or more, not {config.concurrency}")
    if config.max_reasks < 0:
        raise ConfigError(f"--max-reasks must be 0 or more, not {config.max_reasks}")
    if config.max_tokens < 1:
        raise ConfigError(f"max_tokens must be 1 or more, not {config.max_tokens}")


def add_warning(warnings: list[str], message: str) -> None:
    """Record ``message`` once: the engine and its synthesizer may hit the same cache problem."""
    if message not in warnings:
        warnings.append(message)


def default_client(config: ClaudeConfig) -> MessagesClient:
    """The real Messages API client for ``config``; tests pass their own client instead."""
    if not config.api_key:
        raise EngineUnavailableError("the anthropic engine needs an API key")
    return AnthropicMessagesClient(api_key=config.api_key, base_url=config.base_url)


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
    ) -> None:
        check_config(config)
        self.config = config
        self.warnings: list[str] = []
        self._client = client or default_client(config)
        self._now = now
        self._schema = EXTRACT_SCHEMA
        self._prompts = load_prompts(config.prompts_dir)
        self._system = self._prompts.system()
        self._prices: PriceTable = load_price_table(config.price_table)
        self._cache: ResultCache | None = None
        self._caller = self._make_caller(None)

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
        from briefing.engines.claude_synthesis import ClaudeSynthesizer

        return ClaudeSynthesizer(self.config, client=self._client, now=self._now, warnings=self.warnings)

    def extract_many(
        self, documents: Sequence[Document], *, on_done: ProgressCallback | None = None
    ) -> list[Result]:
        return asyncio.run(self._run(documents, on_done))

    async def _run(self, documents: Sequence[Document], on_done: ProgressCallback | None) -> list[Result]:
        semaphore = asyncio.Semaphore(self.config.concurrency)
        if self.config.cache_path is not None:
            self._cache = ResultCache(self.config.cache_path, now=self._now, warn=self._warn)
        self._caller = self._make_caller(self._cache)

        async def one(document: Document) -> Result:
            async with semaphore:
                result = await self._extract(document)
            if on_done is not None:
                on_done(result.document_id)
            return result

        try:
            return list(await asyncio.gather(*(one(d) for d in documents)))
        finally:
            await self._client.aclose()
            if self._cache is not None:
                self._cache.close()
                self._cache = None

    # ------------------------------------------------------------------ one document

    async def _extract(self, document: Document) -> Result:
        doc_id = str(document.metadata.get("id") or document.id or "")
        title = str(document.metadata.get("title") or "")
        user = self._prompts.extract(
            document_id=doc_id,
            title=title,
            text=document.page_content,
            publisher=str(document.metadata.get("publisher") or ""),
            published=str(document.metadata.get("published") or ""),
        )
        key = hashlib.sha256(user.encode("utf-8")).hexdigest()  # the exact request, not just the text
        if self._cache is not None and not self.config.refresh:
            hit = self._cache.get(
                model=self.config.model, prompt_version=self._prompts.version, request_sha256=key
            )
            if hit is not None:
                free = None if self._prices.price(self.config.model) is None else 0.0
                return replace(hit, document_id=doc_id, usage=Usage(cost_usd=free))
        tally = Tally()
        messages: list[tuple[Role, str]] = [("user", user)]
        try:
            reply = await self._ask(messages, doc_id, tally)
            draft = _parse(reply, doc_id)
        except (ModelCallError, ModelOutputError) as exc:
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

    def _warn(self, message: str) -> None:
        add_warning(self.warnings, message)

    def _make_caller(self, cache: ResultCache | None) -> Caller:
        return Caller(
            client=self._client,
            model=self.config.model,
            max_tokens=self.config.max_tokens,
            prices=self._prices,
            now=self._now,
            log=None if cache is None else cache.log,
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
