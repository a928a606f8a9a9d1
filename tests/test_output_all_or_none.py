"""The output set is all or nothing: killed builds, failed renames and two builds into one folder.

The kill tests run the real command line in child processes
(``tests/output_stop.py``), stopped at a chosen point, so what they check is what a user's folder
looks like after a real ``kill -9``. Two builds of one set: ``test_output_hold``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.output import LOCK_NAME, folder_lock, recover, write_briefing
from tests.briefing_factory import empty_briefing as make_briefing

STOPPER = Path(__file__).resolve().parent / "output_stop.py"
DATE = "2026-03-02"
STEM = f"{DATE}-briefing"

ARTICLE = """---
title: Harbour board and rail operator agree freight link
published: 2026-03-01
---
The Northport Harbour Board and Kestrel Rail signed a memorandum of understanding on 27 February 2026
to plan a freight link between the container terminal and the inland depot.

The two bodies will study the route for twelve months before any contract is awarded.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def _env(mode: str, signal: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "BRIEFING_"))}
    return env | {"STOP_MODE": mode, "STOP_SIGNAL": str(signal), "PYTHONPATH": str(STOPPER.parent.parent)}


def _build(corpus: Path, out: Path, *extra: str) -> list[str]:
    args = [sys.executable, str(STOPPER), "build", str(corpus), "--out", str(out), "--date", DATE]
    return [*args, "--engine", "offline", "--quiet", *extra]


def _start(cmd: list[str], mode: str, signal: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cmd, env=_env(mode, signal), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(path: Path, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            pytest.fail(f"the build ended before reaching the stop point: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the build never reached the stop point")
        time.sleep(0.02)


def _visible(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def _hidden(out: Path) -> list[str]:
    # The folder's lock and each set's lock (`.<stem>.lock`, briefing/output_lock.py) stay.
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and not p.name.endswith(".lock"))


def _run(cmd: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, env=_env("", tmp_path / "unused"), capture_output=True, text=True, timeout=120, check=False
    )


def test_a_build_killed_while_writing_leaves_no_partial_set(corpus: Path, tmp_path: Path) -> None:
    out, signal = tmp_path / "out", tmp_path / "stop.signal"
    proc = _start(_build(corpus, out), "pause", signal)
    _wait_for(signal, proc)
    proc.kill()  # SIGKILL: no cleanup code runs
    proc.communicate(timeout=30)

    assert _visible(out) == []  # not one format of the set is in place
    assert len([n for n in _hidden(out) if n.startswith(f".{STEM}.") and n.endswith(".tmp")]) == 2

    done = _run(_build(corpus, out), tmp_path)  # no --force needed: nothing was published
    assert done.returncode == 0, done.stderr
    assert _visible(out) == [f"{STEM}.{ext}" for ext in ("html", "json", "md", "pdf")]
    assert _hidden(out) == []  # the stale temporary files are gone


@pytest.mark.parametrize("earlier_set", [False, True])
def test_a_build_killed_between_renames_is_rolled_back(
    corpus: Path, tmp_path: Path, earlier_set: bool
) -> None:
    out, signal = tmp_path / "out", tmp_path / "stop.signal"
    formats = ["--format", "md,json"]
    before: dict[str, bytes] = {}
    if earlier_set:
        assert _run(_build(corpus, out, *formats, "--title", "Earlier"), tmp_path).returncode == 0
        before = {name: (out / name).read_bytes() for name in _visible(out)}
    proc = _start(_build(corpus, out, *formats, "--title", "Later", "--force"), "die-in-commit", signal)
    proc.communicate(timeout=120)
    assert proc.returncode == -9  # killed itself with one file moved, one not

    # The next run repairs the folder before anything else: the earlier set, whole, or nothing.
    again = _run(_build(corpus, out, *formats, "--title", "Again"), tmp_path)
    if earlier_set:
        assert again.returncode == 2
        assert "already exists" in again.stderr
        assert {name: (out / name).read_bytes() for name in _visible(out)} == before
    else:
        assert again.returncode == 0, again.stderr
        assert "Again" in (out / f"{STEM}.md").read_text(encoding="utf-8")
        assert json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))["title"] == "Again"
    assert _hidden(out) == []


def test_a_failed_rename_midway_puts_the_earlier_set_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefing = make_briefing()
    old = {"md": b"old markdown", "json": b"{}"}
    stem = f"{briefing.briefing_date}-briefing"
    tmp_path.joinpath(f"{stem}.md").write_bytes(old["md"])
    tmp_path.joinpath(f"{stem}.json").write_bytes(old["json"])
    real_replace = os.replace
    moves: list[str] = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        if not Path(dst).name.startswith("."):
            moves.append(Path(dst).name)
            if len(moves) == 2:
                raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("briefing.output.os.replace", failing_replace)
    with pytest.raises(Exception, match="No space left on device"):
        write_briefing(briefing, tmp_path, formats=("md", "json"), force=True)
    assert tmp_path.joinpath(f"{stem}.md").read_bytes() == old["md"]
    assert tmp_path.joinpath(f"{stem}.json").read_bytes() == old["json"]
    assert _hidden(tmp_path) == []


def test_a_held_folder_makes_a_build_refuse_clearly_after_its_wait(tmp_path: Path) -> None:
    briefing = make_briefing()
    tmp_path.joinpath("unrelated.txt").write_text("mine", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock;"
            f"l = FileLock({str(tmp_path / LOCK_NAME)!r}); l.acquire(); print('held', flush=True);"
            " sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    try:
        with pytest.raises(Exception, match="another briefing build is writing into"):
            write_briefing(briefing, tmp_path, formats=("json",), lock_timeout=0.2)
    finally:
        holder.communicate("", timeout=30)
    assert _visible(tmp_path) == ["unrelated.txt"]
    assert write_briefing(briefing, tmp_path, formats=("json",), lock_timeout=5)


def test_recover_removes_only_this_writers_temporary_files(tmp_path: Path) -> None:
    (tmp_path / f".{STEM}.pdf.x1y2.tmp").write_bytes(b"%PDF half")
    (tmp_path / ".2026-W09-digest.md.abc.tmp").write_bytes(b"half")
    (tmp_path / ".notes.tmp").write_bytes(b"a user's file")
    (tmp_path / f"{STEM}.md").write_bytes(b"published")
    with folder_lock(tmp_path, timeout=1):
        done = recover(tmp_path)
    assert len(done) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != LOCK_NAME) == [".notes.tmp", f"{STEM}.md"]
