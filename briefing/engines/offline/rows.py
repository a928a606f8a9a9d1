"""Turn agreement phrases and the organisations around them into draft partnership rows.

A row needs a trigger phrase ("memorandum of understanding", "partnership", ...) and at least two
organisations in grammatical roles around it in the same sentence: the subject before it
("X and Y signed", "X's partnership") and the object after "with"/"between". Anything less sure
(a pronoun, "the company", a clause boundary in the way) yields no row, because the briefing
prefers a missing row to a wrong one. Every field's quote is an exact slice with its span.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from briefing.dates import DateMention, find_dates
from briefing.engines.offline.orgs import OrgMention, OrgSpotter
from briefing.engines.offline.orgs_words import PREPOSITIONS, words_of
from briefing.engines.offline.rows_each import each_counterpart
from briefing.engines.offline.rows_fields import Region, date_field, kind_field, scope_field, status_field
from briefing.engines.offline.rows_groups import compounds, skip_descriptor
from briefing.engines.offline.rows_items import SentenceItems, free_words
from briefing.engines.offline.rows_merge import deduplicate, same_party
from briefing.engines.offline.sentences import Sentence, has_verb
from briefing.grounding.anaphora import antecedent_of
from briefing.models import DraftField, DraftRow, Span
from briefing.vocabulary import KIND_TRIGGERS, Trigger, agreement_negation, find_kinds

_LABEL_RE = re.compile(r"^[^:.!?]{1,40}:\s")
_OBJECT_LEAD_RE = re.compile(
    r"(?:\s*\([^)]*\))?(?:\s+[a-z][\w-]*){0,2}?\s+(?P<prep>with|between)\s+", re.IGNORECASE
)
_OBJECT_GAP_RE = re.compile(r"^(?:[^\W\d_][\w’'.-]*\s+){0,3}$")
_LIST_GAP_RE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?$")
_FIRST_PERSON = frozenset({"we", "we're", "we’re", "we've", "we’ve", "our", "us"})
_ANAPHORA = frozenset(
    {"it", "they", "he", "she", "its", "their", "company", "firm", "startup", "two", "both"}
)
_BOUNDARY_WORDS = words_of(
    """
    that which who whom when while but because although though after before if what where
    whereas whether
    """
)
_RELATIVE = frozenset({"which", "who"})
_BOUNDARY_PUNCT = frozenset(';:—–()“”"')
_SKIPPABLE_BEFORE = frozenset({"the", "a", "an", "its", "their", "new"})
_SAID_IT_RE = re.compile(
    r"\.?(?:,?\s*(?:Ltd|Inc|Co|Corp|LLC|plc|AG|SA|AB|NV)\.?)*(?:\s*\([^()]{0,200}\))?(?:,\s[^,;()]{1,80},)?"
    r"\s+(?:(?:today|yesterday|on\s+\w+)\s+)?(?:said|says|announced|announces|confirmed|added)\s+"
    r"(?:(?:on\s+\w+\s+)?that\s+)?$"
)
_SUBJECT_REACH = 240
_PLURAL_TRIGGER_RE = re.compile(r"s$|^memoranda", re.IGNORECASE)
_KIND_RANK = {kind: i for i, kind in enumerate(KIND_TRIGGERS)}


@dataclass(frozen=True, slots=True)
class RowContext:
    """What rows may use besides the sentence: the document text, its date, its publisher."""

    text: str
    anchor: date | None
    publisher: str | None = None
    """Resolves "we"/"our" in a company's own announcement; ``None`` disables that."""
    kinds: Mapping[int, Sequence[Trigger]] | None = None
    """Each sentence's agreement phrases (``find_kinds`` of its text) by index, if already read."""


@dataclass(frozen=True, slots=True)
class _Party:
    value: str
    start: int
    end: int


