"""Scores of one briefing against a gold file: pure functions on the JSON contract.

Definitions (also in ``docs/gold-format.md``):

- **row precision** = predicted rows paired with a gold row (required or not) / predicted rows;
- **row recall** = required gold rows found / required gold rows;
- **field accuracy** over paired rows, per field, counting only rows whose gold scores that field:
  ``kind``, ``date``, ``status`` (see ``briefing.eval.gold``), ``parties`` (no party beyond the
  gold's) and ``sources`` (every gold document among the row's sources);
- **verified-quote rate** = verified / proposed quotes; **unverified** = entries in ``unverified[]``;
- **disagreement precision/recall** as for rows, and ``scope`` accuracy over paired ones;
- **cost**: the run's calls, tokens and US dollars from ``usage`` (zero for the offline engine or
  when every answer came from the result cache).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.eval.gold import Gold, GoldRow
from briefing.eval.match import (
    absent_hits,
    disagreement_candidates,
    kind_ok,
    pair,
    status_ok,
)
from briefing.eval.names import covers_any
from briefing.render.contract import BriefingOut, PartnershipOut

__all__ = ["FIELDS", "Extra", "FieldVerdict", "GoldOutcome", "Ratio", "Scores", "headline", "label", "score"]

FIELDS: tuple[str, ...] = ("kind", "date", "status", "parties", "sources")


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits`` out of ``total``; ``value`` is ``None`` when nothing was counted."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class FieldVerdict:
    field: str
    got: str | None
    ok: bool


@dataclass(frozen=True, slots=True)
class GoldOutcome:
    """What became of one gold row: the row it was paired with (or none) and each field's verdict."""

    gold_id: str
    required: bool
    row_id: str | None
    label: str | None
    """"A / B: kind, date, status" of the paired row, for reports."""
    verdicts: tuple[FieldVerdict, ...] = ()


