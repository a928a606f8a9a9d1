"""The three commands. Each takes parsed arguments and the environment, prints, and returns an exit code."""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

from langchain_core.documents import Document

from briefing.cli import digest, display
from briefing.cli.claude_dry_run import dry_run
from briefing.cli.claude_options import claude_flags, claude_options
from briefing.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL
from briefing.cli.inputs import load_inputs, load_paths
from briefing.cli.scope import published_after, up_to, with_text
from briefing.cli.terminal import json_text, printable
from briefing.config import Settings, cache_path, load_settings
from briefing.documents import is_usable
from briefing.engines.select import EngineRequest, select_engine
from briefing.errors import ConfigError
from briefing.output import parse_formats, write_briefing
from briefing.output_lock import hold_output
from briefing.pipeline import Window, build_briefing


def build(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    # The output set is held from before the work until its files are written (briefing/output_lock.py).
    with ExitStack() as held:
        return _build(args, environ=environ, held=held)


def _build(args: argparse.Namespace, *, environ: Mapping[str, str], held: ExitStack) -> int:
    settings = _settings(args, environ, flags=_build_flags(args) | claude_flags(args))
    today = date.today()  # the only clock read
    window = parse_week(args.week, today=today) if args.week else None
    as_of = _parse_date(args.date) if args.date else (window.end if window else today)
    title = args.title or (f"Weekly digest {window.label}" if window else settings.title)
    formats = parse_formats(settings.formats)
    font_dirs = _font_dirs(settings.font_dirs)
    stem = f"{window.label}-digest" if window else f"{as_of.isoformat()}-briefing"
    digest.check_previous(args, window)
    # Waits for another build of this set, then refuses before any model call, so it costs nothing.
    if not getattr(args, "dry_run", False):
        held.enter_context(hold_output(settings.out, stem, formats, force=args.force, on_wait=display.warn))
    # A briefing dated before its sources leaves them out, with the reason (see cli/scope.py).
    cutoff = up_to(as_of) if args.date and window is None else None
    scope = window or cutoff
    documents = load_inputs(args, settings, environ=environ, window=window)
    in_scope = [
        d
        for d in documents
        if is_usable(d) and (scope is None or not scope.reason_outside(d.metadata.get("published")))
    ]
    # A quiet week gets an honest empty edition; inputs that all failed are a failure, as before.
    empty_week = (
        window is not None and not in_scope and any(d.metadata.get("status") != "failed" for d in documents)
    )
    if not in_scope and not empty_week:
        return _nothing_to_brief(documents, scope)
    if getattr(args, "dry_run", False):
        return dry_run(settings, in_scope, environ=environ)
    selected = select_engine(
        EngineRequest(
            engine="offline" if empty_week else settings.engine,
            model=settings.model,
            api_key=environ.get("ANTHROPIC_API_KEY") or None,
            base_url=environ.get("ANTHROPIC_BASE_URL") or None,
            prompts_dir=settings.prompts,
            concurrency=settings.concurrency,
            max_reasks=settings.max_reasks,
            cache_path=cache_path(settings.cache_dir, environ=environ),
            refresh=args.refresh,
            prices=settings.prices,
            claude_options=claude_options(settings),
        )
    )
    show_progress = not args.quiet and sys.stderr.isatty()
    with display.progress(total=len(in_scope), enabled=show_progress) as advance:
        outcome = build_briefing(
            documents,
            selected.engine,
            as_of=as_of,
            title=title,
            on_done=advance,
            window=scope,
            synthesizer=selected.synthesizer,
        )
    briefing = outcome.briefing
    if window is not None:
        note = digest.empty_note(window, partial=outcome.partial) if empty_week else None
        briefing = digest.with_changes(
            briefing, window=window, out_dir=settings.out, previous=args.previous, empty_note=note
        )
    if args.include_text:
        briefing = with_text(briefing, documents)
    for warning in getattr(selected.engine, "warnings", ()):
        display.warn(str(warning))
    if cutoff is not None and (late := published_after(documents, cutoff)):
        display.warn(
            f"{late} document(s) published after the briefing date {as_of.isoformat()} were left out "
            "(listed as skipped, with the date)"
        )
    if not empty_week and not any(r.status in ("used", "not cited") for r in briefing.documents):
        display.report_build(briefing, [])
        display.warn("error: no input could be used, so no briefing was written (reasons above)")
        return EXIT_FAILURE
    with display.working(f"writing {', '.join(formats)}…", enabled=show_progress):
        written = write_briefing(
            briefing, settings.out, formats=formats, force=args.force, stem=stem, font_paths=font_dirs
        )
    from briefing.render import needs_cjk_font  # here, so `briefing sources` never loads typst

    if "pdf" in formats and not font_dirs and needs_cjk_font(briefing):
        display.warn(
            "the PDF shows Chinese, Japanese or Korean text as blanks: its embedded fonts lack those "
            "scripts; pass --font-dir with a folder holding such a font (e.g. Noto Sans CJK)"
        )
    if not args.quiet:
        display.report_build(briefing, written)
    return EXIT_PARTIAL if outcome.partial else EXIT_OK


def _build_flags(args: argparse.Namespace) -> dict[str, object]:
    """Settings given on the command line; ``None`` means "not given", so 0 and "" are kept."""
    return {
        "engine": args.engine,
        "model": args.model,
        "out": args.out,
        "formats": args.formats,
        "cache_dir": args.cache_dir,
        "concurrency": args.concurrency,
        "max_reasks": args.max_reasks,
        "max_bytes": args.max_bytes,
        "prompts": args.prompts,
        "font_dirs": args.font_dirs,
        "title": args.title,
    }


def _nothing_to_brief(documents: Sequence[Document], window: Window | None) -> int:
    if not documents:
        display.warn("error: no input files found; nothing was written")
    elif window is not None and any(is_usable(d) for d in documents):
        display.warn(f"error: no readable document was published in {window.label}; nothing was written")
    else:
        display.warn("error: no input could be read; nothing was written")
    for document in documents:
        if not is_usable(document):
            meta = document.metadata
            display.warn(
                f"  {display.shown_status(meta.get('status'))}: {meta.get('path')}: {meta.get('reason')}"
            )
    return EXIT_FAILURE


def _font_dirs(paths: Sequence[Path]) -> list[Path]:
    for path in paths:
        if not path.is_dir():
            raise ConfigError(f"--font-dir {path} is not a folder")
    return list(paths)


def sources(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    settings = _settings(args, environ, flags={"max_bytes": args.max_bytes})
    documents = load_inputs(args, settings, environ=environ)
    rows = [display.source_row(d) for d in documents]
    if args.json:
        print(json_text(rows))
    else:
        display.print_sources(rows)
    bad = any(d.metadata.get("status") != "ok" for d in documents)
    return EXIT_PARTIAL if bad else EXIT_OK


def log(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    settings = _settings(args, environ, flags={"cache_dir": args.cache_dir})
    from briefing.engines.claude.cache import read_log

    path = cache_path(settings.cache_dir, environ=environ)
    if not path.exists():
        if args.json:
            print("[]")
            return EXIT_OK
        print(f"No model calls logged yet ({printable(path)} does not exist).")
        return EXIT_OK
    entries = read_log(path, limit=args.limit)
    if args.json:
        print(json_text([dataclasses.asdict(e) for e in entries]))
    else:
        display.print_log(entries)
    return EXIT_OK


def _settings(
    args: argparse.Namespace, environ: Mapping[str, str], *, flags: Mapping[str, object] | None = None
) -> Settings:
    return load_settings(config_path=args.config, environ=environ, cwd=Path.cwd(), flags=flags)


def _load(paths: list[Path], *, max_bytes: int) -> list[Document]:
    """Files and folders only (used by ``briefing eval``); ``build`` and ``sources`` use ``load_inputs``."""
    return load_paths(paths, max_bytes=max_bytes)


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
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ConfigError(f"--date must be YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"--date {value} is not a day of the calendar") from None
