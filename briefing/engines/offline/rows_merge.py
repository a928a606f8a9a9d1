"""Merge the rows one document yields: one row per agreement, told by its best-supported sentence.

Articles repeat themselves (a lead, a recap, a bullet list), and write one party several ways
("DSIT" and its long form). Rows with the same parties and kind collapse into the one with the
most cells; a generic "partnership" yields to a specific "memorandum of understanding" between the
same parties, since in one article they are the same agreement seen from two sentences.
"""

from __future__ import annotations

from briefing.models import DraftRow
from briefing.names import canonical_name, name_variants

_GENERIC_KINDS = frozenset({"partnership", "collaboration"})


def same_party(a: str, b: str) -> bool:
    """Two written names for one organisation ("DSIT" and its long form, "U.K. government" / "UK Government")."""
    va = {v.casefold() for v in name_variants(a)}
    vb = {v.casefold() for v in name_variants(b)}
    return bool(va & vb) or canonical_name(a).casefold() == canonical_name(b).casefold()


def deduplicate(rows: list[tuple[int, DraftRow]]) -> list[DraftRow]:
    """Same parties and kind: keep the best-supported row; a generic kind yields to a specific one."""
    best: list[tuple[int, DraftRow]] = []
    for index, row in rows:
        twin = next(
            (i for i, (_, k) in enumerate(best) if _same_parties(k, row) and _kind(k) == _kind(row)), None
        )
        if twin is None:
            best.append((index, row))
        elif _support(row) > _support(best[twin][1]):
            best[twin] = (best[twin][0], row)
    return [
        row
        for _, row in best
        if not (
            _kind(row) in _GENERIC_KINDS
            and any(_same_parties(o, row) and _kind(o) not in _GENERIC_KINDS for _, o in best)
        )
    ]


def _kind(row: DraftRow) -> str:
    return row.kind.value


def _same_parties(a: DraftRow, b: DraftRow) -> bool:
    if len(a.parties) != len(b.parties):
        return False
    return all(any(same_party(p.value, q.value) for q in b.parties) for p in a.parties)


def _support(row: DraftRow) -> int:
    return sum(f is not None for f in (row.date, row.status, row.scope))
