"""Whether two near-identical texts name the same things, so that they can be copies of one story.

Automated results stories ("Crestmere Chemicals reported a fall in quarterly revenue of 8 percent
...", the same sentences about another company) share most of their word sequences, and perhaps a
partner's name and a bot's signature, but not the company's name; a syndicated or regional copy
keeps the original's names and may add some. ``duplicates`` asks this of each pair that passes the
shingle test. Cost: one scan of each text for names, then a few set operations per pair checked.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

from briefing.consolidate._text import STOPWORDS, fold
from briefing.dates import MONTHS, WEEKDAYS

__all__ = ["NAME_SHARE", "same_names", "telling_names"]

NAME_SHARE = 0.5
"""Copies name the same people, places and organisations: names they share must carry at least
this share of the weight of the lighter document's names (see ``same_names``)."""
_NAME_RUN_RE = re.compile(r"(?=[A-Z])\b[A-Z][\w’'-]*[A-Za-z](?:\s+[A-Z][\w’'-]*[A-Za-z])*")
_NOT_NAMES = STOPWORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)
"""Words that are no name on their own, nor at the head of one ("The", "Friday")."""


def _names(text: str) -> frozenset[str]:
    """The names in ``text``, case-folded: runs of capitalised words ("Crestmere Chemicals"), and
    single ones that do not open a sentence ("Analysts said" is no name); leading stopwords ("The")
    and lone stopwords, months and weekdays left out."""
    found: set[str] = set()
    for m in _NAME_RUN_RE.finditer(text):
        run, at = m.group(), m.start()
        words = run.split()
        opens = (
            at == 0
            or text[at - 1] == "\n"
            or (at > 1 and text[at - 2] in '.!?:"“' and text[at - 1].isspace())
        )
        if opens and len(words) == 1:
            continue
        folded = [_folded(w) for w in words]
        while folded and folded[0] in _NOT_NAMES:
            folded.pop(0)
        if folded:
            found.add(" ".join(folded))
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return fold(word)


def telling_names(texts: Sequence[str]) -> tuple[list[frozenset[str]], dict[str, float]]:
    """Each text's names, and each name's weight, ``log(1 + N / df)`` over the ``N`` texts (the
    inverse document frequency of Sparck Jones, 1972, smoothed so that a name in every document of
    a small corpus still counts). A name in many documents (a bot's signature, a partner every
    results story mentions) says little about which documents are copies of which."""
    found = [_names(text) for text in texts]
    frequency = Counter(name for names in found for name in names)
    return found, {name: math.log1p(len(texts) / df) for name, df in frequency.items()}


def same_names(a: frozenset[str], b: frozenset[str], weight: Mapping[str, float]) -> bool:
    """Do two documents name the same things? Template stories ("Whitby Water reported a fall in
    quarterly revenue of 8 percent ...", the same sentences about another company) share most of
    their word sequences, and perhaps a partner's name, but not the company's; a copy keeps the
    original's names and may add some (a regional copy's local paragraph). The shared names must
    carry ``NAME_SHARE`` of the weight of the lighter document's names. Documents without names
    are not held to this."""
    if not a or not b:
        return True
    shared = sum(weight[n] for n in a & b)
    return shared >= NAME_SHARE * min(sum(weight[n] for n in a), sum(weight[n] for n in b))
