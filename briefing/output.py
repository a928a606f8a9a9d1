"""The output writer: the only place that writes briefing files, and it writes a whole set or none.

A run writes every requested format for its date, or leaves the folder as it was:

1. Under a lock on the folder (``filelock``), leftovers of a killed run are dealt with first: a
   half-done commit is rolled back from its journal, and stale temporary files are removed.
2. Each format is rendered and written to a temporary file in the target folder, named
   recognisably: ``.<stem>.<fmt>.<random>.tmp`` (one format in memory at a time).
3. Only when every temporary file is complete are they moved into place with ``os.replace``. A
   journal records which targets existed before, with a hard-linked backup of each; a rename that
   fails midway rolls back what was already moved, and a run killed during the moves is rolled
   back by the next run from the journal.

A second build into the same folder waits for the first to finish writing (up to
``LOCK_TIMEOUT_S``) and then sees its files: it refuses without ``--force``, or replaces the whole
set with ``--force``. The two sets never mix. (The CLI also holds the set's own lock for the whole
build, so that a second build of the same set waits before doing any work: ``briefing.output_lock``.)
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.errors import ConfigError, OutputError, OutputExistsError
from briefing.models import Briefing

FORMATS: tuple[str, ...] = ("md", "pdf", "json", "html")
LOCK_NAME = ".briefing.lock"
LOCK_TIMEOUT_S = 600.0
"""How long a build waits for another build writing into the same folder before it refuses."""
TEMP_RE = re.compile(r"^\..+-(?:briefing|digest)\..+\.tmp$")
"""Temporary files of this writer (and of older versions): ``.2026-03-01-briefing.pdf.k3j9.tmp``."""
JOURNAL_SUFFIX = ".journal.tmp"

Renderer = Callable[[Briefing], bytes]
WriteHook = Callable[[Path], None]
"""Called with each temporary file once it is complete (tests use it to stop a build midway)."""


def _renderers(font_paths: Sequence[Path]) -> dict[str, Renderer]:
    # Imported lazily so that `briefing sources` does not pay for typst and Jinja2.
    from briefing.render import render_html, render_json, render_markdown, render_pdf

    return {
        "md": lambda b: render_markdown(b).encode("utf-8"),
        "pdf": lambda b: render_pdf(b, font_paths=font_paths),
        "json": lambda b: render_json(b).encode("utf-8"),
        "html": lambda b: render_html(b).encode("utf-8"),
    }


def parse_formats(spec: str) -> tuple[str, ...]:
    """``"md,pdf"`` -> ``("md", "pdf")``, rejecting unknown names with the list of known ones."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in spec.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ConfigError(
            f"unknown format {', '.join(unknown) or repr(spec)}; choose from {', '.join(FORMATS)}"
        )
    return names


def output_paths(out_dir: Path, stem: str, formats: Sequence[str]) -> dict[str, Path]:
    return {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}


def folder_lock(out_dir: Path, *, timeout: float = LOCK_TIMEOUT_S) -> FileLock:
    """The lock that keeps two runs from writing into ``out_dir`` at once (``out_dir`` must exist)."""
    return FileLock(out_dir / LOCK_NAME, timeout=timeout)


def refuse_existing(targets: Iterable[Path]) -> None:
    """``OutputExistsError`` naming the first of ``targets`` that exists."""
    for path in targets:
        if path.exists():
            raise OutputExistsError(f"{path} already exists; pass --force to overwrite it", path=str(path))


def recover(out_dir: Path) -> list[str]:
    """Undo a commit a killed run left half done, then delete stale temporary files (lock held).

    Returns what was done, one line each (empty when the folder was clean).
    """
    done: list[str] = []
    for journal in sorted(out_dir.glob(f".*{JOURNAL_SUFFIX}")):
        done += _roll_back_journal(journal)
    for path in out_dir.iterdir():
        if TEMP_RE.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            done.append(f"removed stale temporary file {path.name}")
    return done


