"""A digest edition as the comparison sees it, read from this run's ``Briefing`` or last week's JSON.

The previous edition is read leniently on purpose: it may have been written by an older or newer
version of ``briefing`` whose contract gained keys, so only the keys the comparison needs are
validated (pydantic, unknown keys ignored) and a file that lacks them is refused with a
``ValueError`` that says which key, rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = ["EDITION_NAME", "Edition", "EditionRow", "parse_edition", "previous_edition_name"]

EDITION_NAME = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})-digest\.json$")
"""File names of digest editions in an output folder, e.g. ``2026-W47-digest.json``."""


@dataclass(frozen=True, slots=True)
class EditionRow:
    """One partnership row of an edition, reduced to what rows are matched and compared on."""

    id: str
    parties: tuple[str, ...]
    aliases: tuple[tuple[str, ...], ...]
    """Per party (same order as ``parties``), the other names the sources used for it."""
    kind: str
    status: str | None
    sources: tuple[str, ...]
    """Document ids, in this edition's numbering."""
    disputed: frozenset[str]


@dataclass(frozen=True, slots=True)
class Edition:
    """An edition's date, rows, and each document's identity keys (its id and its URL, if any)."""

    briefing_date: str
    rows: tuple[EditionRow, ...]
    source_keys: dict[str, frozenset[str]]
    """Document id -> keys that identify that document across editions (``id:...``, ``url:...``)."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Alias(_Loose):
    name: str
    aliases: list[str] = []


class _Row(_Loose):
    id: str
    parties: list[str]
    aliases: list[_Alias] = []
    kind: str
    status: str | None = None
    sources: list[str] = []
    disputed: list[str] = []


class _Discrepancy(_Loose):
    field: str
    partnership_id: str | None = None


class _Document(_Loose):
    id: str
    url: str | None = None


class _Edition(_Loose):
    schema_version: int
    briefing_date: str
    partnerships: list[_Row]
    discrepancies: list[_Discrepancy] = []
    documents: list[_Document] = []


def source_keys(doc_id: str, url: str | None) -> frozenset[str]:
    """Keys identifying one document across editions: ids can change between runs, URLs rarely do."""
    keys = {f"id:{doc_id}"}
    if url:
        keys.add(f"url:{url.strip().rstrip('/').casefold()}")
    return frozenset(keys)


def parse_edition(text: str) -> Edition:
    """A previous edition from its JSON text; ``ValueError`` says what is missing or malformed."""
    try:
        data = _Edition.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"])) or "the file"
        raise ValueError(f"not a briefing JSON edition ({where}: {first['msg']})") from None
    disputed: dict[str, set[str]] = {}
    for d in data.discrepancies:
        if d.partnership_id:
            disputed.setdefault(d.partnership_id, set()).add(d.field)
    rows = tuple(
        EditionRow(
            id=r.id,
            parties=tuple(r.parties),
            aliases=_aliases(r.parties, r.aliases),
            kind=r.kind,
            status=r.status,
            sources=tuple(r.sources),
            disputed=frozenset({*r.disputed, *disputed.get(r.id, ())}),
        )
        for r in data.partnerships
    )
    keys = {d.id: source_keys(d.id, d.url) for d in data.documents}
    return Edition(briefing_date=data.briefing_date, rows=rows, source_keys=keys)


def _aliases(parties: Iterable[str], aliases: Iterable[_Alias]) -> tuple[tuple[str, ...], ...]:
    seen = {a.name: tuple(a.aliases) for a in aliases}
    return tuple(seen.get(p, ()) for p in parties)


def previous_edition_name(names: Iterable[str], label: str) -> str | None:
    """The most recent edition file among ``names`` that is earlier than ISO week ``label``.

    ``label`` is ``YYYY-Www``; ``names`` are the entries of the output folder. An edition of the
    same week (a re-run with ``--force``) is not "previous" and is never picked.
    """
    match = re.fullmatch(r"(\d{4})-W(\d{2})", label)
    if match is None:
        raise ValueError(f"not an ISO week label: {label!r}")
    current = (int(match[1]), int(match[2]))
    best: tuple[tuple[int, int], str] | None = None
    for name in names:
        found = EDITION_NAME.match(name)
        if found is None:
            continue
        week = (int(found["year"]), int(found["week"]))
        if week < current and (best is None or week > best[0]):
            best = (week, name)
    return best[1] if best else None
