"""Other names the sources themselves give an organisation: parenthesised aliases, local-language
names, and old names of a body that a source says was renamed.

* ``Hospital Universitário de Valmar (Valmar University Hospital)``, ``X, known locally as Y``,
  ``X, also known as Y``: the two names are one organisation (an acronym in parentheses is
  ``orgs``' rule 3, not this one).
* ``renaming the AI Safety Institute to the "AI Security Institute"``, ``X, now called Y``,
  ``Y (formerly X)``, ``the recasting of X as Y``, ``X changed its name to Y``: one organisation,
  shown under its new name; a source that still uses the old name after the rename was reported
  gets a note (it is not wrong about the body, only out of date).

Each text is read once with a few regular expressions (after a cheap substring test), so the cost
is linear in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from briefing.consolidate.orgs import org_key

__all__ = ["Alias", "Rename", "find_aliases", "find_renames"]

_WORD = r"(?:[A-Z]\.){2,}|[A-Z\u00C0-\u00DE][\w&'’\u00C0-\u024F-]*"
_LINK = r"(?:\s+(?:of|for|and|&|de|del|da|do|dos|das|la|le|des|di|du|van|von|für|the)\s+|\s+)"
_NAME = rf"(?=[A-Z\u00C0-\u00DE])(?:[A-Z]{{2,3}}['’]s\s+)?(?:{_WORD})(?:{_LINK}(?:{_WORD})){{0,7}}"
"""Up to eight capitalised words. The look-ahead says only what the rest implies (a name starts
with a capital), but lets ``re`` give up at once at the many positions where no name starts."""
_Q = r"[“\"‘']?"

_RENAME_RES = (
    re.compile(
        rf"renam(?:ed|ing|es|e)\s+(?:the\s+|its\s+)?{_Q}(?P<old>{_NAME}){_Q}\s+(?:to|as|into)\s+"
        rf"(?:the\s+)?{_Q}(?P<new>{_NAME})"
    ),
    re.compile(
        rf"(?P<old>{_NAME}){_Q},?\s+(?:is\s+|was\s+|has\s+been\s+)?(?:now\s+called|now\s+known\s+as"
        rf"|renamed(?:\s+as)?|which\s+was\s+renamed|changed\s+its\s+name\s+to)\s+(?:the\s+)?{_Q}(?P<new>{_NAME})"
    ),
    re.compile(
        rf"(?P<new>{_NAME})\s*[(,]\s*(?:formerly|previously)\s+(?:known\s+as\s+|called\s+)?(?:the\s+)?"
        rf"{_Q}(?P<old>{_NAME})"
    ),
    re.compile(
        rf"recast(?:ing)?\s+(?:of\s+)?(?:the\s+)?(?P<old>{_NAME})\s+as\s+(?:the\s+)?{_Q}(?P<new>{_NAME})"
    ),
)
_REACH = 240
_RENAME_CUES = ("renam", "now called", "now known", "formerly", "previously", "recast", "its name")

_PARENTHESISED_RE = re.compile(
    rf"(?P<a>{_NAME})\s+\(\s*(?:in\s+[A-Z]\w+:\s*|or\s+)?{_Q}(?P<b>{_NAME}){_Q}\s*\)"
)
_KNOWN_AS_RE = re.compile(
    rf"(?P<a>{_NAME}),?\s+(?:known\s+(?:locally|in\s+[A-Z]\w+)\s+as|also\s+known\s+as|also\s+called)\s+"
    rf"(?:the\s+)?{_Q}(?P<b>{_NAME})"
)
_KNOWN_AS_CUES = ("known", "called")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.]{1,9}$")


@dataclass(frozen=True, slots=True)
class Rename:
    """A source saying that the body ``old`` is now called ``new`` (span of the statement)."""

    old: str
    new: str
    document_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Alias:
    """A source giving two names of one organisation side by side."""

    a: str
    b: str
    document_id: str


def _clean(name: str) -> str:
    return name.strip(" .,;:“”\"‘’'")


def find_renames(texts: Mapping[str, str]) -> list[Rename]:
    """Every rename statement in ``texts`` (document id -> text), in input order."""
    out: list[Rename] = []
    for doc_id, text in texts.items():
        lowered = text.lower()
        seen: set[tuple[int, int]] = set()
        for cue in _RENAME_CUES:  # read only a window around each cue, never the whole text per pattern
            at = lowered.find(cue)
            while at != -1:
                left = max(0, at - _REACH)
                for pattern in _RENAME_RES:
                    for m in pattern.finditer(text, left, min(len(text), at + _REACH)):
                        old, new = _clean(m.group("old")), _clean(m.group("new"))
                        span = (m.start(), m.end())
                        if span in seen or not old or not new or old.casefold() == new.casefold():
                            continue
                        if len(new.split()) >= 2:
                            seen.add(span)
                            out.append(Rename(old, new, doc_id, m.start(), m.end()))
                at = lowered.find(cue, at + 1)
    return out


def find_aliases(texts: Mapping[str, str], known: Iterable[str]) -> list[Alias]:
    """Pairs of names given side by side where one of them is in ``known`` (``orgs.org_key`` forms)."""
    wanted = set(known)
    out: list[Alias] = []
    for doc_id, text in texts.items():
        for m in _alias_matches(text):
            a, b = _clean(m.group("a")), _clean(m.group("b"))
            if _ACRONYM_RE.match(b) or _ACRONYM_RE.match(a) or a.casefold() == b.casefold():
                continue
            known_a, known_b = _known_tail(a, wanted), _known_tail(b, wanted)
            if known_a or known_b:
                out.append(Alias(known_a or a, known_b or b, doc_id))
    return out


def _alias_matches(text: str) -> Iterator[re.Match[str]]:
    """Every match of the two alias shapes in ``text``: the parenthesised one over the text (when
    it holds a bracket), the "known as" one only in windows around its cue words."""
    if "(" in text:
        yield from _PARENTHESISED_RE.finditer(text)
    found: dict[tuple[int, int], re.Match[str]] = {}
    for cue in _KNOWN_AS_CUES:
        at = text.find(cue)
        while at != -1:
            for m in _KNOWN_AS_RE.finditer(text, max(0, at - _REACH), min(len(text), at + _REACH)):
                found.setdefault(m.span(), m)
            at = text.find(cue, at + 1)
    yield from (found[span] for span in sorted(found))  # in reading order, as one scan gives them


def _known_tail(name: str, wanted: set[str]) -> str | None:
    """``name``, or its tail without leading words ("Spanish Hospital X" -> "Hospital X"), if known."""
    words = name.split()
    for i in range(min(3, len(words))):
        tail = " ".join(words[i:])
        if org_key(tail) in wanted:
            return tail
    return None
