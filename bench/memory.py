"""Peak memory of a process tree, sampled: the benchmarks' measure of what a build really holds.

``ru_maxrss`` of a child that forks and execs a worker counts the parent's pages as the worker's
(Linux keeps the pre-exec high-water mark), so summing RUSAGE_SELF and RUSAGE_CHILDREN
overstates. Instead the memory of a process and all its descendants is summed every 20 ms, from
/proc (Linux only); the peak of that sum is reported. Each process counts its proportional set size
(PSS: its private pages plus its share of pages it shares), not its resident set: a child forked by
consolidation (``briefing.consolidate.forked``) shares the parent's pages, which a sum of resident
sets would count twice. Where /proc/PID/smaps_rollup is missing (Linux before 4.14), VmRSS is used.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def _rss_kib(pid: int) -> int:
    """The process's PSS in KiB (its VmRSS where the kernel gives no PSS; 0 once it has ended)."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except (OSError, ValueError):
            continue
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
    """Run ``cmd``; return its stdout and the peak summed PSS of its process tree in MiB.

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
