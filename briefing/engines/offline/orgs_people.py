"""Who is a person and who is an organisation, when a name does both things news text lets it do.

"Dalby Composites said ..." has the shape of "Jane Okafor said ...": a two-word capitalised name
before a speech verb. Companies speak in news as often as people do, so a speech verb alone is weak
evidence of a person. It is overruled when the same document treats the name as an organisation:
it speaks of itself as "it" ("X said it would"), it signs or agrees ("X has signed a supply
agreement", "X and Y signed"), a spokesperson speaks for it, or it is the counterpart of an
agreement ("an agreement with X"). Stronger evidence of
a person (a job title or honorific before the name, "X, who ...") is never overruled.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.engines.offline import orgs_words as W
from briefing.engines.offline.orgs_forms import name_shaped
from briefing.engines.offline.tokens import Token
from briefing.vocabulary import find_kinds

__all__ = ["People", "acts_as_organisation", "agreement_starts"]

_IT = frozenset({"it", "its", "it's", "it’s", "itself"})
_AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "also", "today", "yesterday"})
_AGREEING_VERBS = frozenset(
    {"signed", "signs", "sign", "agreed", "agrees", "inked", "struck", "sealed", "entered", "enters", "won"}
)
_SPEAKS_FOR = frozenset(
    {"spokesperson", "spokesman", "spokeswoman", "representative", "statement", "lawyer", "lawyers"}
)
_COUNTERPART = frozenset({"with", "between"})
_TRIGGER_LOOKBACK = 80
"""Characters before "with X" in which an agreement phrase makes X its counterpart."""


def acts_as_organisation(tokens: list[Token], run: list[int], triggers: Sequence[int]) -> bool:
    """Does this mention of a name (token indices ``run``) treat it as an organisation?

    True for "X said it/its ...", "X (has) signed/agreed/struck ... <agreement>" and
    "<agreement> ... with/between X". ``triggers`` holds the start offsets of the sentence's
    agreement phrases (``agreement_starts``), sorted.
    """
    after = [t for t in tokens[run[-1] + 1 : run[-1] + 4] if t.is_word]
    if len(after) >= 2 and after[0].lower in W.SPEECH_VERBS and after[1].lower in _IT:
        return True
    j = run[-1] + 1  # "X and Y have signed": step over the rest of a subject group
    while j < min(len(tokens), run[-1] + 9) and (tokens[j].lower in ("and", "&", ",") or tokens[j].is_cap):
        j += 1
    verbs = [t for t in tokens[j : j + 3] if t.is_word and t.lower not in _AUXILIARIES][:1]
    if (
        verbs
        and verbs[0].lower in _AGREEING_VERBS
        and _any_between(triggers, verbs[0].end, verbs[0].end + 120)
    ):
        return True
    before = tokens[run[0] - 1] if run[0] else None
    if (
        before is not None
        and before.lower == "for"
        and run[0] >= 2
        and tokens[run[0] - 2].lower in _SPEAKS_FOR
    ):
        return True  # "a spokesperson for X": X is an organisation
    if before is not None and before.lower in _COUNTERPART:
        return _any_between(triggers, before.start - _TRIGGER_LOOKBACK, before.start)
    return False


def agreement_starts(sentence: str) -> list[int]:
    """Where the agreement phrases of ``sentence`` start, for ``acts_as_organisation``."""
    return [t.start for t in find_kinds(sentence)]


def _any_between(starts: Sequence[int], lo: int, hi: int) -> bool:
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


@dataclass
class People:
    """Names learned as people while reading a document, with how sure each one is.

    ``learn(name, weak=True)`` records speech-verb evidence; ``acting(name)`` records that the
    document also treats the name as an organisation. ``settle()`` gives the final set of names
    (and surnames) to read as people.
    """

    strong: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    acting_names: set[str] = field(default_factory=set)

    def learn(self, name: str, *, weak: bool = False) -> None:
        """Record ``name`` as a person if it is shaped like one ("Jane Okafor", "J. Doe")."""
        parts = name.split()
        if parts and all(name_shaped(p) and p.lower() not in W.ORG_SUFFIXES for p in parts):
            (self.weak if weak else self.strong).add(name)

    def acting(self, name: str) -> None:
        """Record that the document treats ``name`` as an organisation somewhere."""
        self.acting_names.add(name)

    def settle(self) -> set[str]:
        """Every name to read as a person, with the surname of each multi-word one."""
        names = self.strong | (self.weak - self.acting_names)
        return names | {n.split()[-1] for n in names if len(n.split()) > 1}
