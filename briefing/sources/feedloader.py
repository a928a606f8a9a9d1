"""The feed loader: every item of every feed as one ``Document``, with the article page as its text.

For each item the page behind its link is fetched (``briefing.sources.fetch``: timeouts, size
limit, robots.txt, public addresses only) and read like any HTML file (``parse_html``:
trafilatura main text, the page's own title and date). When the page cannot be used (robots.txt
says no or cannot be fetched, the fetch fails, extraction finds no text) the feed's own text for
the item stands in (``briefing.sources.feedtext``: full text, else a substantial summary) with a
warning naming the field; otherwise the item is reported with its reason. The feed's item title
is used whenever the page gives none, also on a failed item's record.

Items are de-duplicated across all feeds by canonical URL (``courlan``: lower-case host, tracking
parameters such as ``utm_*`` dropped, no fragment) and by the SHA-256 of the cleaned text. A feed
that cannot be read becomes one failed record with its reason; the other feeds go on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url
from langchain_core.document_loaders import BaseLoader
from langchain_core.documents import Document

from briefing.models import DocumentStatus
from briefing.sources.decode import decode_bytes
from briefing.sources.feeds import FeedError, FeedItem, parse_feed
from briefing.sources.feedtext import feed_stand_in
from briefing.sources.fetch import Fetcher, FetchError, FetchPolicy
from briefing.sources.html import parse_html
from briefing.sources.normalize import normalize_characters
from briefing.sources.values import Parsed

__all__ = ["FeedLoader", "FeedOptions", "canonical_url", "is_feed_url"]


@dataclass(frozen=True, slots=True)
class FeedOptions:
    """How feeds are read. ``window`` (start, end) skips fetching pages the feed dates outside it."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    cache_dir: Path | None = None
    max_items: int = 100
    window: tuple[date, date] | None = None


def is_feed_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def canonical_url(url: str) -> str:
    """The form used to spot the same article under two links (tracking parameters, case, fragment)."""
    try:
        normal = normalize_url(url.strip())
    except (ValueError, AttributeError):
        normal = url.strip()
    return urlunsplit(urlsplit(normal)._replace(fragment=""))


@dataclass(slots=True)
class _Seen:
    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)


