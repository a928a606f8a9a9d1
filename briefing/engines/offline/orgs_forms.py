"""Word shapes the organisation spotter needs beyond capitalisation, for names from any country.

Split from ``offline_orgs`` to keep each module small: whether a word is shaped like a person's
name (with accents: "Lucía", "Kjær"), whether it is a nationality adjective ("Danish",
"Franco-Dutch") that describes a party without being one, where a run of capitalised words holds
two names ("Linnaeus Institute of Medical Sciences and Norvik Pharma AB"), and the public bodies
news writes in lower case ("France's economy ministry", "the state government of Ceará").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.engines.offline import orgs_words as W

__all__ = [
    "adjective_run",
    "is_demonym",
    "legal_tail",
    "lowercase_institutions",
    "name_shaped",
    "split_at_company",
]

_INITIALS_RE = re.compile(r"(?:[A-Z]\.){1,3}")
_CAP = r"[^\W\d_a-z][\w'’.-]*"
_OWNER_INSTITUTION_RE = re.compile(
    rf"(?P<owner>{_CAP}(?:\s+{_CAP}){{0,2}})['’]s\s+(?:[a-z][a-z-]*\s+){{0,2}}?(?P<head>"
    + "|".join(sorted(W.LOWERCASE_INSTITUTIONS))
    + r")\b"
)
_GOVERNMENT_OF_RE = re.compile(
    r"\b(?:(?:state|federal|regional|provincial|national|municipal|city|local|county)\s+)?"
    rf"government\s+of\s+(?:the\s+)?(?P<place>{_CAP}(?:\s+{_CAP}){{0,2}})"
)


_LEGAL_TAIL_RE = re.compile(r"\.?,\s*(?:Ltd|Limited|Inc|LLC)\.?(?![\w-])")


def name_shaped(word: str) -> bool:
    """ "Annika", "Ekström", "Jean-Pierre", "J." look like parts of a person's name; "NASA" does not."""
    if _INITIALS_RE.fullmatch(word):
        return True
    parts = word.split("-")
    return len(parts) <= 2 and all(
        len(p) > 1 and p.isalpha() and p[0].isupper() and p[1:].islower() for p in parts
    )


def is_demonym(word: str) -> bool:
    """A nationality adjective, also in compounds: "Danish", "Franco-Dutch", "Sino-Japanese"."""
    parts = word.lower().split("-")
    return all(p in W.DEMONYMS for p in parts) and bool(parts[0])


def adjective_run(words: Sequence[str]) -> bool:
    """A run that ends in a nationality adjective ("South Korean", "Danish") names no organisation."""
    if not words or not is_demonym(words[-1]):
        return False
    return all(is_demonym(w) or w.lower() in W.COMPASS for w in words[:-1])


def split_at_company(run: list[int], words: Sequence[str]) -> list[list[int]]:
    """A run joined by "and" that holds two names, the second a company, split in two.

    "Department of Science and Technology" is one name; "Linnaeus Institute of Medical Sciences
    and Norvik Pharma AB" is two, because what follows "and" is a multi-word name closed by a
    legal form (AB, AG, Ltd, Inc, ...), which only ever ends a company's own name.
    """
    for pos, word in enumerate(words):
        after = words[pos + 1 :]
        if pos and word.lower() == "and" and len(after) >= 2 and after[-1].lower() in W.COMPANY_FORMS:
            return [run[:pos], run[pos + 1 :]]
    return [run]


def legal_tail(text: str, end: int) -> int | None:
    """Where "Co., Ltd." / "Corp., Ltd." ends when a name closes with a legal form (else None)."""
    m = _LEGAL_TAIL_RE.match(text, end)
    return m.end() if m else None


def lowercase_institutions(text: str, offset: int, *, exclude: set[str]) -> list[tuple[int, int]]:
    """Public bodies written partly in lower case, as absolute spans (``text`` starts at ``offset``):
    "France's economy ministry", "Kenya's health ministry", "the state government of Ceará".
    An owner that is a known person (``exclude``) or a sentence word ("The") is not a country."""
    found = [(m.start(), m.end(), m.group("owner")) for m in _OWNER_INSTITUTION_RE.finditer(text)]
    found += [(m.start(), m.end(), m.group("place")) for m in _GOVERNMENT_OF_RE.finditer(text)]
    return sorted(
        (offset + s, offset + e)
        for s, e, owner in found
        if owner[:1].isupper() and owner not in exclude and owner.lower() not in W.COMMON_CAPITALISED
    )
