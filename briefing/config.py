"""Run settings: defaults, an optional ``briefing.toml``, environment variables and flags, in that order.

Validated with pydantic at this edge (unknown keys are an error, so a typo in the file is not
silently ignored). Only the CLI calls :func:`load_settings`; the pipeline receives plain values.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefing.errors import ConfigError

EngineChoice = Literal["auto", "offline", "anthropic"]

ENV_KEYS: dict[str, str] = {
    "BRIEFING_MODEL": "model",
    "BRIEFING_ENGINE": "engine",
    "BRIEFING_OUT": "out",
    "BRIEFING_CACHE_DIR": "cache_dir",
    "BRIEFING_CONCURRENCY": "concurrency",
}
"""Environment variables read by the CLI, and the setting each one sets."""


class Settings(BaseModel):
    """Every setting a run can take; the CLI's flags override these."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: EngineChoice = "auto"
    model: str | None = None
    out: Path = Path("out")
    formats: str = Field(default="md,pdf,json,html", min_length=1, pattern=r"\S")
    cache_dir: Path | None = None
    concurrency: int = Field(default=4, ge=1, le=64)
    max_reasks: int = Field(default=2, ge=0, le=5)
    max_bytes: int = Field(default=5_000_000, ge=1)
    prompts: Path | None = None
    prices: Path | None = None
    font_dirs: list[Path] = Field(default_factory=list)
    title: str = "Briefing"


def load_settings(
    *,
    config_path: Path | None,
    environ: Mapping[str, str],
    cwd: Path,
    flags: Mapping[str, object] | None = None,
) -> Settings:
    """Merge ``briefing.toml`` (or ``config_path``), the ``BRIEFING_*`` environment variables and
    the command line's ``flags`` (settings given explicitly), later ones winning, then validate."""
    values: dict[str, object] = {}
    origin: dict[str, str] = {}  # setting -> where its value came from, for error messages
    path = config_path or (cwd / "briefing.toml")
    if config_path is not None and not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        table = ""
        if "briefing" in data:
            stray = sorted(k for k in data if k != "briefing")
            if stray:
                raise ConfigError(
                    f"{path}: {', '.join(stray)} outside the [briefing] table; put every setting under [briefing]"
                )
            data, table = data["briefing"], "[briefing] "
        values.update(data)
        origin.update({k: f"{path}, key {table}{k}" for k in data})
    for env_key, setting in ENV_KEYS.items():
        if environ.get(env_key):
            values[setting] = environ[env_key]
            origin[setting] = f"environment variable {env_key}"
    for key, value in (flags or {}).items():
        if value is not None:
            values[key] = value
            origin[key] = f"flag --{key.replace('_', '-')}"
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError("; ".join(_problem(e, origin) for e in exc.errors())) from exc


def _problem(error: Mapping[str, Any], origin: Mapping[str, str]) -> str:
    """One validation error as a sentence naming the setting, its value and where it came from."""
    loc = error.get("loc") or ()
    key = str(loc[0]) if loc else "?"
    where = origin.get(key, "the defaults")
    if error.get("type") == "extra_forbidden":
        return f"unknown setting {key!r} (from {where})"
    return f"invalid setting {key} = {error.get('input')!r} (from {where}): {error.get('msg')}"


def cache_path(cache_dir: Path | None, *, environ: Mapping[str, str]) -> Path:
    """Where the Claude engine's result cache and call log live (``$XDG_CACHE_HOME/briefing``)."""
    if cache_dir is None:
        base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME", ".")) / ".cache")
        cache_dir = Path(base) / "briefing"
    return cache_dir / "cache.sqlite3"
