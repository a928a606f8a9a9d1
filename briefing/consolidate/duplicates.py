"""Recognise syndicated copies and lightly edited copies of one article (MinHash LSH, then exact check).

Two documents are copies when their sets of 3-word shingles (of case-folded words, so punctuation,
markup and spacing do not matter) overlap by Jaccard >= 0.6, or when one is mostly contained in the
other (containment >= 0.5 of the smaller set): a regional copy with its own headline, byline and a
local paragraph is still mostly the same shingles. Containment needs a minimum size, or a one-line
document would count as a copy of every article that quotes its line.

Candidates come from ``datasketch.MinHashLSH`` (locality-sensitive hashing over MinHash signatures,
Broder 1997; Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3) with a lower
threshold than the decision, so near misses are still candidates; only candidate pairs are checked
exactly. No step compares all pairs, so the cost grows with the number of documents, not its square.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH
from langchain_core.documents import Document

from briefing.consolidate._text import document_id, fold, words

SHINGLE_WORDS = 3
"""Short shingles: a light edit every few words (a regional copy's rewording) breaks fewer of them."""
THRESHOLD = 0.6
CONTAINMENT = 0.5
MIN_SHINGLES_FOR_CONTAINMENT = 40
CANDIDATE_THRESHOLD = 0.3
"""LSH threshold for candidates: well below ``THRESHOLD`` so that copies with extra paragraphs
(Jaccard 0.4-0.6, containment high) are still candidates."""
NUM_PERM = 128


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float


def shingles(text: str, *, k: int = SHINGLE_WORDS) -> frozenset[int]:
    """Stable 32-bit hashes (CRC-32) of every run of ``k`` consecutive words (all words if fewer)."""
    tokens = [fold(w) for w, _s, _e in words(text)]
    if not tokens:
        return frozenset()
    if len(tokens) < k:
        return frozenset({zlib.crc32(" ".join(tokens).encode())})
    return frozenset(zlib.crc32(" ".join(tokens[i : i + k]).encode()) for i in range(len(tokens) - k + 1))


def similarity(a: frozenset[int], b: frozenset[int]) -> Similarity:
    """Exact Jaccard and containment (of the smaller set, if it is big enough) of two shingle sets."""
    if not a or not b:
        return Similarity(0.0, 0.0)
    common = len(a & b)
    containment = common / min(len(a), len(b)) if min(len(a), len(b)) >= MIN_SHINGLES_FOR_CONTAINMENT else 0.0
    return Similarity(common / len(a | b), containment)


def _identity(value: int) -> int:
    return value


def find_duplicates(documents: Sequence[Document], *, threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's document id to the id of the original (see the module docstring).

    Copies are grouped (a copy of a copy belongs to the same group); each group's original is the
    earliest published, then the first seen (input order); every other member maps to it.
    """
    ids = [document_id(d) for d in documents]
    sets = [shingles(d.page_content) for d in documents]
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[int, MinHash] = {}
    for i, found in enumerate(sets):
        if not found:
            continue
        signature = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
        signature.update_batch(sorted(found))
        signatures[i] = signature
        lsh.insert(str(i), signature)
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, signature in signatures.items():
        for key in lsh.query(signature):
            j = int(key)
            if j <= i or ids[i] == ids[j]:
                continue
            sim = similarity(sets[i], sets[j])
            if sim.jaccard >= threshold or sim.containment >= CONTAINMENT:
                parent[find(j)] = find(i)

    def rank(i: int) -> tuple[str, int]:
        return (str(documents[i].metadata.get("published") or "9999-99-99"), i)

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
