"""How a source and a disputed value are shown compactly: short titles and the value in its quote.

A 90-character headline or a 20-character hash id does not fit a table column, and a reader
comparing two long quotes wants the disputed words to stand out. Both are display decisions only:
the full title and id stay in the Sources appendix and in every footnote, and a highlighted quote
is still the exact slice, split into three pieces.
"""

from __future__ import annotations

from briefing.render.contract import BriefingOut
from briefing.render.escape import plain


def short_title(title: str | None, *, limit: int = 42) -> str | None:
    """A title cut at a word boundary so it fits a narrow column; ``None`` when there is none."""
    text = plain(title or "")
    if not text:
        return None
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def source_labels(doc: BriefingOut) -> dict[str, tuple[str, bool]]:
    """Document id -> (label, titled): the short title, or the id for an untitled document.

    Where two documents would share a short title, the id is added to tell them apart.
    """
    titles: dict[str, str | None] = {s.document_id: s.title for s in doc.summaries}
    titles.update({d.id: d.title for d in doc.documents if d.title})
    short = {doc_id: short_title(title) for doc_id, title in titles.items()}
    seen = [s for s in short.values() if s]
    labels: dict[str, tuple[str, bool]] = {}
    for doc_id, label in short.items():
        if not label:
            labels[doc_id] = (doc_id, False)
        elif seen.count(label) > 1:
            labels[doc_id] = (f"{label} ({doc_id})", False)
        else:
            labels[doc_id] = (label, True)
    return labels


def highlight(quote: str, value: str) -> tuple[str, str, str]:
    """``quote`` split around the first occurrence of ``value``, ignoring case; else unsplit."""
    folded, needle = quote.lower(), plain(value).lower()
    at = folded.find(needle) if needle and len(folded) == len(quote) else -1
    if at < 0:
        return (quote, "", "")
    return (quote[:at], quote[at : at + len(needle)], quote[at + len(needle) :])
