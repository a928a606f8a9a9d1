"""Consolidation: per-document grounded extractions -> one briefing's partnerships, disagreements,
near-duplicate documents and an offline executive summary.

Nothing here invents a quote from model text: partnerships carry the extractions' evidence, and a
disagreement found by scanning a document quotes an exact slice of its ``page_content``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from langchain_core.documents import Document

from briefing.consolidate import forked
from briefing.consolidate._text import document_id, once_per_document
from briefing.consolidate.aliases import Rename, find_renames
from briefing.consolidate.cells import with_cells
from briefing.consolidate.compat import LooseDate, normal_kind, parse_loose
from briefing.consolidate.discrepancies import (
    citation_index,
    discrepancy_evidence,
    ordered,
    text_figure_discrepancies,
    text_name_discrepancies,
)
from briefing.consolidate.duplicates import find_duplicates
from briefing.consolidate.figures import figure_cache
from briefing.consolidate.finish import finish_partnerships, rename_notes
from briefing.consolidate.linking import build_resolver
from briefing.consolidate.merge import merge_reports, row_reports
from briefing.consolidate.rowfigures import row_figure_discrepancies
from briefing.consolidate.spellings import person_mentions
from briefing.consolidate.stories import Deal, story_names, story_relation
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
from briefing.gc_pause import collector_paused
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


FORK_MIN_DOCUMENTS = 200
"""From this many documents, finding copies and scanning texts for disagreements each run in a
forked child beside the parent's other work (``forked``); below it a fork costs more than it saves."""


