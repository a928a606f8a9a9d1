"""End-to-end cost of `briefing build` with the offline engine, stage by stage, as the corpus grows.

    python bench/pipeline.py                  # 50, 200, 500 and 2,000 generated articles
    python bench/pipeline.py --sizes 20        # quicker

Articles are generated from templates with invented organisations, agreement phrases, dates,
figures and boilerplate (fixed seed), written to a temporary folder as text and Markdown files,
then loaded, extracted, grounded, consolidated and rendered to every format (Markdown, JSON, HTML,
PDF) exactly as the CLI does. Each size runs in a fresh child process. Peak memory is the peak of
the summed resident sets of that child and the processes it runs (a long PDF is laid out by typst
compiles in their own processes), sampled every 20 ms (bench/memory.py); "own" is the child's
own maximum resident set size. "CPU" is user + system time of the child and its processes, the
fairer measure on a shared machine, since wall-clock time there depends on what else runs; the
PDF's own CPU seconds are in brackets (a long PDF's compiles run two at a time, so its wall-clock
time can be under its CPU time on an idle 2-core machine, and cannot when other jobs hold a core).
The last line compares the largest size with 200 articles (the issue 9 target: under 12 times
the time and under 1 GiB).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from briefing.engines.offline import OfflineEngine
from briefing.pipeline import build_briefing
from briefing.render import render_html, render_json, render_markdown, render_pdf
from briefing.sources import SourceLoader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import run_sampled

ORGS = [
    "Northwind Robotics", "the Helios Energy Agency", "Acme Semiconductors", "the University of Tarrow",
    "Bluefin Health", "the Ministry of Digital Affairs", "Orion Labs", "Kestrel Aerospace",
    "the National Grid Authority", "Vantage Bank", "Cobalt AI", "the Port of Halden",
]  # fmt: skip
KINDS = ["a memorandum of understanding", "a partnership", "a letter of intent", "a framework agreement"]
VERBS = ["signed", "announced", "agreed", "unveiled"]
FILLER = [
    "Analysts said the move reflected a wider shift in the sector.",
    "The company did not disclose financial terms.",
    "Shares rose {n}% in early trading after the announcement.",
    "Officials expect the first results within {n} months.",
    "Critics questioned whether the plan would deliver on its promises.",
    "The programme will employ about {n} staff at its peak.",
    "A spokesperson declined to comment on the timetable.",
    "The regulator is expected to review the arrangement next year.",
    "Both sides said they would publish progress reports every {n} weeks.",
    "Local officials welcomed the investment, which could reach {n} million euros.",
    "The announcement follows months of negotiations between the two sides.",
    "Industry groups have called for clearer rules on data sharing.",
]
BOILERPLATE = ["Sign up for our newsletter!", "Share this article", "Related Articles", "Tags"]


def article(rng: random.Random, i: int, day: date) -> str:
    a, b = rng.sample(ORGS, 2)
    kind, verb = rng.choice(KINDS), rng.choice(VERBS)
    when = day - timedelta(days=rng.randint(0, 3))
    lead = (
        f"{a[0].upper()}{a[1:]} and {b} {verb} {kind} on {when:%B} {when.day}, {when.year}, "
        f"to work together on {rng.choice(['grid storage', 'chip design', 'clinical trials', 'port logistics'])}."
    )
    body = [lead] + [f.format(n=rng.randint(2, 90)) for f in rng.sample(FILLER, rng.randint(5, len(FILLER)))]
    tail = "\n".join(rng.sample(BOILERPLATE, 2))
    return (
        f"---\ntitle: Story {i}\ndate: {day.isoformat()}\n---\n\n" + "\n\n".join(body) + "\n\n" + tail + "\n"
    )


def _cpu() -> float:
    """CPU seconds (user + system) of this process and the children it has waited for."""
    return sum(
        u.ru_utime + u.ru_stime
        for u in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def run(n: int) -> dict[str, float]:
    """Build ``n`` generated articles in this process; seconds per stage, peak MiB, rows."""
    rng = random.Random(n)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            day = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
            (folder / f"story-{i:04d}.md").write_text(article(rng, i, day), encoding="utf-8")
        t0 = time.perf_counter()
        documents = list(SourceLoader([folder]).lazy_load())
        t1 = time.perf_counter()
        briefing = build_briefing(documents, OfflineEngine(), as_of=date(2026, 11, 24)).briefing
        t2 = time.perf_counter()
        render_markdown(briefing)
        render_json(briefing)
        t3 = time.perf_counter()
        render_html(briefing)
        t4, c4 = time.perf_counter(), _cpu()
        render_pdf(briefing)
        t5, c5 = time.perf_counter(), _cpu()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "cpu": _cpu(),
        "pdf_cpu": c5 - c4,
        "load": t1 - t0,
        "extract+ground+consolidate": t2 - t1,
        "md+json": t3 - t2,
        "html": t4 - t3,
        "pdf": t5 - t4,
        "total": t5 - t0,
        "own_mib": own,
        "partnerships": float(len(briefing.partnerships)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 500, 2000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child)))
        return
    print(
        "| articles | load | extract + ground + consolidate | md + json | html | pdf (CPU) | total | CPU "
        "| peak memory (own) | partnerships |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        out, peak = run_sampled([sys.executable, __file__, "--child", str(n)])
        r = results[n] = {**json.loads(out.strip().splitlines()[-1]), "peak_mib": peak}
        print(
            f"| {n:,} | {r['load']:.2f} s | {r['extract+ground+consolidate']:.2f} s | {r['md+json']:.2f} s "
            f"| {r['html']:.2f} s | {r['pdf']:.2f} s ({r['pdf_cpu']:.1f} s) | {r['total']:.2f} s | {r['cpu']:.1f} s "
            f"| {r['peak_mib']:.0f} MiB ({r['own_mib']:.0f}) | {int(r['partnerships'])} |",
            flush=True,
        )
    largest = max(results)
    if 200 in results and largest > 200:
        ratio = results[largest]["total"] / results[200]["total"]
        cpu = results[largest]["cpu"] / results[200]["cpu"]
        print(
            f"\n{largest:,} vs 200 articles: {ratio:.1f}x the time, {cpu:.1f}x the CPU time (target < 12x), "
            f"peak {results[largest]['peak_mib']:.0f} MiB (target < 1,024 MiB)"
        )


if __name__ == "__main__":
    main()
