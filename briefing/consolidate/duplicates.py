"""Recognise syndicated and near-duplicate documents by word shingles.

Two documents are copies when their sets of 5-word shingles (of case-folded words, so punctuation,
markup and spacing do not matter) overlap by Jaccard >= 0.6, or when one is mostly contained in the
other (containment >= 0.6 of the smaller set): a syndicated copy with its own boilerplate, headline
or footer is still mostly the same shingles. Containment needs a minimum size, or a one-line
document would count as a copy of every article that quotes its line.

Plain sets of hashed shingles, pairwise: O(n^2) set operations, quick for a few hundred documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from briefing.consolidate._text import document_id, fold, words

SHINGLE_WORDS = 5
THRESHOLD = 0.6
MIN_SHINGLES_FOR_CONTAINMENT = 20


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float


def shingles(text: str, *, k: int = SHINGLE_WORDS) -> frozenset[int]:
    """Hashes of every run of ``k`` consecutive words (all words if there are fewer)."""
    tokens = [fold(w) for w, _s, _e in words(text)]
    if not tokens:
        return frozenset()
    if len(tokens) < k:
        return frozenset({hash(tuple(tokens))})
    return frozenset(hash(tuple(tokens[i : i + k])) for i in range(len(tokens) - k + 1))


def similarity(a: frozenset[int], b: frozenset[int]) -> Similarity:
    if not a or not b:
        return Similarity(0.0, 0.0)
    common = len(a & b)
    containment = common / min(len(a), len(b)) if min(len(a), len(b)) >= MIN_SHINGLES_FOR_CONTAINMENT else 0.0
    return Similarity(common / len(a | b), containment)


def find_duplicates(documents: Sequence[Document], *, threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's document id to the id of the document it copies.

    Copies are grouped (a copy of a copy belongs to the same story); each group's original is the
    earliest published, then the longest, then the first in input order; every other member maps
    to it.
    """
    ids = [document_id(d) for d in documents]
    sets = [shingles(d.page_content) for d in documents]
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(documents)):
        for j in range(i + 1, len(documents)):
            if not sets[i] or not sets[j] or ids[i] == ids[j]:
                continue
            sim = similarity(sets[i], sets[j])
            if sim.jaccard >= threshold or sim.containment >= threshold:
                parent[find(j)] = find(i)

    def rank(i: int) -> tuple[str, int, int]:
        published = str(documents[i].metadata.get("published") or "9999-99-99")
        return (published, -len(sets[i]), i)

    groups: dict[int, list[int]] = {}
    for i in range(len(documents)):
        groups.setdefault(find(i), []).append(i)
    result: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=rank)
        for i in members:
            if i != original:
                result[ids[i]] = ids[original]
    return result
