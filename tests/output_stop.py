"""Run ``briefing`` as a real process that stops where a test asks (used by ``test_output_all_or_none``).

``STOP_MODE`` (environment):
- ``pause``: after the second temporary file is complete, write its path to ``STOP_SIGNAL`` and
  wait (holding the folder lock) until the file ``STOP_SIGNAL.go`` appears;
- ``die-in-commit``: SIGKILL itself right before the second output file is moved into place;
- ``signal-wait``: write ``STOP_SIGNAL`` just before waiting for the folder lock to write;
- ``pause-work``: when the extraction work starts (the set's lock held), write ``STOP_SIGNAL`` and
  wait until ``STOP_SIGNAL.go`` appears.

``WORK_MARK`` (environment), when set, is a file created when the extraction work starts, so a test
can tell whether a build did any work.

Everything else is the ordinary command line: ``python tests/output_stop.py build ...``.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import briefing.output as output
from briefing.cli import commands, main

MODE = os.environ.get("STOP_MODE", "")
SIGNAL = Path(os.environ.get("STOP_SIGNAL", "stop.signal"))
_write_temp = output._write_temp
_folder_lock = output.folder_lock
_replace = os.replace
_count = {"temps": 0, "moves": 0}


def _wait_for_go() -> None:
    go = SIGNAL.with_name(SIGNAL.name + ".go")
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def write_temp(path: Path, data: bytes) -> Path:
    tmp = _write_temp(path, data)
    if not path.name.endswith(output.JOURNAL_SUFFIX):
        _count["temps"] += 1
        if MODE == "pause" and _count["temps"] == 2:
            SIGNAL.write_text(str(tmp), encoding="utf-8")
            _wait_for_go()
    return tmp


def replace(src: Any, dst: Any) -> None:
    name = Path(dst).name
    if MODE == "die-in-commit" and not name.startswith(".") and "-briefing." in name:
        _count["moves"] += 1
        if _count["moves"] == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    _replace(src, dst)


def folder_lock(out_dir: Path, *, timeout: float = output.LOCK_TIMEOUT_S) -> Any:
    if MODE == "signal-wait" and timeout > 0:
        SIGNAL.write_text("waiting", encoding="utf-8")
    return _folder_lock(out_dir, timeout=timeout)


def build_briefing(*args: Any, **kwargs: Any) -> Any:
    if os.environ.get("WORK_MARK"):
        Path(os.environ["WORK_MARK"]).touch()
    if MODE == "pause-work":
        SIGNAL.write_text("working", encoding="utf-8")
        _wait_for_go()
    return _build_briefing(*args, **kwargs)


_build_briefing = commands.build_briefing
commands.build_briefing = build_briefing
output._write_temp = write_temp  # type: ignore[assignment]
output.folder_lock = folder_lock  # type: ignore[assignment]
output.os.replace = replace  # type: ignore[assignment]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
