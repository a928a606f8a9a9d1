"""A reader who stops reading (``| head -1``) ends every command quietly with 141, and a build
still writes exactly what it would have written.

The child processes get a pipe whose reading end the test closed before they start, so every write
to it fails: no timing decides what the test sees.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing.cli import terminal

ARTICLE = """---
title: Port authority and ferry line agree on a new quay
published: 2026-04-07
---
The Eastbay Port Authority and Saltmarsh Ferries signed a letter of intent on 6 April 2026 to build
a second passenger quay. Construction is planned to start next spring.
"""

DATE = "2026-04-08"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "quay.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "broken.bin").write_bytes(b"\x00\x01" * 40)  # skipped: the run is partial (exit 3)
    for i in range(40):  # enough rows that a table does not fit in one small write
        (folder / f"note-{i:02d}.txt").write_text(f"Note {i}: nothing was agreed today.\n", encoding="utf-8")
    return folder


@contextmanager
def _closed_pipe() -> Iterator[int]:
    """The writing end of a pipe nobody reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        yield write_end
    finally:
        os.close(write_end)


def _run(args: list[str], *, stdout: int, stderr: int, cwd: Path) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "BRIEFING_"))}
    command = [sys.executable, "-m", "briefing", *args]
    return subprocess.run(command, stdout=stdout, stderr=stderr, cwd=cwd, env=env, timeout=120).returncode


def _build(inputs: Path, out: Path) -> list[str]:
    return [
        "build",
        str(inputs),
        "--out",
        str(out),
        "--date",
        DATE,
        "--engine",
        "offline",
        "--format",
        "md,json",
    ]


@pytest.mark.parametrize("closed", ["stdout", "stderr", "both"])
def test_a_build_whose_reader_left_writes_the_same_files_and_exits_141(
    inputs: Path, tmp_path: Path, closed: str
) -> None:
    ref = tmp_path / "ref"
    assert _run(_build(inputs, ref), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path) == 3
    out = tmp_path / "out"
    with _closed_pipe() as pipe:
        stdout = pipe if closed in ("stdout", "both") else subprocess.DEVNULL
        stderr = pipe if closed in ("stderr", "both") else subprocess.DEVNULL
        code = _run(_build(inputs, out), stdout=stdout, stderr=stderr, cwd=tmp_path)
    # A partial run (3) otherwise; a closed stdout counts although a build prints nothing on it.
    assert code == 141
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == [f"{DATE}-briefing.json", f"{DATE}-briefing.md"]
    for name in names:
        assert (out / name).read_bytes() == (ref / name).read_bytes()


def test_a_refused_build_whose_reader_left_exits_141(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(_build(inputs, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path) == 3
    with _closed_pipe() as pipe:
        assert _run(_build(inputs, out), stdout=subprocess.DEVNULL, stderr=pipe, cwd=tmp_path) == 141


@pytest.mark.parametrize(
    "args",
    [["sources"], ["sources", "--json"], ["log", "--cache-dir", "cache"], ["build", "--help"]],
    ids=["sources", "sources-json", "log", "help"],
)
def test_every_command_whose_reader_left_exits_141_quietly(
    inputs: Path, tmp_path: Path, args: list[str]
) -> None:
    argv = [args[0], str(inputs), *args[1:]] if args[0] == "sources" else args
    with _closed_pipe() as pipe:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", *argv],
            stdout=pipe,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 141
    assert done.stderr == ""


def test_a_pipe_whose_reader_left_after_everything_fitted_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    with open(write_end, "w", encoding="utf-8") as stream:  # a raw descriptor
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setattr(sys, "stderr", io.StringIO())
        stream.write("a short table\n")
        stream.flush()  # it fits in the pipe: the write succeeds
        assert not terminal.pipe_closed()  # the reader is still there
        os.close(read_end)  # `head -1` read its line and left
        assert terminal.pipe_closed()
