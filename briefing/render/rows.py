"""One partnership row as every format shows it: cells with markers, disputed cells with every
side, the row's sources by label, and what limits trust in it (one source, a draft, a copy).

A date read from "on Tuesday" or "today" is only as good as the publication date it was
resolved against, so such a cell says "from publication date". Grounding records how a date was
read (``VerifiedField.note``), but a merged ``Partnership`` keeps only the evidence, so the same
reading is repeated here with the one date reader, ``briefing.dates``, and the same anchor
grounding used (the document's publication date).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from briefing.dates import find_dates, parse_date
from briefing.render.contract import DiscrepancyOut, EvidenceOut, PartnershipOut
from briefing.render.evidence import Piece, Place, Plan
from briefing.render.labels import SourceLabel
from briefing.render.parts import Cell, Party, QuoteView, RowView, SourceRef
from briefing.render.sides import MarkMaker, group_sides

FIELDS = ("party", "kind", "date", "status", "scope")
CELLS = ("kind", "date", "status", "scope")
FROM_PUBLICATION = "from publication date"


@dataclass(frozen=True, slots=True)
class RowPlaces:
    """Where a row's places sit in the place list: one per field, ``other``, then disputed sides."""

    start: int
    sides: dict[str, tuple[tuple[int, str, str], ...]]
    """field -> (place index, value, document id) for each side of a disagreement on it."""
    end: int


def _piece(ev: EvidenceOut) -> Piece:
    return Piece(ev.document_id, ev.start, ev.end, ev.quote, ev.match)


def row_places(
    p: PartnershipOut, discrepancies: Sequence[DiscrepancyOut], block: int, places: list[Place]
) -> RowPlaces:
    """Append the places of row ``p`` (in block ``block``) to ``places``."""
    start = len(places)
    by_field: dict[str, list[Piece]] = {name: [] for name in (*FIELDS, "other")}
    for ev in p.evidence:
        by_field[ev.field if ev.field in FIELDS else "other"].append(_piece(ev))
    places += [Place(block, tuple(pieces)) for pieces in by_field.values()]
    sides: dict[str, tuple[tuple[int, str, str], ...]] = {}
    for name in p.disputed:
        found = []
        for d in discrepancies:
            if d.partnership_id != p.id or (d.cell or d.field) != name:
                continue  # ``cell`` names the disputed cell ("scope" for a figure); older JSON lacks it
            for v in d.values:
                found.append((len(places), v.value, v.document_id))
                places.append(Place(block, (Piece(v.document_id, v.start, v.end, v.quote, "exact"),)))
        sides[name] = tuple(found)
    return RowPlaces(start, sides, len(places))


def _date_note(p: PartnershipOut, published: Mapping[str, str | None]) -> str:
    """``from publication date`` when no source states the row's date outright."""
    if not p.date:
        return ""
    resolved = False
    for ev in p.evidence:
        if ev.field != "date":
            continue
        anchor = parse_date(published.get(ev.document_id) or "")
        for m in find_dates(ev.quote, anchor=anchor):
            shown = m.value.isoformat() if m.precision == "day" else m.value.isoformat()[:7]
            if shown == p.date:
                if not m.resolved:
                    return ""
                resolved = True
    return FROM_PUBLICATION if resolved else ""


def _caveat(sources: Sequence[SourceRef]) -> str:
    originals = {s.copy_of or s.label for s in sources}
    if sources and all(s.draft for s in sources):
        return "draft only" if len(sources) == 1 else "drafts only"
    if len(sources) < 2:
        return "single source"
    if len(originals) < 2:
        return "one source and copies of it"
    return ""


@dataclass(frozen=True, slots=True)
class RowContext:
    """What every row needs from the whole briefing."""

    plan: Plan
    labels: Callable[[str], SourceLabel]
    published: Mapping[str, str | None]
    """document id -> publication date (ISO), the anchor of relative dates."""
    mark: MarkMaker


def build_row(
    p: PartnershipOut, at: RowPlaces, number: int, quotes: tuple[QuoteView, ...], ctx: RowContext
) -> RowView:
    """The view of row ``p``, whose places start at ``at`` in ``plan_``."""
    plan_, labels, mark = ctx.plan, ctx.labels, ctx.mark
    field_mark = {name: mark(plan_, at.start + i, labels) for i, name in enumerate((*FIELDS, "other"))}
    aliases = {a.name: tuple(a.aliases) for a in p.aliases}
    cells = {}
    for name in CELLS:
        sides = group_sides(at.sides.get(name, ()), plan_, labels, mark)
        cells[name] = Cell(
            value=getattr(p, name),
            mark=field_mark[name],
            note=_date_note(p, ctx.published) if name == "date" else "",
            sides=sides,
        )
    party_sides = group_sides(at.sides.get("parties", ()), plan_, labels, mark)
    sources = tuple(
        SourceRef(s, (lab := labels(s)).label, lab.copy_of, lab.draft) for s in dict.fromkeys(p.sources)
    )
    return RowView(
        number=number,
        id=p.id,
        parties=tuple(Party(name=n, aliases=aliases.get(n, ())) for n in p.parties),
        party_mark=field_mark["party"],
        party_sides=party_sides,
        cells=cells,
        sources=sources,
        caveat=_caveat(sources),
        other_mark=field_mark["other"],
        quotes=quotes,
    )
