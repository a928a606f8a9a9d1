"""A row's date with its role: signed, announced, stated, or resolved from the publication date.

"Signed on 13 February" in one source and "announced on 14 February" in another is not a
contradiction: both are true and the briefing says both. Two dates contradict only when they claim
the same thing (both signing dates, or one of them says no more than "dated"), and neither was
*resolved* from a publication date ("on Wednesday", "today"): a date stated in the text outranks
one derived from when the article appeared, which is shown but never called a disagreement.

The role is read from the date's own quote: the nearest signing or announcing verb before the date
in the same clause ("signed the contract on 3 March" -> signed; "unveiled in May" -> announced).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.consolidate.compat import LooseDate, dates_conflict, parse_loose
from briefing.dates import find_dates
from briefing.models import DateRole, VerifiedField
from briefing.sentences import sentence_around

ROLE_RANK: dict[str, int] = {"signed": 0, "stated": 1, "announced": 2, "resolved": 3}
"""Which date a row shows first: a stated signing date outranks everything else."""

_SIGN_RE = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)|conclu(?:ded|des)|execut(?:ed|es)|award(?:ed|s)|entered\s+into"
    r"|agreed|finali[sz]ed|closed)\b",
    re.IGNORECASE,
)
_ANNOUNCE_RE = re.compile(
    r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s)|reveal(?:ed|s)|disclos(?:ed|es)|confirm(?:ed|s)|made\s+public)\b",
    re.IGNORECASE,
)
_CLAUSE_RE = re.compile(r"[;:—–()]|,\s+(?:and|but|while|which)\b|\.\s")


@dataclass(frozen=True, slots=True)
class DatedReport:
    """One source's date for a row: its value, role and the verified field that backs it."""

    document_id: str
    when: LooseDate
    role: DateRole
    field: VerifiedField


def date_role(field: VerifiedField, text: str | None = None) -> DateRole:
    """The role of a verified date (see the module docstring). With the document ``text`` the verb
    may stand before the quote in its sentence ("announced a contract with X on 4 March")."""
    if "resolved" in field.note:
        return "resolved"
    quote = field.evidence.quote
    if text is not None and text[field.evidence.start : field.evidence.end] == quote:
        start, _end = sentence_around(text, field.evidence.start, field.evidence.end)
        quote = text[start : field.evidence.end]
    if not (_SIGN_RE.search(quote) or _ANNOUNCE_RE.search(quote)):
        return "stated"  # no verb anywhere, so none before the date: no need to find the date
    mentions = find_dates(quote)
    at = mentions[0].start if mentions else len(quote)
    clause_start = max((m.end() for m in _CLAUSE_RE.finditer(quote, 0, at)), default=0)
    before = quote[clause_start:at]
    verbs = [(m.end(), "signed") for m in _SIGN_RE.finditer(before)]
    verbs += [(m.end(), "announced") for m in _ANNOUNCE_RE.finditer(before)]
    if verbs:
        return "signed" if max(verbs)[1] == "signed" else "announced"
    return "stated"


def dated_report(
    document_id: str, field: VerifiedField | None, text: str | None = None
) -> DatedReport | None:
    """The date report of one row, or ``None`` when the row has no ISO-readable date."""
    if field is None:
        return None
    when = parse_loose(field.value)
    return None if when is None else DatedReport(document_id, when, date_role(field, text), field)


def comparable(a: DatedReport, b: DatedReport) -> bool:
    """Do two dates claim the same thing, so that different values contradict each other?"""
    if "resolved" in (a.role, b.role):
        return False
    return a.role == b.role or "stated" in (a.role, b.role)


def conflicting(reports: Sequence[DatedReport]) -> list[DatedReport]:
    """The reports whose date contradicts another comparable report's (input order kept)."""
    return [
        r
        for r in reports
        if any(comparable(r, o) and dates_conflict(r.when, o.when) for o in reports if o is not r)
    ]


def best_date(reports: Sequence[DatedReport]) -> str | None:
    """The date the row shows: the best role present, then precise before vague, then most sources."""
    if not reports:
        return None
    best_rank = min(ROLE_RANK[r.role] for r in reports)
    top = [r for r in reports if ROLE_RANK[r.role] == best_rank]
    precise = [r for r in top if r.when.precise] or top
    counts: dict[str, set[str]] = {}
    for r in precise:
        counts.setdefault(r.when.text, set()).add(r.document_id)
    return min(counts, key=lambda v: (-len(counts[v]), v))


def roles_and_dates(reports: Sequence[DatedReport]) -> tuple[tuple[DateRole, str], ...]:
    """Every (role, date) the sources give, best role first: "signed 13 Feb, announced 14 Feb"."""
    pairs: set[tuple[DateRole, str]] = {(r.role, r.when.text) for r in reports}
    return tuple(sorted(pairs, key=lambda p: (ROLE_RANK[p[0]], p[1])))
