"""Parsing an HTML page: trafilatura for the main text, the page's own metadata for title and date.

trafilatura removes navigation, cookie banners, footers and related-link boxes far better than
hand-written rules, so the main text comes from it. Title and publication date are read here from
the tags that state them (OpenGraph, ``article:published_time``, JSON-LD ``datePublished``,
``<time datetime>``) so that ``published_from`` can name the exact evidence; trafilatura's own
metadata (htmldate restricted to markup, no free-text guessing) only fills gaps. The extracted text
then goes through the same line rules as plain text, for share and newsletter lines left inside
the article body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

import htmldate
import trafilatura
from trafilatura.utils import load_html

from briefing.dates import parse_date
from briefing.sources.clean import Page, excerpt
from briefing.sources.dateline import choose_date
from briefing.sources.html_deep import paragraphs
from briefing.sources.html_threads import prune_threads
from briefing.sources.normalize import decode_entities, normalize_characters
from briefing.sources.text import date_line_clues, top_date_lines
from briefing.sources.titles import strip_site_suffix
from briefing.sources.values import DateClue, Parsed, Rank

__all__ = ["parse_html"]

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_META = ("og:title", "twitter:title", "dc.title", "title", "headline")
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published", "citation_publication_date",
)  # fmt: skip
_PUBLISHER_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_URL_META = ("og:url", "twitter:url")
# htmldate without extensive search reads only markup and URL, never free text; max_date fixed for determinism.
_MIN_WORDS = 5
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2999-12-31"}
_DEEP = 200
"""Nesting depth past which lxml (libxml2 stops at 256) may have lost the page's text."""


