"""Reader comments and reply threads after an article, found by what they are, not what they are
called.

trafilatura drops comment sections whose containers carry the usual names ("comments",
"disqus"); a site that calls them "reader-responses" or "talkback" leaks readers' claims into the
article. A thread is recognised by its parts instead: repeated items that each carry a "Reply"
control, a heading that names a discussion ("Comments", "Reader responses", "Join the
conversation"), a form with a text box, or schema.org ``Comment`` markup. Such a container is
removed before extraction, unless it holds the page's headline (then only the heading and what
follows it go), so the article itself is never cut.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["prune_threads"]

_REPLY = re.compile(r"^\s*(?:reply|respond|replies|report(?:\s+abuse)?|flag|quote)\s*(?:\(\d+\))?\s*$", re.I)
_THREAD_HEADING = re.compile(
    r"^\s*(?:\d+\s+)?(?:(?:reader|readers['’]?|user|your|visitor)\s+)?"
    r"(?:comments?|responses?|replies|reactions|discussion|talkback|letters)\s*(?:\(\d+\))?\s*:?\s*$"
    r"|\bjoin\s+the\s+(?:conversation|discussion)\b|\bhave\s+your\s+say\b|\bleave\s+a\s+(?:reply|comment)\b"
    r"|\bwhat\s+(?:readers|you)\s+(?:think|say)\b",
    re.IGNORECASE,
)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def prune_threads(tree: Any) -> list[str]:
    """Remove comment threads from ``tree`` (an lxml HTML tree) in place; notes of what went."""
    notes: list[str] = []
    headline = tree.find(".//h1")
    for node in tree.xpath("//*[contains(@itemtype, 'Comment') or @itemprop='comment']"):
        if _remove(node, headline):
            notes.append("reader comment (schema.org Comment markup)")
    controls = [n for n in tree.iter("a", "button", "span") if _REPLY.match(n.text_content() or "")]
    counts: dict[Any, int] = {}
    for control in controls:
        for ancestor in control.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    for control in controls:
        thread = next((a for a in control.iterancestors() if counts.get(a, 0) >= 2), None)
        if thread is not None and thread.getparent() is not None and _remove(thread, headline):
            notes.append(f"reader comment thread ({counts[thread]} replies)")
    for heading in list(tree.iter(*_HEADINGS)):
        if heading.getparent() is None or not _THREAD_HEADING.search(heading.text_content() or ""):
            continue
        parent = heading.getparent()
        if _holds(parent, headline):
            for sibling in [heading, *heading.itersiblings()]:
                parent.remove(sibling)
        elif parent.getparent() is not None:
            parent.getparent().remove(parent)
        notes.append(f"reader comment section under {heading.text_content().strip()[:40]!r}")
    for form in tree.xpath("//form[.//textarea]"):
        if form.getparent() is not None:
            form.getparent().remove(form)
            notes.append("comment form")
    return notes


def _remove(node: Any, headline: Any) -> bool:
    parent = node.getparent()
    if parent is None or _holds(node, headline):
        return False
    parent.remove(node)
    return True


def _holds(node: Any, headline: Any) -> bool:
    return headline is not None and (node is headline or any(a is node for a in headline.iterancestors()))
