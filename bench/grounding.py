"""Benchmark quote grounding: throughput and peak memory per match kind, and fuzzy cost vs document size.

    python bench/grounding.py            # 10,000 quotes against 1,000 documents of ~5 KB
    python bench/grounding.py --quick    # a tenth of that, for a smoke run

Documents are generated (Zipf-distributed synthetic words, capitalised names, numbers, curly
quotes, line-break hyphenation) with a fixed seed. Quotes are mixed: exact spans, spans
perturbed in case/whitespace/quote style (normalised), spans with a one-letter typo (fuzzy), and
sentences from other documents (absent). Prints Markdown tables for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from briefing.grounding import DocumentIndex

KINDS = ("exact", "normalized", "fuzzy", "absent")
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ren",
    "sta",
    "tor",
    "vel",
    "qui",
    "dan",
    "pe",
    "ro",
    "sul",
    "tem",
    "ix",
    "bra",
)
NAMES = ("Anthropic", "Cohere", "Mistral", "Ottawa", "Kyoto", "Amodei", "Nairobi", "Helsinki", "Lagos")


@dataclass(frozen=True, slots=True)
class Quote:
    doc: int
    kind: str
    text: str


def make_vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def make_document(rng: random.Random, vocab: list[str], weights: list[float], size: int) -> str:
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = rng.choices(vocab, weights, k=rng.randint(8, 22))
            for i in range(len(words)):
                roll = rng.random()
                if roll < 0.06:
                    words[i] = rng.choice(NAMES)
                elif roll < 0.09:
                    words[i] = str(rng.randint(2, 2030)) + rng.choice(("", "%", " million"))
                elif roll < 0.1:
                    words[i] = f"“{words[i]}”"
                elif roll < 0.11:
                    words[i] = words[i] + "’s"
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraph = " ".join(sentences)
        if rng.random() < 0.3 and " " in paragraph[40:]:  # a word hyphenated at a line break
            cut = paragraph.index(" ", 40) + 3
            if paragraph[cut - 2 : cut].isalpha():
                paragraph = paragraph[:cut] + "-\n" + paragraph[cut:]
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def _span(rng: random.Random, text: str, min_words: int, max_words: int) -> str:
    words = text.split(" ")
    n = rng.randint(min_words, max_words)
    start = rng.randint(0, max(0, len(words) - n))
    return " ".join(words[start : start + n]).strip()


def _perturb(rng: random.Random, quote: str) -> str:
    out = quote.replace("’", "'").replace("“", '"').replace("”", '"')
    out = out.replace(" ", rng.choice(("  ", "\n", " ")), 2)
    return out.upper() if rng.random() < 0.5 else out.lower()


def _typo(rng: random.Random, quote: str) -> str:
    words = quote.split(" ")
    lower = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) > 3]
    if not lower:
        return quote + "x"
    i = rng.choice(lower)
    w = words[i]
    j = rng.randint(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]  # swap two letters
    return " ".join(words)


def make_corpus(n_docs: int, per_doc: int, size: int, seed: int = 7) -> tuple[list[str], list[Quote]]:
    rng = random.Random(seed)
    vocab = make_vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    docs = [make_document(rng, vocab, weights, size) for _ in range(n_docs)]
    quotes: list[Quote] = []
    for d, text in enumerate(docs):
        for _ in range(per_doc):
            kind = KINDS[len(quotes) % len(KINDS)]
            if kind == "exact":
                quote = _span(rng, text, 6, 25)
            elif kind == "normalized":
                quote = _perturb(rng, _span(rng, text, 6, 25))
            elif kind == "fuzzy":
                quote = _typo(rng, _span(rng, text, 10, 25))
            else:
                quote = _span(rng, docs[(d + 1) % n_docs] if n_docs > 1 else text[::-1], 8, 20)
            quotes.append(Quote(d, kind, quote))
    return docs, quotes


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak


def run_mix(docs: list[str], quotes: list[Quote]) -> None:
    indexes: list[DocumentIndex] = []
    build = _timed(lambda: indexes.extend(DocumentIndex(t).prepare() for t in docs))
    print(
        f"\n### {len(quotes):,} quotes against {len(docs):,} documents of ~{statistics.mean(map(len, docs)) / 1000:.1f} KB\n"
    )
    print(
        f"Index build (normalised text, offset map, word postings): {build / len(docs) * 1000:.2f} ms per document.\n"
    )
    print("| kind | quotes | verified | statuses | quotes/s | peak memory (tracemalloc) |")
    print("|---|---:|---:|---|---:|---:|")
    for kind in KINDS:
        batch = [q for q in quotes if q.kind == kind]
        results: list[str] = []
        seconds = _timed(lambda b=batch, r=results: r.extend(indexes[q.doc].verify(q.text).status for q in b))
        peak = _peak(lambda b=batch: [indexes[q.doc].verify(q.text) for q in b[:500]])
        verified = sum(s in ("exact", "normalized", "ellipsis", "fuzzy") for s in results)
        statuses = ", ".join(f"{s} {results.count(s)}" for s in sorted(set(results)))
        print(
            f"| {kind} | {len(batch):,} | {verified / len(batch):.1%} | {statuses} | "
            f"{len(batch) / seconds:,.0f} | {peak / 1024:,.0f} KiB |"
        )
    fresh = {i: DocumentIndex(t) for i, t in enumerate(docs)}
    total = _timed(lambda: [fresh[q.doc].verify(q.text) for q in quotes])
    print(
        f"\nEnd to end (index built lazily once per document, all kinds mixed): "
        f"{len(quotes) / total:,.0f} quotes/s, {total:.2f} s in all."
    )
    mem_docs = docs[:100]
    per_index = _peak(lambda: [DocumentIndex(t).prepare() for t in mem_docs]) / len(mem_docs)
    print(f"Peak memory while building 100 indexes: {per_index / 1024:,.0f} KiB per ~5 KB document.")


def run_scaling(sizes: tuple[int, ...], n_quotes: int) -> None:
    print(f"\n### Fuzzy cost against document size ({n_quotes} typo quotes each)\n")
    print("| document | index build | fuzzy verify per quote | verified |")
    print("|---:|---:|---:|---:|")
    for size in sizes:
        docs, quotes = make_corpus(1, n_quotes * 4, size, seed=11)
        fuzzy = [q for q in quotes if q.kind == "fuzzy"][:n_quotes]
        index = DocumentIndex(docs[0])
        build = _timed(index.prepare)
        statuses: list[str] = []
        seconds = _timed(lambda f=fuzzy, s=statuses, i=index: s.extend(i.verify(q.text).status for q in f))
        ok = sum(s == "fuzzy" for s in statuses)
        print(
            f"| {len(docs[0]) / 1000:,.0f} KB | {build * 1000:,.1f} ms | "
            f"{seconds / len(fuzzy) * 1000:.3f} ms | {ok}/{len(fuzzy)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100 documents, 1,000 quotes")
    args = parser.parse_args()
    n_docs = 100 if args.quick else 1000
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{date.today().isoformat()}"  # the report's date; the library never reads the clock
    )
    docs, quotes = make_corpus(n_docs, 10, 5000)
    run_mix(docs, quotes)
    run_scaling((5_000, 50_000, 500_000), 50 if args.quick else 200)


if __name__ == "__main__":
    main()
