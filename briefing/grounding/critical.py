"""The tokens that carry a quote's meaning, which a fuzzy match is never allowed to change.

Similarity scores are blind to meaning: "will not sign" and "will sign" are 93% alike, "70%" and
"71%" differ by one character, "Cohere" and "Anthropic" can hide in a long sentence. A fuzzy match
is accepted only when both sides carry the same numbers, percentages, currency, month names,
capitalised names and negations. Tokens are compared case-insensitively (case drift is benign),
but a word counts as a name if it is capitalised on either side.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefing.dates import MONTHS

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PERCENT = re.compile(r"%|\bper\s?cent\b|\bpercent\b", re.IGNORECASE)
_CURRENCY = re.compile(
    r"[$£€¥₹₩₽]|\b(?:usd|gbp|eur|jpy|cny|dollars?|pounds?|euros?|yen|yuan)\b", re.IGNORECASE
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|nor|neither|none|nobody|nothing|nowhere|cannot|without)\b|n['’]t\b|\bnon-?(?=\w)",
    re.IGNORECASE,
)
_MONTH_WORDS = frozenset(MONTHS)
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


@dataclass(frozen=True, slots=True)
class Critical:
    """Counts of the meaning-bearing tokens of one string, keyed by a kind prefix."""

    counts: Counter[str]
    names: frozenset[str]
    words: frozenset[str]


def critical_tokens(text: str) -> Critical:
    """The numbers, percent signs, currency, months, negations and capitalised words of ``text``."""
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)  # "U.K." is the name "UK"
    counts: Counter[str] = Counter()
    for m in _NUMBER.finditer(text):
        counts["number " + m.group()] += 1
    counts["percent"] += sum(1 for _ in _PERCENT.finditer(text))
    for m in _CURRENCY.finditer(text):
        counts["currency " + _currency_key(m.group())] += 1
    for m in _NEGATION.finditer(text):
        counts["negation " + m.group().lower().replace("’", "'").rstrip("-")] += 1
    names: set[str] = set()
    words: set[str] = set()
    for m in _WORD.finditer(text):
        word = m.group()
        folded = word.casefold().replace("’", "'").removesuffix("'s")
        words.add(folded)
        if folded in _MONTH_WORDS and (len(folded) > 3 or word[0].isupper()):
            counts["month " + folded] += 1
        if word[0].isupper():
            names.add(folded)
    return Critical(+counts, frozenset(names), frozenset(words))


def _currency_key(token: str) -> str:
    folded = token.lower()
    for key, forms in (("$", ("$", "usd", "dollar")), ("£", ("£", "gbp", "pound")), ("€", ("€", "eur"))):
        if any(folded.startswith(f) for f in forms):
            return key
    return folded.rstrip("s")


def critical_difference(quote: str, source: str) -> str | None:
    """``None`` when both sides carry the same critical tokens, else what differs, for a reason."""
    q, s = critical_tokens(quote), critical_tokens(source)
    problems: list[str] = []
    if q.counts != s.counts:
        only_q = sorted((q.counts - s.counts).elements())
        only_s = sorted((s.counts - q.counts).elements())
        if only_q:
            problems.append("quote has " + ", ".join(f"'{k.split(' ', 1)[-1]}'" for k in only_q))
        if only_s:
            problems.append("source has " + ", ".join(f"'{k.split(' ', 1)[-1]}'" for k in only_s))
    missing_in_source = sorted(q.names - s.words)
    missing_in_quote = sorted(s.names - q.words)
    if missing_in_source:
        problems.append("name not in source: " + ", ".join(missing_in_source))
    if missing_in_quote:
        problems.append("source name missing from quote: " + ", ".join(missing_in_quote))
    return "; ".join(problems) or None