class FeedLoader(BaseLoader):
    """Load the items of RSS, Atom and JSON feeds given as URLs or local files."""

    def __init__(
        self,
        feeds: Sequence[str],
        options: FeedOptions | None = None,
        *,
        caps: Mapping[str, int] | None = None,
    ) -> None:
        """``caps`` overrides ``options.max_items`` for the feeds it names."""
        self.feeds = list(feeds)
        self.options = options or FeedOptions()
        self.caps = dict(caps or {})

    def lazy_load(self) -> Iterator[Document]:
        """One ``Document`` per feed item (and one failed record per unreadable feed); never raises."""
        seen = _Seen()
        with Fetcher(self.options.policy, cache_dir=self.options.cache_dir) as fetcher:
            for feed in self.feeds:
                try:
                    data = fetcher.get(feed).body if is_feed_url(feed) else _read_local(feed, self.options)
                    parsed = parse_feed(data)
                except (FetchError, FeedError, OSError) as exc:
                    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                    yield _record(_new_id(seen, feed), feed, "failed", f"feed could not be read: {reason}")
                    continue
                if not parsed.items:
                    yield _record(_new_id(seen, feed), feed, "skipped", "the feed lists no items")
                for item in parsed.items[: self.caps.get(feed, self.options.max_items)]:
                    if item.link and is_feed_url(feed):
                        item = replace(
                            item, link=urljoin(feed, item.link)
                        )  # a relative link in a remote feed
                    try:
                        yield self._item(item, feed, fetcher, seen, parsed.warnings)
                    except Exception as exc:  # one item's surprise never costs the other items
                        link = item.link or feed
                        yield _record(_new_id(seen, link), link, "failed", f"unexpected error: {exc!r}")

    def _item(
        self, item: FeedItem, feed: str, fetcher: Fetcher, seen: _Seen, feed_warnings: Sequence[str]
    ) -> Document:
        link = canonical_url(item.link) if item.link else None
        doc_id = _new_id(seen, link or f"{feed}-{item.title or 'item'}")
        where = link or feed
        if link and link in seen.urls:
            return _record(doc_id, where, "skipped", f"duplicate of {seen.urls[link]} (same canonical URL)")
        if link:
            seen.urls[link] = doc_id
        warnings = list(feed_warnings)
        parsed, raw = self._page(item, link, fetcher, warnings)
        if parsed is None:
            named: dict[str, Any] = {
                "title": item.title,
                "title_from": "feed: item title" if item.title else None,
            }
            named |= (
                {"published": item.published, "published_from": item.published_from} if item.published else {}
            )
            status: DocumentStatus = "failed" if link else "skipped"
            return _record(doc_id, where, status, warnings.pop(), warnings=warnings, **named)
        digest = hashlib.sha256(parsed.content.encode("utf-8")).hexdigest()
        if digest in seen.texts:
            return _record(doc_id, where, "skipped", f"duplicate of {seen.texts[digest]} (same text)")
        seen.texts[digest] = doc_id
        published, published_from = parsed.published, parsed.published_from
        if item.published and not published:
            published, published_from = item.published, item.published_from
        meta = {
            "title": parsed.title or item.title,
            "title_from": parsed.title_from if parsed.title else ("feed: item title" if item.title else None),
            "published": published,
            "published_from": published_from,
            "publisher": parsed.publisher,
            "url": link or parsed.url,
            "format": parsed.format,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "removed": list(parsed.removed),
            "feed": feed,
        }
        return _record(
            doc_id, where, "ok", "", content=parsed.content, warnings=[*warnings, *parsed.warnings], **meta
        )

    def _page(
        self, item: FeedItem, link: str | None, fetcher: Fetcher, warnings: list[str]
    ) -> tuple[Parsed | None, bytes]:
        """The page (or the feed's text standing in for it); on failure ``None`` and the reason last."""
        outside = self._outside(item.published)
        problem = ""
        if link is None:
            problem = "the feed item has no link"
        elif not is_feed_url(link):
            problem = f"the feed item's link {link!r} is not an http or https URL"
        elif outside:
            problem = f"page not fetched: the feed dates it {item.published}, outside the digest's week"
        elif refusal := fetcher.robots_refusal(link):
            problem = refusal
        else:
            try:
                page = fetcher.get(link)
            except FetchError as exc:
                problem = str(exc)
            else:
                decoded = decode_bytes(page.body, fallback="cp1252")
                parsed = _read_page(decoded.text) if decoded.text else None
                if parsed is not None and not parsed.failure:
                    return parsed, page.body
                problem = (parsed.failure if parsed else decoded.problem) or "the page could not be decoded"
        if outside:
            stand_in = parse_html(f"<html><body><article>{item.content}</article></body></html>")
            # Never sent to the engine (the pipeline leaves it out of the week); the record only
            # needs to exist so the sources appendix lists it with its date.
            text = stand_in.content if not stand_in.failure else (item.title or "untitled feed item")
            warnings.append(problem)
            return Parsed(text, "feed"), item.content.encode("utf-8")
        found = feed_stand_in(item, problem)
        warnings.append(found.warning)
        return found.parsed, found.raw

    def _outside(self, published: str | None) -> bool:
        if self.options.window is None or published is None:
            return False
        start, end = self.options.window
        return not start.isoformat() <= published <= end.isoformat()


def _read_page(text: str) -> Parsed:
    """A fetched page read exactly as the file loader reads an HTML file (characters normalised first)."""
    text, cleaned = normalize_characters(text)
    parsed = parse_html(text)
    return replace(parsed, removed=(*cleaned, *parsed.removed))


def _read_local(path: str, options: FeedOptions) -> bytes:
    """A local feed file, refused past the same size limit as a fetched one."""
    size = Path(path).stat().st_size
    if size > options.policy.max_bytes:
        raise FeedError(f"file is {size:,} bytes, over the limit of {options.policy.max_bytes:,} bytes")
    return Path(path).read_bytes()


def _new_id(seen: _Seen, source: str) -> str:
    """A readable id from the link's host and last path segment, unique within the run."""
    parts = urlsplit(source)
    tail = [p for p in parts.path.split("/") if p][-1:] or [parts.netloc or source]
    stem = re.sub(r"[^a-z0-9]+", "-", f"{parts.netloc}-{tail[0]}".lower()).strip("-")[:60] or "feed-item"
    doc_id, n = stem, 1
    while doc_id in seen.ids:
        n += 1
        doc_id = f"{stem}-{n}"
    seen.ids.add(doc_id)
    return doc_id


def _record(
    doc_id: str,
    path: str,
    status: DocumentStatus,
    reason: str,
    *,
    content: str = "",
    warnings: Sequence[str] = (),
    **meta: Any,
) -> Document:
    """A document with every key of ``METADATA_KEYS`` (plus ``feed``), like the file loader's."""
    metadata: dict[str, Any] = {
        "id": doc_id,
        "path": path,
        "sha256": None,
        "title": None,
        "title_from": None,
        "published": None,
        "published_from": None,
        "publisher": None,
        "url": path if is_feed_url(path) else None,
        "format": "feed",
        "encoding": None,
        "status": status,
        "reason": reason,
        "warnings": list(warnings),
        "removed": [],
        "chars": len(content),
        **meta,
    }
    return Document(page_content=content if status == "ok" else "", id=doc_id, metadata=metadata)
