"""Consolidation: per-document grounded extractions -> one briefing's partnerships, disagreements,
near-duplicate documents and an offline executive summary.

Nothing here invents a quote from model text: partnerships carry the extractions' evidence, and a
disagreement found by scanning a document quotes an exact slice of its ``page_content``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from langchain_core.documents import Document

from briefing.consolidate._text import document_id
from briefing.consolidate.compat import LooseDate, parse_loose
from briefing.consolidate.discrepancies import (
    citation_index,
    discrepancy_evidence,
    ordered,
    text_discrepancies,
)
from briefing.consolidate.duplicates import find_duplicates
from briefing.consolidate.linking import build_resolver
from briefing.consolidate.merge import merge_partnerships
from briefing.consolidate.stories import story_relation
from briefing.consolidate.summary import (
    DroppedSentence,
    EvidenceDigest,
    SynthesisResult,
    Synthesizer,
    evidence_digests,
    offline_executive_summary,
    validate_citations,
    validate_summary,
)
from briefing.dates import parse_date
from briefing.models import Discrepancy, Evidence, Extraction, Partnership, SummarySentence

__all__ = [
    "Consolidation",
    "DroppedSentence",
    "EvidenceDigest",
    "SynthesisResult",
    "Synthesizer",
    "consolidate",
    "evidence_digests",
    "find_duplicates",
    "offline_executive_summary",
    "validate_citations",
    "validate_summary",
]


@dataclass(frozen=True, slots=True)
class Consolidation:
    partnerships: tuple[Partnership, ...]
    discrepancies: tuple[Discrepancy, ...]
    duplicate_of: Mapping[str, str]
    """Document id -> id of the document it copies."""
    executive_summary: tuple[SummarySentence, ...]
    """The offline summary; a model engine may replace it (see ``Synthesizer``)."""
    evidence: tuple[Evidence, ...] = field(default=())
    """Evidence minted for disagreement quotes that no extraction cites (exact slices of the
    documents). The summary may cite these ids, so the briefing must list them."""


def consolidate(extractions: Sequence[Extraction], documents: Sequence[Document]) -> Consolidation:
    """Merge the extractions of ``documents`` into the briefing's tables (deterministic).

    Documents without an extraction still count for duplicates and text disagreements; an
    extraction whose document is missing still contributes its rows.
    """
    texts = {document_id(d): d.page_content for d in documents}
    duplicate_of = find_duplicates(documents)
    published: dict[str, LooseDate | None] = {}
    for d in documents:
        when = parse_date(str(d.metadata.get("published") or ""))
        published[document_id(d)] = parse_loose(when.isoformat()) if when else None
    resolver = build_resolver(extractions, texts)
    merged = merge_partnerships(
        extractions, resolver=resolver, published=published, duplicate_of=duplicate_of
    )
    order = [*texts, *(e.document_id for e in extractions if e.document_id not in texts)]
    related = story_relation(
        texts, duplicate_of=duplicate_of, partnership_sources=(p.sources for p in merged.partnerships)
    )
    found_in_text = text_discrepancies(documents, related=related)
    discrepancies = ordered([*merged.discrepancies, *found_in_text], order)
    known = [ev for p in merged.partnerships for _f, ev in p.evidence]
    known += [f.evidence for e in extractions for f in (*e.summary, *e.key_points)]
    minted = discrepancy_evidence(discrepancies, citation_index(known))
    summary = offline_executive_summary(
        merged.partnerships, discrepancies, documents, extractions=extractions, duplicate_of=duplicate_of
    )
    return Consolidation(
        partnerships=merged.partnerships,
        discrepancies=discrepancies,
        duplicate_of=duplicate_of,
        executive_summary=summary,
        evidence=minted,
    )
