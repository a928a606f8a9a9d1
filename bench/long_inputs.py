"""Long inputs through the whole offline pipeline: seconds and peak memory per stage.

    python bench/long_inputs.py                  # the generated 4 MB paragraph and the 2 MB live blog
    python bench/long_inputs.py --mb 1           # a smaller generated paragraph (quicker)
    python bench/long_inputs.py --live-blog PATH # another long file instead of the shared b12 case

The generated document is one paragraph with no sentence break: a sentence about invented
companies ("Globex Ltd.", an abbreviation, so no break after it), an agreement phrase, a figure and
a date, repeated until the text has the requested size (under the loader's default 5 MB limit).
Each input runs in a fresh Python process so that peak memory (``ru_maxrss``, the resident set of
the process, including the interpreter and imports) belongs to that input alone; the peak is
reported after each stage, so it can only grow. Stages: load (decode, clean, date), extract (the
offline engine), ground (verify every quote), consolidate, render (Markdown, JSON, PDF).
Then each input goes once more through the real command, ``briefing build FILE --engine offline
--out DIR --force``, in a child process whose wall time, CPU time and peak RSS are reported alone.
Targets (issues 10 and 8): each input builds in at most 30 s (b12: 20 s) with at most 500 MB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

LIVE_BLOG = Path("/work/shared/cases/inputs/b12_two_megabyte_live_blog.txt")
SENTENCE = (
    "Shares in Globex Ltd. rose 4% after analysts said the supply agreement with Initech Corp. "
    "signed on March 3, 2026 would hold, while Hooli Inc. said its partnership with Globex Ltd. "
    "continues and Vandelay Industries (NYSE: VDL) kept its distribution deal with Kramerica Co. "
)


def generate(path: Path, megabytes: float) -> Path:
    """Write the run-on paragraph of ``megabytes`` MB (10**6 bytes) to ``path``."""
    size = int(megabytes * 1_000_000)
    head = "---\ntitle: One very long paragraph\ndate: 2026-05-20\npublisher: Bench Gazette\n---\n\n"
    body = SENTENCE * ((size - len(head)) // len(SENTENCE))
    path.write_text(head + body.rstrip() + ".\n", encoding="utf-8")
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure(path: Path) -> dict[str, object]:
    """Run every stage on ``path`` in this process; seconds and peak RSS (MB) after each stage."""
    from briefing.consolidate import consolidate
    from briefing.engines.offline import OfflineEngine
    from briefing.grounding import verify_extraction
    from briefing.models import DraftExtraction
    from briefing.pipeline import build_briefing
    from briefing.render import render_json, render_markdown, render_pdf
    from briefing.sources import SourceLoader

    stages: list[dict[str, float | str]] = []

    cpu = [time.process_time()]

    def stage(name: str, t0: float) -> float:
        now, cpu_now = time.perf_counter(), time.process_time()
        stages.append(
            {
                "stage": name,
                "seconds": round(now - t0, 2),
                "cpu_seconds": round(cpu_now - cpu[0], 2),
                "peak_mb": round(_peak_mb(), 1),
            }
        )
        cpu[0] = time.process_time()
        print(f"  {path.name}: {stages[-1]}", file=sys.stderr, flush=True)  # progress, stage by stage
        return time.perf_counter()

    t = time.perf_counter()
    documents = list(SourceLoader([path]).lazy_load())
    t = stage("load", t)
    [draft] = OfflineEngine().extract_many(documents)
    t = stage("extract", t)
    if not isinstance(draft, DraftExtraction):
        raise SystemExit(f"{path.name}: the engine failed: {draft}")
    extraction = verify_extraction(draft, documents[0])
    t = stage("ground", t)
    consolidate([extraction], documents)
    t = stage("consolidate", t)
    # The real build runs the stages above once more inside ``build_briefing``; render its result.
    t_build = time.perf_counter()
    briefing = build_briefing(documents, OfflineEngine(), as_of=date(2026, 5, 21)).briefing
    build_seconds = time.perf_counter() - t_build
    t, cpu[0] = time.perf_counter(), time.process_time()
    render_markdown(briefing)
    render_json(briefing)
    render_pdf(briefing)
    stage("render", t)
    total = sum(float(s["seconds"]) for s in stages)
    total_cpu = sum(float(s["cpu_seconds"]) for s in stages)
    return {
        "input": path.name,
        "bytes": path.stat().st_size,
        "stages": stages,
        "build_seconds": round(build_seconds, 2),
        "total_seconds": round(total, 2),
        "total_cpu_seconds": round(total_cpu, 2),
        "peak_mb": round(_peak_mb(), 1),
        "rows": len(briefing.partnerships),
        "discrepancies": len(briefing.discrepancies),
        "status": documents[0].metadata.get("status"),
    }


def cli_build(path: Path, out: Path) -> tuple[float, float, float]:
    """``briefing build PATH --engine offline --out OUT --force`` as a user runs it, in a child
    process: (wall seconds, CPU seconds, peak RSS in MB) of that child alone (``os.wait4``)."""
    argv = [sys.executable, "-m", "briefing", "build", str(path), "--engine", "offline", "--out", str(out)]
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
    t0 = time.perf_counter()
    pid = os.posix_spawn(sys.executable, [*argv, "--force"], os.environ, file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"briefing build {path.name} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of the generated paragraph (default 4)")
    parser.add_argument("--live-blog", type=Path, default=LIVE_BLOG, help="the long live blog to run")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # child process: measure one file
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [generate(Path(tmp) / "run_on_paragraph.md", args.mb)]
        if args.live_blog.exists():
            inputs.append(args.live_blog)
        else:
            print(f"skipped: {args.live_blog} does not exist", file=sys.stderr)
        print("Wall seconds (CPU seconds of this process) per stage; peak RSS after the last stage.\n")
        print("| input | size | load | extract | ground | consolidate | render | total | build | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for path in inputs:
            out = subprocess.run(  # the child's stderr shows each stage as it finishes
                [sys.executable, __file__, "--one", str(path)], stdout=subprocess.PIPE, text=True, check=True
            )
            r = json.loads(out.stdout)
            cells = " | ".join(f"{s['seconds']:.1f} s ({s['cpu_seconds']:.1f})" for s in r["stages"])
            print(
                f"| {r['input']} | {r['bytes'] / 1e6:.1f} MB | {cells} "
                f"| {r['total_seconds']:.1f} s ({r['total_cpu_seconds']:.1f}) "
                f"| {r['build_seconds']:.1f} s | {r['peak_mb']:.0f} MB |"
            )
            print(f"  peak RSS per stage: {[s['peak_mb'] for s in r['stages']]} MB", file=sys.stderr)
            print(
                f"  rows={r['rows']} discrepancies={r['discrepancies']} status={r['status']}", file=sys.stderr
            )
        print("\n`briefing build FILE --engine offline --out DIR --force`, one child process each:\n")
        print("| input | wall | CPU | peak RSS |")
        print("|---|---:|---:|---:|")
        for path in inputs:
            wall, cpu_s, peak = cli_build(path, Path(tmp) / f"out-{path.stem}")
            print(f"| {path.name} | {wall:.1f} s | {cpu_s:.1f} s | {peak:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
