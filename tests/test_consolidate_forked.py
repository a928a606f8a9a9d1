"""Steps of consolidation run in a forked child (``briefing.consolidate.forked``): same results as in
the parent, and a child that fails in any way costs time, never a result or a stray message."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefing.consolidate as consolidation
from briefing.consolidate import consolidate, forked
from briefing.engines.offline import OfflineEngine
from briefing.grounding import verify_extraction
from briefing.sources.loader import SourceLoader

STORIES = Path(__file__).parent / "data" / "stories"

needs_fork = pytest.mark.skipif(not forked.can_fork(), reason="forking needs Linux, 2+ cores, one thread")


def _in_child_pid() -> int:
    return os.getpid()


@needs_fork
def test_a_forked_step_runs_in_another_process_and_returns_its_value() -> None:
    with forked.start(_in_child_pid) as step:
        assert step.forked
        assert step.result() != os.getpid()
        assert step.failure is None


@needs_fork
def test_ready_turns_true_once_the_child_has_answered() -> None:
    with forked.start(lambda: 42) as step:
        while not step.ready():
            pass
        assert step.result() == 42


def _raises() -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("only in the child")
    return 7


PARENT = os.getpid()


@needs_fork
def test_a_child_that_raises_is_recomputed_in_the_parent(capfd: pytest.CaptureFixture[str]) -> None:
    with forked.start(_raises) as step:
        assert step.result() == 7
    assert step.failure is not None and "only in the child" in step.failure
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # the child prints nothing, even its traceback


def _unpicklable() -> Iterator[int]:
    return (n for n in range(3))  # a generator cannot be pickled back to the parent


@needs_fork
def test_a_result_that_cannot_be_sent_back_is_recomputed() -> None:
    with forked.start(_unpicklable) as step:
        assert list(step.result()) == [0, 1, 2]
    assert step.failure is not None and "pickle" in step.failure


def _dies() -> str:
    if os.getpid() != PARENT:
        os._exit(3)
    return "parent"


@needs_fork
def test_a_child_that_dies_is_recomputed() -> None:
    with forked.start(_dies) as step:
        assert step.result() == "parent"
    assert step.failure is not None


def test_an_error_of_the_step_itself_is_raised_in_the_parent() -> None:
    def broken() -> int:
        raise ValueError("bad input")

    with forked.start(broken) as step, pytest.raises(ValueError, match="bad input"):
        step.result()


def test_no_fork_when_not_worth_it_switched_off_or_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    with forked.start(_in_child_pid, worth_it=False) as step:
        assert not step.forked and step.result() == os.getpid() and not step.ready()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not forked.can_fork()  # a fork would copy this process with another thread's locks
    finally:
        release.set()
        other.join()
    monkeypatch.setattr(forked, "ENABLED", False)
    assert not forked.can_fork()


def _inside_a_pool_worker(_: int) -> tuple[bool, int]:
    with forked.start(_in_child_pid) as step:
        return step.forked, step.result()


@needs_fork
def test_a_multiprocessing_pool_worker_computes_the_step_itself() -> None:
    """A pool's workers are daemonic, and multiprocessing refuses them children."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        was_forked, pid = pool.map(_inside_a_pool_worker, [0])[0]
    assert not was_forked and pid != os.getpid()  # computed in the worker itself


def test_no_fork_while_sigchld_is_ignored() -> None:
    """With SIGCHLD ignored (inherited through exec from some launchers) the kernel reaps children
    at once, so a child's end cannot be waited for and its pid may be reused."""
    if not forked.can_fork():
        pytest.skip("forking is off here anyway")
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not forked.can_fork()
        with forked.start(_in_child_pid) as step:
            assert not step.forked and step.result() == os.getpid()
    finally:
        signal.signal(signal.SIGCHLD, previous)


_KILLED_PARENT = """
import sys, time
from briefing.consolidate import forked

def slow() -> int:
    time.sleep(60)
    return 1

with forked.start(slow) as step:
    print(step._process.pid, flush=True)
    step.result()
"""


@needs_fork
def test_a_child_ends_when_its_parent_is_killed() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_PARENT], stdout=subprocess.PIPE, text=True
    ) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        parent.send_signal(signal.SIGTERM)  # the parent alone, as `kill PID` does
        parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


def test_a_child_that_cannot_be_started_is_computed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_more_processes(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked, "can_fork", lambda: True)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", no_more_processes)
    with forked.start(_in_child_pid) as step:
        assert not step.forked and step.result() == os.getpid()
    assert step.failure is not None and "could not start" in step.failure


@needs_fork
def test_leaving_early_stops_a_child_still_running() -> None:
    release = os.pipe()

    def waits() -> None:
        os.read(release[0], 1)  # blocks until the parent writes, which it never does

    def fails_while_the_child_runs() -> forked.Step[None]:
        with forked.start(waits) as step:
            assert step._process is not None and step._process.is_alive()
            raise KeyError(step)  # the parent fails before asking for the result

    with pytest.raises(KeyError) as failed:
        fails_while_the_child_runs()
    step = failed.value.args[0]
    assert step._process is None  # terminated and reaped
    os.close(release[0])
    os.close(release[1])


@needs_fork
def test_consolidation_is_the_same_with_and_without_forked_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The three multi-outlet stories, with the size threshold lowered so both steps fork."""
    documents = [d for d in SourceLoader(STORIES).lazy_load() if d.metadata.get("status") == "ok"]
    drafts = OfflineEngine().extract_many(documents)
    extractions = [verify_extraction(x, d) for x, d in zip(drafts, documents, strict=True)]
    started: list[bool] = []
    real_start = forked.start

    def counting_start(compute, *, worth_it=True):  # type: ignore[no-untyped-def]
        step = real_start(compute, worth_it=worth_it)
        started.append(step.forked)
        return step

    monkeypatch.setattr(forked, "start", counting_start)
    monkeypatch.setattr(consolidation, "FORK_MIN_DOCUMENTS", 1)
    in_children = consolidate(extractions, documents)
    assert started == [True, True]
    monkeypatch.setattr(forked, "ENABLED", False)
    in_parent = consolidate(extractions, documents)
    assert started[2:] == [False, False]
    assert in_children == in_parent
    assert in_children.duplicate_of and in_children.discrepancies  # the steps had work to do