def find_rows(sentences: Sequence[Sentence], spotter: OrgSpotter, ctx: RowContext) -> list[DraftRow]:
    """Draft rows for a document, deduplicated, in order of first mention."""
    rows: list[tuple[int, DraftRow]] = []
    for sentence in sentences:
        if not _eligible(sentence):
            continue
        triggers = compounds(_triggers(sentence, ctx.kinds), ctx.text)
        if not triggers:
            continue
        orgs = spotter.find(sentence, exclude=[(t.start, t.end) for t in triggers])
        items = SentenceItems(ctx.text, sentence.start, sentence.end, orgs)
        for trigger in triggers:
            found = _rows_at(sentence, trigger, triggers, (orgs, items), ctx)
            rows.extend((sentence.index, row) for row in found)
    return deduplicate(rows)


def _eligible(sentence: Sentence) -> bool:
    return (
        sentence.kind in ("prose", "bullet")
        and not sentence.is_question
        and sentence.words >= 5
        and has_verb(sentence.text)
    )


def _triggers(sentence: Sentence, kinds: Mapping[int, Sequence[Trigger]] | None) -> list[Trigger]:
    """Agreement phrases in the sentence (absolute offsets), skipping a "The Agreement:" label."""
    label = _LABEL_RE.match(sentence.text)
    skip_until = label.end() if label else 0
    return [
        Trigger(t.canonical, t.phrase, sentence.start + t.start, sentence.start + t.end)
        for t in (find_kinds(sentence.text) if kinds is None else kinds[sentence.index])
        if t.start >= skip_until
    ]


def _rows_at(
    sentence: Sentence,
    trigger: Trigger,
    triggers: list[Trigger],
    names: tuple[list[OrgMention], SentenceItems],
    ctx: RowContext,
) -> list[DraftRow]:
    orgs, items = names
    lo = _reach_back(ctx.text, sentence.start, trigger.start)  # the negation rules read this sentence
    near = ctx.text[lo : min(sentence.end, trigger.end + _SUBJECT_REACH)]
    if agreement_negation(near, trigger.start - lo, trigger.end - lo) is not None:
        return []  # "has not signed any agreement with", "talks collapsed without a deal"
    real = [m for m in orgs if not m.government]
    each = [_Party(*found) for found in each_counterpart(ctx.text, trigger.end, sentence.end, real)]
    objects = each or _objects(sentence, trigger, real, ctx)
    subjects = _subject(sentence, trigger, orgs, ctx, items)
    if not subjects or (not objects and len(subjects) < 2):
        return []  # "X and Y signed ..." needs no object; "X signed ..." does
    split = bool(each) or _splits(trigger, objects)  # "two contracts, one with X and one with Y"
    groups = [[*subjects, o] for o in objects] if split else [subjects + objects]
    out = []
    for group in groups:
        parties = _distinct(group)
        if len(parties) < 2:
            continue
        kind_trigger = _linked_kind(ctx.text, trigger, triggers)
        region = Region(
            min(p.start for p in [*parties, _Party("", trigger.start, trigger.end)]),
            max([p.end for p in parties] + [trigger.end]),
        )
        scope = scope_field(ctx.text, sentence, after=max(region.end, kind_trigger.end))
        if scope is not None and scope.hint is not None:
            region = Region(region.start, max(region.end, scope.hint.end))
        out.append(
            DraftRow(
                parties=tuple(_party_field(ctx.text, p, kind_trigger) for p in parties),
                kind=kind_field(ctx.text, sentence, kind_trigger),
                date=date_field(ctx.text, sentence, kind_trigger, _dates(sentence.text, ctx.anchor)),
                status=status_field(ctx.text, sentence, region),
                scope=scope,
            )
        )
    return out


@lru_cache(maxsize=8)
def _dates(sentence: str, anchor: date | None) -> list[DateMention]:
    """Dates of one sentence, read once however many rows the sentence gives (do not mutate)."""
    return find_dates(sentence, anchor=anchor)


