"""Publication-date evidence in plain text, and the choice between pieces of evidence.

Plain-text news carries its date in several ways: a leading ``date 2025-02-14`` label (sometimes on
the same line as the first sentence), a "Published"/"Posted on" line, a "Last updated" line, or a
wire dateline ("LONDON, April 28 (Reuters) -") whose year is not written at all. Each is a
``DateClue`` with a rank; the best one wins, its kind becomes ``published_from``, and every
disagreement is reported. Nothing here invents a date: no evidence means no date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from briefing.dates import MONTHS, WEEKDAYS, DateMention, find_dates
from briefing.sources.values import DateClue, Rank

__all__ = [
    "DateLine",
    "Dateline",
    "LeadingDate",
    "byline_date",
    "choose_date",
    "find_dateline",
    "is_date_only",
    "leading_date",
    "match_date_line",
]

_DECOR = r"[\s·•|*_>\-–—]*"
_PUBLISHED = r"(?:first\s+)?(?:published|posted|released|dated|date|publication\s+date)"
_UPDATED = r"(?:last\s+)?(?:updated|modified|edited)"
_DATE_LINE = re.compile(
    rf"^{_DECOR}(?P<label>{_PUBLISHED}|{_UPDATED})(?:\s+on)?\s*:?\s*(?P<rest>\S.*?)[\s*_]*$", re.IGNORECASE
)
_MASTHEAD_DATE_LINE = re.compile(
    r"^[\s*_]*(?P<label>[^\W\d_][\w&.'’-]*(?:\s+[^\W\d_&][\w&.'’-]*){0,5})\s+[—–|·-]\s+(?P<rest>\S.*?)[\s*_]*$"
)
"""A publication's name (or a place) and a date alone on a line: "Rail Business Europe — 17 November 2026"."""
_BYLINE_SEGMENTS = re.compile(r"\s+[|·•]\s+")
_LEADING_LABEL = re.compile(
    r"^\s*(?P<label>date|dated|(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|publication\s+date)"
    r"\s*:?\s*",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"T?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?", re.IGNORECASE
)
_FILLER = re.compile(
    r"\b(?:at|on|the|" + "|".join(WEEKDAYS) + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?"
    r"|\b(?:UTC|GMT)(?:[+-]\d{1,2})?\b",
    re.IGNORECASE,
)
_CAPS_FILLER = re.compile(r"\b[A-Z]{2,5}\b")  # time zones: EST, BST, CEST
_SEPARATOR = re.compile(r"\s*(?:[|·•:,\-–—]\s*)?")
_UPPER = "A-Z" + "".join(
    c for c in map(chr, range(0x00C0, 0x0530)) if c.isupper() and c.isalpha() and c not in "×"
)
"""Capital letters of Latin, Greek and Cyrillic: MONTRÉAL, SÃO PAULO, ZÜRICH, ΑΘΗΝΑ, КИЇВ."""
_CITY = rf"[{_UPPER}][{_UPPER}.'’\-]+(?:\s+[{_UPPER}][{_UPPER}.'’\-]+){{0,3}}"
_PLACE = rf"{_CITY}(?:\s*(?:/|&|,|\band\b)\s*{_CITY}){{0,3}}"
"""One city or several: "DENVER and OMAHA", "BEIJING/SHANGHAI", "LONDON & NEW YORK"."""
_NOT_MONTH = r"(?!(?i:" + "|".join(MONTHS) + r")\b)"
_REGION_WORD = rf"{_NOT_MONTH}[{_UPPER}](?:[^\W\d_]|[.'’\-])+"
_REGION = rf"(?:,\s+{_REGION_WORD}(?:\s+{_REGION_WORD}){{0,2}}){{0,2}}"
"""A state or country after the city: "KANSAS CITY, Mo.", "SPRINGFIELD, Ill.", "LYON, France"."""
_TAG = r"(?:\((?P<agency>[^()\n]{1,40})\)|/(?P<wire>[A-Za-z][A-Za-z .\-]{1,30})/)"
"""A wire tag or a date in brackets: (Reuters), (AP), (BUSINESS WIRE), /CNW/, /PRNewswire/, (March 17, 2026)."""
_DATELINE = re.compile(
    rf"^{_DECOR}(?P<place>{_PLACE}{_REGION})\s*,?\s*(?P<when>[A-Za-z0-9 ,.]{{0,30}}?)\s*(?:-{{1,2}}\s*)?"
    rf"{_TAG}\s*(?:-{{1,2}}|[–—])\s*(?:(?P<after>[A-Za-z0-9 ,.]{{6,30}}?)\s*-{{1,2}}\s*)?"
)
"""The date may also follow the tag, as Business Wire writes it: "CITY--(BUSINESS WIRE)--May 12, 2026--"."""
_DATELINE_DATED = re.compile(
    rf"^{_DECOR}(?P<place>{_PLACE}{_REGION})\s*,\s*(?P<when>[A-Za-z0-9 ,.]{{6,30}}?)[\s*_]*"
    r"(?:(?:-{1,2}|[–—])\s*|$)"
)
"""A dateline without an agency ("TOKYO, 12 November 2026 -"): accepted only with a full date."""
_DATELINE_SCAN_LINES = 60
_OPENING = 200
"""Characters of a line that ``leading_date`` reads: a date written at the start of the line fits
in far fewer (the longest reading, "Wednesday 30th of September, 2026 09:30", is under 50)."""
_FIRST_SCAN = 4_000
_DATE_REACH = 100
"""More characters than any date reading takes, look-aheads included (see ``briefing.dates``)."""


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that is only a labelled date, e.g. "Posted on April 28, 2026" or "Last updated: ..."."""

    kind: Literal["published", "updated"]
    label: str
    value: date


@dataclass(frozen=True, slots=True)
class LeadingDate:
    """A date at the very start of the text; ``end`` is where the content resumes (0: keep all)."""

    value: date
    labelled: bool
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline. ``when`` is the written date (often without a year), may be empty."""

    place: str
    when: str
    agency: str
    text: str


