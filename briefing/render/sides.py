"""The sides of a disputed cell: one entry per distinct value, naming its sources compactly.

Many sources often repeat one figure ("£12 million") while one or two give another. Listing one
side per source repeated the same value dozens of times, and a single table cell ran to
thousands of characters and off the PDF page. A cell instead shows each distinct value once,
names at most :data:`SOURCES_NAMED` of its sources and counts the rest ("+4 more"); every
source and quote is still listed in the disagreements section and in the JSON.

Order is deterministic: the value most sources give first, ties by first appearance. Linear in
the number of sides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.render.escape import plain
from briefing.render.evidence import Plan, ranges
from briefing.render.labels import SourceLabel
from briefing.render.parts import MarkView, Side

SOURCES_NAMED = 3
"""How many sources a cell names per value before "+N more"."""

MarkMaker = Callable[[Plan, int, Callable[[str], SourceLabel]], MarkView | None]


def _who(lab: SourceLabel) -> str:
    return f"{lab.label} (copy of {lab.copy_of})" if lab.copy_of else lab.label


def _merged_mark(plan_: Plan, places: Sequence[int], labels: Callable[[str], SourceLabel]) -> MarkView | None:
    """One marker citing the quotes of every place in ``places`` (none of them verbatim)."""
    numbers: list[int] = []
    keys: list[int] = []
    for index in places:
        mark = plan_.marks[index]
        if mark is not None:
            numbers += mark.numbers
            keys += mark.keys
    if not keys:
        return None
    keys = sorted(dict.fromkeys(keys), key=lambda k: plan_.quotes[k].number or 0)
    first = plan_.quotes[keys[0]]
    label = labels(first.document_id).label
    return MarkView(ranges(numbers), tuple(keys), False, first.document_id, label, first.start, first.end)


def group_sides(
    entries: Sequence[tuple[int, str, str]],
    plan_: Plan,
    labels: Callable[[str], SourceLabel],
    mark: MarkMaker,
) -> tuple[Side, ...]:
    """``entries`` (place index, value, document id), one per source's value, as one :class:`Side`
    per distinct value (compared after whitespace is collapsed).

    A value one source gives keeps that source's label, copy note and marker as before. A value
    several sources give names the first :data:`SOURCES_NAMED` of them, in order, then "+N more";
    its marker cites the quotes of the sources named.
    """
    groups: dict[str, tuple[str, list[tuple[int, str]]]] = {}
    for index, value, doc_id in entries:
        groups.setdefault(plain(value), (value, []))[1].append((index, doc_id))
    sides: list[Side] = []
    for value, members in groups.values():
        firsts: dict[str, int] = {}
        for index, doc_id in members:
            firsts.setdefault(doc_id, index)
        docs = list(firsts)
        if len(docs) == 1:
            lab = labels(docs[0])
            sides.append(Side(value, lab.label, mark(plan_, members[0][0], labels), lab.copy_of))
            continue
        named = docs[:SOURCES_NAMED]
        who = [_who(labels(d)) for d in named]
        if len(docs) > len(named):
            who.append(f"+{len(docs) - len(named):,} more")
        cited = [i for i, d in members if d in named]
        sides.append(Side(value, "; ".join(who), _merged_mark(plan_, cited, labels), None, len(docs)))
    order = sorted(range(len(sides)), key=lambda i: (-sides[i].count, i))
    return tuple(sides[i] for i in order)
