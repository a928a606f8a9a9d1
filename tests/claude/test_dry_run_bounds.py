"""--dry-run bounds re-asks and the executive summary too, so its total is an upper bound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.engines.claude import ClaudeConfig
from briefing.engines.claude.dry_run import estimate_run, estimate_summary
from tests.claude.helpers import TEXT, doc

DOCS = [doc(f"d{i}", text=TEXT * (i + 1)) for i in range(3)]


def test_reasks_are_a_range_that_grows_with_max_reasks_and_is_free_without_them() -> None:
    none = estimate_run(ClaudeConfig(model="claude-sonnet-5-5", max_reasks=0), DOCS)
    two = estimate_run(ClaudeConfig(model="claude-sonnet-5-5", max_reasks=2), DOCS)
    three = estimate_run(ClaudeConfig(model="claude-sonnet-5-5", max_reasks=3), DOCS)
    assert all(e.reasks == 0 and e.reask_max_cost == 0.0 for e in none)
    for a, b, first in zip(two, three, none, strict=True):
        assert a.reasks == 2 and b.reasks == 3
        assert a.reask_max_cost is not None and b.reask_max_cost is not None and first.max_cost
        # each re-ask resends at least the first prompt and may use the whole output budget again
        assert a.reask_max_cost > 2 * first.max_cost and b.reask_max_cost > a.reask_max_cost


def test_the_summary_bound_grows_with_the_documents_and_stops_at_the_context_window() -> None:
    config = ClaudeConfig(model="claude-sonnet-5-5", max_reasks=2)
    one, many, huge = (estimate_summary(config, documents=n) for n in (1, 20, 100_000))
    assert one.calls == 2  # the synthesizer re-asks at most once, whatever max_reasks says
    assert estimate_summary(ClaudeConfig(model="claude-sonnet-5-5", max_reasks=0), documents=1).calls == 1
    assert one.max_cost is not None and many.max_cost is not None and huge.max_cost is not None
    assert one.input_tokens < many.input_tokens < huge.input_tokens <= 1_000_000
    assert one.max_cost < many.max_cost < huge.max_cost


def _money(line: str, after: str) -> float:
    match = re.search(re.escape(after) + r" \$(\d+\.\d+)", line)
    assert match, line
    return float(match[1])


def test_the_command_line_total_adds_first_calls_reasks_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, times in (("a.txt", 1), ("b.txt", 3)):
        (tmp_path / name).write_text("Title\n\n" + TEXT * times, encoding="utf-8")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    args = ["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--dry-run", "--max-reasks", "1"]
    args += ["--engine", "anthropic"]  # auto without a key is the offline engine, which costs nothing
    assert main([*args, "--cache-dir", str(tmp_path / "c")]) == 0
    lines = capsys.readouterr().out.splitlines()
    [total] = [x for x in lines if x.startswith("total:")]
    [reasks] = [x for x in lines if "re-asks (0..1 per document)" in x]
    [summary] = [x for x in lines if "executive summary (1..2 call(s)" in x and "estimated" in x]
    [bound] = [x for x in lines if "in all at most" in x]
    assert sum(1 for x in lines if "re-asks 0..1: up to $" in x) == 2  # per document
    first, more, synth = _money(total, "at most"), _money(reasks, "up to"), _money(summary, "up to")
    assert more > 0 and synth > 0
    assert _money(bound, "in all at most") == pytest.approx(first + more + synth, abs=2e-4)