def match_date_line(line: str) -> DateLine | None:
    """Read a line that holds nothing but a publication or update label and a date."""
    m = _DATE_LINE.match(line) or _MASTHEAD_DATE_LINE.match(line)
    if m is None or len(line) > 120:
        return None
    mention = _date_only(m.group("rest"))
    if mention is None:
        return None
    label = " ".join(m.group("label").split())
    kind: Literal["published", "updated"] = (
        "updated" if re.fullmatch(_UPDATED, label, re.IGNORECASE) else "published"
    )
    return DateLine(kind, label, mention.value)


def leading_date(line: str) -> LeadingDate | None:
    """A labelled date opening the document ("date 2025-02-14 The UK ..."), or a bare full date.

    Only a date at the very start of ``line`` counts, so only its first ``_OPENING`` characters are
    read: a line can be a whole paragraph of several megabytes with dates all through it.
    """
    m = _LEADING_LABEL.match(line)
    if m is not None:
        mention = _first_full_date(line[m.end() : m.end() + _OPENING])
        if mention is not None and mention.start == 0:
            end = m.end() + mention.end
            time = _TIME.match(line, _skip_spaces(line, end))
            if time is not None:
                end = time.end()
            sep = _SEPARATOR.match(line, end)
            end = sep.end() if sep is not None else end
            return LeadingDate(mention.value, True, end, line[: m.end() + mention.end].strip())
    stripped = len(line) - len(line.lstrip())
    mention = _first_full_date(line[: stripped + _OPENING])
    if mention is not None and mention.start == stripped:
        return LeadingDate(mention.value, False, 0, mention.text)
    return None


def find_dateline(lines: Sequence[str]) -> Dateline | None:
    """The first wire dateline among the opening lines of the text."""
    for line in lines[:_DATELINE_SCAN_LINES]:
        m = _DATELINE.match(line)
        if m is not None:
            agency = (m.group("agency") or m.group("wire") or "").strip()
            when = m.group("when").strip(" ,.")
            after = m.group("after") or ""
            if not when and _date_only(after) is not None:
                when = after.strip(" ,.")
            if _date_only(agency) is not None:  # "DENVER (March 17, 2026) —": a date, not an agency
                when, agency = agency, ""
            place = m.group("place").strip(" -–—")
            return Dateline(place, when, agency, m.group(0).strip(" -–—"))
        dated = _DATELINE_DATED.match(line)
        if dated is not None and _date_only(dated.group("when")) is not None:
            written = dated.group(0).strip(" *_-–—")
            return Dateline(dated.group("place").strip(), dated.group("when").strip(" ,."), "", written)
    return None


