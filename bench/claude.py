"""The Claude engine against the stand-in over HTTP: schedule, prompt caching and Message Batches.

    python bench/claude.py                    # 20 documents, 1 s per answer, concurrency 1/4/8
    python bench/claude.py --docs 8 --latency 0.2

Runs the real engine (SDK, retries, cache breakpoints, warm-up) against ``tests/stand_in`` served
on a loopback port, each ``/v1/messages`` answer taking ``--latency`` seconds. The stand-in's own
work (the offline engine reading each document) is memoised and done once before timing, so the
wall time measures the client's schedule, not the stand-in's CPU.

1. Schedule: wall time ÷ the ideal schedule. One call per document (no re-asks): the first call
   goes alone to warm the cached prefix, then the rest run ``concurrency`` at a time, so the ideal
   is ``latency × (1 + ceil((n − 1) / c))``.
2. Caching: calls and tokens per document with re-asks on (every fifth document carries a
   fabricated quote on its first answer), with the caching of this change and without it (system
   prompt always marked, document never marked, no warm-up: the engine before the change).
3. Batch: the same documents through ``--batch`` end to end (create, polls, results, follow-up).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import math
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.documents import Document

import briefing.engines.claude.calls as calls_module
import briefing.engines.claude.engine as engine_module
import tests.stand_in.routes as routes
from briefing.engines.claude import ClaudeConfig, ClaudeEngine
from briefing.engines.claude.caching import CachePlan, Warmup
from briefing.models import DraftExtraction, Usage
from tests.stand_in.routes import Memory
from tests.stand_in.server import StandIn

ORGS = ["Northwind Grid", "the Tallinn Energy Agency", "Kestrel Aerospace", "Orion Labs", "Vantage Bank"]
FILLER = [
    "Analysts said the move reflected a wider shift in the sector.",
    "The company did not disclose financial terms of the arrangement.",
    "Officials expect the first results within {n} months, according to the agency.",
    "The programme will employ about {n} staff at its peak.",
]


def documents(count: int) -> list[Document]:
    out = []
    for i in range(count):
        a, b = ORGS[i % len(ORGS)], ORGS[(i + 2) % len(ORGS)]
        paras = [
            f"{a} and {b} signed a memorandum of understanding on March {1 + i % 27}, 2025 "
            f"to work together on project {i}.",
            *(FILLER[(i + k) % len(FILLER)].format(n=3 + i + k) for k in range(6)),
        ]
        doc_id = f"scenario-fabricate-{i}" if i % 5 == 0 else f"bench-{i}"
        out.append(Document(page_content="\n\n".join(paras), metadata={"id": doc_id, "title": f"Deal {i}"}))
    return out


@contextlib.contextmanager
def stand_in(latency: float) -> Iterator[tuple[StandIn, Memory]]:
    memory = Memory(latency_s=latency)
    server = StandIn(0, memory=memory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, memory
    finally:
        server.shutdown()
        server.server_close()


def engine(base_url: str, **options: Any) -> ClaudeEngine:
    return ClaudeEngine(
        ClaudeConfig(api_key="sk-ant-bench", base_url=base_url, model="claude-sonnet-5-5", **options)
    )


@contextlib.contextmanager
def before_the_change() -> Iterator[None]:
    """The engine's caching as it was: system prompt always marked, document never, no warm-up."""
    plan, warmup = calls_module.cache_plan, engine_module.Warmup
    calls_module.cache_plan = lambda facts, **_: CachePlan(system=True, first_user=False)  # type: ignore[assignment]
    engine_module.Warmup = lambda: Warmup(enabled=False)  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        calls_module.cache_plan, engine_module.Warmup = plan, warmup  # type: ignore[misc]


def memoise_stand_in() -> None:
    """The stand-in's answers depend only on the request: compute each once (not timed)."""
    original = routes.respond

    @functools.cache
    def cached(body: str, truncated: frozenset[str], thinking: int) -> tuple[str, str]:
        import json

        return original(json.loads(body), truncated_before=set(truncated), thinking=thinking)

    def respond(body: dict[str, Any], *, truncated_before: set[str], thinking: int = 0) -> tuple[str, str]:
        import json

        return cached(json.dumps(body, sort_keys=True), frozenset(truncated_before), thinking)

    routes.respond = respond  # type: ignore[assignment]


def total(results: list[Any]) -> Usage:
    return sum((r.usage for r in results), Usage())


def schedule(docs: list[Document], latency: float) -> None:
    print(f"\n1. schedule: {len(docs)} documents, {latency:.1f} s per answer, no re-asks")
    with stand_in(0.0) as (server, _):
        engine(server.base_url, max_reasks=0, concurrency=8).extract_many(docs)  # fill the memo
    print("| concurrency | wall s | ideal s | ratio |\n|---:|---:|---:|---:|")
    for c in (1, 4, 8):
        with stand_in(latency) as (server, _):
            started = time.perf_counter()
            results = engine(server.base_url, max_reasks=0, concurrency=c).extract_many(docs)
            wall = time.perf_counter() - started
        assert all(isinstance(r, DraftExtraction) for r in results)
        ideal = latency * (1 + math.ceil((len(docs) - 1) / c))
        print(f"| {c} | {wall:.2f} | {ideal:.2f} | {wall / ideal:.3f} |")


def caching(docs: list[Document], latency: float) -> None:
    print(
        f"\n2. calls and tokens per document, re-asks on ({len(docs)} documents, concurrency 4, {latency:.1f} s)"
    )
    print("| engine | calls/doc | input/doc | cache write/doc | cache read/doc | output/doc | $/doc |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, ctx in (
        ("before (system marked, no warm-up)", before_the_change()),
        ("after", contextlib.nullcontext()),
    ):
        with ctx, stand_in(latency) as (server, _):
            usage = total(engine(server.base_url, max_reasks=2, concurrency=4).extract_many(docs))
        n = len(docs)
        print(
            f"| {label} | {usage.calls / n:.2f} | {usage.input_tokens / n:,.0f} | "
            f"{usage.cache_creation_input_tokens / n:,.0f} | {usage.cache_read_input_tokens / n:,.0f} | "
            f"{usage.output_tokens / n:,.0f} | {(usage.cost_usd or 0) / n:.5f} |"
        )


def batch(docs: list[Document], latency: float) -> None:
    print(f"\n3. --batch end to end: {len(docs)} documents, re-asks on")
    with stand_in(latency) as (server, memory):
        started = time.perf_counter()
        results = engine(server.base_url, max_reasks=2, batch=True).extract_many(docs)
        wall = time.perf_counter() - started
    usage = total(results)
    ok = sum(isinstance(r, DraftExtraction) for r in results)
    creates = memory.calls.count("POST /v1/messages/batches")
    print(
        f"{ok}/{len(docs)} documents, {creates} batch(es), {len(memory.calls)} HTTP requests, "
        f"{usage.calls} answers, ${usage.cost_usd or 0:.4f} at batch prices, {wall:.1f} s wall "
        "(the stand-in ends a batch at its second poll; the first poll waits 5 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--latency", type=float, default=1.0)
    args = parser.parse_args()
    memoise_stand_in()
    docs = documents(args.docs)
    schedule(docs, args.latency)
    caching(docs, args.latency)
    batch(docs, args.latency)


if __name__ == "__main__":
    main()
