"""A small on-disk HTTP cache for feed and page fetches, revalidated with ETag / Last-Modified.

One entry per requested URL: ``<sha256(url)>.json`` (validators, final URL, content type) and
``<sha256(url)>.body``. The next run sends ``If-None-Match`` / ``If-Modified-Since``; a ``304 Not
Modified`` reuses the stored body, so an unchanged feed or page costs one small request. Files are
replaced atomically; an unreadable or half-written entry is treated as absent, never as an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["CachedResponse", "HttpCache"]


@dataclass(frozen=True, slots=True)
class CachedResponse:
    url: str
    """The URL as requested (the cache key)."""
    final_url: str
    """Where redirects ended."""
    etag: str | None
    last_modified: str | None
    content_type: str


class HttpCache:
    """Entries under ``folder`` (created on first write); ``folder=None`` caches nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path] | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> tuple[CachedResponse, bytes] | None:
        """The stored response for ``url`` and its body, or ``None``."""
        paths = self._paths(url)
        if paths is None:
            return None
        try:
            meta = json.loads(paths[0].read_text(encoding="utf-8"))
            digest = meta.pop("sha256")
            entry = CachedResponse(**meta)
            body = paths[1].read_bytes()
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if entry.url != url or hashlib.sha256(body).hexdigest() != digest:
            return None  # another URL's entry, or a body replaced without its metadata
        return entry, body

    def put(self, entry: CachedResponse, body: bytes) -> None:
        """Store a response that carries a validator; failures to write are ignored (it is a cache)."""
        paths = self._paths(entry.url)
        if paths is None or not (entry.etag or entry.last_modified):
            return
        try:
            paths[0].parent.mkdir(parents=True, exist_ok=True)
            _replace(paths[1], body)
            meta = {**asdict(entry), "sha256": hashlib.sha256(body).hexdigest()}
            _replace(paths[0], json.dumps(meta).encode("utf-8"))
        except OSError:
            return


def _replace(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
