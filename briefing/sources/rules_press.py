"""Line rules for page furniture that surrounds syndicated stories and press releases.

Kept apart from ``rules`` (which it extends) to keep both small. Each rule describes a form that
is never article prose: a section breadcrumb ("Markets | Technology | Europe"), a copyright or
licence line, a wire credit written without brackets ("— Reporting by ...; editing by ..."), a
press-release marker ("FOR IMMEDIATE RELEASE"), a translation disclaimer, a byline that carries
a time stamp ("By Reuters | November 18, 2026 9:42 AM GMT+1 | Updated 2 hours ago"), and the
heading of a press release's closing "About X" / "Media contact" section.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["PRESS_TAIL_HEADING", "furniture_kind", "is_press_marker"]

_CRUMB_WORD = r"[^\W\d_][\w'’.&-]*"
_CRUMB_SEGMENT = rf"{_CRUMB_WORD}(?:\s+(?:&|and|{_CRUMB_WORD})){{0,3}}"
_BREADCRUMB = re.compile(rf"^{_CRUMB_SEGMENT}(?:\s+[|›»>/]\s+{_CRUMB_SEGMENT}){{1,6}}$")
_COPYRIGHT_HEAD = re.compile(r"^(?:©|\([cC]\)|(?:COPYRIGHT|[Cc]opyright)\b(?=\s*(?:©|\([cC]\)|\d{4}|[A-Z])))")
_RIGHTS = re.compile(
    r"\ball\s+rights\s+reserved\b|\b(?:republished|reproduced|distributed)\s+"
    r"(?:by\s+[^.]{1,60}\s+)?(?:under|with)\s+(?:licen[cs]e|permission)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CREDIT = re.compile(
    r"^[—–-]*\s*(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by\s+[^.!?()]{2,200}$",
    re.IGNORECASE,
)
_PRESS_MARKER = re.compile(
    r"^(?:for\s+immediate\s+release|(?:press|news|media)\s+release|embargoed\s+(?:until|till)\b.{0,60})"
    r"[.:]?$",
    re.IGNORECASE,
)
_TRANSLATION = re.compile(
    r"\btranslation\b.{0,80}\b(?:for\s+(?:reference|convenience)|reference\s+only|shall\s+prevail)\b"
    r"|\bin\s+the\s+event\s+of\s+(?:any\s+)?discrepanc(?:y|ies)\b.{0,80}\bprevail\b",
    re.IGNORECASE,
)
_BYLINE_HEAD = re.compile(r"^[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,))*$")
PRESS_TAIL_HEADING = re.compile(
    r"^(?:about\s+(?P<name>[^\W\d_][^.!?:]{1,60})|(?:media|press|investor|editorial)\s+"
    r"(?:contacts?|enquiries|inquiries|relations)|contacts?|for\s+(?:more|further)\s+information"
    r"|forward[- ]looking\s+statements?)\s*:?$",
    re.IGNORECASE,
)
"""A heading that opens the closing boilerplate of a press release (see ``Page.drop_press_tail``)."""


def is_press_marker(text: str) -> bool:
    """ "FOR IMMEDIATE RELEASE", "Press release": the headline of a release follows it."""
    return _PRESS_MARKER.match(text) is not None


def furniture_kind(text: str, *, is_stamp: Callable[[str], bool]) -> str | None:
    """The kind of furniture ``text`` (one line, as a reader sees it) is, or ``None``.

    ``is_stamp`` says whether a byline segment is only a date or an "updated ... ago" stamp.
    """
    words = len(text.split())
    if _BREADCRUMB.match(text) and text[-1:] not in ".!?" and words <= 12:
        return "section breadcrumb"
    copyright_head = _COPYRIGHT_HEAD.match(text) is not None and _YEAR.search(text) is not None
    if (copyright_head or _RIGHTS.search(text)) and words <= 30:
        return "copyright line"
    if _CREDIT.match(text) and words <= 30:
        return "wire credit line"
    if is_press_marker(text):
        return "press-release marker"
    if _TRANSLATION.search(text) and words <= 60:
        return "translation notice"
    segments = [s.strip() for s in re.split(r"\s+[|·•]\s+", text)]
    if len(segments) > 1 and _BYLINE_HEAD.match(segments[0]) and all(is_stamp(s) for s in segments[1:]):
        return "byline"
    return None
