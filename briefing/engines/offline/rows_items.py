"""The words and organisations of one sentence in order, read once for all its agreement phrases.

The subject search (``offline_rows``) walks back from an agreement phrase over the organisations
before it and the words of a bounded window before it, skipping the words inside a name. A
run-on "sentence" holds an agreement phrase every hundred characters, so reading the window with
a regex for every phrase cost most of the row finder; here the sentence is read once, and each
phrase takes its slice with two binary searches. The slice is exactly what a fresh scan of the
window gives; where it could differ (a word or a name running across the window's edges), the
caller is told to scan the window itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import itemgetter

from briefing.engines.offline.orgs import OrgMention

__all__ = ["WORD_RE", "Item", "SentenceItems", "free_words"]

WORD_RE = re.compile(r"[\w'’.-]+|[^\w\s]")
"""A word or a punctuation mark, as the subject search reads them."""

Item = tuple[int, int, OrgMention | None]
"""(start, end, mention): an organisation (end is its reach, ticker included) or a word (None)."""

_FIRST = itemgetter(0)


def free_words(text: str, lo: int, hi: int, names: Sequence[tuple[int, int]]) -> list[Item]:
    """The words of ``text[lo:hi]`` that do not start inside one of ``names`` (spans sorted by start)."""
    return _outside([w.span() for w in WORD_RE.finditer(text, lo, hi)], names)


def _outside(words: Sequence[tuple[int, int]], names: Sequence[tuple[int, int]]) -> list[Item]:
    """``words`` (sorted spans) that do not start inside one of ``names``, as items."""
    masked = iter(names)
    mask = next(masked, None)
    out: list[Item] = []
    for start, end in words:
        while mask is not None and mask[1] <= start:
            mask = next(masked, None)
        if mask is None or start < mask[0]:
            out.append((start, end, None))
    return out


class SentenceItems:
    """The organisations of a sentence and its words outside them, sorted by start (organisations
    before words at the same start, as a stable sort of "organisations, then words" gives)."""

    def __init__(self, text: str, start: int, end: int, orgs: Sequence[OrgMention]) -> None:
        self._orgs = sorted(((m.start, m.reach, m) for m in orgs), key=_FIRST)
        self._org_starts = [s for s, _, _ in self._orgs]
        self._reach_so_far = list(accumulate((e for _, e, _ in self._orgs), max))
        """The furthest any name reaches among the first k+1 names (by start)."""
        spans = [w.span() for w in WORD_RE.finditer(text, start, end)]
        self._word_starts = [s for s, _ in spans]
        self._word_ends = [e for _, e in spans]
        words = _outside(spans, sorted((s, e) for s, e, _ in self._orgs))
        self._items = sorted([*self._orgs, *words], key=_FIRST)
        self._starts = [item[0] for item in self._items]

    def before(self, lo: int, until: int) -> list[Item] | None:
        """The organisations that end by ``until`` and the free words of ``[lo, until)``, sorted;
        None when a fresh scan of that window could read it otherwise (a word across ``lo`` or
        ``until``, or a name that starts before ``until`` and reaches past it)."""
        if self._crosses(lo) or self._crosses(until):
            return None
        k = bisect_left(self._org_starts, until) - 1  # the last name that starts before ``until``
        if k >= 0 and self._reach_so_far[k] > until:
            return None
        head: list[Item] = [
            item for item in self._orgs[: bisect_left(self._org_starts, lo)] if item[1] <= until
        ]
        i, j = bisect_left(self._starts, lo), bisect_left(self._starts, until)
        return head + [item for item in self._items[i:j] if item[1] <= until]

    def _crosses(self, pos: int) -> bool:
        """Is there a word that starts before ``pos`` and ends after it?"""
        i = bisect_right(self._word_starts, pos - 1) - 1  # the last word starting before ``pos``
        return i >= 0 and self._word_ends[i] > pos
