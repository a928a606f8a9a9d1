"""Message Batches over the SDK client: submit, watch, read results (``/v1/messages/batches``).

Uses the SDK through ``AnthropicMessagesClient`` (the only module importing ``anthropic``) and its
retry policy, so a batch call that meets a 529 or a dropped connection is retried like any other.
Shapes from anthropic 2.12 ``types/messages/message_batch*.py``: results come back as JSON Lines
in no promised order, each ``succeeded`` (a full ``Message``) or ``errored``/``canceled``/``expired``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from briefing.engines.claude.client import (
    AnthropicMessagesClient,
    MessageRequest,
    ModelReply,
    reply_from_message,
    request_params,
)

BATCH_LABEL = "(message batch)"
TOO_LONG = "prompt is too long"
"""The start of the API's 400 message for a prompt over the context window."""


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """``done`` of ``total`` requests have a result; ``ended``: results can be read."""

    batch_id: str
    ended: bool
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """A request of a batch that has no message: why, and whether it was "prompt is too long"."""

    reason: str
    too_long: bool = False


class BatchClient(Protocol):
    async def submit(self, items: Sequence[tuple[str, MessageRequest]]) -> str: ...

    async def progress(self, batch_id: str) -> BatchProgress: ...

    async def results(self, batch_id: str) -> dict[str, ModelReply | BatchFailure]: ...


class AnthropicBatchClient:
    """``BatchClient`` over the Messages API (``messages.batches`` of the SDK)."""

    def __init__(self, client: AnthropicMessagesClient) -> None:
        self._client = client

    async def submit(self, items: Sequence[tuple[str, MessageRequest]]) -> str:
        """Create one batch of ``(custom_id, request)``; returns the batch id."""
        requests: list[Any] = [{"custom_id": cid, "params": request_params(r)} for cid, r in items]

        async def once() -> str:
            batch = await self._client.sdk().messages.batches.create(requests=requests)
            return batch.id

        return await self._client.retried(once, BATCH_LABEL)

    async def progress(self, batch_id: str) -> BatchProgress:
        async def once() -> BatchProgress:
            batch = await self._client.sdk().messages.batches.retrieve(batch_id)
            counts = batch.request_counts
            done = counts.succeeded + counts.errored + counts.canceled + counts.expired
            return BatchProgress(batch_id, batch.processing_status == "ended", done, done + counts.processing)

        return await self._client.retried(once, BATCH_LABEL)

    async def results(self, batch_id: str) -> dict[str, ModelReply | BatchFailure]:
        """Each request's reply by ``custom_id``, or why it has none (``BatchFailure``)."""

        async def once() -> dict[str, ModelReply | BatchFailure]:
            out: dict[str, ModelReply | BatchFailure] = {}
            decoder = await self._client.sdk().messages.batches.results(batch_id)
            async for item in decoder:
                result = item.result
                if result.type == "succeeded":
                    out[item.custom_id] = reply_from_message(result.message)
                elif result.type == "errored":
                    error = result.error.error
                    out[item.custom_id] = BatchFailure(
                        f"errored in the batch: {error.type}: {error.message}",
                        too_long=error.type == "invalid_request_error"
                        and TOO_LONG in str(error.message).lower(),
                    )
                else:
                    out[item.custom_id] = BatchFailure(f"{result.type} in the batch (not processed)")
            return out

        return await self._client.retried(once, BATCH_LABEL)
