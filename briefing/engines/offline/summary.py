"""Choose the sentences that summarise a document, and the key points after them.

Extractive on purpose: the offline engine shows only sentences copied from the source, so a
summary is a choice, not a rewrite. Scores reward what a lead paragraph does (early position,
words from the title, an agreement, named organisations, a date) and punish what reads badly out
of context (questions, pure quotations, fragments, links, sentences that open with "It"/"This").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from heapq import heapify, heappop, heappush
from typing import NamedTuple

from briefing.dates import find_dates
from briefing.engines.offline.orgs_words import words_of
from briefing.engines.offline.sentences import Sentence, has_verb
from briefing.models import DraftField, Span
from briefing.vocabulary import Trigger, find_kinds

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOP = words_of(
    """
    the a an and or but of for to in on at by with from as is are was were be been has have had
    its it this that these those their they we our will would can could new now also into over
    after about than more most not no its
    """
)
_DANGLING_START = words_of(
    """
    it this that these those they he she but and so however such
    """
)
_QUOTE_CHARS = '"“”'


@dataclass(frozen=True, slots=True)
class Choice:
    summary: tuple[DraftField, ...]
    key_points: tuple[DraftField, ...]


def choose(
    sentences: Sequence[Sentence],
    *,
    title: str | None,
    org_counts: dict[int, int],
    kinds: Mapping[int, Sequence[Trigger]] | None = None,
) -> Choice:
    """2-4 summary sentences and 3-5 further key points, each in document order.

    ``org_counts`` maps a sentence index to how many organisations it names; ``kinds`` to its
    agreement phrases (``find_kinds`` of its text), when the caller has read them.
    """
    candidates = [s for s in sentences if _usable(s)]
    title_words = _content(title or "")
    contents = {s.index: _content(s.text) for s in candidates}  # read once: scores and repeats use them
    scored = [
        _Scored(*_scores(s, rank, title_words, org_counts.get(s.index, 0), contents[s.index], kinds), s)
        for rank, s in enumerate(candidates)
    ]
    dated: dict[int, bool] = {}  # whether a sentence mentions a date, read only when its rank needs it
    n_summary = 2 if len(candidates) <= 4 else 4 if len(candidates) >= 25 else 3
    summary = _pick(scored, dated, n_summary, allow_bullets=False, taken=[], contents=contents)
    n_points = 5 if len(candidates) >= 15 else 3 if len(candidates) < 10 else 4
    points = _pick(scored, dated, n_points, allow_bullets=True, taken=summary, contents=contents)
    return Choice(_fields(summary), _fields(points))


class _Scored(NamedTuple):
    undated: float
    """The score of a sentence that mentions no date."""
    dated: float
    """The score of the same sentence if it mentions one (never lower)."""
    sentence: Sentence


def _ranked(
    scored: list[_Scored], dated: dict[int, bool], *, allow_bullets: bool, skip: Callable[[Sentence], bool]
) -> Iterator[Sentence]:
    """The candidates by score, highest first, then in document order, without those ``skip``
    refuses (``skip`` must stay true for a sentence once it is true).

    Finding dates is the costly part of a score, and only the top few candidates are ever taken,
    so a candidate enters ranked by its score as if dated (an upper bound) and its dates are read
    only when it reaches the top; it then goes back with its true score. The order is exactly that
    of sorting by true score: an entry leaves only when its true key is the smallest left. A
    candidate refused when it reaches the top would be refused later too, so it is dropped unread.
    """
    heap: list[tuple[float, int, bool, _Scored]] = []
    for item in scored:
        penalty = 0 if allow_bullets or item.sentence.kind != "bullet" else 1.0
        heap.append((-(item.dated - penalty), item.sentence.index, False, item))
    heapify(heap)
    while heap:
        _, index, exact, item = heappop(heap)
        if exact:
            yield item.sentence
            continue
        if skip(item.sentence):
            continue
        if index not in dated:
            dated[index] = bool(find_dates(item.sentence.text))
        if dated[index]:
            yield item.sentence  # its upper bound was its true score
            continue
        penalty = 0 if allow_bullets or item.sentence.kind != "bullet" else 1.0
        heappush(heap, (-(item.undated - penalty), index, True, item))


def _usable(s: Sentence) -> bool:
    return (
        s.kind in ("prose", "bullet")
        and not s.is_question
        and s.words >= 5
        and has_verb(s.text)
        and not s.text.endswith(":")
    )


def _scores(
    s: Sentence,
    rank: int,
    title_words: set[str],
    orgs: int,
    words: set[str],
    kinds: Mapping[int, Sequence[Trigger]] | None,
) -> tuple[float, float]:
    """How well ``s`` leads a summary, without and with a date mentioned (+0.5); ``words`` are
    its content words (``_content``). Both sums are taken in one order, term by term."""
    n_words = s.words
    head = 2.0 / (1 + 0.25 * rank)
    if title_words:
        head += 3.0 * len(words & title_words) / len(title_words)
    head += 1.0 if (find_kinds(s.text) if kinds is None else kinds[s.index]) else 0.0
    head += 0.5 * min(orgs, 2)
    opening = s.text.split(maxsplit=1)
    first = opening[0].lower().strip(_QUOTE_CHARS + "(") if opening else ""
    penalties = (
        1.5 if _quote_dominated(s.text) else 0.0,
        1.0 if n_words < 8 else 0.0,
        1.0 if n_words > 45 else 0.0,
        1.5 if n_words > 70 else 0.0,
        2.0 if "](" in s.text or "http" in s.text else 0.0,
        1.0 if s.text.startswith("(") else 0.0,
        0.75 if first in _DANGLING_START else 0.0,
    )
    out = []
    for date_term in (0.0, 0.5):
        score = head + date_term
        for penalty in penalties:
            score -= penalty
        out.append(score)
    return out[0], out[1]


def _pick(
    scored: list[_Scored],
    dated: dict[int, bool],
    n: int,
    *,
    allow_bullets: bool,
    taken: list[Sentence],
    contents: dict[int, set[str]],
) -> list[Sentence]:
    """The ``n`` best candidates that are not ``taken`` and repeat none of those (in document order)."""
    chosen: list[Sentence] = []

    def refused(s: Sentence) -> bool:  # stays true once true: ``chosen`` only grows
        return any(s.index == t.index for t in taken) or _repeats(s, [*taken, *chosen], contents)

    ranked = _ranked(scored, dated, allow_bullets=allow_bullets, skip=refused)
    while len(chosen) < n:
        s = next(ranked, None)
        if s is None:
            break
        if refused(s):
            continue
        chosen.append(s)
    return sorted(chosen, key=lambda s: s.index)


def _repeats(s: Sentence, others: list[Sentence], contents: dict[int, set[str]]) -> bool:
    """Syndicated and FAQ-style text repeats itself; a near-copy adds nothing."""
    words = contents[s.index]
    for o in others:
        theirs = contents[o.index]
        if words and theirs and len(words & theirs) / len(words | theirs) > 0.6:
            return True
    return False


def _quote_dominated(text: str) -> bool:
    stripped = text.lstrip()
    if stripped[:1] in '"“':
        return True
    inside = sum(len(m.group()) for m in re.finditer(r"[\"“][^\"“”]*[\"”]", text))
    return inside > 0.5 * len(text)


def _content(text: str) -> set[str]:
    return {w.lower().strip("'’") for w in _WORD_RE.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _fields(sentences: list[Sentence]) -> tuple[DraftField, ...]:
    return tuple(DraftField(s.text, s.text, Span(s.start, s.end)) for s in sentences)
