"""The one mapping from a ``Briefing`` onto the JSON contract; every renderer goes through it.

When ``Briefing`` gains a field (a week label, say), add it to ``briefing.render.contract`` and map
it here: the JSON, Markdown and PDF outputs all read the contract, never ``Briefing`` itself.
"""

from __future__ import annotations

from briefing.errors import RenderError
from briefing.models import Briefing, DocumentSummary, EditionChanges, Evidence, Partnership, VerifiedField
from briefing.render.contract import (
    SCHEMA_VERSION,
    AliasOut,
    BriefingOut,
    CellEvidenceOut,
    ChangesOut,
    DatedOut,
    DiscrepancyOut,
    DiscrepancyValueOut,
    DocumentOut,
    EngineOut,
    EvidenceOut,
    ExecutiveSentenceOut,
    PartnershipOut,
    QuotesOut,
    RowChangeOut,
    StatementOut,
    SummaryOut,
    TokensOut,
    UnverifiedOut,
    UsageOut,
)


def _evidence(ev: Evidence) -> EvidenceOut:
    return EvidenceOut(
        id=ev.id,
        document_id=ev.document_id,
        quote=ev.quote,
        start=ev.start,
        end=ev.end,
        match=ev.match,
        score=ev.score,
    )


def _statement(field: VerifiedField) -> StatementOut:
    return StatementOut(text=field.value, note=field.note, evidence=_evidence(field.evidence))


def _partnership(p: Partnership) -> PartnershipOut:
    return PartnershipOut(
        id=p.id,
        parties=list(p.parties),
        aliases=[AliasOut(name=name, aliases=list(seen)) for name, seen in p.aliases],
        kind=p.kind,
        date=p.date,
        status=p.status,
        scope=p.scope,
        sources=list(p.sources),
        single_source=p.single_source,
        disputed=list(p.disputed),
        independent_sources=list(p.independent_sources or p.sources),
        dates=[DatedOut(role=role, date=day) for role, day in p.dates],
        evidence=[
            CellEvidenceOut(
                field=name,
                role="antecedent" if ev.id in p.antecedents else "quote",
                **_evidence(ev).model_dump(),
            )
            for name, ev in p.evidence
        ],
    )


def _changes(changes: EditionChanges | None) -> ChangesOut | None:
    if changes is None:
        return None
    return ChangesOut(
        window=changes.window,
        previous=changes.previous,
        previous_date=changes.previous_date,
        note=changes.note,
        empty=changes.empty,
        rows=[
            RowChangeOut(
                change=r.change,
                parties=list(r.parties),
                kind=r.kind,
                partnership_id=r.partnership_id,
                previous_id=r.previous_id,
                new_sources=list(r.new_sources),
                new_disputes=list(r.new_disputes),
                status_before=r.status_before,
                status_after=r.status_after,
                status_changed=r.status_changed,
            )
            for r in changes.rows
        ],
    )


def _summary(s: DocumentSummary) -> SummaryOut:
    return SummaryOut(
        document_id=s.document_id,
        title=s.title,
        sentences=[_statement(f) for f in s.sentences],
        key_points=[_statement(f) for f in s.key_points],
    )


def collect_evidence(briefing: Briefing) -> dict[str, Evidence]:
    """Every evidence item the briefing holds, by id, in first-seen order.

    ``Briefing.evidence`` comes first; evidence carried by rows and summaries is added in case a
    producer left it out. One id naming two different quotes is a producer bug that would make a
    footnote lie, so it is refused rather than guessed.
    """
    found: dict[str, Evidence] = {}
    carried = [
        *briefing.evidence,
        *(ev for p in briefing.partnerships for _, ev in p.evidence),
        *(f.evidence for s in briefing.summaries for f in (*s.sentences, *s.key_points)),
    ]
    for ev in carried:
        seen = found.setdefault(ev.id, ev)
        if seen != ev:
            raise RenderError(f"evidence id {ev.id!r} names two different quotes")
    return found


def to_contract(briefing: Briefing) -> BriefingOut:
    """Map a finished briefing onto the JSON contract, checking that every citation resolves.

    An executive-summary sentence whose evidence id is unknown would be an unbacked claim, which
    the product promises never to print, so it raises ``RenderError`` instead.
    """
    evidence = collect_evidence(briefing)
    dangling = sorted({c for s in briefing.executive_summary for c in s.citations} - evidence.keys())
    if dangling:
        raise RenderError(f"executive summary cites unknown evidence ids: {', '.join(dangling)}")
    usage = briefing.usage
    tokens = TokensOut(
        input=usage.input_tokens,
        output=usage.output_tokens,
        cache_creation_input=usage.cache_creation_input_tokens,
        cache_read_input=usage.cache_read_input_tokens,
        total=usage.input_tokens
        + usage.output_tokens
        + usage.cache_creation_input_tokens
        + usage.cache_read_input_tokens,
    )
    engine = briefing.engine
    try:
        return BriefingOut(
            schema_version=SCHEMA_VERSION,
            briefing_date=briefing.briefing_date,
            title=briefing.title,
            engine=EngineOut(
                name=engine.name,
                model=engine.model,
                prompt_version=engine.prompt_version,
                uses_language_model=engine.uses_language_model,
                notice=engine.notice,
            ),
            quotes=QuotesOut(proposed=briefing.quotes_proposed, verified=briefing.quotes_verified),
            usage=UsageOut(tokens=tokens, calls=usage.calls, cost_usd=usage.cost_usd),
            documents=[
                DocumentOut(
                    id=d.id,
                    path=d.path,
                    title=d.title,
                    published=d.published,
                    published_from=d.published_from,
                    publisher=d.publisher,
                    url=d.url,
                    format=d.format,
                    chars=d.chars,
                    status=d.status,
                    reason=d.reason,
                    warnings=list(d.warnings),
                    removed=list(d.removed),
                    duplicate_of=d.duplicate_of,
                    copy_of=d.copy_of,
                    title_from=d.title_from,
                    text=d.text,
                )
                for d in briefing.documents
            ],
            executive_summary=[
                ExecutiveSentenceOut(text=s.text, citations=list(s.citations))
                for s in briefing.executive_summary
            ],
            partnerships=[_partnership(p) for p in briefing.partnerships],
            discrepancies=[
                DiscrepancyOut(
                    field=d.field,
                    subject=d.subject,
                    scope=d.scope,
                    partnership_id=d.partnership_id,
                    cell=d.cell,
                    values=[
                        DiscrepancyValueOut(
                            value=v.value, document_id=v.document_id, quote=v.quote, start=v.start, end=v.end
                        )
                        for v in d.values
                    ],
                )
                for d in briefing.discrepancies
            ],
            summaries=[_summary(s) for s in briefing.summaries],
            unverified=[
                UnverifiedOut(
                    document_id=r.document_id,
                    field=r.field,
                    value=r.value,
                    quote=r.quote,
                    match=r.match,
                    reason=r.reason,
                )
                for r in briefing.unverified
            ],
            evidence=[_evidence(ev) for ev in evidence.values()],
            changes=_changes(briefing.changes),
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise RenderError(f"briefing does not fit the JSON contract: {exc}") from exc
