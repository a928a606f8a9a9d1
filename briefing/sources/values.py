"""The small immutable values the ingestion modules hand each other.

Kept apart so that the format parsers (text, HTML), the cleaner and the date logic agree on one
shape without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["DateClue", "Parsed", "Rank"]


class Rank:
    """How much a kind of date evidence is trusted: lower wins.

    Explicit publication metadata beats a labelled date line, which beats a "last updated" line,
    which beats a wire dateline whose year had to come from elsewhere.
    """

    METADATA = 0
    LEADING_LINE = 1
    INLINE_LINE = 2
    DATELINE_WITH_YEAR = 2
    UPDATED_LINE = 3
    DATELINE = 4
    HEURISTIC = 5


@dataclass(frozen=True, slots=True)
class DateClue:
    """One piece of evidence for the publication date: ``source`` becomes ``published_from``."""

    value: date
    source: str
    rank: int
    text: str
    """The evidence as written, for warnings."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a format parser made of one decoded text: the cleaned content and what it learned.

    ``failure`` is non-empty when the parser could not get text out at all (the record fails).
    """

    content: str
    format: str
    title: str | None = None
    title_from: str | None = None
    """Which evidence gave the title: "front matter: title", "html meta: og:title", "derived: first line"."""
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    published_from: str | None = None
    warnings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failure: str = ""
