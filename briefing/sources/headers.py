"""Plain ``Key: value`` metadata at the top of a file (Pelican, MultiMarkdown), and the entries of
a YAML block that has to be read line by line.

A Pelican or MultiMarkdown header is a run of ``Key: value`` lines from the first line to the first
blank line, with indented continuation lines; it has no fences, so it is recognised by form: every
line of the run is a key line or a continuation, and most keys are ones such headers use. A
lone "Published: ..." line is left to the date-line rules, so a single key line counts only if it
is a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Header", "read_header", "split_entries"]

_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9 _-]{0,30}?)\s*:(?:\s+(?P<value>.*?))?\s*$")
_KNOWN = frozenset({
    "title", "subtitle", "date", "published", "publishdate", "pubdate", "modified", "updated", "author",
    "authors", "byline", "category", "categories", "tags", "keywords", "slug", "summary", "lang",
    "language", "status", "source", "publisher", "outlet", "url", "link", "sourceurl", "canonicalurl",
    "description", "series", "template", "saveas", "css", "baseheaderlevel", "format", "copyright",
})  # fmt: skip
_MAX_LINES = 40


@dataclass(frozen=True, slots=True)
class Header:
    """A ``Key: value`` header: its fields in order, its line count, the first line after it."""

    fields: tuple[tuple[str, str], ...]
    lines: int
    end: int


def read_header(lines: Sequence[str]) -> Header | None:
    """The Pelican/MultiMarkdown header opening ``lines``, or None when the top is not one."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fields: list[tuple[str, str]] = []
    i = start
    while i < len(lines) and lines[i].strip() and i - start < _MAX_LINES:
        line = lines[i]
        m = _KEY_LINE.match(line)
        if line[:1] in " \t" and fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {line.strip()}".strip())
        elif m is not None:
            fields.append((m.group("key").strip(), (m.group("value") or "").strip()))
        else:
            return None
        i += 1
    if i == start or (i < len(lines) and lines[i].strip()):
        return None
    known = [k for k, _ in fields if _norm(k) in _KNOWN]
    if len(known) * 2 < len(fields) or not known:
        return None
    if len(fields) == 1 and _norm(fields[0][0]) != "title":
        return None
    return Header(tuple(fields), i - start, i)


def split_entries(source: str) -> Iterator[tuple[int, str | None, str]]:
    """A YAML block's top-level entries as (line number in the block, key or None, entry text).

    An entry is a line at column 0 plus the indented or list lines under it.
    """
    entry: list[str] = []
    first = 0
    for n, line in enumerate(source.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if entry and (line[:1] in " \t" or line.startswith("- ")):
            entry.append(line)
            continue
        if entry:
            yield _entry(first, entry)
        entry, first = [line], n
    if entry:
        yield _entry(first, entry)


def _entry(first: int, entry: list[str]) -> tuple[int, str | None, str]:
    m = _KEY_LINE.match(entry[0]) or re.match(r"^(?P<key>[^:\s][^:]*):", entry[0])
    return first, (m.group("key").strip() if m else None), "\n".join(entry)


def _norm(key: str) -> str:
    return key.lower().replace(" ", "").replace("-", "").replace("_", "")
