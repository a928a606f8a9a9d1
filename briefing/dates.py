"""Finding and reading dates in news text, the one place that knows how dates are written.

Used by ``sources`` (what date is this document?) and by ``grounding`` (is this date really in the
quote?). Deterministic, no clock: a date without a year, or a weekday, is resolved only against an
``anchor`` the caller passes (the document's own date), and is then marked ``resolved``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/](?P<mnum>[01]?\d)[-/](?P<day>[0-3]?\d)(?!\d)")),
    ("cjk", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)年\s*(?P<mnum>[01]?\d)月\s*(?P<day>[0-3]?\d)日")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    (
        "numeric",
        re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)(?![\d/])"),
    ),
    ("my", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE)),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)),
    ("relative", re.compile(r"\b(?P<rel>today|yesterday)\b", re.IGNORECASE)),
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text, at ``text[start:end]``."""

    start: int
    end: int
    text: str
    value: date
    precision: Precision
    resolved: bool = False
    """True when part of the date (year, or the whole date for a weekday) came from the anchor."""
    how: str = "explicit"


def find_dates(text: str, *, anchor: date | None = None) -> list[DateMention]:
    """Every date mentioned in ``text``, left to right, longest reading first where they overlap.

    Without an ``anchor`` only dates that carry their own year are returned.
    """
    windows = _windows(text)
    taken = bytearray(len(text) if windows else 0)  # 1 where an earlier reading was kept
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            if any(taken[m.start() : m.end()]):
                continue
            mention = _read(kind, m, anchor)
            if mention is not None:
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


_HINT_RE = re.compile(
    r"\d|(?<![^\W\d_])(?:" + "|".join([*MONTHS, *WEEKDAYS, "today", "yesterday"]) + ")",
    re.IGNORECASE,
)
_REACH = 48
"""Characters either side of a digit or a month/weekday word that a date around it can take up
(the longest, "Wednesday 30th of September, 2026", is 33; the look-aheads read a few more)."""


def _windows(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` that can hold a date: around each digit and month or weekday word.

    The date patterns then run only there, so a long text with few dates costs one fast scan;
    ``finditer(text, lo, hi)`` keeps the look-behind context left of ``lo``.
    """
    out: list[tuple[int, int]] = []
    for m in _HINT_RE.finditer(text):
        lo, hi = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    if sum(hi - lo for lo, hi in out) > len(text) // 2:
        return [(0, len(text))]  # date-dense text: one pass per pattern is cheaper
    return out


def parse_date(value: str, *, anchor: date | None = None) -> date | None:
    """Read a whole value such as a front-matter field or an HTML meta tag as a calendar date."""
    stripped = value.strip().strip("\"'")
    if not stripped:
        return None
    try:
        return datetime.fromisoformat(stripped.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    mentions = [m for m in find_dates(stripped, anchor=anchor) if m.precision == "day"]
    return mentions[0].value if mentions else None


def _read(kind: str, m: re.Match[str], anchor: date | None) -> DateMention | None:
    groups = m.groupdict()
    resolved, how = False, "explicit"
    precision: Precision = "day"
    try:
        if kind == "weekday" or kind == "relative":
            if anchor is None:
                return None
            value = _resolve_relative(groups, anchor)
            resolved, how = True, f"'{m.group()}' resolved against {anchor.isoformat()}"
        elif kind == "numeric":
            day, month = _numeric_day_month(int(groups["a"]), int(groups["b"]))
            if day is None or month is None:
                return None
            value = date(int(groups["year"]), month, day)
        else:
            month = int(groups["mnum"]) if kind in ("iso", "cjk") else MONTHS[groups["month"].lower()]
            if kind == "my":
                value, precision = date(int(groups["year"]), month, 1), "month"
            elif kind in ("md", "dm"):
                if anchor is None:
                    return None
                value = _nearest_year(month, int(groups["day"]), anchor)
                resolved, how = True, f"year taken from {anchor.isoformat()}"
            else:
                value = date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:  # 31 February and friends
        return None
    return DateMention(m.start(), m.end(), m.group(), value, precision, resolved, how)


def _numeric_day_month(a: int, b: int) -> tuple[int | None, int | None]:
    """12/05/2025 is ambiguous and is not read; 28/04/2026 and 04/28/2026 are not."""
    if a > 12 >= b:
        return a, b
    if b > 12 >= a:
        return b, a
    return None, None


def _nearest_year(month: int, day: int, anchor: date) -> date:
    """A date without a year in a news story is the latest such date not far after the anchor."""
    candidate = date(anchor.year, month, day)
    if candidate - anchor > timedelta(days=31):
        candidate = date(anchor.year - 1, month, day)
    return candidate


def _resolve_relative(groups: dict[str, str | None], anchor: date) -> date:
    rel = (groups.get("rel") or "").lower()
    if rel == "today":
        return anchor
    if rel == "yesterday":
        return anchor - timedelta(days=1)
    weekday = WEEKDAYS[(groups["weekday"] or "").lower()]
    # News convention: "said on Tuesday" is the most recent Tuesday on or before the story's date.
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def impossible_date(text: str) -> bool:
    """Does ``text`` hold a date written in full whose day does not exist ("2025-02-30")?

    Lets callers say "not a real calendar date" instead of "not a date", so the warning points at
    the typo rather than at the format.
    """
    for kind in ("iso", "mdy", "dmy"):
        for m in _PATTERN_BY_KIND[kind].finditer(text):
            groups = m.groupdict()
            month = int(groups["mnum"]) if kind == "iso" else MONTHS[groups["month"].lower()]
            try:
                date(int(groups["year"]), month, int(groups["day"]))
            except ValueError:
                return True
    return False


_PATTERN_BY_KIND = dict(_PATTERNS)
