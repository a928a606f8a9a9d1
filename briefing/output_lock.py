"""Holding one output set for a whole build, so that a second build waits and then refuses for free.

``briefing.output.write_briefing`` keeps two builds from mixing their files (a lock on the folder,
held while writing). That alone lets a second build do all its work and only then find that the
first has written the set. ``hold_output`` closes that gap: before any extraction work, a build takes
the lock of its own set (``OUT/.<stem>.lock``, e.g. ``out/.2026-11-30-briefing.lock``) and keeps
it until its files are written. A second build of the same set waits for it (saying so once), then
sees the first's files and refuses without ``--force`` before it reads a document or makes a paid
call; with ``--force`` it runs after the first. Builds of other dates or weeks into the same folder
do not wait for each other. ``write_briefing`` checks for existing files again when it writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from briefing.errors import ConfigError
from briefing.output import (
    LOCK_NAME,
    LOCK_TIMEOUT_S,
    folder_lock,
    output_errors,
    output_paths,
    recover,
    refuse_existing,
)

__all__ = ["check_folder", "hold_output", "set_lock"]


def set_lock(out_dir: Path, stem: str) -> FileLock:
    """The lock of the set ``OUT/<stem>.*`` (``out_dir`` must exist); not reentrant across instances."""
    return FileLock(out_dir / f".{stem}.lock")


def check_folder(out_dir: Path) -> None:
    """``ConfigError`` when ``out_dir`` is a file or lies under one (nothing is created)."""
    ancestor = out_dir
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        where = "is a file" if ancestor == out_dir else f"is inside {ancestor}, which is a file"
        raise ConfigError(f"cannot write the briefing to {out_dir}: it {where}; choose another --out")


@contextmanager
def hold_output(
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    force: bool,
    on_wait: Callable[[str], None],
    lock_timeout: float = LOCK_TIMEOUT_S,
) -> Iterator[None]:
    """Hold the set ``OUT/<stem>.<fmt>`` from before the work until after the write.

    Creates ``out_dir``, takes the set's lock (calling ``on_wait`` once with a sentence when another
    build holds it, then waiting up to ``lock_timeout`` seconds), repairs what a killed run left
    (under the folder lock), and refuses existing targets unless ``force``. Raises ``ConfigError``
    (``out_dir`` is a file), ``OutputExistsError`` (a target exists, no ``force``) or
    ``OutputError`` (the folder cannot be written, or the other build did not finish in time).
    """
    check_folder(out_dir)
    created = not out_dir.exists()
    with output_errors(out_dir, f"writing {out_dir / stem}.*", lock_timeout):
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = set_lock(out_dir, stem)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            on_wait(f"waiting for another build writing {out_dir / stem}.* …")
            lock.acquire(timeout=lock_timeout)
    try:
        _repair(out_dir, lock_timeout)
        if not force:
            refuse_existing(output_paths(out_dir, stem, formats).values())
        yield
    finally:
        if created:
            _remove_if_unused(out_dir, lock)
        lock.release()


def _remove_if_unused(out_dir: Path, lock: FileLock) -> None:
    """Remove the folder this run created when it holds nothing but lock files (a run that wrote
    nothing, e.g. no input could be used, leaves no trace)."""
    try:
        names = {p.name for p in out_dir.iterdir()}
        if names <= {Path(lock.lock_file).name, LOCK_NAME}:
            for name in names:
                (out_dir / name).unlink(missing_ok=True)
            out_dir.rmdir()
    except OSError:
        pass  # something else arrived meanwhile: the folder stays


def _repair(out_dir: Path, lock_timeout: float) -> None:
    """Roll back what a killed run left, so its partial files never make this run refuse."""
    try:
        with folder_lock(out_dir, timeout=lock_timeout):  # held by others only while they write
            recover(out_dir)
    except Timeout:
        pass  # write_briefing waits for the folder again and says so if it cannot have it
    except OSError:
        pass  # an unwritable file in the folder is reported when writing