CHILD_SCAN_SHARE = 2 / 3
"""The share of the stories (by text) whose figures the forked child scans; the parent scans the
rest after its own work of that phase (rows' figures, names), about half as long as the scan."""


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
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Document id -> notes about it for the sources appendix (e.g. it uses a body's former name)."""
    renames: tuple[Rename, ...] = ()
    """Renamed bodies the sources report (old name, new name, where it is said)."""


@collector_paused
def consolidate(extractions: Sequence[Extraction], documents: Sequence[Document]) -> Consolidation:
    """Merge the extractions of ``documents`` into the briefing's tables (deterministic).

    Documents without an extraction still count for duplicates and text disagreements; an
    extraction whose document is missing still contributes its rows.
    """
    texts = {document_id(d): d.page_content for d in documents}
    figures_of = figure_cache()
    names_of, people_of = once_per_document(story_names), once_per_document(person_mentions)
    worth_forking = len(texts) >= FORK_MIN_DOCUMENTS
    with forked.start(lambda: find_duplicates(documents), worth_it=worth_forking) as copies:
        published: dict[str, LooseDate | None] = {}
        for d in documents:
            when = parse_date(str(d.metadata.get("published") or ""))
            published[document_id(d)] = parse_loose(when.isoformat()) if when else None
        renames = find_renames(texts)
        resolver = build_resolver(extractions, texts, renames)
        reports = row_reports(extractions, resolver=resolver, texts=texts)
        if copies.forked:
            _read_ahead(texts, (names_of, people_of, figures_of), stop=copies.ready)
        duplicate_of = copies.result()
    merged = merge_reports(reports, published=published, duplicate_of=duplicate_of)
    order = [*texts, *(e.document_id for e in extractions if e.document_id not in texts)]
    agreements = [p.sources for p in merged.partnerships if len(p.sources) > 1]
    reporting: dict[str, list[Deal]] = {}
    for p in merged.partnerships:
        deal = Deal(frozenset(p.parties), normal_kind(p.kind), parse_loose(p.date))
        for source in p.sources:
            reporting.setdefault(source, []).append(deal)
    stories = story_relation(
        texts,
        duplicate_of=duplicate_of,
        partnership_sources=agreements,
        reporting=reporting,
        names_of=names_of,
    )
    scan = partial(text_figure_discrepancies, documents, related=stories, figures_of=figures_of)
    cut = _cut(stories.blocks, texts, CHILD_SCAN_SHARE)
    with forked.start(partial(scan, blocks=stories.blocks[:cut]), worth_it=worth_forking) as scanned:
        by_row = row_figure_discrepancies(merged.partnerships, texts, figures_of=figures_of)
        names = text_name_discrepancies(documents, agreements=agreements, people_of=people_of)
        rest = scan(blocks=stories.blocks[cut:])
        found_in_text = scanned.result() + rest + names
    in_text = _attach_rows(_not_covered(found_in_text, by_row), merged.partnerships)
    discrepancies = with_cells(
        ordered([*merged.discrepancies, *by_row, *in_text], order), merged.partnerships
    )
    partnerships = finish_partnerships(merged.partnerships, discrepancies, duplicate_of)
    notes = rename_notes(renames, texts, _written(published, extractions))
    known = [ev for p in partnerships for _f, ev in p.evidence]
    known += [f.evidence for e in extractions for f in (*e.summary, *e.key_points)]
    minted = discrepancy_evidence(discrepancies, citation_index(known))
    summary = offline_executive_summary(
        partnerships, discrepancies, documents, extractions=extractions, duplicate_of=duplicate_of
    )
    return Consolidation(
        partnerships=partnerships,
        discrepancies=discrepancies,
        duplicate_of=duplicate_of,
        executive_summary=summary,
        evidence=minted,
        notes=notes,
        renames=tuple(renames),
    )


def _read_ahead(
    texts: Mapping[str, str], readings: Sequence[Callable[[str, str], object]], *, stop: Callable[[], bool]
) -> None:
    """While a child finds the copies, make readings the next steps need anyway (each remembered
    per document: ``once_per_document``), until ``stop()`` says the copies are in. The names that
    tie stories together and the people named come first: only the parent reads them, whereas a
    figure not read here may still be read by the child that scans the stories for figures."""
    for read in readings:
        for doc_id, text in texts.items():
            read(doc_id, text)
            if stop():
                return


def _cut(blocks: Sequence[Sequence[str]], texts: Mapping[str, str], share: float) -> int:
    """How many of the first ``blocks`` hold about ``share`` of their text (the figure scan's cost)."""
    sizes = [sum(len(texts.get(d, "")) for d in block) for block in blocks]
    goal, total = share * sum(sizes), 0
    for i, size in enumerate(sizes):
        if total >= goal:
            return i
        total += size
    return len(sizes)


def _not_covered(found: Sequence[Discrepancy], by_row: Sequence[Discrepancy]) -> list[Discrepancy]:
    """Text-scan figure disagreements that a row's own figure comparison does not already show."""
    covered = {(v.document_id, v.start, v.end) for d in by_row for v in d.values}
    return [
        d
        for d in found
        if d.field != "figure" or not {(v.document_id, v.start, v.end) for v in d.values} <= covered
    ]


def _attach_rows(found: Sequence[Discrepancy], partnerships: Sequence[Partnership]) -> list[Discrepancy]:
    """A disagreement between sources that all report one (and only one) agreement is about that row."""
    rows_of: dict[str, set[str]] = {}
    for p in partnerships:
        if len(p.sources) > 1:
            for source in p.sources:
                rows_of.setdefault(source, set()).add(p.id)
    out = []
    for d in found:
        docs = {v.document_id for v in d.values}
        if d.partnership_id is None and d.scope == "between_sources":
            common = set.intersection(*(rows_of.get(doc, set()) for doc in docs))
            if len(common) == 1:
                d = replace(d, partnership_id=common.pop())
        out.append(d)
    return out


def _written(
    published: Mapping[str, LooseDate | None], extractions: Sequence[Extraction]
) -> dict[str, LooseDate | None]:
    """When each document was written: its publication date, else the latest date its rows report."""
    out = dict(published)
    for extraction in extractions:
        if out.get(extraction.document_id) is None:
            dates = [w for r in extraction.rows if r.date and (w := parse_loose(r.date.value)) is not None]
            out[extraction.document_id] = max(dates, key=lambda w: w.last) if dates else None
    return out
