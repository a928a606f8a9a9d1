"""Reading front matter: one or more YAML ``---`` (or TOML ``+++``) blocks at the top of a file,
or else a Pelican/MultiMarkdown header (``Key: value`` lines up to the first blank line).

Exported notes from different tools stack several blocks with different key spellings
(``publishedAt`` in one, ``published_at`` in the next), so every block is read, later blocks only
fill gaps, and disagreements become warnings instead of silent choices. Broken YAML never loses
the body or the readable fields: a block that does not parse is read again entry by entry, each
bad line is named in a warning, and a bad ``key: value`` line keeps its value as plain text (the
usual fault is an unquoted title holding a colon). Dates stay strings until ``parse_date`` reads
them, so an impossible date such as 2025-02-30 is a warning, never an exception.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from briefing.dates import impossible_date, parse_date
from briefing.sources.clean import excerpt
from briefing.sources.headers import read_header, split_entries
from briefing.sources.values import DateClue, Rank

__all__ = ["FrontMatter", "read_front_matter"]

_MAX_BLOCK_LINES = 300
# Normalised key (lower case, no "_", "-" or spaces) -> field, in order of preference within a block.
_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "ogtitle"),
    "published": (
        "publishedat", "published", "publishedon", "publishdate", "pubdate", "datepublished",
        "publicationdate", "date",
    ),
    "publisher": ("publisher", "source", "sourcename", "outlet", "sitename", "site", "publication"),
    "url": ("url", "sourceurl", "canonicalurl", "canonical", "link", "permalink", "originalurl", "sourcelink"),
}  # fmt: skip


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without the timestamp rule: dates stay text for ``parse_date``."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Fields found in the front matter and how many lines (from the top) the blocks took."""

    end: int = 0
    """Index of the first line after the last block (0 when there is no front matter)."""
    title: str | None = None
    title_from: str | None = None
    """"front matter: title", "metadata header: Title" ..."""
    publisher: str | None = None
    url: str | None = None
    published: DateClue | None = None
    warnings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(slots=True)
class _Acc:
    values: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # field -> (value, key, block)
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    draft: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # field -> "front matter: title"


def read_front_matter(lines: Sequence[str]) -> FrontMatter:
    """Read every front matter block at the top of ``lines`` (the document split on ``\\n``)."""
    acc = _Acc()
    i = _skip_blank(lines, 0)
    end, block = 0, 0
    while i < len(lines) and lines[i].strip() in ("---", "+++"):
        fence = lines[i].strip()
        close = _closing_fence(lines, i, fence)
        if close is None or not _looks_like_front_matter(lines[i + 1 : close], toml=fence == "+++"):
            if (
                close is None
                and block == 0
                and _looks_like_front_matter(lines[i + 1 : i + 3], toml=fence == "+++")
            ):
                acc.warnings.append(
                    f"front matter opened with '{fence}' on line 1 but never closed; kept as text"
                )
            break
        block += 1
        kind = " (TOML)" if fence == "+++" else ""
        acc.removed.append(f"front matter block {block}{kind} ({close - i + 1} lines)")
        _read_block("\n".join(lines[i + 1 : close]), block, acc, toml=fence == "+++")
        end = close + 1
        i = _skip_blank(lines, end)
    if block == 0:
        header = read_header(lines)
        if header is not None:
            end = header.end
            acc.removed.append(f"metadata header ({header.lines} lines)")
            _take(dict(header.fields), 0, acc, label="metadata header")
    if acc.draft:
        acc.warnings.append("front matter marks the document as a draft")
    published = _published(acc)
    return FrontMatter(
        end=end,
        title=_get(acc, "title"),
        title_from=acc.labels.get("title"),
        publisher=_get(acc, "publisher"),
        url=_get(acc, "url"),
        published=published,
        warnings=tuple(acc.warnings),
        removed=tuple(acc.removed),
    )


