"""The LangChain loader: one ``Document`` per input file, good or bad, with complete metadata.

This is the only place in ``briefing`` that reads input files. Every file named or found becomes
exactly one ``Document``; a file that cannot be used gets ``status`` "skipped" or "failed", a
``reason`` and empty ``page_content`` instead of an exception, so one bad file never costs a run.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from langchain_core.document_loaders import BaseLoader
from langchain_core.documents import Document

from briefing.errors import ConfigError
from briefing.models import DocumentStatus
from briefing.sources.decode import decode_bytes
from briefing.sources.html import parse_html
from briefing.sources.normalize import decode_entities, normalize_characters
from briefing.sources.text import parse_text
from briefing.sources.values import Parsed
from briefing.sources.walk import Entry, collect, readable_name

__all__ = ["METADATA_KEYS", "SourceLoader", "load_sources"]

METADATA_KEYS: tuple[str, ...] = (
    "id", "path", "sha256", "title", "title_from", "published", "published_from", "publisher", "url", "format",
    "encoding", "status", "reason", "warnings", "removed", "chars",
)  # fmt: skip
"""Keys present in the metadata of every ``Document`` the loader yields."""

_HTML_SUFFIXES = frozenset({".html", ".htm"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
_LOOKS_LIKE_HTML = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)


class SourceLoader(BaseLoader):
    """Load news documents from files and directories (``.md``, ``.txt``, ``.html``, no extension).

    Only ``lazy_load`` is implemented; ``load`` and the other ``BaseLoader`` helpers build on it.
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        max_bytes: int = 5_000_000,
        encoding_fallback: str = "cp1252",
    ) -> None:
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise ConfigError(f"max_bytes must be a positive integer, got {max_bytes!r}")
        try:
            codecs.lookup(encoding_fallback)
        except LookupError as exc:
            raise ConfigError(f"unknown encoding_fallback {encoding_fallback!r}") from exc
        self.paths: list[str | os.PathLike[str]] = (
            [paths] if isinstance(paths, str | os.PathLike) else list(paths)
        )
        self.max_bytes = max_bytes
        self.encoding_fallback = encoding_fallback

    def lazy_load(self) -> Iterator[Document]:
        """Yield one ``Document`` per input, in a deterministic order; never raise for one file."""
        first_by_hash: dict[str, str] = {}
        for entry in collect(self.paths):
            try:
                yield self._load(entry, first_by_hash)
            except Exception as exc:  # the promise: one file's surprise never ends the run
                yield _document(entry, "failed", f"unexpected error: {type(exc).__name__}: {exc}")

    def _load(self, entry: Entry, first_by_hash: dict[str, str]) -> Document:
        if entry.status is not None:
            return _document(entry, entry.status, entry.reason)
        try:
            info = entry.path.stat()
            if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
                return _document(entry, "failed", "not a regular file")
            size = info.st_size
            if size > self.max_bytes:
                return _document(entry, "skipped", _too_big(size, self.max_bytes))
            data = entry.path.read_bytes()
        except OSError as exc:
            return _document(entry, "failed", f"cannot read: {exc.strerror or exc}")
        if len(data) > self.max_bytes:  # the file grew after stat
            return _document(entry, "skipped", _too_big(len(data), self.max_bytes))
        if not data:
            return _document(entry, "skipped", "empty file (0 bytes)")
        digest = hashlib.sha256(data).hexdigest()
        if digest in first_by_hash:
            return _document(entry, "skipped", f"duplicate of {first_by_hash[digest]}", sha256=digest)
        first_by_hash[digest] = entry.id
        decoded = decode_bytes(data, fallback=self.encoding_fallback)
        if decoded.text is None or not decoded.text.strip():
            reason = decoded.problem or "empty file (whitespace only)"
            return _document(
                entry, "skipped", reason, sha256=digest, encoding=decoded.encoding, warnings=decoded.warnings
            )
        parsed, notes = _parse(entry, decoded.text)
        warnings = (*decoded.warnings, *notes, *parsed.warnings)
        status: DocumentStatus = "ok"
        reason = parsed.failure
        if parsed.failure:
            status = "failed"
        elif not parsed.content.strip():
            status, reason = "skipped", "nothing left after cleaning"
        return _document(
            entry, status, reason, parsed=parsed, sha256=digest, encoding=decoded.encoding, warnings=warnings
        )


def load_sources(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int = 5_000_000,
    encoding_fallback: str = "cp1252",
) -> list[Document]:
    """Every input under ``paths`` as a list (convenience for ``SourceLoader(...).load()``)."""
    return list(SourceLoader(paths, max_bytes=max_bytes, encoding_fallback=encoding_fallback).lazy_load())


def _parse(entry: Entry, text: str) -> tuple[Parsed, list[str]]:
    """Parse by format; characters are normalised first (entities only outside HTML, where the
    HTML parser decodes them), so the notes of that step lead the ``removed`` list."""
    suffix = entry.path.suffix.lower()
    notes: list[str] = []
    if suffix in _HTML_SUFFIXES or _LOOKS_LIKE_HTML.match(text[:4096]):
        if suffix not in _HTML_SUFFIXES:
            notes.append(f"content is an HTML page although the name ends in '{suffix}'; read as HTML")
        text, cleaned = normalize_characters(text)
        parsed = parse_html(text)
    else:
        text, cleaned = decode_entities(text)  # first: "&#8203;" and "&nbsp;" are characters too
        text, more = normalize_characters(text)
        cleaned += more
        parsed = parse_text(text, markdown=suffix in _MARKDOWN_SUFFIXES)
    return replace(parsed, removed=(*cleaned, *parsed.removed)), notes


def _too_big(size: int, limit: int) -> str:
    return f"file is {size:,} bytes, over the limit of {limit:,} bytes"


def _document(
    entry: Entry,
    status: DocumentStatus,
    reason: str,
    *,
    parsed: Parsed | None = None,
    sha256: str | None = None,
    encoding: str | None = None,
    warnings: Sequence[str] = (),
) -> Document:
    """The one place that shapes metadata, so every record has every key (JSON-serialisable)."""
    content = parsed.content if parsed is not None and status == "ok" else ""
    metadata: dict[str, Any] = {
        "id": entry.id,
        "path": readable_name(entry.path),
        "sha256": sha256,
        "title": parsed.title if parsed else None,
        "title_from": parsed.title_from if parsed and parsed.title else None,
        "published": parsed.published if parsed else None,
        "published_from": parsed.published_from if parsed else None,
        "publisher": parsed.publisher if parsed else None,
        "url": parsed.url if parsed else None,
        "format": parsed.format if parsed else _format_guess(entry),
        "encoding": encoding,
        "status": status,
        "reason": reason,
        "warnings": list(warnings),
        "removed": list(parsed.removed) if parsed else [],
        "chars": len(content),
    }
    return Document(page_content=content, id=entry.id, metadata=metadata)


def _format_guess(entry: Entry) -> str:
    """Format by file name for files never parsed; "unknown" when the name does not say."""
    suffix = entry.path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text" if suffix in (".txt", ".text") else "unknown"
