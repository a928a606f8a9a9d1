"""One checked model answer: the call, its accounting (usage, cost, run log) and the stop_reason rules.

Shared by the per-document extraction and the executive-summary synthesis so both apply the same
rules: ``stop_reason`` is checked before anyone reads the text; a truncated answer gets exactly
one retry with twice the budget (capped where the SDK would demand streaming); a refusal or any
other unexpected stop is a ``ModelOutputError``. Every call, failed or not, is counted and logged,
and so is every attempt the retry layer made before it (``retried: ...``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from briefing.engines.claude.budgets import MAX_NON_STREAMING_TOKENS, Budget, ModelFacts
from briefing.engines.claude.cache import LogEntry
from briefing.engines.claude.caching import Warmup, cache_plan
from briefing.engines.claude.client import (
    CallFailed,
    FailedAttempt,
    MessageRequest,
    MessagesClient,
    ModelReply,
    Role,
)
from briefing.engines.claude.pricing import PriceTable
from briefing.engines.claude.spending import Spending
from briefing.engines.claude.stop import RunStop
from briefing.errors import ModelCallError, ModelOutputError
from briefing.models import Usage

_DONE = ("end_turn", "stop_sequence")


class Tally:
    """Usage of one unit of work (a document, the summary), kept even when a later call fails."""

    def __init__(self) -> None:
        self.usage = Usage()


@dataclass(frozen=True, slots=True, kw_only=True)
class Caller:
    client: MessagesClient
    model: str
    budget: Budget
    prices: PriceTable
    now: Callable[[], datetime]
    log: Callable[[LogEntry], None] | None = None
    stop: RunStop | None = None
    """Shared by every call of a run: stops it after repeated key or connection faults."""
    facts: ModelFacts | None = None
    """The model's cache minimum; None: never mark a cache breakpoint."""
    reasks: int = 0
    """Re-asks that may follow a first answer (decides whether the document is worth caching)."""
    warmup: Warmup | None = None
    spending: Spending | None = None

    async def ask(
        self,
        *,
        system: str,
        messages: list[tuple[Role, str]],
        schema: Mapping[str, Any],
        label: str,
        tally: Tally,
        what: str = "this document",
    ) -> ModelReply:
        """One usable answer, or ``ModelCallError`` / ``ModelOutputError`` naming ``label``."""
        request = self.request(system=system, messages=messages, schema=schema, label=label)
        reply = await self._call(request, tally)
        reply, budget = await self._retry_if_cut(request, reply, tally)
        return checked_reply(reply, budget, label, what)

    def request(
        self, *, system: str, messages: list[tuple[Role, str]], schema: Mapping[str, Any], label: str
    ) -> MessageRequest:
        """The request ``ask`` would send (also what a message batch sends)."""
        return MessageRequest(
            model=self.model,
            max_tokens=self.budget.max_tokens,
            system=system,
            messages=tuple(messages),
            schema=schema,
            document_id=label,
            thinking=self.budget.thinking,
            effort=self.budget.effort,
            **self._cache_flags(system, messages),
        )

    async def _retry_if_cut(
        self, request: MessageRequest, reply: ModelReply, tally: Tally
    ) -> tuple[ModelReply, int]:
        """One retry with twice the budget for a cut-off answer; (reply, the budget it had)."""
        budget = request.max_tokens
        if reply.stop_reason == "max_tokens" and budget < MAX_NON_STREAMING_TOKENS:
            budget = min(budget * 2, MAX_NON_STREAMING_TOKENS)
            reply = await self._call(MessageRequest(**{**_fields(request), "max_tokens": budget}), tally)
        return reply, budget

    def _cache_flags(self, system: str, messages: list[tuple[Role, str]]) -> dict[str, bool]:
        if self.facts is None or not messages:
            return {"cache_system": False, "cache_first_user": False}
        plan = cache_plan(self.facts, system=system, first_user=messages[0][1], reasks=self.reasks)
        return {"cache_system": plan.system, "cache_first_user": plan.first_user}

    async def _call(self, request: MessageRequest, tally: Tally) -> ModelReply:
        label = request.document_id or ""
        if self.stop is not None:
            self.stop.check(label)
        warming = False
        if self.warmup is not None and request.cache_system:
            warming = await self.warmup.before_call()
            if self.stop is not None:
                self.stop.check(label)  # the warming call may have stopped the run
        try:
            return await self._call_spending(request, tally, label)
        finally:
            if warming and self.warmup is not None:
                self.warmup.finished()

    async def _call_spending(self, request: MessageRequest, tally: Tally, label: str) -> ModelReply:
        reserved = 0.0
        if self.spending is not None:
            chars = len(request.system) + sum(len(text) for _, text in request.messages)
            reserved = self.spending.reserve(label, prompt_chars=chars, max_tokens=request.max_tokens)
        cost: float | None = None
        try:
            reply = await self._call_logged(request, tally, label)
            cost = self.prices.cost(
                self.model,
                input_tokens=reply.input_tokens,
                output_tokens=reply.output_tokens,
                cache_creation_input_tokens=reply.cache_creation_input_tokens,
                cache_read_input_tokens=reply.cache_read_input_tokens,
            )
            return reply
        finally:
            if self.spending is not None:
                self.spending.settle(reserved, cost)

    async def _call_logged(self, request: MessageRequest, tally: Tally, label: str) -> ModelReply:
        started = time.perf_counter()
        try:
            reply = await self.client.create(request)
        except ModelCallError as exc:
            if self.stop is not None:
                self.stop.record(exc)
            failed = exc.failed_attempts if isinstance(exc, CallFailed) else ()
            self._log_retried(label, failed[:-1])
            self._log(label, Usage(), time.perf_counter() - started, f"error: {exc}")
            raise
        if self.stop is not None:
            self.stop.record(None)
        self._log_retried(label, reply.failed_attempts)
        usage = Usage(
            input_tokens=reply.input_tokens,
            output_tokens=reply.output_tokens,
            cache_creation_input_tokens=reply.cache_creation_input_tokens,
            cache_read_input_tokens=reply.cache_read_input_tokens,
            calls=1,
            cost_usd=self.prices.cost(
                self.model,
                input_tokens=reply.input_tokens,
                output_tokens=reply.output_tokens,
                cache_creation_input_tokens=reply.cache_creation_input_tokens,
                cache_read_input_tokens=reply.cache_read_input_tokens,
            ),
        )
        tally.usage = tally.usage + usage
        outcome = "ok" if reply.stop_reason in _DONE else str(reply.stop_reason)
        self._log(label, usage, time.perf_counter() - started, outcome)
        return reply

    def _log_retried(self, label: str, attempts: tuple[FailedAttempt, ...]) -> None:
        """Attempts that got no usable response still belong in the log, each with its outcome."""
        for attempt in attempts:
            self._log(label, Usage(), attempt.duration_s, f"retried: {attempt.outcome}")

    def _log(self, label: str, usage: Usage, duration: float, outcome: str) -> None:
        if self.log is None:
            return
        self.log(
            LogEntry(
                time=self.now().isoformat(timespec="seconds"),
                document_id=label,
                model=self.model,
                input_tokens=usage.input_tokens,
                output_tokens=usage.output_tokens,
                cache_creation_input_tokens=usage.cache_creation_input_tokens,
                cache_read_input_tokens=usage.cache_read_input_tokens,
                cost_usd=usage.cost_usd,
                duration_s=round(duration, 3),
                outcome=outcome[:300],
            )
        )


