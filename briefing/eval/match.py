"""Pairing a briefing's rows and disagreements with the gold's, one to one.

A predicted row is a *candidate* for a gold row when every gold party has an alias that covers one
of the row's names (its parties and every alias the briefing recorded). Candidates are then taken
greedily, best first (kind right, most gold documents among its sources, date right), so each gold
row takes at most one predicted row and each predicted row at most one gold row. A second row for
an already-matched agreement is a duplicate: it counts against precision, as an unmerged copy
would confuse a reader.

A predicted disagreement is a candidate for a gold one when its field is acceptable and it names
what the gold names: every gold value group among its values, and the gold parties in its row (via
``partnership_id``) or in its subject.

Cost: candidates are found per predicted item against the gold items, so the work is
(predicted items) x (gold items); gold files are hand-written and hold tens of items.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.eval.gold import GoldAbsent, GoldDisagreement, GoldRow
from briefing.eval.names import covers_any, fold
from briefing.render.contract import DiscrepancyOut, PartnershipOut
from briefing.vocabulary import canonical_kind

__all__ = [
    "Pairing",
    "disagreement_candidates",
    "kind_ok",
    "pair",
    "row_names",
    "status_ok",
]


@dataclass(frozen=True, slots=True)
class Pairing:
    """Indexes of predicted items paired with gold items, and the predicted items left over."""

    pairs: tuple[tuple[int, int], ...]
    """(predicted index, gold index)."""
    unpaired: tuple[int, ...]
    duplicate_of: tuple[tuple[int, int], ...]
    """(predicted index, gold index) for a leftover that would have matched an already-paired gold item."""


def row_names(row: PartnershipOut) -> list[str]:
    """Every name the briefing gives the row's parties (canonical names and aliases)."""
    names = list(row.parties)
    for alias in row.aliases:
        names += [alias.name, *alias.aliases]
    return names


def parties_covered(groups: Sequence[Sequence[str]], names: Sequence[str]) -> bool:
    """Every alias group covers at least one of ``names``."""
    return all(covers_any(group, names) for group in groups)


def kind_ok(expected: Iterable[str | None], got: str) -> bool:
    """The predicted kind equals an acceptable one, compared by canonical kind when both have one."""
    mine = canonical_kind(got) or fold(got)
    return any(e is not None and (canonical_kind(e) or fold(e)) == mine for e in expected)


def status_parts(status: str | None) -> set[str]:
    """``"signed, non-binding"`` -> {"signed", "non binding"} (folded)."""
    if not status:
        return set()
    return {fold(p) for p in status.replace(";", ",").replace(" and ", ",").split(",") if p.strip()}


def status_ok(expected: Sequence[str | None], got: str | None) -> bool:
    """``null`` gold wants no status; otherwise every predicted part must be an acceptable status."""
    if expected == (None,) or expected == [None]:
        return not got
    allowed = {fold(e) for e in expected if e is not None}
    parts = status_parts(got)
    return bool(parts) and parts <= allowed


def _row_rank(gold: GoldRow, row: PartnershipOut) -> tuple[int, int, int]:
    kinds = gold.expected("kind")
    dates = gold.expected("date")
    return (
        int(kinds is not None and kind_ok(kinds, row.kind)),
        len(set(gold.documents) & set(row.sources)),
        int(dates is not None and row.date in dates),
    )


def _greedy(candidates: list[tuple[tuple[int, ...], int, int]], n_predicted: int) -> Pairing:
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    wanted: dict[int, int] = {}
    # Best rank first; ties keep input order (predicted, then gold), so the result is deterministic.
    for _rank, p, g in sorted(candidates, key=lambda c: (tuple(-x for x in c[0]), c[1], c[2])):
        wanted.setdefault(p, g)
        if p not in taken_p and g not in taken_g:
            taken_p.add(p)
            taken_g.add(g)
            pairs.append((p, g))
    unpaired = tuple(i for i in range(n_predicted) if i not in taken_p)
    duplicates = tuple((p, wanted[p]) for p in unpaired if p in wanted)
    return Pairing(tuple(sorted(pairs)), unpaired, duplicates)


def pair(rows: Sequence[PartnershipOut], gold: Sequence[GoldRow]) -> Pairing:
    """Pair predicted rows with gold rows (see the module docstring)."""
    candidates: list[tuple[tuple[int, ...], int, int]] = []
    for p, row in enumerate(rows):
        names = row_names(row)
        for g, item in enumerate(gold):
            if parties_covered(item.parties, names):
                candidates.append((_row_rank(item, row), p, g))
    return _greedy(candidates, len(rows))


def absent_hits(row: PartnershipOut, absent: Sequence[GoldAbsent]) -> list[GoldAbsent]:
    """The gold's "must not appear" deals that this row reports."""
    names = row_names(row)
    return [a for a in absent if parties_covered(a.parties, names)]


def _disagreement_ok(gold: GoldDisagreement, found: DiscrepancyOut, rows: dict[str, PartnershipOut]) -> bool:
    fields = gold.field if isinstance(gold.field, list) else [gold.field]
    if fold(found.field) not in {fold(f) for f in fields}:
        return False
    values = [v.value for v in found.values]
    if gold.values and not all(covers_any(group, values) for group in gold.values):
        return False
    if gold.parties:
        row = rows.get(found.partnership_id or "")
        names = [*row_names(row), found.subject] if row is not None else [found.subject]
        return parties_covered(gold.parties, names)
    return True


def disagreement_candidates(
    found: Sequence[DiscrepancyOut], gold: Sequence[GoldDisagreement], rows: Sequence[PartnershipOut]
) -> Pairing:
    """Pair predicted disagreements with gold ones; ranked by shared documents, then scope."""
    by_id = {r.id: r for r in rows}
    candidates: list[tuple[tuple[int, ...], int, int]] = []
    for p, item in enumerate(found):
        docs = {v.document_id for v in item.values}
        for g, expected in enumerate(gold):
            if _disagreement_ok(expected, item, by_id):
                rank = (len(docs & set(expected.documents)), int(item.scope == expected.scope))
                candidates.append((rank, p, g))
    return _greedy(candidates, len(found))
