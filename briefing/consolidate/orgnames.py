"""How organisation names are written, and the forms two writings of one name share.

Pure functions of one name (no corpus): the comparison key (``org_key``: no "the", possessive,
parenthesised acronym or legal-form suffix, case folded), the display form, a leading country
qualifier, "<Country> government" forms, acronyms, and small spelling variants of a long name.
``orgs.OrgResolver`` applies them to a corpus. They are memoised: a corpus writes few distinct
names many times, and the resolver asks about each form again for every row that uses it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from briefing.consolidate._text import fold
from briefing.names import acronym_of, canonical_name

_MEMO = 1 << 16

COUNTRY_FORMS: dict[str, str] = {
    "uk": "UK", "united kingdom": "UK", "britain": "UK", "great britain": "UK", "british": "UK",
    "us": "US", "usa": "US", "united states": "US", "america": "US", "american": "US",
    "eu": "EU", "european union": "EU", "france": "France", "french": "France",
    "germany": "Germany", "german": "Germany", "canada": "Canada", "canadian": "Canada",
    "japan": "Japan", "japanese": "Japan", "india": "India", "indian": "India", "china": "China",
    "chinese": "China", "australia": "Australia", "australian": "Australia", "singapore": "Singapore",
    "south korea": "South Korea", "korea": "South Korea", "korean": "South Korea", "italy": "Italy",
    "italian": "Italy", "spain": "Spain", "spanish": "Spain", "ireland": "Ireland", "irish": "Ireland",
    "netherlands": "Netherlands", "dutch": "Netherlands", "israel": "Israel", "israeli": "Israel",
    "saudi arabia": "Saudi Arabia", "uae": "UAE", "united arab emirates": "UAE",
}  # fmt: skip
"""Country names and adjectives as they qualify organisations, to one short name per country."""

COUNTRY_ALT = "|".join(sorted((re.escape(c) for c in COUNTRY_FORMS), key=len, reverse=True))
_QUALIFIED_RE = re.compile(rf"^(?P<c>{COUNTRY_ALT})\s+(?P<rest>.+)$")
_GOVERNMENT_RE = re.compile(
    rf"^(?:(?P<c1>{COUNTRY_ALT})\s+government|government\s+of\s+(?:the\s+)?(?P<c2>{COUNTRY_ALT})"
    r"|(?P<hm>hm\s+government|his majesty's\s+government))$"
)
_COUNTRY_POSSESSIVE_RE = re.compile(rf"^({COUNTRY_ALT})'s\s+", re.IGNORECASE)
_BARE_GOVERNMENT = {"government", "the government"}
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_DECLARED_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)\s*$")
MINISTRY_HEADS: frozenset[str] = frozenset(
    {"department", "ministry", "office", "secretary", "cabinet", "treasury", "secretariat"}
)
"""Head words of bodies that are by definition part of a government."""
PUBLIC_BODY_HEADS: frozenset[str] = MINISTRY_HEADS | {
    "institute", "agency", "authority", "council", "commission", "centre", "center", "service",
    "directorate", "executive", "bureau", "administration", "board", "regulator",
}  # fmt: skip
"""Head words of bodies that may sign for a government (used only with rule 4b's country check)."""


_LEGAL_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Ltd|Limited|Inc|Incorporated|Corp|Corporation|plc|PLC|LLC|LLP|AG|SA|S\.A|SE|GmbH|AB|Oyj?"
    r"|ASA|AS|A/S|NV|N\.V|BV|B\.V|SpA|S\.p\.A|SAS|S\.L|SL|KK|Co|Pty|Bhd|Srl|S\.r\.l)\.?)+$"
)
"""Legal-form suffixes: "Medisys Health Ltd" and "Medisys Health" are one company (rule 1)."""


_SPELLED_OUT = ("Limited", "Incorporated", "Corporation")


@lru_cache(maxsize=_MEMO)
def strip_legal_suffix(name: str, *, keep_words: bool = False) -> str:
    """ "Volta Motors AB" -> "Volta Motors"; a name that is only a suffix is kept as it is.

    ``keep_words``: keep a spelled-out form ("Mitsuhama Corporation" is how the company is named
    in prose; "Ltd" or "plc" is registry detail), for display.
    """
    if keep_words and name.strip().endswith(_SPELLED_OUT):
        return name.strip()
    stripped = _LEGAL_SUFFIX_RE.sub("", name.strip())
    return stripped if len(stripped) >= 2 else name.strip()