def parse_html(text: str) -> Parsed:
    """Main text and metadata of an HTML page; ``failure`` says why when no text could be found.

    Comment threads are pruned from the tree first (``html_threads``); the date is the page's
    explicit publication metadata, else htmldate's ranking of markup and visible dates (which puts
    a byline's date before a masthead's "today"); the title loses its site suffix.
    """
    html = _XML_DECLARATION.sub("", text, count=1)
    tree: Any = load_html(html)
    meta = _read_meta(tree) if tree is not None else {}
    found_date = _htmldate(tree)
    pruned = prune_threads(tree) if tree is not None else []
    try:
        extracted = trafilatura.bare_extraction(
            tree if tree is not None else html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura has no exception tree of its own; any failure costs one file
        return Parsed("", "html", failure=f"HTML extraction failed: {type(exc).__name__}: {exc}")
    body, cleaned = _clean_chars(str(getattr(extracted, "text", None) or ""))
    page = Page(body.split("\n"))
    top_dates = top_date_lines(page) + date_line_clues(page)  # the article's own byline and date lines
    page.apply_rules()
    page.drop_tail_sections()
    publisher = meta.get("publisher") or _nonempty(getattr(extracted, "sitename", None))
    url = meta.get("url") or _nonempty(getattr(extracted, "url", None))
    raw_title = meta.get("title") or _nonempty(getattr(extracted, "title", None))
    title = strip_site_suffix(_clean_chars(raw_title)[0], site=publisher, url=url) if raw_title else None
    page.drop_repeats_of(title)
    content = page.text()
    warnings: list[str] = []
    if len(content.split()) < _MIN_WORDS:  # trafilatura falls back to any scrap, e.g. a lone "Home" link
        blocks, depth = paragraphs(html)
        if depth <= _DEEP or len(" ".join(blocks).split()) < _MIN_WORDS:
            found = f" (only {excerpt(content)})" if content.strip() else ""
            deep = f"; markup nested {depth} levels deep" if depth > _DEEP else ""
            return Parsed("", "html", title=title, failure=f"HTML extraction found no main text{found}{deep}")
        content, cleaned = _clean_chars("\n\n".join(blocks))
        warnings.append(
            f"HTML nested {depth} levels deep, past the main-text extractor's limit; "
            "read its paragraphs and headings with a plain parser (page furniture may remain)"
        )

    clues = list(_date_clues(meta)) + top_dates
    if found_date is not None:
        clues.append(found_date)
    written = str(getattr(extracted, "date", None) or "")
    fallback = parse_date(written)
    if not clues and fallback is not None:
        clues.append(DateClue(fallback, "html metadata (htmldate)", Rank.HEURISTIC, written))
    chosen, date_warnings = choose_date(clues, None, context="")
    removed = (
        "HTML markup, navigation and page furniture (trafilatura main-text extraction)",
        *pruned,
        *cleaned,
        *page.notes(),
    )
    return Parsed(
        content=content,
        format="html",
        title=title,
        title_from=meta.get("title_from") if meta.get("title") else "html: trafilatura title",
        publisher=publisher,
        url=url,
        published=chosen.value.isoformat() if chosen else None,
        published_from=chosen.source if chosen else None,
        warnings=tuple(warnings + date_warnings),
        removed=removed,
    )


def _clean_chars(text: str) -> tuple[str, list[str]]:
    """Characters the HTML parser produced from entities (``&nbsp;``, ``&#8203;``) and entities
    that survived it (a double-encoded ``&amp;amp;`` reads as ``&amp;``), normalised like text."""
    text, notes = decode_entities(text)
    text, more = normalize_characters(text)
    return text, notes + more


def _htmldate(tree: Any) -> DateClue | None:
    """htmldate's choice over markup and visible text (byline and article dates before a masthead)."""
    if tree is None:
        return None
    try:
        found = htmldate.find_date(
            deepcopy(tree), extensive_search=True, original_date=True, max_date="2999-12-31"
        )
    except Exception:  # htmldate has no exception tree; a failure only means no date from it
        return None
    value = parse_date(found) if found else None
    return (
        DateClue(value, "html: htmldate (markup and visible dates)", Rank.HEURISTIC, str(found))
        if value
        else None
    )


def _nonempty(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _read_meta(tree: Any) -> dict[str, str]:
    """Title (and ``title_from``), publisher, URL and every dated tag, keyed as ``date:<evidence>``."""
    tags: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        content = (node.get("content") or "").strip()
        if key and content and key not in tags:
            tags[key] = content
    found: dict[str, str] = {}
    for key in _DATE_META:
        if key in tags:
            found[f"date:html meta: {key}"] = tags[key]
    for data in _json_ld(tree):
        _take(found, "date:html json-ld: datePublished", data.get("datePublished"))
        _take(found, "jsonld-title", data.get("headline"))
        publisher = data.get("publisher")
        _take(found, "jsonld-publisher", publisher.get("name") if isinstance(publisher, dict) else publisher)
        _take(found, "jsonld-url", data.get("url"))
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    title_node = tree.find(".//title")
    page_title = title_node.text_content().strip() if title_node is not None else None
    titles = [(tags.get(k), f"html meta: {k}") for k in _TITLE_META] + [
        (found.get("jsonld-title"), "html json-ld: headline"),
        (page_title, "html <title>"),
    ]
    title = next(((v, k) for v, k in titles if v), None)
    if title is not None:
        found["title"], found["title_from"] = title
    publishers = [tags.get(k) for k in _PUBLISHER_META] + [found.get("jsonld-publisher")]
    urls = (
        [str(canonical[0]) if canonical else None]
        + [tags.get(k) for k in _URL_META]
        + [found.get("jsonld-url")]
    )
    for name, options in (("publisher", publishers), ("url", urls)):
        value = next((v for v in options if v), None)
        if value:
            found[name] = value
    return found


def _take(found: dict[str, str], key: str, value: Any) -> None:
    if isinstance(value, str) and value.strip() and key not in found:
        found[key] = value.strip()


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, including those inside ``@graph`` lists."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null")
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _date_clues(meta: dict[str, str]) -> Iterator[DateClue]:
    for key, raw in meta.items():
        if key.startswith("date:"):
            value = parse_date(raw)
            if value is not None:
                source = key.removeprefix("date:")
                rank = Rank.INLINE_LINE if source == "html time element" else Rank.METADATA
                yield DateClue(value, source, rank, raw)
