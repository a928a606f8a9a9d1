"""The pipeline: loaded documents and an engine in, one `Briefing` value out.

Data flows one way (see DESIGN.md): engine drafts -> grounding -> consolidation -> Briefing. This module
reads no files, no clock and no environment: the caller passes the documents, the engine and the
``as_of`` date, which makes a briefing reproducible from its inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from langchain_core.documents import Document

from briefing.consolidate import Consolidation, Synthesizer, consolidate, evidence_digests, validate_summary
from briefing.dates import parse_date
from briefing.documents import document_id, is_usable, prepare
from briefing.engines.base import Engine, ProgressCallback
from briefing.errors import BriefingError, EngineError
from briefing.grounding import verify_extraction
from briefing.models import (
    Briefing,
    DocumentSummary,
    Evidence,
    Extraction,
    ExtractionFailure,
    Rejection,
    SourceRecord,
    SummarySentence,
    Usage,
    UseStatus,
)
from briefing.render.context import cited_spans, source_paragraphs

__all__ = ["RunOutcome", "Window", "build_briefing"]


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """The briefing and whether every input made it in (the CLI turns ``partial`` into exit code 3)."""

    briefing: Briefing
    partial: bool


@dataclass(frozen=True, slots=True)
class Window:
    """A publication-date range (inclusive), e.g. one ISO week for a weekly digest."""

    start: date
    end: date
    label: str
    keep_undated: bool = False
    """Keep documents without a publication date (a briefing dated a given day keeps them; a weekly
    digest cannot place them in its week)."""

    def reason_outside(self, published: object) -> str | None:
        """Why a document falls outside the window, or ``None`` when it is inside."""
        day = parse_date(published) if isinstance(published, str) else None
        if day is None:
            if self.keep_undated:
                return None
            return f"no publication date, so it cannot be placed in {self.label}"
        if not self.start <= day <= self.end:
            return f"published {day.isoformat()}, outside {self.label}"
        return None


def build_briefing(
    documents: Sequence[Document],
    engine: Engine,
    *,
    as_of: date,
    title: str = "Briefing",
    on_done: ProgressCallback | None = None,
    synthesizer: Synthesizer | None = None,
    window: Window | None = None,
) -> RunOutcome:
    """Extract, ground and consolidate ``documents`` into the briefing dated ``as_of``.

    ``documents`` are the loader's output for every input, including skipped and failed ones, so the
    briefing can account for each file. Only documents with status ``ok`` (and, with a ``window``,
    published inside it) reach the engine. With a ``synthesizer`` the executive summary is written
    by the model from verified evidence ids only; otherwise, or if that call fails, it is composed
    offline from the consolidated rows.
    """
    documents = prepare(documents)
    outside = {
        document_id(d): reason
        for d in documents
        if window is not None
        and is_usable(d)
        and (reason := window.reason_outside(d.metadata.get("published")))
    }
    usable = [d for d in documents if is_usable(d) and document_id(d) not in outside]
    results = engine.extract_many(usable, on_done=on_done)
    if len(results) != len(usable):
        raise EngineError(f"the engine returned {len(results)} results for {len(usable)} documents")

    extractions: list[Extraction] = []
    failures: dict[str, str] = {}
    usage = Usage()
    for document, result in zip(usable, results, strict=True):
        usage = usage + result.usage
        if isinstance(result, ExtractionFailure):
            failures[document_id(document)] = result.reason
        else:
            try:
                extractions.append(verify_extraction(result, document))
            except Exception as exc:  # a grounding bug must not cost the other documents
                failures[document_id(document)] = f"internal error while verifying quotes: {exc!r}"

    extracted_ids = {e.document_id for e in extractions}
    merged = consolidate(extractions, [d for d in usable if document_id(d) in extracted_ids])
    executive, synthesis_usage, synthesis_rejections = _executive_summary(merged, extractions, synthesizer)
    usage = usage + synthesis_usage
    cited = _cited_evidence(merged)
    titles = _titles(usable)  # one pass: no title lookup walks every document
    summaries = tuple(
        DocumentSummary(e.document_id, titles.get(e.document_id), e.summary, e.key_points)
        for e in extractions
    )
    all_evidence = _unique([*cited, *(f.evidence for s in summaries for f in (*s.sentences, *s.key_points))])
    by_id = {e.id: e for e in all_evidence}
    # "used" = the document backs something beyond its own summary: the table, a disagreement,
    # or a sentence of the executive summary.
    cited_docs = {e.document_id for e in cited}
    cited_docs |= {by_id[c].document_id for s in executive for c in s.citations if c in by_id}
    cited_docs |= {v.document_id for d in merged.discrepancies for v in d.values}
    skipped = {**outside, **failures}
    records = tuple(_source_record(d, skipped, failures, cited_docs, merged) for d in documents)
    briefing = Briefing(
        briefing_date=as_of.isoformat(),
        engine=engine.info,
        documents=records,
        partnerships=merged.partnerships,
        summaries=summaries,
        executive_summary=executive,
        discrepancies=merged.discrepancies,
        unverified=(*(r for e in extractions for r in e.rejections), *synthesis_rejections),
        usage=usage,
        quotes_proposed=sum(e.quotes_proposed for e in extractions),
        quotes_verified=sum(e.quotes_verified for e in extractions),
        evidence=all_evidence,
        title=title,
    )
    texts = {document_id(d): d.page_content for d in usable}
    briefing = replace(briefing, paragraphs=source_paragraphs(texts, cited_spans(briefing)))
    # Documents outside the digest's window were left out on purpose: that is not a partial run.
    partial = any(r.status in ("skipped", "failed") and r.id not in outside for r in records)
    return RunOutcome(briefing=briefing, partial=partial)


def _executive_summary(
    merged: Consolidation, extractions: Sequence[Extraction], synthesizer: Synthesizer | None
) -> tuple[tuple[SummarySentence, ...], Usage, tuple[Rejection, ...]]:
    """The model's summary when it produced one that cites only known evidence, else the offline one."""
    if synthesizer is None:
        return merged.executive_summary, Usage(), ()
    digests = evidence_digests(
        merged.partnerships, merged.discrepancies, extractions=extractions, copy_of=merged.duplicate_of
    )
    try:
        result = synthesizer.synthesize(digests)
    except BriefingError as exc:
        note = Rejection(
            "", "executive_summary", "", "", "not_found", f"synthesis failed ({exc}); offline summary shown"
        )
        return merged.executive_summary, Usage(), (note,)
    # Whatever the synthesizer checked itself, no sentence reaches the briefing unchecked.
    sentences, also_dropped = validate_summary(result.sentences, digests)
    dropped = tuple(
        Rejection("", "executive_summary", d.sentence.text, "", "not_found", d.reason)
        for d in (*result.dropped, *also_dropped)
    )
    if not sentences:
        return merged.executive_summary, result.usage, dropped
    return sentences, result.usage, dropped


