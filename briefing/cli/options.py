"""Small argparse helpers: number types with readable errors, and errors shown with the right usage.

argparse names a failed ``type=`` after the function (``invalid _positive value: 'abc'``), which
shows an internal name to the user; ``whole_number`` raises ``ArgumentTypeError`` with a sentence
instead. argparse also reports an unknown option of a sub-command with the top-level usage;
``parse`` hands it to the sub-command's own parser, so ``briefing build --bogus`` prints the usage
of ``build``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

__all__ = ["parse", "whole_number"]


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number of at least ``minimum``; errors say what was expected."""

    def convert(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return number

    convert.__name__ = f"whole number of at least {minimum}"  # argparse's fallback wording, if used
    return convert


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """``parser.parse_args(argv)``, but leftover arguments are reported by the sub-command's parser
    (set as the ``command_parser`` default of each sub-command), with that command's usage."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        owner = getattr(args, "command_parser", None) or parser
        owner.error(f"unrecognized arguments: {' '.join(extras)}")
    return args
