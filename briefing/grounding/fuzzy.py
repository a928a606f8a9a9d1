"""Guarded fuzzy matching: find the few passages a quote could be, then score only those.

Scanning every window of a document costs the square of its length. Instead the quote's rarest
words (by their count in this document) vote for where the quote would start; only the best few
positions are scored with rapidfuzz, over word-aligned windows a few words wider than the quote.
Cost per quote is bounded by the quote, not the document. A high score is not enough: the match
must also carry the same critical tokens as the quote (see ``critical``).
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from briefing.grounding.critical import critical_difference
from briefing.grounding.normalize import Normalized
from briefing.grounding.result import QuoteMatch, not_found, pick
from briefing.models import Span

FUZZY_THRESHOLD = 95.0
MIN_FUZZY_CHARS = 20
MIN_FUZZY_WORDS = 4
_ANCHORS = 6
_MAX_POSTINGS = 200  # a word seen more often than this says nothing about where a quote is
_CANDIDATES = 6
_TOKEN = re.compile(r"\w+")
# A negation right against a passage (no sentence break between) belongs to what the passage says:
# a quote that matches "… memorandum" out of "did not — memorandum …" would drop it.
_NEGATION_BEFORE = re.compile(r"(?:\b(?:not|never|no|nor|without|cannot)|n['’]t)[\s,;:—–-]*$", re.IGNORECASE)
_NEGATION_AFTER = re.compile(r"^[\s,;:—–-]*(?:not|never|no|nor|without)\b", re.IGNORECASE)


@dataclass(slots=True)
class TokenIndex:
    """Word positions of a normalised text, with a posting list per word, built once per document.

    ``starts``/``ends`` are compact ``array('q')`` offsets into the normalised text. A posting list
    stops growing at ``_MAX_POSTINGS + 1`` entries: a word seen more often never anchors a quote,
    and only its length (over the cap) is read, so common words cost no memory per occurrence.
    """

    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    postings: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str) -> TokenIndex:
        index = cls()
        starts, ends, postings = index.starts, index.ends, index.postings
        for i, m in enumerate(_TOKEN.finditer(text)):
            start, end = m.span()
            starts.append(start)
            ends.append(end)
            seen = postings.get(m.group())
            if seen is None:
                postings[m.group()] = [i]
            elif len(seen) <= _MAX_POSTINGS:
                seen.append(i)
        return index


@dataclass(frozen=True, slots=True)
class Window:
    """A scored passage of the normalised text: ``norm.text[start:end]``."""

    start: int
    end: int
    score: float


def candidate_windows(norm_quote: str, norm: Normalized, tokens: TokenIndex) -> list[Window]:
    """The best-scoring word-aligned passages around the positions the quote's rare words vote for."""
    q_tokens = _TOKEN.findall(norm_quote)
    if not q_tokens or not tokens.starts:
        return []
    present = {t for t in set(q_tokens) if 0 < len(tokens.postings.get(t, ())) <= _MAX_POSTINGS}
    anchors = sorted(present, key=lambda t: (len(tokens.postings[t]), -len(t)))[:_ANCHORS]
    if not anchors:
        return []
    votes: Counter[int] = Counter()
    for t in anchors:
        offsets = [j for j, qt in enumerate(q_tokens) if qt == t]
        starts = {i - j for i in tokens.postings[t] for j in offsets}
        for s in starts:
            votes[s] += 1
    needed = max(1, math.ceil(len(anchors) / 2))
    best = [s for s, n in votes.most_common() if n >= needed][:_CANDIDATES]
    slack = 2 + len(q_tokens) // 20
    windows = [_best_in(norm_quote, norm.text, tokens, s, len(q_tokens), slack) for s in best]
    return sorted((w for w in windows if w is not None), key=lambda w: -w.score)


