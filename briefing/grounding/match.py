"""Locating a quote in a document: the matching ladder, first hit wins.

1. exact substring; 2. exact after normalisation (with an offset map back); 3. ellipsis quotes,
segment by segment; 4. guarded fuzzy. The per-document work (normalised text, offset map, word
postings) lives in a ``DocumentIndex`` built once and reused for every quote of that document.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.grounding.ellipsis import find_all, match_ellipsis, split_segments
from briefing.grounding.fuzzy import TokenIndex, candidate_windows, fuzzy_match
from briefing.grounding.normalize import Normalized, describe_changes, normalize
from briefing.grounding.result import QuoteMatch, choose, is_short, not_found, pick
from briefing.models import Span

_INTRAWORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n")
_OUTER_QUOTES = " \"'"


class DocumentIndex:
    """One document's text prepared for many quotes; build it once, call ``verify`` per quote.

    The normalised text and the word postings are built lazily, on the first quote that needs
    them, so a batch of long exact quotes pays only for substring search.
    """

    __slots__ = ("_norm", "_tokens", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm: Normalized | None = None
        self._tokens: TokenIndex | None = None

    @property
    def norm(self) -> Normalized:
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm

    @property
    def tokens(self) -> TokenIndex:
        if self._tokens is None:
            self._tokens = TokenIndex.build(self.norm.text)
        return self._tokens

    def prepare(self) -> DocumentIndex:
        """Build everything now (for benchmarks and for sharing across threads)."""
        _ = self.tokens
        return self

    def verify(self, quote: str, *, hint: Span | None = None) -> QuoteMatch:
        """Locate ``quote`` in this document; see the module docstring for the ladder."""
        q = quote.strip()
        if not q:
            return not_found("empty quote: there is nothing to locate")
        if _visible_lower_bound(q) > len(self.text) + len(self.text) // 2:
            return not_found(
                f"the quote (at least {_visible_lower_bound(q)} characters) is longer than the whole "
                f"document ({len(self.text)})"
            )
        nq = normalize(q).text
        if not nq:
            return not_found("the quote has no visible text")
        short = is_short(nq)
        exact = [Span(i, i + len(q)) for i in find_all(self.text, q)]
        if exact and not short and (hint is None or pick(exact, hint) is not None):
            return choose("exact", exact, short=False, hint=hint, reason="")
        # A short quote is placed among all its normalised occurrences ("The deal" and "the deal"),
        # and a hint may point at an equal-after-normalisation place rather than the exact one.
        norm = self.norm
        if len(nq) > len(norm.text):
            return not_found(
                f"the quote ({len(nq)} characters) is longer than the whole document ({len(norm.text)})"
            )
        found = self._normalized(q, nq, hint=hint)
        span = found.span if found is not None else None
        if found is not None and span is not None and self.text[span.start : span.end] == q:
            return replace(found, status="exact", reason=found.reason.partition("; ")[2])
        if found is not None:
            return found
        if exact:
            return choose("exact", exact, short=short, hint=hint, reason="")
        segments = split_segments(nq)
        if len(segments) >= 2:
            return match_ellipsis(segments, norm, hint=hint)
        return fuzzy_match(q, nq, self.text, norm, self.tokens, hint=hint)

    def _normalized(self, quote: str, nq: str, *, hint: Span | None) -> QuoteMatch | None:
        norm = self.norm
        for variant, label in _variants(quote, nq):
            spans = [Span(*norm.span(i, i + len(variant))) for i in find_all(norm.text, variant)]
            if label == _REJOINED:
                spans = [s for s in spans if _LINE_BREAK_HYPHEN.search(self.text[s.start : s.end])]
            if spans:
                first = spans[0]
                changes = label or describe_changes(quote, self.text[first.start : first.end])
                reason = f"matched after normalising {changes}"
                return choose("normalized", spans, short=is_short(variant), hint=hint, reason=reason)
        return None

    def nearest(self, quote: str) -> Span | None:
        """The passage most like ``quote``, whether or not it is close enough to verify."""
        nq = normalize(quote.strip()).text
        if not nq:
            return None
        windows = candidate_windows(nq, self.norm, self.tokens)
        if not windows:
            return None
        return Span(*self.norm.span(windows[0].start, windows[0].end))


_REJOINED = "a word hyphenated at a line break"


def _variants(quote: str, nq: str) -> list[tuple[str, str]]:
    """Normalised forms of a quote to try, each with what it forgives ("" = plain normalisation).

    A quote copied across a line break may keep or lose a real hyphen ("non-\\nbinding"), and a
    model may wrap the quote in quotation marks or an ellipsis that the source does not have.
    """
    out: list[tuple[str, str]] = [(nq, "")]
    kept = normalize(quote, dehyphenate=False).text
    unhyphenated = _INTRAWORD_HYPHEN.sub("", nq)
    bare = nq.strip(_OUTER_QUOTES)
    segments = split_segments(nq)
    for variant, label in (
        (kept, "a hyphen at a line break"),
        (unhyphenated, _REJOINED),
        (bare, "quotation marks around the quote"),
        (segments[0] if len(segments) == 1 else "", "an ellipsis at the start or end of the quote"),
    ):
        if variant and variant not in (v for v, _ in out):
            out.append((variant, label))
    return out


def verify_quote(quote: str, text: str, *, hint: Span | None = None) -> QuoteMatch:
    """Locate ``quote`` in ``text``. Pure; for many quotes on one text, use ``DocumentIndex``."""
    return DocumentIndex(text).verify(quote, hint=hint)


def nearest_passage(quote: str, index: DocumentIndex) -> str:
    """The source text closest to a quote that failed, to show the model when re-asking."""
    span = index.nearest(quote)
    return "" if span is None else index.text[span.start : span.end]


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def _visible_lower_bound(quote: str) -> int:
    """A cheap lower bound on the normalised length of ``quote`` (no per-character Python loop).

    Normalisation removes whitespace runs and invisible characters and NFKC composes at most three
    code points into one (Hangul jamo), so a quote whose bound exceeds the document by far cannot
    be in it; this rejects megabyte "quotes" before normalising them.
    """
    return len("".join(quote.translate(_INVISIBLE).split())) // 3
