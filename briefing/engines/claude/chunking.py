"""Long documents: overlapping chunks on paragraph boundaries, and one merged draft per document.

A document whose prompt would pass the model's input budget is cut into chunks of at most
``chunk_chars`` characters. Cuts fall on paragraph boundaries (a blank line, else a line break);
a single paragraph longer than a chunk is cut at a sentence end, else at a space, else hard.
Each chunk after the first starts with the last paragraphs of the one before, up to
``overlap_chars``, so a sentence at a boundary is seen whole at least once. Work is linear in the
text: each boundary is found once by scanning forward.

Every chunk is extracted on its own; ``map_hint`` turns a quote found in a chunk into a span of
the whole document (the chunk's start offset added), and ``merge_drafts`` joins the chunks'
drafts in document order, dropping duplicates (the same quote twice, or the same parties, kind
and date twice, as overlap produces), so grounding then checks every quote against the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.models import DraftExtraction, DraftField, DraftRow, Span, Usage

MAX_SUMMARY, MAX_KEY_POINTS = 4, 8
_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]?\s"), re.compile(r"\s"))


@dataclass(frozen=True, slots=True)
class Chunk:
    """``text`` is ``document[start:start + len(text)]``; ``index`` counts from 0."""

    index: int
    start: int
    text: str


def _cut(text: str, start: int, limit: int) -> int:
    """The best end for a chunk starting at ``start``: the last boundary before ``start + limit``."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2  # never cut so early that chunks become tiny
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, end):
            last = match
        if last is not None:
            return last.end()
    return end


def _back_to_boundary(text: str, start: int, floor: int) -> int:
    """Move ``start`` back to the beginning of its paragraph (or line), not before ``floor``."""
    for separator in ("\n\n", "\n"):
        found = text.rfind(separator, floor, start)
        if found >= 0:
            return found + len(separator)
    return start


def split_text(text: str, *, chunk_chars: int, overlap_chars: int) -> list[Chunk]:
    """Overlapping chunks covering ``text`` (see the module docstring); one chunk if it fits."""
    if chunk_chars < 2:
        raise ValueError(f"chunk_chars must be 2 or more, not {chunk_chars}")
    overlap_chars = max(0, min(overlap_chars, chunk_chars // 4))
    chunks: list[Chunk] = []
    start = 0
    while True:
        end = _cut(text, start, chunk_chars)
        chunks.append(Chunk(len(chunks), start, text[start:end]))
        if end >= len(text):
            return chunks
        next_start = _back_to_boundary(text, end - overlap_chars, end - overlap_chars - chunk_chars // 8)
        start = next_start if start < next_start < end else end


def map_hint(field: DraftField, chunk: Chunk) -> DraftField:
    """``field`` with ``hint`` pointing at its quote in the whole document, when the chunk has it."""
    at = chunk.text.find(field.quote) if field.quote else -1
    if at < 0:
        return replace(field, hint=None)
    return replace(field, hint=Span(chunk.start + at, chunk.start + at + len(field.quote)))


def _map_row(row: DraftRow, chunk: Chunk) -> DraftRow:
    def opt(f: DraftField | None) -> DraftField | None:
        return None if f is None else map_hint(f, chunk)

    return DraftRow(
        parties=tuple(map_hint(p, chunk) for p in row.parties),
        kind=map_hint(row.kind, chunk),
        date=opt(row.date),
        status=opt(row.status),
        scope=opt(row.scope),
    )


def map_draft(draft: DraftExtraction, chunk: Chunk) -> DraftExtraction:
    """A chunk's draft with every hint in whole-document offsets."""
    return replace(
        draft,
        summary=tuple(map_hint(f, chunk) for f in draft.summary),
        key_points=tuple(map_hint(f, chunk) for f in draft.key_points),
        rows=tuple(_map_row(r, chunk) for r in draft.rows),
    )


def _row_key(row: DraftRow) -> tuple[object, ...]:
    parties = tuple(sorted(" ".join(p.value.lower().split()) for p in row.parties))
    date = row.date.value if row.date else None
    return (parties, " ".join(row.kind.value.lower().split()), date)


def _unique(fields: Sequence[DraftField], limit: int) -> tuple[DraftField, ...]:
    seen: set[str] = set()
    out: list[DraftField] = []
    for f in fields:
        key = " ".join(f.quote.split())
        if key not in seen:
            seen.add(key)
            out.append(f)
    return tuple(out[:limit])


def merge_drafts(document_id: str, drafts: Sequence[DraftExtraction]) -> DraftExtraction:
    """One draft for the document from its chunks' drafts (in chunk order), duplicates dropped."""
    rows: dict[tuple[object, ...], DraftRow] = {}
    for draft in drafts:
        for row in draft.rows:
            rows.setdefault(_row_key(row), row)
    usage = sum((d.usage for d in drafts), Usage())
    return DraftExtraction(
        document_id=document_id,
        summary=_unique([f for d in drafts for f in d.summary], MAX_SUMMARY),
        key_points=_unique([f for d in drafts for f in d.key_points], MAX_KEY_POINTS),
        rows=tuple(rows.values()),
        usage=usage,
    )
