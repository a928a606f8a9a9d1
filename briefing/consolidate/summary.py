"""The executive summary: the offline composition, and the contract a model-written one must meet.

Offline, the summary leads with the stories most independent sources report, their most central
statements, and the central parties (``summary_offline``, ``summary_select``); each sentence
cites the evidence ids behind every fact it states. A model engine implements ``Synthesizer``
instead and gets the same evidence (``evidence_digests``: lead stories first, their central
statements, the central parties, disputed values marked as such); whatever it returns passes
``validate_summary``, which drops any sentence citing an id that is not in the evidence or
stating a disputed value as settled (the Claude side re-asks once before that).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from langchain_core.documents import Document

from briefing.consolidate._text import document_id
from briefing.consolidate.discrepancies import citation_for, citation_index
from briefing.consolidate.summary_disputes import (
    Dispute,
    discrepancies_by_row,
    disputed_spans,
    row_disputes,
    settled_value,
)
from briefing.consolidate.summary_measures import measure_of
from briefing.consolidate.summary_offline import SummaryContext, compose
from briefing.consolidate.summary_select import candidates_for, central_parties, lead_stories, most_central
from briefing.consolidate.wording import join_names, readable_date
from briefing.dates import parse_date
from briefing.models import Discrepancy, Evidence, Extraction, Partnership, SummarySentence, Usage


@dataclass(frozen=True, slots=True)
class EvidenceDigest:
    """One verified fact a synthesizer may cite: the id to cite, what it backs, and the source quote."""

    id: str
    document_id: str
    topic: str
    """What the fact is about, e.g. "partnership p-1a2b: memorandum of understanding between A and B"."""
    field: str
    value: str
    """This source's value; a disputed one says so in words too (for a model reading the prompt)."""
    quote: str
    subject: str = ""
    """What the fact is about, as a key: a partnership id, or ``disagreement-N``."""
    disputed: tuple[str, ...] = ()
    """Every value the sources give for this subject's field, when they disagree (else empty)."""
    measure: str = ""
    """What a disputed value measures, when ``field`` alone does not say ("term (years)",
    "number of berths", "spelling of X"): disputes are held apart per measure, not per field."""


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


def validate_summary(
    sentences: Sequence[SummarySentence], evidence: Sequence[EvidenceDigest]
) -> tuple[tuple[SummarySentence, ...], tuple[DroppedSentence, ...]]:
    """``validate_citations``, then drop any sentence that states a disputed value as settled.

    A sentence is held to the disputes of every subject it cites: if it states some but not all
    of the values the sources give ("signed on 3 March" when another source says 4 March), it goes,
    with a reason a model can act on.
    """
    kept, dropped = validate_citations(sentences, [e.id for e in evidence])
    subject_of = {e.id: e.subject for e in evidence if e.subject}
    disputes: dict[str, dict[tuple[str, str], Dispute]] = {}
    for e in evidence:
        if e.subject and len(e.disputed) >= 2:
            key = (e.field, e.measure)
            disputes.setdefault(e.subject, {}).setdefault(key, Dispute(e.field, e.disputed, ()))
    out: list[SummarySentence] = []
    more: list[DroppedSentence] = []
    for sentence in kept:
        subjects = {subject_of[c] for c in sentence.citations if c in subject_of}
        reason = next(
            (
                f"states the disputed {key[1] or d.field} as settled ({value}); sources give "
                f"{' vs '.join(d.values)}: give every value or say that sources differ"
                for subject in sorted(subjects)
                for key, d in disputes.get(subject, {}).items()
                if (value := settled_value(sentence.text, d)) is not None
            ),
            None,
        )
        if reason is None:
            out.append(sentence)
        else:
            more.append(DroppedSentence(sentence, reason))
    return tuple(out), (*dropped, *more)


