"""The committed quality baseline (tests/quality/baseline.json) and the comparison against it.

The baseline holds, per corpus, the scores ``briefing eval`` computed from the committed cassettes
with the committed prompts, plus the thresholds: ``allowed_drop`` (how far a checked metric may
fall below its baseline) and ``floors`` (absolute minimums). A prompt edit is re-recorded
(``scripts/record-cassettes``), replayed, scored, and compared here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASELINE = Path(__file__).resolve().parent / "baseline.json"
UPDATE_ENV = "UPDATE_QUALITY_BASELINE"
CHECKED: tuple[str, ...] = (
    "row_recall",
    "row_precision",
    "kind_accuracy",
    "date_accuracy",
    "status_accuracy",
    "parties_accuracy",
    "verified_quote_rate",
)
_EPSILON = 1e-9

HOW_TO = f"""\
What to do:
  - The prompt edit made answers worse: change the prompt and re-record, then run this test again:
        scripts/record-cassettes tests/quality                          # stand-in, no key
        ANTHROPIC_API_KEY=sk-ant-... scripts/record-cassettes tests/quality   # real API (billed)
  - Compare two prompt folders directly (offline stand-in or real API):
        briefing eval tests/gold/sample.yaml --compare prompts/ my-prompts/
  - The new scores are right (a better gold file, an intended trade-off): accept them as the baseline
        {UPDATE_ENV}=1 pytest tests/quality -q
    and commit tests/quality/baseline.json with the cassettes."""


@dataclass(frozen=True, slots=True)
class Regression:
    metric: str
    before: float | None
    after: float | None
    why: str


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def save_corpus(corpus: str, scores: dict[str, Any], path: Path = BASELINE) -> None:
    """Replace one corpus's entry in the baseline, keeping the thresholds and the other corpora."""
    data = load_baseline(path)
    data["corpora"][corpus] = scores
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _value(scores: dict[str, Any], metric: str) -> float | None:
    value = scores["metrics"][metric]["value"]
    return None if value is None else float(value)


def regressions(baseline: dict[str, Any], corpus: str, now: dict[str, Any]) -> list[Regression]:
    """Checked metrics of ``now`` below the corpus's baseline (beyond ``allowed_drop``) or a floor."""
    before = baseline["corpora"][corpus]
    drop = float(baseline["allowed_drop"])
    out: list[Regression] = []
    for metric in CHECKED:
        b, a = _value(before, metric), _value(now, metric)
        floor = baseline["floors"].get(metric)
        if a is not None and floor is not None and a < float(floor) - _EPSILON:
            out.append(Regression(metric, b, a, f"below the floor {floor}"))
        elif a is not None and b is not None and a < b - drop - _EPSILON:
            out.append(Regression(metric, b, a, "below the baseline"))
        elif a is None and b is not None:
            out.append(Regression(metric, b, a, "nothing left to score"))
    return out


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _row_labels(scores: dict[str, Any]) -> dict[str, str]:
    return {r["gold_id"]: r["label"] or "missed" for r in scores["rows"]}


def failure_text(baseline: dict[str, Any], corpus: str, now: dict[str, Any], found: list[Regression]) -> str:
    """Before/after of every checked metric, the gold rows that changed, and what to do."""
    before = baseline["corpora"][corpus]
    bad = {r.metric: r.why for r in found}
    lines = [
        f"Prompt quality dropped on the {corpus} corpus (gold: {before['gold']}).",
        f"  prompt version: baseline {before['engine']['prompt_version']}, now {now['engine']['prompt_version']}",
        f"  {'metric':<24} {'baseline':>10} {'now':>10}",
    ]
    for metric in CHECKED:
        b, a = _value(before, metric), _value(now, metric)
        hits = now["metrics"][metric]
        mark = f"   <- {bad[metric]}" if metric in bad else ""
        lines.append(f"  {metric:<24} {_fmt(b):>10} {_fmt(a):>10}  ({hits['hits']}/{hits['total']}){mark}")
    old, new = _row_labels(before), _row_labels(now)
    changed = [k for k in new if old.get(k) != new[k]]
    if changed:
        lines.append("  gold rows that changed:")
        lines += [f"    {k}: {old.get(k, '-')}  ->  {new[k]}" for k in changed]
    return "\n".join([*lines, "", HOW_TO])
