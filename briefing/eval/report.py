"""Scores as text and as JSON: one run, or two runs side by side with the rows that differ.

Pure functions returning strings and dicts; the CLI prints them.
"""

from __future__ import annotations

from typing import Any

from briefing.eval.score import Ratio, Scores, headline

__all__ = ["compare_dict", "compare_text", "row_differences", "scores_dict", "scores_text"]

_LABELS: dict[str, str] = {
    "row_precision": "rows: precision",
    "row_recall": "rows: recall (required)",
    "kind_accuracy": "field: kind",
    "date_accuracy": "field: date",
    "status_accuracy": "field: status",
    "parties_accuracy": "field: parties",
    "sources_accuracy": "field: sources",
    "verified_quote_rate": "quotes: verified rate",
    "disagreement_precision": "disagreements: precision",
    "disagreement_recall": "disagreements: recall",
    "scope_accuracy": "disagreements: scope",
}


def _ratios(scores: Scores) -> dict[str, Ratio]:
    return {
        "row_precision": scores.row_precision,
        "row_recall": scores.row_recall,
        **{f"{name}_accuracy": r for name, r in scores.fields},
        "verified_quote_rate": scores.quotes_verified,
        "disagreement_precision": scores.disagreement_precision,
        "disagreement_recall": scores.disagreement_recall,
        "scope_accuracy": scores.scope,
    }


def _ratio_text(r: Ratio) -> str:
    return f"{'-' if r.value is None else f'{r.value:.2f}'} ({r.hits}/{r.total})"


def _cost_text(s: Scores) -> str:
    if s.calls == 0:
        return "no model calls"
    dollars = "cost unknown" if s.cost_usd is None else f"${s.cost_usd:.4f}"
    return f"{s.calls} calls, {s.input_tokens} input / {s.output_tokens} output tokens, {dollars}"


def scores_dict(scores: Scores) -> dict[str, Any]:
    """The scores as JSON-ready data: ``metrics`` (name -> value, hits, total) and the details."""
    return {
        "engine": {"name": scores.engine, "model": scores.model, "prompt_version": scores.prompt_version},
        "documents": {"total": scores.documents, "failed": scores.failed_documents},
        "metrics": {
            name: {"value": r.value, "hits": r.hits, "total": r.total} for name, r in _ratios(scores).items()
        },
        "optional_rows_found": {"hits": scores.optional_found.hits, "total": scores.optional_found.total},
        "unverified": scores.unverified,
        "usage": {
            "calls": scores.calls,
            "input_tokens": scores.input_tokens,
            "output_tokens": scores.output_tokens,
            "cost_usd": scores.cost_usd,
        },
        "rows": [
            {
                "gold_id": o.gold_id,
                "required": o.required,
                "row_id": o.row_id,
                "label": o.label,
                "fields": {v.field: {"got": v.got, "ok": v.ok} for v in o.verdicts},
            }
            for o in scores.outcomes
        ],
        "extra_rows": [{"label": e.label, "why": e.why} for e in scores.extra_rows],
        "missed_disagreements": list(scores.missed_disagreements),
        "extra_disagreements": [{"label": e.label, "why": e.why} for e in scores.extra_disagreements],
        "missing_documents": list(scores.missing_documents),
    }


def _details(s: Scores) -> list[str]:
    lines: list[str] = []
    for o in s.outcomes:
        if o.row_id is None:
            if o.required:
                lines.append(f"  missed     {o.gold_id}")
            continue
        wrong = [f"{v.field}={v.got!r}" for v in o.verdicts if not v.ok]
        if wrong:
            lines.append(f"  wrong      {o.gold_id}: {', '.join(wrong)}")
    lines += [f"  extra row  {e.label}  ({e.why})" for e in s.extra_rows]
    lines += [f"  missed     disagreement {d}" for d in s.missed_disagreements]
    lines += [f"  extra      disagreement {e.label}" for e in s.extra_disagreements]
    return lines


