"""Consolidation at scale: 200, 2,000 and 20,000 generated articles (python bench/consolidate.py).

The corpus is generated with a fixed seed: many stories (an agreement between two invented
organisations), each reported by 2-8 outlets with their own wording, some giving a different
amount, term or date, some spelling a party differently or adding a legal suffix; about one
outlet in seven is a lightly edited syndicated copy of another; a third of the articles are
unrelated, figure-heavy stories (results, prices, shares). Extractions are built directly as
grounding would return them (exact evidence spans), so the numbers measure consolidation alone:
copies (MinHash LSH), linking, merging, disagreements, the offline summary.

From 200 articles, finding copies and scanning texts for figures run in forked children beside the
parent's work (``briefing.consolidate.forked``), so wall-clock time can be below CPU time, which
counts the children too. Peak memory is given for this process and for its largest child (both
"maximum resident set size"; a forked child shares the parent's pages until either writes them).

    python bench/consolidate.py                  # 200, 2000, 20000
    python bench/consolidate.py --sizes 200 2000
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from dataclasses import dataclass

from langchain_core.documents import Document

from briefing.consolidate import consolidate
from briefing.models import Evidence, Extraction, Row, VerifiedField

SYLLABLES = [
    "ka",
    "lo",
    "ve",
    "ran",
    "tis",
    "mor",
    "del",
    "bra",
    "sen",
    "qui",
    "dor",
    "fal",
    "gen",
    "hul",
    "ist",
    "pel",
    "ron",
    "sav",
    "tor",
    "wen",
]
KINDS = [
    "contract",
    "framework agreement",
    "memorandum of understanding",
    "joint venture",
    "supply agreement",
]
NOUNS = ["hospitals", "trains", "berths", "schools", "turbines", "depots", "stations", "clinics"]
_VOCABULARY = ["".join(random.Random(i).choice(SYLLABLES) for _ in range(1 + i % 3)) for i in range(4000)]


def _filler(rng: random.Random, sentences: int) -> list[str]:
    """Prose of invented words (30% from 40 common ones): each outlet writes its own paragraphs."""
    out = []
    for _ in range(sentences):
        words = [
            _VOCABULARY[rng.randrange(40) if rng.random() < 0.3 else rng.randrange(len(_VOCABULARY))]
            for _ in range(rng.randint(9, 18))
        ]
        out.append(" ".join(words).capitalize() + ".")
    return out


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(words)
    )


@dataclass
class _Story:
    a: str
    b: str
    kind: str
    day: int
    value: int
    years: int
    count: int
    noun: str


def _article(rng: random.Random, story: _Story, outlet: int) -> tuple[str, list[tuple[str, str]]]:
    """Text and the (field, quoted value) spans a grounded extraction would hold."""
    a = story.a + (" Ltd" if rng.random() < 0.2 else "")
    if rng.random() < 0.08:  # a spelling variant of the long name
        a = a[:-2] + a[-1] + a[-2]
    value = story.value + (rng.choice([-4, 4]) if rng.random() < 0.15 else 0)
    years = story.years + (1 if rng.random() < 0.1 else 0)
    day = story.day + (1 if rng.random() < 0.1 else 0)
    lead = f"{a} signed a {story.kind} with {story.b} on {day} March 2026"
    sentences = [
        f"{lead} for {story.count} new {story.noun}.",
        rng.choice(["The contract is valued at", "The programme will cost", "The deal is worth"])
        + f" €{value} million.",
        f"The agreement runs for {years} years, a spokesperson for outlet {outlet} said.",
        *_filler(rng, 6),
        f"Shares in {story.b} rose {rng.randint(1, 9)}.{rng.randint(0, 9)}% in early trading.",
    ]
    rng.shuffle(sentences[3:])
    return " ".join(sentences), [("party", a), ("party", story.b), ("kind", story.kind), ("date", lead)]


def _unrelated(rng: random.Random) -> str:
    company = _name(rng, 2)
    return (
        f"{company} said revenue rose {rng.randint(1, 30)}% to €{rng.randint(10, 900)} million. "
        f"Operating profit was €{rng.randint(5, 90)} million against €{rng.randint(5, 90)} million. "
        f"The company employs {rng.randint(100, 9000)} people at {rng.randint(2, 40)} sites. "
        f"Shares rose {rng.randint(1, 9)}.{rng.randint(0, 9)}% and the dividend was {rng.randint(1, 30)} pence. "
        + " ".join(_filler(rng, 4))
    )


def _extraction(doc_id: str, text: str, spans: list[tuple[str, str]], day: int) -> Extraction:
    def field(name: str, value: str, quote: str) -> VerifiedField:
        start = text.index(quote)
        ev = Evidence(
            f"{doc_id}:{start}-{start + len(quote)}", doc_id, quote, start, start + len(quote), "exact"
        )
        return VerifiedField(value, ev)

    parties = tuple(field("party", v, v) for f, v in spans if f == "party")
    kind = next(v for f, v in spans if f == "kind")
    lead = next(v for f, v in spans if f == "date")
    row = Row(parties=parties, kind=field("kind", kind, kind), date=field("date", f"2026-03-{day:02d}", lead))
    return Extraction(doc_id, (), (), (row,), (), 4, 4)


def corpus(n: int, seed: int = 7) -> tuple[list[Document], list[Extraction]]:
    """``n`` articles: about two thirds story reports (with copies), one third unrelated."""
    rng = random.Random(seed)
    documents: list[Document] = []
    extractions: list[Extraction] = []
    while len(documents) < n:
        if rng.random() < 0.33:
            doc_id = f"u{len(documents)}"
            documents.append(
                Document(page_content=_unrelated(rng), metadata={"id": doc_id, "published": "2026-03-10"})
            )
            continue
        story = _Story(
            _name(rng, 3), _name(rng, 2), rng.choice(KINDS), rng.randint(2, 26), rng.randint(20, 900),
            rng.randint(3, 20), rng.randint(4, 60), rng.choice(NOUNS),
        )  # fmt: skip
        first: tuple[str, str, list[tuple[str, str]]] | None = None
        for outlet in range(rng.randint(2, 8)):
            doc_id = f"s{len(documents)}"
            if first is not None and rng.random() < 0.15:  # a lightly edited syndicated copy
                text = "By staff, with agency copy. " + first[1].replace(" said.", " said on Tuesday.")
                spans = first[2]
            else:
                text, spans = _article(rng, story, outlet)
            first = first or (doc_id, text, spans)
            published = f"2026-03-{min(28, story.day + 1 + outlet % 3):02d}"
            documents.append(Document(page_content=text, metadata={"id": doc_id, "published": published}))
            extractions.append(_extraction(doc_id, text, spans, story.day))
            if len(documents) >= n:
                break
    return documents, extractions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    args = parser.parse_args()
    print(
        "| articles | rows in | consolidate | CPU | process peak RSS | largest child's peak RSS "
        "| partnerships | discrepancies | copies |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        documents, extractions = corpus(n)
        cpu_before = _cpu()
        started = time.perf_counter()
        result = consolidate(extractions, documents)
        elapsed = time.perf_counter() - started
        cpu = _cpu() - cpu_before
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        print(
            f"| {n:,} | {len(extractions):,} | {elapsed:.2f} s | {cpu:.2f} s | {peak / 2**20:.0f} MiB | "
            f"{child / 2**20:.0f} MiB | {len(result.partnerships):,} | {len(result.discrepancies):,} | "
            f"{len(result.duplicate_of):,} |",
            flush=True,
        )


def _cpu() -> float:
    """User + system seconds of this process and of its children that have ended (the forked steps)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
