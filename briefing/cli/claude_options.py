"""The Claude engine's command-line options: how they are declared, read and passed to the engine.

Kept out of ``main.py``/``commands.py`` so that adding an engine setting touches one module. Each
option is also a ``briefing.toml`` key of the same name (``effort = "medium"``); a flag wins.
"""

from __future__ import annotations

import argparse
from typing import Any

from briefing.config import Settings

EFFORT_CHOICES = ("low", "medium", "high", "xhigh", "max")


def add_claude_options(build: argparse.ArgumentParser) -> None:
    """Declare the Claude engine's flags on the ``build`` command."""
    group = build.add_argument_group("Claude engine")
    group.add_argument(
        "--effort",
        choices=EFFORT_CHOICES,
        help="how much the model may think per document (default: low; thinking counts toward "
        "the output budget, which grows with the effort)",
    )
    group.add_argument("--timeout", type=float, help="seconds one API request may take (default: 300)")
    group.add_argument(
        "--max-retry-wait",
        type=float,
        help="longest retry-after (seconds) to sit through; a longer one fails that call (default: 600)",
    )
    group.add_argument(
        "--dry-run",
        action="store_true",
        help="print input tokens and cost per document and in total, then stop (no paid call)",
    )
    group.add_argument(
        "--batch",
        action="store_true",
        default=None,
        help="send all extraction requests as one Message Batch (half price; may take minutes to "
        "hours; re-running the same command resumes a pending batch)",
    )
    group.add_argument(
        "--max-cost",
        type=float,
        metavar="USD",
        help="stop before a call would take the run past this many dollars; the briefing lists "
        "what was not processed",
    )


def claude_flags(args: argparse.Namespace) -> dict[str, object]:
    """The settings these flags set (``None``: not given on the command line)."""
    names = ("effort", "timeout", "max_retry_wait", "max_cost", "batch")
    return {name: getattr(args, name, None) for name in names}


def claude_options(settings: Settings) -> dict[str, Any]:
    """``ClaudeConfig`` fields taken from the merged settings (only those that were set)."""
    options: dict[str, Any] = {
        "effort": settings.effort,
        "timeout": settings.timeout,
        "max_retry_wait": settings.max_retry_wait,
        "max_cost": settings.max_cost,
        "batch": settings.batch,
    }
    return {name: value for name, value in options.items() if value is not None}
