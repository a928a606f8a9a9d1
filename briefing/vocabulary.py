"""The words that name agreements and their status, shared by the offline engine and grounding.

A *kind* is the canonical name of a type of agreement; its *triggers* are the phrases that, found in
a quote, justify that kind. Grounding checks a proposed kind against these triggers, so an engine
cannot call a "partnership" a "memorandum of understanding" unless the quote says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.sentences import sentence_around

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
    "non-binding": ("non-binding", "nonbinding", "not binding", "not legally binding"),
    "binding": ("binding", "legally binding", "legally-binding"),
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


_VERB_DEAL_BEFORE = frozenset(
    [
        "to",
        "will",
        "would",
        "can",
        "could",
        "must",
        "should",
        "may",
        "might",
        "shall",
        "cannot",
        "not",
        "never",
        "also",
        "we",
        "they",
        "i",
        "you",
        "them",
        "us",
        "him",
        "her",
        "that",
        "who",
        "which",
        "how",
        "better",
        "directly",
        "effectively",
        "quickly",
    ]
)
_PREVIOUS_WORD = re.compile(r"([\w'’]+)\W*$")


def _is_verb_deal(text: str, end: int) -> bool:
    """'deal with' after "to", a modal or a pronoun is a verb ("to deal with the backlog").

    After a determiner or a noun ("a supply deal with Rheinwerk", "the deal with X") it names an
    agreement.
    """
    if text[end : end + 5].lower() != " with":
        return False
    previous = _PREVIOUS_WORD.search(text, max(0, end - 40), end - 4)
    if previous is None:
        return True
    word = previous.group(1).lower()
    return word in _VERB_DEAL_BEFORE or word.endswith(("n't", "n’t"))


# --------------------------------------------------------------------------- negated agreements

_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|nor|neither|without|yet\s+to|no\s+longer|(?:failed|refused|declined)\s+to"
    r"|denied|denies|deny|denying|ruled\s+out)\b|n['’]t\b)"
    r"(?P<gap>(?:\s+(?!of\b)[\w'’$€£.,%-]+){0,4})\s*$",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|rejected|refuted)\s+(?:an?\s+|the\s+|local\s+|media\s+)*"
    r"(?:reports?|claims?|rumou?rs?|suggestions?|speculation)\b",
    re.IGNORECASE,
)
_COLLAPSE_AFTER = re.compile(
    r"\b(?:collapsed|fell\s+(?:through|apart)|broke\s+down|did\s+not\s+go\s+ahead|never\s+materiali[sz]ed"
    r"|(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:later\s+|subsequently\s+)?"
    r"(?:cancell?ed|called\s+off|scrapped|abandoned|terminated|rejected|blocked|withdrawn|not\s+signed))\b",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(r"[;:—–()\"“”]|\s-\s|,\s+(?:but|while|although|though|whereas)\b|\bbut\b")
_AFTER_WORDS = 20


def agreement_negation(
    text: str, start: int, end: int, *, sentence: tuple[int, int] | None = None
) -> str | None:
    """The words that say the agreement at ``text[start:end]`` was not made, or ``None``.

    News mentions deals that did not happen as often as deals that did: "has not signed any
    agreement with", "talks collapsed without a deal", "denied a report that a deal had been
    concluded", "the agreement was called off". The check reads the trigger's own sentence (not
    only a quote, which could stop right before the "not"): a negation within four words before
    the trigger in the same clause, a denial of reports earlier in the sentence, or a collapse verb
    shortly after the trigger. An engine must not report such a deal as an agreement.

    ``sentence`` is the span of the trigger's sentence in ``text`` when the caller knows it (for
    instance, ``text`` is already a window of that one sentence); otherwise it is looked up.
    """
    begin, sentence_end = sentence if sentence is not None else sentence_around(text, start, end)
    before = text[begin:start]
    clause = before
    for brk in _CLAUSE_STOP.finditer(before):
        clause = before[brk.end() :]
    negated = _NEGATION_BEFORE.search(clause)
    if negated is not None:
        return " ".join(text[begin + (len(before) - len(clause)) + negated.start() : end].split())
    denial = _DENIAL.search(before)
    if denial is not None:
        return " ".join(denial.group().split())
    after = text[end:sentence_end]
    words = after.split()
    collapse = _COLLAPSE_AFTER.search(" ".join(words[:_AFTER_WORDS]))
    if collapse is not None:
        return collapse.group()
    return None
