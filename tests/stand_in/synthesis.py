"""The stand-in's executive summary: 3 to 5 readable sentences written from the evidence in the request.

It reads only the ``<evidence>`` items of the request (``prompts/synthesize.j2``) and cites only
their ids. Evidence is grouped by topic: each partnership topic becomes one sentence ("A and B
signed a non-binding memorandum of understanding (13 February 2025).") built from the values of
the items it cites, best-supported first; the disagreement topics become one sentence; document
summaries fill in when there are fewer than three sentences. Everything is deterministic and
independent of the product's own wording code, so the cassettes do not follow its bugs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tests.stand_in.request import EvidenceItem

MIN_SENTENCES, MAX_SENTENCES = 3, 5
MAX_LISTED = 3
_TOPIC_RE = re.compile(r"^partnership (\S+): (.+?) between (.+)$")
_VERBS = (("signed", "signed"), ("announced", "announced"), ("planned", "plan"))
_QUALIFIERS = ("expanded", "non-binding", "exploratory")
_SCOPE_WORDS = 12
_NAME_WORD_RE = re.compile(r"\b[A-Z][\w&'’.-]{2,}")
_SCOPE_LEAD_RE = re.compile(r"^(?:to|on|for|in|into|around|covering|focused on|aimed at)\s", re.IGNORECASE)

Sentence = tuple[str, list[str]]


@dataclass(slots=True)
class _Topic:
    name: str
    items: list[EvidenceItem] = field(default_factory=list)

    def values(self, name: str) -> list[EvidenceItem]:
        return [i for i in self.items if i.field == name and i.value.strip()]

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(i.document_id for i in self.items))


def readable(value: str) -> str:
    """ "2025-02-13" -> "13 February 2025"; "2025-02" -> "February 2025"; anything else unchanged."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if m is None:
        return value
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}" if m.group(3) else f"{day:%B %Y}"


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _count(n: int, noun: str) -> str:
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    return f"{words.get(n, str(n))} {noun}{'s' if n != 1 else ''}"


def _scope(item: EvidenceItem) -> str | None:
    """ "to bring Claude models to customers" as the source puts it, else "covering <value>"."""
    value, quote = item.value.strip().rstrip("."), " ".join(item.quote.split()).rstrip(".")
    if len(value.split()) > _SCOPE_WORDS:
        return None
    lead = _SCOPE_LEAD_RE.match(quote)
    if lead and value.casefold() in quote.casefold() and len(quote.split()) <= _SCOPE_WORDS + 3:
        return quote
    return f"covering {value}"


def _partnership(topic: _Topic, pool: Sequence[EvidenceItem]) -> Sentence:
    """One sentence about one partnership, citing the items whose values it states.

    One item backs each stated value (the party items of the first source, which name the
    parties); when several sources are counted, one item from each of them backs the count.
    """
    m = _TOPIC_RE.match(topic.name)
    parties, kind, when, status, scope = (
        topic.values(f) for f in ("party", "kind", "date", "status", "scope")
    )
    first = topic.documents[0]
    used = [i for i in parties if i.document_id == first] + kind[:1]
    names = parties[0].value if parties else (m.group(3) if m else "Two organisations")
    what = kind[0].value if kind else (m.group(2) if m else "agreement")
    words = [w.strip() for w in status[0].value.split(",")] if status else []
    verb = next((v for key, v in _VERBS if key in words), "have")
    qualifiers = [q for q in _QUALIFIERS if q in words]
    used += status[:1] if verb != "have" or qualifiers else []
    phrase = ", ".join([*qualifiers, what]) if len(qualifiers) > 1 else " ".join([*qualifiers, what])
    text = f"{names} {verb} {_article(phrase)} {phrase}"
    covers = _scope(scope[0]) if scope else None
    if covers:
        text += f" {covers}"
        used += scope[:1]
    details = []
    if when:
        details.append(readable(when[0].value))
        used += when[:1]
    if len(topic.documents) > 1:
        details.append(f"reported by {_count(len(topic.documents), 'source')}")
        for document in topic.documents[1:]:
            used += [next(i for i in (*kind, *topic.items) if i.document_id == document)]
    text += f" ({'; '.join(details)})." if details else "."
    return text, [i.id for i in [*used, *_borrowed(used, names, what, topic, pool)]]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w[\w&-]*", text)}  # "Anthropic’s" counts as "Anthropic"