def _best_in(quote: str, text: str, tokens: TokenIndex, first: int, count: int, slack: int) -> Window | None:
    n = len(tokens.starts)
    firsts = range(max(0, first - slack), min(n, first + slack + 1))
    lasts = range(max(0, first + count - 1 - slack), min(n, first + count + slack))
    starts = sorted({p for i in firsts for p in _extend_left(text, tokens.starts[i])})
    ends = sorted({p for i in lasts for p in _extend_right(text, tokens.ends[i])})
    if not starts or not ends:
        return None
    # Coordinate ascent: best start for the expected end, then best end, then the start again.
    a = starts[len(starts) // 2]
    b = ends[len(ends) // 2]
    score = 0.0
    for _ in range(2):
        by_start = [(x, fuzz.ratio(quote, text[x:b])) for x in starts if x < b]
        if not by_start:
            return None
        a, score = max(by_start, key=_by_score)
        by_end = [(y, fuzz.ratio(quote, text[a:y])) for y in ends if y > a]
        if not by_end:
            return None
        b, score = max(by_end, key=_by_score)
    return Window(a, b, score)


def _by_score(item: tuple[int, float]) -> float:
    return item[1]


def _extend_left(text: str, pos: int) -> tuple[int, ...]:
    """A word start, and the start of any punctuation glued to it ('"AI' as well as 'AI')."""
    p = pos
    while p > 0 and pos - p < 2 and not text[p - 1].isspace() and not text[p - 1].isalnum():
        p -= 1
    return (pos, p) if p != pos else (pos,)


def _extend_right(text: str, pos: int) -> tuple[int, ...]:
    p = pos
    while p < len(text) and p - pos < 2 and not text[p].isspace() and not text[p].isalnum():
        p += 1
    return (pos, p) if p != pos else (pos,)


def negation_beside(original: str, span: Span) -> str | None:
    """A reason when a negation touches ``span`` from outside, else ``None``.

    The fuzzy window may drop a quote's edge words; if the word it left out of the passage is a
    negation, the verified slice would read as the opposite of the source.
    """
    before = original[max(0, span.start - 24) : span.start]
    after = original[span.end : span.end + 24]
    found = _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after)
    if found is None:
        return None
    return f"the passage is next to a negation ('{found.group().strip(' ,;:—–-')}') that the quote leaves out"


def fuzzy_match(
    quote: str, norm_quote: str, original: str, norm: Normalized, tokens: TokenIndex, *, hint: Span | None
) -> QuoteMatch:
    """Step 4 of the ladder: accept a near-identical passage with the same critical tokens."""
    if len(norm_quote) < MIN_FUZZY_CHARS or len(norm_quote.split()) < MIN_FUZZY_WORDS:
        return not_found(
            f"not found (approximate matching needs at least {MIN_FUZZY_WORDS} words "
            f"and {MIN_FUZZY_CHARS} characters)"
        )
    windows = candidate_windows(norm_quote, norm, tokens)
    if not windows:
        return not_found("not found: no passage of the document shares the quote's distinctive words")
    good = [w for w in windows if w.score >= FUZZY_THRESHOLD]
    top = windows[0]
    top_span = Span(*norm.span(top.start, top.end))
    if not good:
        return not_found(
            f"not found: the closest passage (at {top_span.start}-{top_span.end}) is only "
            f"{top.score:.0f}% similar (needs {FUZZY_THRESHOLD:.0f}%)",
            score=top.score,
            nearest=top_span,
        )
    spans = [Span(*norm.span(w.start, w.end)) for w in good]
    chosen = pick(spans, hint) or 0
    span, window = spans[chosen], good[chosen]
    problem = critical_difference(quote, original[span.start : span.end]) or negation_beside(original, span)
    if problem is not None:
        return not_found(
            f"not found: the passage at {span.start}-{span.end} is {window.score:.0f}% similar "
            f"but changes meaning ({problem})",
            score=window.score,
            nearest=span,
        )
    return QuoteMatch(
        "fuzzy",
        span.start,
        span.end,
        window.score,
        f"approximate match ({window.score:.0f}% similar) with the same numbers, names and negations",
        tuple(spans),
    )
