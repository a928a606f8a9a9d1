"""Which documents report the same story, so that their figures may be compared at all.

"Shares rose 12% in early trading" in one story and "shares rose 40%" in another are not a
disagreement: they are about different companies. Two documents are taken to tell the same story
when one copies the other, when both support the same merged partnership, or when they share at
least two *distinctive* names (capitalised words that few documents of the corpus use, so that
"UK" or "AI" in every document ties nothing together).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from briefing.consolidate._text import STOPWORDS, fold
from briefing.dates import MONTHS, WEEKDAYS

Related = Callable[[str, str], bool]

MIN_SHARED_NAMES = 2
_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]*[A-Za-z]", re.MULTILINE)
_NOT_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | STOPWORDS


def _names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence or a line (a crude but language-free cue)."""
    return {fold(m.group()) for m in _NAME_RE.finditer(text)} - _NOT_NAMES


def story_relation(
    texts: Mapping[str, str],
    *,
    duplicate_of: Mapping[str, str],
    partnership_sources: Iterable[Sequence[str]],
) -> Related:
    """A predicate saying whether two document ids tell the same story (see the module docstring)."""
    linked: set[frozenset[str]] = {frozenset(pair) for pair in duplicate_of.items()}
    for sources in partnership_sources:
        linked |= {frozenset((a, b)) for a in sources for b in sources if a != b}
    names = {doc_id: _names(text) for doc_id, text in texts.items()}
    frequency = Counter(name for found in names.values() for name in found)
    rare_limit = max(2, len(texts) // 10)
    distinctive = {
        doc_id: {n for n in found if frequency[n] <= rare_limit} for doc_id, found in names.items()
    }

    def related(a: str, b: str) -> bool:
        if a == b or frozenset((a, b)) in linked:
            return True
        return len(distinctive.get(a, set()) & distinctive.get(b, set())) >= MIN_SHARED_NAMES

    return related