def checked_reply(reply: ModelReply, budget: int, label: str, what: str) -> ModelReply:
    """The stop_reason rules (module docstring): ``reply`` if usable, else ``ModelOutputError``.

    ``budget``: the ``max_tokens`` the reply had (named in the cut-off message); ``what``: the
    thing processed, as the refusal message names it ("this document").
    """
    if reply.stop_reason == "max_tokens":
        raise ModelOutputError(
            f"the answer was cut off at the {budget}-token limit, also after one retry with a larger budget",
            document_id=label,
            stop_reason=reply.stop_reason,
        )
    if reply.stop_reason == "refusal":
        category = f", category: {reply.refusal_category}" if reply.refusal_category else ""
        raise ModelOutputError(
            f"the model declined to process {what} (stop_reason: refusal{category})",
            document_id=label,
            stop_reason=reply.stop_reason,
        )
    if reply.stop_reason == "model_context_window_exceeded":
        raise ModelOutputError(
            "the prompt and answer passed the model's context window",
            document_id=label,
            stop_reason=reply.stop_reason,
        )
    if reply.stop_reason not in _DONE:
        raise ModelOutputError(
            f"unexpected stop_reason {reply.stop_reason!r}",
            document_id=label,
            stop_reason=reply.stop_reason,
        )
    return reply


def _fields(request: MessageRequest) -> dict[str, Any]:
    return {name: getattr(request, name) for name in MessageRequest.__slots__}
