"""Reading RSS, Atom and JSON Feed documents into a list of items (no network here).

RSS and Atom are parsed with ``feedparser``. feedparser 6.0 does not read JSON Feed (it reports a
malformed XML document), so JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/) is validated
with a small pydantic model. Either way an item is its link, title, publication date (as given by
the feed: RSS ``pubDate``, Atom ``published``/``updated``, JSON Feed ``date_published``) and the
feed's own text for it, used when the page itself cannot be fetched.
"""

from __future__ import annotations

import calendar
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from pydantic import BaseModel, ConfigDict, ValidationError

from briefing.dates import parse_date
from briefing.errors import BriefingError

__all__ = ["FeedError", "FeedItem", "ParsedFeed", "parse_feed"]


class FeedError(BriefingError):
    """The bytes are not a feed this module can read; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str | None
    title: str | None
    published: str | None
    """ISO date ``YYYY-MM-DD`` as the feed states it, or ``None``."""
    published_from: str
    """Which feed field gave the date (becomes ``published_from`` if the page has no date)."""
    content: str
    """The feed's own HTML (or text) for the item; may be a short summary or empty."""
    full_text: str = ""
    """The item's full text as the feed carries it (RSS ``content:encoded``, Atom ``content``,
    JSON Feed ``content_html``/``content_text``), or empty."""
    full_text_from: str = ""
    """Which feed field gave ``full_text`` (named in the stand-in warning)."""
    summary: str = ""
    """The item's summary (RSS ``description``, Atom ``summary``, JSON Feed ``summary``), or empty."""
    summary_from: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    format: str
    """``rss``, ``atom`` or ``json feed``."""
    items: tuple[FeedItem, ...]
    warnings: tuple[str, ...] = ()


def parse_feed(data: bytes) -> ParsedFeed:
    """The items of an RSS, Atom or JSON Feed document, in feed order; ``FeedError`` if it is none."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        return _json_feed(data)
    return _xml_feed(data)


def _xml_feed(data: bytes) -> ParsedFeed:
    # A file-like object, never bytes or str: feedparser would treat a string as a URL or path to open.
    parsed: Any = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedError(f"not an RSS, Atom or JSON feed ({problem or 'no feed elements found'})")
    warnings = (f"feed is not well-formed: {parsed.bozo_exception}",) if parsed.get("bozo") else ()
    kind = "atom" if version.startswith("atom") else "rss"
    items = tuple(_xml_item(entry, kind) for entry in parsed.entries)
    return ParsedFeed(_text(parsed.feed.get("title")), kind, items, warnings)


def _xml_item(entry: Any, kind: str) -> FeedItem:
    published, source = None, "feed item date"
    for key, label in (("published", "feed: published"), ("updated", "feed: updated")):
        # The date as written keeps the publisher's own day; feedparser's parsed form is in UTC.
        day = parse_date(str(entry.get(key) or ""))
        stamp = entry.get(f"{key}_parsed")
        if day is None and stamp:
            day = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC).date()
        if day is not None:
            published, source = day.isoformat(), label
            break
    full = max((str(c.get("value") or "") for c in entry.get("content", [])), key=len, default="")
    summary = str(entry.get("summary") or "")
    if summary.strip() == full.strip():
        summary = ""  # feedparser copies content:encoded into the summary when there is no description
    atom = kind == "atom"
    return FeedItem(
        _text(entry.get("link")),
        _text(entry.get("title")),
        published,
        source,
        max((full, summary), key=len),
        full_text=full,
        full_text_from=("content" if atom else "content:encoded") if full.strip() else "",
        summary=summary,
        summary_from=("summary" if atom else "description") if summary.strip() else "",
    )


class _JsonItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str | int
    url: str | None = None
    external_url: str | None = None
    title: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    summary: str | None = None
    date_published: str | None = None
    date_modified: str | None = None


class _JsonFeed(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: str
    title: str | None = None
    items: list[_JsonItem]


def _json_feed(data: bytes) -> ParsedFeed:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
        feed = _JsonFeed.model_validate(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"not a JSON feed: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise FeedError(f"not a JSON feed ({'.'.join(map(str, first['loc']))}: {first['msg']})") from None
    if not feed.version.startswith("https://jsonfeed.org/version/1"):
        raise FeedError(f"unsupported JSON Feed version {feed.version!r}")
    items = []
    for item in feed.items:
        published, source = None, "feed item date"
        for value, label in ((item.date_published, "date_published"), (item.date_modified, "date_modified")):
            day = parse_date(value) if value else None
            if day is not None:
                published, source = day.isoformat(), f"feed: {label}"
                break
        full, full_from = next(
            (
                (v, k)
                for v, k in ((item.content_html, "content_html"), (item.content_text, "content_text"))
                if v
            ),
            ("", ""),
        )
        summary = item.summary or ""
        items.append(
            FeedItem(
                item.url or item.external_url,
                item.title,
                published,
                source,
                full or summary,
                full_text=full,
                full_text_from=full_from,
                summary=summary,
                summary_from="summary" if summary.strip() else "",
            )
        )
    return ParsedFeed(feed.title, "json feed", tuple(items))


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
