"""Which cell of the partnership table a disagreement disputes: the explicit field -> cell mapping.

A ``Discrepancy`` keeps the kind of thing that differs (``field``); a row's ``disputed`` lists
the table's cells, so a reader sees at once which cell not to take as settled:

============================  ===========  ==================================================
discrepancy ``field``         cell         when
============================  ===========  ==================================================
``date``                      ``date``     always (dates with the same role only, ``dating``)
``kind``                      ``kind``     always
``status``                    ``status``   always
``figure``                    ``scope``    about this row: its value, term or a count inside
                                           its scope (``rowfigures``, or a text scan whose
                                           sources all report only this row)
``name``, ``organisation``    ``parties``  the values are forms of one of the row's parties
                                           (an organisation's name spelled differently)
``name``                      none         a person ("Marchetti" / "Marcheti"): not a cell;
                                           listed under disagreements, not as a disputed cell
============================  ===========  ==================================================

A disagreement inside one document (``within_document``) about a row disputes the cell too: the
briefing heads it separately ("Inconsistent within one source"), but a value its only source
gives two ways is no more settled than one two sources give differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from briefing.consolidate.orgnames import org_key
from briefing.models import Discrepancy, DiscrepancyValue, Partnership

CELLS: tuple[str, ...] = ("parties", "kind", "date", "status", "scope")
"""The table's cells, in the order ``Partnership.disputed`` lists them."""

FIELD_CELLS: dict[str, str] = {"date": "date", "kind": "kind", "status": "status", "figure": "scope"}
"""Discrepancy fields that always dispute one cell (when the discrepancy is about a row)."""

NAME_FIELDS: frozenset[str] = frozenset({"name", "organisation"})
"""Discrepancy fields that dispute ``parties`` when their values are forms of a party's name."""


def cell_of(discrepancy: Discrepancy, partnership: Partnership | None) -> str | None:
    """The cell of ``partnership`` that ``discrepancy`` disputes, or ``None`` (see the module table)."""
    if partnership is None:
        return None
    if discrepancy.field in FIELD_CELLS:
        return FIELD_CELLS[discrepancy.field]
    if discrepancy.field in NAME_FIELDS and _party_forms(discrepancy.values, partnership):
        return "parties"
    return None


def _party_forms(values: Iterable[DiscrepancyValue], partnership: Partnership) -> bool:
    forms = {org_key(p) for p in partnership.parties}
    forms |= {org_key(a) for _p, aliases in partnership.aliases for a in aliases}
    return all(org_key(v.value) in forms for v in values)


def with_cells(
    discrepancies: Sequence[Discrepancy], partnerships: Sequence[Partnership]
) -> tuple[Discrepancy, ...]:
    """The discrepancies with ``cell`` filled in (order kept)."""
    by_id = {p.id: p for p in partnerships}
    out = []
    for d in discrepancies:
        cell = cell_of(d, by_id.get(d.partnership_id or ""))
        out.append(replace(d, cell=cell) if cell != d.cell else d)
    return tuple(out)


def disputed_cells(partnership_id: str, discrepancies: Iterable[Discrepancy]) -> tuple[str, ...]:
    """The cells of one row that its sources dispute, in table order."""
    found = {d.cell for d in discrepancies if d.partnership_id == partnership_id and d.cell}
    return tuple(c for c in CELLS if c in found)
