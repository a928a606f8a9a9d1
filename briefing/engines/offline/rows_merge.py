"""Merge the rows one document yields: one row per agreement, told by its best-supported sentence.

Articles repeat themselves (a lead, a recap, a bullet list), and write one party several ways
("DSIT" and its long form). Rows with the same parties and kind collapse into the one with the
most cells; a generic "partnership" yields to a specific "memorandum of understanding" between the
same parties, since in one article they are the same agreement seen from two sentences.
"""

from __future__ import annotations

from functools import lru_cache

from briefing.models import DraftRow
from briefing.names import canonical_name, name_variants

_GENERIC_KINDS = frozenset({"partnership", "collaboration"})


def same_party(a: str, b: str) -> bool:
    """Two written names for one organisation ("DSIT" and its long form, "U.K. government" / "UK Government")."""
    return bool(_keys(a) & _keys(b))


@lru_cache(maxsize=4096)
def _keys(name: str) -> frozenset[str]:
    """What ``same_party`` compares: the casefolded variants, and the canonical name (marked so
    that it meets only another canonical name). Cached: a document repeats its names."""
    return frozenset([*(v.casefold() for v in name_variants(name)), "\0" + canonical_name(name).casefold()])


class _ByParty:
    """Kept rows found through any key of their parties, so that a row is compared only with rows
    that share a name with it, not with every row kept so far (a long document has thousands)."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, DraftRow]] = []
        self._index: dict[str, list[int]] = {}

    def add(self, index: int, row: DraftRow) -> None:
        self.rows.append((index, row))
        self._register(len(self.rows) - 1, row)

    def replace(self, position: int, row: DraftRow) -> None:
        """Tell the kept row's agreement by ``row`` instead; its names are indexed as well."""
        self.rows[position] = (self.rows[position][0], row)
        self._register(position, row)

    def _register(self, position: int, row: DraftRow) -> None:
        for key in {k for p in row.parties for k in _keys(p.value)}:
            found = self._index.setdefault(key, [])
            if not found or found[-1] != position:
                found.append(position)

    def candidates(self, row: DraftRow) -> list[int]:
        """Positions (ascending) of every kept row that could have the same parties as ``row``."""
        if not row.parties:
            return list(range(len(self.rows)))
        found: set[int] = set()  # a matching row shares a key with this row's first party
        for key in _keys(row.parties[0].value):
            found.update(self._index.get(key, ()))
        return sorted(found)


def deduplicate(rows: list[tuple[int, DraftRow]]) -> list[DraftRow]:
    """Same parties and kind: keep the best-supported row; a generic kind yields to a specific one."""
    best = _ByParty()
    for index, row in rows:
        twin = next(
            (
                i
                for i in best.candidates(row)
                if _same_parties(best.rows[i][1], row) and _kind(best.rows[i][1]) == _kind(row)
            ),
            None,
        )
        if twin is None:
            best.add(index, row)
        elif _support(row) > _support(best.rows[twin][1]):
            best.replace(twin, row)
    return [
        row
        for _, row in best.rows
        if not (
            _kind(row) in _GENERIC_KINDS
            and any(
                _same_parties(best.rows[i][1], row) and _kind(best.rows[i][1]) not in _GENERIC_KINDS
                for i in best.candidates(row)
            )
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
