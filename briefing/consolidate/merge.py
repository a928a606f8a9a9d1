"""Merge the rows of every document that describe one agreement into one canonical ``Partnership``.

Same agreement = the same set of canonical parties (``orgs``/``linking``), compatible kinds and
dates no more than a few days apart (``compat``). A row without a date joins the only compatible
agreement of its parties; if there are several, the one its own copy or original joined, else the
latest one not after its document's publication date; otherwise it stays on its own, because
joining the wrong one would be worse than a second row. Where the merged sources give different
values for one field (date, a specific kind, signed vs planned) the disagreement is returned as a
``Discrepancy`` with every source's quote.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.consolidate.compat import (
    GENERIC_KINDS,
    SAME_EVENT_DAYS,
    LooseDate,
    dates_close,
    dates_conflict,
    kinds_compatible,
    normal_kind,
    parse_loose,
    specificity,
)
from briefing.consolidate.orgs import OrgResolver
from briefing.models import (
    Discrepancy,
    DiscrepancyValue,
    Evidence,
    Extraction,
    Partnership,
    Row,
    VerifiedField,
)
from briefing.vocabulary import find_statuses

_EXCLUSIVE_STATUSES: tuple[tuple[str, str], ...] = (("signed", "planned"),)
"""Status pairs that cannot both be true of one agreement at one time."""


@dataclass(frozen=True, slots=True)
class MergeResult:
    partnerships: tuple[Partnership, ...]
    discrepancies: tuple[Discrepancy, ...]


@dataclass(frozen=True, slots=True)
class _Report:
    """One row of one document, with its parties already resolved to canonical names."""

    order: tuple[int, int]  # (document position, row position): input order
    document_id: str
    row: Row
    parties: tuple[str, ...]
    forms: tuple[tuple[str, str], ...]  # (canonical, form as written)
    kind: str
    when: LooseDate | None


def merge_partnerships(
    extractions: Sequence[Extraction],
    *,
    resolver: OrgResolver,
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    same_event_days: int = SAME_EVENT_DAYS,
) -> MergeResult:
    """Canonical partnerships (ordered by date, then parties) and the field disagreements inside them."""
    by_parties: dict[tuple[str, ...], list[_Report]] = {}
    for d_index, extraction in enumerate(extractions):
        for r_index, row in enumerate(extraction.rows):
            report = _report(extraction.document_id, (d_index, r_index), row, resolver)
            if report is not None:
                by_parties.setdefault(report.parties, []).append(report)
    partnerships: list[Partnership] = []
    discrepancies: list[Discrepancy] = []
    for reports in by_parties.values():
        for cluster in _cluster(reports, published, duplicate_of, same_event_days):
            partnership = _partnership(cluster)
            partnerships.append(partnership)
            discrepancies.extend(_disagreements(cluster, partnership))
    partnerships.sort(key=lambda p: (p.date is None, p.date or "", p.parties, p.kind, p.id))
    return MergeResult(tuple(_unique_ids(partnerships)), tuple(discrepancies))


def _report(document_id: str, order: tuple[int, int], row: Row, resolver: OrgResolver) -> _Report | None:
    forms = [(resolver.canonical(p.value, document_id=document_id), p.value.strip()) for p in row.parties]
    parties = tuple(sorted({c for c, _ in forms if c}))
    if not parties:
        return None
    when = parse_loose(row.date.value) if row.date else None
    return _Report(order, document_id, row, parties, tuple(forms), normal_kind(row.kind.value), when)


def _cluster(
    reports: list[_Report],
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    days: int,
) -> list[list[_Report]]:
    clusters: list[list[_Report]] = []
    dated = sorted(
        (r for r in reports if r.when),
        key=lambda r: (not r.when.precise if r.when else True, r.when, r.order),
    )
    for report in dated:
        fits = [c for c in clusters if all(_same_event(report, other, days) for other in c)]
        if fits:
            min(fits, key=lambda c: (_gap(report, c), clusters.index(c))).append(report)
        else:
            clusters.append([report])
    for report in (r for r in reports if r.when is None):
        fits = [c for c in clusters if all(_same_event(report, other, days) for other in c)]
        chosen = _for_undated(report, fits, published, duplicate_of, days)
        if chosen is None:
            clusters.append([report])
        else:
            chosen.append(report)
    return [sorted(c, key=lambda r: r.order) for c in clusters]


def _same_event(a: _Report, b: _Report, days: int) -> bool:
    close = a.when is not None and b.when is not None and dates_close(a.when, b.when, days=days)
    if a.when is not None and b.when is not None and not close:
        return False
    return kinds_compatible(a.kind, b.kind, both_dated_close=close)


def _gap(report: _Report, cluster: list[_Report]) -> int:
    assert report.when is not None
    return min((report.when.distance_days(o.when) for o in cluster if o.when), default=0)


def _for_undated(
    report: _Report,
    fits: list[list[_Report]],
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    days: int,
) -> list[_Report] | None:
    if len(fits) <= 1:
        return fits[0] if fits else None
    doc = report.document_id
    family = {doc, duplicate_of.get(doc, doc)} | {c for c, o in duplicate_of.items() if o == doc}
    related = [c for c in fits if any(r.document_id in family for r in c)]
    if len(related) == 1:
        return related[0]
    when = published.get(doc)
    if when is None:
        return None
    before = [
        c
        for c in fits
        if (d := _cluster_date(c)) is not None and d.first.toordinal() <= when.last.toordinal() + days
    ]
    return max(before, key=lambda c: _cluster_date(c) or when) if before else None


def _cluster_date(cluster: list[_Report]) -> LooseDate | None:
    return min((r.when for r in cluster if r.when), default=None)


# --------------------------------------------------------------------------- canonical values


def _documents_per_value(pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    """How many distinct documents give each value (a document repeating itself counts once)."""
    return Counter(value for value, _doc in set(pairs))


def _vote(pairs: list[tuple[str, str]]) -> str | None:
    counts = _documents_per_value(pairs)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], len(v), v))


def _canonical_date(cluster: list[_Report]) -> str | None:
    for precise in (True, False):
        pairs = [(r.when.text, r.document_id) for r in cluster if r.when and r.when.precise is precise]
        counts = _documents_per_value(pairs)
        if counts:
            return min(counts, key=lambda v: (-counts[v], v))
    return None


def _canonical_kind(cluster: list[_Report]) -> str:
    counts = _documents_per_value((r.kind, r.document_id) for r in cluster)
    return max(counts, key=lambda k: (specificity(k), counts[k], k))


def _text_field(cluster: list[_Report], name: str) -> str | None:
    pairs = []
    for report in cluster:
        field = getattr(report.row, name)
        if field is not None and field.value.strip():
            pairs.append((" ".join(field.value.split()), report.document_id))
    return _vote(pairs)


def _partnership(cluster: list[_Report]) -> Partnership:
    parties = cluster[0].parties
    kind = _canonical_kind(cluster)
    when = _canonical_date(cluster)
    sources = tuple(dict.fromkeys(r.document_id for r in cluster))
    evidence: dict[tuple[str, str], Evidence] = {}
    aliases: dict[str, dict[str, None]] = {p: {} for p in parties}
    for report in cluster:
        for field_name, field in _fields(report.row):
            evidence.setdefault((field_name, field.evidence.id), field.evidence)
        for canonical, form in report.forms:
            if form and form != canonical:
                aliases[canonical][form] = None
    key = "|".join((*parties, kind, when or ""))
    return Partnership(
        id="p-" + hashlib.sha1(key.encode()).hexdigest()[:10],
        parties=parties,
        aliases=tuple((p, tuple(aliases[p])) for p in parties),
        kind=kind,
        date=when,
        status=_text_field(cluster, "status"),
        scope=_text_field(cluster, "scope"),
        sources=sources,
        evidence=tuple((name, ev) for (name, _id), ev in evidence.items()),
    )


def _fields(row: Row) -> list[tuple[str, VerifiedField]]:
    out = [("party", p) for p in row.parties]
    out.append(("kind", row.kind))
    out.extend((n, f) for n, f in (("date", row.date), ("status", row.status), ("scope", row.scope)) if f)
    return out


def _unique_ids(partnerships: list[Partnership]) -> list[Partnership]:
    """Two partnerships with equal parties, kind and date cannot share an id: number the later ones."""
    seen: Counter[str] = Counter()
    out = []
    for p in partnerships:
        seen[p.id] += 1
        if seen[p.id] > 1:
            p = _replace_id(p, f"{p.id}-{seen[p.id]}")
        out.append(p)
    return out


def _replace_id(p: Partnership, new_id: str) -> Partnership:
    return Partnership(new_id, p.parties, p.aliases, p.kind, p.date, p.status, p.scope, p.sources, p.evidence)


# --------------------------------------------------------------------------- disagreements


def _value(value: str, report: _Report, field: VerifiedField) -> DiscrepancyValue:
    ev = field.evidence
    return DiscrepancyValue(value, report.document_id, ev.quote, ev.start, ev.end)


def _subject(partnership: Partnership) -> str:
    parties = list(partnership.parties)
    named = parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " and " + parties[-1]
    return f"{partnership.kind} between {named}"


def _disagreements(cluster: list[_Report], partnership: Partnership) -> list[Discrepancy]:
    out: list[Discrepancy] = []
    subject = _subject(partnership)
    dated = [(r, r.when, r.row.date) for r in cluster if r.when and r.row.date]
    values = _one_per_value_and_document(
        (when.text, r, field)
        for r, when, field in dated
        if any(dates_conflict(when, other) for _o, other, _f in dated)
    )
    if len({v.value for v in values}) > 1:
        out.append(Discrepancy("date", subject, tuple(values)))
    specific = [r for r in cluster if r.kind not in GENERIC_KINDS]
    if len({r.kind for r in specific}) > 1:
        out.append(
            Discrepancy(
                "kind", subject, tuple(_one_per_value_and_document((r.kind, r, r.row.kind) for r in specific))
            )
        )
    statuses = [
        (r, {t.canonical for t in find_statuses(r.row.status.value)}) for r in cluster if r.row.status
    ]
    for first, second in _EXCLUSIVE_STATUSES:
        a = [(first, r, r.row.status) for r, s in statuses if first in s and r.row.status]
        b = [
            (second, r, r.row.status) for r, s in statuses if second in s and first not in s and r.row.status
        ]
        if a and b:
            out.append(Discrepancy("status", subject, tuple(_one_per_value_and_document([*a, *b]))))
    return out


def _one_per_value_and_document(
    items: Iterable[tuple[str, _Report, VerifiedField]],
) -> list[DiscrepancyValue]:
    chosen: dict[tuple[str, str], DiscrepancyValue] = {}
    for value, report, field in sorted(items, key=lambda t: t[1].order):
        chosen.setdefault((value, report.document_id), _value(value, report, field))
    return list(chosen.values())