def choose_date(
    clues: Sequence[DateClue], dateline: Dateline | None, *, context: str
) -> tuple[DateClue | None, list[str]]:
    """The best evidence, and a warning for every piece of evidence that says otherwise.

    A dateline without a year takes it from the best other clue, or failing that from the first
    full date in ``context`` (with a warning, because that date may be about something else).
    """
    warnings: list[str] = []
    ranked = sorted(clues, key=lambda c: c.rank)
    candidates = list(ranked)
    if dateline is not None and dateline.when:
        clue, note = _dateline_clue(dateline, ranked[0] if ranked else None, context)
        if clue is not None:
            candidates.append(clue)
        if note:
            warnings.append(note)
    if not candidates:
        return None, warnings
    chosen = min(candidates, key=lambda c: c.rank)
    for clue in candidates:
        if clue.value == chosen.value:
            continue
        if clue.rank == Rank.UPDATED_LINE and clue.value > chosen.value:
            continue  # an update after publication is not a disagreement
        warnings.append(
            f"date evidence disagrees: {chosen.source} gives {chosen.value.isoformat()} but "
            f"{clue.source} ({clue.text!r}) gives {clue.value.isoformat()}; using {chosen.source}"
        )
    return chosen, warnings


def _dateline_clue(dateline: Dateline, best: DateClue | None, context: str) -> tuple[DateClue | None, str]:
    own = _first_full_date(dateline.when)
    if own is not None:
        return DateClue(own.value, "dateline", Rank.DATELINE_WITH_YEAR, dateline.text), ""
    if best is not None:
        resolved = _first_day(dateline.when, best.value)
        if resolved is None:
            return None, ""
        return DateClue(resolved, f"dateline (year from {best.source})", Rank.DATELINE, dateline.text), ""
    anchor = _first_full_date(context)
    if anchor is None:
        return None, f"dateline {dateline.text!r} has no year and nothing else dates the text; no date set"
    resolved = _first_day(dateline.when, anchor.value)
    if resolved is None:
        return None, ""
    note = f"dateline {dateline.text!r} has no year; took it from {anchor.text!r} elsewhere in the text"
    return DateClue(resolved, "dateline", Rank.DATELINE, dateline.text), note


def _first_day(text: str, anchor: date) -> date | None:
    for mention in find_dates(text, anchor=anchor):
        if (
            mention.precision == "day"
            and "weekday" not in mention.how
            and "resolved against" not in mention.how
        ):
            return mention.value
    return None


def _first_full_date(text: str) -> DateMention | None:
    """The first date with day, month and year written in ``text``, or None.

    Read in growing prefixes (``_FIRST_SCAN`` characters, then four times more each round), so the
    cost follows where the first date is, not how long the text is; a text without any date is
    read about 1.3 times in all. A date found in a prefix counts only if it ends ``_DATE_REACH``
    characters before the cut, where nothing the date patterns read can reach across the cut.
    """
    size = _FIRST_SCAN
    while True:
        whole = size >= len(text)
        head = text if whole else text[:size]
        for mention in find_dates(head):
            if mention.precision == "day" and not mention.resolved:
                if whole or mention.end + _DATE_REACH <= size:
                    return mention
                break  # too near the cut: read a longer prefix
        if whole:
            return None
        size *= 4


def byline_date(line: str) -> date | None:
    """The date a byline carries: "By Reuters | November 18, 2026 9:42 AM GMT+1 | Updated ..."."""
    segments = _BYLINE_SEGMENTS.split(line.strip())
    if len(segments) < 2 or not re.match(r"[Bb][Yy]\s+[A-Z]", segments[0]):
        return None
    for segment in segments[1:]:
        mention = _date_only(segment)
        if mention is not None:
            return mention.value
    return None


def is_date_only(text: str) -> bool:
    """Is ``text`` a full date and nothing else but a time, weekday or time zone?"""
    return _date_only(text) is not None


def _date_only(rest: str) -> DateMention | None:
    """The date in ``rest`` if ``rest`` holds nothing else but a time, weekday or time zone."""
    mention = _first_full_date(rest)
    if mention is None or mention.start > 12:
        return None
    leftover = rest[: mention.start] + " " + rest[mention.end :]
    leftover = _CAPS_FILLER.sub(" ", _FILLER.sub(" ", _TIME.sub(" ", leftover)))
    return None if re.search(r"[^\W_]", leftover) else mention


def _skip_spaces(line: str, i: int) -> int:
    while i < len(line) and line[i] == " ":
        i += 1
    return i
