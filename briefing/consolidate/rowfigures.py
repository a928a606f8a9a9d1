"""Figures that the sources of one agreement give differently: its value, its term, a count in its scope.

"The contract is valued at €48 million" in one source and "the programme will cost €52 million" in
another measure the same thing, the money of this agreement, although no context word is shared.
So for each merged row with two or more sources, each source's *agreement sentences* are read:
the sentences that back the row's cells, and the sentences that name one of its parties together
or refer to it ("the contract", "the programme") with an agreement word (contract, deal, valued,
worth, cost, ...). Figures are grouped by unit (an amount in one currency; a number of years; a
count of one noun); each source's first such figure is the one it states for the agreement (a
later "two-year extension" or "£5m of it for training" is a detail, not the headline). Different
values across the sources are a disagreement of this row.

Cost: one pass over the sentences of each source of each row (rows are blocked by their parties).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence

from briefing.consolidate._text import sentence_span
from briefing.consolidate.figures import Figure, FigureSource, find_figures
from briefing.consolidate.rowdisputes import split_by_scope, subject_of
from briefing.models import Discrepancy, DiscrepancyValue, Partnership
from briefing.sentences import sentence_spans

_AGREEMENT_WORDS_RE = re.compile(
    r"\b(?:contract|deal|agreement|accord|concession|order|programme|program|project|memorandum|partnership"
    r"|licen[cs]e|lease|valued|worth|cost|costs|price|priced|term|fee|payment|pay|will\s+(?:run|last)"
    r"|tender|award(?:ed)?|framework|pact|supply)\b",
    re.IGNORECASE,
)
_REFERENCE_RE = re.compile(
    r"\b(?:the|this|its)\s+(?:[\w-]+\s+)?(?:contract|deal|agreement|concession|order|programme|program"
    r"|project|framework|lease|licen[cs]e|pact)\b",
    re.IGNORECASE,
)
_TERM_NOUNS = frozenset({"count year", "count month", "count week", "count day"})


def _label(unit: str) -> str:
    if unit in _TERM_NOUNS:
        return f"term ({unit.split()[1]}s)"
    kind, _, rest = unit.partition(" ")
    if kind == "currency":
        return "value"
    return f"number of {rest}s" if kind == "count" else "share"


def _agreement_sentences(
    text: str, spans: Sequence[tuple[int, int]], partnership: Partnership, cited: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    forms = {p.casefold() for p in partnership.parties}
    forms |= {a.casefold() for _p, aliases in partnership.aliases for a in aliases}
    heads = {f.split()[0] for f in forms if f.split()}
    out = []
    for start, end in spans:
        if any(s < end and start < e for s, e in cited):
            out.append((start, end))
            continue
        sentence = text[start:end]
        folded = sentence.casefold()
        if _AGREEMENT_WORDS_RE.search(sentence) and (
            any(h in folded for h in heads) or _REFERENCE_RE.search(sentence)
        ):
            out.append((start, end))
    return out


def row_figure_discrepancies(
    partnerships: Sequence[Partnership], texts: Mapping[str, str], *, figures_of: FigureSource = find_figures
) -> list[Discrepancy]:
    """Value, term and count disagreements between the sources of each multi-source row."""
    out: list[Discrepancy] = []
    for partnership in partnerships:
        if len(partnership.sources) < 2:
            continue
        by_unit: dict[str, dict[str, list[Figure]]] = {}
        for doc_id in partnership.sources:
            text = texts.get(doc_id)
            if not text:
                continue
            cited = [(ev.start, ev.end) for _f, ev in partnership.evidence if ev.document_id == doc_id]
            sentences = _agreement_sentences(text, sentence_spans(text), partnership, cited)
            starts = [start for start, _end in sentences]
            for figure in figures_of(doc_id, text):
                i = bisect_right(starts, figure.start) - 1
                if i >= 0 and figure.start < sentences[i][1] and figure.unit != "percent":
                    by_unit.setdefault(figure.unit, {}).setdefault(doc_id, []).append(figure)
        for unit, per_doc in by_unit.items():
            if len(per_doc) < 2 or len({fs[0].value for fs in per_doc.values()}) < 2:
                continue
            values = []
            for doc_id, figures in per_doc.items():
                first = figures[0]
                q_start, q_end = sentence_span(texts[doc_id], first.start, first.end)
                values.append(
                    DiscrepancyValue(first.text, doc_id, texts[doc_id][q_start:q_end], q_start, q_end)
                )
            subject = f"{_label(unit)} of the {subject_of(partnership)}"
            out.extend(split_by_scope("figure", subject, values, partnership.id))
    return out