def _objects(sentence: Sentence, trigger: Trigger, orgs: list[OrgMention], ctx: RowContext) -> list[_Party]:
    """Organisations after "with" / "between" right behind the trigger, as a list "X, Y and Z"."""
    lead = _OBJECT_LEAD_RE.match(ctx.text, trigger.end, sentence.end)
    if lead is None:
        return []
    cursor, found = lead.end(), list[_Party]()
    for m in (m for m in orgs if m.start >= lead.end()):
        gap = ctx.text[cursor : m.start]
        if not (_LIST_GAP_RE.match(gap) if found else _OBJECT_GAP_RE.match(gap)):
            break
        if found and m.possessive and gap.strip() == ",":
            break  # "Norrland Energi, Sweden's third-largest grid operator": an apposition
        found.append(_Party(m.text, m.start, m.end))
        cursor = m.reach + (2 if m.possessive else 0)
    return found


def _subject(
    sentence: Sentence, trigger: Trigger, orgs: list[OrgMention], ctx: RowContext, read: SentenceItems
) -> list[_Party]:
    """The nearest subject before the trigger: an organisation group, or "we" for the publisher."""
    lo = _reach_back(ctx.text, sentence.start, trigger.start)
    items = read.before(lo, trigger.start)
    if items is None:  # the sentence's own reading may differ at the window's edges: scan it
        items = [(m.start, m.reach, m) for m in orgs if m.reach <= trigger.start]
        names = sorted((s, e) for s, e, _ in items)  # words inside a name are the name's
        items += free_words(ctx.text, lo, trigger.start, names)
        items.sort(key=lambda item: item[0])
    for pos in range(len(items) - 1, -1, -1):
        start, end, mention = items[pos]
        if mention is None:
            word = ctx.text[start:end].lower()
            if word in _FIRST_PERSON:
                quoted = _inside_quotes(ctx.text[sentence.start : start])
                return [_Party(ctx.publisher, start, end)] if ctx.publisher and not quoted else []
            if word in _ANAPHORA and not _counts_trigger(ctx.text, end, trigger.start):
                return _said_it(ctx.text, sentence, start, [m for m in orgs if m.reach <= trigger.start])
            if word in _RELATIVE and pos and ctx.text[items[pos - 1][0] : items[pos - 1][1]] == ",":
                continue  # "AISI, which sits under ..., has agreements": look past the aside
            if word in _BOUNDARY_WORDS or word in _BOUNDARY_PUNCT:
                return []
            continue
        if mention.government:
            return _antecedent_party(ctx.text, mention)  # "the government": the one named before
        if _word_before(items, pos, ctx.text) in PREPOSITIONS:
            continue
        if mention.possessive and pos >= 2 and _apposition(items, pos, ctx.text):
            pos -= 2  # "Norrland Energi, Sweden's largest grid operator, signed": an apposition
        return _group_backwards(items, pos, ctx.text)
    return []


def _counts_trigger(text: str, end: int, trigger: int) -> bool:
    """Is the word ending at ``end`` a number of agreements ("two contracts", "both new deals"),
    not the parties ("the two companies signed")? Only adjectives may stand between it and the trigger."""
    gap = text[end:trigger]
    return bool(re.fullmatch(r"(?:\s+[a-z][\w-]*){0,2}\s+", gap)) and not has_verb(gap)


def _reach_back(text: str, start: int, trigger: int) -> int:
    """Where the subject search starts: the sentence start, or a word start ``_SUBJECT_REACH``
    characters before the trigger in a longer sentence (a subject sits closer than that)."""
    if trigger - start <= _SUBJECT_REACH:
        return start
    space = text.find(" ", trigger - _SUBJECT_REACH, trigger)
    return space + 1 if space >= 0 else trigger - _SUBJECT_REACH


def _antecedent_party(text: str, mention: OrgMention) -> list[_Party]:
    """A bare "the government" as the one government the document named before it, or nothing
    (the rule lives in grounding so that both engines read descriptions the same way)."""
    found = antecedent_of(text, max(0, mention.start - 4), mention.end)
    if found.status != "resolved":
        return []
    return [_Party(found.name, mention.start, mention.end)]


