"""The one module that imports ``anthropic``: one Messages API call, retried, with errors wrapped once.

Retry policy (one layer only; the loop and its waits are in ``retrying.py``). The SDK's own retries
are switched off (``max_retries=0``) and tenacity owns every HTTP retry, so attempts never
multiply. Retried: 429 rate limits, 408, 409, every 5xx including 529 "overloaded", timeouts and
network faults (a refused connection only 3 times in all); waits honour ``retry-after`` up to
``--max-retry-wait``. Never retried: any other 4xx (a bad request stays bad), spend-limit 429s,
and any response carrying ``x-should-retry: false``. An exception raised *inside* the transport
that is not a network fault (for example a test's cassette miss) is a bug, not a flaky network:
it is neither retried nor wrapped. Everything else that fails for good becomes ``CallFailed``
(a ``ModelCallError``) with the API key scrubbed, every failed attempt (``failed_attempts``) and
a ``fault`` (``auth``, ``permission``, ``connection``, ``too_long`` or None) so the engine can
stop a run that cannot succeed or split a document that is too long.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import anthropic
import httpx2
from anthropic.types import MessageParam, TextBlockParam
from pydantic import BaseModel

from briefing.engines.claude.messages import (
    CallFailed,
    FailedAttempt,
    Fault,
    MessageRequest,
    MessagesClient,
    ModelReply,
    Role,
)
from briefing.engines.claude.request_body import prompt_blocks, request_params
from briefing.engines.claude.retrying import RetryPolicy, RetryRules, Sleep, WaitTooLong

__all__ = [
    "CONNECT_ATTEMPTS",
    "DEFAULT_TIMEOUT",
    "MAX_ATTEMPTS",
    "MAX_SERVER_WAIT",
    "AnthropicMessagesClient",
    "CallFailed",
    "FailedAttempt",
    "Fault",
    "MessageRequest",
    "MessagesClient",
    "ModelReply",
    "Role",
    "output_schema",
    "reply_from_message",
    "request_params",
]

T = TypeVar("T")

MAX_ATTEMPTS = 6
CONNECT_ATTEMPTS = 3
"""Attempts for a refused connection: a server that is not there rarely appears within seconds."""
MAX_SERVER_WAIT = 600.0
"""Default cap on a ``retry-after`` the engine will honour (``--max-retry-wait``)."""
DEFAULT_TIMEOUT = 300.0
"""Seconds one HTTP request may take (``--timeout``)."""
_NON_RETRYABLE = (anthropic.EnforcedSpendLimitReachedError, anthropic.ContractSpendLimitReachedError)
_RETRYABLE = (
    anthropic.RateLimitError,
    anthropic.InternalServerError,
    anthropic.RequestTimeoutError,
    anthropic.ConflictError,
)


def output_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON-outputs schema for a pydantic model, transformed exactly as the SDK's parse() does."""
    return anthropic.transform_schema(model)


def is_transient(exc: BaseException) -> bool:
    """Whether a failed call is worth another attempt (see the module docstring)."""
    if isinstance(exc, _NON_RETRYABLE):
        return False
    if isinstance(exc, anthropic.APIStatusError):
        if exc.response.headers.get("x-should-retry") == "false":
            return False
        return isinstance(exc, _RETRYABLE)
    if isinstance(exc, anthropic.APIConnectionError):
        return exc.__cause__ is None or isinstance(exc.__cause__, httpx2.TransportError)
    return False