def _borrowed(
    used: Sequence[EvidenceItem], names: str, what: str, topic: _Topic, pool: Sequence[EvidenceItem]
) -> list[EvidenceItem]:
    """Items filed under another topic that back this sentence too.

    The request lists each evidence id once, under the first topic that used it, so a second
    agreement stated in the same source sentence may have no kind item or party quote of its own.
    """
    nearby = [i for i in pool if i.document_id in topic.documents and i not in used]
    out: list[EvidenceItem] = []
    if not any(i.field == "kind" for i in used):
        out += [i for i in nearby if i.field == "kind" and i.value == what][:1]
    seen = set().union(*(_words(i.quote) for i in [*used, *out]))
    missing = {w.casefold() for w in _NAME_WORD_RE.findall(names)} - seen
    for item in nearby:
        if missing and item.field == "party" and missing & _words(item.quote):
            out.append(item)
            missing -= _words(item.quote)
    return out


def _others(topics: Sequence[_Topic]) -> Sentence:
    """One sentence naming the partnerships there was no room to describe."""
    listed = []
    cited: list[str] = []
    for topic in topics[:MAX_LISTED]:
        m = _TOPIC_RE.match(topic.name)
        parties, kind = topic.values("party"), topic.values("kind")
        what = kind[0].value if kind else (m.group(2) if m else "agreement")
        names = parties[0].value if parties else (m.group(3) if m else "")
        listed.append(f"{_article(what)} {what} between {names}")
        cited += [i.id for i in (*parties, *kind)]
    rest = len(topics) - len(listed)
    tail = f", and {_count(rest, 'more agreement')}" if rest > 0 else ""
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return f"The sources also report {joined}{tail}.", cited


def _subject(topic: _Topic, field_name: str) -> str:
    subject = topic.name.removeprefix("disagreement: ").strip()
    if subject.lower().startswith("the "):
        return subject
    if subject.split(" ", 1)[0].lower() in {field_name, "spelling", "name"}:
        return f"the {subject}"
    return f"the {field_name} of the {subject}"


def _disagreements(topics: Sequence[_Topic]) -> Sentence | None:
    """One sentence on every disagreement: what is disputed and the competing values."""
    parts: list[str] = []
    cited: list[str] = []
    for topic in topics[:MAX_LISTED]:
        field_name = topic.items[0].field
        values = list(dict.fromkeys(i.value for i in topic.items if i.value.strip()))
        shown = [readable(v) if field_name == "date" else f"“{v}”" for v in values]
        # An item already listed under an earlier topic is not repeated here, so a topic may show
        # only one side: name what is disputed without pretending to know the other value.
        versus = f" ({' versus '.join(shown)})" if len(shown) > 1 else ""
        parts.append(f"{_subject(topic, field_name)}{versus}")
        cited += [i.id for i in topic.items]
    if not parts:
        return None
    rest = len(topics) - MAX_LISTED
    tail = f", and {_count(rest, 'other point')}" if rest > 0 else ""
    listed = [f"on {p}" for p in parts]
    joined = listed[0] if len(listed) == 1 else "; ".join(listed[:-1]) + "; and " + listed[-1]
    return f"Sources disagree {joined}{tail}.", cited


def _by_topic(items: Sequence[EvidenceItem]) -> dict[str, _Topic]:
    topics: dict[str, _Topic] = {}
    for item in items:
        topics.setdefault(item.topic, _Topic(item.topic)).items.append(item)
    return topics


def executive_summary(items: Sequence[EvidenceItem]) -> list[Sentence]:
    """3 to 5 cited sentences (fewer only when the evidence has too little to say)."""
    topics = _by_topic(items)
    partnerships = [t for t in topics.values() if _TOPIC_RE.match(t.name) or t.name.startswith("partnership")]
    order = {name: i for i, name in enumerate(topics)}
    partnerships.sort(key=lambda t: (-len(t.documents), order[t.name]))
    disputed = [t for t in topics.values() if t.name.startswith("disagreement:")]
    disagreement = _disagreements(disputed)
    room = MAX_SENTENCES - (1 if disagreement else 0)
    sentences = [
        _partnership(t, items) for t in partnerships[: room if len(partnerships) <= room else room - 1]
    ]
    if len(partnerships) > room:
        sentences.append(_others(partnerships[room - 1 :]))
    summaries = [i for t in topics.values() if t.name == "document summary" for i in t.values("summary")]
    seen: set[str] = set()
    for item in summaries:  # one sentence per document, in evidence order, until there are enough
        if len(sentences) + (1 if disagreement else 0) >= MIN_SENTENCES:
            break
        if item.document_id not in seen:
            seen.add(item.document_id)
            sentences.append((" ".join(item.value.split()), [item.id]))
    if disagreement:
        sentences.append(disagreement)
    return [(text, list(dict.fromkeys(ids))) for text, ids in sentences if ids]
