"""How the scorer compares a gold spelling with what a briefing wrote: folded words, contiguous.

Folding: Unicode NFKD with accents dropped, case folded, dots removed inside abbreviations
("U.K." -> "uk"), every other non-alphanumeric character a word break, and a leading "the" dropped.
A gold alias *covers* a name when the alias's words occur in the name as a contiguous run, so
"Department of State Development" covers "Queensland's Department of State Development" but
"Google" would also cover "Google DeepMind": gold writers list precise aliases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["covers", "covers_any", "fold", "words"]

_DOT_RE = re.compile(r"(?<=[^\W\d])\.(?=[^\W\d]|\s|$)")  # abbreviation dots, not "2.1"
_BREAK_RE = re.compile(r"[^\w%$€£]+")


def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    parts = [w for w in _BREAK_RE.split(_DOT_RE.sub("", plain).replace("_", " ")) if w]
    return tuple(parts[1:] if parts[:1] == ["the"] and len(parts) > 1 else parts)


def fold(text: str) -> str:
    """``text`` folded to one comparable string."""
    return " ".join(words(text))


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    if n == 0 or n > len(haystack):
        return False
    return any(tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack) - n + 1))


def covers(alias: str, name: str) -> bool:
    """True when the alias's folded words occur contiguously in the name's."""
    return _contains(words(name), words(alias))


def covers_any(aliases: Iterable[str], names: Iterable[str]) -> bool:
    """True when any alias covers any of the names."""
    folded = [words(n) for n in names]
    return any(_contains(name, words(alias)) for alias in aliases for name in folded)
