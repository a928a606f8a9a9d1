"""Turning the paths a user gave into an ordered list of input files, each with a stable id.

Directories are walked recursively in sorted order, skipping hidden names, so the same folder
always yields the same documents in the same order with the same ids. Problems found while walking
(a missing path, an unlistable directory, a broken link, an unsupported extension) become entries
with a status and reason instead of exceptions, so nothing the user named is silently lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.models import DocumentStatus

__all__ = ["SUPPORTED_SUFFIXES", "Entry", "collect"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm", ""})
"""Extensions considered as sources ("" is a file without an extension)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One input: a file to read, or a problem that already decides its status."""

    path: Path
    id: str
    status: DocumentStatus | None = None
    reason: str = ""


def collect(paths: Sequence[str | os.PathLike[str]]) -> list[Entry]:
    """Every input under ``paths`` in a deterministic order, with ids unique across the run."""
    found = [item for raw in paths for item in _expand(Path(raw), seen=set())]
    return _assign_ids(found)


def _expand(path: Path, *, seen: set[Path]) -> Iterator[tuple[Path, DocumentStatus | None, str]]:
    if path.is_symlink() and not path.exists():
        yield path, "failed", f"broken symbolic link (points to {os.readlink(path)})"
        return
    if not path.exists():
        yield path, "failed", "path does not exist"
        return
    if path.is_dir():
        yield from _walk(path, seen=seen)
        return
    yield path, *_suffix_problem(path)


def _walk(directory: Path, *, seen: set[Path]) -> Iterator[tuple[Path, DocumentStatus | None, str]]:
    real = directory.resolve()
    if real in seen:  # a symbolic link loop: the directory was already walked on this branch
        return
    try:
        children = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield directory, "failed", f"cannot list directory: {exc.strerror or exc}"
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen=seen | {real})
        else:
            yield from _expand(child, seen=seen)


def _suffix_problem(path: Path) -> tuple[DocumentStatus | None, str]:
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None, ""
    supported = ", ".join(sorted(s for s in SUPPORTED_SUFFIXES if s))
    return "skipped", f"unsupported file type '{suffix}' (supported: {supported}, or no extension)"


def _assign_ids(found: list[tuple[Path, DocumentStatus | None, str]]) -> list[Entry]:
    """The id is the file stem; later files with a taken stem get ``-2``, ``-3``... in walk order."""
    stems = [_stem(path) for path, _, _ in found]
    taken: set[str] = set()
    reserved = set(stems)
    entries: list[Entry] = []
    for (path, status, reason), stem in zip(found, stems, strict=True):
        doc_id = stem
        n = 1
        while doc_id in taken or (n > 1 and doc_id in reserved):
            n += 1
            doc_id = f"{stem}-{n}"
        taken.add(doc_id)
        entries.append(Entry(path, doc_id, status, reason))
    return entries


def _stem(path: Path) -> str:
    return readable_name(path.stem or path.name or "document")


def readable_name(name: str | os.PathLike[str]) -> str:
    """A file name or path as text every output can hold (shape: str -> str, same length or longer).

    POSIX file names are bytes; Python reads a name that is not valid UTF-8 (common on old archives
    and SMB shares written in Latin-1) with each undecodable byte as a lone surrogate (PEP 383),
    which no UTF-8 file, JSON string or PDF can hold. Those bytes are written as ``\\xNN`` instead:
    ``latin1_\\xe9t\\xe9.txt``. A name that is valid UTF-8 is returned unchanged.
    """
    text = os.fspath(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text
