"""Names that sources spell differently: a person ("Kendall"/"Kendell") or an institution
("Department for Science, Innovation and Technology" / "Department of Science, Industry and Technology").

People: a capitalised name counts only in a *role context*: after a title word ("Technology
Secretary Liz Kendall") or before a reporting verb ("Kendell said"). Two surnames disagree when
they are 1 edit apart (2 for names of 6+ letters), start with the same letter, and something says
they are one person: the same document, the same title word, or the same first name (different
first names mean different people, so never).

Which mentions are compared: those of one document (an article contradicting itself), and those of
the sources of one merged agreement (sources reporting the same thing). Names in unrelated stories
are never compared. Inside such a block, people are bucketed by the first letter of the surname and
institutions by their words, so no step compares every pair of names in the corpus.

Institutions: a name with a public-body head word (Department, Institute, ...) and its capitalised
complement. Two names disagree when each has a word the other lacks and they share >= 60% of
their words, or share an acronym of 4+ letters with >= 40% of words. A pair that one sentence of
any source names together is a deliberate contrast ("renaming the AI Safety Institute to the AI
Security Institute"), never a disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from briefing.consolidate._text import content_stems, fold, sentence_span
from briefing.consolidate.orgs import PUBLIC_BODY_HEADS
from briefing.consolidate.rowdisputes import split_by_scope
from briefing.models import Discrepancy, DiscrepancyValue
from briefing.names import acronym_of

_TITLES = (
    "Prime Minister|Secretary|Minister|Chancellor|President|Chief Executive|CEO|Chairman|Chairwoman|"
    "Chair|Director|Governor|Senator|Mayor|Commissioner|Professor|Prof\\.|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|"
    "Sir|Dame|Lord|Lady|founder|co-founder"
)
_NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_TITLED_RE = re.compile(rf"\b(?P<title>{_TITLES})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\b")
_SPEAKER_RE = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})\s+(?:said|says|told|added|noted|wrote|stated|warned|explained)\b"
)
_NOT_NAMES = frozenset(
    [
        "the",
        "it",
        "he",
        "she",
        "they",
        "we",
        "this",
        "that",
        "these",
        "those",
        "officials",
        "government",
        "company",
        "minister",
        "secretary",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "statement",
        "report",
        "reports",
        "analysts",
        "experts",
        "critics",
    ]
)
_HEADS = tuple(h.capitalize() for h in PUBLIC_BODY_HEADS)
_INSTITUTION_RE = re.compile(
    r"(?P<name>(?:[A-Z][\w&-]*[ ]+){0,4}(?P<head>"
    + "|".join(sorted((h.capitalize() for h in PUBLIC_BODY_HEADS), key=len, reverse=True))
    + r")s?(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w&-]*(?:(?:,[ ]+|[ ]+and[ ]+|[ ]+&[ ]+|[ ]+)[A-Z][\w&-]*)*)?)\b"
)


@dataclass(frozen=True, slots=True)
class _Mention:
    document_id: str
    start: int
    end: int
    text: str
    key: str  # surname, or the institution's folded words
    title: str
    first: str


def _strip_leading(match: re.Match[str], group: str, drop: frozenset[str]) -> tuple[int, int] | None:
    """The span of ``group`` without leading words in ``drop`` (e.g. "Secretary Liz Kendall")."""
    base = match.start(group)
    spans = [(base + t.start(), base + t.end(), t.group()) for t in re.finditer(r"\S+", match.group(group))]
    while spans and fold(spans[0][2]) in drop:
        spans = spans[1:]
    return (spans[0][0], spans[-1][1]) if spans else None


PeopleSource = Callable[[str, str], list["_Mention"]]
"""(document id, text) -> the people it names (``person_mentions``, or a run's remembered readings)."""


def person_mentions(document_id: str, text: str) -> list[_Mention]:
    """People named in a role context (after a title word, or before a reporting verb)."""
    found: dict[tuple[int, int], _Mention] = {}
    for pattern in (_TITLED_RE, _SPEAKER_RE):
        for m in pattern.finditer(text):
            span = _strip_leading(m, "name", _NOT_NAMES)
            if span is None:
                continue
            tokens = text[span[0] : span[1]].split()
            surname = re.sub(r"['’]s$", "", tokens[-1])
            if fold(surname) in _NOT_NAMES or len(surname) < 4:
                continue
            title = m.groupdict().get("title") or ""
            first = tokens[0] if len(tokens) > 1 else ""
            mention = _Mention(document_id, span[0], span[1], text[span[0] : span[1]], surname, title, first)
            previous = found.get(span)
            if previous is None or (not previous.title and mention.title):
                found[span] = mention
    return sorted(found.values(), key=lambda x: x.start)


def _same_person_spelled_differently(a: _Mention, b: _Mention) -> bool:
    if a.key == b.key or a.key[0] != b.key[0] or fold(a.key) == fold(b.key):
        return False
    if a.first and b.first and a.first != b.first:
        return False
    distance = Levenshtein.distance(a.key, b.key)
    if not (distance == 1 or (distance == 2 and min(len(a.key), len(b.key)) >= 6)):
        return False
    return (
        a.document_id == b.document_id
        or bool(a.title and fold(a.title) == fold(b.title))
        or bool(a.first and a.first == b.first)
    )


def institution_mentions(document_id: str, text: str) -> list[_Mention]:
    """Institution names: a public-body head word with its capitalised modifiers and complement."""
    out: list[_Mention] = []
    if not any(head in text for head in _HEADS):  # a cheap test first: most texts name no such body
        return out
    for m in _INSTITUTION_RE.finditer(text):
        span = _strip_leading(m, "name", _NOT_NAMES)
        if span is None:
            continue
        name = text[span[0] : span[1]]
        key = " ".join(content_stems(name))
        if len(key.split()) >= 3:
            out.append(_Mention(document_id, span[0], span[1], name, key, "", ""))
    return out


def _institutions_differ(a: _Mention, b: _Mention) -> bool:
    wa, wb = set(a.key.split()), set(b.key.split())
    if not (wa - wb) or not (wb - wa):
        return False
    jaccard = len(wa & wb) / len(wa | wb)
    acr_a, acr_b = acronym_of(a.text), acronym_of(b.text)
    same_acronym = acr_a is not None and acr_a == acr_b and len(acr_a) >= 4
    return jaccard >= 0.6 or (same_acronym and jaccard >= 0.4)


def _contrasted_pairs(mentions: Sequence[_Mention], texts: dict[str, str]) -> set[frozenset[str]]:
    """Pairs of names that one sentence of some source names together (computed once)."""
    by_sentence: dict[tuple[str, int, int], set[str]] = {}
    for m in mentions:
        s, e = sentence_span(texts[m.document_id], m.start, m.end, max_chars=100_000)
        by_sentence.setdefault((m.document_id, s, e), set()).add(m.key)
    return {frozenset((a, b)) for keys in by_sentence.values() for a, b in combinations(sorted(keys), 2)}


def spelling_discrepancies(
    texts: Sequence[tuple[str, str]],
    *,
    groups: Iterable[Sequence[str]] | None = None,
    people_of: PeopleSource | None = None,
) -> list[Discrepancy]:
    """Person-name and institution-name disagreements in ``texts`` ((document id, text), input order).

    ``people_of`` reads a document's people (``person_mentions`` when ``None``, or a run's
    remembered readings of it).

    Each document is compared with itself; documents are compared with each other only inside one
    of ``groups`` (the sources of one agreement); ``None`` puts all ``texts`` in one group.
    """
    by_id = dict(texts)
    people = {doc_id: (people_of or person_mentions)(doc_id, text) for doc_id, text in texts}
    institutions = {doc_id: institution_mentions(doc_id, text) for doc_id, text in texts}
    blocks: list[Sequence[str]] = [[doc_id] for doc_id, _t in texts]
    blocks += [g for g in (groups if groups is not None else [list(by_id)]) if len(g) > 1]
    contrasted = _contrasted_pairs([m for ms in institutions.values() for m in ms], by_id)
    out: dict[tuple[str, tuple[DiscrepancyValue, ...]], Discrepancy] = {}
    for block in blocks:
        docs = [d for d in block if d in by_id]
        found = _pairs_to_discrepancies(
            "name",
            [m for d in docs for m in people[d]],
            _same_person_spelled_differently,
            by_id,
            contrasted=set(),
        )
        found += _pairs_to_discrepancies(
            "organisation",
            [m for d in docs for m in institutions[d]],
            _institutions_differ,
            by_id,
            contrasted=contrasted,
        )
        for d in found:
            out.setdefault((d.field, d.values), d)
    return list(out.values())


def _candidates(field: str, representatives: Sequence[_Mention]) -> Iterator[tuple[_Mention, _Mention]]:
    """Pairs that could differ: people with the same surname initial, institutions sharing a word."""
    buckets: dict[str, list[_Mention]] = {}
    for m in representatives:
        keys = {m.key[:1]} if field == "name" else set(m.key.split())
        for key in keys:
            buckets.setdefault(key, []).append(m)
    seen: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for a, b in combinations(bucket, 2):
            ident = (id(a), id(b))
            if ident not in seen:
                seen.add(ident)
                yield a, b


def _pairs_to_discrepancies(
    field: str,
    mentions: list[_Mention],
    differ: Callable[[_Mention, _Mention], bool],
    texts: dict[str, str],
    *,
    contrasted: set[frozenset[str]],
) -> list[Discrepancy]:
    # Compare one representative per spelling (people: per spelling, document, title and first
    # name, which the same-person test reads): far fewer pairs than mentions.
    def signature(m: _Mention) -> tuple[str, ...]:
        return (m.key, m.document_id, m.title, m.first) if field == "name" else (m.key,)

    representatives = list({signature(m): m for m in reversed(mentions)}.values())
    representatives.reverse()
    linked: dict[str, set[str]] = {}
    for a, b in _candidates(field, representatives):
        if a.key == b.key or b.key in linked.get(a.key, set()) or frozenset((a.key, b.key)) in contrasted:
            continue
        if not differ(a, b):
            continue
        linked.setdefault(a.key, set()).add(b.key)
        linked.setdefault(b.key, set()).add(a.key)
    out: list[Discrepancy] = []
    done: set[str] = set()
    for key in dict.fromkeys(m.key for m in mentions):
        if key in done or key not in linked:
            continue
        group = _component(key, linked)
        done |= group
        members = [m for m in mentions if m.key in group]
        values: dict[tuple[str, str], DiscrepancyValue] = {}
        for m in members:
            q_start, q_end = sentence_span(texts[m.document_id], m.start, m.end)
            value = m.key if field == "name" else m.text
            values.setdefault(
                (m.key, m.document_id),
                DiscrepancyValue(value, m.document_id, texts[m.document_id][q_start:q_end], q_start, q_end),
            )
        out.extend(split_by_scope(field, _subject(field, members), list(values.values())))
    return out


def _component(key: str, linked: dict[str, set[str]]) -> set[str]:
    seen, todo = {key}, [key]
    while todo:
        for other in linked.get(todo.pop(), set()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _subject(field: str, members: list[_Mention]) -> str:
    if field == "name":
        fullest = max(members, key=lambda m: (bool(m.title), len(m.text.split()), -m.start))
        title = next((m.title for m in members if m.title), "")
        return f"spelling of {title + ' ' if title else ''}{fullest.text}".strip()
    counts: dict[str, int] = {}
    for m in members:
        counts[m.text] = counts.get(m.text, 0) + 1
    common = max(counts, key=lambda t: (counts[t], len(t)))
    acronym = acronym_of(common)
    return f"name of {common}" + (f" ({acronym})" if acronym and len(acronym) >= 3 else "")
