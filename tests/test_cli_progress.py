"""The build's progress display on a terminal: no thread of its own while the build runs, so that
consolidation can run its steps in forked children (they need a process with one thread)."""

from __future__ import annotations

import threading

import pytest

from briefing.cli import display


def test_the_progress_bar_runs_no_thread_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    assert threading.active_count() == 1
    with display.progress(total=3, enabled=True) as advance:
        advance("first")
        assert threading.active_count() == 1
        advance("second")
        advance("third")  # the last document: consolidation starts now
        assert threading.active_count() == 1
