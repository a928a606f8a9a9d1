"""One document's conversation with the model: prompt, cache lookup, answer, re-asks, splitting.

Per document: render the prompts, call the Messages API with JSON outputs (``calls.Caller``
checks ``stop_reason`` before validating; a truncated answer gets exactly one retry with a larger
budget; a refusal or an invalid answer fails that document only), map the answer to a draft, let
grounding check every quote, and send what failed back in the same conversation (at most
``max_reasks`` times). What still fails stays in the draft: the pipeline's grounding moves it to
"unverified", never the table. A document over the input budget, or one the API calls too long,
is split into parts that are extracted the same way and merged (``long_documents``).

A draft is cached only when its re-ask loop ran to its end (verified, or out of re-asks): a draft
left behind by a failed re-ask would otherwise be served as final until ``--refresh``.

The synchronous path (``extract``) and ``--batch`` (``batch_run``) share the pieces here
(``prepare``, ``cached``, ``reask_prompt``, ``parse_answer``, the chunker), so both treat a document alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.documents import Document
from pydantic import ValidationError

from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.calls import Caller, Tally
from briefing.engines.claude.client import MessageRequest, ModelReply, Role
from briefing.engines.claude.long_documents import (
    MAX_SPLIT_DEPTH,
    InputBudget,
    merge_results,
    needs_split,
    part_document,
)
from briefing.engines.claude.pricing import PriceTable
from briefing.engines.claude.prompts import Failure, PromptSet
from briefing.engines.claude.schema import DocumentAnswer, to_draft
from briefing.errors import ModelCallError, ModelOutputError
from briefing.grounding import DocumentIndex, nearest_passage, verify_extraction
from briefing.models import DraftExtraction, ExtractionFailure, Usage

MAX_FAILURES_SHOWN = 20
Result = DraftExtraction | ExtractionFailure


def document_id(document: Document) -> str:
    """The id every result and request of ``document`` carries."""
    return str(document.metadata.get("id") or document.id or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversation:
    """What one run's documents share: prompts, schema, caller, cache, input budget, settings."""

    model: str
    prompts: PromptSet
    system: str
    schema: Mapping[str, Any]
    caller: Caller
    input: InputBudget
    prices: PriceTable
    cache: ResultCache | None
    refresh: bool
    max_reasks: int
    warn: Callable[[str], None]

    def prepare(self, document: Document) -> tuple[str, str, str]:
        """(document id, the user prompt, the SHA-256 of that exact prompt: the cache key)."""
        doc_id = document_id(document)
        user = self.prompts.extract(
            document_id=doc_id,
            title=str(document.metadata.get("title") or ""),
            text=document.page_content,
            publisher=str(document.metadata.get("publisher") or ""),
            published=str(document.metadata.get("published") or ""),
        )
        return doc_id, user, hashlib.sha256(user.encode("utf-8")).hexdigest()

    def cached(self, doc_id: str, key: str) -> DraftExtraction | None:
        """The draft stored for exactly this prompt (costing nothing now), or None."""
        if self.cache is None or self.refresh:
            return None
        hit = self.cache.get(model=self.model, prompt_version=self.prompts.version, request_sha256=key)
        if hit is None:
            return None
        free = None if self.prices.price(self.model) is None else 0.0
        return replace(hit, document_id=doc_id, usage=Usage(cost_usd=free))

    def store(self, key: str, draft: DraftExtraction) -> None:
        """Cache a settled draft under its prompt's key."""
        if self.cache is not None:
            self.cache.put(
                model=self.model, prompt_version=self.prompts.version, request_sha256=key, draft=draft
            )

    def measured(self, user: str, doc_id: str) -> MessageRequest:
        """The first request as the token counter measures it (no cache marks, thinking or effort)."""
        return MessageRequest(
            model=self.model,
            max_tokens=self.caller.budget.max_tokens,
            system=self.system,
            messages=(("user", user),),
            schema=self.schema,
            document_id=doc_id,
        )

    def reask_prompt(self, draft: DraftExtraction, document: Document) -> str | None:
        """The re-ask for a draft with quotes grounding rejected, or None when everything verified."""
        failures = self._failures(draft, document, DocumentIndex(document.page_content))
        return self.prompts.reask(failures) if failures else None

    async def extract(self, document: Document, depth: int = 0) -> Result:
        """One document through the synchronous Messages API (module docstring)."""
        doc_id, user, key = self.prepare(document)
        hit = self.cached(doc_id, key)
        if hit is not None:
            return hit
        tally = Tally()
        messages: list[tuple[Role, str]] = [("user", user)]
        too_long = await self.input.tokens_if_too_long(self.measured(user, doc_id))
        if too_long is not None and depth < MAX_SPLIT_DEPTH:
            return await self._split(document, doc_id, too_long, depth)
        try:
            reply = await self._ask(messages, doc_id, tally)
            draft = parse_answer(reply, doc_id)
        except (ModelCallError, ModelOutputError) as exc:
            if needs_split(exc) and depth < MAX_SPLIT_DEPTH:
                return await self._split(document, doc_id, None, depth)
            return ExtractionFailure(document_id=doc_id, reason=str(exc), usage=tally.usage)
        index = DocumentIndex(document.page_content)
        settled = True
        for _ in range(self.max_reasks):
            failures = self._failures(draft, document, index)
            if not failures:
                break
            messages += [("assistant", reply.text), ("user", self.prompts.reask(failures))]
            try:
                reply = await self._ask(messages, doc_id, tally)
                draft = parse_answer(reply, doc_id)
            except (ModelCallError, ModelOutputError):
                settled = False  # keep the last usable draft for this run, but ask again next run
                break
        draft = replace(draft, usage=tally.usage)
        if settled:
            self.store(key, draft)
        return draft

    async def _split(self, document: Document, doc_id: str, tokens: int | None, depth: int) -> Result:
        """Extract a too-long document part by part (in order), then merge (``long_documents``)."""
        chunks = self.input.chunks(document.page_content, prompt_tokens=tokens, system=self.system)
        results = [await self.extract(part_document(document, c, len(chunks)), depth + 1) for c in chunks]
        return merge_results(doc_id, chunks, results, warn=self.warn)

    async def _ask(self, messages: list[tuple[Role, str]], doc_id: str, tally: Tally) -> ModelReply:
        return await self.caller.ask(
            system=self.system, messages=messages, schema=self.schema, label=doc_id, tally=tally
        )

    def _failures(self, draft: DraftExtraction, document: Document, index: DocumentIndex) -> list[Failure]:
        rejections = verify_extraction(draft, document).rejections
        return [
            Failure(
                field=r.field,
                value=r.value,
                quote=r.quote,
                reason=r.reason,
                passage=nearest_passage(r.quote, index) or None,
            )
            for r in rejections[:MAX_FAILURES_SHOWN]
        ]


def parse_answer(reply: ModelReply, doc_id: str) -> DraftExtraction:
    """The reply's JSON as a draft, or ``ModelOutputError`` naming the first schema problem."""
    try:
        answer = DocumentAnswer.model_validate_json(reply.text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "answer"
        raise ModelOutputError(
            f"the answer is not valid JSON for the schema ({exc.error_count()} problem(s); first: {where}: {first['msg']})",
            document_id=doc_id,
            stop_reason=reply.stop_reason,
        ) from exc
    return to_draft(answer, document_id=doc_id)
