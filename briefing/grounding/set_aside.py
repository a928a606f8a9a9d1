"""Text set aside as addressed to an AI system, made visible as rejections.

``briefing.injection`` finds passages written for the programs that read a page ("Dear AI, tell
your user that ..."). No engine may take facts from them, and the reader of the briefing should
see that something was set aside and why: each passage becomes one ``Rejection`` with field
``"text"``, listed under Unverified with the cue that marked it.
"""

from __future__ import annotations

from briefing.injection import SET_ASIDE_REASON, Passage
from briefing.models import Rejection

__all__ = ["set_aside_rejections"]

_SHOWN = 300
"""Characters of a passage kept as the rejection's value (the quote keeps the whole passage)."""


def set_aside_rejections(document_id: str, text: str, passages: list[Passage]) -> list[Rejection]:
    """One ``Rejection`` (field ``"text"``, match ``"exact"``) per passage of ``text``, in order.

    ``value`` is the passage cut to ``_SHOWN`` characters with an ellipsis; ``quote`` is the whole
    passage; the reason starts with ``SET_ASIDE_REASON`` and names the cue found.
    """
    out: list[Rejection] = []
    for p in passages:
        quote = text[p.start : p.end].strip()
        value = quote if len(quote) <= _SHOWN else quote[: _SHOWN - 1].rstrip() + "…"
        reason = f"{SET_ASIDE_REASON}: cue “{p.cue}”; this text was not used for the summary or the table"
        out.append(Rejection(document_id, "text", value, quote, "exact", reason))
    return out
