"""Run one step of consolidation in a forked child process while the parent goes on with others.

Consolidation is CPU-bound Python, and threads share one core (the GIL). Two of its steps are
independent of the work beside them and return little: finding copies (a small id -> id mapping,
``duplicates``) and scanning texts for disagreements (a few hundred records). On a machine with
two or more cores such a step runs in a child made by ``fork(2)``. The child sees the parent's
memory as it was (documents, caches) without copying or pickling any of it; only the result comes
back, pickled, through a pipe.

This is an optimisation only, never a second way of computing anything. The step runs in the
parent, when its result is asked for, with the same result, when forking is not safe or not worth
it: not Linux (macOS system libraries are not fork-safe), fewer than two usable cores, other
threads running (a fork copies only the calling thread, and any lock another thread held stays
locked in the child), inside a multiprocessing pool's worker (a daemonic process may not have
children), or a small input (``worth_it``). It also runs there when the child fails in
any way (raises, dies, or returns something that cannot be pickled), so a fault in the child can
cost time but never a result.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

_JOIN_SECONDS = 5.0
"""How long to wait for a child that has answered (or was told to stop) to end."""
_PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a child gets when its parent ends (linux/prctl.h)."""

ENABLED = True
"""Module switch (tests turn it off to compare both ways)."""


def can_fork() -> bool:
    """Is a forked child safe and useful here: Linux, two or more usable cores, one thread, not a
    daemonic process (multiprocessing forbids those children), SIGCHLD not ignored?"""
    if not ENABLED or not sys.platform.startswith("linux"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    if multiprocessing.current_process().daemon:
        return False  # a daemonic process (a multiprocessing pool's worker) may not have children
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        return False  # the kernel reaps children at once: their ends cannot be waited for
    return len(os.sched_getaffinity(0)) >= 2 and threading.active_count() == 1


class Step(Generic[T]):
    """A step started by ``start``: ``result()`` gives its value, ``ready()`` says whether it is in.

    Use it as a context manager, so that a child still running when the parent fails is stopped.
    """

    def __init__(self, compute: Callable[[], T], *, worth_it: bool) -> None:
        self._compute = compute
        self._process: multiprocessing.process.BaseProcess | None = None
        self._pipe: Connection | None = None
        self.failure: str | None = None
        """Why the child's result was not used (its traceback, or how it ended), else ``None``."""
        if worth_it and can_fork():
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(compute, send, os.getpid()), daemon=True)
            gc.freeze()  # see _child: neither side's collector walks the shared objects meanwhile
            try:
                process.start()
            except (OSError, AssertionError) as exc:  # no process left (EAGAIN, ENOMEM), or refused
                receive.close()
                gc.unfreeze()
                self.failure = f"could not start a child: {exc!r}"
            else:
                self._process, self._pipe = process, receive
            finally:
                send.close()

    @property
    def forked(self) -> bool:
        """Was the step started in a child process?"""
        return self._process is not None

    def ready(self) -> bool:
        """Is the child's result waiting (or the child gone)? Always ``False`` when not forked."""
        return self._pipe is not None and self._pipe.poll()

    def result(self) -> T:
        """The step's value: the child's, or computed here (see the module docstring).

        Raises whatever the step itself raises when run here.
        """
        if self._pipe is not None:
            try:
                status, value = self._pipe.recv()
            except (EOFError, OSError) as exc:  # the child died before sending anything
                status, value = "lost", repr(exc)
            finally:
                self._close(answered=True)
            if status == "ok":
                return value  # type: ignore[no-any-return]
            self.failure = str(value)
        return self._compute()

    def _close(self, *, answered: bool = False) -> None:
        """Wait for the child to end; stop it first if it has not answered (the parent is failing),
        before closing the pipe, so that it never writes to a closed one."""
        if self._process is not None:
            if not answered and self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=_JOIN_SECONDS)
            if self._process.exitcode is None:  # still running: stop it, and leave it if it will not end
                self._process.terminate()
                self._process.join(timeout=_JOIN_SECONDS)
            with contextlib.suppress(ValueError):  # raised only for a child still running
                self._process.close()
            self._process = None
            gc.unfreeze()
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None

    def __enter__(self) -> Step[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._close()


def start(compute: Callable[[], T], *, worth_it: bool = True) -> Step[T]:
    """Start ``compute()`` in a forked child when that is safe and ``worth_it`` (see the module)."""
    return Step(compute, worth_it=worth_it)


def _child(compute: Callable[[], object], send: Connection, parent: int) -> None:
    """In the child: compute, send ``("ok", value)`` or ``("error", traceback)``, and exit quietly.

    Nothing is printed: whatever goes wrong here, the parent computes the step itself.
    """
    gc.disable()
    try:
        _end_with(parent)
        try:
            send.send(("ok", compute()))
        except BaseException:  # reported to the parent, which computes it again
            send.send(("error", traceback.format_exc()))
        send.close()
    except BaseException:  # the parent is gone or the pipe broke: nobody to tell
        os._exit(1)


def _end_with(parent: int) -> None:
    """Have Linux send this child SIGTERM when its parent ends (``prctl(PR_SET_PDEATHSIG)``), so a
    parent killed by a signal leaves no child computing for nobody; exit at once if it already has."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):  # no prctl: the child ends when its step does
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)
