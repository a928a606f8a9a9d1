"""Reading whether an agreement was not made, in a bounded window of its sentence.

``briefing.vocabulary.agreement_negation`` reads the trigger's whole sentence. A document with no
sentence break (a run-on paragraph of megabytes) would make every row read the whole document, so
grounding hands it the sentence clipped to ``NEGATION_REACH`` characters on each side of the
trigger. Every rule it applies is local (a negation within four words before the trigger, a denial
earlier in the sentence, a collapse verb within twenty words after), so a sentence of ordinary
length is read whole and the result is unchanged.
"""

from __future__ import annotations

from briefing.sentences import sentence_around
from briefing.vocabulary import agreement_negation

NEGATION_REACH = 400
"""Characters read before and after a trigger at most (a news sentence is rarely half as long)."""


def negation_near(text: str, start: int, end: int) -> str | None:
    """``agreement_negation`` for the trigger at ``text[start:end]``, reading at most
    ``NEGATION_REACH`` characters of its sentence on each side; the cost is bounded per call."""
    begin, stop = sentence_around(text, start, end)
    lo = begin
    if start - begin > NEGATION_REACH:
        space = text.find(" ", start - NEGATION_REACH, start)  # start the window at a word
        lo = space + 1 if space >= 0 else start - NEGATION_REACH
    hi = min(stop, end + NEGATION_REACH)
    if hi < stop:
        space = text.rfind(" ", end, hi)  # and end it after a whole word
        hi = space if space >= 0 else hi
    if lo == begin and hi == stop:
        return agreement_negation(text, start, end)  # an ordinary sentence: read exactly as before
    return agreement_negation(text[lo:hi], start - lo, end - lo, sentence=(0, hi - lo))
