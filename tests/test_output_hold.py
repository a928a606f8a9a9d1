"""A build holds its output set from before its work until its files are written.

Two real processes (``tests/output_stop.py``): the first is stopped in the middle of its work (or of
its write) and released by the test, so the order is set by files and pipes, not by sleeps. What
they check: a second build of the same set says it waits, waits, then refuses before doing any work
(no extraction, so no paid call), or with ``--force`` runs after the first and leaves one whole set;
a build of another date into the same folder, and ``--dry-run``, do not wait at all.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_output_all_or_none import DATE, STEM, _build, _env, _hidden, _start, _visible, _wait_for
from tests.test_output_all_or_none import corpus as corpus  # the fixture

FORMATS = ["--format", "md,json"]


def _second(cmd: list[str], tmp_path: Path, mark: Path) -> subprocess.Popen[str]:
    env = _env("", tmp_path / "unused") | {"WORK_MARK": str(mark)}
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _first_line(proc: subprocess.Popen[str]) -> str:
    """The first line the process writes on stderr (blocks until it writes one or ends)."""
    assert proc.stderr is not None
    return proc.stderr.readline()


@pytest.mark.parametrize("stop", ["pause-work", "pause"])
@pytest.mark.parametrize("force", [False, True])
def test_a_second_build_of_one_set_waits_then_refuses_without_working_or_runs_after(
    corpus: Path, tmp_path: Path, force: bool, stop: str
) -> None:
    out, signal, mark = tmp_path / "out", tmp_path / "first.signal", tmp_path / "second.worked"
    first = _start(_build(corpus, out, *FORMATS, "--title", "First"), stop, signal)
    _wait_for(signal, first)  # the first build is working (or writing), its set held
    flags = ["--force"] if force else []
    second = _second(_build(corpus, out, *FORMATS, "--title", "Second", *flags), tmp_path, mark)
    line = _first_line(second)
    assert f"waiting for another build writing {out / STEM}.*" in line
    assert second.poll() is None and not mark.exists()  # it waits, before any work

    signal.with_name(signal.name + ".go").touch()
    assert first.communicate(timeout=120)[0] is not None and first.returncode == 0
    _stdout, rest = second.communicate(timeout=120)
    assert "waiting" not in rest  # said once

    winner = "Second" if force else "First"
    if force:
        assert second.returncode == 0, rest
        assert mark.exists()
    else:
        assert second.returncode == 2
        assert f"{STEM}.md already exists" in rest
        assert not mark.exists()  # refused before reading a document: no work, no model call
    assert _visible(out) == [f"{STEM}.json", f"{STEM}.md"]
    assert winner in (out / f"{STEM}.md").read_text(encoding="utf-8")
    assert json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))["title"] == winner
    assert _hidden(out) == []


def test_other_dates_and_a_dry_run_do_not_wait_for_a_build_in_progress(corpus: Path, tmp_path: Path) -> None:
    out, signal = tmp_path / "out", tmp_path / "first.signal"
    first = _start(_build(corpus, out, *FORMATS), "pause-work", signal)
    _wait_for(signal, first)
    try:
        other = _build(corpus, out, *FORMATS)
        other[other.index(DATE)] = "2026-03-03"
        done = subprocess.run(other, env=_env("", signal), capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "waiting" not in done.stderr
        dry = subprocess.run(
            [*_build(corpus, out, *FORMATS), "--dry-run"],
            env=_env("", signal),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert dry.returncode == 0, dry.stderr
        assert "waiting" not in dry.stderr and "dry run" in dry.stdout
        assert first.poll() is None  # the first build was held all along
    finally:
        signal.with_name(signal.name + ".go").touch()
        first.communicate(timeout=120)
    assert first.returncode == 0
    assert _visible(out) == sorted(f"2026-03-0{d}-briefing.{ext}" for d in (2, 3) for ext in ("json", "md"))


def test_an_existing_set_is_refused_before_any_work(corpus: Path, tmp_path: Path) -> None:
    out, mark = tmp_path / "out", tmp_path / "worked"
    assert subprocess.run(_build(corpus, out, *FORMATS), env=_env("", mark), timeout=120).returncode == 0
    again = _second(_build(corpus, out, *FORMATS), tmp_path, mark)
    _stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 2 and "already exists" in stderr
    assert "waiting" not in stderr and not mark.exists()


def test_a_weekly_digest_is_held_the_same_way(corpus: Path, tmp_path: Path) -> None:
    out, signal, mark = tmp_path / "out", tmp_path / "first.signal", tmp_path / "second.worked"
    week = ["--week", "2026-W09"]
    first = _start([*_build(corpus, out, *FORMATS), *week], "pause-work", signal)
    _wait_for(signal, first)
    second = _second([*_build(corpus, out, *FORMATS), *week], tmp_path, mark)
    assert f"waiting for another build writing {out / '2026-W09-digest'}.*" in _first_line(second)
    signal.with_name(signal.name + ".go").touch()
    first.communicate(timeout=120)
    _stdout, rest = second.communicate(timeout=120)
    assert first.returncode == 0
    assert second.returncode == 2 and "2026-W09-digest.md already exists" in rest
    assert not mark.exists()
