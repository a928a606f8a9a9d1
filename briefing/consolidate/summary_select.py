"""What matters most across sources: lead stories, central parties and central statements.

- **Independent sources.** A syndicated or lightly edited copy (``copy_of``) is a source but not
  corroboration: a row's sources count once per original (the root of each ``copy_of`` chain).
- **Lead stories** are the rows reported by the most independent sources (then by how central
  their parties are).
- **Central parties** are the organisations in the most rows, weighed by the independent sources
  behind those rows.
- **Central statements.** For a story, the candidates are the verified source sentences of its
  documents that name one of its parties: each document's summary sentences and key points and
  the row's own sentence-long quotes. LexRank (``sumy``, Erkan & Radev 2004: centrality in a
  graph of TF-IDF cosine similarity) picks the most central one, i.e. the statement the sources
  most agree in wording on. LexRank builds an all-pairs matrix, so it only ever sees a bounded
  set: at most ``MAX_CANDIDATES`` per story, pre-ranked by a linear centroid score (how many of
  the candidate documents use each word), and only for the few stories the summary shows. The cost
  of the whole step is linear in the number of candidate sentences, never quadratic in the corpus.

Candidates that quote one side of a disagreement are left out, so a central statement never
repeats a disputed value as if it were settled.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.consolidate._text import content_stems, fold, words
from briefing.consolidate.summary_disputes import overlaps_dispute
from briefing.models import Evidence, Partnership
from briefing.names import find_name

MAX_CANDIDATES = 30
"""Candidates one LexRank run sees: 30 x 30 similarities, whatever the size of the corpus."""
MIN_WORDS, MAX_WORDS = 8, 60
"""A statement reads as a sentence of its own: not a fragment, not a paragraph."""
MAX_CENTRAL_PARTIES = 3


@dataclass(frozen=True, slots=True)
class Story:
    """A row with its corroboration: ``independent`` originals, ``copies`` copies among its sources."""

    partnership: Partnership
    independent: int
    copies: int


def root_of(document_id: str, copy_of: Mapping[str, str]) -> str:
    """The original a document copies (following chains, safe against cycles)."""
    seen = {document_id}
    current = document_id
    while (nxt := copy_of.get(current)) is not None and nxt not in seen:
        seen.add(nxt)
        current = nxt
    return current


def story_of(p: Partnership, copy_of: Mapping[str, str]) -> Story:
    roots = {root_of(s, copy_of) for s in p.sources}
    return Story(p, len(roots), len(p.sources) - len(roots))


def lead_stories(partnerships: Sequence[Partnership], copy_of: Mapping[str, str]) -> list[Story]:
    """Rows ranked for the summary: most independent sources, then most central parties, then date."""
    weight = Counter(party for p in partnerships for party in p.parties)
    stories = [story_of(p, copy_of) for p in partnerships]
    return sorted(
        stories,
        key=lambda s: (
            -s.independent,
            -sum(weight[x] for x in s.partnership.parties),
            -len(s.partnership.sources),
            s.partnership.parties,
            s.partnership.id,
        ),
    )


@dataclass(frozen=True, slots=True)
class CentralParty:
    name: str
    rows: tuple[Partnership, ...]
    independent: int
    """Independent sources behind all of its rows together."""


def central_parties(
    partnerships: Sequence[Partnership], copy_of: Mapping[str, str]
) -> tuple[list[CentralParty], list[str]]:
    """(central parties, most central first; every other party, alphabetically).

    A party is central when it is in more than one row (ranked by the independent sources behind
    its rows, then by rows): at most ``MAX_CENTRAL_PARTIES``. When no party is in two rows there is
    no central party (a party of one agreement is not central), and every party is an "other".
    """
    rows: dict[str, list[Partnership]] = {}
    for p in partnerships:
        for party in p.parties:
            rows.setdefault(party, []).append(p)
    ranked = sorted(
        (
            CentralParty(name, tuple(ps), len({root_of(s, copy_of) for p in ps for s in p.sources}))
            for name, ps in rows.items()
        ),
        key=lambda c: (-c.independent, -len(c.rows), c.name),
    )
    if not ranked:
        return [], []
    central = [c for c in ranked if len(c.rows) > 1][:MAX_CENTRAL_PARTIES]
    names = {c.name for c in central}
    return central, sorted(n for n in rows if n not in names)


def candidates_for(
    p: Partnership,
    by_document: Mapping[str, Sequence[Evidence]],
    disputed: Mapping[str, Sequence[tuple[int, int]]],
) -> list[Evidence]:
    """Sentence-long verified quotes from ``p``'s sources that name one of its parties."""
    forms = dict(p.aliases)
    names = [n for party in p.parties for n in (party, *forms.get(party, ()))]
    pool = [*(ev for _f, ev in p.evidence), *(ev for s in p.sources for ev in by_document.get(s, ()))]
    out: dict[tuple[str, int, int], Evidence] = {}
    for ev in pool:
        key = (ev.document_id, ev.start, ev.end)
        if key in out or not reads_as_sentence(ev.quote):
            continue
        if overlaps_dispute(ev.document_id, ev.start, ev.end, disputed):
            continue
        if any(find_name(n, ev.quote) for n in names):
            out[key] = ev
    return list(out.values())


def reads_as_sentence(quote: str) -> bool:
    text = quote.strip()
    n = len(words(text))
    return MIN_WORDS <= n <= MAX_WORDS and text[:1].isupper() and text[-1:] in ".!?”\"'’"


def most_central(candidates: Sequence[Evidence], *, count: int = 1) -> list[Evidence]:
    """The ``count`` most central candidates, in candidate order (deterministic)."""
    if len(candidates) <= count:
        return list(candidates)
    shortlist = _centroid_shortlist(candidates, MAX_CANDIDATES)
    chosen = _lexrank(shortlist, count)
    return [ev for i, ev in enumerate(shortlist) if i in chosen]


def _centroid_shortlist(candidates: Sequence[Evidence], limit: int) -> list[Evidence]:
    """Top ``limit`` by how many candidate documents share each word (linear; order kept on ties)."""
    stems = [set(content_stems(ev.quote)) for ev in candidates]
    per_document: dict[str, set[str]] = {}
    for words_of, ev in zip(stems, candidates, strict=True):
        per_document.setdefault(ev.document_id, set()).update(words_of)
    document_frequency: Counter[str] = Counter()
    for found in per_document.values():
        document_frequency.update(found)
    scores = [sum(document_frequency[w] for w in s) / math.sqrt(len(s) or 1) for s in stems]
    keep = sorted(range(len(candidates)), key=lambda i: (-scores[i], i))[:limit]
    return [candidates[i] for i in sorted(keep)]


class _Tokenizer:
    """The word splitter sumy asks for (``to_words``); the package's own, so no NLTK data is needed."""

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(fold(w) for w, _s, _e in words(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return (text,)


def _lexrank(candidates: Sequence[Evidence], count: int) -> set[int]:
    """Indexes of the ``count`` most central candidates by LexRank (sumy; English stems, stop words)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _Tokenizer()
    sentences = [Sentence(" ".join(ev.quote.split()), tokenizer) for ev in candidates]
    summarizer: Any = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    best = summarizer(ObjectDocumentModel([Paragraph(sentences)]), count)
    picked = {id(s) for s in best}
    return {i for i, s in enumerate(sentences) if id(s) in picked}
