"""Cutting a sentence into name-sized tokens with offsets, for the organisation spotter.

Words keep their offsets; a possessive ("Morocco’s") and trailing dots are peeled off but
remembered, so a name can be quoted exactly. Letters are Unicode letters: "Ceará", "Ferrovías"
and "Kjær" are single words, and "A/S" is one token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from briefing.engines.offline import orgs_words as W

__all__ = ["Token", "tokenize"]

_TOKEN_RE = re.compile(r"[^\W_](?:[\w&.'’\-]|/(?=[A-Z]\b))*|[^\s\w]|_")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
_CONTRACTION_RE = re.compile(r"['’](?:m|re|ve|ll|d|t)$")


class Token(NamedTuple):
    """A word or punctuation mark of a sentence: ``text`` at ``[start:end]``, ``raw_end`` before
    any peeled possessive or trailing dots. ``lower``, ``is_word`` and ``is_cap`` are computed once
    by ``tokenize`` (the spotter asks them many times per token). A named tuple, because a long
    document has hundreds of thousands of tokens and a tuple is the cheapest immutable record."""

    text: str
    start: int
    end: int
    raw_end: int
    possessive: bool
    lower: str
    is_word: bool
    is_cap: bool
    """Capitalised like a name: not a month, not "I'm", not "AI-enabled"."""


def _is_cap(text: str, lower: str) -> bool:
    if not text[:1].isupper() or lower in W.MONTH_AND_DAY_NAMES:
        return False
    if ("'" in lower or "’" in lower) and _CONTRACTION_RE.search(lower):
        return False
    return "-" not in text or not text.rsplit("-", 1)[1][:1].islower()


_new_token = tuple.__new__  # builds a Token without the Python-level ``__new__`` of a named tuple

_Shape = tuple[str, bool, str, bool, bool]
"""What a token is, whatever its offsets: (text, possessive, lower, is_word, is_cap)."""


@lru_cache(maxsize=1 << 14)
def _shape(raw: str) -> _Shape | None:
    """The token a match of ``_TOKEN_RE`` makes (None: nothing left after peeling). Cached: a
    document repeats its words, and the peeling depends on the matched text alone."""
    first = raw[0]
    if not first.isalnum():
        return (raw, False, raw.lower(), False, first.isupper())
    word, possessive = raw, False
    last = word[-1]
    if last in "s'’" and len(word) > 1:
        if word[-2:] in ("'s", "’s") and len(word) > 2:
            word, possessive = word[:-2], True
        elif last in "'’" and word[-2] == "s":
            word, possessive = word[:-1], True
    if word[-1] in ".-'’" and not _DOTTED_RE.fullmatch(word):
        word = word.rstrip(".-'’")
    if not word:
        return None
    lower = word.lower()
    return (word, possessive, lower, True, first.isupper() and _is_cap(word, lower))


def tokenize(text: str) -> list[Token]:
    """Words (possessive and trailing dots peeled off, offsets kept) and punctuation marks."""
    tokens: list[Token] = []
    append = tokens.append
    shape = _shape
    owners: list[int] = []  # capitalised possessives, for ``_names_with_apostrophes``
    for m in _TOKEN_RE.finditer(text):
        found = shape(m.group())
        if found is None:
            continue
        word, possessive, lower, is_word, is_cap = found
        if possessive and is_cap:
            owners.append(len(tokens))
        start = m.start()
        append(
            _new_token(Token, (word, start, start + len(word), m.end(), possessive, lower, is_word, is_cap))
        )
    return _names_with_apostrophes(text, tokens, owners)


_NAME_AFTER = frozenset({"and", "&", ",", ";", ":", ".", "(", ")"})


def _names_with_apostrophes(text: str, tokens: list[Token], owners: list[int]) -> list[Token]:
    """Keep an apostrophe inside a name where it cannot be a possessive of the next word.

    "Lloyd's of London" (a possessive is never followed by "of"), "Sainsbury's and Octavia Foods"
    (nothing is possessed: the next token is a connector or punctuation) and "Okafor Brothers'
    Logistics" (a plural possessive before a capitalised word, as in "the Workers' Party") are one
    name each; "Morocco's government" stays a possessive. ``owners`` are the positions of the
    capitalised possessives in ``tokens``, the only tokens this can change.
    """
    for i in owners:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        plural = text[tok.raw_end - 1 : tok.raw_end] in "'’" and tok.text.endswith("s")
        whole = (
            nxt is None
            or (nxt.lower in _NAME_AFTER and nxt.start == _skip_space(text, tok.raw_end))
            or (nxt.lower == "of" and after is not None and after.is_cap)
            or (plural and nxt.is_word and nxt.is_cap)
        )
        if whole:
            word = text[tok.start : tok.raw_end]
            tokens[i] = tok._replace(text=word, end=tok.raw_end, possessive=False, lower=word.lower())
    return tokens


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
