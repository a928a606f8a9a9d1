"""Run settings: defaults, an optional ``briefing.toml``, environment variables and flags, in that order.

Validated with pydantic at this edge (unknown keys are an error, so a typo in the file is not
silently ignored). Only the CLI calls :func:`load_settings`; the pipeline receives plain values.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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


class SourceEntry(BaseModel):
    """One ``[[sources]]`` table of ``briefing.toml``: exactly one of ``path``, ``folder``, ``file``, ``feed``.

    ``path`` is a file or folder, ``folder`` must be a folder, ``file`` a file, ``feed`` an RSS,
    Atom or JSON Feed URL or local file; ``max_items`` (feeds only) caps the items read from it.
    Relative paths are relative to the settings file.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path | None = None
    folder: Path | None = None
    file: Path | None = None
    feed: str | None = Field(default=None, min_length=1)
    max_items: int | None = Field(default=None, ge=1, le=10_000)

    @model_validator(mode="after")
    def _exactly_one(self) -> SourceEntry:
        given = [k for k in ("path", "folder", "file", "feed") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"each [[sources]] entry needs exactly one of path, folder, file, feed (got {given or 'none'})"
            )
        if self.max_items is not None and self.feed is None:
            raise ValueError("max_items applies to feed entries only")
        return self

    def relative_to(self, base: Path) -> SourceEntry:
        """The entry with a relative local path made relative to ``base`` (the settings file's folder)."""
        updates: dict[str, object] = {}
        for key in ("path", "folder", "file"):
            value = getattr(self, key)
            if value is not None and not value.is_absolute():
                updates[key] = base / value
        if self.feed is not None and "://" not in self.feed and not Path(self.feed).is_absolute():
            updates["feed"] = str(base / self.feed)
        return self.model_copy(update=updates)


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
    sources: list[SourceEntry] = Field(default_factory=list)
    """Inputs from ``[[sources]]`` tables, used when no PATHS or ``--feed`` are given."""
    # Claude engine (briefing/cli/claude_options.py); None: the engine's default.
    effort: Literal["low", "medium", "high", "xhigh", "max"] | None = None
    timeout: float | None = Field(default=None, gt=0)
    max_retry_wait: float | None = Field(default=None, ge=0)
    max_cost: float | None = Field(default=None, ge=0)
    batch: bool | None = None


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
            stray = sorted(k for k in data if k not in ("briefing", "sources"))
            if stray:
                raise ConfigError(
                    f"{path}: {', '.join(stray)} outside the [briefing] table; put every setting under [briefing]"
                )
            data = {**data["briefing"], **({"sources": data["sources"]} if "sources" in data else {})}
            table = "[briefing] "
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
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError("; ".join(_problem(e, origin) for e in exc.errors())) from exc
    if settings.sources:
        sources = [entry.relative_to(path.parent) for entry in settings.sources]
        settings = settings.model_copy(update={"sources": sources})
    return settings


def _problem(error: Mapping[str, Any], origin: Mapping[str, str]) -> str:
    """One validation error as a sentence naming the setting, its value and where it came from."""
    loc = error.get("loc") or ()
    key = ".".join(map(str, loc)) or "?"  # "sources.0.folders" inside a [[sources]] table
    where = origin.get(str(loc[0]) if loc else "", "the defaults")
    if error.get("type") == "extra_forbidden":
        return f"unknown setting {key!r} (from {where})"
    return f"invalid setting {key} = {error.get('input')!r} (from {where}): {error.get('msg')}"


def cache_path(cache_dir: Path | None, *, environ: Mapping[str, str]) -> Path:
    """Where the Claude engine's result cache and call log live (``$XDG_CACHE_HOME/briefing``)."""
    if cache_dir is None:
        base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME", ".")) / ".cache")
        cache_dir = Path(base) / "briefing"
    return cache_dir / "cache.sqlite3"
