"""``--dry-run``: what a run would send and cost, per document and in total, before any paid call.

Input tokens are counted with ``POST /v1/messages/count_tokens`` (free) when an API key exists,
otherwise estimated locally (one token per four characters) and labelled ``estimated``. A document
whose result is already in the cache costs nothing. Output is bounded by ``max_tokens`` (answer
plus thinking allowance), so each cost is given as the input cost and an upper bound with the
whole output budget; in a message batch both are halved.

Re-asks and the executive summary happen only when needed, so they are bounds, not predictions.
Each of up to ``max_reasks`` re-asks resends the conversation: the first prompt, the previous
answer (at most ``max_tokens`` answer tokens) and a re-ask prompt made of that answer's values,
quotes and nearest passages (at most twice the answer, plus ``REASK_OVERHEAD_TOKENS``), and gets
up to the whole output budget back; every input token is priced at the full input rate (cache
reads would be cheaper). The executive summary (``estimate_summary``) reads evidence drawn from the
documents' answers (at most ``SUMMARY_TOKENS_PER_ANSWER_TOKEN`` per answer token, capped by the
context window) and may be re-asked once; it is never batched. Retries of an answer cut off at
``max_tokens`` and extra requests for documents split into parts are not included.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from briefing.engines.claude.budgets import model_facts
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
from briefing.engines.claude.pricing import Price, load_price_table

BATCH_DISCOUNT = 0.5
"""Message Batches bill input and output at half price (Anthropic pricing)."""
REASK_OVERHEAD_TOKENS = 1_000
"""The re-ask template's own words for up to 20 failures (``prompts/reask.j2``), generously."""
SUMMARY_TOKENS_PER_ANSWER_TOKEN = 2
"""Evidence tags and topics around each quote and value taken from an answer, generously."""


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
    reasks: int = 0
    """Re-asks this document may need at most (``max_reasks``; 0 when cached)."""
    reask_max_cost: float | None = 0.0
    """USD all ``reasks`` re-asks together could add at most (None when the model has no price)."""


@dataclass(frozen=True, slots=True)
class SummaryEstimate:
    """The executive summary's bound: ``calls`` (1 plus at most one re-ask), input tokens of the
    first call (estimated), and USD at most for all of them (None when the model has no price)."""

    calls: int
    input_tokens: int
    max_tokens: int
    max_cost: float | None


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
            reask_cost = _reasks_cost(config, tokens, budget.max_tokens, discount, price)
            out.append(
                DocumentEstimate(
                    doc_id,
                    tokens,
                    counted,
                    budget.max_tokens,
                    input_cost,
                    max_cost,
                    reasks=config.max_reasks,
                    reask_max_cost=reask_cost,
                )
            )
    finally:
        if client is not None:
            await client.aclose()
        if cache is not None:
            cache.close()
    return out


def _call_cost(price: Price | None, input_tokens: int, output_tokens: int, discount: float) -> float | None:
    if price is None:
        return None
    return discount * (input_tokens * price.input + output_tokens * price.output) / 1_000_000


def _reasks_cost(
    config: ClaudeConfig, first_input: int, max_tokens: int, discount: float, price: Price | None
) -> float | None:
    """Upper bound in USD of ``config.max_reasks`` re-asks after a first call of ``first_input``."""
    total = 0.0
    for turn in range(1, config.max_reasks + 1):
        grown = first_input + turn * (3 * config.max_tokens + REASK_OVERHEAD_TOKENS)
        cost = _call_cost(price, grown, max_tokens, discount)
        if cost is None:
            return None
        total += cost
    return total


def estimate_summary(config: ClaudeConfig, *, documents: int) -> SummaryEstimate:
    """The executive summary's bound for a run over ``documents`` documents (module docstring)."""
    prompts = load_prompts(config.prompts_dir)
    budget = request_budget(config)
    price = load_price_table(config.price_table).price(config.model)
    room = model_facts(config.model).context_window - budget.max_tokens
    evidence = documents * config.max_tokens * SUMMARY_TOKENS_PER_ANSWER_TOKEN
    first = min(room, estimate_tokens(prompts.synthesis_system()) + evidence)
    calls = 1 + min(config.max_reasks, 1)  # the synthesizer re-asks at most once
    inputs = [first] + [min(room, first + config.max_tokens + REASK_OVERHEAD_TOKENS)] * (calls - 1)
    costs = [_call_cost(price, tokens, budget.max_tokens, 1.0) for tokens in inputs]
    total = None if any(c is None for c in costs) else sum(c or 0.0 for c in costs)
    return SummaryEstimate(calls, first, budget.max_tokens, total)
