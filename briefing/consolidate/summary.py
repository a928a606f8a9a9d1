"""The executive summary: the offline composition, and the contract a model-written one must meet.

Offline, the summary is templated from the consolidated table (``wording``): 3-6 sentences, each
citing the evidence ids behind every fact it states. A model engine implements ``Synthesizer``
instead; whatever it returns passes ``validate_citations``, which drops any sentence citing an id
that is not in the evidence it was given (the Claude side re-asks once before that).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from langchain_core.documents import Document

from briefing.consolidate._text import document_id
from briefing.consolidate.discrepancies import citation_for, citation_index
from briefing.consolidate.wording import (
    discrepancy_sentence,
    join_names,
    partnership_sentence,
    readable_date,
    scope_sentence,
)
from briefing.dates import parse_date
from briefing.models import Discrepancy, Evidence, Extraction, Partnership, SummarySentence, Usage

MIN_SENTENCES = 3
MAX_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class EvidenceDigest:
    """One verified fact a synthesizer may cite: the id to cite, what it backs, and the source quote."""

    id: str
    document_id: str
    topic: str
    """What the fact is about, e.g. "partnership p-1a2b: memorandum of understanding between A and B"."""
    field: str
    value: str
    quote: str


@dataclass(frozen=True, slots=True)
class DroppedSentence:
    sentence: SummarySentence
    reason: str


@dataclass(frozen=True, slots=True)
class SynthesisResult:
    sentences: tuple[SummarySentence, ...]
    usage: Usage = field(default_factory=Usage)
    dropped: tuple[DroppedSentence, ...] = ()
    """Sentences the synthesizer itself discarded (e.g. still uncited after its one re-ask)."""


class Synthesizer(Protocol):
    """Writes the executive summary from verified evidence only (implemented by a model engine)."""

    def synthesize(self, evidence: Sequence[EvidenceDigest]) -> SynthesisResult: ...


def validate_citations(
    sentences: Sequence[SummarySentence], known_ids: Collection[str], *, require_citation: bool = True
) -> tuple[tuple[SummarySentence, ...], tuple[DroppedSentence, ...]]:
    """Keep sentences whose every citation is a known evidence id; say why each other one went.

    With ``require_citation`` a sentence citing nothing is dropped too: a model sentence without
    evidence is an unbacked claim. Citations are de-duplicated, order kept.
    """
    known = set(known_ids)
    kept: list[SummarySentence] = []
    dropped: list[DroppedSentence] = []
    for sentence in sentences:
        text = " ".join(sentence.text.split())
        citations = tuple(dict.fromkeys(c.strip() for c in sentence.citations if c.strip()))
        unknown = [c for c in citations if c not in known]
        if not text:
            dropped.append(DroppedSentence(sentence, "empty sentence"))
        elif unknown:
            dropped.append(DroppedSentence(sentence, f"cites unknown evidence id(s): {', '.join(unknown)}"))
        elif require_citation and not citations:
            dropped.append(DroppedSentence(sentence, "cites no evidence"))
        else:
            kept.append(SummarySentence(text, citations))
    return tuple(kept), tuple(dropped)


def evidence_digests(
    partnerships: Sequence[Partnership],
    discrepancies: Sequence[Discrepancy],
    *,
    extractions: Sequence[Extraction] = (),
) -> tuple[EvidenceDigest, ...]:
    """Everything a synthesizer may cite, one digest per evidence id (first use wins)."""
    out: dict[str, EvidenceDigest] = {}
    index = citation_index(_all_evidence(partnerships, extractions))
    for p in partnerships:
        topic = f"partnership {p.id}: {p.kind} between {join_names(p.parties)}"
        values = {
            "party": join_names(p.parties),
            "kind": p.kind,
            "date": p.date or "",
            "status": p.status or "",
        }
        values["scope"] = p.scope or ""
        for name, ev in p.evidence:
            out.setdefault(
                ev.id, EvidenceDigest(ev.id, ev.document_id, topic, name, values.get(name, ""), ev.quote)
            )
    for d in discrepancies:
        for v in d.values:
            ident = citation_for(v, index)
            shown = readable_date(v.value) if d.field == "date" else v.value
            digest = EvidenceDigest(
                ident, v.document_id, f"disagreement: {d.subject}", d.field, shown, v.quote
            )
            out.setdefault(ident, digest)
    for extraction in extractions:
        for name, items in (("summary", extraction.summary), ("key_point", extraction.key_points)):
            for item in items:
                ev = item.evidence
                out.setdefault(
                    ev.id,
                    EvidenceDigest(ev.id, ev.document_id, "document summary", name, item.value, ev.quote),
                )
    return tuple(out.values())


def _all_evidence(partnerships: Sequence[Partnership], extractions: Sequence[Extraction]) -> list[Evidence]:
    items = [ev for p in partnerships for _f, ev in p.evidence]
    items += [f.evidence for e in extractions for f in (*e.summary, *e.key_points)]
    return items


def offline_executive_summary(
    partnerships: Sequence[Partnership],
    discrepancies: Sequence[Discrepancy],
    documents: Sequence[Document],
    *,
    extractions: Sequence[Extraction] = (),
    duplicate_of: Mapping[str, str] | None = None,
) -> tuple[SummarySentence, ...]:
    """3-6 templated sentences from the table (fewer only when there is nothing to say).

    Order: the best-supported agreements (most sources first), the disagreements, then scope
    details or document summaries to reach three sentences. Every fact cites its evidence; only a
    sentence that states no fact (e.g. "no partnership was found") goes without citations.
    """
    copies_of = duplicate_of or {}
    anchors = {document_id(d): parse_date(str(d.metadata.get("published") or "")) for d in documents}
    index = citation_index(_all_evidence(partnerships, extractions))
    ranked = sorted(partnerships, key=lambda p: (-len(p.sources), p.date or "9999", p.parties))
    disagreement = discrepancy_sentence(discrepancies, index)
    room = MAX_SENTENCES - (1 if disagreement else 0)
    sentences: list[SummarySentence] = []
    if len(partnerships) > room:
        sentences.append(_overview(partnerships, len(documents)))
    for p in ranked[: room - len(sentences)]:
        copies = sum(1 for s in p.sources if copies_of.get(s) in p.sources)
        sentences.append(partnership_sentence(p, anchors=anchors, copies=copies))
    if disagreement:
        sentences.append(disagreement)
    if not partnerships:
        sentences.insert(0, SummarySentence(_nothing_found(len(documents)), ()))
    extras: list[SummarySentence] = [s for p in ranked if (s := scope_sentence(p)) is not None]
    extras += _document_summaries(extractions, documents)
    for extra in extras:
        if len(sentences) >= MIN_SENTENCES:
            break
        sentences.insert(len(sentences) - (1 if disagreement else 0), extra)
    return tuple(sentences[:MAX_SENTENCES])


def _overview(partnerships: Sequence[Partnership], n_documents: int) -> SummarySentence:
    parties = sorted({party for p in partnerships for party in p.parties})
    rest = len(parties) - 5
    shown = parties[:5] + ([f"{rest} other{'s' if rest > 1 else ''}"] if rest > 0 else [])
    kinds = (next((ev.id for f, ev in p.evidence if f == "kind"), None) for p in partnerships)
    citations = tuple(dict.fromkeys(c for c in kinds if c is not None))
    n = len(partnerships)
    text = (
        f"{n} agreement{'s' if n != 1 else ''} involving {join_names(shown)} "
        f"{'are' if n != 1 else 'is'} reported across "
        f"{n_documents} document{'s' if n_documents != 1 else ''}."
    )
    return SummarySentence(text, citations)


def _nothing_found(n_documents: int) -> str:
    return f"No partnership or agreement was found in the {n_documents} document{'s' if n_documents != 1 else ''} read."


def _document_summaries(
    extractions: Sequence[Extraction], documents: Sequence[Document]
) -> list[SummarySentence]:
    titles = {document_id(d): str(d.metadata.get("title") or "") for d in documents}
    out = []
    for extraction in extractions:
        if not extraction.summary:
            continue
        first = extraction.summary[0]
        label = titles.get(extraction.document_id) or extraction.document_id
        value = " ".join(first.value.split()).rstrip(".")
        out.append(SummarySentence(f"{label}: {value}.", (first.evidence.id,)))
    return out
