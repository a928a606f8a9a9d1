"""Two small reading rules of the offline row finder: descriptors before a name, compound kinds.

News introduces a party with a descriptor ("X and Japanese trading house Y signed"), and names
one agreement with two trigger words ("joint venture agreement"). Both are read here so that
``offline_rows`` keeps to the grammar of subjects and objects.
"""

from __future__ import annotations

import re

from briefing.engines.offline.orgs import OrgMention
from briefing.engines.offline.orgs_forms import is_demonym
from briefing.engines.offline.orgs_words import PREPOSITIONS, words_of
from briefing.engines.offline.sentences import has_verb
from briefing.vocabulary import KIND_TRIGGERS, Trigger

__all__ = ["compounds", "descriptive", "skip_descriptor"]

_KIND_RANK = {kind: i for i, kind in enumerate(KIND_TRIGGERS)}
_NOT_DESCRIPTIVE = PREPOSITIONS | words_of(
    """
    that which who whom when while but because although though after before if what where whereas
    whether it they he she its their company firm startup two both and or the a an also
    """
)


def compounds(triggers: list[Trigger], text: str) -> list[Trigger]:
    """ "joint venture agreement", "collaboration agreement": one agreement, its most specific kind."""
    kept: list[Trigger] = []
    for t in triggers:
        if kept and not text[kept[-1].end : t.start].strip():
            if _KIND_RANK[t.canonical] < _KIND_RANK[kept[-1].canonical]:
                kept[-1] = t
            continue
        kept.append(t)
    return kept


def skip_descriptor(items: list[tuple[int, int, OrgMention | None]], i: int, text: str) -> int:
    """Step back over "Danish renewables developer" / "Morocco's" in front of a name.

    News introduces a party with a descriptor ("X and Japanese trading house Y signed"); the
    descriptor is skipped only when "and" or a comma comes before it, so the group goes on.
    """
    j, words = i, 0
    while j >= 0 and words < 4 and items[j][2] is None and descriptive(text[items[j][0] : items[j][1]]):
        j, words = j - 1, words + 1
    if words and j >= 0 and items[j][2] is None and text[items[j][0] : items[j][1]].lower() in {"and", ","}:
        return j
    return i


def descriptive(word: str) -> bool:
    """A word of a descriptor: "chipmaker", "state-owned", "Franco-Dutch", "Oslo-based", "Morocco's"."""
    if re.fullmatch(r"[^\W\d_][\w.]*['’]s", word) and word[0].isupper():
        return True  # a possessive owner: "Morocco's Agence ..."
    if is_demonym(word):
        return True
    if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word) or word.lower() in _NOT_DESCRIPTIVE:
        return False
    if "-" in word:
        return word.rsplit("-", 1)[1].islower()
    return word.islower() and not has_verb(word)
