"""Where the sources of one merged row disagree: date (with its role), kind, status, party names.

Every ``Discrepancy`` made here carries the row's id (``partnership_id``) and its ``scope``:
``within_document`` when all its values come from one document, else ``between_sources``.

* date: only dates that claim the same thing are compared (``dating``): signed on the 13th and
  announced on the 14th are both true; a date resolved from the publication date is never a side;
* kind: two different *specific* kinds (a memorandum of understanding and a supply contract);
* status: pairs that cannot both hold (signed / only planned; binding / non-binding);
* name: one party written with a small spelling difference (``orgs.spelling_variants``), not
  a legal suffix, an acronym or an alias, which are ordinary other names. Each value is the form
  without its legal suffix ("Medisys Health Solutions Ltd" is shown as "Medisys Health
  Solutions"), so the values differ only by the spelling; the quote is the source's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefing.consolidate.compat import GENERIC_KINDS
from briefing.consolidate.dating import DatedReport, conflicting
from briefing.consolidate.orgnames import display_form, org_key, spelling_variants, strip_legal_suffix
from briefing.models import Discrepancy, DiscrepancyScope, DiscrepancyValue, Partnership, Row, VerifiedField
from briefing.vocabulary import find_statuses

EXCLUSIVE_STATUSES: tuple[tuple[str, str], ...] = (("signed", "planned"), ("binding", "non-binding"))
"""Status pairs that cannot both be true of one agreement at one time."""


@dataclass(frozen=True, slots=True)
class Reported:
    """One source's row inside a merged partnership."""

    document_id: str
    order: tuple[int, int]
    row: Row
    forms: tuple[tuple[str, str], ...]
    """(canonical party, the party as this source writes it)."""
    kind: str
    dated: DatedReport | None


def scope_of(values: Iterable[DiscrepancyValue]) -> DiscrepancyScope:
    """``within_document`` when every value comes from one document."""
    return "within_document" if len({v.document_id for v in values}) == 1 else "between_sources"


def subject_of(partnership: Partnership) -> str:
    parties = list(partnership.parties)
    named = parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " and " + parties[-1]
    return f"{partnership.kind} between {named}"


def make(
    field: str, subject: str, values: Sequence[DiscrepancyValue], partnership_id: str | None
) -> Discrepancy:
    """A discrepancy with its scope worked out from its values."""
    return Discrepancy(field, subject, tuple(values), scope=scope_of(values), partnership_id=partnership_id)


def split_by_scope(
    field: str, subject: str, values: Sequence[DiscrepancyValue], partnership_id: str | None = None
) -> list[Discrepancy]:
    """The disagreements a group of values holds, each with its scope.

    A document giving two values is inconsistent *within* itself (one ``within_document`` item per
    such document). Sources disagree *between* themselves only when two of them give disjoint sets
    of values: "30%" in one article and "30%, later 45%" in another is one article contradicting
    itself, not two sources disagreeing.
    """
    per_doc: dict[str, set[str]] = {}
    for v in values:
        per_doc.setdefault(v.document_id, set()).add(v.value)
    out = [
        Discrepancy(
            field,
            subject,
            tuple(v for v in values if v.document_id == doc),
            "within_document",
            partnership_id,
        )
        for doc, found in per_doc.items()
        if len(found) > 1
    ]
    sets = list(per_doc.values())
    if any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :]):
        out.append(Discrepancy(field, subject, tuple(values), "between_sources", partnership_id))
    return out


def row_disagreements(cluster: Sequence[Reported], partnership: Partnership) -> list[Discrepancy]:
    """The disagreements among the sources of ``partnership`` (see the module docstring)."""
    subject = subject_of(partnership)
    pid = partnership.id
    out: list[Discrepancy] = []
    dated = [r.dated for r in cluster if r.dated is not None]
    clashing = conflicting(dated)
    values = _unique((d.when.text, d.document_id, d.field) for d in clashing)
    if len({v.value for v in values}) > 1:
        out.extend(split_by_scope("date", subject, values, pid))
    specific = [r for r in cluster if r.kind not in GENERIC_KINDS]
    if len({r.kind for r in specific}) > 1:
        kinds = _unique((r.kind, r.document_id, r.row.kind) for r in specific)
        out.extend(split_by_scope("kind", subject, kinds, pid))
    statuses = [
        (r, {t.canonical for t in find_statuses(r.row.status.value)}) for r in cluster if r.row.status
    ]
    for first, second in EXCLUSIVE_STATUSES:
        a = [(first, r.document_id, r.row.status) for r, s in statuses if first in s and r.row.status]
        b = [
            (second, r.document_id, r.row.status)
            for r, s in statuses
            if second in s and first not in s and r.row.status
        ]
        if a and b:
            out.extend(split_by_scope("status", subject, _unique([*a, *b]), pid))
    out.extend(_name_spellings(cluster, partnership))
    return out


def _name_spellings(cluster: Sequence[Reported], partnership: Partnership) -> list[Discrepancy]:
    out = []
    for canonical in partnership.parties:
        written: list[tuple[str, str, VerifiedField]] = []
        for report in cluster:
            for (c, form), field in zip(report.forms, report.row.parties, strict=False):
                if c == canonical:
                    written.append((form, report.document_id, field))
        keys = {org_key(form) for form, _d, _f in written}
        spelled = {k for k in keys if any(spelling_variants(k, o) for o in keys if o != k)}
        if len(spelled) > 1:  # a legal suffix is not a spelling: "X Ltd" is shown as "X"
            values = _unique(
                (strip_legal_suffix(display_form(form)), doc, field)
                for form, doc, field in written
                if org_key(form) in spelled
            )
            out.extend(split_by_scope("name", f"spelling of {canonical}", values, partnership.id))
    return out


def _unique(items: Iterable[tuple[str, str, VerifiedField]]) -> list[DiscrepancyValue]:
    """One value per (value, document), quoting the field's evidence, in first-seen order."""
    chosen: dict[tuple[str, str], DiscrepancyValue] = {}
    for value, document_id, field in items:
        ev = field.evidence
        chosen.setdefault(
            (value, document_id), DiscrepancyValue(value, document_id, ev.quote, ev.start, ev.end)
        )
    return list(chosen.values())
