"""The outcome of locating one quote: a status, a span and a reason, never a bare boolean."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.models import VERIFIED_STATUSES, MatchStatus, Span

SHORT_QUOTE_CHARS = 20
SHORT_QUOTE_WORDS = 4


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quote was found in a text and how.

    ``start``/``end`` index the original text (``None`` when not located). For an ellipsis quote
    they run from the first segment's start to the last segment's end and ``segments`` holds each
    part. ``candidates`` lists every place an ambiguous (or repeated) quote occurs. ``nearest`` is
    the closest passage seen when nothing matched well enough, so an error message can show it.
    """

    status: MatchStatus
    start: int | None = None
    end: int | None = None
    score: float = 0.0
    reason: str = ""
    candidates: tuple[Span, ...] = ()
    segments: tuple[Span, ...] = ()
    nearest: Span | None = None

    @property
    def verified(self) -> bool:
        return self.status in VERIFIED_STATUSES

    @property
    def span(self) -> Span | None:
        if self.start is None or self.end is None:
            return None
        return Span(self.start, self.end)


def not_found(reason: str, *, score: float = 0.0, nearest: Span | None = None) -> QuoteMatch:
    return QuoteMatch("not_found", score=score, reason=reason, nearest=nearest)


def is_short(normalized_quote: str) -> bool:
    """Short quotes ("the agreement") are too generic to place when they occur more than once."""
    return len(normalized_quote) < SHORT_QUOTE_CHARS or len(normalized_quote.split()) < SHORT_QUOTE_WORDS


def pick(candidates: Sequence[Span], hint: Span | None) -> int | None:
    """The candidate the hint points at: the one equal to it, else the only one overlapping it."""
    if hint is None:
        return None
    for i, c in enumerate(candidates):
        if c == hint:
            return i
    overlapping = [i for i, c in enumerate(candidates) if c.start < hint.end and hint.start < c.end]
    return overlapping[0] if len(overlapping) == 1 else None


def choose(
    status: MatchStatus,
    candidates: Sequence[Span],
    *,
    short: bool,
    hint: Span | None,
    reason: str,
    score: float = 100.0,
) -> QuoteMatch:
    """Turn every place a quote occurs into one match, or into ``ambiguous`` for a short quote."""
    cands = tuple(candidates)
    if len(cands) == 1:
        return QuoteMatch(status, cands[0].start, cands[0].end, score, reason, cands)
    chosen = pick(cands, hint)
    where = ", ".join(f"{c.start}-{c.end}" for c in cands[:10]) + (" ..." if len(cands) > 10 else "")
    if chosen is None and short:
        return QuoteMatch(
            "ambiguous",
            score=score,
            reason=f"short quote occurs {len(cands)} times (at {where}); quote more context to place it",
            candidates=cands,
        )
    how = "the hint picked one" if chosen is not None else "using the first"
    c = cands[chosen or 0]
    note = f"occurs {len(cands)} times (at {where}); {how}"
    return QuoteMatch(status, c.start, c.end, score, f"{reason}; {note}" if reason else note, cands)
