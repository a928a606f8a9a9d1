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
from dataclasses import dataclass, replace

from briefing.consolidate.compat import (
    SAME_EVENT_DAYS,
    LooseDate,
    normal_kind,
    one_event,
    specificity,
)
from briefing.consolidate.dating import DatedReport, best_date, dated_report, roles_and_dates
from briefing.consolidate.orgs import OrgResolver
from briefing.consolidate.rowdisputes import Reported, row_disagreements
from briefing.models import Discrepancy, Evidence, Extraction, Partnership, Row, VerifiedField


@dataclass(frozen=True, slots=True)
class MergeResult:
    partnerships: tuple[Partnership, ...]
    discrepancies: tuple[Discrepancy, ...]


@dataclass(frozen=True, slots=True)
class RowReport:
    """One row of one document, with its parties already resolved to canonical names and its date
    read with its role (``row_reports``)."""

    order: tuple[int, int]  # (document position, row position): input order
    document_id: str
    row: Row
    parties: tuple[str, ...]
    forms: tuple[tuple[str, str], ...]  # (canonical, form as written)
    kind: str
    when: LooseDate | None
    dated: DatedReport | None


def merge_partnerships(
    extractions: Sequence[Extraction],
    *,
    resolver: OrgResolver,
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    same_event_days: int = SAME_EVENT_DAYS,
    texts: Mapping[str, str] | None = None,
) -> MergeResult:
    """Canonical partnerships (ordered by date, then parties) and the field disagreements inside them."""
    reports = row_reports(extractions, resolver=resolver, texts=texts)
    return merge_reports(
        reports, published=published, duplicate_of=duplicate_of, same_event_days=same_event_days
    )


def row_reports(
    extractions: Sequence[Extraction], *, resolver: OrgResolver, texts: Mapping[str, str] | None = None
) -> list[RowReport]:
    """Every row with resolved parties, in input order (rows naming no party are left out).

    The first half of ``merge_partnerships``, and most of its cost (each date's role is read from
    its sentence); it needs no knowledge of copies, so it can run while they are being found.
    """
    out: list[RowReport] = []
    for d_index, extraction in enumerate(extractions):
        text = (texts or {}).get(extraction.document_id)
        for r_index, row in enumerate(extraction.rows):
            report = _report(extraction.document_id, (d_index, r_index), row, resolver, text)
            if report is not None:
                out.append(report)
    return out


def merge_reports(
    reports: Iterable[RowReport],
    *,
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    same_event_days: int = SAME_EVENT_DAYS,
) -> MergeResult:
    """The second half of ``merge_partnerships``: cluster ``row_reports`` into agreements."""
    by_parties: dict[tuple[str, ...], list[RowReport]] = {}
    for report in reports:
        by_parties.setdefault(report.parties, []).append(report)
    built = [
        (_partnership(cluster), cluster)
        for group in by_parties.values()
        for cluster in _cluster(group, published, duplicate_of, same_event_days)
    ]
    built.sort(key=lambda pc: (pc[0].date is None, pc[0].date or "", pc[0].parties, pc[0].kind, pc[0].id))
    seen: Counter[str] = Counter()
    partnerships: list[Partnership] = []
    discrepancies: list[Discrepancy] = []
    for partnership, cluster in built:
        seen[partnership.id] += 1  # equal parties, kind and date cannot share an id: number the later
        if seen[partnership.id] > 1:
            partnership = replace(partnership, id=f"{partnership.id}-{seen[partnership.id]}")
        partnerships.append(partnership)
        discrepancies.extend(row_disagreements([_as_reported(r) for r in cluster], partnership))
    return MergeResult(tuple(partnerships), tuple(discrepancies))


def _as_reported(report: RowReport) -> Reported:
    return Reported(report.document_id, report.order, report.row, report.forms, report.kind, report.dated)


def _report(
    document_id: str, order: tuple[int, int], row: Row, resolver: OrgResolver, text: str | None
) -> RowReport | None:
    forms = [(resolver.canonical(p.value, document_id=document_id), p.value.strip()) for p in row.parties]
    parties = tuple(sorted({c for c, _ in forms if c}))
    if not parties:
        return None
    dated = dated_report(document_id, row.date, text)
    when = dated.when if dated else None
    return RowReport(order, document_id, row, parties, tuple(forms), normal_kind(row.kind.value), when, dated)


def _cluster(
    reports: list[RowReport],
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    days: int,
) -> list[list[RowReport]]:
    clusters: list[list[RowReport]] = []
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
        # a cluster already holding two kinds is one event for its dated sources: fitting one is enough
        fits = [c for c in clusters if any(_same_event(report, other, days) for other in c)]
        chosen = _for_undated(report, fits, published, duplicate_of, days)
        if chosen is None:
            clusters.append([report])
        else:
            chosen.append(report)
    return [sorted(c, key=lambda r: r.order) for c in clusters]


def _same_event(a: RowReport, b: RowReport, days: int) -> bool:
    return one_event(a.kind, a.when, b.kind, b.when, days=days)


def _gap(report: RowReport, cluster: list[RowReport]) -> int:
    assert report.when is not None
    return min((report.when.distance_days(o.when) for o in cluster if o.when), default=0)


def _for_undated(
    report: RowReport,
    fits: list[list[RowReport]],
    published: Mapping[str, LooseDate | None],
    duplicate_of: Mapping[str, str],
    days: int,
) -> list[RowReport] | None:
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


def _cluster_date(cluster: list[RowReport]) -> LooseDate | None:
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


def _canonical_kind(cluster: list[RowReport]) -> str:
    counts = _documents_per_value((r.kind, r.document_id) for r in cluster)
    return max(counts, key=lambda k: (specificity(k), counts[k], k))


def _text_field(cluster: list[RowReport], name: str) -> str | None:
    pairs = []
    for report in cluster:
        field = getattr(report.row, name)
        if field is not None and field.value.strip():
            pairs.append((" ".join(field.value.split()), report.document_id))
    return _vote(pairs)


def _partnership(cluster: list[RowReport]) -> Partnership:
    parties = cluster[0].parties
    kind = _canonical_kind(cluster)
    dated = [r.dated for r in cluster if r.dated is not None]
    when = best_date(dated)
    sources = tuple(dict.fromkeys(r.document_id for r in cluster))
    evidence: dict[tuple[str, str], Evidence] = {}
    antecedents: dict[str, None] = {}
    aliases: dict[str, dict[str, None]] = {p: {} for p in parties}
    for report in cluster:
        for field_name, field in _fields(report.row):
            evidence.setdefault((field_name, field.evidence.id), field.evidence)
            if field.antecedent is not None:
                evidence.setdefault((field_name, field.antecedent.id), field.antecedent)
                antecedents[field.antecedent.id] = None
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
        dates=roles_and_dates(dated),
        antecedents=tuple(antecedents),
    )


def _fields(row: Row) -> list[tuple[str, VerifiedField]]:
    out = [("party", p) for p in row.parties]
    out.append(("kind", row.kind))
    out.extend((n, f) for n, f in (("date", row.date), ("status", row.status), ("scope", row.scope)) if f)
    return out
