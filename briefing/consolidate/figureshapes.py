"""Where figures are written: the shapes of percentages, amounts and counts, and of the dates,
clock times and page numbers that must never be read as figures (``figures`` groups them).

The patterns are long alternations, and Python's ``re`` tries them at every position of a text.
Every shape holds a digit (or, for counts, a number word), so the scan here runs them only where
one is: a pattern that begins with its number is tried at the start of each digit run or number
word; the others run in windows around the digits. The matches are exactly those of
``pattern.finditer(text)`` (lookbehinds still see the text before a window), at a fraction of the
cost on long texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.consolidate._text import STOPWORDS, stem
from briefing.dates import MONTHS

_NUMBER_WORDS: dict[str, float] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "dozen": 12,
}  # fmt: skip
_MULTIPLIERS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "b": 1e9,
    "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PERCENT_RE = re.compile(rf"(?<![\w.,])(?P<num>{_NUM})\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_CODES = "USD|GBP|EUR|SEK|NOK|DKK|CHF|JPY|CNY|RMB|INR|AUD|CAD|NZD|BRL|KRW|ZAR|MXN|SGD|HKD|PLN|AED|SAR"
_CURRENCY_RE = re.compile(
    rf"(?P<cur>US\$|[$£€¥₹₩]|\b(?:{_CODES})\s?)(?P<num>{_NUM})"
    r"(?:\s?(?P<mult>bn|billion|mn|million|m|k|thousand|tn|trillion)\b)?",
    re.IGNORECASE,
)
_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "$", "euro": "€", "pound": "£", "yen": "¥", "yuan": "CNY", "won": "KRW", "rupee": "INR",
    "crown": "crowns", "krona": "crowns", "kronor": "crowns", "krone": "crowns", "kroner": "crowns",
    "real": "BRL", "reais": "BRL", "franc": "CHF",
}  # fmt: skip
AMOUNT_WORD_RE = re.compile(
    rf"(?<![\w.,$£€¥%-])(?P<num>{_NUM})\s?(?P<mult>bn|billion|mn|million|tn|trillion|thousand)?\s+"
    r"(?P<word>dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|won|rupees?|crowns?|kronor|krona|kroner"
    r"|krone|reais|real|francs?)\b",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?!\d)|\b\d{1,2}\s?[ap]\.?m\.?(?!\w)"
    r"|\b(?:pages?|pp?\.)\s*\d+(?:\s*[-–]\s*\d+)?",
    re.IGNORECASE,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_SHAPES_RE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}/\d{2}\b"
)
"""The shapes of written dates, masked before figures are read. A regular expression, not
``briefing.dates.find_dates``: masking needs only where a date is, not which day it is, and this is
several times cheaper on long documents. Bare years are left to the count rule (1900-2100)."""
TIMESTAMP_LINE_RE = re.compile(
    r"^[ \t]*(?:\*\*)?\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?(?:\*\*)?\s*[–—:|-]", re.MULTILINE
)
COUNT_RE = re.compile(
    rf"(?<![\w.,:$£€¥%-])(?P<num>{_NUM}|"
    + "|".join(_NUMBER_WORDS)
    + r")(?:-|\s+)(?:(?:new|more|additional|extra|further|other)\s+)?(?P<noun>[a-z][a-z-]{2,})\b"
    r"(?:\s+(?P<noun2>[a-z][a-z-]{2,}s)\b)?",
    re.IGNORECASE,
)
_NOT_COUNT_NOUNS = frozenset(
    {*MONTHS, *STOPWORDS, *_MULTIPLIERS, "percent", "per", "am", "pm", "gmt", "bst", "utc"}
)


_DIGITS_RE = re.compile(r"\d+")
_MASK_REACH = 32
"""How far from a digit a date or clock time may start or end ("September 12", "12th of September")."""


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Dates, clock times and page numbers in ``text``: every shape holds a digit, so the two long
    patterns run only near digits (windows merged), not at every position of a long text."""
    windows: list[list[int]] = []
    for m in _DIGITS_RE.finditer(text):
        lo, hi = max(0, m.start() - _MASK_REACH), min(len(text), m.end() + _MASK_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    found: list[tuple[int, int]] = []
    for lo, hi in windows:
        for pattern in (_DATE_SHAPES_RE, _CLOCK_RE):
            found.extend((m.start(), m.end()) for m in pattern.finditer(text, lo, hi))
    return found


def read_figure(kind: str, m: re.Match[str]) -> tuple[float, str] | None:
    raw = m.group("num").replace(",", "")
    number = _NUMBER_WORDS.get(raw.lower())
    value = number if number is not None else float(raw)
    if kind == "percent":
        return value, "percent"
    if kind == "amount":
        mult = (m.group("mult") or "").lower()
        word = m.group("word").lower().split()[0]
        symbol = _CURRENCY_WORDS.get(word, _CURRENCY_WORDS.get(word.rstrip("s"), word))
        return value * _MULTIPLIERS.get(mult, 1.0), f"currency {symbol}"
    if kind == "currency":
        mult = (m.group("mult") or "").lower()
        symbol = m.group("cur").strip().upper().replace("USD", "$").replace("US$", "$")
        return value * _MULTIPLIERS.get(
            mult, 1.0
        ), f"currency {symbol.replace('GBP', '£').replace('EUR', '€')}"
    noun = m.group("noun").lower()
    second = (m.group("noun2") or "").lower()
    if second and not noun.endswith("s") and second not in _NOT_COUNT_NOUNS:
        noun = second  # "40 commuter trains": the head noun is the last one
    if noun in _NOT_COUNT_NOUNS or (number is None and "." not in raw and 1900 <= value <= 2100):
        return None
    return value, f"count {stem(noun.split('-')[0])}"


_NUMBER_WORD_RE = re.compile("|".join(_NUMBER_WORDS), re.IGNORECASE)
_CURRENCY_REACH = (8, 40)
"""A currency match starts at most a few characters before its number ("US$ ", "USD ") and ends
at most a multiplier word after it ("1,200.5 billion")."""


def number_starts(text: str) -> list[int]:
    """Where a number may start: each digit run, and each number word ("twelve"), in order."""
    starts = [m.start() for m in _DIGITS_RE.finditer(text)]
    words = _number_words(text)
    return sorted({*starts, *words}) if words else starts


def _number_words(text: str) -> list[int]:
    """Starts of number words not inside a word. ``str.find`` on the lowered text is much cheaper
    than a case-insensitive alternation; it is exact when lowering keeps every offset and no
    character folds to a letter only under ``re.IGNORECASE`` (the long s)."""
    lowered = text.lower()
    if len(lowered) != len(text) or "ſ" in text:
        return [m.start() for m in _NUMBER_WORD_RE.finditer(text)]
    out: list[int] = []
    for word in _NUMBER_WORDS:
        at = lowered.find(word)
        while at >= 0:
            if at == 0 or not lowered[at - 1].isalnum():
                out.append(at)
            at = lowered.find(word, at + 1)
    return out


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches begin with a number at one of ``starts``."""
    end = -1
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            end = max(m.end(), start + 1)


def currency_matches(text: str) -> Iterator[re.Match[str]]:
    """``CURRENCY_RE.finditer(text)``, run only in windows around digit runs."""
    before, after = _CURRENCY_REACH
    windows: list[list[int]] = []
    for m in _DIGITS_RE.finditer(text):
        lo, hi = max(0, m.start() - before), min(len(text), m.end() + after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from _CURRENCY_RE.finditer(text, lo, hi)
