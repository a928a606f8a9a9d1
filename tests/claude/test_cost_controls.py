"""--dry-run counts before spending; --max-cost stops before a call could pass the budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli.main import main
from briefing.engines.claude import ClaudeConfig
from briefing.engines.claude.dry_run import estimate_run
from briefing.models import DraftExtraction, ExtractionFailure
from tests.claude.helpers import TEST_KEY, TEXT, Script, doc, engine_for, good_answer, message
from tests.claude.standin import stand_in_client, stand_in_engine
from tests.stand_in.routes import Memory

DOCS = [doc(f"doc-{i}", text=TEXT * (i + 1)) for i in range(4)]


def test_dry_run_counts_with_the_api_when_a_key_exists_and_calls_nothing_paid() -> None:
    memory = Memory()
    config = ClaudeConfig(api_key=TEST_KEY, model="claude-sonnet-5-5")
    estimates = estimate_run(config, DOCS, client=stand_in_client(memory))
    assert all(e.counted for e in estimates)
    assert set(memory.calls) == {"POST /v1/messages/count_tokens"} and len(memory.calls) == 4
    tokens = [e.input_tokens for e in estimates]
    assert tokens == sorted(tokens) and tokens[0] < tokens[-1]  # longer documents cost more
    assert all(e.input_cost is not None and e.max_cost is not None for e in estimates)
    assert all(e.max_cost > e.input_cost for e in estimates)  # type: ignore[operator]


def test_dry_run_halves_the_cost_in_a_batch() -> None:
    config = ClaudeConfig(model="claude-sonnet-5-5")
    plain, batch = estimate_run(config, DOCS[:1]), estimate_run(config, DOCS[:1], batch=True)
    assert not plain[0].counted
    assert batch[0].max_cost == pytest.approx(plain[0].max_cost / 2)  # type: ignore[operator]


def test_dry_run_on_the_command_line_without_a_key_is_labelled_an_estimate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Title\n\n" + TEXT, encoding="utf-8")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    args = ["build", str(tmp_path / "a.txt"), "--dry-run", "--cache-dir", str(tmp_path / "c")]
    code = main([*args, "--engine", "anthropic"])
    out = capsys.readouterr().out
    assert code == 0 and "estimated locally" in out and "a.txt:" in out and out.count("total:") == 1
    assert not (tmp_path / "out").exists()
    # Without a key, auto means the offline engine: no Claude figures, and how to get them.
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "offline engine" in out and "$0" in out and "--engine anthropic" in out and "total:" not in out
    assert not (tmp_path / "out").exists()


def test_max_cost_stops_before_a_call_could_pass_it() -> None:
    script = Script(by_request=lambda body: message(good_answer()))
    engine = engine_for(script, model="claude-sonnet-5-5", max_reasks=0, concurrency=1, max_cost=0.095)
    results = engine.extract_many(DOCS)
    done = [r for r in results if isinstance(r, DraftExtraction)]
    skipped = [r for r in results if isinstance(r, ExtractionFailure)]
    assert done and skipped and len(done) + len(skipped) == len(DOCS)
    assert len(script.requests) == len(done)
    assert all("not processed" in r.reason and "--max-cost" in r.reason for r in skipped)
    assert engine.spending.spent <= 0.095
    assert any("--max-cost" in w for w in engine.warnings)


def test_a_budget_too_small_for_one_call_sends_nothing() -> None:
    memory = Memory()
    results = stand_in_engine(memory, max_cost=0.0001).extract_many(DOCS)
    assert memory.calls == [] and all(isinstance(r, ExtractionFailure) for r in results)
