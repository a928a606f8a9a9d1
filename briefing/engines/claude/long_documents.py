"""When a document is too long for one request, and how its parts come back together.

``InputBudget`` decides: the model's input budget is its context window less the output budget
and a margin, capped at ``chunk_tokens`` (an extraction answer of a few thousand tokens cannot
do justice to more text than that). A prompt whose local estimate is under half the budget is
sent as is; a longer one is counted with ``POST /v1/messages/count_tokens`` (free) and split
when the count passes the budget (if counting fails, the local estimate decides). A 400 "prompt
is too long" or the ``model_context_window_exceeded`` stop reason also leads to splitting
(``needs_split``), never to a failed document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from langchain_core.documents import Document

from briefing.engines.claude.budgets import ModelFacts
from briefing.engines.claude.caching import estimate_tokens
from briefing.engines.claude.chunking import Chunk, map_draft, merge_drafts, split_text
from briefing.engines.claude.client import CallFailed, MessageRequest, MessagesClient
from briefing.errors import ModelCallError, ModelOutputError
from briefing.models import DraftExtraction, ExtractionFailure

CHUNK_TOKENS = 100_000
"""Default largest prompt per extraction call, in tokens (``ClaudeConfig.chunk_tokens``)."""
MARGIN_TOKENS = 2_000
MAX_SPLIT_DEPTH = 3
OVERLAP_SHARE = 0.05
"""Each chunk repeats about this share of the one before it."""
CONTEXT_EXCEEDED = "model_context_window_exceeded"

Result = DraftExtraction | ExtractionFailure


def needs_split(exc: Exception) -> bool:
    """Whether a failed call means "this prompt is too long" rather than a fault."""
    if isinstance(exc, CallFailed):
        return exc.fault == "too_long"
    return isinstance(exc, ModelOutputError) and exc.stop_reason == CONTEXT_EXCEEDED


class InputBudget:
    """Measures prompts against the model's input budget (see the module docstring)."""

    def __init__(
        self, client: MessagesClient, facts: ModelFacts, *, max_tokens: int, chunk_tokens: int | None
    ) -> None:
        self._client = client
        self.limit = max(
            1_000, min(facts.context_window - max_tokens - MARGIN_TOKENS, chunk_tokens or CHUNK_TOKENS)
        )

    async def tokens_if_too_long(self, request: MessageRequest) -> int | None:
        """The prompt's token count when it passes the budget, else None."""
        estimate = estimate_tokens(request.system) + sum(estimate_tokens(t) for _, t in request.messages)
        if estimate * 2 <= self.limit:
            return None
        try:
            tokens = await self._client.count_tokens(request)
        except ModelCallError:
            tokens = estimate
        return tokens if tokens > self.limit else None

    def chunks(self, text: str, *, prompt_tokens: int | None, system: str) -> list[Chunk]:
        """Chunks of ``text`` that each fit the budget, from the measured chars-per-token ratio."""
        system_tokens = estimate_tokens(system)
        text_tokens = max(1, (prompt_tokens or 2 * (system_tokens + estimate_tokens(text))) - system_tokens)
        chars_per_token = len(text) / text_tokens
        room = max(500, self.limit - system_tokens - MARGIN_TOKENS)
        chunk_chars = max(1_000, int(room * chars_per_token * 0.9))
        if prompt_tokens is None:  # the API said "too long" without a count: at least halve
            chunk_chars = min(chunk_chars, max(1_000, len(text) // 2 + 1))
        return split_text(text, chunk_chars=chunk_chars, overlap_chars=int(chunk_chars * OVERLAP_SHARE))


def part_document(document: Document, chunk: Chunk, count: int) -> Document:
    """The chunk as a document of its own: same id and metadata, "(part i of n)" in the title."""
    title = str(document.metadata.get("title") or "")
    label = f"part {chunk.index + 1} of {count}"
    metadata = dict(document.metadata) | {"title": f"{title} ({label})" if title else label}
    return Document(page_content=chunk.text, metadata=metadata)


def merge_results(
    document_id: str,
    chunks: Sequence[Chunk],
    results: Sequence[Result],
    *,
    warn: Callable[[str], None],
) -> Result:
    """One result for the document: the parts' drafts merged (hints in whole-document offsets).

    A failed part is reported through ``warn`` and the rest is kept; only when every part failed
    is the document a failure.
    """
    drafts: list[DraftExtraction] = []
    failed: list[str] = []
    for chunk, result in zip(chunks, results, strict=True):
        if isinstance(result, DraftExtraction):
            drafts.append(map_draft(result, chunk))
        else:
            failed.append(f"part {chunk.index + 1}: {result.reason}")
    if not drafts:
        usage = sum((r.usage for r in results), start=results[0].usage.__class__())
        return ExtractionFailure(
            document_id, "every part of the long document failed: " + "; ".join(failed), usage
        )
    for reason in failed:
        warn(f"{document_id}: {len(chunks)} parts, {reason}")
    return merge_drafts(document_id, drafts)
