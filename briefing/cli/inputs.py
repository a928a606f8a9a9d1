"""Which inputs a run reads: PATHS and ``--feed`` from the command line, else ``[[sources]]``.

Local files and folders go to ``SourceLoader``; feeds (URLs, ``--feed``, local ``.rss``/``.atom``/
``.xml``/``.json`` files, ``feed =`` entries) go to ``FeedLoader``. Both live in
``briefing.sources``, the only stage that reads inputs or the network; this module only decides
what to hand them.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from pathlib import Path

from langchain_core.documents import Document

from briefing.config import Settings, cache_path
from briefing.errors import ConfigError
from briefing.pipeline import Window
from briefing.sources import SourceLoader
from briefing.sources.feedloader import FeedLoader, FeedOptions
from briefing.sources.fetch import FetchPolicy

__all__ = ["add_input_arguments", "load_inputs", "load_paths"]

DEFAULT_PATHS = (Path("sources"),)
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".json"})
_COLLAPSED_URL = re.compile(r"^(https?):/(?!/)")  # argparse's Path() turned "https://" into "https:/"


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The feed flags, shared by ``build`` and ``sources``."""
    parser.add_argument(
        "--feed",
        action="append",
        dest="feeds",
        metavar="URL_OR_FILE",
        help="an RSS, Atom or JSON feed to read (repeatable; URLs among PATHS work too)",
    )
    parser.add_argument(
        "--allow-private-urls",
        action="store_true",
        help="let feeds reach private, loopback and link-local addresses (refused by default)",
    )


def load_inputs(
    args: argparse.Namespace, settings: Settings, *, environ: Mapping[str, str], window: Window | None = None
) -> list[Document]:
    """Every input document: files and folders first, then feed items, each with status and reason."""
    paths, feeds = _split(list(args.paths), list(getattr(args, "feeds", None) or []))
    max_items: dict[str, int] = {}
    if not paths and not feeds:
        for entry in settings.sources:
            local = entry.path or entry.folder or entry.file
            if entry.folder is not None and entry.folder.exists() and not entry.folder.is_dir():
                raise ConfigError(f"[[sources]] folder {entry.folder} is not a folder")
            if entry.file is not None and entry.file.is_dir():
                raise ConfigError(f"[[sources]] file {entry.file} is a folder")
            if local is not None:
                paths.append(local)
            elif entry.feed is not None:
                feeds.append(entry.feed)
                if entry.max_items:
                    max_items[entry.feed] = entry.max_items
    if not paths and not feeds:
        paths = list(DEFAULT_PATHS)
    documents: list[Document] = []
    if paths:
        if feeds:
            documents += SourceLoader(paths, max_bytes=settings.max_bytes).lazy_load()
        else:
            documents += load_paths(paths, max_bytes=settings.max_bytes)
    if feeds:
        policy = FetchPolicy(max_bytes=settings.max_bytes, allow_private=bool(args.allow_private_urls))
        options = FeedOptions(
            policy=policy,
            cache_dir=cache_path(settings.cache_dir, environ=environ).parent / "http",
            window=(window.start, window.end) if window else None,
        )
        documents += FeedLoader(feeds, options, caps=max_items).lazy_load()
    return documents


def load_paths(paths: list[Path], *, max_bytes: int) -> list[Document]:
    """Every document under ``paths`` (default ``sources/``); ``ConfigError`` when none of them exists."""
    chosen = paths or list(DEFAULT_PATHS)
    missing = [p for p in chosen if not p.exists()]
    if missing and len(missing) == len(chosen):
        raise ConfigError(f"no such file or folder: {', '.join(map(str, missing))}")
    return list(SourceLoader(chosen, max_bytes=max_bytes).lazy_load())


def _split(paths: list[Path], feeds: list[str]) -> tuple[list[Path], list[str]]:
    local: list[Path] = []
    for path in paths:
        text = str(path)
        if _COLLAPSED_URL.match(text):
            feeds.append(_COLLAPSED_URL.sub(r"\1://", text))
        elif path.suffix.lower() in FEED_SUFFIXES and path.is_file():
            feeds.append(text)
        else:
            local.append(path)
    return local, feeds
