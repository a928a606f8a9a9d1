"""Argument parsing and dispatch to the ``build``, ``sources``, ``log`` and ``eval`` commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__
from briefing.cli import eval as eval_command
from briefing.cli.claude_options import add_claude_options
from briefing.cli.digest import add_digest_arguments
from briefing.cli.exit_codes import EXIT_FAILURE, EXIT_USAGE
from briefing.cli.inputs import add_input_arguments
from briefing.cli.options import parse, whole_number
from briefing.cli.terminal import pipe_closed, printable, quiet_pipe
from briefing.errors import BriefingError, ConfigError, OutputExistsError

EPILOG = """\
exit codes:
  0  success
  1  failure: no input could be used (nothing is written), a file could not be written,
     or an unexpected error
  2  usage or configuration error (bad flag, bad date, existing output without --force)
  3  partial: the briefing was written but some inputs were skipped or failed
  141  the reader of stdout or stderr stopped reading (| head)

environment:
  ANTHROPIC_API_KEY   selects the Claude engine under --engine auto (otherwise: offline)
  ANTHROPIC_BASE_URL  any Messages-API-compatible server
  BRIEFING_MODEL, BRIEFING_ENGINE, BRIEFING_OUT, BRIEFING_CACHE_DIR, BRIEFING_CONCURRENCY
"""


DEFAULT_MAX_BYTES = 5_000_000
"""``Settings.max_bytes``'s default, written here so that ``--help`` needs no pydantic import (a test
checks the two agree)."""
MAX_BYTES_HELP = f"skip input files larger than this many bytes (default: {DEFAULT_MAX_BYTES:,})"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn news documents into a dated briefing in which every statement is backed "
        "by a quote the program found in a source.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--config", type=Path, help="settings file (default: ./briefing.toml if present)")
    # --config is accepted after the command too; SUPPRESS keeps the top-level value when it is not.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS, help="settings file")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="produce a briefing",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    build.add_argument("paths", nargs="*", type=Path, help="files or folders (default: sources/)")
    build.add_argument("--out", type=Path, help="output folder (default: out/)")
    build.add_argument("--date", help="briefing date YYYY-MM-DD (default: today)")
    build.add_argument(
        "--week",
        help="weekly digest: only documents published in ISO week YYYY-Www, or 'last' / 'this' "
        "(files are named YYYY-Www-digest.*)",
    )
    build.add_argument("--engine", choices=["auto", "offline", "anthropic"], help="default: auto")
    build.add_argument(
        "--format", dest="formats", help="comma-separated: md,pdf,json,html (default: all four)"
    )
    build.add_argument("--force", action="store_true", help="overwrite an existing briefing for that date")
    build.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    build.add_argument("--title", help="title shown above the date")
    build.add_argument("--model", help="Claude model (anthropic engine)")
    build.add_argument("--prompts", type=Path, help="use prompt templates from this folder")
    build.add_argument("--concurrency", type=whole_number(1), help="parallel model calls (default: 4)")
    build.add_argument(
        "--max-reasks", type=whole_number(0), help="follow-up turns for failed quotes (default: 2)"
    )
    build.add_argument("--refresh", action="store_true", help="ignore the result cache")
    build.add_argument("--cache-dir", type=Path, help="where the result cache and call log live")
    build.add_argument("--max-bytes", type=whole_number(1), help=MAX_BYTES_HELP)
    build.add_argument(
        "--include-text",
        action="store_true",
        help="put each document's cleaned text in the JSON (documents[].text), so every span resolves",
    )
    build.add_argument(
        "--font-dir",
        type=Path,
        action="append",
        dest="font_dirs",
        help="extra font folder for the PDF, e.g. one with a CJK font (repeatable)",
    )
    add_claude_options(build)

    add_input_arguments(build)  # --feed, --allow-private-urls (briefing/cli/inputs.py)
    add_digest_arguments(build)  # --previous (briefing/cli/digest.py)

    sources = commands.add_parser("sources", help="show how the inputs were read", parents=[common])
    sources.add_argument("paths", nargs="*", type=Path, help="files or folders (default: sources/)")
    sources.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sources.add_argument("--max-bytes", type=whole_number(1), help=MAX_BYTES_HELP)
    add_input_arguments(sources)

    log = commands.add_parser("log", help="list recent model calls", parents=[common])
    log.add_argument("--limit", type=whole_number(1), default=20, help="how many calls (default: 20)")
    log.add_argument("--cache-dir", type=Path, help="where the result cache and call log live")
    log.add_argument("--json", action="store_true", help="print JSON instead of a table")
    eval_command.add_parser(commands, common)
    for sub in commands.choices.values():
        sub.set_defaults(command_parser=sub)  # unknown options are reported with this command's usage
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parse(parser, argv)
    except SystemExit:  # --help, --version, a usage error: argparse ignores a write that failed
        if pipe_closed():  # `briefing build --help | head -1`
            return quiet_pipe()
        raise
    from briefing.cli import commands  # after parsing, so --help stays fast

    try:
        if args.command == "build":
            code = commands.build(args, environ=os.environ)
        elif args.command == "sources":
            code = commands.sources(args, environ=os.environ)
        elif args.command == "eval":
            code = eval_command.run(args, environ=os.environ)
        else:
            code = commands.log(args, environ=os.environ)
        sys.stdout.flush()  # inside the try: a reader that left early is a BrokenPipeError here
        sys.stderr.flush()
        return quiet_pipe() if pipe_closed() else code
    except (ConfigError, OutputExistsError) as exc:
        return _error(f"briefing: error: {printable(exc)}", EXIT_USAGE)
    except BriefingError as exc:
        return _error(f"briefing: error: {printable(exc)}", EXIT_FAILURE)
    except KeyboardInterrupt:
        return _error("briefing: interrupted", 130)
    except BrokenPipeError:  # the reader closed the pipe (`| head -1`): stop quietly
        return quiet_pipe()


def _error(line: str, code: int) -> int:
    """Print ``line`` on stderr and return ``code``, or 141 when no one reads stdout or stderr any more."""
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except BrokenPipeError:
        return quiet_pipe()
    return quiet_pipe() if pipe_closed() else code
