"""Which documents report the same story, so that their figures may be compared at all.

"Shares rose 12% in early trading" in one story and "shares rose 40%" in another are not a
disagreement: they are about different companies. Two documents are taken to tell the same story
when one copies the other, when both support the same merged partnership, or when they share at
least two *distinctive* names (capitalised words that few documents of the corpus use, so that
"UK" or "AI" in every document ties nothing together). Names do not tie two documents that each
report agreements when no agreement of one could be an agreement of the other (a party in
common, and kinds and dates that fit one event, as ``merge`` decides): they are about different
deals, however many names they share (a sector word, the same analysts' firm, one of the parties).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.consolidate._text import STOPWORDS, fold
from briefing.consolidate.compat import LooseDate, one_event
from briefing.dates import MONTHS, WEEKDAYS

Related = Callable[[str, str], bool]

MIN_SHARED_NAMES = 2
MAX_STORY_DOCUMENTS = 50
"""A name used by more documents than this ties no story together, however large the corpus."""
_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]*[A-Za-z]", re.MULTILINE)
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | STOPWORDS


def story_names(document_id: str, text: str) -> set[str]:
    """Capitalised words of ``text`` that do not start a sentence or a line, case-folded (a crude
    but language-free cue). ``document_id`` is unused: the signature of ``once_per_document``."""
    return {fold(name) for name in set(_NAME_RE.findall(text))} - _NOT_NAMES


def story_relation(
    texts: Mapping[str, str],
    *,
    duplicate_of: Mapping[str, str],
    partnership_sources: Iterable[Sequence[str]],
    reporting: Mapping[str, Sequence[Deal]] | None = None,
    names_of: Callable[[str, str], set[str]] = story_names,
) -> Stories:
    """A predicate saying whether two document ids tell the same story (see the module docstring).

    ``partnership_sources`` are the sources of each agreement reported by more than one document;
    ``reporting`` maps each document that reports agreements to those agreements (``Deal``).
    ``names_of`` reads a document's names (``story_names``, or a run's remembered readings of it).
    """
    linked: set[frozenset[str]] = {frozenset(pair) for pair in duplicate_of.items()}
    for sources in partnership_sources:
        linked |= {frozenset((a, b)) for a in sources for b in sources if a != b}
    names = {doc_id: names_of(doc_id, text) for doc_id, text in texts.items()}
    frequency = Counter(name for found in names.values() for name in found)
    rare_limit = min(MAX_STORY_DOCUMENTS, max(2, len(texts) // 10))
    distinctive = {
        doc_id: {n for n in found if frequency[n] <= rare_limit} for doc_id, found in names.items()
    }

    deals = reporting or {}

    def different_deals(a: str, b: str) -> bool:
        """Do both report agreements, none of which could be one of the other's?"""
        if a not in deals or b not in deals:
            return False
        return not any(x.may_be(y) for x in deals[a] for y in deals[b])

    def related(a: str, b: str) -> bool:
        if a == b or frozenset((a, b)) in linked:
            return True
        if different_deals(a, b):
            return False
        return len(distinctive.get(a, set()) & distinctive.get(b, set())) >= MIN_SHARED_NAMES

    blocks = _blocks(list(texts), linked, distinctive, different_deals)
    return Stories(related, blocks)


@dataclass(frozen=True, slots=True)
class Deal:
    """An agreement a document reports, as far as telling stories apart needs it."""

    parties: frozenset[str]
    """Canonical names."""
    kind: str
    """Normalised (``compat.normal_kind``)."""
    when: LooseDate | None

    def may_be(self, other: Deal) -> bool:
        """Could the two be one agreement: a party in common, and kinds and dates that fit one
        event (``compat.one_event``, the test ``merge`` joins rows by)?"""
        return not self.parties.isdisjoint(other.parties) and one_event(
            self.kind, self.when, other.kind, other.when
        )


class Stories:
    """The story relation and the blocks it induces (connected groups of related documents).

    Figures are compared only inside a block, so no step looks at every pair of documents.
    """

    def __init__(self, related: Related, blocks: list[list[str]]) -> None:
        self.related = related
        self.blocks = blocks

    def __call__(self, a: str, b: str) -> bool:
        return self.related(a, b)


def _blocks(
    ids: list[str],
    linked: set[frozenset[str]],
    distinctive: Mapping[str, set[str]],
    different_deals: Related,
) -> list[list[str]]:
    parent = {d: d for d in ids}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[find(a)] = find(b)

    for pair in linked:
        if len(pair) == 2:
            a, b = tuple(pair)
            union(a, b)
    by_name: dict[str, list[str]] = {}
    for doc_id, found in distinctive.items():
        for name in found:
            by_name.setdefault(name, []).append(doc_id)
    shared: Counter[tuple[str, str]] = Counter()
    for docs in by_name.values():  # each list holds at most MAX_STORY_DOCUMENTS documents
        for i, a in enumerate(docs):
            for b in docs[i + 1 :]:
                if not different_deals(a, b):
                    shared[(a, b) if a < b else (b, a)] += 1
    for (a, b), count in shared.items():
        if count >= MIN_SHARED_NAMES:
            union(a, b)
    groups: dict[str, list[str]] = {}
    for d in ids:
        groups.setdefault(find(d), []).append(d)
    return list(groups.values())
