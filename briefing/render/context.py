"""The paragraphs of cleaned source text around cited spans, so a quote can be read in context.

The HTML briefing shows every quote highlighted inside its paragraph. Documents are not part of
the ``Briefing``, so the pipeline calls :func:`source_paragraphs` once, while it still has the
cleaned texts, and the briefing carries only the paragraphs that hold a cited span.

A paragraph is text between blank lines. One longer than ``limit`` characters (a document with
no blank lines at all) is cut to a window around the span at whitespace, so a single cited
sentence never embeds a whole book. Cost: one pass over each cited document to find paragraph
breaks, plus sorting the spans; never proportional to spans times text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence

from briefing.models import Briefing, SourceParagraph

_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
LIMIT = 1200
"""Longest paragraph shown whole; longer ones are cut to about this much around the span."""


def _paragraph_bounds(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [0], []
    for m in _BREAK.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


def _window(
    text: str, start: int, end: int, bounds: tuple[list[int], list[int]], limit: int
) -> tuple[int, int]:
    starts, ends = bounds
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_right(starts, max(start, end - 1)) - 1)
    lo, hi = min(starts[first], start), max(ends[last], end)
    if hi - lo <= limit + (end - start):
        return lo, hi
    room = max(0, limit - (end - start)) // 2
    lo2, hi2 = max(lo, start - room), min(hi, end + room)
    # Cut at whitespace so no word is split at either edge.
    if lo2 > lo:
        space = text.find(" ", lo2, start)
        lo2 = space + 1 if space >= 0 else start
    if hi2 < hi:
        space = text.rfind(" ", end, hi2)
        hi2 = space if space >= 0 else end
    return lo2, hi2


def source_paragraphs(
    texts: Mapping[str, str], spans: Iterable[tuple[str, int, int]], *, limit: int = LIMIT
) -> tuple[SourceParagraph, ...]:
    """The paragraphs of ``texts`` (document id -> cleaned text) that hold each ``(id, start, end)``.

    Overlapping windows of one document are joined, so every span lies inside exactly one
    returned paragraph. Spans of unknown documents or outside their text are ignored.
    """
    wanted: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in spans:
        text = texts.get(doc_id)
        if text is not None and 0 <= start <= end <= len(text):
            wanted.setdefault(doc_id, []).append((start, end))
    out: list[SourceParagraph] = []
    for doc_id in sorted(wanted):
        text = texts[doc_id]
        bounds = _paragraph_bounds(text)
        windows = sorted(_window(text, s, e, bounds, limit) for s, e in set(wanted[doc_id]))
        merged: list[list[int]] = []
        for lo, hi in windows:
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out += [SourceParagraph(doc_id, lo, text[lo:hi]) for lo, hi in merged]
    return tuple(out)


def cited_spans(briefing: Briefing) -> list[tuple[str, int, int]]:
    """Every ``(document id, start, end)`` the briefing quotes: evidence and disagreement values."""
    spans = [(ev.document_id, ev.start, ev.end) for ev in briefing.evidence]
    spans += [(ev.document_id, ev.start, ev.end) for p in briefing.partnerships for _, ev in p.evidence]
    spans += [
        (f.evidence.document_id, f.evidence.start, f.evidence.end)
        for s in briefing.summaries
        for f in (*s.sentences, *s.key_points)
    ]
    spans += [(v.document_id, v.start, v.end) for d in briefing.discrepancies for v in d.values]
    return spans


class ParagraphIndex:
    """Find the stored paragraph around a span in O(log n)."""

    def __init__(self, paragraphs: Sequence[SourceParagraph]) -> None:
        self._by_doc: dict[str, list[SourceParagraph]] = {}
        for p in sorted(paragraphs, key=lambda p: (p.document_id, p.start)):
            self._by_doc.setdefault(p.document_id, []).append(p)
        self._starts = {doc: [p.start for p in ps] for doc, ps in self._by_doc.items()}

    def around(self, document_id: str, start: int, end: int) -> SourceParagraph | None:
        """The paragraph holding ``[start, end)`` of ``document_id``, or ``None``."""
        starts = self._starts.get(document_id)
        if not starts:
            return None
        at = bisect.bisect_right(starts, start) - 1
        if at < 0:
            return None
        p = self._by_doc[document_id][at]
        return p if end <= p.start + len(p.text) else None
