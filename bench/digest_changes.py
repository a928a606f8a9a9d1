"""How long matching rows across two digest editions takes as editions grow (it must stay near-linear).

    python bench/digest_changes.py

Builds two synthetic editions of N rows (distinct party pairs, half of them shared, a quarter with
a changed status) and times ``compare_editions``. Numbers go to BENCHMARKS.md.
"""

from __future__ import annotations

import time

from briefing.digest import compare_editions
from briefing.digest.edition import Edition, EditionRow


def edition(n: int, offset: int, status: str) -> Edition:
    rows = tuple(
        EditionRow(
            id=f"r{i}",
            parties=(f"Company {i} Holdings", f"Agency {i % 97} of Region {i}"),
            aliases=((), ()),
            kind="partnership" if i % 3 else "memorandum of understanding",
            status=status if i % 4 == 0 else "signed",
            sources=(f"d{i}",),
            disputed=frozenset(),
        )
        for i in range(offset, offset + n)
    )
    return Edition("2026-11-22", rows, {f"d{i}": frozenset({f"id:d{i}"}) for i in range(offset, offset + n)})


def main() -> None:
    for n in (1_000, 10_000, 40_000):
        before, after = edition(n, 0, "announced"), edition(n, n // 2, "signed")
        started = time.perf_counter()
        changes = compare_editions(after, before, window="2026-W47", previous_name="x", folder="out")
        elapsed = time.perf_counter() - started
        print(f"{n:>6} rows per edition: {elapsed:6.2f} s  ({len(changes.rows)} changes)")


if __name__ == "__main__":
    main()
