"""Figures that sources state differently: "about 70% of global AI compute" vs "around 71% of ...".

A figure is a number with a unit: a percentage, an amount of money (currency and multiplier), or
a count of something ("300 engineers"). Two figures are about the same thing when they have the
same unit, the content words around them (same clause, up to six on each side, crudely stemmed)
share at least ``MIN_SHARED`` words (the context stops at clause breaks: commas, brackets, dashes), and on one side of the number (the subject usually follows:
"70% of global AI compute") they share at least ``MIN_OVERLAP`` of the smaller side. Figures in one sentence are never compared ("rose from 70% to 75%" is a change, not a
disagreement). Dates, years, clock times ("by 08:07") and page numbers are masked first, so they
are never figures. Figures of one document under different timestamps (entries of a live blog,
"08:07 – ...") are never compared either: a later entry updates an earlier one.

Cost: candidate pairs come from an inverted index over (unit, context word); a word shared by more
than ``MAX_POSTING`` figures (a live blog's "shares moving ... percent" in every entry) says nothing
about which figures measure the same thing and is left out of the index, so the work stays linear.
A figure's context is read only when its block holds another figure of the same unit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.consolidate._text import STOPWORDS, fold, once_per_document, sentence_span, stem, word_list
from briefing.consolidate.figureshapes import (
    AMOUNT_WORD_RE,
    COUNT_RE,
    PERCENT_RE,
    TIMESTAMP_LINE_RE,
    currency_matches,
    masked_spans,
    matches_at,
    number_starts,
    read_figure,
)
from briefing.consolidate.rowdisputes import split_by_scope
from briefing.models import Discrepancy, DiscrepancyValue

CONTEXT_WORDS = 6
MAX_POSTING = 200
MIN_SHARED = 3
MIN_SIDE_SHARED = 2
MIN_OVERLAP = 0.6

_CLAUSE_BREAK_RE = re.compile(r"[,;:()\[\]—–]|\s-\s")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its unit at ``text[start:end]`` of one document."""

    document_id: str
    start: int
    end: int
    text: str
    value: float
    unit: str
    segment: int = 0  # which timestamped entry of the document (0 when it has none)


@dataclass(frozen=True, slots=True)
class Placed:
    """A figure with what it is about: its sentence and the content words of its clause.

    Read only for figures that another figure of the same unit could be compared with, since
    most figures of a corpus have no such partner and reading their context is most of the cost.
    """

    figure: Figure
    sentence: tuple[int, int]
    context: frozenset[str]
    before: frozenset[str]
    after: frozenset[str]
    context_words: tuple[str, ...]  # the context as written, in order, for the subject line


def find_figures(document_id: str, text: str) -> list[Figure]:
    """Every percentage, amount and count in ``text`` with its subject context."""
    taken = bytearray(len(text))  # 1 where a date, clock time or earlier figure sits: linear, not pairwise
    for span in masked_spans(text):
        taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
    found: list[Figure] = []
    starts = number_starts(text)
    scans = (
        ("percent", matches_at(PERCENT_RE, text, starts)),
        ("currency", currency_matches(text)),
        ("amount", matches_at(AMOUNT_WORD_RE, text, starts)),
        ("count", matches_at(COUNT_RE, text, starts)),
    )
    stamps = [m.start() for m in TIMESTAMP_LINE_RE.finditer(text)] if ":" in text or "." in text else []
    for kind, matches in scans:
        for m in matches:
            start, end = m.start(), m.end()
            if any(taken[start:end]):
                continue
            reading = read_figure(kind, m)
            if reading is None:
                continue
            value, unit = reading
            if kind == "count" and m.group("noun2") and not unit.endswith(stem(m.group("noun2"))):
                end = m.end("noun")  # the second word was not part of the figure ("12 hospitals across")
            taken[start:end] = b"\x01" * (end - start)
            segment = bisect_right(stamps, start) if stamps else 0
            found.append(Figure(document_id, start, end, text[start:end], value, unit, segment))
    return sorted(found, key=lambda f: f.start)


def placed(figure: Figure, text: str) -> Placed:
    """``figure`` (found in ``text``) with its sentence and the content words of its clause."""
    start, end = figure.start, figure.end
    s_start, s_end = sentence_span(text, start, end, max_chars=10_000)
    c_start = _clause_start(text, s_start, start)
    after_break = _CLAUSE_BREAK_RE.search(text, end, s_end)
    c_end = after_break.start() if after_break else s_end
    before = [w for w in word_list(text[c_start:start]) if _is_content(w)][-CONTEXT_WORDS:]
    after = [w for w in word_list(text[end:c_end]) if _is_content(w)][:CONTEXT_WORDS]
    stems_before = frozenset(stem(w) for w in before)  # the words are content words already
    stems_after = frozenset(stem(w) for w in after)
    return Placed(
        figure, (s_start, s_end), stems_before | stems_after, stems_before, stems_after, (*before, *after)
    )


