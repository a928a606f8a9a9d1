"""Settings of the Claude engine and the pieces its extraction engine and synthesizer share.

Kept apart from ``engine.py`` and ``synthesis.py`` so that both depend on it and not on each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.engines.claude.budgets import DEFAULT_EFFORT, EFFORTS, Budget, Effort, budget_for, model_facts
from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.caching import Warmup
from briefing.engines.claude.calls import Caller
from briefing.engines.claude.client import (
    DEFAULT_TIMEOUT,
    MAX_SERVER_WAIT,
    AnthropicMessagesClient,
    MessagesClient,
    output_schema,
)
from briefing.engines.claude.pricing import PriceTable
from briefing.engines.claude.prompts import PromptSet
from briefing.engines.claude.schema import DocumentAnswer, SummaryAnswer
from briefing.engines.claude.spending import Spending
from briefing.engines.claude.stop import RunStop
from briefing.errors import ConfigError, EngineUnavailableError

DEFAULT_MODEL = "claude-sonnet-5-5"
"""The newest Sonnet in the SDK's model list (anthropic 2.12), not deprecated."""
MAX_FAILURES_SHOWN = 20

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
    """Tokens for the answer itself; the thinking allowance for ``effort`` is added on top."""
    effort: Effort = DEFAULT_EFFORT
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one HTTP request may take (``--timeout``)."""
    max_retry_wait: float = MAX_SERVER_WAIT
    """Longest ``retry-after`` honoured, in seconds (``--max-retry-wait``); longer fails the call."""
    max_cost: float | None = None
    """USD the run may spend at most (``--max-cost``); None: no limit."""
    batch: bool = False
    """Send every extraction request as one Message Batch (``--batch``; half price, slower)."""
    chunk_tokens: int | None = None
    """Largest prompt per extraction call; longer documents are split (None: 100,000 tokens)."""
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
    if not config.timeout > 0:
        raise ConfigError(f"--timeout must be more than 0 seconds, not {config.timeout}")
    if config.max_retry_wait < 0:
        raise ConfigError(f"--max-retry-wait must be 0 or more seconds, not {config.max_retry_wait}")
    if config.max_cost is not None and config.max_cost < 0:
        raise ConfigError(f"--max-cost must be 0 or more dollars, not {config.max_cost}")
    if config.effort not in EFFORTS:
        raise ConfigError(f"--effort must be one of {', '.join(EFFORTS)}, not {config.effort!r}")


def request_budget(config: ClaudeConfig) -> Budget:
    """Thinking, effort and ``max_tokens`` for every call this config makes."""
    return budget_for(model_facts(config.model), effort=config.effort, answer_tokens=config.max_tokens)


def add_warning(warnings: list[str], message: str) -> None:
    """Record ``message`` once: the engine and its synthesizer may hit the same cache problem."""
    if message not in warnings:
        warnings.append(message)


def default_client(config: ClaudeConfig) -> MessagesClient:
    """The real Messages API client for ``config``; tests pass their own client instead."""
    if not config.api_key:
        raise EngineUnavailableError("the anthropic engine needs an API key")
    return AnthropicMessagesClient(
        api_key=config.api_key,
        base_url=config.base_url,
        timeout=config.timeout,
        max_server_wait=config.max_retry_wait,
    )


def run_stop(config: ClaudeConfig) -> RunStop:
    """The early stop shared by one run's extraction and synthesis calls."""
    return RunStop(model=config.model, server=config.base_url or "https://api.anthropic.com")


@dataclass(frozen=True, slots=True, kw_only=True)
class CallerParts:
    """What every call of a run shares: client, prices, clock, cache, early stop and spending."""

    client: MessagesClient
    prices: PriceTable
    now: Callable[[], datetime]
    cache: ResultCache | None
    stop: RunStop | None
    spending: Spending | None


def caller_for(
    config: ClaudeConfig, parts: CallerParts, *, reasks: int, warmup: Warmup | None = None
) -> Caller:
    """The ``Caller`` of a run for ``config``; the extraction engine and the synthesizer differ only
    in ``reasks`` and ``warmup``, so model, budget, cache facts and log are decided here once."""
    return Caller(
        client=parts.client,
        model=config.model,
        budget=request_budget(config),
        prices=parts.prices,
        now=parts.now,
        log=None if parts.cache is None else parts.cache.log,
        stop=parts.stop,
        facts=model_facts(config.model),
        reasks=reasks,
        warmup=warmup,
        spending=parts.spending,
    )
