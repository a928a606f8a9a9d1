"""The last step of consolidation: mark disputed cells, count independent sources, note old names.

* ``Partnership.disputed`` lists the table's cells whose sources disagree ("parties", "kind",
  "date", "status", "scope"): the ``cell`` of every ``Discrepancy`` carrying the row's id
  (``cells`` maps a discrepancy's field to its cell). The cell keeps a value for the table, but the
  briefing shows it as disputed with every source's value (the discrepancies with this row's id
  and that cell); nothing disputed is stated as settled.
* ``Partnership.independent_sources``: one source per group of copies (``duplicate_of``), the
  original when it is among the row's sources. A syndicated copy is a source, not corroboration.
* A source that still uses a body's former name after a source reported the rename gets a note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefing.consolidate.aliases import Rename
from briefing.consolidate.cells import disputed_cells
from briefing.consolidate.compat import LooseDate
from briefing.models import Discrepancy, Partnership
from briefing.names import canonical_name


def finish_partnerships(
    partnerships: Sequence[Partnership], discrepancies: Sequence[Discrepancy], duplicate_of: Mapping[str, str]
) -> tuple[Partnership, ...]:
    """The rows with ``disputed`` and ``independent_sources`` filled in."""
    by_row: dict[str, list[Discrepancy]] = {}
    for d in discrepancies:
        if d.partnership_id is not None:
            by_row.setdefault(d.partnership_id, []).append(d)
    out = []
    for p in partnerships:
        out.append(
            replace(
                p,
                disputed=disputed_cells(p.id, by_row.get(p.id, ())),
                independent_sources=independent(p.sources, duplicate_of),
            )
        )
    return tuple(out)


def independent(sources: Sequence[str], duplicate_of: Mapping[str, str]) -> tuple[str, ...]:
    """One source per copy group: the original if it is listed, else the first listed copy."""
    chosen: dict[str, str] = {}
    for source in sources:
        original = duplicate_of.get(source, source)
        if original == source or original not in sources:
            chosen.setdefault(original, source)
    return tuple(chosen.values())


def rename_notes(
    renames: Sequence[Rename], texts: Mapping[str, str], dated: Mapping[str, LooseDate | None]
) -> dict[str, tuple[str, ...]]:
    """Document id -> notes for sources that use a former name after the rename was reported.

    ``dated``: the date each document was written (publication date, else the latest date it
    reports); a document without one is not judged. Cost: documents x renames (renames are few).
    """
    notes: dict[str, dict[str, None]] = {}
    first: dict[str, tuple[Rename, LooseDate]] = {}
    for rename in renames:
        when = dated.get(rename.document_id)
        if when is not None and (rename.old not in first or when.first < first[rename.old][1].first):
            first[rename.old] = (rename, when)
    stated_in = {(r.document_id, r.old) for r in renames}
    for rename, when in first.values():
        for doc_id, text in texts.items():
            written = dated.get(doc_id)
            if (doc_id, rename.old) in stated_in or written is None or written.last < when.first:
                continue
            if _names(rename.old, text) and not _names(rename.new, text):
                notes.setdefault(doc_id, {})[
                    f"uses the former name '{rename.old}' of the '{rename.new}', renamed as reported by "
                    f"{rename.document_id} ({when.text})"
                ] = None
    return {doc_id: tuple(found) for doc_id, found in notes.items()}


def _names(name: str, text: str) -> bool:
    """Does ``text`` write ``name`` out (not an acronym: old and new names often share one)?"""
    core = canonical_name(name)
    words = core.split()
    if words and words[0].isupper() and len(words) > 2:
        core = " ".join(words[1:])  # "UK AI Safety Institute": the country is optional
    pattern = r"(?<!\w)" + re.escape(core).replace(r"\ ", r"\s+") + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None
