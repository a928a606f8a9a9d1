"""The offline executive summary: lead stories first, their central statements, the central parties,
then the rest and the disagreements.

Order, at most ``MAX_SENTENCES``:
1. the lead story (most independent sources), templated from its row, then its most central
   statement (a verbatim source sentence, cited by its own span); the same for a second lead
   story when it too has more than one independent source;
2. the central parties, named first, then how many agreements each is in;
3. the other agreements in one sentence;
4. disagreements between sources, then inconsistencies within one source, each value cited.

A disputed field is never stated as one value: the sentence says that sources differ and gives
every value (each cited). Every sentence cites evidence ids, i.e. source spans, never notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from briefing.consolidate.compat import parse_loose
from briefing.consolidate.summary_disagree import between_sentence, differ_clause, row_groups, within_sentence
from briefing.consolidate.summary_disputes import Dispute, discrepancies_by_row, disputed_spans, row_disputes
from briefing.consolidate.summary_select import (
    Story,
    candidates_for,
    central_parties,
    lead_stories,
    most_central,
    reads_as_sentence,
)
from briefing.consolidate.wording import date_citations, join_names, party_citations, readable_date
from briefing.models import Discrepancy, Evidence, Partnership, SummarySentence
from briefing.names import find_name
from briefing.vocabulary import find_statuses

MAX_SENTENCES = 7
MAX_LEADS = 2
LISTED = 4
"""Agreements named in the "also reported" sentence; the rest are counted."""


@dataclass(frozen=True, slots=True)
class SummaryContext:
    """What the offline summary reads besides the rows: sources, evidence by document, dates."""

    n_documents: int
    copy_of: Mapping[str, str]
    index: dict[tuple[str, int, int], str]
    """(document, start, end) -> evidence id, to cite a disagreement's values."""
    by_document: Mapping[str, Sequence[Evidence]]
    """Each document's verified summary sentences and key points."""
    anchors: Mapping[str, date | None]
    """Publication date of each document, to read dates in its quotes."""


def compose(
    partnerships: Sequence[Partnership], discrepancies: Sequence[Discrepancy], ctx: SummaryContext
) -> tuple[SummarySentence, ...]:
    """The offline executive summary (see the module docstring)."""
    spans = disputed_spans(discrepancies)
    by_row = discrepancies_by_row(partnerships, discrepancies)
    if not partnerships:
        return _without_partnerships(discrepancies, ctx, spans)
    stories = lead_stories(partnerships, ctx.copy_of)
    disputes_of = {
        s.partnership.id: row_disputes(s.partnership, by_row.get(s.partnership.id, ()), ctx.index)
        for s in stories
    }
    leads = [s for s in stories if s.independent >= 2][:MAX_LEADS] or stories[:1]
    statements = True
    while True:
        head = _heads(leads, disputes_of, spans, ctx, statements=statements)
        tail = _tail(partnerships, discrepancies, stories, leads, (by_row, disputes_of), ctx)
        if len(head) + len(tail) <= MAX_SENTENCES or len(leads) == 1:
            return tuple([*head, *tail][:MAX_SENTENCES])
        # over budget: the second lead's statement goes first, then the second lead itself
        if statements:
            statements = False
        else:
            leads = leads[:1]
            statements = True


def _heads(
    leads: Sequence[Story],
    disputes_of: Mapping[str, Sequence[Dispute]],
    spans: Mapping[str, Sequence[tuple[int, int]]],
    ctx: SummaryContext,
    *,
    statements: bool,
) -> list[SummarySentence]:
    """Each lead story's sentence, then its most central statement (the first lead's always)."""
    head: list[SummarySentence] = []
    used: set[str] = set()
    for rank, story in enumerate(leads):
        disputes = disputes_of[story.partnership.id]
        head.append(story_sentence(story, disputes, ctx.anchors, lead=rank == 0 and story.independent >= 2))
        if rank and not statements:
            continue
        pool = [ev for ev in candidates_for(story.partnership, ctx.by_document, spans) if ev.id not in used]
        for ev in most_central(pool):
            used.add(ev.id)
            head.append(SummarySentence(" ".join(ev.quote.split()), (ev.id,)))
    return head