def _skip_blank(lines: Sequence[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _closing_fence(lines: Sequence[str], start: int, fence: str) -> int | None:
    closers = ("---", "...") if fence == "---" else (fence,)
    for j in range(start + 1, min(len(lines), start + _MAX_BLOCK_LINES)):
        if lines[j].strip() in closers:
            return j
    return None


def _looks_like_front_matter(body: Sequence[str], *, toml: bool = False) -> bool:
    """A block is front matter only if it starts with a ``key:`` (TOML: ``key =``) line.

    A bare ``---`` is a horizontal rule, so a block that does not open with a key is text.
    """
    for line in body:
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            head, sep, _ = stripped.partition("=" if toml else ":")
            head = head.strip() if toml else head
            return bool(sep) and bool(head) and head.replace("_", "a").replace("-", "a").isalnum()
    return False


def _read_block(source: str, block: int, acc: _Acc, *, toml: bool = False) -> None:
    data: Any
    try:
        data = tomllib.loads(source) if toml else yaml.load(source, Loader=_Loader)
    except tomllib.TOMLDecodeError as exc:
        acc.warnings.append(f"front matter block {block} is not valid TOML ({exc}); its fields were ignored")
        return
    except (yaml.YAMLError, ValueError):
        data = _read_entries(source, block, acc)
    if not isinstance(data, dict):
        acc.warnings.append(f"front matter block {block} is not a key: value mapping; ignored")
        return
    _take(data, block, acc, label="front matter")


def _read_entries(source: str, block: int, acc: _Acc) -> dict[str, Any]:
    """A block PyYAML refused, read one top-level entry at a time; every bad line is named."""
    data: dict[str, Any] = {}
    for line_no, key, text in split_entries(source):
        try:
            parsed = yaml.load(text, Loader=_Loader)
        except (yaml.YAMLError, ValueError) as exc:
            problem = getattr(exc, "problem", None) or type(exc).__name__
            head = (
                f"front matter block {block} is not valid YAML at line {line_no} ({excerpt(text)}: {problem})"
            )
            if key is None or "\n" in text:
                acc.warnings.append(f"{head}; that entry was ignored")
                continue
            value = text.split(":", 1)[1].strip().strip("\"'")
            acc.warnings.append(f"{head}; kept its value as plain text")
            data[key] = value
            continue
        if isinstance(parsed, dict):
            data.update(parsed)
    return data


def _take(data: dict[Any, Any], block: int, acc: _Acc, *, label: str) -> None:
    normalised = {_norm(str(k)): (str(k), v) for k, v in data.items()}
    status = normalised.get("status", ("", None))[1]
    if normalised.get("draft", ("", None))[1] is True or (
        isinstance(status, str) and status.lower() == "draft"
    ):
        acc.draft = True
    for name, keys in _KEYS.items():
        for key in keys:
            if key in normalised:
                original, raw = normalised[key]
                value = _scalar(raw)
                if value is not None:
                    target = (
                        "url" if name == "publisher" and value.startswith(("http://", "https://")) else name
                    )
                    _offer(acc, target, value, original, block, label)


def _norm(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "").replace(" ", "")


def _scalar(raw: Any) -> str | None:
    if isinstance(raw, datetime | date):
        return raw.isoformat()
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        text = str(raw).strip()
        return text or None
    return None


def _offer(acc: _Acc, name: str, value: str, key: str, block: int, label: str) -> None:
    """Later values fill gaps; a different later value is a warning, never a silent override."""
    if name not in acc.values:
        acc.values[name] = (value, key, block)
        acc.labels[name] = f"{label}: {key}"
        return
    kept, kept_key, kept_block = acc.values[name]
    same = (
        parse_date(kept) == parse_date(value) if name == "published" else kept.casefold() == value.casefold()
    )
    if not same:
        acc.warnings.append(
            f"front matter disagrees on {name}: {kept!r} ({kept_key}, block {kept_block}) vs "
            f"{value!r} ({key}, block {block}); kept the first"
        )


def _get(acc: _Acc, name: str) -> str | None:
    found = acc.values.get(name)
    return found[0] if found else None


def _published(acc: _Acc) -> DateClue | None:
    found = acc.values.get("published")
    if found is None:
        return None
    raw, key, _ = found
    label = acc.labels.get("published", f"front matter: {key}")
    value = parse_date(raw)
    if value is None:
        problem = "not a real calendar date" if impossible_date(raw) else "not a date I can read"
        acc.warnings.append(f"{label} {raw!r} is {problem}; ignored")
        return None
    return DateClue(value, label, Rank.METADATA, raw)
