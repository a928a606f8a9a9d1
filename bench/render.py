"""Rendering cost against table size: PDF, Markdown and HTML for 50, 200, 400 and 1,600 rows.

    python bench/render.py                 # all sizes and formats
    python bench/render.py --sizes 50 200  # quicker

Briefings are generated (fixed seed): one short document per row with a sentence naming two
invented organisations, an agreement kind, a date and a scope, every cell backed by an exact slice
of that document, a summary per document and an executive summary citing every row. Each size and
format is rendered in a fresh child process, so the reported peak memory belongs to that render
alone: the peak of the summed resident sets (which include typst's own Rust allocations) of the
child and the processes it runs (a long PDF is laid out by several typst compiles in their own
processes, see briefing/render/pdf_chunks.py), sampled every 20 ms (bench/memory.py); "own" is
the child's own maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.models import (
    Briefing,
    DocumentSummary,
    EngineInfo,
    Evidence,
    Partnership,
    SourceRecord,
    SummarySentence,
    Usage,
    VerifiedField,
)
from briefing.render.context import cited_spans, source_paragraphs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import run_sampled

ORGS = [
    "Northwind Robotics",
    "Helios Energy Agency",
    "Acme Semiconductors",
    "University of Tarrow",
    "Bluefin Health",
    "Ministry of Digital Affairs",
    "Orion Labs",
    "Kestrel Aerospace",
]
KINDS = ["memorandum of understanding", "partnership", "letter of intent", "framework agreement"]
SCOPES = [
    "joint research on grid storage",
    "shared testing of medical imaging models",
    "training for 400 engineers",
    "a pilot of flood sensors in three ports",
]


def _slice(doc: str, text: str, part: str, n: int) -> Evidence:
    start = text.index(part)
    return Evidence(f"{doc}:{n}:{start}", doc, part, start, start + len(part), "exact")


def generated(rows: int, seed: int = 7) -> Briefing:
    """A briefing with ``rows`` partnership rows, each resting on its own generated document."""
    rng = random.Random(seed)
    texts: dict[str, str] = {}
    partnerships, summaries, documents, executive = [], [], [], []
    for i in range(rows):
        a, b = rng.sample(ORGS, 2)
        kind, scope = rng.choice(KINDS), rng.choice(SCOPES)
        day = f"{rng.randint(1, 28)} March 2026"
        doc = f"doc-{i:05d}"
        text = (
            f"{a} signed a {kind} with {b} on {day} covering {scope}. "
            f"Officials said the work would start within {rng.randint(2, 9)} months.\n\n"
            "Analysts said the move reflected a wider shift in the sector."
        )
        texts[doc] = text
        party_a, party_b = _slice(doc, text, a, 0), _slice(doc, text, b, 1)
        kind_ev, date_ev = _slice(doc, text, kind, 2), _slice(doc, text, day, 3)
        scope_ev, status_ev = _slice(doc, text, scope, 4), _slice(doc, text, "signed", 5)
        partnerships.append(
            Partnership(
                id=f"p{i}",
                parties=(a, b),
                aliases=(),
                kind=kind,
                date="2026-03-01",
                status="signed",
                scope=scope,
                sources=(doc,),
                evidence=(
                    ("party", party_a),
                    ("party", party_b),
                    ("kind", kind_ev),
                    ("date", date_ev),
                    ("status", status_ev),
                    ("scope", scope_ev),
                ),
            )
        )
        sentence = text.split("\n")[0].split(". ")[1]
        ev = _slice(doc, text, sentence, 6)
        summaries.append(DocumentSummary(doc, f"Agreement {i}", (VerifiedField(sentence, ev),), ()))
        documents.append(
            SourceRecord(
                doc,
                f"in/{doc}.txt",
                f"Agreement {i}",
                "2026-03-02",
                "front matter: date",
                f"Wire {i % 40}",
                None,
                "text",
                len(text),
                "used",
            )
        )
        if i < 8:
            executive.append(SummarySentence(f"{a} and {b} signed a {kind}.", (kind_ev.id, party_a.id)))
    briefing = Briefing(
        briefing_date="2026-03-31",
        engine=EngineInfo(name="offline", notice="No language model was used."),
        documents=tuple(documents),
        partnerships=tuple(partnerships),
        summaries=tuple(summaries),
        executive_summary=tuple(executive),
        discrepancies=(),
        unverified=(),
        usage=Usage(),
        quotes_proposed=rows * 7,
        quotes_verified=rows * 7,
    )
    from dataclasses import replace

    return replace(briefing, paragraphs=source_paragraphs(texts, cited_spans(briefing)))


def _child(rows: int, fmt: str) -> None:
    from briefing.render import render_html, render_markdown, render_pdf

    briefing = generated(rows)
    render = {"pdf": render_pdf, "md": render_markdown, "html": render_html}[fmt]
    started = time.perf_counter()
    out = render(briefing)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "format": fmt, "seconds": seconds, "bytes": len(out), "own_mb": own}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 400, 1600])
    parser.add_argument("--formats", nargs="+", default=["pdf", "md", "html"])
    parser.add_argument("--child", nargs=2, metavar=("ROWS", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(int(args.child[0]), args.child[1])
        return
    print(
        f"{'rows':>6} {'format':>6} {'seconds':>8} {'s/row (ms)':>10} {'peak MB':>8} "
        f"{'own MB':>7} {'output KB':>9}"
    )
    for rows in args.sizes:
        for fmt in args.formats:
            out, peak = run_sampled([sys.executable, __file__, "--child", str(rows), fmt])
            r = {**json.loads(out.strip().splitlines()[-1]), "peak_mb": peak}
            print(
                f"{rows:>6} {fmt:>6} {r['seconds']:>8.2f} {1000 * r['seconds'] / rows:>10.2f} "
                f"{r['peak_mb']:>8.0f} {r['own_mb']:>7.0f} {r['bytes'] / 1024:>9.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
