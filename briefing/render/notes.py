"""Plan the footnotes of a briefing: one mark per cited place, each source slice quoted once.

A *place* is anything that cites evidence: an executive-summary sentence, one cell of the
partnership table, a summary sentence or key point. Citing each evidence item with its own mark
buried table cells under six marks and filled the first PDF pages with footnote text, so:

- every place carries at most one mark, pointing to one note;
- every evidence id is quoted in exactly one note, so it has one number document-wide;
- a note groups its quotes by source and names each source once, with every slice's span;
- the table and the source summaries *own* their evidence: an executive-summary sentence that
  restates a table row points to the table's notes instead of quoting the same slices again;
- a slice already printed verbatim (a summary sentence that is its own quote, a quote in the
  "Where sources disagree" tables) is cited by document and span without repeating its text.

Marks are numbered in reading order of first appearance, as Markdown viewers and typst number them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.render.contract import EvidenceOut
from briefing.render.escape import plain

EXECUTIVE = "executive summary"
TABLE = "partnership table"
SUMMARIES = "source summaries"
_OWNER_ORDER = {TABLE: 0, SUMMARIES: 1, EXECUTIVE: 2}
"""Which section quotes a slice cited in several: the most specific one."""
VERBATIM = "the sentence above, verbatim"
IN_DISAGREEMENTS = "quoted under “Where sources disagree”"


@dataclass(frozen=True, slots=True)
class Place:
    """One citing spot, in reading order. ``text`` is set where the statement may be its quote."""

    section: str
    label: str
    evidence_ids: tuple[str, ...]
    text: str | None = None
    remark: str = ""
    home: str | None = None
    """The document a summary section is about: its heading already gives the title."""


@dataclass(frozen=True, slots=True)
class Cite:
    """One citation mark. ``first`` is true where the note is met for the first time."""

    number: int
    first: bool


@dataclass(frozen=True, slots=True)
class Quote:
    """A source slice: ``quote`` is ``page_content[start:end]``; ``shown`` says where the text is
    printed instead when it is not repeated here (empty: the quote is printed in the note)."""

    evidence_id: str
    quote: str
    start: int
    end: int
    match: str
    shown: str


@dataclass(frozen=True, slots=True)
class SourceGroup:
    document_id: str
    label: str
    """Short title, or the id itself for an untitled document."""
    titled: bool
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class Note:
    number: int
    label: str
    groups: tuple[SourceGroup, ...]
    see: str
    """Where the rest of the place's evidence is quoted ("Also quoted in note 8 (...)"), or ''."""
    remark: str
    shown: str
    """Set when several slices are all printed in the same other place: said once, not per slice."""


@dataclass(frozen=True, slots=True)
class Sources:
    """What the planner needs to know about documents: short labels, order, visible slices."""

    labels: Mapping[str, tuple[str, bool]]
    """document id -> (label, has a title)."""
    order: Mapping[str, int]
    visible: Mapping[tuple[str, int, int, str], str]
    """(document id, start, end, quote) -> where that exact slice is already printed."""


def plan(
    places: Sequence[Place], evidence: Mapping[str, EvidenceOut], sources: Sources
) -> tuple[tuple[Cite | None, ...], tuple[Note, ...]]:
    """The mark of every place (``None`` for a place citing nothing) and the notes, by number."""
    owner: dict[str, int] = {}
    for index in sorted(range(len(places)), key=lambda i: _OWNER_ORDER.get(places[i].section, 3)):
        for ev_id in places[index].evidence_ids:
            owner.setdefault(ev_id, index)
    target: list[int | None] = []
    for index, place in enumerate(places):
        owners = list(dict.fromkeys(owner[e] for e in place.evidence_ids))
        if index in owners or len(owners) > 1:
            target.append(index)  # writes its own note: its quotes, or where they are
        else:
            target.append(owners[0] if owners else None)
    numbers: dict[int, int] = {}
    cites: list[Cite | None] = []
    for t in target:
        if t is None:
            cites.append(None)
        elif t in numbers:
            cites.append(Cite(number=numbers[t], first=False))
        else:
            numbers[t] = len(numbers) + 1
            cites.append(Cite(number=numbers[t], first=True))
    sections = {number: places[i].section for i, number in numbers.items()}
    notes = []
    for index, number in numbers.items():
        place = places[index]
        owned = [e for e in dict.fromkeys(place.evidence_ids) if owner[e] == index]
        elsewhere = sorted({numbers[owner[e]] for e in place.evidence_ids if owner[e] != index})
        groups = _groups(owned, place, evidence, sources)
        shown = {q.shown for g in groups for q in g.quotes}
        common = shown.pop() if len(shown) == 1 and sum(len(g.quotes) for g in groups) > 1 else ""
        notes.append(
            Note(
                number=number,
                label=place.label,
                groups=groups,
                see=_see(elsewhere, sections, also=bool(owned)),
                remark=place.remark,
                shown=common,
            )
        )
    return tuple(cites), tuple(sorted(notes, key=lambda n: n.number))


def _groups(
    owned: list[str], place: Place, evidence: Mapping[str, EvidenceOut], sources: Sources
) -> tuple[SourceGroup, ...]:
    by_doc: dict[str, dict[tuple[int, int], Quote]] = {}
    for ev_id in owned:
        ev = evidence[ev_id]
        if place.text is not None and plain(place.text) == plain(ev.quote):
            shown = VERBATIM
        else:
            shown = sources.visible.get((ev.document_id, ev.start, ev.end, ev.quote), "")
        quote = Quote(ev.id, ev.quote, ev.start, ev.end, ev.match, shown)
        # Two ids naming the same slice of one document are one quote to a reader.
        by_doc.setdefault(ev.document_id, {}).setdefault((ev.start, ev.end), quote)
    groups = []
    for doc_id in sorted(by_doc, key=lambda d: (sources.order.get(d, len(sources.order)), d)):
        label, titled = sources.labels.get(doc_id, (doc_id, False))
        if doc_id == place.home:
            label, titled = doc_id, False
        quotes = tuple(q for _, q in sorted(by_doc[doc_id].items()))
        groups.append(SourceGroup(document_id=doc_id, label=label, titled=titled, quotes=quotes))
    return tuple(groups)


def _see(numbers: list[int], sections: Mapping[int, str], *, also: bool) -> str:
    if not numbers:
        return ""
    parts: dict[str, list[int]] = {}
    for n in numbers:
        parts.setdefault(sections[n], []).append(n)
    phrases = [
        f"{'notes' if len(ns) > 1 else 'note'} {', '.join(str(n) for n in ns)} ({section})"
        for section, ns in parts.items()
    ]
    return f"{'Also quoted' if also else 'Quoted'} in {_join(phrases)}."


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
