"""Definite descriptions that name a party through an antecedent earlier in the same document.

"Alongside this, the government also announced a new partnership with Anthropic": the quote does
not name the party, "the government" refers back to "The U.K. government" two paragraphs up. Such
a party cell is grounded by two spans, the *mention* (the description in the quote) and the
*antecedent* (the earlier place that names the party). Both engines go through this one rule: the
Claude engine proposes the party's name with the mention as its quote, grounding checks it here;
the offline engine asks ``antecedent_of`` which name to propose.

What counts as the antecedent of "the <head>" (looked for in the ``WINDOW`` characters before the
mention, so the cost never grows with the length of a live blog):

* ``government``: the one country whose government is named ("the UK government", "government of
  Japan", "HM Government"; countries from ``briefing.names``). Two countries' governments named:
  ambiguous, so the cell is not verified and the reason says which two.
* a public-body head (ministry, department, agency, regulator, ...): the one body of that kind named
  ("Ministry of Health"); two different ones: ambiguous.
* a plural ("the two companies", "both firms", "the partners"): the party itself, named before.
* any other noun ("the carmaker", "the lender", "the operator"): the one organisation the document
  itself describes with that noun ("carmaker Volta", "Volta, the Swedish carmaker,"). Nothing else
  is guessed: an unconfirmed description grounds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefing.models import Span
from briefing.names import canonical_name, country_of, find_name

__all__ = ["WINDOW", "Antecedent", "antecedent_of", "resolve_party"]

WINDOW = 6000
"""How far back (characters) an antecedent is looked for."""

_PUBLIC_HEADS = frozenset(
    {
        "ministry", "department", "agency", "authority", "regulator", "council", "commission",
        "institute", "office", "bureau", "administration", "board", "trust", "cabinet", "treasury",
    }
)  # fmt: skip
_PLURAL_HEADS = frozenset(
    {"companies", "firms", "groups", "partners", "parties", "sides", "pair", "organisations", "organizations"}
)
_NOT_HEADS = frozenset(
    {
        "same", "first", "new", "other", "next", "last", "deal", "agreement", "contract", "partnership",
        "memorandum", "announcement", "statement", "report", "time", "year", "week", "day", "move",
        "plan", "project", "programme", "program", "work", "terms", "value", "most", "end", "start",
    }
)  # fmt: skip
_DESCRIPTION_RE = re.compile(
    r"\b(?:the|both)\s+(?:(?:two|three|four)\s+)?(?P<head>[a-z][a-z-]{2,})\b(?!\s+(?:of|for)\s+[A-Z])",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:(?:of|for|and|&|de)\s+)?[A-Z][\w&.'’-]*){0,5}"
_GOVERNMENT_RE = re.compile(
    r"(?P<core>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2}?)(?:['’]s)?\s+[Gg]overnment\b"
    r"|\b[Gg]overnment\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
    r"|\b(?P<hm>HM\s+Government|His\s+Majesty['’]s\s+Government)\b"
)

Status = Literal["resolved", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class Antecedent:
    """The outcome of reading a description: ``resolved`` with both spans, ``ambiguous`` with the
    reason (which candidates), or ``none`` (no description here, or nothing confirms it)."""

    status: Status
    mention: Span | None = None
    antecedent: Span | None = None
    name: str = ""
    """The antecedent as the document writes it (the offline engine's party value)."""
    reason: str = ""


_NONE = Antecedent("none")


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    span: Span
    key: str


def resolve_party(value: str, text: str, start: int, end: int) -> Antecedent:
    """Does a description inside ``text[start:end]`` refer to the party ``value``?

    Returns ``resolved`` (mention and antecedent spans, absolute offsets of ``text``), ``ambiguous``
    (the description could be several named parties; ``reason`` names them) or ``none``.
    """
    if not value.strip():
        return _NONE
    outcome = _NONE
    for mention in _descriptions(text, start, end):
        head = mention.group("head").lower()
        span = Span(mention.start(), mention.end())
        if head in _PLURAL_HEADS:
            found = _last_name(value, text, span.start)
            if found is not None:
                return Antecedent("resolved", span, found, text[found.start : found.end])
            continue
        candidates = _candidates(head, text, span.start)
        groups = _groups(candidates)
        matching = [g for g in groups if any(_same(value, c.name) or _same(value, c.key) for c in g)]
        if len(groups) > 1 and matching:
            names = " and ".join(f"'{g[-1].name}'" for g in groups[:3])
            outcome = Antecedent(
                "ambiguous", span, reason=f"'{mention.group()}' could be {names}, all named before it"
            )
            continue
        if len(matching) == 1:
            last = matching[0][-1]
            return Antecedent("resolved", span, last.span, last.name)
    return outcome


def antecedent_of(text: str, start: int, end: int) -> Antecedent:
    """The one party a singular description at ``text[start:end]`` refers to (for the offline engine).

    ``start`` may point at "the" or at the head noun itself.
    """
    for mention in _descriptions(text, start, end):
        head = mention.group("head").lower()
        if head in _PLURAL_HEADS:
            return _NONE
        groups = _groups(_candidates(head, text, mention.start()))
        if len(groups) == 1:
            last = groups[0][-1]
            return Antecedent("resolved", Span(mention.start(), mention.end()), last.span, last.name)
        if len(groups) > 1:
            return Antecedent("ambiguous", Span(mention.start(), mention.end()), reason="several candidates")
    return _NONE


def _descriptions(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Descriptions overlapping ``[start, end)``; "the" just before the span counts."""
    left = max(0, start - 5)
    found = []
    for m in _DESCRIPTION_RE.finditer(text, left, end):
        if m.end() > start and m.group("head").lower() not in _NOT_HEADS:
            found.append(m)
    return found


def _candidates(head: str, text: str, before: int) -> list[_Candidate]:
    window_start = max(0, before - WINDOW)
    window = text[window_start:before]
    if head == "government":
        return _governments(window, window_start)
    if head in _PUBLIC_HEADS:
        pattern = re.compile(
            rf"(?:[A-Z][\w&'’-]*\s+){{0,4}}{head.capitalize()}"
            rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_NAME})?(?=[^\w]|$)"
        )
        return [
            _Candidate(_strip_the(m.group()), _shift(m, window_start), _key(m.group()))
            for m in pattern.finditer(window)
            if len(m.group().split()) >= 2
        ]
    noun = re.escape(head)
    appositions = (
        rf"\b{noun}\s+(?P<a>{_NAME})",
        rf"(?P<b>{_NAME}),\s+(?:the|a|an|[A-Z][\w]*['’]s)\s+(?:[\w-]+\s+){{0,4}}?{noun}\b",
    )
    out = []
    for apposition in appositions:
        for m in re.finditer(apposition, window):
            group = "a" if m.groupdict().get("a") else "b"
            name = m.group(group)
            s, e = m.start(group) + window_start, m.end(group) + window_start
            out.append(_Candidate(name, Span(s, e), _key(name)))
    return sorted(out, key=lambda c: c.span.start)


def _governments(window: str, offset: int) -> list[_Candidate]:
    out = []
    for m in _GOVERNMENT_RE.finditer(window):
        if m.group("hm"):
            country: str | None = "UK"
        else:
            core = m.group("core") or m.group("of") or ""
            words = core.split()
            country = next(
                (c for n in (2, 1, 3) if (c := country_of(" ".join(words[-n:]))) is not None), None
            )
        if country is None:
            continue  # "the Labour government" names a government, not which country's
        out.append(_Candidate(_strip_the(m.group().strip()), _shift(m, offset), f"{country} government"))
    return out


def _shift(m: re.Match[str], offset: int) -> Span:
    lead = re.match(r"(?:the|The)\s+", m.group())
    return Span(m.start() + offset + (lead.end() if lead else 0), m.end() + offset)


def _strip_the(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name)


def _key(name: str) -> str:
    return " ".join(canonical_name(name).casefold().split())


def _groups(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Candidates naming the same party together (in order of last mention)."""
    groups: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        key = candidate.key if candidate.key in groups else None
        key = key or next((k for k, g in groups.items() if _same(candidate.name, g[0].name)), candidate.key)
        groups.setdefault(key, []).append(candidate)
    return sorted(groups.values(), key=lambda g: g[-1].span.start)


def _same(a: str, b: str) -> bool:
    """Do two names name one party ("UK government" / "The U.K. government")?"""
    return find_name(a, b) is not None or find_name(b, a) is not None


def _last_name(value: str, text: str, before: int) -> Span | None:
    """The last place in the window before ``before`` that names ``value``."""
    offset = max(0, before - WINDOW)
    last = None
    while (found := find_name(value, text[offset:before])) is not None:
        last = Span(found.start + offset, found.end + offset)
        offset = last.end
    return last
