"""The three commands. Each takes parsed arguments and the environment, prints, and returns an exit code."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from briefing.cli import display
from briefing.cli.main import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL
from briefing.config import Settings, cache_path, load_settings
from briefing.engines.select import EngineRequest, select_engine
from briefing.errors import ConfigError
from briefing.output import parse_formats, write_briefing
from briefing.pipeline import Window, build_briefing
from briefing.sources import SourceLoader

DEFAULT_PATHS = (Path("sources"),)


def build(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    settings = _settings(args, environ)
    today = date.today()  # the only clock read
    window = parse_week(args.week, today=today) if args.week else None
    as_of = _parse_date(args.date) if args.date else (window.end if window else today)
    title = args.title or (f"Weekly digest {window.label}" if window else settings.title)
    formats = parse_formats(args.formats or settings.formats)
    documents = _load(args.paths, max_bytes=args.max_bytes or settings.max_bytes)
    request = EngineRequest(
        engine=args.engine or settings.engine,
        model=args.model or settings.model,
        api_key=environ.get("ANTHROPIC_API_KEY") or None,
        base_url=environ.get("ANTHROPIC_BASE_URL") or None,
        prompts_dir=args.prompts or settings.prompts,
        concurrency=args.concurrency or settings.concurrency,
        max_reasks=settings.max_reasks if args.max_reasks is None else args.max_reasks,
        cache_path=cache_path(args.cache_dir or settings.cache_dir, environ=environ),
        refresh=args.refresh,
        prices=settings.prices,
    )
    selected = select_engine(request)
    usable = sum(1 for d in documents if d.metadata.get("status") == "ok")
    show_progress = not args.quiet and sys.stderr.isatty()
    with display.progress(total=usable, enabled=show_progress) as advance:
        outcome = build_briefing(
            documents,
            selected.engine,
            as_of=as_of,
            title=title,
            on_done=advance,
            window=window,
            synthesizer=selected.synthesizer,
        )
    briefing = outcome.briefing
    stem = f"{window.label}-digest" if window else None
    font_dirs = args.font_dirs or settings.font_dirs
    written = write_briefing(
        briefing, args.out or settings.out, formats=formats, force=args.force, stem=stem, font_paths=font_dirs
    )
    from briefing.render import needs_cjk_font  # here, so `briefing sources` never loads typst

    if "pdf" in formats and not font_dirs and needs_cjk_font(briefing):
        display.warn(
            "the PDF shows Chinese, Japanese or Korean text as blanks: its embedded fonts lack those "
            "scripts; pass --font-dir with a folder holding such a font (e.g. Noto Sans CJK)"
        )
    if not args.quiet:
        display.report_build(briefing, written)
    if not any(r.status in ("used", "not cited") for r in briefing.documents):
        print("briefing: error: no input could be used; see the sources appendix", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_PARTIAL if outcome.partial else EXIT_OK


def sources(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    settings = _settings(args, environ)
    documents = _load(args.paths, max_bytes=args.max_bytes or settings.max_bytes)
    rows = [display.source_row(d) for d in documents]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        display.print_sources(rows)
    bad = any(d.metadata.get("status") != "ok" for d in documents)
    return EXIT_PARTIAL if bad else EXIT_OK


def log(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    settings = _settings(args, environ)
    from briefing.engines.cache import read_log

    path = cache_path(args.cache_dir or settings.cache_dir, environ=environ)
    if not path.exists():
        print(f"No model calls logged yet ({path} does not exist).")
        return EXIT_OK
    display.print_log(read_log(path, limit=args.limit))
    return EXIT_OK


def _settings(args: argparse.Namespace, environ: Mapping[str, str]) -> Settings:
    return load_settings(config_path=args.config, environ=environ, cwd=Path.cwd())


def _load(paths: list[Path], *, max_bytes: int) -> list:  # type: ignore[type-arg]
    chosen = paths or list(DEFAULT_PATHS)
    missing = [p for p in chosen if not p.exists()]
    if missing and len(missing) == len(chosen):
        raise ConfigError(f"no such file or folder: {', '.join(map(str, missing))}")
    return list(SourceLoader(chosen, max_bytes=max_bytes).lazy_load())


def parse_week(value: str, *, today: date) -> Window:
    """``2026-W47``, ``last`` (the previous complete week) or ``this`` -> that ISO week, Monday to Sunday."""
    spec = value.strip().lower()
    if spec in ("last", "this"):
        anchor = today - timedelta(days=7) if spec == "last" else today
        year, week, _ = anchor.isocalendar()
    else:
        match = re.fullmatch(r"(\d{4})-?w(\d{1,2})", spec)
        if match is None:
            raise ConfigError(f"--week must look like 2026-W47, 'last' or 'this', not {value!r}")
        year, week = int(match[1]), int(match[2])
    try:
        start = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ConfigError(f"{value!r} is not an ISO week of {year}") from None
    return Window(start, start + timedelta(days=6), f"{year}-W{week:02d}")


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--date must be YYYY-MM-DD, not {value!r}") from None
