"""The feed's own text for an item, standing in for the article page when the page cannot be used.

A page can be unusable because robots.txt refuses it or could not be fetched, the fetch fails, or
extraction finds no text. Then the item's full text as the feed carries it (RSS
``content:encoded``, Atom ``content``, JSON Feed ``content_html``/``content_text``) is used if it
holds any text; failing that its summary (RSS ``description``, Atom/JSON Feed ``summary``), but only
when the summary is substantial (``SUMMARY_MIN_WORDS``), not a one-line teaser. The warning names
the field used. The stand-in carries the feed's title and date: a date guessed from the feed's
text would be a date mentioned in the story, not the day it was published.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from briefing.sources.feeds import FeedItem
from briefing.sources.html import parse_html
from briefing.sources.values import Parsed

__all__ = ["SUMMARY_MIN_WORDS", "StandIn", "feed_stand_in"]

SUMMARY_MIN_WORDS = 40
"""A summary stands in for a page only when it is an article, not a one-line teaser."""


@dataclass(frozen=True, slots=True)
class StandIn:
    """The feed's text as a parsed page (``None`` if none is usable) and the warning to record."""

    parsed: Parsed | None
    warning: str
    raw: bytes


def feed_stand_in(item: FeedItem, problem: str) -> StandIn:
    """The feed's full text, else its substantial summary, for ``item``; ``problem`` says why.

    The warning is ``problem`` plus which field was used; when nothing is usable ``parsed`` is
    ``None`` and the warning says what the feed lacked.
    """
    full = _as_html(item.full_text, item.full_text_from)
    parsed = _extract(full, item) if full else None
    if parsed is not None and parsed.content.strip():
        used = f"the feed's full text ({item.full_text_from}) was used instead"
        return StandIn(parsed, f"{problem}; {used}", item.full_text.encode("utf-8"))
    summary = _extract(_as_html(item.summary, item.summary_from), item) if item.summary.strip() else None
    words = len(summary.content.split()) if summary is not None else 0
    if summary is not None and words >= SUMMARY_MIN_WORDS:
        used = f"the feed's summary ({item.summary_from}, {words} words) was used instead"
        return StandIn(summary, f"{problem}; {used}", item.summary.encode("utf-8"))
    if summary is not None and words:
        lacks = f"the feed gives only a {words}-word summary, too short to stand in"
    else:
        lacks = "the feed carries no text for the item"
    return StandIn(None, f"{problem}; {lacks}", b"")


def _as_html(value: str, field: str) -> str:
    """Plain text (JSON Feed ``content_text``) escaped and split into paragraphs; HTML as it is."""
    if field != "content_text":
        return value
    paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _extract(fragment: str, item: FeedItem) -> Parsed | None:
    parsed = parse_html(f"<html><body><article>{fragment}</article></body></html>")
    if parsed.failure or not parsed.content.strip():
        return None
    return replace(
        parsed,
        format="feed",
        title=item.title,
        title_from="feed: item title" if item.title else None,
        published=item.published,
        published_from=item.published_from if item.published else None,
    )
