"""Recognise syndicated copies and lightly edited copies of one article (MinHash LSH, then exact check).

Two documents are copies when their sets of 3-word shingles (of case-folded words, so punctuation,
markup and spacing do not matter) overlap by Jaccard >= 0.6, or when one is mostly contained in the
other (containment >= 0.5 of the smaller set): a regional copy with its own headline, byline and a
local paragraph is still mostly the same shingles. Containment needs a minimum size, or a one-line
document would count as a copy of every article that quotes its line. And copies name the same
things (``copy_names``): template stories about different companies share their word sequences,
not their names.

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

import operator
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from langchain_core.documents import Document
from numpy.lib.stride_tricks import sliding_window_view

if TYPE_CHECKING:
    from datasketch import MinHash

from briefing.consolidate._text import document_id, fold, word_list
from briefing.consolidate.copy_names import same_names, telling_names

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
MAX_LSH_CANDIDATES = 100
"""LSH candidates checked per document at most (its nearest by signature): see ``_nearest``."""


@cache
def _template() -> MinHash:
    """A MinHash whose (seeded) permutations every signature shares: datasketch would otherwise
    redraw them for every document. datasketch is imported here, on first use, because it pulls in
    scipy (half a second) and most commands never look for copies."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM)


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float


def shingles(text: str, *, k: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """The set of stable 32-bit hashes of every run of ``k`` consecutive words (all words if
    fewer), as a sorted array without repeats."""
    return np.unique(shingle_sequence(text, k=k))


_MASK = np.uint64(0xFFFFFFFF)


def _fmix32(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """MurmurHash3's 32-bit finaliser (Appleby, public domain), vectorised: spreads every bit."""
    h = h ^ (h >> np.uint64(16))
    h = (h * np.uint64(0x85EBCA6B)) & _MASK
    h = h ^ (h >> np.uint64(13))
    h = (h * np.uint64(0xC2B2AE35)) & _MASK
    return h ^ (h >> np.uint64(16))


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    """CRC-32 of a word: stable across runs (unlike ``hash``), computed once per distinct word."""
    return zlib.crc32(word.encode())


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
    ids = np.fromiter(map(_word_hash, tokens), dtype=np.uint64, count=len(tokens))
    count = len(tokens) - k + 1
    h = ids[:count].copy()
    for i in range(1, k):
        h = ((h * np.uint64(0x9E3779B1)) & _MASK) ^ ids[i : i + count]
    return _fmix32(h)


def winnow(hashes: npt.NDArray[np.uint64], *, window: int = WINNOW_WINDOW) -> npt.NDArray[np.uint64]:
    """The fingerprints of a document, sorted and unique: the smallest hash of each window of
    ``window`` shingles."""
    if len(hashes) <= window:
        return np.unique(hashes)
    return np.unique(sliding_window_view(hashes, window).min(axis=1))


def fingerprint_candidates(prints: Sequence[npt.NDArray[np.uint64]]) -> set[tuple[int, int]]:
    """Pairs (i < j) sharing enough fingerprints (see the module docstring).

    ``prints[i]`` holds document ``i``'s fingerprints without repeats. An inverted index, built in
    numpy: the (fingerprint, document) pairs are sorted by fingerprint, each fingerprint's holders
    (at most ``MAX_POSTING``) pair up, a wider posting pairs each holder with the next, and the
    pairs' shared fingerprints are counted. The work is linear in the number of fingerprints.
    """
    if not prints:
        return set()
    sizes = np.array([len(p) for p in prints], dtype=np.int64)
    values = np.concatenate([np.asarray(p, dtype=np.uint64) for p in prints])
    holders = np.repeat(np.arange(len(prints), dtype=np.int64), sizes)
    order = np.lexsort((holders, values))  # by fingerprint, then by document
    values, holders = values[order], holders[order]
    first = np.ones(len(values), dtype=bool)
    first[1:] = values[1:] != values[:-1]
    group = np.cumsum(first) - 1
    group_size = np.bincount(group)[group]
    shared = group_size > 1  # a fingerprint only one document holds pairs nothing
    group, group_size, holders = group[shared], group_size[shared], holders[shared]
    codes: list[npt.NDArray[np.int64]] = []
    n = np.int64(len(prints))
    widest = int(group_size[group_size <= MAX_POSTING].max(initial=1))
    for step in range(1, max(2, widest)):
        same = group[step:] == group[:-step]
        keep = same if step == 1 else same & (group_size[:-step] <= MAX_POSTING)  # wide: next only
        codes.append(holders[:-step][keep] * n + holders[step:][keep])
    if not codes:
        return set()
    pairs, counts = np.unique(np.concatenate(codes), return_counts=True)
    first_doc, second_doc = pairs // n, pairs % n
    smaller = np.minimum(sizes[first_doc], sizes[second_doc])
    enough = (counts >= np.minimum(MIN_SHARED_FINGERPRINTS, smaller)) & (
        counts >= MIN_FINGERPRINT_SHARE * smaller
    )
    return set(zip(first_doc[enough].tolist(), second_doc[enough].tolist(), strict=True))


def similarity(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> Similarity:
    """Exact Jaccard and containment (of the smaller set, if it is big enough) of two shingle sets,
    each a sorted array without repeats (``shingles``)."""
    if not len(a) or not len(b):
        return Similarity(0.0, 0.0)
    common = len(np.intersect1d(a, b, assume_unique=True))
    containment = common / min(len(a), len(b)) if min(len(a), len(b)) >= MIN_SHINGLES_FOR_CONTAINMENT else 0.0
    return Similarity(common / (len(a) + len(b) - common), containment)


def _nearest(signature: MinHash, found: list[int], signatures: Mapping[int, MinHash]) -> list[int]:
    """The ``MAX_LSH_CANDIDATES`` of ``found`` whose signatures agree most with ``signature`` (all
    of them when there are no more). LSH returns every document in a shared bucket; when thousands of
    documents are near each other (one press release run by every outlet) checking them all would
    be the all-pairs comparison again. Each document's nearest ones chain the group together."""
    if len(found) <= MAX_LSH_CANDIDATES:
        return found
    others = np.stack([signatures[j].hashvalues for j in found])
    agree = (others == signature.hashvalues).sum(axis=1)
    order = np.argsort(-agree, kind="stable")[:MAX_LSH_CANDIDATES]  # ties: input order, so deterministic
    return [found[k] for k in order.tolist()]


def find_duplicates(documents: Sequence[Document], *, threshold: float = THRESHOLD) -> dict[str, str]:
    """Map each copy's document id to the id of the original (see the module docstring).

    Copies are grouped (a copy of a copy belongs to the same group); each group's original is the
    earliest published, then the first seen (input order); every other member maps to it.
    """
    ids = [document_id(d) for d in documents]
    sequences = [shingle_sequence(d.page_content) for d in documents]
    sets = [np.unique(found) for found in sequences]
    from datasketch import MinHash, MinHashLSH

    template = _template()
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[int, MinHash] = {}
    for i, found in enumerate(sets):
        if not len(found):
            continue
        signature = MinHash(  # the shingles are hashes already: the hash function passes them on, in C
            num_perm=NUM_PERM,
            hashfunc=operator.index,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        signature.update_batch(found.tolist())
        signatures[i] = signature
        lsh.insert(str(i), signature)
    candidates = fingerprint_candidates([winnow(found) for found in sequences])
    del sequences
    for i, signature in signatures.items():
        later = [j for key in lsh.query(signature) if (j := int(key)) > i]
        candidates.update((i, j) for j in _nearest(signature, later, signatures))
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    names, weight = telling_names([d.page_content for d in documents])

    for i, j in sorted(candidates):
        if ids[i] == ids[j] or find(i) == find(j):
            continue  # already one group: checking the pair again could change nothing
        sim = similarity(sets[i], sets[j])
        if (sim.jaccard >= threshold or sim.containment >= CONTAINMENT) and same_names(
            names[i], names[j], weight
        ):
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
