"""Prompt caching that pays: which blocks to mark, and a first call that warms the shared prefix.

Rules (Anthropic docs, "Prompt caching"): the cached prefix runs system → messages up to and
including a block marked ``cache_control``; a prefix shorter than the model's minimum
(``models.json``) is not cached at all, yet marking it would still be a breakpoint that buys
nothing, so it is marked only when it reaches the minimum. A cache write costs 1.25× the input
price and a read 0.1×, so the document's own block is marked only when a re-ask may read it
back (``max_reasks`` > 0). A cache entry becomes readable only once the response that wrote it
has started: ``Warmup`` lets the first call of a run go alone, and the others (which share the
system prompt) start once it has answered, so they read the prefix instead of all writing it.

Token counts here are a local estimate (``estimate_tokens``: one token per four characters,
rounded down, which undercounts for newer tokenizers, so a prefix is never marked on a guess
that it is long enough when it is not).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from briefing.engines.claude.budgets import ModelFacts

CHARS_PER_TOKEN = 4


def estimate_tokens(text: str) -> int:
    """A local token estimate for ``text`` (no API call); see the module docstring."""
    return len(text) // CHARS_PER_TOKEN


@dataclass(frozen=True, slots=True)
class CachePlan:
    """Which blocks of a request carry ``cache_control``."""

    system: bool
    first_user: bool


def cache_plan(facts: ModelFacts, *, system: str, first_user: str, reasks: int) -> CachePlan:
    """Mark the system prompt when it alone reaches the model's minimum, and the first user
    message (the document) when re-asks may follow and system + document reach it."""
    system_tokens = estimate_tokens(system)
    whole = system_tokens + estimate_tokens(first_user)
    return CachePlan(
        system=system_tokens >= facts.min_cache_tokens,
        first_user=reasks > 0 and whole >= facts.min_cache_tokens,
    )


class Warmup:
    """Lets the first API call of a run go alone; every other call waits until it has answered."""

    def __init__(self, *, enabled: bool = True) -> None:
        self._done = asyncio.Event()
        self._claimed = not enabled
        if not enabled:
            self._done.set()

    async def before_call(self) -> bool:
        """Wait for the warming call if there is one; True when this call is the warming call."""
        if self._done.is_set():
            return False
        if not self._claimed:
            self._claimed = True
            return True
        await self._done.wait()
        return False

    def finished(self) -> None:
        """The warming call has answered (or failed): release the others."""
        self._done.set()
