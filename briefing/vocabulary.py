"""The words that name agreements and their status, shared by the offline engine and grounding.

A *kind* is the canonical name of a type of agreement; its *triggers* are the phrases that, found in
a quote, justify that kind. Grounding checks a proposed kind against these triggers, so an engine
cannot call a "partnership" a "memorandum of understanding" unless the quote says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KIND_TRIGGERS: dict[str, tuple[str, ...]] = {
    "memorandum of understanding": (
        "memorandum of understanding",
        "memoranda of understanding",
        "mou",
        "mous",
    ),
    "letter of intent": ("letter of intent", "letters of intent", "loi"),
    "framework agreement": ("framework agreement",),
    "joint venture": ("joint venture",),
    "contract": ("contract", "contracts"),
    "deal": ("deal", "deals"),
    "agreement": ("agreement", "agreements", "accord", "pact", "treaty"),
    "partnership": ("partnership", "partnerships", "partnered", "partnering", "partners with", "alliance"),
    "collaboration": ("collaboration", "collaborate", "collaborates", "collaborating"),
}
"""Canonical kind -> trigger phrases (matched case-insensitively on word boundaries)."""

STATUS_TRIGGERS: dict[str, tuple[str, ...]] = {
    "signed": ("signed", "inks", "inked", "sign", "signing"),
    "non-binding": ("non-binding", "nonbinding", "not binding"),
    "announced": ("announced", "announces", "announcing", "unveiled"),
    "planned": ("plans to", "will sign", "intends to", "expected to", "set to", "look to sign"),
    "expanded": ("expanded", "expands", "deepening", "deepens", "renewed", "extends", "extended"),
    "exploratory": ("exploratory", "explore", "explores", "exploring"),
}
"""Canonical status -> trigger phrases. A row may carry several statuses ("signed, non-binding")."""


@dataclass(frozen=True, slots=True)
class Trigger:
    canonical: str
    phrase: str
    start: int
    end: int


def _pattern(phrases_by_canonical: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    phrases = sorted({p for ps in phrases_by_canonical.values() for p in ps}, key=len, reverse=True)
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


_KIND_RE = _pattern(KIND_TRIGGERS)
_STATUS_RE = _pattern(STATUS_TRIGGERS)


def _canonical_of(table: dict[str, tuple[str, ...]], phrase: str) -> str:
    folded = " ".join(phrase.lower().split())
    for canonical, phrases in table.items():
        if folded in phrases:
            return canonical
    raise KeyError(phrase)  # pragma: no cover - the pattern only matches listed phrases


def find_kinds(text: str) -> list[Trigger]:
    """Every agreement trigger in ``text``, in order of position."""
    return [
        Trigger(_canonical_of(KIND_TRIGGERS, m.group()), m.group(), m.start(), m.end())
        for m in _KIND_RE.finditer(text)
        if not (m.group().lower() == "deal" and _is_verb_deal(text, m.end()))
    ]


def find_statuses(text: str) -> list[Trigger]:
    """Every status trigger in ``text``, in order of position."""
    return [
        Trigger(_canonical_of(STATUS_TRIGGERS, m.group()), m.group(), m.start(), m.end())
        for m in _STATUS_RE.finditer(text)
    ]


def canonical_kind(value: str) -> str | None:
    """Map a proposed kind ("MoU", "Memorandum of Understanding") to its canonical name, if known."""
    folded = " ".join(value.lower().replace("-", " ").split())
    for canonical, phrases in KIND_TRIGGERS.items():
        if folded == canonical or folded in phrases:
            return canonical
    for canonical in KIND_TRIGGERS:
        if canonical in folded:
            return canonical
    return None


def _is_verb_deal(text: str, end: int) -> bool:
    """'deal with' is a verb phrase, not an agreement."""
    return text[end : end + 5].lower() == " with"
