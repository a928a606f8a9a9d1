"""``briefing eval GOLD [PATHS] [--compare DIR_A DIR_B]``: score runs against a hand-made gold file.

Exit codes: 0 scored (and every threshold met), 1 a threshold was not met or no input could be
used, 2 usage error (bad gold file, bad flags, missing paths).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.cli.exit_codes import EXIT_FAILURE, EXIT_OK
from briefing.cli.options import whole_number
from briefing.errors import ConfigError

if TYPE_CHECKING:
    from briefing.eval import Scores

EVAL_EPILOG = """\
exit codes:
  0  scored, and every --min-* threshold met
  1  a --min-* threshold was not met, or no input could be used
  2  usage error: bad gold file (unknown keys are errors), bad flag, missing path

The gold format is described in docs/gold-format.md. With --compare the thresholds apply to B.
"""


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the ``eval`` command on the main parser's subcommands."""
    p = commands.add_parser(
        "eval",
        help="score a run against a gold file",
        epilog=EVAL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    p.add_argument("gold", type=Path, help="gold file (YAML or JSON)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the gold's corpus)")
    p.add_argument("--engine", choices=["auto", "offline", "anthropic"], help="default: auto")
    p.add_argument("--model", help="Claude model (anthropic engine)")
    p.add_argument("--prompts", type=Path, help="prompt templates folder to evaluate")
    p.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("DIR_A", "DIR_B"),
        help="score two prompt folders side by side",
    )
    p.add_argument("--date", help="briefing date YYYY-MM-DD (default: the gold's as_of, else today)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--min-recall", type=_unit, help="exit 1 when row recall is below this (0-1)")
    p.add_argument("--min-precision", type=_unit, help="exit 1 when row precision is below this (0-1)")
    p.add_argument("--cache-dir", type=Path, help="where the result cache and call log live")
    p.add_argument("--refresh", action="store_true", help="ignore the result cache")
    p.add_argument("--concurrency", type=whole_number(1), help="parallel model calls (default: 4)")
    p.add_argument(
        "--max-reasks", type=whole_number(0), help="follow-up turns for failed quotes (default: 2)"
    )
    p.add_argument(
        "--max-bytes",
        type=whole_number(1),
        help="skip input files larger than this many bytes (default: 5,000,000)",
    )


def _unit(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, not {value}")
    return number


def run(args: argparse.Namespace, *, environ: Mapping[str, str]) -> int:
    """Score one run (or two, with ``--compare``), print the result, return the exit code."""
    from briefing import eval as ev  # after parsing, so --help stays fast
    from briefing.cli.commands import _load, _parse_date
    from briefing.config import cache_path, load_settings
    from briefing.documents import is_usable
    from briefing.engines.select import EngineRequest, select_engine

    if args.compare and args.prompts:
        raise ConfigError("--compare runs its own two prompt folders; leave out --prompts")
    for folder in args.compare or []:
        if not folder.is_dir():
            raise ConfigError(f"--compare {folder} is not a folder")
    gold = ev.load_gold(args.gold)
    paths = list(args.paths) or ev.corpus_paths(gold, args.gold)
    if not paths:
        raise ConfigError(f"{args.gold} lists no corpus; give PATHS")
    flags = {
        "engine": args.engine,
        "model": args.model,
        "prompts": args.prompts,
        "cache_dir": args.cache_dir,
        "concurrency": args.concurrency,
        "max_reasks": args.max_reasks,
        "max_bytes": args.max_bytes,
    }
    settings = load_settings(config_path=args.config, environ=environ, cwd=Path.cwd(), flags=flags)
    as_of = _parse_date(args.date) if args.date else (gold.as_of or date.today())
    documents = _load(paths, max_bytes=settings.max_bytes)
    if not any(is_usable(d) for d in documents):
        print("briefing: error: no input could be read; nothing was scored", file=sys.stderr)
        return EXIT_FAILURE

    def scores_for(prompts: Path | None) -> ev.Scores:
        selected = select_engine(
            EngineRequest(
                engine=settings.engine,
                model=settings.model,
                api_key=environ.get("ANTHROPIC_API_KEY") or None,
                base_url=environ.get("ANTHROPIC_BASE_URL") or None,
                prompts_dir=prompts,
                concurrency=settings.concurrency,
                max_reasks=settings.max_reasks,
                cache_path=cache_path(settings.cache_dir, environ=environ),
                refresh=args.refresh,
                prices=settings.prices,
            )
        )
        if prompts is not None and not selected.engine.info.uses_language_model:
            print(
                f"briefing: warning: the {selected.engine.info.name} engine reads no prompts", file=sys.stderr
            )
        return ev.evaluate(gold, documents, selected.engine, as_of=as_of)

    if args.compare:
        dir_a, dir_b = args.compare
        a, b = scores_for(dir_a), scores_for(dir_b)
        if args.json:
            print(json.dumps(ev.compare_dict(a, b, name_a=str(dir_a), name_b=str(dir_b)), indent=2))
        else:
            print(ev.compare_text(a, b, name_a=str(dir_a), name_b=str(dir_b)), end="")
        return _thresholds(b, args)
    scores = scores_for(settings.prompts)
    if args.json:
        print(json.dumps(ev.scores_dict(scores), indent=2))
    else:
        print(ev.scores_text(scores, title=f"briefing eval {args.gold}"), end="")
    return _thresholds(scores, args)


def _thresholds(scores: Scores, args: argparse.Namespace) -> int:
    """Exit 1 when a ``--min-*`` threshold is not met; nothing to count (0/0) meets any threshold."""
    failed = []
    for flag, ratio in (("--min-recall", scores.row_recall), ("--min-precision", scores.row_precision)):
        limit = getattr(args, flag[2:].replace("-", "_"))
        value = 1.0 if ratio.value is None else ratio.value
        if limit is not None and value < limit:
            failed.append(f"{flag} {limit}: got {value:.2f} ({ratio.hits}/{ratio.total})")
    for line in failed:
        print(f"briefing: threshold not met: {line}", file=sys.stderr)
    return EXIT_FAILURE if failed else EXIT_OK
