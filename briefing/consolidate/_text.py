"""Small text helpers shared by the consolidation rules: words, stems, sentences and quote spans.

Every rule that scans ``page_content`` needs the same notion of "the words around this place" and
"the sentence this sits in"; keeping them here keeps the rules comparable with one another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from langchain_core.documents import Document

from briefing.sentences import sentence_around

STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "around",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "approximately",
        "roughly",
        "nearly",
        "almost",
        "some",
        "per",
        "cent",
        "percent",
        "said",
        "says",
        "told",
    ]
)
"""Function words (and hedges such as "about"/"around") that say nothing about a figure's subject."""

_WORD_RE = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*", re.UNICODE)


def document_id(document: Document) -> str:
    """The document id the rest of the pipeline uses (metadata ``id``, else ``Document.id``)."""
    return str(document.metadata.get("id") or document.id or "")


def fold(text: str) -> str:
    """NFKC, straight apostrophes and casefold: the form two spellings of one word share."""
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").casefold()


def words(text: str) -> list[tuple[str, int, int]]:
    """Every word in ``text`` with its span (digits and letters; inner apostrophes/dots kept)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def word_list(text: str) -> list[str]:
    """The words of ``words(text)`` without their spans (much cheaper on long texts)."""
    return _WORD_RE.findall(text)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A deliberately crude stem (plural and third-person "s" only): "controls" ~ "control".

    Crude on purpose: stronger stemming would merge subjects that are really different.
    """
    w = fold(word).rstrip(".")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning: no stopwords, no numbers."""
    out: list[str] = []
    for word, _s, _e in words(text):
        folded = fold(word)
        if folded in STOPWORDS or any(ch.isdigit() for ch in folded) or len(folded) < 2:
            continue
        out.append(stem(word))
    return out


def sentence_span(text: str, start: int, end: int, *, max_chars: int = 280) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, cut to at most ``max_chars`` around it.

    Used to make a quote for a discrepancy: long enough to show the context, short enough to read.
    Sentence boundaries are ``briefing.sentences``' (the offline engine's too), so "Acme Inc. and
    Beta Corp. signed ..." stays one sentence.
    """
    left, right = sentence_around(text, start, end)
    if right - left > max_chars:
        half = max(0, (max_chars - (end - start)) // 2)
        left = max(left, start - half)
        right = min(right, end + half)
        # never cut a word in half
        while left > 0 and left < start and text[left - 1].isalnum():
            left += 1
        while right < len(text) and right > end and text[right].isalnum():
            right -= 1
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


T = TypeVar("T")


def once_per_document(read: Callable[[str, str], T]) -> Callable[[str, str], T]:
    """``read(document_id, text)`` remembered per document id, for one consolidation run.

    Several steps read the same thing from a document (its figures, the names that tie stories
    together, the people it names); with this each is read once, and the parent can read ahead
    while a forked child works (``forked``). The result is shared: callers must not change it.
    """
    done: dict[str, T] = {}

    def once(document_id: str, text: str) -> T:
        if document_id not in done:
            done[document_id] = read(document_id, text)
        return done[document_id]

    return once