@dataclass(frozen=True, slots=True)
class Extra:
    """A predicted row or disagreement paired with no gold item, and why that is wrong."""

    label: str
    why: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Every number ``briefing eval`` reports for one run (see the module docstring)."""

    engine: str
    model: str | None
    prompt_version: str | None
    documents: int
    failed_documents: int
    row_precision: Ratio
    row_recall: Ratio
    optional_found: Ratio
    fields: tuple[tuple[str, Ratio], ...]
    quotes_verified: Ratio
    unverified: int
    disagreement_precision: Ratio
    disagreement_recall: Ratio
    scope: Ratio
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: float | None
    outcomes: tuple[GoldOutcome, ...]
    extra_rows: tuple[Extra, ...]
    missed_disagreements: tuple[str, ...]
    extra_disagreements: tuple[Extra, ...]
    missing_documents: tuple[str, ...]
    """Document ids the gold names that were not in the run (wrong PATHS, or a file that failed)."""

    def field(self, name: str) -> Ratio:
        return dict(self.fields)[name]


def label(row: PartnershipOut) -> str:
    """A short human label of a predicted row: parties, kind, date, status."""
    return f"{' / '.join(row.parties)}: {row.kind}, {row.date or '-'}, {row.status or '-'}"


def _verdicts(gold: GoldRow, row: PartnershipOut) -> tuple[FieldVerdict, ...]:
    out: list[FieldVerdict] = []
    kinds, dates, statuses = gold.expected("kind"), gold.expected("date"), gold.expected("status")
    if kinds is not None:
        out.append(FieldVerdict("kind", row.kind, kind_ok(kinds, row.kind)))
    if dates is not None:
        out.append(FieldVerdict("date", row.date, row.date in dates))
    if statuses is not None:
        out.append(FieldVerdict("status", row.status, status_ok(statuses, row.status)))
    extra = [p for p in row.parties if not any(covers_any(group, [p]) for group in gold.parties)]
    out.append(FieldVerdict("parties", " / ".join(row.parties), not extra))
    missing = sorted(set(gold.documents) - set(row.sources))
    out.append(FieldVerdict("sources", ", ".join(row.sources), not missing))
    return tuple(out)


def _field_ratios(outcomes: Sequence[GoldOutcome]) -> tuple[tuple[str, Ratio], ...]:
    result = []
    for name in FIELDS:
        verdicts = [v for o in outcomes for v in o.verdicts if v.field == name]
        result.append((name, Ratio(sum(v.ok for v in verdicts), len(verdicts))))
    return tuple(result)


def _rows(gold: Gold, briefing: BriefingOut) -> tuple[tuple[GoldOutcome, ...], tuple[Extra, ...], int]:
    rows = briefing.partnerships
    pairing = pair(rows, gold.partnerships)
    by_gold = {g: p for p, g in pairing.pairs}
    outcomes = []
    for g, item in enumerate(gold.partnerships):
        p = by_gold.get(g)
        if p is None:
            outcomes.append(GoldOutcome(item.id, item.required, None, None))
        else:
            row = rows[p]
            outcomes.append(GoldOutcome(item.id, item.required, row.id, label(row), _verdicts(item, row)))
    duplicates = dict(pairing.duplicate_of)
    extras = []
    for p in pairing.unpaired:
        row = rows[p]
        hits = absent_hits(row, gold.absent)
        if hits:
            why = f"gold says this did not happen ({hits[0].id}: {hits[0].reason})"
        elif p in duplicates:
            why = f"a second row for {gold.partnerships[duplicates[p]].id} (not merged)"
        else:
            why = "no gold row"
        extras.append(Extra(label(row), why))
    return tuple(outcomes), tuple(extras), len(pairing.pairs)


def score(gold: Gold, briefing: BriefingOut) -> Scores:
    """Score one briefing (the JSON contract) against a gold file. Pure: no I/O, no clock."""
    outcomes, extra_rows, paired = _rows(gold, briefing)
    required = [o for o in outcomes if o.required]
    optional = [o for o in outcomes if not o.required]
    found = disagreement_candidates(briefing.discrepancies, gold.disagreements, briefing.partnerships)
    paired_gold = {g: p for p, g in found.pairs}
    required_dis = [i for i, d in enumerate(gold.disagreements) if d.required]
    scope_hits = sum(briefing.discrepancies[p].scope == gold.disagreements[g].scope for p, g in found.pairs)
    run_ids = {d.id for d in briefing.documents}
    failed = sum(d.status == "failed" for d in briefing.documents)
    return Scores(
        engine=briefing.engine.name,
        model=briefing.engine.model,
        prompt_version=briefing.engine.prompt_version,
        documents=len(briefing.documents),
        failed_documents=failed,
        row_precision=Ratio(paired, len(briefing.partnerships)),
        row_recall=Ratio(sum(o.row_id is not None for o in required), len(required)),
        optional_found=Ratio(sum(o.row_id is not None for o in optional), len(optional)),
        fields=_field_ratios(outcomes),
        quotes_verified=Ratio(briefing.quotes.verified, briefing.quotes.proposed),
        unverified=len(briefing.unverified),
        disagreement_precision=Ratio(len(found.pairs), len(briefing.discrepancies)),
        disagreement_recall=Ratio(sum(i in paired_gold for i in required_dis), len(required_dis)),
        scope=Ratio(scope_hits, len(found.pairs)),
        calls=briefing.usage.calls,
        input_tokens=briefing.usage.tokens.input,
        output_tokens=briefing.usage.tokens.output,
        cost_usd=briefing.usage.cost_usd,
        outcomes=outcomes,
        extra_rows=extra_rows,
        missed_disagreements=tuple(gold.disagreements[i].id for i in required_dis if i not in paired_gold),
        extra_disagreements=tuple(
            Extra(f"{d.field}: {d.subject}", "no gold disagreement")
            for d in (briefing.discrepancies[p] for p in found.unpaired)
        ),
        missing_documents=tuple(sorted(gold.document_ids() - run_ids)),
    )


def headline(scores: Scores) -> dict[str, float | None]:
    """The numbers thresholds and comparisons look at, by name (None: nothing to count)."""
    out: dict[str, float | None] = {
        "row_precision": scores.row_precision.value,
        "row_recall": scores.row_recall.value,
    }
    out |= {f"{name}_accuracy": ratio.value for name, ratio in scores.fields}
    out |= {
        "verified_quote_rate": scores.quotes_verified.value,
        "disagreement_precision": scores.disagreement_precision.value,
        "disagreement_recall": scores.disagreement_recall.value,
        "scope_accuracy": scores.scope.value,
    }
    return out