def server_wait(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait, from ``retry-after-ms`` or ``retry-after`` (uncapped)."""
    if not isinstance(exc, anthropic.APIStatusError):
        return None
    for header, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        raw = exc.response.headers.get(header)
        if raw is None:
            continue
        try:
            seconds = float(raw) / scale
        except ValueError:
            continue
        if math.isfinite(seconds) and seconds >= 0:
            return seconds
    return None


def is_overloaded(exc: BaseException | None) -> bool:
    """HTTP 529: the API as a whole is overloaded (``overloaded_error``)."""
    return isinstance(exc, anthropic.APIStatusError) and exc.status_code == 529


def fault_of(exc: BaseException) -> Fault | None:
    """The run-level meaning of a final failure (see the module docstring), or None."""
    if isinstance(exc, anthropic.AuthenticationError):
        return "auth"
    if isinstance(exc, anthropic.PermissionDeniedError):
        return "permission"
    if isinstance(exc, anthropic.APIConnectionError) and not isinstance(exc, anthropic.APITimeoutError):
        return "connection" if isinstance(exc.__cause__, httpx2.ConnectError) else None
    if isinstance(exc, anthropic.BadRequestError) and "prompt is too long" in str(exc.message).lower():
        return "too_long"
    return None


class AnthropicMessagesClient:
    """Calls ``POST /v1/messages`` through ``AsyncAnthropic`` with JSON outputs and prompt caching.

    The SDK client is created lazily and dropped by ``aclose`` so that each ``asyncio.run`` of the
    engine gets a connection pool bound to its own event loop. ``transport`` lets tests use
    ``httpx2.MockTransport``; ``sleep`` lets them observe the retry waits without waiting.
    """

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        transport: httpx2.AsyncBaseTransport | None = None,
        sleep: Sleep | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        timeout: float = DEFAULT_TIMEOUT,
        max_server_wait: float = MAX_SERVER_WAIT,
    ) -> None:
        self._api_key = api_key
        self._base_url = base_url
        self._transport = transport
        self._sleep: Sleep = sleep if sleep is not None else asyncio.sleep
        self._max_attempts = max_attempts
        self._timeout = timeout
        self._max_server_wait = max_server_wait
        self._client: anthropic.AsyncAnthropic | None = None

    def _sdk(self) -> anthropic.AsyncAnthropic:
        if self._client is None:
            http_client = (
                httpx2.AsyncClient(transport=self._transport) if self._transport is not None else None
            )
            self._client = anthropic.AsyncAnthropic(
                api_key=self._api_key,
                base_url=self._base_url,
                max_retries=0,
                timeout=httpx2.Timeout(self._timeout, connect=10.0),
                http_client=http_client,
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()

    def _policy(self) -> RetryPolicy:
        rules = RetryRules(
            error=anthropic.AnthropicError,
            transient=is_transient,
            server_wait=server_wait,
            overloaded=is_overloaded,
            refused=lambda exc: fault_of(exc) == "connection",
            describe=lambda exc: self._describe(cast(anthropic.AnthropicError, exc)),
        )
        return RetryPolicy(
            rules=rules,
            sleep=self._sleep,
            max_attempts=self._max_attempts,
            connect_attempts=CONNECT_ATTEMPTS,
            max_server_wait=self._max_server_wait,
        )

    async def create(self, request: MessageRequest) -> ModelReply:
        async def once() -> ModelReply:
            message = await self._sdk().messages.create(**request_params(request))
            return reply_from_message(message)

        return await self.retried(once, request.document_id)

    def sdk(self) -> anthropic.AsyncAnthropic:
        """The SDK client (created on first use; ``aclose`` drops it)."""
        return self._sdk()

    async def retried(self, call: Callable[[], Awaitable[T]], document_id: str | None) -> T:
        """``call()`` under the retry policy; failures wrapped as ``CallFailed`` naming ``document_id``."""
        failed: list[FailedAttempt] = []
        try:
            return await self._policy().run(call, failed)
        except anthropic.APIConnectionError as exc:
            if not is_transient(exc):
                raise  # not a network fault: let the caller (or the test harness) see it unwrapped
            raise self._wrap(exc, document_id, tuple(failed)) from exc
        except anthropic.AnthropicError as exc:
            raise self._wrap(exc, document_id, tuple(failed)) from exc
        except WaitTooLong as exc:
            cause = exc.__cause__
            detail = self._describe(cause) if isinstance(cause, anthropic.AnthropicError) else ""
            message = f"model call failed after {len(failed)} attempt(s): {detail}; {exc}"
            raise CallFailed(message, document_id=document_id, failed_attempts=tuple(failed)) from exc

    async def count_tokens(self, request: MessageRequest) -> int:
        """Input tokens of ``request`` from ``POST /v1/messages/count_tokens`` (free; not retried)."""
        system, messages = prompt_blocks(request)
        try:
            counted = await self._sdk().messages.count_tokens(
                model=request.model,
                system=cast(list[TextBlockParam], system),
                messages=cast(list[MessageParam], messages),
                output_config={"format": {"type": "json_schema", "schema": dict(request.schema)}},
            )
        except anthropic.AnthropicError as exc:
            raise self._wrap(exc, request.document_id, ()) from exc
        return counted.input_tokens

    def _describe(self, exc: anthropic.AnthropicError) -> str:
        """One attempt's failure, key scrubbed (``HTTP 529 ...`` or ``APIConnectionError: ...``)."""
        if isinstance(exc, anthropic.APIStatusError):
            detail = f"HTTP {exc.status_code} {type(exc).__name__}: {exc.message}"
        else:
            detail = f"{type(exc).__name__}: {exc}"
        return self._scrub(detail)

    def _scrub(self, text: str) -> str:
        return text.replace(self._api_key, "[api key]") if self._api_key else text

    def _wrap(
        self, exc: anthropic.AnthropicError, document_id: str | None, failed: tuple[FailedAttempt, ...]
    ) -> CallFailed:
        attempts = max(len(failed), 1)
        tries = "attempt" if attempts == 1 else "attempts"
        detail = self._describe(exc)
        if isinstance(exc, anthropic.APIConnectionError):
            message = (
                f"no response from {self._scrub(server_address(exc.request.url))} after {attempts} {tries} "
                f"({detail}); check the network connection, or ANTHROPIC_BASE_URL if the API should be "
                "reached through another server"
            )
        else:
            message = f"model call failed after {attempts} {tries}: {detail}"
        return CallFailed(message, document_id=document_id, failed_attempts=failed, fault=fault_of(exc))


def reply_from_message(message: anthropic.types.Message) -> ModelReply:
    """The parts of a ``Message`` the engine reads: text blocks (thinking skipped), stop, usage."""
    usage = message.usage
    details = message.stop_details
    return ModelReply(
        text="".join(block.text for block in message.content if block.type == "text"),
        stop_reason=message.stop_reason,
        model=message.model,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cache_creation_input_tokens=usage.cache_creation_input_tokens or 0,
        cache_read_input_tokens=usage.cache_read_input_tokens or 0,
        thinking_tokens=usage.output_tokens_details.thinking_tokens if usage.output_tokens_details else 0,
        refusal_category=details.category if details is not None else None,
    )


def server_address(url: httpx2.URL) -> str:
    """Scheme, host, port and path of ``url``: user info and query (where keys hide) are dropped."""
    return str(url.copy_with(userinfo=b"", query=None, fragment=None))
