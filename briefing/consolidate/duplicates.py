"""Recognise syndicated copies and lightly edited copies of one article (MinHash LSH, then exact check).

Two documents are copies when their sets of 3-word shingles (of case-folded words, so punctuation,
markup and spacing do not matter) overlap by Jaccard >= 0.6, or when one is mostly contained in the
other (containment >= 0.5 of the smaller set): a regional copy with its own headline, byline and a
local paragraph is still mostly the same shingles. Containment needs a minimum size, or a one-line
document would count as a copy of every article that quotes its line.

Candidates come from two routes; only candidate pairs are checked exactly. No step compares all
pairs, so the cost grows with the number of documents, not its square.

``datasketch.MinHashLSH`` (locality-sensitive hashing over MinHash signatures, Broder 1997;
Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3) with a lower threshold than
the decision finds documents that are nearly the same throughout. But LSH finds a pair only with a
probability, so a lightly edited copy near its threshold (a regional copy with its own headline,
byline and a local paragraph: Jaccard 0.35, containment 0.65) would be found or missed by the luck
of the hash. The second route is deterministic: *winnowing* (Schleimer, Wilkerson and Aiken,
"Winnowing: local algorithms for document fingerprinting", SIGMOD 2003, the method of MOSS) keeps
the smallest shingle hash of every window of ``WINNOW_WINDOW`` consecutive shingles. Any run of
``WINNOW_WINDOW + SHINGLE_WORDS - 1`` words two documents share yields a fingerprint they share,
whatever the hashes are, so a copy that keeps whole paragraphs always shares many. Documents that
share at least ``MIN_SHARED_FINGERPRINTS`` fingerprints, and a ``MIN_FINGERPRINT_SHARE`` of the
smaller document's, are candidates too. A fingerprint that more than ``MAX_POSTING`` documents hold
(boilerplate, or a story syndicated very widely) counts only for each holder and the next one in
input order, so this route stays linear as well and a wide syndicate is still chained together.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH
from langchain_core.documents import Document
from numpy.lib.stride_tricks import sliding_window_view

from briefing.consolidate._text import document_id, fold, word_list

SHINGLE_WORDS = 3
"""Short shingles: a light edit every few words (a regional copy's rewording) breaks fewer of them."""
THRESHOLD = 0.6
CONTAINMENT = 0.5
MIN_SHINGLES_FOR_CONTAINMENT = 40
CANDIDATE_THRESHOLD = 0.45
"""LSH threshold for candidates: below ``THRESHOLD`` so that near misses are still candidates.
Copies with extra paragraphs (Jaccard 0.3-0.6, containment high) are the fingerprint route's job;
a lower threshold here made most pairs of outlets retelling one story candidates, for nothing."""
NUM_PERM = 64
WINNOW_WINDOW = 4
MIN_SHARED_FINGERPRINTS = 4
MIN_FINGERPRINT_SHARE = 0.4
"""Below ``CONTAINMENT`` (0.5 of the shingles) with a margin: the share of fingerprints a copy
keeps follows the share of shingles it keeps, a little lower where an edit cuts a window."""
MAX_POSTING = 20
_TEMPLATE = MinHash(num_perm=NUM_PERM)
_PERMUTATIONS = _TEMPLATE.permutations
"""Drawn once (seeded): datasketch would otherwise redraw them for every document."""


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float


def shingles(text: str, *, k: int = SHINGLE_WORDS) -> frozenset[int]:
    """Stable 32-bit hashes of every run of ``k`` consecutive words (all words if fewer)."""
    return frozenset(shingle_sequence(text, k=k).tolist())


_MASK = np.uint64(0xFFFFFFFF)


def _fmix32(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """MurmurHash3's 32-bit finaliser (Appleby, public domain), vectorised: spreads every bit."""
    h = h ^ (h >> np.uint64(16))
    h = (h * np.uint64(0x85EBCA6B)) & _MASK
    h = h ^ (h >> np.uint64(13))
    h = (h * np.uint64(0xC2B2AE35)) & _MASK
    return h ^ (h >> np.uint64(16))


def shingle_sequence(text: str, *, k: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """The shingle hashes of ``text`` in reading order (see ``shingles``).

    Each case-folded word is hashed once (CRC-32, stable across runs); a shingle's hash combines
    its ``k`` word hashes in order and mixes the result, all in numpy rather than per shingle.
    """
    tokens = word_list(fold(text))  # folding the text once, not word by word
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    if len(tokens) < k:
        return np.array([zlib.crc32(" ".join(tokens).encode())], dtype=np.uint64)
    seen: dict[str, int] = {}
    ids = np.array(
        [seen.get(t) or seen.setdefault(t, zlib.crc32(t.encode())) for t in tokens], dtype=np.uint64
    )
    count = len(tokens) - k + 1
    h = ids[:count].copy()
    for i in range(1, k):
        h = ((h * np.uint64(0x9E3779B1)) & _MASK) ^ ids[i : i + count]
    return _fmix32(h)


def winnow(hashes: npt.NDArray[np.uint64], *, window: int = WINNOW_WINDOW) -> frozenset[int]:
    """The fingerprints of a document: the smallest hash of each window of ``window`` shingles."""
    if len(hashes) <= window:
        return frozenset(hashes.tolist())
    return frozenset(sliding_window_view(hashes, window).min(axis=1).tolist())


def fingerprint_candidates(prints: Sequence[frozenset[int]]) -> set[tuple[int, int]]:
    """Pairs (i < j) sharing enough fingerprints (see the module docstring); an inverted index."""
    postings: dict[int, list[int]] = {}
    for i, found in enumerate(prints):
        for value in found:
            postings.setdefault(value, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, found in enumerate(prints):
        shared: dict[int, int] = {}
        for value in found:
            holders = postings[value]
            if len(holders) > MAX_POSTING:  # boilerplate, or a big syndicate: each holder and the next
                k = bisect_left(holders, i) + 1
                holders = holders[k : k + 1]
            for j in holders:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            smaller = min(len(found), len(prints[j]))
            if count >= min(MIN_SHARED_FINGERPRINTS, smaller) and count >= MIN_FINGERPRINT_SHARE * smaller:
                pairs.add((i, j))
    return pairs


def similarity(a: frozenset[int], b: frozenset[int]) -> Similarity:
    """Exact Jaccard and containment (of the smaller set, if it is big enough) of two shingle sets."""
    if not a or not b:
        return Similarity(0.0, 0.0)
    common = len(a & b) if len(a) <= len(b) else len(b & a)
    containment = common / min(len(a), len(b)) if min(len(a), len(b)) >= MIN_SHINGLES_FOR_CONTAINMENT else 0.0
    return Similarity(common / (len(a) + len(b) - common), containment)


def _identity(value: int) -> int:
    return value


def find_duplicates(documents: Sequence[Document], *, threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's document id to the id of the original (see the module docstring).

    Copies are grouped (a copy of a copy belongs to the same group); each group's original is the
    earliest published, then the first seen (input order); every other member maps to it.
    """
    ids = [document_id(d) for d in documents]
    sequences = [shingle_sequence(d.page_content) for d in documents]
    sets = [frozenset(found.tolist()) for found in sequences]
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[int, MinHash] = {}
    for i, found in enumerate(sets):
        if not found:
            continue
        signature = MinHash(
            num_perm=NUM_PERM, hashfunc=_identity, permutations=_PERMUTATIONS, scheme=_TEMPLATE.scheme
        )
        signature.update_batch(sorted(found))  # sorted: the same signature whatever the set order
        signatures[i] = signature
        lsh.insert(str(i), signature)
    candidates = fingerprint_candidates([winnow(found) for found in sequences])
    del sequences
    for i, signature in signatures.items():
        candidates.update((i, j) for key in lsh.query(signature) if (j := int(key)) > i)
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidates):
        if ids[i] == ids[j]:
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