def scores_text(scores: Scores, *, title: str) -> str:
    """One run's scores as an aligned table, then what was missed, wrong or extra."""
    engine = f"{scores.engine} {scores.model or ''}".strip()
    lines = [f"{title}: engine {engine}, prompt version {scores.prompt_version or '-'}"]
    lines.append(f"  documents: {scores.documents} ({scores.failed_documents} failed)")
    for name, r in _ratios(scores).items():
        lines.append(f"  {_LABELS[name]:<28} {_ratio_text(r)}")
    lines.append(f"  {'rows: optional found':<28} {scores.optional_found.hits}/{scores.optional_found.total}")
    lines.append(f"  {'quotes: unverified':<28} {scores.unverified}")
    lines.append(f"  {'cost':<28} {_cost_text(scores)}")
    if scores.missing_documents:
        lines.append(f"  warning: gold documents not in this run: {', '.join(scores.missing_documents)}")
    details = _details(scores)
    if details:
        lines += ["", "details:", *details]
    return "\n".join(lines) + "\n"


def row_differences(a: Scores, b: Scores) -> list[str]:
    """Gold rows found or valued differently by the two runs, and extra rows only one run has."""
    out: list[str] = []
    b_by_id = {o.gold_id: o for o in b.outcomes}
    for oa in a.outcomes:
        ob = b_by_id.get(oa.gold_id)
        if ob is None or (oa.label, oa.verdicts) == (ob.label, ob.verdicts):
            continue
        out.append(f"{oa.gold_id}:\n    A: {oa.label or 'missed'}\n    B: {ob.label or 'missed'}")
    a_extra, b_extra = {e.label for e in a.extra_rows}, {e.label for e in b.extra_rows}
    out += [f"extra row only in A: {label}" for label in sorted(a_extra - b_extra)]
    out += [f"extra row only in B: {label}" for label in sorted(b_extra - a_extra)]
    return out


def _delta(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def _change(a: float | None, b: float | None) -> str:
    delta = _delta(a, b)
    return "" if delta is None or abs(delta) < 1e-9 else f"{delta:+.2f}"


def compare_text(a: Scores, b: Scores, *, name_a: str, name_b: str) -> str:
    """Two runs side by side (A, B, change), then the rows that differ."""
    width = max(len(name_a), len(name_b), 14)
    lines = [f"A = {name_a} (prompt version {a.prompt_version or '-'})"]
    lines.append(f"B = {name_b} (prompt version {b.prompt_version or '-'})")
    lines.append(f"  {'metric':<28} {'A':<{width}} {'B':<{width}} change")
    ra, rb = _ratios(a), _ratios(b)
    for name in ra:
        lines.append(
            f"  {_LABELS[name]:<28} {_ratio_text(ra[name]):<{width}} {_ratio_text(rb[name]):<{width}} "
            f"{_change(ra[name].value, rb[name].value)}".rstrip()
        )
    lines.append(f"  {'quotes: unverified':<28} {a.unverified:<{width}} {b.unverified:<{width}}".rstrip())
    lines.append(f"  {'calls':<28} {a.calls:<{width}} {b.calls:<{width}}".rstrip())
    cost_a = "-" if a.cost_usd is None else f"${a.cost_usd:.4f}"
    cost_b = "-" if b.cost_usd is None else f"${b.cost_usd:.4f}"
    lines.append(f"  {'cost':<28} {cost_a:<{width}} {cost_b:<{width}}".rstrip())
    differences = row_differences(a, b)
    lines += ["", "rows that differ:" if differences else "rows that differ: none"]
    lines += [f"  {d}" for d in differences]
    return "\n".join(lines) + "\n"


def compare_dict(a: Scores, b: Scores, *, name_a: str, name_b: str) -> dict[str, Any]:
    """Both runs' scores, the change of each headline number, and the rows that differ."""
    ha, hb = headline(a), headline(b)
    return {
        "a": {"prompts": name_a, **scores_dict(a)},
        "b": {"prompts": name_b, **scores_dict(b)},
        "change": {k: _delta(ha[k], hb[k]) for k in ha},
        "rows_that_differ": row_differences(a, b),
    }
