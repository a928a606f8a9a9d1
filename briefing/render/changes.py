"""The "Since the last edition" section of a weekly digest, laid out once for Markdown and PDF.

Each changed row becomes a heading line (parties and kind) and plain detail lines (new sources by
their short titles, newly disputed fields, the status before and after). Values stay raw here;
each format escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.render.contract import ChangesOut, RowChangeOut

__all__ = ["ChangeLine", "ChangesView", "changes_view"]


@dataclass(frozen=True, slots=True)
class ChangeLine:
    title: str
    """"Acme Ltd and Department for Transport: memorandum of understanding"."""
    details: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangesView:
    note: str
    empty: bool
    new: tuple[ChangeLine, ...]
    updated: tuple[ChangeLine, ...]
    dropped: tuple[ChangeLine, ...]


def _parties(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _details(row: RowChangeOut, labels: dict[str, str]) -> tuple[str, ...]:
    lines: list[str] = []
    if row.new_sources:
        lines.append("new sources: " + "; ".join(labels.get(s, s) for s in row.new_sources))
    if row.new_disputes:
        lines.append("sources now disagree on: " + ", ".join(row.new_disputes))
    if row.status_changed:
        before = row.status_before or "not stated"
        lines.append(f"status: {before} → {row.status_after}")
    return tuple(lines)


def changes_view(changes: ChangesOut | None, labels: dict[str, str]) -> ChangesView | None:
    """The section's content, or ``None`` for a briefing that is not a digest.

    ``labels`` maps document ids to the short names the rest of the briefing uses for them.
    """
    if changes is None:
        return None
    by_kind: dict[str, list[ChangeLine]] = {"new": [], "updated": [], "dropped": []}
    for row in changes.rows:
        title = f"{_parties(row.parties)}: {row.kind}"
        by_kind[row.change].append(ChangeLine(title=title, details=_details(row, labels)))
    return ChangesView(
        note=changes.note,
        empty=changes.empty,
        new=tuple(by_kind["new"]),
        updated=tuple(by_kind["updated"]),
        dropped=tuple(by_kind["dropped"]),
    )
