"""One request's journey through the batch rounds of ``--batch``, and the parts of a split document.

A ``BatchJob`` is a whole document or one part of a long one. After each round its reply decides
what follows, by the same rules as the synchronous path (``conversation``, ``calls``):

- a usable answer whose quotes all verify (or that is out of re-asks) is finished and cached;
  one with rejected quotes is re-asked in the next round, in the same conversation;
- an answer cut off at ``max_tokens`` is asked again once, with twice the budget (capped where
  the SDK would demand streaming), in the next round;
- "prompt is too long" (an errored result) or ``model_context_window_exceeded`` splits the
  request with the same chunker; each part is a job of its own, and a ``PartsOf`` merges their
  results (offsets mapped back to the whole document) once the last one is in;
- anything else (a refusal, an invalid answer, a batch error) finishes the job with its reason,
  keeping an earlier usable draft if there was one (not cached, so the next run asks again).

``custom_id`` is the document id (made safe, at most 40 characters), then ``p`` and the part's
chunk indices for a part (``p2_0``: part 1 of part 3), then 16 hex digits of the SHA-256 of the
request body: the same request always gets the same id, and results are joined by it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from langchain_core.documents import Document

from briefing.engines.claude.batch_client import BatchFailure, BatchProgress
from briefing.engines.claude.budgets import MAX_NON_STREAMING_TOKENS
from briefing.engines.claude.chunking import Chunk
from briefing.engines.claude.client import MessageRequest, ModelReply, Role
from briefing.engines.claude.long_documents import merge_results
from briefing.engines.claude.request_body import request_params
from briefing.models import DraftExtraction, ExtractionFailure, Usage

Result = DraftExtraction | ExtractionFailure
Deliver = Callable[[Result], None]
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
MAX_CUSTOM_ID = 64
"""The Message Batches API's limit on ``custom_id`` (``^[a-zA-Z0-9_-]{1,64}$``)."""


def custom_id(document_id: str, request: MessageRequest, part: Sequence[int] = ()) -> str:
    """``<safe document id>[-p<i>_<j>...]-<16 hex of the request body hash>`` (module docstring)."""
    body = json.dumps(request_params(request), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    head = _UNSAFE.sub("_", document_id)[:40]
    if part:
        room = MAX_CUSTOM_ID - len(head) - len(digest) - 3
        head += "-p" + "_".join(str(i) for i in part)[:room]
    return head + "-" + digest


def terminal_progress(progress: BatchProgress, wait: float) -> None:
    """One line on a terminal per poll (nothing when stderr is not a terminal)."""
    if sys.stderr.isatty():
        state = "ended" if progress.ended else f"next check in {wait:.0f} s"
        print(
            f"briefing: message batch {progress.batch_id}: {progress.done}/{progress.total} done, {state}",
            file=sys.stderr,
        )


@dataclass
class BatchJob:
    """One conversation (a document or a part of one) through the batch rounds."""

    document: Document
    doc_id: str
    key: str
    messages: list[tuple[Role, str]]
    deliver: Deliver
    """Where the finished result goes: the run's result list, or the ``PartsOf`` of a split."""
    depth: int = 0
    part: tuple[int, ...] = ()
    usage: Usage = field(default_factory=Usage)
    draft: DraftExtraction | None = None
    settled: bool = True
    reasks: int = 0
    max_tokens: int | None = None
    """A larger budget for the retry of a cut-off answer; None: the run's budget."""

    def request(self, base: MessageRequest) -> MessageRequest:
        """``base`` (the run's request for these messages) with this job's budget."""
        return base if self.max_tokens is None else replace(base, max_tokens=self.max_tokens)

    def retry_cut(self, budget: int) -> bool:
        """Ask again with twice ``budget`` if this turn was not already retried; False: give up."""
        if self.max_tokens is not None or budget >= MAX_NON_STREAMING_TOKENS:
            return False
        self.max_tokens = min(budget * 2, MAX_NON_STREAMING_TOKENS)
        return True

    def continue_with(self, reply: ModelReply, prompt: str) -> None:
        """Add a re-ask turn (which gets its own cut-off retry)."""
        self.messages = [*self.messages, ("assistant", reply.text), ("user", prompt)]
        self.reasks += 1
        self.max_tokens = None

    def failure_reason(self, reply: ModelReply | BatchFailure | None) -> str:
        if isinstance(reply, BatchFailure):
            return reply.reason
        if reply is None:
            return "no result came back for this request"
        return f"the batch answer was not usable (stop_reason: {reply.stop_reason})"


@dataclass
class PartsOf:
    """The parts of one split request; merges their results into one when the last arrives."""

    doc_id: str
    chunks: Sequence[Chunk]
    deliver: Deliver
    warn: Callable[[str], None]
    results: dict[int, Result] = field(default_factory=dict)

    def slot(self, index: int) -> Deliver:
        def put(result: Result) -> None:
            self.results[index] = result
            if len(self.results) == len(self.chunks):
                ordered = [self.results[c.index] for c in self.chunks]
                self.deliver(merge_results(self.doc_id, self.chunks, ordered, warn=self.warn))

        return put
