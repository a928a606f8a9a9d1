"""A draft extraction as JSON and back: the form the result cache stores (``cache.py``).

Every field keeps its value, quote and hint (a ``[start, end]`` span or null); usage is kept so a
cached draft can say what it cost when it was made. ``draft_from_json`` raises ``KeyError``,
``TypeError`` or ``ValueError`` on an entry that does not have this shape (the cache treats that
as a miss).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from briefing.models import DraftExtraction, DraftField, DraftRow, Span, Usage


def _field_to_json(f: DraftField | None) -> dict[str, Any] | None:
    if f is None:
        return None
    hint = None if f.hint is None else [f.hint.start, f.hint.end]
    return {"value": f.value, "quote": f.quote, "hint": hint}


def _field_from_json(data: Any) -> DraftField | None:
    if data is None:
        return None
    hint = data.get("hint")
    span = None if hint is None else Span(int(hint[0]), int(hint[1]))
    return DraftField(value=str(data["value"]), quote=str(data["quote"]), hint=span)


def _required(data: Any) -> DraftField:
    f = _field_from_json(data)
    if f is None:
        raise ValueError("missing field")
    return f


def draft_to_json(draft: DraftExtraction) -> dict[str, Any]:
    return {
        "document_id": draft.document_id,
        "summary": [_field_to_json(f) for f in draft.summary],
        "key_points": [_field_to_json(f) for f in draft.key_points],
        "rows": [
            {
                "parties": [_field_to_json(p) for p in row.parties],
                "kind": _field_to_json(row.kind),
                "date": _field_to_json(row.date),
                "status": _field_to_json(row.status),
                "scope": _field_to_json(row.scope),
            }
            for row in draft.rows
        ],
        "usage": asdict(draft.usage),
    }


def draft_from_json(data: dict[str, Any]) -> DraftExtraction:
    rows = tuple(
        DraftRow(
            parties=tuple(_required(p) for p in row["parties"]),
            kind=_required(row["kind"]),
            date=_field_from_json(row.get("date")),
            status=_field_from_json(row.get("status")),
            scope=_field_from_json(row.get("scope")),
        )
        for row in data["rows"]
    )
    return DraftExtraction(
        document_id=str(data["document_id"]),
        summary=tuple(_required(f) for f in data["summary"]),
        key_points=tuple(_required(f) for f in data["key_points"]),
        rows=rows,
        usage=Usage(**data.get("usage", {})),
    )
