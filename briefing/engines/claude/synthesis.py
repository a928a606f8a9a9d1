"""The executive summary written by Claude, citing only evidence ids the program has verified.

Implements ``briefing.consolidate.summary.Synthesizer``: one structured call over the verified
evidence digests; every sentence must cite ids from that evidence and must not state a disputed
value as settled. Sentences citing unknown ids (or nothing), or settling a disputed value, go back once in the same conversation with the reason; what is still wrong after that
one re-ask is dropped and reported in ``SynthesisResult.dropped``, never printed. A failed call
raises ``ModelCallError``/``ModelOutputError`` so the caller can fall back to the offline summary.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime

from pydantic import ValidationError

from briefing.consolidate.summary import EvidenceDigest, SynthesisResult, validate_summary
from briefing.engines.claude.cache import ResultCache
from briefing.engines.claude.calls import Caller, Tally
from briefing.engines.claude.client import MessagesClient, ModelReply, Role
from briefing.engines.claude.config import (
    SUMMARY_SCHEMA,
    CallerParts,
    ClaudeConfig,
    add_warning,
    caller_for,
    default_client,
    load_prompts,
    utc_now,
)
from briefing.engines.claude.pricing import load_price_table
from briefing.engines.claude.prompts import Problem
from briefing.engines.claude.schema import SummaryAnswer
from briefing.engines.claude.spending import Spending
from briefing.engines.claude.stop import RunStop
from briefing.errors import ModelCallError, ModelOutputError
from briefing.models import SummarySentence, Usage

SUMMARY_LABEL = "(executive summary)"
"""How the run log names the synthesis call."""


class ClaudeSynthesizer:
    def __init__(
        self,
        config: ClaudeConfig,
        *,
        client: MessagesClient | None = None,
        now: Callable[[], datetime] = utc_now,
        warnings: list[str] | None = None,
        stop: RunStop | None = None,
        spending: Spending | None = None,
    ) -> None:
        self.config = config
        self.warnings: list[str] = [] if warnings is None else warnings
        """Cache problems that cost nothing but the cache; shared with the engine that made this."""
        self._client = client or default_client(config)
        self._now = now
        self._prompts = load_prompts(config.prompts_dir)
        self._prices = load_price_table(config.price_table)
        self._stop = stop
        self._spending = spending

    def synthesize(self, evidence: Sequence[EvidenceDigest]) -> SynthesisResult:
        if not evidence:
            return SynthesisResult(())
        return asyncio.run(self._run(evidence))

    async def _run(self, evidence: Sequence[EvidenceDigest]) -> SynthesisResult:
        cache = (
            ResultCache(self.config.cache_path, now=self._now, warn=self._warn)
            if self.config.cache_path
            else None
        )
        parts = CallerParts(
            client=self._client,
            prices=self._prices,
            now=self._now,
            cache=cache,
            stop=self._stop,
            spending=self._spending,
        )
        caller = caller_for(self.config, parts, reasks=min(self.config.max_reasks, 1))
        system = self._prompts.synthesis_system()
        messages: list[tuple[Role, str]] = [("user", self._prompts.synthesize([_view(e) for e in evidence]))]
        key = hashlib.sha256((system + "\0" + messages[0][1]).encode("utf-8")).hexdigest()
        cache_key = {"model": self.config.model, "prompt_version": self._prompts.version, "input_sha256": key}
        if cache is not None and not self.config.refresh:
            hit = cache.get_synthesis(**cache_key)
            if hit is not None:
                await self._client.aclose()
                cache.close()
                free = None if self._prices.price(self.config.model) is None else 0.0
                return SynthesisResult(tuple(SummarySentence(t, c) for t, c in hit), Usage(cost_usd=free))
        tally = Tally()
        try:
            reply = await self._ask(caller, system, messages, tally)
            kept, dropped = validate_summary(_parse(reply), evidence)
            settled = True
            if dropped and self.config.max_reasks > 0:
                problems = [Problem(d.sentence.text, d.reason) for d in dropped]
                messages += [("assistant", reply.text), ("user", self._prompts.synthesis_reask(problems))]
                try:
                    reply = await self._ask(caller, system, messages, tally)
                    kept, dropped = validate_summary(_parse(reply), evidence)
                except (ModelCallError, ModelOutputError):
                    # keep the first answer's valid sentences for this run, but do not cache them
                    settled = False
            if cache is not None and settled:  # an empty summary is an answer too: never ask again
                cache.put_synthesis(**cache_key, sentences=[(k.text, k.citations) for k in kept])
            return SynthesisResult(kept, tally.usage, dropped)
        finally:
            await self._client.aclose()
            if cache is not None:
                cache.close()

    def _warn(self, message: str) -> None:
        add_warning(self.warnings, message)

    async def _ask(
        self, caller: Caller, system: str, messages: list[tuple[Role, str]], tally: Tally
    ) -> ModelReply:
        return await caller.ask(
            system=system,
            messages=messages,
            schema=SUMMARY_SCHEMA,
            label=SUMMARY_LABEL,
            tally=tally,
            what="the executive summary",
        )


def _view(e: EvidenceDigest) -> dict[str, str]:
    # a disputed figure or name says what it measures ("figure: term (years)"), so that the model
    # keeps a term and a value apart just as validate_summary does
    measured = e.measure and not e.measure.lower().startswith(e.field.lower())
    return {
        "id": e.id,
        "document_id": e.document_id,
        "topic": e.topic,
        "field": f"{e.field}: {e.measure}" if measured else e.field,
        "value": e.value,
        "quote": e.quote,
    }


def _parse(reply: ModelReply) -> list[SummarySentence]:
    try:
        answer = SummaryAnswer.model_validate_json(reply.text)
    except ValidationError as exc:
        raise ModelOutputError(
            f"the summary answer is not valid JSON for the schema ({exc.error_count()} problem(s))",
            document_id=SUMMARY_LABEL,
            stop_reason=reply.stop_reason,
        ) from exc
    return [SummarySentence(s.text, tuple(s.citations)) for s in answer.sentences]
