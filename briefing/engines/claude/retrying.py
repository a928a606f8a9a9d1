"""The one retry layer of every Messages API call: which failures are tried again, and how long to wait.

The rules (``client.py``'s module docstring has the whole policy): the wait is the server's
``retry-after`` when it sent one, and a wait longer than ``max_server_wait`` fails the call at
once (``WaitTooLong``); otherwise random exponential backoff, up to 30 s, and for 529 "overloaded"
up to 120 s starting five times longer. At most ``max_attempts`` attempts, ``connect_attempts``
for a refused connection. Every failed attempt is kept so the run log can show it.

No ``anthropic`` import here: ``client.py`` (the only module that knows the SDK's exceptions)
supplies ``RetryRules``, which judge them.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import TypeVar, cast

import tenacity

from briefing.engines.claude.messages import FailedAttempt, ModelReply

Sleep = Callable[[float], Awaitable[None]]
T = TypeVar("T")

_backoff = tenacity.wait_random_exponential(multiplier=1, max=30)
_overload_backoff = tenacity.wait_random_exponential(multiplier=5, max=120)


class WaitTooLong(Exception):
    """The API asked for a ``retry-after`` longer than the configured cap."""

    def __init__(self, seconds: float, cap: float) -> None:
        super().__init__(
            f"the API asked to wait {seconds:.0f} s before retrying, more than --max-retry-wait {cap:.0f} s"
        )
        self.seconds = seconds


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryRules:
    """How the SDK's failures are judged; given by ``client.py``."""

    error: type[Exception]
    """The SDK's base exception: only these count as failed attempts."""
    transient: Callable[[BaseException], bool]
    server_wait: Callable[[BaseException | None], float | None]
    """Seconds the server asked to wait (``retry-after``), uncapped; None: it did not say."""
    overloaded: Callable[[BaseException | None], bool]
    refused: Callable[[BaseException], bool]
    """A refused connection (fewer attempts: a server that is not there rarely appears)."""
    describe: Callable[[Exception], str]
    """One attempt's failure in one line, the API key scrubbed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """``run`` calls a coroutine function under the rules above."""

    rules: RetryRules
    sleep: Sleep
    max_attempts: int
    connect_attempts: int
    max_server_wait: float

    def wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        asked = self.rules.server_wait(exc)
        if asked is not None:
            return asked
        return float((_overload_backoff if self.rules.overloaded(exc) else _backoff)(state))

    def stop(self, state: tenacity.RetryCallState) -> bool:
        exc = state.outcome.exception() if state.outcome is not None else None
        refused = exc is not None and self.rules.refused(exc)
        limit = min(self.connect_attempts, self.max_attempts) if refused else self.max_attempts
        return state.attempt_number >= limit

    def worth_retrying(self, exc: BaseException) -> bool:
        if not self.rules.transient(exc):
            return False
        asked = self.rules.server_wait(exc)
        if asked is not None and asked > self.max_server_wait:
            raise WaitTooLong(asked, self.max_server_wait) from exc
        return True

    async def run(self, call: Callable[[], Awaitable[T]], failed: list[FailedAttempt]) -> T:
        """``call()`` until it succeeds or the rules give up (the last error is re-raised).

        Each failed attempt is appended to ``failed``; a ``ModelReply`` that came after failures
        carries them in ``failed_attempts``. Raises ``WaitTooLong`` (caused by the SDK error).
        """
        retrying = tenacity.AsyncRetrying(
            retry=tenacity.retry_if_exception(self.worth_retrying),
            wait=self.wait,
            stop=self.stop,
            reraise=True,
            sleep=self.sleep,
        )
        async for attempt in retrying:
            with attempt:
                started = time.perf_counter()
                try:
                    reply = await call()
                except self.rules.error as exc:
                    elapsed = round(time.perf_counter() - started, 3)
                    failed.append(FailedAttempt(self.rules.describe(exc), elapsed))
                    raise
                if isinstance(reply, ModelReply) and failed:
                    return cast(T, replace(reply, failed_attempts=tuple(failed)))
                return reply
        raise AssertionError("unreachable: tenacity either returns or re-raises")
