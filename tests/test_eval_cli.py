"""``briefing eval``: scores, JSON, thresholds, --compare and usage errors, with the offline engine.

The corpus here is written by the test (two short made-up reports) with its own gold file, so the
command is exercised on inputs other than the committed corpora; the committed gold files are run
once to check that ``corpus`` paths resolve from the gold file's folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from briefing.cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]
REPORT_A = (
    "Harbour Council and Northwind Labs signed a memorandum of understanding on 2 June 2026 to test flood "
    "sensors in the old port.\n\nThe council said the trial would cost 3 million euros.\n"
)
REPORT_B = (
    "Northwind Labs said on Tuesday it had agreed a contract with Brightline Freight to supply sensors "
    "for its depots.\n\nThe company did not give a value.\n"
)


@pytest.fixture
def gold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(REPORT_A, encoding="utf-8")
    (corpus / "brightline.txt").write_text(REPORT_B, encoding="utf-8")
    data = {
        "gold_version": 1,
        "description": "two made-up reports",
        "corpus": ["corpus"],
        "as_of": "2026-06-10",
        "partnerships": [
            {
                "id": "harbour-mou",
                "parties": [["Harbour Council"], ["Northwind Labs"]],
                "kind": "memorandum of understanding",
                "date": "2026-06-02",
                "status": ["signed"],
                "documents": ["harbour"],
            },
            {
                "id": "brightline-contract",
                "parties": [["Northwind Labs"], ["Brightline Freight"]],
                "kind": "contract",
                "documents": ["brightline"],
            },
        ],
    }
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_eval_prints_the_scores_and_exits_0(gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(gold), "--engine", "offline"]) == EXIT_OK
    out = capsys.readouterr().out
    for label in (
        "rows: precision",
        "rows: recall (required)",
        "field: kind",
        "field: date",
        "field: status",
    ):
        assert label in out
    assert "quotes: verified rate" in out and "quotes: unverified" in out and "no model calls" in out


def test_json_output_carries_every_metric_and_the_rows(
    gold: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(gold), "--engine", "offline", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["engine"]["name"] == "offline"
    assert {"row_precision", "row_recall", "kind_accuracy", "date_accuracy", "status_accuracy"} <= set(
        data["metrics"]
    )
    assert data["metrics"]["row_recall"]["total"] == 2
    assert [r["gold_id"] for r in data["rows"]] == ["harbour-mou", "brightline-contract"]
    assert data["usage"]["calls"] == 0 and data["documents"] == {"total": 2, "failed": 0}


def test_thresholds_exit_1_when_not_met(
    gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(gold.read_text(encoding="utf-8"))
    data["partnerships"].append(
        {"id": "never-said", "parties": [["Harbour Council"], ["Lindale Water"]], "documents": ["harbour"]}
    )
    gold.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["eval", str(gold), "--engine", "offline", "--min-precision", "0.5"]) == EXIT_OK
    assert main(["eval", str(gold), "--engine", "offline", "--min-recall", "0.9"]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert "threshold not met: --min-recall 0.9" in err


def test_paths_override_the_gold_corpus(
    gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only = tmp_path / "corpus" / "harbour.txt"
    assert main(["eval", str(gold), str(only), "--engine", "offline"]) == EXIT_OK
    assert "gold documents not in this run: brightline" in capsys.readouterr().out


def test_compare_prints_both_runs_side_by_side(
    gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = ROOT / "prompts"
    assert (
        main(["eval", str(gold), "--engine", "offline", "--compare", str(prompts), str(prompts)]) == EXIT_OK
    )
    captured = capsys.readouterr()
    assert "reads no prompts" in captured.err
    assert f"A = {prompts}" in captured.out and "rows that differ: none" in captured.out
    assert (
        main(["eval", str(gold), "--engine", "offline", "--json", "--compare", str(prompts), str(prompts)])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["rows_that_differ"] == [] and data["change"]["row_recall"] == 0.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--compare", "prompts", "prompts", "--prompts", "prompts"], "leave out --prompts"),
        (["--compare", "no-such-a", "no-such-b"], "is not a folder"),
        (["--date", "2026-13-01"], "not a day of the calendar"),
    ],
)
def test_usage_errors_exit_2(
    gold: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (gold.parent / "prompts").mkdir()
    assert main(["eval", str(gold), "--engine", "offline", *args]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_a_gold_file_with_an_unknown_key_exits_2(gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold.write_text(gold.read_text(encoding="utf-8") + "expected_rows: 3\n", encoding="utf-8")
    assert main(["eval", str(gold), "--engine", "offline"]) == EXIT_USAGE
    assert "expected_rows: Extra inputs are not permitted" in capsys.readouterr().err


def test_a_threshold_outside_0_1_is_an_argparse_error(gold: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["eval", str(gold), "--min-recall", "80"])
    assert caught.value.code == EXIT_USAGE


def test_the_committed_gold_files_run_from_any_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = ROOT / "tests" / "gold" / "sample.yaml"
    assert main(["eval", str(gold), "--engine", "offline", "--min-recall", "1.0"]) == EXIT_OK
    assert "documents: 5 (0 failed)" in capsys.readouterr().out
