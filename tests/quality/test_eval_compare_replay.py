"""`briefing eval --compare` with the Claude engine on the sample corpus, replayed from cassettes.

Prompt folder A is the committed ``prompts/``; B is a copy with one added instruction ("Report at
most one partnership per document"). The requests carry the prompt text but no path, so both runs
replay from cassettes/test_eval_compare_replay/ (recorded by ``scripts/record-cassettes``).
Invariants hold for any recording; the stand-in's exact outcome (B loses rows, so recall falls) is
checked only when the recorded responses come from the stand-in.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import EXIT_FAILURE, main

ROOT = Path(__file__).resolve().parents[2]
ONE_ROW = "\nReport at most one partnership per document: the one the headline is about.\n"


def _one_row_prompts(tmp_path: Path) -> Path:
    """A copy of prompts/ whose system prompt ends with the one-row instruction (robust to rewording)."""
    folder = tmp_path / "one-row-prompts"
    shutil.copytree(ROOT / "prompts", folder)
    system = folder / "system.j2"
    system.write_text(system.read_text(encoding="utf-8") + ONE_ROW, encoding="utf-8")
    return folder


@pytest.mark.vcr
def test_compare_two_prompt_folders_with_the_claude_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], vcr: Any
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", os.environ.get("ANTHROPIC_API_KEY", "sk-ant-test-dummy"))
    gold = ROOT / "tests" / "gold" / "sample.yaml"
    one_row = _one_row_prompts(tmp_path)
    args = ["eval", str(gold), "--engine", "anthropic", "--json", "--cache-dir", str(tmp_path / "cache")]
    code = main([*args, "--compare", str(ROOT / "prompts"), str(one_row), "--min-recall", "1.0"])
    data = json.loads(capsys.readouterr().out)
    a, b = data["a"], data["b"]
    assert a["engine"]["name"] == b["engine"]["name"] == "anthropic"
    assert a["engine"]["prompt_version"] != b["engine"]["prompt_version"]
    assert a["usage"]["calls"] >= 5 and b["usage"]["calls"] >= 5  # one call per document at least
    assert a["documents"]["failed"] == b["documents"]["failed"] == 0
    recorded = [json.loads(r["body"]["string"]) for r in vcr.responses]
    if all(r["id"].startswith("msg_standin_") for r in recorded):
        assert b["metrics"]["row_recall"]["value"] < a["metrics"]["row_recall"]["value"]
        assert any(line.endswith("B: missed") for line in data["rows_that_differ"])
        assert code == EXIT_FAILURE  # --min-recall 1.0 is checked on B
