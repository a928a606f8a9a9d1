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

Cost: for each source of each row, one look at the sentence around each of its figures.
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


def _is_agreement_sentence(
    sentence: str, span: tuple[int, int], heads: set[str], cited: list[tuple[int, int]]
) -> bool:
    """Does this sentence back one of the row's cells, or speak of the agreement (see the module
    docstring)? ``heads`` are the first words of the row's party names, case-folded."""
    start, end = span
    if any(s < end and start < e for s, e in cited):
        return True
    folded = sentence.casefold()
    return bool(_AGREEMENT_WORDS_RE.search(sentence)) and (
        any(h in folded for h in heads) or bool(_REFERENCE_RE.search(sentence))
    )


def _party_heads(partnership: Partnership) -> set[str]:
    forms = {p.casefold() for p in partnership.parties}
    forms |= {a.casefold() for _p, aliases in partnership.aliases for a in aliases}
    return {f.split()[0] for f in forms if f.split()}


def row_figure_discrepancies(
    partnerships: Sequence[Partnership], texts: Mapping[str, str], *, figures_of: FigureSource = find_figures
) -> list[Discrepancy]:
    """Value, term and count disagreements between the sources of each multi-source row."""
    out: list[Discrepancy] = []
    for partnership in partnerships:
        if len(partnership.sources) < 2:
            continue
        by_unit: dict[str, dict[str, list[Figure]]] = {}
        heads = _party_heads(partnership)
        for doc_id in partnership.sources:
            text = texts.get(doc_id)
            if not text:
                continue
            cited = [(ev.start, ev.end) for _f, ev in partnership.evidence if ev.document_id == doc_id]
            sentences = sentence_spans(text)
            verdicts: dict[int, bool] = {}  # sentence index -> is it an agreement sentence?
            for figure in figures_of(doc_id, text):
                i = bisect_right(sentences.starts, figure.start) - 1
                if figure.unit == "percent" or i < 0 or figure.start >= sentences.ends[i]:
                    continue
                if i not in verdicts:
                    span = sentences[i]
                    verdicts[i] = _is_agreement_sentence(text[span[0] : span[1]], span, heads, cited)
                if verdicts[i]:
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
