"""Disputed values in the executive summary: which values are disputed, and whether a sentence settles one.

A field is disputed when its sources disagree (``Partnership.disputed``, or a ``Discrepancy`` about
the row). A summary sentence must then give every value or say that they differ; it must never
state one of them as if agreed. The same check guards the offline summary and a model's summary
(``settled_value``); what it cannot read (a value worded in a way it does not recognise) it lets
through, so it errs towards keeping a sentence, never towards inventing a dispute.

A disagreement belongs to a row when its ``partnership_id`` names the row, or (for data made
before that field was filled) when it is about one of the row's fields and every value quotes a
span that is evidence of that row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.consolidate.compat import parse_loose
from briefing.consolidate.discrepancies import citation_for
from briefing.consolidate.wording import readable_date
from briefing.dates import find_dates
from briefing.models import Discrepancy, Partnership
from briefing.vocabulary import find_kinds

ROW_FIELD_ORDER: tuple[str, ...] = ("kind", "date", "status", "scope")
"""Fields the summary may state about a row, in the order it would state them."""
_FIGURE_RE = re.compile(
    r"(?P<cur>[£$€¥])?\s?(?P<num>\d+(?:[.,]\d+)*)\s?"
    r"(?P<unit>%|per ?cent\b|percent\b|bn\b|billion\b|m\b|million\b|k\b|thousand\b|"
    r"(?:years?|months?|weeks?|days?)\b)?",
    re.IGNORECASE,
)
_UNITS = {"per cent": "%", "percent": "%", "percent ": "%", "billion": "bn", "million": "m", "thousand": "k"}


@dataclass(frozen=True, slots=True)
class Dispute:
    """One disputed field: its distinct values as shown to readers, and the evidence ids of each."""

    field: str
    values: tuple[str, ...]
    citations: tuple[str, ...]
    """Evidence ids of every value (one per source value, first use order)."""


def discrepancies_by_row(
    partnerships: Iterable[Partnership], discrepancies: Iterable[Discrepancy]
) -> dict[str, tuple[Discrepancy, ...]]:
    """Partnership id -> the disagreements about that row (see the module docstring).

    One pass over the rows' evidence spans and one over the disagreements: linear, so that a
    briefing of thousands of rows never compares every row with every disagreement.
    """
    owners: dict[tuple[str, int, int], set[str]] = {}
    for p in partnerships:
        for _f, ev in p.evidence:
            owners.setdefault((ev.document_id, ev.start, ev.end), set()).add(p.id)
    out: dict[str, list[Discrepancy]] = {}
    for d in discrepancies:
        if d.partnership_id is not None:
            rows = {d.partnership_id}
        elif d.values:
            rows = set.intersection(*(owners.get((v.document_id, v.start, v.end), set()) for v in d.values))
        else:
            rows = set()
        for pid in sorted(rows):
            out.setdefault(pid, []).append(d)
    return {pid: tuple(ds) for pid, ds in out.items()}


def shown_value(field: str, value: str) -> str:
    """A value as a reader sees it: ISO dates become "3 March 2025", other values are kept."""
    return readable_date(value) if field == "date" else value


def row_disputes(
    p: Partnership, discrepancies: Iterable[Discrepancy], index: dict[tuple[str, int, int], str]
) -> tuple[Dispute, ...]:
    """Every disputed field of ``p``: those in ``p.disputed`` and those its disagreements show.

    ``discrepancies`` are the row's own (``discrepancies_by_row``); only those between sources
    count. A field listed in ``p.disputed`` without a discrepancy still counts as disputed; its
    values are then unknown (``values`` empty) and its citations are the row's evidence for it.
    """
    by_field: dict[str, list[Discrepancy]] = {}
    for d in discrepancies:
        if d.scope == "between_sources":
            by_field.setdefault(d.field, []).append(d)
    fields = list(dict.fromkeys([*p.disputed, *by_field]))
    out: list[Dispute] = []
    for name in fields:
        found = by_field.get(name, [])
        values = tuple(dict.fromkeys(shown_value(name, v.value) for d in found for v in d.values))
        cites = [citation_for(v, index) for d in found for v in d.values]
        if not cites:
            cites = [ev.id for f, ev in p.evidence if f == name]
        out.append(Dispute(name, values, tuple(dict.fromkeys(cites))))
    return tuple(out)


def disputed_spans(discrepancies: Iterable[Discrepancy]) -> dict[str, list[tuple[int, int]]]:
    """Per document, the spans quoted as one side of a disagreement (any scope)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in discrepancies:
        for v in d.values:
            spans.setdefault(v.document_id, []).append((v.start, v.end))
    return spans


def overlaps_dispute(
    document_id: str, start: int, end: int, spans: Mapping[str, Sequence[tuple[int, int]]]
) -> bool:
    """Whether ``[start, end)`` of a document overlaps a quoted side of some disagreement."""
    return any(s < end and start < e for s, e in spans.get(document_id, ()))


def mentions(text: str, field: str, value: str) -> bool:
    """Whether ``text`` states ``value`` of ``field`` (dates by meaning, kinds by trigger phrase).

    Dates compare as dates ("3 March 2025" = "March 3, 2025" = "2025-03-03"); kinds by their
    canonical kind ("MOU" = "memorandum of understanding"); values with digits by their numbers
    ("£4.2m" is stated by "4.2 million pounds"); anything else as a case-blind phrase.
    """
    if field == "date":
        wanted = parse_loose(value) or parse_loose(_iso_of(value))
        if wanted is None:
            return False
        found = find_dates(text, anchor=wanted.first)
        if wanted.precise:
            return any(m.precision == "day" and m.value == wanted.first for m in found)
        return any(wanted.first <= m.value <= wanted.last for m in found)
    if field == "kind":
        kinds = {t.canonical for t in find_kinds(value)}
        if kinds:
            return bool(kinds & {t.canonical for t in find_kinds(text)})
    figures = _figures(value)
    if figures:
        return figures <= _figures(text)
    phrase = " ".join(value.split())
    if not phrase:
        return False
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def _iso_of(shown: str) -> str:
    found = find_dates(shown)
    return found[0].value.isoformat() if found else ""


def _figures(text: str) -> set[str]:
    """Figures with their currency and unit, normalised: "£4.2 million" and "£4.2m" -> "£4.2m"."""
    out: set[str] = set()
    for m in _FIGURE_RE.finditer(text):
        unit = (m["unit"] or "").lower()
        unit = _UNITS.get(unit, unit).rstrip("s") if unit not in ("%",) else unit
        out.add(f"{m['cur'] or ''}{m['num'].replace(',', '')}{unit}")
    return out


def settled_value(text: str, dispute: Dispute) -> str | None:
    """The one disputed value ``text`` states as settled, or ``None``.

    Stating every value ("3 March 2025 vs 4 March 2025") or none is fine; stating some but not all
    is not.
    """
    if len(dispute.values) < 2:
        return None
    stated = [v for v in dispute.values if mentions(text, dispute.field, v)]
    if stated and len(stated) < len(dispute.values):
        return stated[0]
    return None
