"""Render a briefing as a PDF with typst, passing the briefing as JSON data, never as markup.

The typst template reads ``sys.inputs.briefing`` with ``json(bytes(...))``, so an article that
contains typst syntax (``#set``, ``*``, ``<label>``) prints literally. Compilation runs with
``root`` set to a fresh temporary directory that holds only the template, so a template can
read no other file, and with system fonts ignored and a timestamp taken from the briefing date,
so the same briefing gives the same bytes on every machine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from briefing.errors import RenderError
from briefing.gc_pause import collector_paused
from briefing.models import Briefing
from briefing.render.escape import plain
from briefing.render.json import render_json
from briefing.render.mapping import to_contract
from briefing.render.pdf_chunks import BUDGET, WORKERS, ChunkJob, compile_parts
from briefing.render.pdf_join import join_parts
from briefing.render.pdf_units import split_view
from briefing.render.view import build_view

TEMPLATE = "briefing.typ"


def _timestamp(briefing_date: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(briefing_date)
    except ValueError as exc:
        raise RenderError(f"briefing date {briefing_date!r} is not an ISO date") from exc
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


_PIECES = "highlight"
"""A key whose strings are pieces of one line: their edge spaces separate words, so keep them."""


def _one_line(value: Any, *, key: str = "") -> Any:
    """Collapse whitespace and drop control and format characters in every string, as the
    Markdown does. A newline inside a quote or a table cell is layout the source did not intend
    here. Long tokens are left whole: the template gives them break opportunities that add no
    character to the PDF text (see ``wrap-long`` in the template).
    """
    if isinstance(value, str):
        return plain(f"<{value}>")[1:-1] if key == _PIECES else plain(value)
    if isinstance(value, dict):
        return {k: _one_line(item, key=k) for k, item in value.items()}
    if isinstance(value, list | tuple):
        return [_one_line(item, key=key) for item in value]
    return value


@collector_paused
def render_pdf(
    briefing: Briefing, *, font_paths: Sequence[Path] = (), budget: int = BUDGET, workers: int = WORKERS
) -> bytes:
    """The briefing as PDF bytes (A4, numbered pages, quotes printed under each row and section).

    ``font_paths`` adds font directories, e.g. for scripts the embedded fonts lack (CJK text
    renders as blanks without one); system fonts stay ignored either way. A briefing whose data
    exceeds ``budget`` characters of JSON is laid out by several compiles in child processes and
    joined (``briefing.render.pdf_chunks``), so memory stays bounded; it is then an untagged PDF.
    Such a briefing starts each section after the table on a new page, and ``workers`` compiles
    (one per section, within a section one after another) run at once, each of at most
    ``budget / 2`` characters, so two hold about as much memory as one compile of ``budget``.
    The pages are the same whatever ``workers`` is.
    """
    view = build_view(to_contract(briefing))
    meta, units = split_view(_one_line(dataclasses.asdict(view)))
    template = resources.files("briefing.render").joinpath("templates", TEMPLATE).read_bytes()
    stamp = _timestamp(view.briefing_date)
    texts = [json.dumps(u, ensure_ascii=False) for u in units]
    sizes = [len(t) for t in texts]
    if sum(sizes) <= budget:
        head = json.dumps({**meta, "footer": True, "report": False}, ensure_ascii=False)
        data = head[:-1] + ', "units": [' + ", ".join(texts) + "]}"
        return compile_typst(template, data=data, timestamp=stamp, font_paths=font_paths)
    del texts
    job = ChunkJob(template, {**meta, "section_pages": True}, stamp, tuple(font_paths))
    parts = compile_parts(job, units, sizes, budget // 2, max(1, workers))
    blank = {**meta, "footer": True, "report": False, "units": [], "blank_pages": sum(p.keep for p in parts)}
    footers = compile_typst(template, data=json.dumps(blank), timestamp=stamp, font_paths=font_paths)
    return join_parts(parts, footers)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]")


def needs_cjk_font(briefing: Briefing) -> bool:
    """True when the briefing holds Chinese, Japanese or Korean text, which the embedded fonts lack."""
    return bool(_CJK.search(render_json(briefing)))


def compile_typst(
    template: bytes, *, data: str, timestamp: dt.datetime, font_paths: Sequence[Path] = ()
) -> bytes:
    """Compile ``template`` with ``data`` as ``sys.inputs.briefing``, in a root holding nothing else."""
    with tempfile.TemporaryDirectory(prefix="briefing-typst-") as root:
        main = Path(root) / TEMPLATE
        main.write_bytes(template)
        try:
            pdf, _warnings = typst.compile_with_warnings(
                str(main),
                root=root,
                font_paths=[str(p) for p in font_paths],
                ignore_system_fonts=True,
                format="pdf",
                sys_inputs={"briefing": data},
                timestamp=timestamp,
            )
        except typst.TypstError as exc:
            # The diagnostic names the template line; hints say how typst would fix it.
            detail = "\n".join(filter(None, [exc.diagnostic or exc.message, *exc.hints]))
            raise RenderError(f"typst could not compile the PDF: {detail or exc}") from exc
    return pdf
