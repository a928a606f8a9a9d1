"""Matching rows across two digest editions and listing what changed.

A row is the same agreement in both editions when its kind is the same (case-insensitive) and its
parties correspond: every party on each side shares a name form (canonical name, an alias the
sources used, an acronym or country form from ``briefing.names``) with a party on the other side.
Row ids are not trusted, because they are minted per run. Matching goes through an index keyed
by (kind, name form), so the work grows with the number of rows, not with its square.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.digest.edition import Edition, EditionRow, source_keys
from briefing.models import Briefing, EditionChanges, RowChange
from briefing.names import name_variants

__all__ = ["compare_editions", "current_edition"]


def current_edition(briefing: Briefing) -> Edition:
    """This run's briefing in the shape the comparison reads."""
    disputed: dict[str, set[str]] = {}
    for d in briefing.discrepancies:
        if d.partnership_id:
            disputed.setdefault(d.partnership_id, set()).add(d.field)
    rows = tuple(
        EditionRow(
            id=p.id,
            parties=p.parties,
            aliases=tuple(dict(p.aliases).get(name, ()) for name in p.parties),
            kind=p.kind,
            status=p.status,
            sources=p.sources,
            disputed=frozenset({*p.disputed, *disputed.get(p.id, ())}),
        )
        for p in briefing.partnerships
    )
    keys = {d.id: source_keys(d.id, d.url) for d in briefing.documents}
    return Edition(briefing_date=briefing.briefing_date, rows=rows, source_keys=keys)


def compare_editions(
    current: Edition,
    previous: Edition | None,
    *,
    window: str,
    previous_name: str | None,
    folder: str,
    lead: str = "",
    empty: bool = False,
) -> EditionChanges:
    """What changed from ``previous`` to ``current``, with the sentence that opens the digest.

    ``previous`` is ``None`` when no earlier edition was found in ``folder`` (then every row is
    new and the note says so). ``lead`` is put before the note (e.g. "No documents published in
    2026-W47. "), and ``empty`` marks an edition of a week with no documents. Rows come
    out in a stable order: new and updated rows in this edition's order, then dropped rows in the
    previous edition's order.
    """
    if previous is None:
        note = f"No previous edition found in {folder}" + (
            "; everything below is new." if current.rows else "."
        )
        rows = tuple(RowChange("new", r.parties, r.kind, partnership_id=r.id) for r in current.rows)
        return EditionChanges(window, None, None, lead + note, rows, empty)
    pairs = match_rows(current.rows, previous.rows)
    changes: list[RowChange] = []
    for row in current.rows:
        before = pairs.get(row.id)
        if before is None:
            changes.append(RowChange("new", row.parties, row.kind, partnership_id=row.id))
            continue
        updated = _updated(row, before, current, previous)
        if updated is not None:
            changes.append(updated)
    matched = {r.id for r in pairs.values()}
    changes += [
        RowChange("dropped", r.parties, r.kind, previous_id=r.id)
        for r in previous.rows
        if r.id not in matched
    ]
    counts = {kind: sum(c.change == kind for c in changes) for kind in ("new", "updated", "dropped")}
    note = (
        f"Compared with the previous edition ({previous_name}, dated {previous.briefing_date}): "
        f"{counts['new']} new, {counts['updated']} updated, {counts['dropped']} no longer reported."
    )
    return EditionChanges(window, previous_name, previous.briefing_date, lead + note, tuple(changes), empty)


def _updated(row: EditionRow, before: EditionRow, current: Edition, previous: Edition) -> RowChange | None:
    known = {key for doc in before.sources for key in previous.source_keys.get(doc, {f"id:{doc}"})}
    new_sources = tuple(
        doc for doc in row.sources if not (current.source_keys.get(doc, {f"id:{doc}"}) & known)
    )
    new_disputes = tuple(sorted(row.disputed - before.disputed))
    status_changed = row.status is not None and _fold(row.status) != _fold(before.status or "")
    if not (new_sources or new_disputes or status_changed):
        return None
    return RowChange(
        "updated",
        row.parties,
        row.kind,
        partnership_id=row.id,
        previous_id=before.id,
        new_sources=new_sources,
        new_disputes=new_disputes,
        status_before=before.status,
        status_after=row.status,
        status_changed=status_changed,
    )


def match_rows(current: Sequence[EditionRow], previous: Sequence[EditionRow]) -> dict[str, EditionRow]:
    """This edition's row id -> the previous edition's row it continues (each used at most once)."""
    index: dict[tuple[str, str], list[int]] = {}
    forms_before = [_party_forms(r) for r in previous]
    for i, (row, forms) in enumerate(zip(previous, forms_before, strict=True)):
        for key in set().union(*forms) if forms else set():
            index.setdefault((_fold(row.kind), key), []).append(i)
    taken: set[int] = set()
    pairs: dict[str, EditionRow] = {}
    for row in current:
        forms = _party_forms(row)
        kind = _fold(row.kind)
        candidates = sorted({i for f in forms for key in f for i in index.get((kind, key), ())})
        for i in candidates:
            if i not in taken and _correspond(forms, forms_before[i]):
                taken.add(i)
                pairs[row.id] = previous[i]
                break
    return pairs


def _party_forms(row: EditionRow) -> list[frozenset[str]]:
    """Per party, every folded name form that counts as naming it."""
    forms = []
    for name, aliases in zip(row.parties, row.aliases or ((),) * len(row.parties), strict=False):
        found: set[str] = set()
        for written in (name, *aliases):
            found |= {_fold(v) for v in name_variants(written)} | {_fold(written)}
        forms.append(frozenset(found - {""}))
    return forms


def _correspond(a: list[frozenset[str]], b: list[frozenset[str]]) -> bool:
    """Every party on each side shares a name form with some party on the other side."""
    return all(any(x & y for y in b) for x in a) and all(any(y & x for x in a) for y in b)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