def _tail(
    partnerships: Sequence[Partnership],
    discrepancies: Sequence[Discrepancy],
    stories: Sequence[Story],
    leads: Sequence[Story],
    rows: tuple[Mapping[str, Sequence[Discrepancy]], Mapping[str, Sequence[Dispute]]],
    ctx: SummaryContext,
) -> list[SummarySentence]:
    """Central parties, the other agreements, then disagreements not told with a lead."""
    by_row, disputes_of = rows
    rest = [s for s in stories if s not in leads]
    tail = [x for x in (_parties_sentence(partnerships, rest, ctx),) if x is not None]
    if rest:
        tail.append(_others_sentence(rest, disputes_of, ctx))
    told = any(by_row.get(s.partnership.id) for s in leads)
    on_rows = {id(d) for ds in by_row.values() for d in ds}
    loose = [d for d in discrepancies if d.scope == "between_sources" and id(d) not in on_rows]
    between = between_sentence(row_groups(rest, disputes_of), loose, ctx.index, also=told)
    within = within_sentence([d for d in discrepancies if d.scope == "within_document"], ctx.index)
    return tail + [x for x in (between, within) if x is not None]


def story_sentence(
    story: Story, disputes: Sequence[Dispute], anchors: Mapping[str, date | None], *, lead: bool = False
) -> SummarySentence:
    """ "Lead story, reported by 3 independent sources: A and B signed a memorandum of understanding
    on 13 February 2025." A disputed field is told as "the date differs between sources (x vs y)"."""
    p = story.partnership
    disputed = {d.field for d in disputes}
    statuses: set[str] = set()
    status_ids: list[str] = []
    if "status" not in disputed:
        statuses = {t.canonical for t in find_statuses(p.status or "")}
        status_ids = [
            ev.id
            for f, ev in p.evidence
            if f == "status" and statuses & {t.canonical for t in find_statuses(ev.quote)}
        ]
        statuses = statuses if status_ids else set()
    kind = "agreement" if "kind" in disputed else p.kind
    kind = ("non-binding " if "non-binding" in statuses else "") + kind
    verb = _verb(kind, statuses)
    date_ids = [] if "date" in disputed else date_citations(p, anchors)
    when = ""
    if p.date and date_ids:
        loose = parse_loose(p.date)
        when = (" on " if loose and loose.precise else " in ") + readable_date(p.date)
    reported = _reported(story)
    core = f"{join_names(p.parties)} {verb}{when}"
    text = f"Lead story, {reported}: {core}" if lead else f"{core}, {reported}"
    clause, clause_ids = differ_clause(disputes)
    text += ("; " + clause if clause else "") + "."
    per_source = []
    for source in p.sources:
        mine = [ev for f, ev in p.evidence if ev.document_id == source and f == "kind"]
        mine = mine or [ev for _f, ev in p.evidence if ev.document_id == source]
        if mine:
            per_source.append(mine[0].id)
    citations = [*party_citations(p), *per_source, *date_ids, *status_ids]
    citations += clause_ids
    return SummarySentence(text[0].upper() + text[1:], tuple(dict.fromkeys(citations)))


def _verb(kind: str, statuses: set[str]) -> str:
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    if "signed" in statuses:
        return f"signed {article} {kind}"
    if "planned" in statuses:
        return f"plan {article} {kind}"
    if "expanded" in statuses:
        return f"expanded their {kind}"
    if "announced" in statuses:
        return f"announced {article} {kind}"
    return f"are parties to {article} {kind}"


def _reported(story: Story) -> str:
    n = story.independent
    if n == 1 and not story.copies:
        return "reported by 1 source"
    text = f"reported by {n} independent source{'s' if n != 1 else ''}"
    if story.copies:
        text += f" (plus {story.copies} cop{'y' if story.copies == 1 else 'ies'})"
    return text


def _party_evidence(p: Partnership, party: str) -> str | None:
    forms = dict(p.aliases).get(party, ())
    quotes = [ev for f, ev in p.evidence if f == "party"]
    naming = [ev for ev in quotes if any(find_name(n, ev.quote) for n in (party, *forms))]
    chosen = naming or quotes
    return chosen[0].id if chosen else None


