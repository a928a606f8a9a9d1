"""The weekly digest's "since the last edition" step: find and read the previous edition, compare.

The comparison itself is pure (``briefing.digest``); this module does the two reads it needs
(the output folder's listing and the previous edition's JSON) and turns problems into messages:
a missing or unreadable ``--previous FILE`` is a usage error found before any work is done; an
automatically found edition that cannot be read is said plainly in the digest, which then shows
every row as new.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from briefing.digest import Edition, compare_editions, current_edition, parse_edition, previous_edition_name
from briefing.errors import ConfigError
from briefing.models import Briefing
from briefing.pipeline import Window

__all__ = ["add_digest_arguments", "check_previous", "empty_note", "with_changes"]


def add_digest_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        help="with --week: the previous edition's JSON to compare with "
        "(default: the latest earlier YYYY-Www-digest.json in the output folder)",
    )


def check_previous(args: argparse.Namespace, window: Window | None) -> None:
    """Refuse ``--previous`` without ``--week`` or naming an unreadable file, before any work."""
    previous: Path | None = getattr(args, "previous", None)
    if previous is None:
        return
    if window is None:
        raise ConfigError("--previous compares weekly digests; use it with --week")
    _read(previous, strict=True)


def with_changes(
    briefing: Briefing, *, window: Window, out_dir: Path, previous: Path | None, empty_note: str | None
) -> Briefing:
    """``briefing`` with ``changes`` filled in against ``previous`` or the latest earlier edition."""
    note_prefix = ""
    edition: Edition | None = None
    name: str | None = None
    if previous is not None:
        edition, name = _read(previous, strict=True), previous.name
    else:
        try:
            names = [p.name for p in out_dir.iterdir()] if out_dir.is_dir() else []
        except OSError:
            names = []
        name = previous_edition_name(names, window.label)
        if name is not None:
            try:
                edition = _read(out_dir / name, strict=False)
            except ConfigError as exc:
                note_prefix = f"The previous edition could not be read ({exc}). "
                name = None
    changes = compare_editions(
        current_edition(briefing),
        edition,
        window=window.label,
        previous_name=name,
        folder=str(out_dir),
        lead=(empty_note or "") + note_prefix,
        empty=empty_note is not None,
    )
    return dataclasses.replace(briefing, changes=changes)


def empty_note(window: Window, *, partial: bool) -> str:
    """The honest first sentence of a digest whose week has no usable document."""
    if partial:
        return (
            f"No readable document was published in {window.label}; some inputs could not be read "
            "(see Sources). "
        )
    return f"No documents published in {window.label}. "


def _read(path: Path, *, strict: bool) -> Edition:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"cannot read the previous edition {path}: {reason}") from None
    try:
        return parse_edition(text)
    except ValueError as exc:
        raise ConfigError(f"{path} is {exc}") from None