def write_briefing(
    briefing: Briefing,
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    force: bool = False,
    stem: str | None = None,
    font_paths: Sequence[Path] = (),
    lock_timeout: float = LOCK_TIMEOUT_S,
    on_temp_written: WriteHook | None = None,
) -> list[Path]:
    """Write ``OUT/<stem>.<fmt>`` for every format, all or none, and return the paths written.

    Refuses (``OutputExistsError``) when any target exists and ``force`` is false, before writing
    anything, so a scheduled run never clobbers yesterday's briefing by accident. ``font_paths``
    are extra font folders for the PDF (e.g. a CJK font). Raises ``OutputError`` when another run
    holds the folder for longer than ``lock_timeout`` seconds or a file cannot be written (then
    nothing of this run is left in the folder and any earlier set is intact).
    """
    targets = output_paths(out_dir, stem or f"{briefing.briefing_date}-briefing", formats)
    renderers = _renderers(font_paths)
    with output_errors(out_dir, f"is writing into {out_dir}", lock_timeout):
        out_dir.mkdir(parents=True, exist_ok=True)
        with folder_lock(out_dir, timeout=lock_timeout):
            recover(out_dir)
            if not force:
                refuse_existing(targets.values())
            temps: dict[str, Path] = {}
            try:
                for fmt, path in targets.items():
                    temps[fmt] = _write_temp(path, renderers[fmt](briefing))
                    if on_temp_written is not None:
                        on_temp_written(temps[fmt])
                _commit(temps, targets)
            finally:
                for temp in temps.values():
                    temp.unlink(missing_ok=True)
    return list(targets.values())


@contextmanager
def output_errors(out_dir: Path, busy: str, lock_timeout: float) -> Iterator[None]:
    """Turn a lock ``Timeout`` and an ``OSError`` inside the block into an ``OutputError`` a user
    can act on; ``busy`` says what the other build is doing ("is writing into out")."""
    try:
        yield
    except Timeout as exc:
        raise OutputError(
            f"another briefing build {busy} and did not finish within "
            f"{lock_timeout:.0f} s (lock file {exc.lock_file}); try again when it has finished",
            path=str(out_dir),
        ) from exc
    except OSError as exc:
        raise OutputError(
            f"cannot write the briefing to {out_dir}: {exc.strerror or exc}", path=str(out_dir)
        ) from exc


def _write_temp(path: Path, data: bytes) -> Path:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return Path(tmp_name)


def _commit(temps: dict[str, Path], targets: dict[str, Path]) -> None:
    """Move every temporary file into place; on failure put every target back as it was."""
    out_dir = next(iter(targets.values())).parent
    backups: dict[str, str | None] = {}
    for target in targets.values():
        if target.exists():
            backup = out_dir / f".{target.name}.{secrets.token_hex(6)}.bak.tmp"
            _link_or_copy(target, backup)
            backups[target.name] = backup.name
        else:
            backups[target.name] = None
    journal = out_dir / f".{next(iter(targets.values())).stem}{JOURNAL_SUFFIX}"
    _write_journal(journal, backups)
    try:
        for fmt, target in targets.items():
            os.replace(temps[fmt], target)
    except BaseException:
        _roll_back_journal(journal)
        raise
    for backup_name in backups.values():
        if backup_name:
            (out_dir / backup_name).unlink(missing_ok=True)
    journal.unlink(missing_ok=True)


def _link_or_copy(source: Path, dest: Path) -> None:
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def _write_journal(journal: Path, backups: dict[str, str | None]) -> None:
    data = json.dumps({"targets": backups}).encode("utf-8")
    os.replace(_write_temp(journal, data), journal)


def _roll_back_journal(journal: Path) -> list[str]:
    """Put each target named in ``journal`` back as it was before that commit, then drop the journal."""
    done: list[str] = []
    try:
        targets = json.loads(journal.read_text(encoding="utf-8"))["targets"]
    except (OSError, ValueError, KeyError, TypeError):
        targets = {}
    for name, backup in dict(targets).items():
        target = journal.parent / str(name)
        if backup:
            saved = journal.parent / str(backup)
            if saved.exists():
                os.replace(saved, target)
                saved.unlink(missing_ok=True)  # still there when it was a hard link of the target
                done.append(f"restored {name} from before an interrupted run")
        elif target.exists():
            target.unlink()
            done.append(f"removed {name} left by an interrupted run")
    journal.unlink(missing_ok=True)
    return done


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