def _clause_start(text: str, sentence_start: int, at: int) -> int:
    """Where the clause holding ``at`` begins: after the last clause break in the sentence before it.

    Read backwards in a widening window, so that a figure deep inside a very long sentence costs
    its last few clause words, not the sentence before it. The window stops widening once it holds
    more than ``CONTEXT_WORDS`` content words: any earlier break cannot change the context.
    """
    reach = 256
    while True:
        lo = max(sentence_start, at - reach)
        breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(text, lo, at)]
        if breaks:
            return breaks[-1]
        if lo == sentence_start:
            return sentence_start
        if sum(1 for w in word_list(text[lo:at]) if _is_content(w)) > CONTEXT_WORDS:
            return lo
        reach *= 4


@lru_cache(maxsize=1 << 16)
def _is_content(word: str) -> bool:
    folded = fold(word)
    return folded not in STOPWORDS and not any(ch.isdigit() for ch in folded) and len(folded) > 1


def _side_matches(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= MIN_SIDE_SHARED and shared / min(len(a), len(b)) >= MIN_OVERLAP


def same_subject(a: Placed, b: Placed) -> bool:
    """Same unit; the words on one side of the number (after it: "70% *of global AI compute*"; or
    before it: "*revenue rose* 12%") mostly the same; and enough shared context words overall.
    Never two figures of one sentence."""
    fa, fb = a.figure, b.figure
    if fa.unit != fb.unit:
        return False
    if fa.document_id == fb.document_id and (a.sentence == b.sentence or fa.segment != fb.segment):
        return False
    if len(a.context & b.context) < MIN_SHARED:
        return False
    return _side_matches(a.after, b.after) or _side_matches(a.before, b.before)


def _candidate_pairs(figures: Sequence[Placed]) -> list[tuple[int, int]]:
    """Pairs (i < j) with the same unit and at least ``MIN_SHARED`` shared context words.

    ``same_subject`` demands both, so only these pairs can match; an inverted index over
    (unit, word) finds them without comparing every figure with every other one.
    """
    postings: dict[tuple[str, str], list[int]] = {}
    for index, figure in enumerate(figures):
        for word in figure.context:
            postings.setdefault((figure.figure.unit, word), []).append(index)
    postings = {key: found for key, found in postings.items() if len(found) <= MAX_POSTING}
    pairs: list[tuple[int, int]] = []
    for i, figure in enumerate(figures):
        shared: dict[int, int] = {}
        for word in figure.context:
            for j in postings.get((figure.figure.unit, word), ()):
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        pairs.extend((i, j) for j, count in sorted(shared.items()) if count >= MIN_SHARED)
    return pairs


FigureSource = Callable[[str, str], list["Figure"]]
"""(document id, text) -> its figures; consolidation passes a cache so each text is read once."""


def figure_cache() -> FigureSource:
    """A ``FigureSource`` that reads each document once: consolidation asks for a document's figures
    for its rows (``rowfigures``) and again for its story (``figure_discrepancies``)."""
    return once_per_document(find_figures)


def figure_discrepancies(
    texts: Sequence[tuple[str, str]],
    *,
    related: Callable[[str, str], bool] | None = None,
    figures_of: FigureSource | None = None,
) -> list[Discrepancy]:
    """Groups of same-subject figures with different values, across and within documents.

    ``texts`` is (document id, page_content) in input order. Figures of two documents are compared
    only when ``related`` says the documents tell the same story (all pairs when it is ``None``).
    """
    read = figures_of or find_figures
    text_of = dict(texts)
    found = [f for doc_id, text in texts for f in read(doc_id, text)]
    units = Counter(f.unit for f in found)
    figures = [placed(f, text_of[f.document_id]) for f in found if units[f.unit] > 1]
    parent = list(range(len(figures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(figures):
        a, b = figures[i].figure, figures[j].figure
        if related is not None and not related(a.document_id, b.document_id):
            continue
        if same_subject(figures[i], figures[j]):
            parent[find(j)] = find(i)
    groups: dict[int, list[Placed]] = {}
    for i, figure in enumerate(figures):
        groups.setdefault(find(i), []).append(figure)
    out: list[Discrepancy] = []
    for members in groups.values():
        if len({p.figure.value for p in members}) < 2:
            continue
        values: dict[tuple[float, str], DiscrepancyValue] = {}
        for p in members:
            f = p.figure
            q_start, q_end = sentence_span(text_of[f.document_id], f.start, f.end)
            quote = text_of[f.document_id][q_start:q_end]
            values.setdefault(
                (f.value, f.document_id), DiscrepancyValue(f.text, f.document_id, quote, q_start, q_end)
            )
        out.extend(split_by_scope("figure", _subject(members), list(values.values())))
    return out


def _subject(members: list[Placed]) -> str:
    """The context words every member shares, as the first one writes them."""
    shared = frozenset.intersection(*(f.context for f in members))
    first = members[0]
    kept = [w for w in first.context_words if stem(w) in shared] or list(first.context_words)
    label = {"percent": "share", "count": "number"}.get(first.figure.unit.split()[0], "amount")
    return f"the {label} given for “{' '.join(kept)}”"
