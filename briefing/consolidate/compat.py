"""When two reports of an agreement can describe the same event: compatible kinds and dates.

Kept apart from merging because the government-linking rule in ``linking`` asks the same question
("is this the same agreement?") before any partnership exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from briefing.vocabulary import KIND_TRIGGERS, canonical_kind

SAME_EVENT_DAYS = 3
"""Two dated reports of one agreement may differ by this many days (time zones, "yesterday",
announcement vs signing) and still be one event; the difference is reported as a discrepancy."""

GENERIC_KINDS: tuple[str, ...] = ("agreement", "deal", "partnership", "collaboration")
"""Kinds that any more specific agreement can also be called, most specific first."""
SPECIFIC_KINDS: tuple[str, ...] = tuple(k for k in KIND_TRIGGERS if k not in GENERIC_KINDS)


def normal_kind(value: str) -> str:
    """A kind as the vocabulary names it ("MoU" -> "memorandum of understanding")."""
    return canonical_kind(value) or " ".join(value.lower().split())


def specificity(kind: str) -> int:
    """Higher is more specific: a memorandum of understanding says more than "a partnership"."""
    if kind in GENERIC_KINDS:
        return len(GENERIC_KINDS) - GENERIC_KINDS.index(kind)
    return 10 + (len(SPECIFIC_KINDS) - SPECIFIC_KINDS.index(kind) if kind in SPECIFIC_KINDS else 0)


def kinds_compatible(a: str, b: str, *, both_dated_close: bool) -> bool:
    """A generic kind fits anything; two different specific kinds fit only when the dates say it is
    one event (then the kind itself is a disagreement between sources)."""
    if a == b or a in GENERIC_KINDS or b in GENERIC_KINDS:
        return True
    return both_dated_close


@dataclass(frozen=True, slots=True, order=True)
class LooseDate:
    """An ISO date value of day, month or year precision ("2025-02-13", "2025-02", "2025")."""

    first: date
    last: date
    text: str

    @property
    def precise(self) -> bool:
        return self.first == self.last

    def contains(self, other: LooseDate) -> bool:
        return self.first <= other.first and other.last <= self.last

    def distance_days(self, other: LooseDate) -> int:
        """0 when the ranges overlap, else the gap between them in days."""
        if self.last < other.first:
            return (other.first - self.last).days
        if other.last < self.first:
            return (self.first - other.last).days
        return 0


_ISO_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@lru_cache(maxsize=4096)
def parse_loose(value: str | None) -> LooseDate | None:
    """Read a row's date value; anything that is not ISO-shaped is ignored (never guessed).

    Cached: a corpus repeats a few hundred dates across thousands of rows and comparisons."""
    if not value:
        return None
    m = _ISO_RE.match(value)
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return LooseDate(date(year, 1, 1), date(year, 12, 31), value.strip())
        if day is None:
            mon = int(month)
            nxt = date(year + (mon == 12), mon % 12 + 1, 1)
            return LooseDate(date(year, mon, 1), date.fromordinal(nxt.toordinal() - 1), value.strip())
        exact = date(year, int(month), int(day))
    except ValueError:
        return None
    return LooseDate(exact, exact, exact.isoformat())


def dates_close(a: LooseDate, b: LooseDate, *, days: int = SAME_EVENT_DAYS) -> bool:
    return a.distance_days(b) <= days


def one_event(
    a_kind: str,
    a_when: LooseDate | None,
    b_kind: str,
    b_when: LooseDate | None,
    *,
    days: int = SAME_EVENT_DAYS,
) -> bool:
    """Could two reports of agreements between the same parties be one event? Dates, when both
    are given, at most ``days`` apart; kinds compatible (two specific kinds only when the dates are
    close, and then the kind is a disagreement between sources)."""
    close = a_when is not None and b_when is not None and dates_close(a_when, b_when, days=days)
    if a_when is not None and b_when is not None and not close:
        return False
    return kinds_compatible(a_kind, b_kind, both_dated_close=close)


def dates_conflict(a: LooseDate, b: LooseDate) -> bool:
    """Different values where neither range holds the other ("2025-02" does not conflict with
    "2025-02-13", "2025-02-14" does)."""
    return not (a.contains(b) or b.contains(a))
