"""Renderers pause the cyclic garbage collector only while they run (briefing/gc_pause.py)."""

from __future__ import annotations

import gc

import pytest

from briefing.errors import RenderError
from briefing.gc_pause import collector_paused


def test_collector_is_paused_during_a_render_and_restored_after() -> None:
    seen: list[bool] = []

    @collector_paused
    def render(x: int) -> int:
        seen.append(gc.isenabled())
        return x + 1

    assert gc.isenabled()
    assert render(1) == 2
    assert seen == [False] and gc.isenabled()


def test_collector_is_restored_when_a_render_fails() -> None:
    @collector_paused
    def render() -> None:
        raise RenderError("boom")

    with pytest.raises(RenderError):
        render()
    assert gc.isenabled()


def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    gc.disable()
    try:
        collector_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()
