"""One typst compile of a run of PDF units, in a child process: ``python -P .../pdf_worker.py REQUEST``.

Run by path, it must import nothing from ``briefing`` (see ``briefing.render.pdf_chunks.WORKER``).

typst keeps what it laid out (and its memoisation caches) for as long as the process lives, so
each part of a long briefing is compiled in a fresh child and the memory goes back to the system
when it exits. ``REQUEST`` is a JSON file naming the template root, the data file, the output
file, the creation timestamp and font directories (see ``briefing.render.pdf_chunks``). The child
writes the PDF to the output file and prints, as one JSON line, where each unit starts and ends:
``{"pages": N, "starts": [[unit, page], ...], "ends": [[unit, page], ...]}`` with physical page
numbers from 1. A compile error is printed to stderr with exit status 1.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import typst

TEMPLATE = "briefing.typ"


def compile_and_locate(request: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """Compile the request's data untagged and return the PDF with the template's ``<unit-pages>`` report.

    Raises ``typst.TypstError`` when typst cannot compile. Parts are untagged because tagged PDF
    structure trees cannot be joined page by page.
    """
    root = request["root"]
    data = Path(request["data"]).read_text(encoding="utf-8")
    compiler = typst.Compiler(
        str(Path(root) / TEMPLATE),
        root=root,
        font_paths=list(request["font_paths"]),
        ignore_system_fonts=True,
        sys_inputs={"briefing": data},
    )
    pdf = compiler.compile(
        format="pdf", timestamp=dt.datetime.fromisoformat(request["timestamp"]), pdf_tags=False
    )
    assert isinstance(pdf, bytes)
    # The query reuses the layout just done (typst memoises it), so it costs next to nothing.
    found = json.loads(compiler.query("<unit-pages>", field="value", one=True))
    return pdf, found


def main(argv: list[str]) -> int:
    """Run the request named by ``argv[0]``; 0 on success, 1 with the diagnostic on stderr."""
    request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        pdf, found = compile_and_locate(request)
    except typst.TypstError as exc:
        detail = "\n".join(filter(None, [exc.diagnostic or exc.message, *exc.hints]))
        print(detail or str(exc), file=sys.stderr)
        return 1
    Path(request["out"]).write_bytes(pdf)
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
