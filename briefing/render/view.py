"""The reading order of a briefing, shared by the Markdown and PDF renderers.

Both documents show the same sections in the same order and the same footnotes with the same
numbers (planned by ``briefing.render.notes``). Deciding that once, here, keeps the two formats
from drifting apart. The view is built from the JSON contract (not from ``Briefing`` directly) so
that the mapping from the data model stays in ``briefing.render.mapping``.

Values stay raw here; escaping belongs to each format (Markdown filter, typst treats data as text).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.render.changes import ChangesView, changes_view
from briefing.render.contract import BriefingOut, DiscrepancyOut, EvidenceOut, PartnershipOut, StatementOut
from briefing.render.escape import safe_url
from briefing.render.labels import highlight, source_labels
from briefing.render.notes import (
    EXECUTIVE,
    IN_DISAGREEMENTS,
    SUMMARIES,
    TABLE,
    Cite,
    Note,
    Place,
    Sources,
    plan,
)

NO_MODEL = "No language model was used."
NO_MODEL_DETAIL = "Every statement is an extract of the sources."
ROW_FIELDS = ("party", "kind", "date", "status", "scope")
COLUMNS = (*ROW_FIELDS, "other")
LABELS = {
    "party": "Parties",
    "kind": "Kind",
    "date": "Date",
    "status": "Status",
    "scope": "Scope",
    "other": "Other evidence",
}


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    cite: Cite | None


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document as a narrow column shows it: its short title, or its id when it has none."""

    id: str
    label: str
    titled: bool


@dataclass(frozen=True, slots=True)
class RowView:
    id: str
    parties: tuple[Party, ...]
    kind: str
    date: str | None
    status: str | None
    scope: str | None
    sources: tuple[SourceRef, ...]
    single_source: bool
    cites: dict[str, Cite | None]
    """One mark per column: party, kind, date, status, scope, and ``other`` for unknown fields."""


@dataclass(frozen=True, slots=True)
class SideView:
    value: str
    source: SourceRef
    quote: str
    highlight: tuple[str, str, str]
    """``quote`` split around the first occurrence of ``value`` (before, value, after) so the
    disputed words stand out; ``(quote, "", "")`` when the value is not literally in the quote."""
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DiscrepancyView:
    field: str
    subject: str
    values: tuple[SideView, ...]


@dataclass(frozen=True, slots=True)
class SummaryView:
    document_id: str
    title: str | None
    published: str | None
    publisher: str | None
    sentences: tuple[Statement, ...]
    key_points: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class RejectedView:
    document_id: str
    document_title: str | None
    field: str
    value: str
    quote: str
    match: str
    reason: str


@dataclass(frozen=True, slots=True)
class SourceView:
    id: str
    path: str
    title: str | None
    status: str
    reason: str
    published: str | None
    published_from: str | None
    publisher: str | None
    url: str | None
    link: str | None
    """``url`` when it may become a link (http or https only), else ``None``."""
    format: str
    chars: int
    warnings: tuple[str, ...]
    removed: tuple[str, ...]
    duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class View:
    title: str
    briefing_date: str
    engine_name: str
    engine_model: str | None
    prompt_version: str | None
    uses_language_model: bool
    notice: str
    quotes_proposed: int
    quotes_verified: int
    tokens: int
    calls: int
    cost_usd: float | None
    counts: dict[str, int]
    """Inputs by status (used, not cited, skipped, failed) and ``total``."""
    executive_summary: tuple[Statement, ...]
    partnerships: tuple[RowView, ...]
    discrepancies: tuple[DiscrepancyView, ...]
    summaries: tuple[SummaryView, ...]
    unverified: tuple[RejectedView, ...]
    sources: tuple[SourceView, ...]
    notes: tuple[Note, ...]
    changes: ChangesView | None = None
    """Weekly digests: what changed since the previous edition (the section that opens them)."""


def _places(doc: BriefingOut) -> list[Place]:
    """Every citing spot in the order a reader meets it (and typst numbers footnotes)."""
    places = [Place(EXECUTIVE, "", tuple(s.citations)) for s in doc.executive_summary]
    for p in doc.partnerships:
        by_column: dict[str, list[str]] = {name: [] for name in COLUMNS}
        for ev in p.evidence:
            by_column[ev.field if ev.field in ROW_FIELDS else "other"].append(ev.id)
        places += [Place(TABLE, LABELS[c], tuple(ids)) for c, ids in by_column.items()]
    for s in doc.summaries:
        places += [
            Place(SUMMARIES, "", (x.evidence.id,), text=x.text, remark=x.note, home=s.document_id)
            for x in (*s.sentences, *s.key_points)
        ]
    return places


def _discrepancy(d: DiscrepancyOut, ref: dict[str, SourceRef]) -> DiscrepancyView:
    return DiscrepancyView(
        field=d.field,
        subject=d.subject[:1].upper() + d.subject[1:],
        values=tuple(
            SideView(
                value=v.value,
                source=ref[v.document_id],
                quote=v.quote,
                highlight=highlight(v.quote, v.value),
                start=v.start,
                end=v.end,
            )
            for v in d.values
        ),
    )


