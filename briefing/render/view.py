"""The reading order of a briefing, shared by the Markdown and PDF renderers.

Both documents show the same sections in the same order and number footnotes the same way: one
number per evidence id, in order of first citation. Deciding that once, here, keeps the two
formats from drifting apart. The view is built from the JSON contract (not from ``Briefing``
directly) so that the mapping from the data model stays in ``briefing.render.mapping``.

Values stay raw here; escaping belongs to each format (Markdown filter, typst treats data as text).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.render.contract import BriefingOut, EvidenceOut, PartnershipOut, StatementOut
from briefing.render.escape import safe_url

NO_MODEL = "No language model was used."
NO_MODEL_DETAIL = "Every statement is an extract of the sources."
ROW_FIELDS = ("party", "kind", "date", "status", "scope")


@dataclass(frozen=True, slots=True)
class Cite:
    """One citation mark. ``first`` is true where the evidence is cited for the first time."""

    number: int
    first: bool


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote: the source slice (never model text) and where it sits in its document."""

    number: int
    evidence_id: str
    document_id: str
    document_title: str | None
    quote: str
    start: int
    end: int
    match: str


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    note: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RowView:
    id: str
    parties: tuple[Party, ...]
    kind: str
    date: str | None
    status: str | None
    scope: str | None
    sources: tuple[str, ...]
    single_source: bool
    cites: dict[str, tuple[Cite, ...]]
    """Citations per column: party, kind, date, status, scope, and ``other`` for unknown fields."""


@dataclass(frozen=True, slots=True)
class SideView:
    value: str
    document_id: str
    document_title: str | None
    quote: str
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


class _Footnotes:
    """Hands out footnote numbers in order of first citation, one per evidence id."""

    def __init__(self, evidence: dict[str, EvidenceOut], titles: dict[str, str | None]) -> None:
        self._evidence = evidence
        self._titles = titles
        self._numbers: dict[str, int] = {}
        self.notes: list[Note] = []

    def cite(self, evidence_id: str) -> Cite:
        number = self._numbers.get(evidence_id)
        if number is not None:
            return Cite(number=number, first=False)
        ev = self._evidence[evidence_id]
        number = len(self.notes) + 1
        self._numbers[evidence_id] = number
        self.notes.append(
            Note(
                number=number,
                evidence_id=ev.id,
                document_id=ev.document_id,
                document_title=self._titles.get(ev.document_id),
                quote=ev.quote,
                start=ev.start,
                end=ev.end,
                match=ev.match,
            )
        )
        return Cite(number=number, first=True)

    def cite_all(self, evidence_ids: list[str]) -> tuple[Cite, ...]:
        return tuple(self.cite(i) for i in dict.fromkeys(evidence_ids))


def _row(p: PartnershipOut, notes: _Footnotes) -> RowView:
    by_field: dict[str, list[str]] = {name: [] for name in (*ROW_FIELDS, "other")}
    for ev in p.evidence:
        by_field[ev.field if ev.field in ROW_FIELDS else "other"].append(ev.id)
    aliases = {a.name: tuple(a.aliases) for a in p.aliases}
    return RowView(
        id=p.id,
        parties=tuple(Party(name=n, aliases=aliases.get(n, ())) for n in p.parties),
        kind=p.kind,
        date=p.date,
        status=p.status,
        scope=p.scope,
        sources=tuple(p.sources),
        single_source=p.single_source,
        # Column order, so footnote numbers rise left to right along a row.
        cites={name: notes.cite_all(ids) for name, ids in by_field.items()},
    )


def _statements(items: list[StatementOut], notes: _Footnotes) -> tuple[Statement, ...]:
    return tuple(Statement(text=s.text, note=s.note, cites=(notes.cite(s.evidence.id),)) for s in items)


def build_view(doc: BriefingOut) -> View:
    """Lay the briefing out in reading order, numbering footnotes as a reader meets them."""
    titles: dict[str, str | None] = {s.document_id: s.title for s in doc.summaries}
    titles.update({d.id: d.title for d in doc.documents})
    evidence = {ev.id: ev for ev in doc.evidence}
    for p in doc.partnerships:
        evidence.update({ev.id: ev for ev in p.evidence})
    notes = _Footnotes(evidence, titles)
    # Sections are built in the order they are printed.
    executive = tuple(
        Statement(text=s.text, note="", cites=notes.cite_all(s.citations)) for s in doc.executive_summary
    )
    rows = tuple(_row(p, notes) for p in doc.partnerships)
    discrepancies = tuple(
        DiscrepancyView(
            field=d.field,
            subject=d.subject,
            values=tuple(
                SideView(
                    value=v.value,
                    document_id=v.document_id,
                    document_title=titles.get(v.document_id),
                    quote=v.quote,
                    start=v.start,
                    end=v.end,
                )
                for v in d.values
            ),
        )
        for d in doc.discrepancies
    )
    summaries = tuple(
        SummaryView(
            document_id=s.document_id,
            title=s.title,
            sentences=_statements(s.sentences, notes),
            key_points=_statements(s.key_points, notes),
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
        discrepancies=discrepancies,
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
        notes=tuple(notes.notes),
    )
