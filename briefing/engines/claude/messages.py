"""What one Messages API call sends and gets back, independent of the SDK (no ``anthropic`` import).

``client.py`` turns these into SDK calls; the engine, its tests and fakes use only these shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from briefing.errors import ModelCallError

Role = Literal["user", "assistant"]
Fault = Literal["auth", "permission", "connection", "too_long"]


@dataclass(frozen=True, slots=True)
class MessageRequest:
    """Everything one call sends. It holds no clock, path or random id, so bodies are reproducible."""

    model: str
    max_tokens: int
    system: str
    messages: tuple[tuple[Role, str], ...]
    schema: Mapping[str, Any]
    document_id: str | None = None
    thinking: Mapping[str, str] | None = None
    """``{"type": "adaptive", "display": "omitted"}`` or ``{"type": "disabled"}``; None: not sent."""
    effort: str | None = None
    """``output_config.effort``; None: not sent (the model's default applies)."""
    cache_system: bool = True
    """Mark the system prompt with ``cache_control`` (only when it reaches the model's minimum)."""
    cache_first_user: bool = False
    """Mark the first user message (the document) so that re-asks read it from the cache."""


@dataclass(frozen=True, slots=True)
class FailedAttempt:
    """One attempt that got no usable response: what went wrong and how long it took."""

    outcome: str
    duration_s: float


@dataclass(frozen=True, slots=True)
class ModelReply:
    text: str
    stop_reason: str | None
    model: str
    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    thinking_tokens: int = 0
    """Output tokens spent thinking (``usage.output_tokens_details``); part of ``output_tokens``."""
    refusal_category: str | None = None
    """``stop_details.category`` of a refusal (cyber, bio, ...), when the API names one."""
    failed_attempts: tuple[FailedAttempt, ...] = ()
    """Attempts that failed before this one succeeded (retried faults), oldest first."""


class CallFailed(ModelCallError):
    """A call given up for good; ``failed_attempts`` holds every attempt, the last one included."""

    def __init__(
        self,
        message: str,
        *,
        document_id: str | None,
        failed_attempts: tuple[FailedAttempt, ...],
        fault: Fault | None = None,
    ) -> None:
        super().__init__(message, document_id=document_id, attempts=len(failed_attempts))
        self.failed_attempts = failed_attempts
        self.fault: Fault | None = fault
        """What kind of failure, when it says something about the whole run (or the request size)."""


class MessagesClient(Protocol):
    """The narrow interface the engine needs; tests may implement it with canned replies."""

    async def create(self, request: MessageRequest) -> ModelReply: ...

    async def count_tokens(self, request: MessageRequest) -> int: ...

    async def aclose(self) -> None: ...