def _statements(items: list[StatementOut], cites: list[Cite | None]) -> tuple[Statement, ...]:
    return tuple(Statement(text=s.text, cite=cites.pop(0)) for s in items)


def _row(p: PartnershipOut, cites: list[Cite | None], ref: dict[str, SourceRef]) -> RowView:
    aliases = {a.name: tuple(a.aliases) for a in p.aliases}
    return RowView(
        id=p.id,
        parties=tuple(Party(name=n, aliases=aliases.get(n, ())) for n in p.parties),
        kind=p.kind,
        date=p.date,
        status=p.status,
        scope=p.scope,
        sources=tuple(ref[s] for s in p.sources),
        single_source=p.single_source,
        cites={name: cites.pop(0) for name in COLUMNS},
    )


def build_view(doc: BriefingOut) -> View:
    """Lay the briefing out in reading order, numbering footnotes as a reader meets them."""
    titles: dict[str, str | None] = {s.document_id: s.title for s in doc.summaries}
    titles.update({d.id: d.title for d in doc.documents})
    evidence: dict[str, EvidenceOut] = {ev.id: ev for ev in doc.evidence}
    for p in doc.partnerships:
        evidence.update({ev.id: ev for ev in p.evidence})
    labels = source_labels(doc)
    cited = {ev.document_id for ev in evidence.values()} | {
        v.document_id for d in doc.discrepancies for v in d.values
    }
    for doc_id in cited | {s for p in doc.partnerships for s in p.sources}:
        labels.setdefault(doc_id, (doc_id, False))
    ref = {doc_id: SourceRef(id=doc_id, label=label, titled=t) for doc_id, (label, t) in labels.items()}
    visible = {
        (v.document_id, v.start, v.end, v.quote): IN_DISAGREEMENTS
        for d in doc.discrepancies
        for v in d.values
    }
    order = {d.id: i for i, d in enumerate(doc.documents)}
    marks, notes = plan(_places(doc), evidence, Sources(labels=labels, order=order, visible=visible))
    cites = list(marks)
    # Consumed in the order _places produced them.
    executive = tuple(Statement(text=s.text, cite=cites.pop(0)) for s in doc.executive_summary)
    rows = tuple(_row(p, cites, ref) for p in doc.partnerships)
    published = {d.id: (d.published, d.publisher) for d in doc.documents}
    summaries = tuple(
        SummaryView(
            document_id=s.document_id,
            title=s.title,
            published=published.get(s.document_id, (None, None))[0],
            publisher=published.get(s.document_id, (None, None))[1],
            sentences=_statements(s.sentences, cites),
            key_points=_statements(s.key_points, cites),
        )
        for s in doc.summaries
    )
    counts = dict.fromkeys(("used", "not cited", "skipped", "failed"), 0)
    for d in doc.documents:
        counts[d.status] += 1
    counts["total"] = len(doc.documents)
    engine = doc.engine
    notice = engine.notice.strip()
    if not engine.uses_language_model:
        # Readers must be told plainly; keep the engine's own wording when it already says so.
        detail = notice or NO_MODEL_DETAIL
        notice = detail if "no language model" in detail.lower() else f"{NO_MODEL} {detail}"
    return View(
        title=doc.title,
        briefing_date=doc.briefing_date,
        engine_name=engine.name,
        engine_model=engine.model,
        prompt_version=engine.prompt_version,
        uses_language_model=engine.uses_language_model,
        notice=notice,
        quotes_proposed=doc.quotes.proposed,
        quotes_verified=doc.quotes.verified,
        tokens=doc.usage.tokens.total,
        calls=doc.usage.calls,
        cost_usd=doc.usage.cost_usd,
        counts=counts,
        executive_summary=executive,
        partnerships=rows,
        discrepancies=tuple(_discrepancy(d, ref) for d in doc.discrepancies),
        summaries=summaries,
        unverified=tuple(
            RejectedView(
                document_id=r.document_id,
                document_title=titles.get(r.document_id),
                field=r.field,
                value=r.value,
                quote=r.quote,
                match=r.match,
                reason=r.reason,
            )
            for r in doc.unverified
        ),
        sources=tuple(
            SourceView(
                id=d.id,
                path=d.path,
                title=d.title,
                status=d.status,
                reason=d.reason,
                published=d.published,
                published_from=d.published_from,
                publisher=d.publisher,
                url=d.url,
                link=safe_url(d.url),
                format=d.format,
                chars=d.chars,
                warnings=tuple(d.warnings),
                removed=tuple(d.removed),
                duplicate_of=d.duplicate_of,
            )
            for d in doc.documents
        ),
        notes=notes,
        changes=changes_view(doc.changes, {k: r.label for k, r in ref.items()}),
    )
