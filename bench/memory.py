"""Peak memory of a process tree, sampled: the benchmarks' measure of what a build really holds.

``ru_maxrss`` of a child that forks and execs a worker counts the parent's pages as the worker's
(Linux keeps the pre-exec high-water mark), so summing RUSAGE_SELF and RUSAGE_CHILDREN
overstates. Instead the resident sets (VmRSS) of a process and all its descendants are summed
every 20 ms, from /proc (Linux only); the peak of that sum is reported.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def run_sampled(cmd: list[str], interval: float = 0.02) -> tuple[str, float]:
    """Run ``cmd``; return its stdout and the peak summed RSS of its process tree in MiB.

    Raises ``subprocess.CalledProcessError`` when it fails.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kib(p) for p in _tree(proc.pid)))
        time.sleep(interval)
    out, err = proc.communicate()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, out, err)
    return out, peak / 1024
