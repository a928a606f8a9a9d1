"""Plan the evidence of a briefing: short markers where statements are, quotes gathered per block.

A *place* is anything that cites evidence: an executive-summary sentence, one cell of a
partnership row, a value in a disagreement, a summary sentence. A *block* is where quotes are
gathered and printed: after the executive summary, under each table row, in a disagreement's
own table, after each source summary. One typst footnote per cell buried the first pages under
notes and made typst's cost grow with the square of the rows, so instead:

- every cited slice is *owned* by one block, the most specific one citing it (a disagreement,
  then a table row, then a source summary, then the executive summary), and printed only there;
- overlapping slices of one document owned by one block are printed as one quote (their union,
  which is still an exact slice: each piece is ``page_content[start:end]``);
- printed quotes are numbered in the order they are printed, so a marker's number says where to
  look; a place's marker lists the numbers of the quotes holding its slices;
- a statement that *is* its slice word for word gets a source marker (document, span) instead,
  and its slice is not printed again.

Cost: one pass over places plus a sort of each block's slices; nothing compares pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.render.escape import plain

_MATCH_ORDER = ("exact", "normalized", "ellipsis", "fuzzy")


@dataclass(frozen=True, slots=True)
class Piece:
    """One cited slice: ``quote == page_content[start:end]`` of ``document_id``."""

    document_id: str
    start: int
    end: int
    quote: str
    match: str


@dataclass(frozen=True, slots=True)
class Place:
    """A citing spot in block ``block``; ``text`` is set where the statement may be its own quote."""

    block: int
    pieces: tuple[Piece, ...]
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """Where quotes are printed. Lower ``rank`` owns a slice first; ``merge`` joins overlaps."""

    rank: int
    merge: bool = True


@dataclass(frozen=True, slots=True)
class Quote:
    """A printed (or, for verbatim statements, linked) stretch of one source."""

    key: int
    """Unique per briefing: the HTML anchor ``q<key>``."""
    number: int | None
    """The number readers see; ``None`` for a slice only ever cited by its own verbatim statement."""
    block: int
    document_id: str
    quote: str
    start: int
    end: int
    match: str


@dataclass(frozen=True, slots=True)
class Mark:
    """What a place shows: numbers of printed quotes, or a source marker when it is verbatim."""

    numbers: tuple[int, ...]
    keys: tuple[int, ...]
    """Every quote the place rests on (for links), in the order of ``numbers``."""
    verbatim: Piece | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    marks: tuple[Mark | None, ...]
    """One per place, ``None`` where the place cites nothing."""
    quotes: tuple[Quote, ...]
    """Every quote by key."""
    by_block: Mapping[int, tuple[Quote, ...]]
    """The numbered quotes printed in each block, by number."""

    def printed(self, block: int) -> tuple[Quote, ...]:
        """The numbered quotes printed in ``block``, by number."""
        return self.by_block.get(block, ())


def _is_verbatim(place: Place) -> bool:
    slices = {(p.document_id, p.start, p.end) for p in place.pieces}
    return place.text is not None and len(slices) == 1 and plain(place.text) == plain(place.pieces[0].quote)


def _worst(a: str, b: str) -> str:
    rank = {m: i for i, m in enumerate(_MATCH_ORDER)}
    return a if rank.get(a, len(rank)) >= rank.get(b, len(rank)) else b


def plan(places: Sequence[Place], blocks: Sequence[Block]) -> Plan:
    """Own, merge and number the slices of ``places`` (given in reading order) by ``blocks``."""
    verbatim = [_is_verbatim(p) for p in places]
    owner: dict[tuple[str, int, int], tuple[int, int]] = {}
    listed: set[tuple[str, int, int]] = set()
    first_seen: dict[tuple[tuple[str, int, int], int], int] = {}
    """(slice, block) -> the first place of that block citing the slice."""
    pieces: dict[tuple[str, int, int], Piece] = {}
    for index, place in enumerate(places):
        for piece in place.pieces:
            key = (piece.document_id, piece.start, piece.end)
            pieces.setdefault(key, piece)
            first_seen.setdefault((key, place.block), index)
            rank = (blocks[place.block].rank, place.block)
            if verbatim[index]:
                owner.setdefault(key, (1_000_000, place.block))
                continue
            listed.add(key)
            if key not in owner or rank < owner[key]:
                owner[key] = rank
    # Group each block's slices by document and merge overlapping ones.
    by_block: dict[int, dict[str, list[tuple[str, int, int]]]] = {}
    for key, (_rank, block) in owner.items():
        by_block.setdefault(block, {}).setdefault(key[0], []).append(key)
    groups: list[tuple[int, int, list[tuple[str, int, int]]]] = []  # (block, first place, members)
    for block, docs in by_block.items():
        for keys in docs.values():
            keys.sort(key=lambda k: (k[1], k[2]))
            current: list[tuple[str, int, int]] = []
            reach, exact = -1, True  # the run's furthest end, and whether every slice in it is exact
            for key in keys:
                key_exact = len(pieces[key].quote) == key[2] - key[1]
                joinable = (
                    blocks[block].merge
                    and current
                    and key[1] <= reach
                    and (key in listed) == (current[0] in listed)
                    and exact
                    and key_exact
                )
                if current and not joinable:
                    groups.append((block, min(first_seen[(k, block)] for k in current), current))
                    current, reach, exact = [], -1, True
                current.append(key)
                reach, exact = max(reach, key[2]), exact and key_exact
            if current:
                groups.append((block, min(first_seen[(k, block)] for k in current), current))
    groups.sort(key=lambda g: (g[0], g[1], g[2][0][1]))
    quotes: list[Quote] = []
    group_of: dict[tuple[str, int, int], int] = {}
    number = 0
    for key_index, (block, _first, members) in enumerate(groups):
        start, end = members[0][1], max(k[2] for k in members)
        text, match, reach = "", "exact", start
        for k in members:
            piece = pieces[k]
            if k[2] > reach:
                text += (
                    piece.quote[max(0, reach - k[1]) :] if len(piece.quote) == k[2] - k[1] else piece.quote
                )
                reach = k[2]
            match = _worst(match, piece.match)
        shown = any(k in listed for k in members)
        number += shown
        quotes.append(
            Quote(key_index, number if shown else None, block, members[0][0], text, start, end, match)
        )
        for k in members:
            group_of[k] = key_index
    marks: list[Mark | None] = []
    for index, place in enumerate(places):
        if not place.pieces:
            marks.append(None)
            continue
        held = list(dict.fromkeys(group_of[(pc.document_id, pc.start, pc.end)] for pc in place.pieces))
        if verbatim[index]:
            marks.append(Mark(numbers=(), keys=tuple(held), verbatim=place.pieces[0]))
            continue
        held.sort(key=lambda k: quotes[k].number or 0)
        marks.append(Mark(numbers=tuple(quotes[k].number or 0 for k in held), keys=tuple(held)))
    printed: dict[int, list[Quote]] = {}
    for q in quotes:
        if q.number is not None:
            printed.setdefault(q.block, []).append(q)
    return Plan(
        marks=tuple(marks), quotes=tuple(quotes), by_block={b: tuple(qs) for b, qs in printed.items()}
    )


def ranges(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``"1–3, 5"``: a marker stays short however many quotes a cell has."""
    parts: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            parts.append(_run(run))
        run = [n]
    if run:
        parts.append(_run(run))
    return ", ".join(parts)


def _run(run: list[int]) -> str:
    if len(run) == 1:
        return str(run[0])
    return f"{run[0]}–{run[-1]}" if len(run) > 2 else f"{run[0]}, {run[1]}"