def _cited_evidence(merged: Consolidation) -> list[Evidence]:
    """Evidence behind the table, the disagreements and the executive summary, in first-use order."""
    by_id: dict[str, Evidence] = {}
    for partnership in merged.partnerships:
        for _field, evidence in partnership.evidence:
            by_id.setdefault(evidence.id, evidence)
    for evidence in merged.evidence:  # exact slices minted for disagreement quotes
        by_id.setdefault(evidence.id, evidence)
    return list(by_id.values())


def _source_record(
    document: Document,
    skipped: dict[str, str],
    failures: dict[str, str],
    cited_ids: set[str],
    merged: Consolidation,
) -> SourceRecord:
    meta: dict[str, Any] = document.metadata
    doc_id = document_id(document)
    status: UseStatus
    reason = str(meta.get("reason") or "")
    if meta.get("status") == "skipped":
        status = "skipped"
    elif meta.get("status") == "failed":
        status = "failed"
    elif doc_id in failures:
        status, reason = "failed", failures[doc_id]
    elif doc_id in skipped:
        status, reason = "skipped", skipped[doc_id]
    elif doc_id in cited_ids:
        status = "used"
    else:
        status = "not cited"
    return SourceRecord(
        id=doc_id,
        path=str(meta.get("path") or ""),
        title=meta.get("title"),
        title_from=meta.get("title_from"),
        published=meta.get("published"),
        published_from=meta.get("published_from"),
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        format=str(meta.get("format") or "text"),
        chars=len(document.page_content),
        status=status,
        reason=reason,
        warnings=(*tuple(meta.get("warnings") or ()), *merged.notes.get(doc_id, ())),
        removed=tuple(meta.get("removed") or ()),
        duplicate_of=merged.duplicate_of.get(doc_id),
        copy_of=merged.duplicate_of.get(doc_id),
    )


def _titles(documents: Iterable[Document]) -> dict[str, str]:
    """Document id -> title, for the documents that have one."""
    return {document_id(d): str(d.metadata["title"]) for d in documents if d.metadata.get("title")}


def _unique(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    seen: dict[str, Evidence] = {}
    for item in evidence:
        seen.setdefault(item.id, item)
    return tuple(seen.values())
