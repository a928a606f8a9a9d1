"""The baseline comparison itself (no cassettes): a drop fails with before/after and the commands."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tests.quality.baseline import CHECKED, failure_text, load_baseline, regressions, save_corpus


def _lowered(scores: dict[str, Any], metric: str, value: float) -> dict[str, Any]:
    out = copy.deepcopy(scores)
    out["metrics"][metric]["value"] = value
    return out


def test_the_committed_baseline_has_every_corpus_and_checked_metric() -> None:
    baseline = load_baseline()
    assert set(baseline["corpora"]) >= {"sample", "unseen"}
    for scores in baseline["corpora"].values():
        assert set(CHECKED) <= set(scores["metrics"])
        assert scores["engine"]["name"] == "anthropic"


def test_equal_or_better_scores_pass_and_a_drop_fails() -> None:
    baseline = load_baseline()
    now = baseline["corpora"]["sample"]
    assert regressions(baseline, "sample", now) == []
    worse = _lowered(now, "row_recall", 0.61)
    [found] = regressions(baseline, "sample", worse)
    assert (found.metric, found.after, found.why) == ("row_recall", 0.61, "below the baseline")


def test_a_floor_fails_even_when_the_baseline_is_lower() -> None:
    baseline = load_baseline()
    baseline["floors"]["row_recall"] = 0.9
    now = _lowered(baseline["corpora"]["unseen"], "row_recall", 0.5)
    baseline["corpora"]["unseen"] = now
    [found] = regressions(baseline, "unseen", now)
    assert found.why == "below the floor 0.9"


def test_the_failure_text_shows_before_after_changed_rows_and_the_commands() -> None:
    baseline = load_baseline()
    now = _lowered(baseline["corpora"]["sample"], "row_recall", 0.7)
    now["rows"][0] = now["rows"][0] | {"label": None}
    text = failure_text(baseline, "sample", now, regressions(baseline, "sample", now))
    assert "row_recall" in text and "0.70" in text and "<- below the baseline" in text
    assert f"{now['rows'][0]['gold_id']}: " in text and "->  missed" in text
    assert "scripts/record-cassettes tests/quality" in text
    assert "UPDATE_QUALITY_BASELINE=1 pytest tests/quality" in text


def test_saving_one_corpus_keeps_the_others_and_the_thresholds(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"allowed_drop": 0.0, "floors": {"row_recall": 0.5}, "corpora": {"a": {}}}))
    save_corpus("b", {"metrics": {}}, path)
    data = load_baseline(path)
    assert data == {
        "allowed_drop": 0.0,
        "floors": {"row_recall": 0.5},
        "corpora": {"a": {}, "b": {"metrics": {}}},
    }
