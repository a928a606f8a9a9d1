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
from briefing.consolidate.summary_measures import Measure, cell_label, cell_of, measure_of
from briefing.consolidate.wording import readable_date
from briefing.dates import find_dates
from briefing.models import Discrepancy, Partnership
from briefing.vocabulary import find_kinds

ROW_FIELD_ORDER: tuple[str, ...] = ("kind", "date", "status", "scope")
"""Fields the summary may state about a row, in the order it would state them."""
_FIGURE_RE = re.compile(
    r"(?P<cur>[£$€¥])?\s?(?P<num>\d+(?:[.,]\d+)*)[\s-]?"
    r"(?P<unit>%|per ?cent\b|percent\b|bn\b|billion\b|m\b|million\b|k\b|thousand\b|"
    r"(?:years?|months?|weeks?|days?)\b)?",
    re.IGNORECASE,
)
_DATE_SHAPES_RE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b(?:19|20)\d{2}\b"
)
"""Written dates and years, masked before figures are compared: "30 March" never states "30-year"."""
_UNITS = {"per cent": "%", "percent": "%", "percent ": "%", "billion": "bn", "million": "m", "thousand": "k"}


@dataclass(frozen=True, slots=True)
class Dispute:
    """One disputed field: its distinct values as shown to readers, and the evidence ids of each."""

    field: str
    values: tuple[str, ...]
    citations: tuple[str, ...]
    """Evidence ids of every value (one per source value, first use order)."""
    measure: Measure | None = None
    """What is disputed ("term (years)", "number of berths"); ``None`` reads as the field itself."""

    @property
    def label(self) -> str:
        """How a sentence names what is disputed: "term", "number of berths", "kind of agreement"."""
        return self.measure.label if self.measure is not None else cell_label(self.field)


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
    """Every disputed measure of ``p``: one per measure its disagreements show, then each field of
    ``p.disputed`` that none of them covers.

    ``discrepancies`` are the row's own (``discrepancies_by_row``); only those between sources
    count. They are grouped by what they measure (``summary_measures``), so a term and a value are
    two disputes even though both are "figure" disagreements. ``p.disputed`` may name fields
    ("figure", "name") or table cells ("scope", "parties"); a name is covered by a disagreement of
    that field or of a field that disputes that cell. An uncovered name counts as disputed with
    unknown values (``values`` empty), cited by the row's evidence for it, so it is never stated.
    Order: cell fields (kind, date, status, scope), then figures, then names, each in given order.
    """
    groups: dict[str, tuple[Measure, list[Discrepancy]]] = {}
    for d in discrepancies:
        if d.scope == "between_sources":
            m = measure_of(d)
            groups.setdefault(m.key, (m, []))[1].append(d)
    out: list[Dispute] = []
    covered: set[str] = set()
    for m, found in groups.values():
        field = found[0].field
        covered |= {field, cell_of(field)}
        values = tuple(dict.fromkeys(shown_value(field, v.value) for d in found for v in d.values))
        cites = tuple(dict.fromkeys(citation_for(v, index) for d in found for v in d.values))
        out.append(Dispute(field, values, cites, m))
    for name in dict.fromkeys(p.disputed):
        if name in covered:
            continue
        cites = tuple(dict.fromkeys(ev.id for f, ev in p.evidence if f == name or cell_of(f) == name))
        out.append(Dispute(name, (), cites))
    return tuple(sorted(out, key=_dispute_rank))


def _dispute_rank(d: Dispute) -> int:
    order = {"kind": 0, "date": 1, "status": 2, "scope": 3, "parties": 4, "party": 4, "figure": 5}
    return order.get(d.field, 6)


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
        in_text = _figures(_DATE_SHAPES_RE.sub(" ", text))
        return all(_figure_in(f, in_text) for f in figures)
    phrase = " ".join(value.split())
    if not phrase:
        return False
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def _iso_of(shown: str) -> str:
    found = find_dates(shown)
    return found[0].value.isoformat() if found else ""


def _figures(text: str) -> set[tuple[str, str]]:
    """(currency and number, unit) of each figure, normalised: "£4.2 million", "£4.2m" -> ("£4.2", "m")."""
    out: set[tuple[str, str]] = set()
    for m in _FIGURE_RE.finditer(text):
        unit = (m["unit"] or "").lower()
        unit = _UNITS.get(unit, unit).rstrip("s") if unit not in ("%",) else unit
        out.add((f"{m['cur'] or ''}{m['num'].replace(',', '')}", unit))
    return out


def _figure_in(figure: tuple[str, str], found: set[tuple[str, str]]) -> bool:
    """Whether ``figure`` is among ``found``; a figure written without its unit counts, so that
    "30 vs 35 years" states both "30-year" and "35-year" (written dates are masked before)."""
    number, unit = figure
    return any(n == number and (u == unit or not u or not unit) for n, u in found)


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