def _parties_sentence(
    partnerships: Sequence[Partnership], rest: Sequence[Story], ctx: SummaryContext
) -> SummarySentence | None:
    """The central parties named, then how many agreements each is in.

    A party in one agreement is not central. Without any party in two or more agreements the
    sentence is left out when the other sentences already name every agreement; otherwise it says
    how many agreements there are and that none shares a party, citing the unnamed rows' parties.
    """
    if len(partnerships) < 2:
        return None
    central, others = central_parties(partnerships, ctx.copy_of)
    n, docs = len(partnerships), ctx.n_documents
    found = f"{n} agreements found in {docs} document{'s' if docs != 1 else ''}"
    if not central:
        unnamed = rest[LISTED:] if len(rest) > LISTED + 1 else []
        if not unnamed:
            return None
        cites = [c for s in unnamed[:5] for c in party_citations(s.partnership)]
        return SummarySentence(f"No party is in more than one of the {found}.", tuple(dict.fromkeys(cites)))
    if len(central) == 1:
        only = central[0]
        text = f"{only.name} is the central party: it is in {len(only.rows)} of the {found}"
    else:
        counts = [f"{c.name} {'is in ' if i == 0 else 'in '}{len(c.rows)}" for i, c in enumerate(central)]
        text = f"The central parties are {join_names([c.name for c in central])}: of the {found}, "
        text += join_names(counts)
    if others:
        shown = others[:5] + ([f"{len(others) - 5} more"] if len(others) > 5 else [])
        text += f"; the other parties are {join_names(shown)}"
    citations = [
        ident for c in central for p in c.rows[:5] if (ident := _party_evidence(p, c.name)) is not None
    ]
    return SummarySentence(text + ".", tuple(dict.fromkeys(citations)))


def _others_sentence(
    rest: Sequence[Story], disputes_of: Mapping[str, Sequence[Dispute]], ctx: SummaryContext
) -> SummarySentence:
    parts: list[str] = []
    citations: list[str] = []
    listed = len(rest) if len(rest) <= LISTED + 1 else LISTED  # never "and 1 more"
    for story in rest[:listed]:
        p = story.partnership
        disputed = {d.field for d in disputes_of.get(p.id, ())}
        kind = "agreement (kind disputed)" if "kind" in disputed else p.kind
        date_ids = [] if "date" in disputed else date_citations(p, ctx.anchors)
        details = [readable_date(p.date)] if p.date and date_ids else []
        details.append("date disputed" if "date" in disputed else "")
        details.append(_reported(story).removeprefix("reported by ").replace("(", "").replace(")", ""))
        parts.append(f"{join_names(p.parties)}, {kind} ({'; '.join(x for x in details if x)})")
        kinds = [ev.id for f, ev in p.evidence if f == "kind"][:1]
        citations += [*party_citations(p), *kinds, *date_ids]
    more = len(rest) - listed
    tail = f"; and {more} more agreement{'s' if more != 1 else ''} in the table" if more > 0 else ""
    return SummarySentence(f"Also reported: {'; '.join(parts)}{tail}.", tuple(dict.fromkeys(citations)))


def _without_partnerships(
    discrepancies: Sequence[Discrepancy], ctx: SummaryContext, spans: Mapping[str, Sequence[tuple[int, int]]]
) -> tuple[SummarySentence, ...]:
    """No agreement found: say so, then the most central statements across the documents."""
    docs = ctx.n_documents
    out = [
        SummarySentence(
            f"No partnership or agreement was found in the {docs} document{'s' if docs != 1 else ''} read.",
            (),
        )
    ]
    # one candidate per document (its first summary sentence) keeps this linear in the corpus
    pool: list[Evidence] = []
    for items in ctx.by_document.values():
        first = next((ev for ev in items if reads_as_sentence(ev.quote)), None)
        if first is not None and not any(
            s < first.end and first.start < e for s, e in spans.get(first.document_id, ())
        ):
            pool.append(first)
    out += [SummarySentence(" ".join(ev.quote.split()), (ev.id,)) for ev in most_central(pool, count=3)]
    between = between_sentence([], [d for d in discrepancies if d.scope == "between_sources"], ctx.index)
    within = within_sentence([d for d in discrepancies if d.scope == "within_document"], ctx.index)
    out += [x for x in (between, within) if x is not None]
    return tuple(out[:MAX_SENTENCES])
