"""Choosing an engine: ``auto`` means Claude when a key is configured, the offline engine otherwise.

The caller (the CLI) reads the environment and passes what it found; nothing here reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing.consolidate import Synthesizer
from briefing.engines.base import Engine
from briefing.errors import ConfigError, EngineUnavailableError


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineRequest:
    engine: str = "auto"
    model: str | None = None
    api_key: str | None = None
    base_url: str | None = None
    prompts_dir: Path | None = None
    concurrency: int = 4
    max_reasks: int = 2
    cache_path: Path | None = None
    refresh: bool = False
    prices: Path | None = None
    claude_options: Mapping[str, Any] = field(default_factory=dict)
    """Further ``ClaudeConfig`` fields by name (effort, timeout, ...), set by the CLI."""


@dataclass(frozen=True, slots=True)
class SelectedEngine:
    engine: Engine
    synthesizer: Synthesizer | None = None
    """Writes the executive summary; ``None`` means the offline summary is used."""


def select_engine(request: EngineRequest) -> SelectedEngine:
    name = request.engine
    if name == "auto":
        name = "anthropic" if request.api_key else "offline"
    if name == "offline":
        from briefing.engines.offline import OfflineEngine

        return SelectedEngine(OfflineEngine())
    if name != "anthropic":
        raise ConfigError(f"unknown engine {request.engine!r}; choose auto, offline or anthropic")
    if not request.api_key:
        raise ConfigError(
            "the anthropic engine needs ANTHROPIC_API_KEY; set it, or use --engine offline "
            "(the default when no key is set)"
        )
    try:
        from briefing.engines.claude import DEFAULT_MODEL, ClaudeConfig, ClaudeEngine
    except ImportError as exc:  # pragma: no cover - only while the engine is not installed
        raise EngineUnavailableError(f"the anthropic engine is not available: {exc}") from exc
    config = ClaudeConfig(
        model=request.model or DEFAULT_MODEL,
        api_key=request.api_key,
        base_url=request.base_url,
        prompts_dir=request.prompts_dir,
        concurrency=request.concurrency,
        max_reasks=request.max_reasks,
        cache_path=request.cache_path,
        refresh=request.refresh,
        price_table=request.prices,
    )
    config = replace(config, **dict(request.claude_options))
    engine = ClaudeEngine(config)
    return SelectedEngine(engine, engine.synthesizer())
