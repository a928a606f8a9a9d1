"""Ellipsis quotes ("A ... B"): every part must be in the source, in order, and close together.

An ellipsis lets a writer drop words, not stitch together sentences from different paragraphs. So
each segment must match (after normalisation) and each must start within ``MAX_GAP`` characters
after the previous one ends; a quote whose parts are far apart or out of order is rejected with a
reason saying which.
"""

from __future__ import annotations

import re

from briefing.grounding.normalize import Normalized
from briefing.grounding.result import QuoteMatch, choose, is_short, not_found
from briefing.models import Span

MAX_GAP = 300
_ELLIPSIS = re.compile(r"\[?\.{3,}\]?")


def split_segments(norm_quote: str) -> list[str]:
    """The non-empty parts of a normalised quote between ellipses ("..." after NFKC)."""
    return [part.strip(" ,;") for part in _ELLIPSIS.split(norm_quote) if part.strip(" ,;")]


def find_all(haystack: str, needle: str) -> list[int]:
    """Every (possibly overlapping) start of ``needle`` in ``haystack``."""
    found: list[int] = []
    i = haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def match_ellipsis(segments: list[str], norm: Normalized, *, hint: Span | None) -> QuoteMatch:
    """Step 3 of the ladder, for a quote already split into two or more segments."""
    places: list[list[Span]] = []
    for k, seg in enumerate(segments, start=1):
        spans = [Span(*norm.span(i, i + len(seg))) for i in find_all(norm.text, seg)]
        if not spans:
            return not_found(
                f"ellipsis quote: segment {k} of {len(segments)} ('{_clip(seg)}') is not in the source"
            )
        places.append(spans)
    chains = [c for c in (_chain(first, places[1:]) for first in places[0]) if c is not None]
    if not chains:
        return not_found(_why_no_chain(places))
    whole = [Span(c[0].start, c[-1].end) for c in chains]
    short = is_short(" ".join(segments))
    result = choose(
        "ellipsis", whole, short=short, hint=hint, reason=f"{len(segments)} segments matched in order"
    )
    if not result.verified:
        return result
    chain = chains[whole.index(Span(result.start or 0, result.end or 0))]
    return QuoteMatch(
        "ellipsis",
        result.start,
        result.end,
        result.score,
        result.reason,
        result.candidates,
        tuple(chain),
    )


def _chain(first: Span, rest: list[list[Span]]) -> list[Span] | None:
    chain = [first]
    for spans in rest:
        prev = chain[-1].end
        following = [s for s in spans if prev <= s.start <= prev + MAX_GAP]
        if not following:
            return None
        chain.append(following[0])
    return chain


def _why_no_chain(places: list[list[Span]]) -> str:
    """Say whether the segments were out of order or too far apart, for the re-ask message."""
    for k in range(1, len(places)):
        prev_ends = [s.end for s in places[k - 1]]
        starts = [s.start for s in places[k]]
        if not any(st >= e for st in starts for e in prev_ends):
            return (
                f"ellipsis quote: segment {k + 1} occurs only before segment {k} in the source (out of order)"
            )
        gap = min(st - e for st in starts for e in prev_ends if st >= e)
        if gap > MAX_GAP:
            return (
                f"ellipsis quote: segments {k} and {k + 1} are {gap} characters apart in the source "
                f"(at most {MAX_GAP} allowed)"
            )
    return f"ellipsis quote: the segments never occur in order within {MAX_GAP} characters of each other"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
