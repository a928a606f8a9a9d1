"""Counterparts listed one by one after a plural agreement: "two contracts, one with A and one with B".

News often names one party and then distributes several agreements over its counterparts:
"signed two contracts this week, one with the Port of Gdansk and one with a Lithuanian ferry line",
"agreed three deals: one with A, another with B and a third with C". Each "one with X" gives its
own bilateral row. A counterpart may be a name the organisation spotter found, or an unnamed one
written as an indefinite description ("a Lithuanian ferry line"), which is quoted as written: the
source names no more, and the row says exactly that much.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.engines.offline.orgs import OrgMention

__all__ = ["each_counterpart"]

_EACH_RE = re.compile(
    r"(?:^|[,;:]\s*|\s+(?:and|while|plus)\s+|\s+)(?:and\s+)?"
    r"(?:one|another|the\s+other|(?:a|the)\s+(?:second|third|fourth|fifth|last))\s+(?:is\s+|was\s+)?with\s+",
    re.IGNORECASE,
)
_DESCRIPTION_RE = re.compile(
    r"(?:a|an)\s+(?:[\w’'-]+\s+){0,3}?[a-z][\w-]*(?=\s*(?:[,;.]|\s+(?:and|while|plus)\s|$))"
)
_CLAUSE_END_RE = re.compile(r"[.;!?]|\s[-–—]\s")


def each_counterpart(
    text: str, after: int, end: int, orgs: Sequence[OrgMention]
) -> list[tuple[str, int, int]]:
    """Counterparts distributed over "one with X ... one with Y" in ``text[after:end]``.

    Returns ``(value, start, end)`` per counterpart in order, or ``[]`` unless at least two are
    found (a single "one with X" is an ordinary object, which the row finder reads itself).
    """
    stop = _CLAUSE_END_RE.search(text, after, end)
    limit = stop.start() if stop else end
    found: list[tuple[str, int, int]] = []
    pos = after
    while (m := _EACH_RE.search(text, pos, limit)) is not None:
        if found and text[found[-1][2] : m.start()].strip(" ,;:") not in ("", "and"):
            break  # the list ended: something else came between two counterparts
        if not found and text[after : m.start()].count(",") > 2:
            break
        start = m.end() + (4 if text.startswith("the ", m.end()) else 0)
        mention = next((o for o in orgs if o.start == start and not o.government), None)
        if mention is not None:
            found.append((mention.text, mention.start, mention.end))
            pos = mention.reach
            continue
        description = _DESCRIPTION_RE.match(text, m.end(), limit)
        if description is None:
            break
        found.append((description.group(), description.start(), description.end()))
        pos = description.end()
    return found if len(found) >= 2 else []
