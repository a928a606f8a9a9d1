"""Lay out a long briefing in several typst compiles of bounded size that meet at page breaks.

typst holds the whole laid-out document, plus its memoisation caches, until a compile ends: about
0.6 MB per table row, so one compile of a 2,000-article briefing needs well over 1 GiB. Here the
briefing's units (``briefing.render.pdf_units``) are compiled in runs of at most ``budget``
characters of JSON, each in a fresh child process (``briefing.render.pdf_worker``), so memory
stays bounded by the run, not the briefing.

Seams: a run that is not the last reports the physical page on which each unit starts and ends.
Its pages are kept up to the last page that begins with a new unit (the previous unit having
ended on an earlier page); that unit and everything after it are laid out again at the top of the
next run. So each kept page is exactly as one long compile would have laid it out, the table
header repeats, and no page is left half empty at a seam. Only when no unit of a run starts a page
(a single unit longer than the run) is the whole run kept and the next one starts on a new page.

Sections: each run waits for the page breaks of the one before, so within a section the runs go
one after another. (Starting a run early at a guessed unit does not work: two layouts started a
few table rows apart were still out of step 250 rows later.) But each section after the table
starts on a new page in a briefing laid out in runs, so the sections are independent and up to
``workers`` of them are compiled at once. The kept pages are then joined and numbered by
``briefing.render.pdf_join``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import RenderError
from briefing.render.pdf_join import Part
from briefing.render.pdf_units import Json

BUDGET = 1_000_000
"""Characters of unit JSON for one compile: about 430 table rows or 55 pages, 240 MB, or 1,700
source entries, 430 MB (typst's laid-out pages cost more than their JSON). A briefing over this
is compiled in runs of half as much (``render_pdf``), two at a time, each child 100-250 MB; a
child starts with about 40 MB and 0.06 s, so smaller runs cost little more than their seams."""
WORKERS = min(2, os.cpu_count() or 1)
"""Compiles run at once for a long briefing: one per core, at most two (memory, see BUDGET)."""
TEMPLATE = "briefing.typ"
WORKER = Path(__file__).with_name("pdf_worker.py")
"""Run as a script (``-P``: the script's folder is not put on ``sys.path``, where this package's
``json.py`` would hide the standard library's), so a child imports typst and the standard library
only: ``-m briefing.render.pdf_worker`` would import ``briefing.render`` with pydantic and Jinja2,
about 0.7 s of CPU per compile."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the units of one compile fell: physical page (from 1) of each unit's start and end."""

    pages: int
    starts: dict[int, int]
    ends: dict[int, int]

    @classmethod
    def parse(cls, found: dict[str, Any]) -> Layout:
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        for unit, page in found["starts"]:
            starts[unit] = min(page, starts.get(unit, page))
        for unit, page in found["ends"]:
            ends[unit] = max(page, ends.get(unit, page))
        return cls(int(found["pages"]), starts, ends)


def seam(layout: Layout, first: int, stop: int) -> tuple[int, int]:
    """``(pages to keep, unit to restart from)`` for a run of units ``first..stop-1``.

    The restart unit is the first one on the last page that a unit opens, i.e. the latest page
    on which some unit ``u > first`` starts while unit ``u - 1`` ended on an earlier page. With
    none, every page is kept and the next run starts at ``stop``.
    """
    best: tuple[int, int] | None = None  # (page, unit)
    for unit in range(first + 1, stop):
        page = layout.starts.get(unit)
        before = layout.ends.get(unit - 1)
        if page is None or before is None or before >= page:
            continue
        if best is None or page > best[0] or (page == best[0] and unit < best[1]):
            best = (page, unit)
    if best is None:
        return layout.pages, stop
    return best[0] - 1, best[1]


def runs_within(sizes: Sequence[int], first: int, budget: int) -> int:
    """The end (exclusive) of the longest run from ``first`` whose sizes sum to at most ``budget``
    (always at least one unit)."""
    stop, total = first, 0
    while stop < len(sizes) and (stop == first or total + sizes[stop] <= budget):
        total += sizes[stop]
        stop += 1
    return stop


@dataclass(frozen=True, slots=True)
class ChunkJob:
    """What every compile of one briefing shares."""

    template: bytes
    meta: Json
    timestamp: dt.datetime
    font_paths: tuple[Path, ...]


def _compile_in_child(job: ChunkJob, units: Sequence[Json], work: Path, n: int) -> tuple[bytes, Layout]:
    root = work / "root"
    data = work / f"data-{n}.json"
    data.write_text(
        json.dumps({**job.meta, "footer": False, "report": True, "units": list(units)}, ensure_ascii=False),
        encoding="utf-8",
    )
    out = work / f"part-{n}.pdf"
    request = {
        "root": str(root),
        "data": str(data),
        "out": str(out),
        "timestamp": job.timestamp.isoformat(),
        "font_paths": [str(p) for p in job.font_paths],
    }
    (work / f"request-{n}.json").write_text(json.dumps(request), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-P", str(WORKER), str(work / f"request-{n}.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-20:]
        raise RenderError("typst could not compile the PDF: " + "\n".join(detail))
    pdf = out.read_bytes()
    data.unlink()
    out.unlink()
    return pdf, Layout.parse(json.loads(done.stdout.strip().splitlines()[-1]))


def section_groups(units: Sequence[Json]) -> list[tuple[int, int]]:
    """``(start, stop)`` of each run of units from one section-opening unit (``opens``, see
    ``briefing.render.pdf_units``) to the next: the header with the table, then each later section."""
    starts = [0] + [i for i, u in enumerate(units) if i > 0 and u.get("opens")]
    return list(zip(starts, [*starts[1:], len(units)], strict=True))


class _Group:
    """Compiles one section group in runs, one after another, each next run from the last one's seam."""

    def __init__(self, job: ChunkJob, units: Sequence[Json], sizes: Sequence[int], budget: int, work: Path):
        self.job, self.units, self.sizes, self.budget, self.work = job, units, sizes, budget, work
        self.cancelled = threading.Event()

    def parts(self, start: int, stop: int) -> list[Part]:
        parts: list[Part] = []
        first = start
        while first < stop:
            if self.cancelled.is_set():  # another group failed: stop after the current compile
                raise RenderError("cancelled")
            end = runs_within(self.sizes[:stop], first, self.budget)
            pdf, layout = _compile_in_child(self.job, self.units[first:end], self.work, first)
            keep, first = (layout.pages, end) if end == stop else seam(layout, first, end)
            parts.append(Part(pdf, keep))
        return parts


def compile_parts(
    job: ChunkJob, units: Sequence[Json], sizes: Sequence[int], budget: int = BUDGET, workers: int = 1
) -> list[Part]:
    """The PDF parts of all ``units``, compiled in runs of at most ``budget`` characters
    (``sizes[i]`` is the JSON length of ``units[i]``), each with the pages to keep.

    Each section group (``section_groups``) starts on a new page, so groups do not depend on each
    other's page breaks: ``workers`` of them are compiled at once, largest first (within a group,
    each run waits for the seam of the one before). The parts come back in reading order, and
    the same whatever ``workers`` is. Raises ``RenderError`` if a compile fails."""
    with tempfile.TemporaryDirectory(prefix="briefing-typst-") as tmp, ThreadPoolExecutor(workers) as pool:
        work = Path(tmp)
        (work / "root").mkdir()
        (work / "root" / TEMPLATE).write_bytes(job.template)
        group = _Group(job, units, sizes, budget, work)
        spans = section_groups(units)
        order = sorted(range(len(spans)), key=lambda g: -sum(sizes[spans[g][0] : spans[g][1]]))
        futures = {g: pool.submit(group.parts, *spans[g]) for g in order}
        try:
            for done in as_completed(futures.values()):
                done.result()  # the first failure ends the render, without waiting for the others
            return [part for g in range(len(spans)) for part in futures[g].result()]
        finally:
            group.cancelled.set()
            pool.shutdown(wait=True, cancel_futures=True)