def evidence_digests(
    partnerships: Sequence[Partnership],
    discrepancies: Sequence[Discrepancy],
    *,
    extractions: Sequence[Extraction] = (),
    copy_of: Mapping[str, str] | None = None,
) -> tuple[EvidenceDigest, ...]:
    """Everything a synthesizer may cite, one digest per evidence id (first use wins), in the order
    the offline summary weighs it: central statements of the lead stories, the central parties,
    the rows (lead stories first, with their independent sources), disagreements, then document
    summaries. A disputed field's digests carry each source's own value and every value."""
    copies = copy_of or {}
    out: dict[str, EvidenceDigest] = {}
    index = citation_index(_all_evidence(partnerships, extractions))
    stories = lead_stories(partnerships, copies)
    spans = disputed_spans(discrepancies)
    by_document = _by_document(extractions)
    for rank, story in enumerate(stories[:2], 1):
        p = story.partnership
        for ev in most_central(candidates_for(p, by_document, spans)):
            topic = f"central statement of story {rank}: {join_names(p.parties)}"
            out.setdefault(
                ev.id, EvidenceDigest(ev.id, ev.document_id, topic, "central_statement", "", ev.quote, p.id)
            )
    central, _others = central_parties(partnerships, copies)
    for c in central:
        for p in c.rows[:1]:
            party_ev = next((ev for f, ev in p.evidence if f == "party"), None)
            if party_ev is not None:
                topic = f"central party: {c.name}, in {len(c.rows)} of {len(partnerships)} agreements"
                out.setdefault(
                    party_ev.id,
                    EvidenceDigest(
                        party_ev.id, party_ev.document_id, topic, "party", c.name, party_ev.quote, p.id
                    ),
                )
    by_row = discrepancies_by_row(partnerships, discrepancies)
    for rank, story in enumerate(stories, 1):
        mine = by_row.get(story.partnership.id, ())
        _row_digests(out, story.partnership, rank, story.independent, mine, index)
    told = {id(d) for ds in by_row.values() for d in ds if d.scope == "between_sources"}
    for number, d in enumerate(discrepancies, 1):
        if id(d) in told:
            continue  # told with its row
        values = tuple(dict.fromkeys(_shown(d.field, v.value) for v in d.values))
        where = "inconsistent within one source" if d.scope == "within_document" else "sources disagree"
        measure = measure_of(d).key.split(":", 1)[1]
        for v in d.values:
            ident = citation_for(v, index)
            digest = EvidenceDigest(
                ident,
                v.document_id,
                f"{where}: {d.subject}",
                d.field,
                _disputed_value(_shown(d.field, v.value), values),
                v.quote,
                f"disagreement-{number}",
                values,
                measure,
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


_CELLS = ("kind", "date", "status", "scope", "party", "parties")


def _shown(field: str, value: str) -> str:
    return readable_date(value) if field == "date" else value


def _disputed_value(value: str, values: Sequence[str]) -> str:
    if len(values) < 2:
        return value
    return f"{value} (disputed: sources give {' vs '.join(values)}; never state one as settled)"


def _row_digests(
    out: dict[str, EvidenceDigest],
    p: Partnership,
    rank: int,
    independent: int,
    discrepancies: Sequence[Discrepancy],
    index: dict[tuple[str, int, int], str],
) -> None:
    """The digests of one row; ``discrepancies`` are the row's own disagreements."""
    disputes = {
        d.field: d for d in row_disputes(p, discrepancies, index) if d.measure is None or d.field in _CELLS
    }
    own = {(v.document_id, v.start, v.end): _shown(d.field, v.value) for d in discrepancies for v in d.values}
    kind = "agreement (kind disputed)" if "kind" in disputes else p.kind
    topic = (
        f"story {rank}, partnership {p.id}: {kind} between {join_names(p.parties)}; "
        f"{independent} independent source{'s' if independent != 1 else ''}"
    )
    values = {"party": join_names(p.parties), "kind": p.kind, "date": p.date or "", "status": p.status or ""}
    values["scope"] = p.scope or ""
    for name, ev in p.evidence:
        dispute = disputes.get(name)
        value = values.get(name, "")
        if dispute is not None:
            value = _disputed_value(own.get((ev.document_id, ev.start, ev.end), ""), dispute.values)
        elif name == "date" and value:
            value = readable_date(value)
        digest = EvidenceDigest(
            ev.id, ev.document_id, topic, name, value, ev.quote, p.id, dispute.values if dispute else ()
        )
        out.setdefault(ev.id, digest)
    for d in discrepancies:  # the row's disagreement quotes that are not row evidence
        if d.scope != "between_sources":
            continue
        shown = tuple(dict.fromkeys(_shown(d.field, v.value) for v in d.values))
        measure = measure_of(d).key.split(":", 1)[1]
        for v in d.values:
            ident = citation_for(v, index)
            value = _disputed_value(_shown(d.field, v.value), shown)
            digest = EvidenceDigest(
                ident, v.document_id, topic, d.field, value, v.quote, p.id, shown, measure
            )
            out.setdefault(ident, digest)


def _by_document(extractions: Sequence[Extraction]) -> dict[str, list[Evidence]]:
    return {e.document_id: [f.evidence for f in (*e.summary, *e.key_points)] for e in extractions}


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
    copy_of: Mapping[str, str] | None = None,
) -> tuple[SummarySentence, ...]:
    """The offline executive summary (``summary_offline``), checked like a model's would be.

    ``copy_of`` (or the older ``duplicate_of``) maps a copy's id to its original's: copies are not
    counted as independent sources. Every fact cites its evidence; only a sentence that states no
    fact (e.g. "no partnership was found") goes without citations.
    """
    copies = {**(duplicate_of or {}), **(copy_of or {})}
    ctx = SummaryContext(
        n_documents=len(documents),
        copy_of=copies,
        index=citation_index(_all_evidence(partnerships, extractions)),
        by_document=_by_document(extractions),
        anchors={document_id(d): parse_date(str(d.metadata.get("published") or "")) for d in documents},
    )
    sentences = compose(partnerships, discrepancies, ctx)
    digests = evidence_digests(partnerships, discrepancies, extractions=extractions, copy_of=copies)
    # the same guard as for a model; an offline sentence that fails it is a bug, so it goes too
    facts = [s for s in sentences if s.citations]
    kept, _dropped = validate_summary(facts, digests)
    return tuple(s for s in sentences if not s.citations or s in kept)
