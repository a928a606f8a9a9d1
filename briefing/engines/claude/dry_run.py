"""``--dry-run``: what a run would send and cost, per document and in total, before any paid call.

Input tokens are counted with ``POST /v1/messages/count_tokens`` (free) when an API key exists,
otherwise estimated locally (one token per four characters) and labelled ``estimated``. A document
whose result is already in the cache costs nothing. Output is bounded by ``max_tokens`` (answer
plus thinking allowance), so each cost is given as the input cost and an upper bound with the
whole output budget; in a message batch both are halved. Re-asks are not included.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.caching import estimate_tokens
from briefing.engines.claude.client import MessageRequest, MessagesClient
from briefing.engines.claude.config import (
    EXTRACT_SCHEMA,
    ClaudeConfig,
    default_client,
    load_prompts,
    request_budget,
    utc_now,
)
from briefing.engines.claude.pricing import load_price_table

BATCH_DISCOUNT = 0.5
"""Message Batches bill input and output at half price (Anthropic pricing)."""


@dataclass(frozen=True, slots=True)
class DocumentEstimate:
    """One document's first call: ``input_tokens`` (``counted`` by the API or estimated), the
    output bound ``max_tokens``, and USD for the input alone and with the whole output budget
    (None when the model has no price). ``cached``: already answered, costs nothing."""

    document_id: str
    input_tokens: int
    counted: bool
    max_tokens: int
    input_cost: float | None
    max_cost: float | None
    cached: bool = False


def _document_id(document: Document) -> str:
    return str(document.metadata.get("id") or document.id or "")


def estimate_run(
    config: ClaudeConfig,
    documents: Sequence[Document],
    *,
    batch: bool = False,
    client: MessagesClient | None = None,
) -> list[DocumentEstimate]:
    """The estimate for each document, in input order (see the module docstring)."""
    if client is None and config.api_key:
        client = default_client(config)
    return asyncio.run(_estimate(config, documents, batch, client))


async def _estimate(
    config: ClaudeConfig, documents: Sequence[Document], batch: bool, client: MessagesClient | None
) -> list[DocumentEstimate]:
    prompts = load_prompts(config.prompts_dir)
    system = prompts.system()
    budget = request_budget(config)
    prices = load_price_table(config.price_table)
    price = prices.price(config.model)
    discount = BATCH_DISCOUNT if batch else 1.0
    cache = (
        ResultCache(config.cache_path, now=utc_now, warn=lambda _: None)
        if config.cache_path is not None and config.cache_path.exists() and not config.refresh
        else None
    )
    out: list[DocumentEstimate] = []
    try:
        for document in documents:
            doc_id = _document_id(document)
            user = prompts.extract(
                document_id=doc_id,
                title=str(document.metadata.get("title") or ""),
                text=document.page_content,
                publisher=str(document.metadata.get("publisher") or ""),
                published=str(document.metadata.get("published") or ""),
            )
            key = hashlib.sha256(user.encode("utf-8")).hexdigest()
            if cache is not None and cache.get(
                model=config.model, prompt_version=prompts.version, request_sha256=key
            ):
                out.append(DocumentEstimate(doc_id, 0, True, 0, 0.0, 0.0, cached=True))
                continue
            if client is not None:
                request = MessageRequest(
                    model=config.model,
                    max_tokens=budget.max_tokens,
                    system=system,
                    messages=(("user", user),),
                    schema=EXTRACT_SCHEMA,
                    document_id=doc_id,
                )
                tokens, counted = await client.count_tokens(request), True
            else:
                tokens, counted = estimate_tokens(system) + estimate_tokens(user), False
            input_cost = None if price is None else discount * tokens * price.input / 1_000_000
            max_cost = (
                None
                if price is None or input_cost is None
                else input_cost + discount * budget.max_tokens * price.output / 1_000_000
            )
            out.append(DocumentEstimate(doc_id, tokens, counted, budget.max_tokens, input_cost, max_cost))
    finally:
        if client is not None:
            await client.aclose()
        if cache is not None:
            cache.close()
    return out