@lru_cache(maxsize=_MEMO)
def org_key(name: str) -> str:
    """The comparison form of an organisation name (rule 1)."""
    cleaned = strip_legal_suffix(display_form(name))
    cleaned = re.sub(r"\s*&\s*", " and ", cleaned)
    cleaned = re.sub(r"[,.;:\"]", " ", cleaned)
    return " ".join(fold(cleaned).split())


@lru_cache(maxsize=_MEMO)
def country_of_key(key: str) -> tuple[str | None, str]:
    """Split a leading country qualifier off a key: ("UK", "ai security institute")."""
    m = _QUALIFIED_RE.match(key)
    if m is None:
        return None, key
    return COUNTRY_FORMS[m.group("c")], m.group("rest")


@lru_cache(maxsize=_MEMO)
def government_country(name: str) -> str | None:
    """ "the U.K. government" -> "UK"; None for anything that is not a named country's government."""
    m = _GOVERNMENT_RE.match(org_key(name))
    if m is None:
        return None
    if m.group("hm"):
        return "UK"
    return COUNTRY_FORMS[m.group("c1") or m.group("c2")]


def is_bare_government(name: str) -> bool:
    """ "the government" with no country: it can only be read inside one document."""
    return org_key(name) in _BARE_GOVERNMENT


def head_words(name: str) -> frozenset[str]:
    """Public-body head words of a name ("UK Department for ..." -> {"department"})."""
    return frozenset(org_key(name).split()) & PUBLIC_BODY_HEADS


def declared_acronym(name: str) -> str | None:
    """The acronym a name declares in parentheses at its end: "... Institute (AISI)" -> "AISI"."""
    m = _DECLARED_RE.search(name.strip())
    return m.group(1).upper() if m else None


@lru_cache(maxsize=_MEMO)
def acronym_form(name: str) -> str | None:
    """ "DSIT" -> "dsit"; "UK AISI" -> "aisi"; None for ordinary names."""
    tokens = canonical_name(name).split()
    if tokens and len(tokens) <= 2 and _ACRONYM_RE.match(tokens[-1]):
        if len(tokens) == 2 and fold(tokens[0]) not in COUNTRY_FORMS:
            return None
        return tokens[-1].lower()
    return None


@lru_cache(maxsize=_MEMO)
def completeness(form: str) -> tuple[int, int, int, int]:
    """How complete a written form is, larger is better: not an acronym, words, declares one, short."""
    display = display_form(form)
    return (
        0 if acronym_form(form) else 1,
        len(display.split()),
        1 if declared_acronym(form) else 0,
        -len(display),
    )


@lru_cache(maxsize=_MEMO)
def display_form(name: str) -> str:
    """A name as a table shows it: "the UK's AI Security Institute" -> "UK AI Security Institute"."""
    cleaned = canonical_name(name.replace("’", "'").strip())
    cleaned = re.sub(r"^(?:the\s+)", "", cleaned, flags=re.IGNORECASE)
    possessive = _COUNTRY_POSSESSIVE_RE.match(cleaned)
    if possessive and cleaned[possessive.end() : possessive.end() + 1].isupper():
        cleaned = f"{possessive.group(1)} {cleaned[possessive.end() :]}"  # not "France economy ministry"
    return " ".join(cleaned.split())


@lru_cache(maxsize=_MEMO)
def acronyms_of_form(form: str) -> frozenset[str]:
    """The acronyms a long name could be known by: "AI Security Institute" -> {"aisi", "asi"}."""
    _country, rest = country_of_key(org_key(form))
    display = display_form(form)
    stripped = " ".join(display.split()[len(display.split()) - len(rest.split()) :]) if rest else display
    out = {a.lower() for a in (acronym_of(stripped), acronym_of(display)) if a}
    initials = [w[0] for w in re.split(r"[\s,]+", stripped) if w and w[0].isupper()]
    if len(initials) >= 2:
        out.add("".join(initials).lower())
    return frozenset(out)


SPELLING_BLOCK_LIMIT = 50
"""A word shared by more names than this (e.g. "bank") is no evidence of a spelling variant."""


@lru_cache(maxsize=_MEMO)
def spelling_variants(a: str, b: str) -> bool:
    """Two keys that differ by a small misspelling of one long word: same number of words, one word
    differs, by 1 edit (2 for words of 8+ letters), with the same first letter, in a name of 12+
    characters ("Kestrel Harbour Holdings" / "Kestrel Harbor Holdings"; not "Braga"/"Praga")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or min(len(a), len(b)) < 12:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if x[0] != y[0] or min(len(x), len(y)) < 5 or x.isdigit() or y.isdigit():
        return False
    return Levenshtein.distance(x, y) <= (2 if min(len(x), len(y)) >= 8 else 1)