def _apposition(items: list[tuple[int, int, OrgMention | None]], pos: int, text: str) -> bool:
    """Is the mention at ``pos`` right after "Name," (so it describes that name)?"""
    return text[items[pos - 1][0] : items[pos - 1][1]] == "," and items[pos - 2][2] is not None


def _inside_quotes(before: str) -> bool:
    """Is the next word inside a quotation? A quoted "we" is the speaker, not the publisher."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def first_person_narration(sentences: Sequence[Sentence]) -> bool:
    """Does the document speak as "we" outside quotations (a company's own announcement)?"""
    hits = 0
    for s in sentences:
        if s.kind not in ("prose", "bullet"):
            continue
        unquoted = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", s.text)
        hits += bool(re.search(r"\b(?:we|we['’](?:re|ve)|our|us)\b", unquoted, re.IGNORECASE))
    return hits >= 2


def _word_before(items: list[tuple[int, int, OrgMention | None]], pos: int, text: str) -> str:
    for start, end, mention in reversed(items[:pos]):
        word = text[start:end].lower()
        if (
            mention is None
            and word not in _SKIPPABLE_BEFORE
            and not re.fullmatch(r"[A-Z][\w.]*['’]s", text[start:end])
        ):
            return word
        if mention is not None and not mention.possessive:
            return ""
    return ""


def _group_backwards(items: list[tuple[int, int, OrgMention | None]], pos: int, text: str) -> list[_Party]:
    """ "OpenAI, Anthropic and the UK government signed": walk back over "and", "," and "the"."""
    group = [items[pos][2]]
    i = pos - 1
    while i >= 0:
        i = skip_descriptor(items, i, text)
        glue = []
        while (
            i >= 0
            and items[i][2] is None
            and text[items[i][0] : items[i][1]].lower() in {"and", ",", "the", "&"}
        ):
            glue.append(text[items[i][0] : items[i][1]].lower())
            i -= 1
        if not glue or glue == ["the"] or i < 0 or items[i][2] is None:
            break
        group.insert(0, items[i][2])
        i -= 1
    return [_Party(m.text, m.start, m.end) for m in group if m is not None]


def _said_it(text: str, sentence: Sentence, pronoun: int, before: list[OrgMention]) -> list[_Party]:
    """ "Acme said it signed ...": the pronoun is the organisation that just spoke."""
    for m in reversed(before):
        if m.end <= pronoun and not m.government and _SAID_IT_RE.fullmatch(text, m.reach, pronoun):
            return [_Party(m.text, m.start, m.end)]
    return []


def _splits(trigger: Trigger, objects: list[_Party]) -> bool:
    """ "agreements with OpenAI, Anthropic": one bilateral row per named counterpart."""
    return len(objects) > 1 and bool(_PLURAL_TRIGGER_RE.search(trigger.phrase.split()[0]))


def _distinct(parties: list[_Party]) -> list[_Party]:
    kept: list[_Party] = []
    for p in parties:
        if not any(same_party(p.value, k.value) for k in kept):
            kept.append(p)
    return kept


def _linked_kind(text: str, trigger: Trigger, triggers: list[Trigger]) -> Trigger:
    """ "partnership ... through a new Memorandum of Understanding": name the most specific kind."""
    best = trigger
    for other in triggers:
        if other.start <= trigger.start:
            continue
        gap = text[trigger.end : other.start]
        linked = len(gap.split()) <= 10 and not re.search(r"[;:—–.]|\b(?:and|but|while|which)\b", gap)
        if not linked:
            break  # the triggers are in order: a later one's gap holds this gap, so is not linked either
        if _KIND_RANK[other.canonical] < _KIND_RANK[best.canonical]:
            best = other
    return best


def _party_field(text: str, party: _Party, trigger: Trigger) -> DraftField:
    start, end = min(party.start, trigger.start), max(party.end, trigger.end)
    return DraftField(party.value, text[start:end], Span(start, end))
