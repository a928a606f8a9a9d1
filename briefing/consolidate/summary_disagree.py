"""Summary wording of disagreements: each by what it measures, each side cited, a few per sentence.

"sources differ on the term (30 vs 35 years), the number of berths (four vs five) and the value
(€1.2 billion vs €1.1 billion), and on 2 more points (see Sources disagree)". A sentence names at
most ``LISTED`` disagreements; the rest are counted and left to the briefing's "Sources disagree"
(or "Inconsistent within one source") section, which lists every one. Every value a sentence
shows is cited by the quote that gives it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing.consolidate.discrepancies import citation_for
from briefing.consolidate.summary_disputes import Dispute, shown_value
from briefing.consolidate.summary_measures import describe, measure_of
from briefing.consolidate.summary_select import Story
from briefing.consolidate.wording import join_names
from briefing.models import Discrepancy, SummarySentence

LISTED = 3
"""Disagreements named in one sentence; more are counted."""
SECTIONS = {"between_sources": "Sources disagree", "within_document": "Inconsistent within one source"}
"""The briefing's section headings that list every disagreement (``briefing.render.view.SCOPES``)."""


def told(d: Dispute) -> str:
    """ "the term (30 vs 35 years)", or "the kind of agreement" when the values are unknown."""
    if d.measure is None or len(d.values) < 2:
        return f"the {d.label}"
    return describe(d.measure, d.field, d.values)


def more_points(n: int, scope: str = "between_sources") -> str:
    """ "and on 2 more points (see Sources disagree)"; empty for none."""
    if n <= 0:
        return ""
    return f"and on {n} more point{'s' if n != 1 else ''} (see {SECTIONS.get(scope, SECTIONS['between_sources'])})"


def differ_clause(disputes: Sequence[Dispute], *, listed: int = LISTED) -> tuple[str, tuple[str, ...]]:
    """("sources differ on A, B and C, and on N more points (see ...)", citations of the values shown)."""
    if not disputes:
        return "", ()
    shown = disputes[:listed]
    text = "sources differ on " + join_names([told(d) for d in shown])
    more = more_points(len(disputes) - len(shown))
    if more:
        text += ", " + more
    return text, tuple(dict.fromkeys(c for d in shown for c in d.citations))


def as_dispute(d: Discrepancy, index: dict[tuple[str, int, int], str]) -> Dispute:
    """One disagreement as a ``Dispute`` of its own measure, every value cited."""
    values = tuple(dict.fromkeys(shown_value(d.field, v.value) for v in d.values))
    cites = tuple(dict.fromkeys(citation_for(v, index) for v in d.values))
    return Dispute(d.field, values, cites, measure_of(d))


def between_sentence(
    rows: Sequence[tuple[Story, Sequence[Dispute]]],
    loose: Sequence[Discrepancy],
    index: dict[tuple[str, int, int], str],
    *,
    also: bool = False,
) -> SummarySentence | None:
    """Disagreements between sources not told with a lead story: grouped by row, then the ones
    that belong to no row; at most ``LISTED`` named, the rest counted.

    "Sources disagree on 3 points of the contract between A and B: the value (…), the term (…) and
    the number of trains (…)."; with several rows, "…: on the contract between A and B, the value
    (…); on the MOU between C and D, the date (…), and on 4 more points (see Sources disagree)."
    """
    groups: list[tuple[str, list[Dispute]]] = [
        (f"the {s.partnership.kind} between {join_names(s.partnership.parties)}", list(ds))
        for s, ds in rows
        if ds
    ]
    if loose:
        groups.append(("", [as_dispute(d, index) for d in loose]))
    total = sum(len(ds) for _w, ds in groups)
    if not total:
        return None
    budget, parts, cites = LISTED, [], []
    for what, ds in groups:
        if budget <= 0:
            break
        shown = ds[:budget]
        budget -= len(shown)
        cites += [c for d in shown for c in d.citations]
        named = join_names([told(d) for d in shown])
        parts.append((what, named))
    named_count = LISTED - budget
    head = f"Sources {'also ' if also else ''}disagree on {total} point{'s' if total != 1 else ''}"
    if len(parts) == 1 and parts[0][0]:
        text = f"{head} of {parts[0][0]}: {parts[0][1]}"
    else:
        text = f"{head}: " + "; ".join(f"on {w}, {n}" if w else n for w, n in parts)
    more = more_points(total - named_count)
    text += (", " + more if more else "") + "."
    return SummarySentence(text, tuple(dict.fromkeys(cites)))


def within_sentence(
    items: Sequence[Discrepancy], index: dict[tuple[str, int, int], str]
) -> SummarySentence | None:
    """ "Inconsistent within one source, on 2 points: the share given for “…” (70% vs 71%) and …"."""
    if not items:
        return None
    shown = [as_dispute(d, index) for d in items[:LISTED]]
    n = len(items)
    text = f"Inconsistent within one source, on {n} point{'s' if n != 1 else ''}: {join_names([told(d) for d in shown])}"
    more = more_points(n - len(shown), "within_document")
    text += (", " + more if more else "") + "."
    return SummarySentence(text, tuple(dict.fromkeys(c for d in shown for c in d.citations)))


def row_groups(
    stories: Sequence[Story], disputes_of: Mapping[str, Sequence[Dispute]]
) -> list[tuple[Story, Sequence[Dispute]]]:
    """(story, its disputes with known values) in story order, rows without disputes left out."""
    out: list[tuple[Story, Sequence[Dispute]]] = []
    for s in stories:
        ds = [d for d in disputes_of.get(s.partnership.id, ()) if len(d.values) >= 2]
        if ds:
            out.append((s, ds))
    return out
