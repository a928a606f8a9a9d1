"""Templated sentences for the offline executive summary, each with the evidence ids behind it.

Every sentence states only facts that some cited evidence backs: the parties (a quote naming each),
the kind, the date (a quote that mentions that date), the status (a quote with that status) and
the number of sources (one quote from each). Nothing is paraphrased from model text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from briefing.consolidate.compat import LooseDate, parse_loose
from briefing.dates import find_dates
from briefing.models import Evidence, Partnership, SummarySentence
from briefing.names import find_name
from briefing.vocabulary import find_statuses


def readable_date(value: str) -> str:
    """ "2025-02-13" -> "13 February 2025"; "2025-02" -> "February 2025"; other text as it is."""
    parsed = parse_loose(value)
    if parsed is None:
        return value
    if parsed.precise:
        return f"{parsed.first.day} {parsed.first:%B %Y}"
    if parsed.first.month == 1 and parsed.last.month == 12:
        return str(parsed.first.year)
    return f"{parsed.first:%B %Y}"


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _unique(ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _evidence(p: Partnership, field: str) -> list[Evidence]:
    return [ev for name, ev in p.evidence if name == field]


def party_citations(p: Partnership) -> list[str]:
    """One evidence id per party of ``p``: a quote naming it (or any party quote), party order."""
    forms = dict(p.aliases)
    out: list[str] = []
    for party in p.parties:
        candidates = _evidence(p, "party")
        naming = [
            ev for ev in candidates if any(find_name(f, ev.quote) for f in (party, *forms.get(party, ())))
        ]
        chosen = naming or candidates
        if chosen:
            out.append(chosen[0].id)
    return out


def date_citations(p: Partnership, anchors: Mapping[str, date | None]) -> list[str]:
    """Ids of the date quotes of ``p`` that mention its date (read against each source's anchor)."""
    wanted = parse_loose(p.date)
    items = _evidence(p, "date")
    if wanted is None:
        return []
    backing = [
        ev
        for ev in items
        if any(wanted.contains(m_date) for m_date in _mentioned(ev.quote, anchors.get(ev.document_id)))
    ]
    return [ev.id for ev in backing]


def _mentioned(quote: str, anchor: date | None) -> list[LooseDate]:
    out: list[LooseDate] = []
    for m in find_dates(quote, anchor=anchor):
        last = m.value
        if m.precision == "month":
            nxt = date(m.value.year + (m.value.month == 12), m.value.month % 12 + 1, 1)
            last = date.fromordinal(nxt.toordinal() - 1)
        elif m.precision == "year":
            last = date(m.value.year, 12, 31)
        out.append(LooseDate(m.value, last, m.text))
    return out


def partnership_sentence(
    p: Partnership, *, anchors: Mapping[str, date | None], copies: int = 0
) -> SummarySentence:
    """ "A and B signed a memorandum of understanding on 13 February 2025, reported by 2 sources."."""
    statuses = {t.canonical for t in find_statuses(p.status or "")}
    status_ids = [
        ev.id for ev in _evidence(p, "status") if statuses & {t.canonical for t in find_statuses(ev.quote)}
    ]
    if not status_ids:
        statuses = set()
    kind = ("non-binding " if "non-binding" in statuses else "") + p.kind
    if "signed" in statuses:
        verb = f"signed {_article(kind)} {kind}"
    elif "planned" in statuses:
        verb = f"plan {_article(kind)} {kind}"
    elif "expanded" in statuses:
        verb = f"expanded their {kind}"
    elif "announced" in statuses:
        verb = f"announced {_article(kind)} {kind}"
    else:
        verb = f"are parties to {_article(kind)} {kind}"
    date_ids = date_citations(p, anchors)
    when = ""
    if p.date and date_ids:
        precise = parse_loose(p.date)
        when = (" on " if precise and precise.precise else " in ") + readable_date(p.date)
    n = len(p.sources)
    reported = f"reported by {n} source{'s' if n != 1 else ''}"
    if copies:
        reported += f" ({copies} of them {'a copy' if copies == 1 else 'copies'} of another)"
    per_source = []
    for source in p.sources:
        mine = [ev for _f, ev in p.evidence if ev.document_id == source]
        kinds = [ev for f, ev in p.evidence if ev.document_id == source and f == "kind"]
        if kinds or mine:
            per_source.append((kinds or mine)[0].id)
    citations = _unique([*party_citations(p), *per_source, *date_ids, *status_ids])
    text = f"{join_names(p.parties)} {verb}{when}, {reported}."
    return SummarySentence(text[0].upper() + text[1:], citations)


def scope_sentence(p: Partnership) -> SummarySentence | None:
    scope_ids = [ev.id for ev in _evidence(p, "scope")]
    if not p.scope or not scope_ids:
        return None
    scope = p.scope.strip().rstrip(".")
    return SummarySentence(
        f"The {p.kind} between {join_names(p.parties)} covers: {scope}.",
        _unique([*party_citations(p), *scope_ids]),
    )
