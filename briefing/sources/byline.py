"""Bylines as newsrooms write them, read by form: who wrote the story, for whom, and when.

Forms read (each also in capitals, with "and"/"&" between several names):

- "By Jane Doe", "By JANE DOE", "By Jane Doe and Ali Khan", "By The Associated Press";
- with a description: "By Jane Doe, Prairie Ledger staff (with wire reports)", "By Jane Doe,
  Business Correspondent", "By Jane Doe for The Harbour Courier";
- with a stamp: "By Jane Doe | Published March 3, 2026", "By Jane Doe · 3 March 2026 09:12 GMT",
  "By Jane Doe on March 3, 2026", "By Jane Doe — Updated 2 hours ago | 4 min read".

A line is a byline only if every part has one of these forms, so "By March the two companies had
signed ..." and "By 2030, Acme ..." stay prose. The date of a byline is the first stamp that is not
an update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from briefing.dates import MONTHS, WEEKDAYS, parse_date
from briefing.sources.dateline import is_date_only, match_date_line

__all__ = ["Byline", "read_byline"]

_HEAD = re.compile(r"^[Bb][Yy]:?\s+(?P<rest>\S.*)$")
_SEGMENTS = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+|\s+-\s+")
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|da|di|van|von|der|den|del|la|le|al|bin|el|dos|du|ter)|and|&)$"
)
_DESCRIPTION_WORDS = frozenset({
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor",
    "editors", "contributor", "with", "wire", "reports", "report", "and", "agencies", "for", "the", "of",
    "in", "special", "to", "senior", "chief", "political", "business", "technology", "economics",
    "science", "health", "a", "an", "from", "news", "services", "service", "&", "columnist", "analyst",
})  # fmt: skip
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"then", "now", "far", "contrast", "comparison", "law"}
_STAMP_LABEL = re.compile(
    r"^(?:(?P<updated>(?:last\s+)?updated|modified)|published|posted|first\s+published)(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
_READING = re.compile(r"^\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+read)?$", re.IGNORECASE)
_AGO = re.compile(
    r"^(?:about\s+)?(?:\d{1,3}|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I
)
_MAX = 200


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline line: ``authors`` as written, the outlet or role after the names, its date."""

    authors: str
    description: str | None
    published: date | None


def read_byline(text: str) -> Byline | None:
    """Read one line (as a reader sees it) as a byline, or None when it is not one."""
    m = _HEAD.match(text.strip())
    if m is None or len(text) > _MAX:
        return None
    segments = _SEGMENTS.split(m.group("rest").strip())
    first = segments[0]
    stamps = segments[1:]
    on = re.search(r"\s+on\s+(?=\S)", first)
    if on is not None and is_date_only(first[on.end() :]):
        first, stamps = first[: on.start()], [first[on.end() :], *stamps]
    names, _, description = first.partition(",")
    names, description = names.strip(), description.strip()
    if " for " in names:
        names, description = names.split(" for ", 1)[0], names.split(" for ", 1)[1]
    if not _is_names(names):
        return None
    published: date | None = None
    if description and is_date_only(description):
        stamps, description = [description, *stamps], ""
    if description and not _is_description(description):
        return None
    for stamp in stamps:
        if _is_description(stamp.strip()):  # "By Jane Doe | Staff Writer"
            continue
        value, updated = _stamp(stamp.strip())
        if value is None and not updated:
            return None
        if published is None and value is not None and not updated:
            published = value
    return Byline(names, description or None, published)


def _is_names(names: str) -> bool:
    words = names.split()
    if not words or len(words) > 10 or words[0].lower().strip(".,") in _NOT_NAMES:
        return False
    if not words[0][:1].isupper() or any(c.isdigit() for c in names):
        return False
    return all(_NAME_WORD.match(w.rstrip(",")) for w in words) and words[-1] not in ("and", "&")


def _is_description(text: str) -> bool:
    inner = re.sub(r"[()]", " ", text)
    words = inner.replace(",", " ").split()
    if not words or len(words) > 12 or any(c in text for c in ".!?;:"):
        return False
    return all(w[:1].isupper() or w.lower() in _DESCRIPTION_WORDS for w in words)


def _stamp(text: str) -> tuple[date | None, bool]:
    """(date, is an update) for a stamp segment; (None, True) for undated furniture such as "4 min read"."""
    if _READING.match(text) or _AGO.match(text):
        return None, True
    label = _STAMP_LABEL.match(text)
    updated = bool(label and label.group("updated"))
    rest = text[label.end() :] if label else text
    if _AGO.match(rest):
        return None, True
    if is_date_only(rest):
        return parse_date(rest), updated
    line = match_date_line(text)
    if line is not None:
        return line.value, line.kind == "updated"
    return None, False
