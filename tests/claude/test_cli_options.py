"""The Claude engine's options reach its config from briefing.toml and from flags (a flag wins)."""

from __future__ import annotations

from pathlib import Path

from briefing.cli.claude_options import claude_flags, claude_options
from briefing.cli.main import build_parser
from briefing.config import load_settings
from briefing.engines.claude import ClaudeEngine
from briefing.engines.select import EngineRequest, select_engine


def _engine(tmp_path: Path, argv: list[str], toml: str) -> ClaudeEngine:
    (tmp_path / "briefing.toml").write_text(toml, encoding="utf-8")
    args = build_parser().parse_args(["build", *argv])
    settings = load_settings(config_path=None, environ={}, cwd=tmp_path, flags=claude_flags(args))
    selected = select_engine(
        EngineRequest(engine="anthropic", api_key="sk-ant-x", claude_options=claude_options(settings))
    )
    assert isinstance(selected.engine, ClaudeEngine)
    return selected.engine


def test_effort_comes_from_the_settings_file(tmp_path: Path) -> None:
    assert _engine(tmp_path, [], 'effort = "medium"\n').config.effort == "medium"


def test_the_effort_flag_wins_over_the_file(tmp_path: Path) -> None:
    assert _engine(tmp_path, ["--effort", "high"], 'effort = "medium"\n').config.effort == "high"


def test_without_either_the_default_suits_extraction(tmp_path: Path) -> None:
    assert _engine(tmp_path, [], "").config.effort == "low"
