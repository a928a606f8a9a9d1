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
The kept pages are then joined and numbered by ``briefing.render.pdf_join``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import RenderError
from briefing.render.pdf_join import Part
from briefing.render.pdf_units import Json

BUDGET = 1_000_000
"""Characters of unit JSON per compile: about 220 table rows or 55 pages, a child of 300-360 MB
(typst's laid-out pages cost more than their JSON; smaller runs save little, since the child's
Python and fonts take about 150 MB, and cost a process start each)."""
TEMPLATE = "briefing.typ"


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
    (work / "request.json").write_text(json.dumps(request), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "briefing.render.pdf_worker", str(work / "request.json")],
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


def compile_parts(
    job: ChunkJob, units: Sequence[Json], sizes: Sequence[int], budget: int = BUDGET
) -> list[Part]:
    """The PDF parts of all ``units``, compiled in runs of at most ``budget`` characters
    (``sizes[i]`` is the JSON length of ``units[i]``), each with the pages to keep.
    Raises ``RenderError`` if a compile fails."""
    parts: list[Part] = []
    with tempfile.TemporaryDirectory(prefix="briefing-typst-") as tmp:
        work = Path(tmp)
        (work / "root").mkdir()
        (work / "root" / TEMPLATE).write_bytes(job.template)
        first = 0
        while first < len(units):
            stop = runs_within(sizes, first, budget)
            pdf, layout = _compile_in_child(job, units[first:stop], work, len(parts))
            keep, first = (layout.pages, stop) if stop == len(units) else seam(layout, first, stop)
            parts.append(Part(pdf, keep))
    return parts
