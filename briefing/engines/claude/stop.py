"""Stop a run that cannot succeed: a wrong key or a dead server fails every document the same way.

After ``limit`` consecutive calls fail with the same run-level fault (HTTP 401, HTTP 403, or a
connection refused), ``RunStop.reason`` becomes one line naming the likely cause, and the engine
starts no further call: the documents not yet tried are reported as not processed, so nothing is
lost and a re-run after the fix picks them up. Any successful call resets the count.
"""

from __future__ import annotations

from briefing.engines.claude.client import CallFailed, Fault
from briefing.errors import ModelCallError

STOP_AFTER = 3
"""Consecutive run-level faults before the run stops."""


class RunStopped(ModelCallError):
    """A call not made because the run was stopped early (``RunStop.reason`` says why)."""


_SHORT = {
    "auth": "the API key was rejected (HTTP 401)",
    "permission": "the API key was refused access (HTTP 403)",
    "connection": "the API server refused the connection",
}


def _cause(fault: Fault, count: int, *, model: str, server: str) -> str:
    if fault == "auth":
        return (
            f"stopped after {count} consecutive authentication errors (HTTP 401): the API key was "
            "rejected; check ANTHROPIC_API_KEY (wrong, revoked, or for another organisation)"
        )
    if fault == "permission":
        return (
            f"stopped after {count} consecutive permission errors (HTTP 403): the API key may not "
            f"use {model}; check the key's workspace, or choose another --model"
        )
    return (
        f"stopped after {count} consecutive refused connections to {server}: check ANTHROPIC_BASE_URL "
        "(unset it to reach the Anthropic API) and the network"
    )


class RunStop:
    """Counts consecutive run-level faults across every concurrent call of one run."""

    def __init__(self, *, model: str, server: str, limit: int = STOP_AFTER) -> None:
        self._model = model
        self._server = server
        self._limit = limit
        self._fault: Fault | None = None
        self._count = 0
        self.reason: str | None = None
        """One line naming the likely cause, once the run has stopped; None while it goes on."""
        self.short: str = ""
        """A few words for each document not processed (the briefing lists them)."""

    def record(self, error: BaseException | None) -> None:
        """Note one finished call: ``error`` None for a success, else its exception."""
        fault = error.fault if isinstance(error, CallFailed) else None
        if fault in (None, "too_long"):
            if self.reason is None:
                self._fault, self._count = None, 0
            return
        self._count = self._count + 1 if fault == self._fault else 1
        self._fault = fault
        if self._count >= self._limit and self.reason is None and fault is not None:
            self.reason = _cause(fault, self._count, model=self._model, server=self._server)
            self.short = _SHORT.get(fault, fault)

    def check(self, label: str) -> None:
        """Raise ``RunStopped`` if the run has stopped (call before each API call)."""
        if self.reason is not None:
            raise RunStopped(f"not processed: the run stopped early: {self.short}", document_id=label)
