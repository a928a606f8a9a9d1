"""The reading order of a briefing, shared by the Markdown, PDF and HTML renderers.

All formats show the same sections in the same order with the same evidence numbers (planned by
``briefing.render.evidence``). Deciding that once, here, keeps the formats from drifting apart.
The view is built from the JSON contract (not from ``Briefing``) so that the mapping from the
data model stays in ``briefing.render.mapping``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefing.render.changes import ChangesView, changes_view
from briefing.render.contract import BriefingOut, DiscrepancyOut, DocumentOut, EvidenceOut
from briefing.render.escape import safe_url
from briefing.render.evidence import Block, Piece, Place, Plan, plan, ranges
from briefing.render.labels import SourceLabel, highlight, source_labels, support, title_shown
from briefing.render.parts import (
    DiscrepancyView,
    MarkView,
    QuoteView,
    RejectedView,
    RowView,
    SideView,
    SourceView,
    Statement,
    SummaryView,
)
from briefing.render.rows import RowContext, RowPlaces, build_row, row_places
from briefing.visible import printable

NO_MODEL = "No language model was used."
NO_MODEL_DETAIL = "Every statement is an extract of the sources."
SCOPES = {"between_sources": "Sources disagree", "within_document": "Inconsistent within one source"}


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
    executive_quotes: tuple[QuoteView, ...]
    partnerships: tuple[RowView, ...]
    disagreements: tuple[tuple[str, tuple[DiscrepancyView, ...]], ...]
    """(heading, discrepancies) for "Sources disagree" then "Inconsistent within one source"."""
    summaries: tuple[SummaryView, ...]
    unverified: tuple[RejectedView, ...]
    sources: tuple[SourceView, ...]
    quotes: tuple[QuoteView, ...]
    """Every quote by key, including those shown only as their own verbatim statement."""
    changes: ChangesView | None = None
    """Weekly digests: what changed since the previous edition (the section that opens them)."""


class Labeller:
    """Labels for documents, with a fallback for ids the briefing lists no document for."""

    def __init__(self, doc: BriefingOut) -> None:
        self.by_id = source_labels(doc)

    def __call__(self, doc_id: str) -> SourceLabel:
        return self.by_id.get(doc_id) or SourceLabel(doc_id, doc_id, False, None)


def mark_view(plan_: Plan, index: int, labels: Callable[[str], SourceLabel]) -> MarkView | None:
    mark = plan_.marks[index]
    if mark is None:
        return None
    if mark.verbatim is not None:
        v = mark.verbatim
        return MarkView("", mark.keys, True, v.document_id, labels(v.document_id).label, v.start, v.end)
    first = plan_.quotes[mark.keys[0]]
    label = labels(first.document_id).label
    return MarkView(ranges(mark.numbers), mark.keys, False, first.document_id, label, first.start, first.end)


def _piece(ev: EvidenceOut) -> Piece:
    return Piece(ev.document_id, ev.start, ev.end, ev.quote, ev.match)


def build_view(doc: BriefingOut) -> View:
    """Lay the briefing out in reading order, numbering quotes as they are printed."""
    labels = Labeller(doc)
    evidence: dict[str, EvidenceOut] = {ev.id: ev for ev in doc.evidence}
    for p in doc.partnerships:
        evidence.update({ev.id: ev for ev in p.evidence})
    row_number = {p.id: i + 1 for i, p in enumerate(doc.partnerships)}
    places: list[Place] = []
    blocks: list[Block] = [Block(rank=3)]
    places += [
        Place(0, tuple(_piece(evidence[c]) for c in dict.fromkeys(s.citations)), text=s.text)
        for s in doc.executive_summary
    ]
    rows: list[RowPlaces] = []
    by_row: dict[str | None, list[DiscrepancyOut]] = {}
    for d in doc.discrepancies:  # indexed once: scanning every disagreement per row is quadratic
        by_row.setdefault(d.partnership_id, []).append(d)
    for p in doc.partnerships:
        blocks.append(Block(rank=1))
        rows.append(row_places(p, by_row.get(p.id, []), len(blocks) - 1, places))
    for d in doc.discrepancies:
        blocks.append(Block(rank=0, merge=False))
        places += [
            Place(len(blocks) - 1, (Piece(v.document_id, v.start, v.end, v.quote, "exact"),))
            for v in d.values
        ]
    summary_at: list[tuple[int, int]] = []
    for s in doc.summaries:
        blocks.append(Block(rank=2))
        summary_at.append((len(blocks) - 1, len(places)))
        places += [
            Place(len(blocks) - 1, (_piece(x.evidence),), text=x.text) for x in (*s.sentences, *s.key_points)
        ]
    plan_ = plan(places, blocks)
    quote_views = tuple(
        QuoteView(
            q.key, q.number, q.document_id, labels(q.document_id).label, q.quote, q.start, q.end, q.match
        )
        for q in plan_.quotes
    )

    def printed(block: int) -> tuple[QuoteView, ...]:
        return tuple(quote_views[q.key] for q in plan_.printed(block))

    def statement(index: int, text: str, note: str = "") -> Statement:
        return Statement(text=text, mark=mark_view(plan_, index, labels), note=note)

    published = {d.id: d.published for d in doc.documents}
    ctx = RowContext(plan_, labels, published, mark_view)
    row_views = tuple(
        build_row(p, r, i + 1, printed(i + 1), ctx)
        for i, (p, r) in enumerate(zip(doc.partnerships, rows, strict=True))
    )
    discrepancies: dict[str, list[DiscrepancyView]] = {scope: [] for scope in SCOPES}
    at = rows[-1].end if rows else len(doc.executive_summary)
    for d in doc.discrepancies:
        sides = []
        who = [labels(v.document_id) for v in d.values]
        backing = support([v.value for v in d.values], who)
        for v, lab, backed in zip(d.values, who, backing, strict=True):
            mark = plan_.marks[at]
            key = mark.keys[0] if mark else 0
            sides.append(
                SideView(
                    v.value,
                    lab.label,
                    v.quote,
                    highlight(v.quote, v.value),
                    v.start,
                    v.end,
                    plan_.quotes[key].number,
                    key,
                    copy_of=lab.copy_of,
                    support=backed,
                )
            )
            at += 1
        subject = d.subject[:1].upper() + d.subject[1:]
        row = row_number.get(d.partnership_id or "")
        discrepancies[d.scope].append(DiscrepancyView(d.field, subject, d.scope, row, tuple(sides)))
    summaries = []
    for s, (block, first) in zip(doc.summaries, summary_at, strict=True):
        n = len(s.sentences)
        summaries.append(
            SummaryView(
                document_id=s.document_id,
                title=title_shown(s.title, None) if s.title else labels(s.document_id).label,
                label=labels(s.document_id).label,
                sentences=tuple(statement(first + i, x.text, x.note) for i, x in enumerate(s.sentences)),
                key_points=tuple(
                    statement(first + n + i, x.text, x.note) for i, x in enumerate(s.key_points)
                ),
                quotes=printed(block),
            )
        )
    counts = dict.fromkeys(("used", "not cited", "skipped", "failed"), 0)
    for record in doc.documents:
        counts[record.status] += 1
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
        executive_summary=tuple(statement(i, s.text) for i, s in enumerate(doc.executive_summary)),
        executive_quotes=printed(0),
        partnerships=row_views,
        disagreements=tuple((SCOPES[k], tuple(v)) for k, v in discrepancies.items() if v),
        summaries=tuple(summaries),
        unverified=tuple(
            RejectedView(
                r.document_id, labels(r.document_id).label, r.field, r.value, r.quote, r.match, r.reason
            )
            for r in doc.unverified
        ),
        sources=tuple(_source(d, labels) for d in doc.documents),
        quotes=quote_views,
        changes=changes_view(doc.changes, {d.id: labels(d.id).label for d in doc.documents}),
    )


def _source(d: DocumentOut, labels: Labeller) -> SourceView:
    label = labels(d.id)
    return SourceView(
        id=d.id,
        label=label.label,
        path=printable(d.path),
        title=title_shown(d.title, d.title_from),
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
        copy_of=label.copy_of,
    )
