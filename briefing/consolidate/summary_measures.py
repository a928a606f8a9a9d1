"""What a disagreement measures, and how its values read in a summary sentence.

A ``Discrepancy`` has a generic ``field`` ("figure", "name", "date", ...) and a ``subject`` that
says what it measures ("term (years) of the contract between A and B", "spelling of Jo Bloggs",
"the share given for “...”"). Two disagreements with the same field can measure unlike things (a
term and a value), so the summary groups and words them by *measure*, read from the subject:

- "<measure> of the <row>" (the row is "<kind> between <parties>") gives the measure, e.g.
  "term (years)", "number of berths", "value";
- a subject that is the row itself (date, kind, status and scope disagreements) gives the field's
  own name ("date", "kind of agreement");
- anything else ("spelling of X", "the share given for “...”") is its own measure.

Values are shown as briefly as they stay exact: "30-year" and "35-year" of a "term (years)" read
"30 vs 35 years"; "four new berths" and "five new berths" of a "number of berths" read
"four vs five"; "£48 million" stays as it is. When the values do not all share that shape they are
shown as written. Only wording is derived here: which values disagree comes from the discrepancy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.consolidate.wording import readable_date
from briefing.models import Discrepancy

CELL_FIELDS: tuple[str, ...] = ("parties", "kind", "date", "status", "scope")
"""The table cells a row's ``disputed`` may name (the newer naming)."""
_CELL_LABELS = {
    "kind": "kind of agreement",
    "date": "date",
    "status": "status",
    "scope": "scope",
    "parties": "parties",
    "party": "parties",
}
_CELL_OF_FIELD = {"figure": "scope", "name": "parties", "organisation": "parties", "party": "parties"}
"""Which table cell a disagreement of a non-cell field makes disputed (for ``disputed`` naming cells)."""
_OF_ROW_RE = re.compile(r"\s+of\s+(?:the|an?)\s+", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\s+between\s+", re.IGNORECASE)
_UNIT_RE = re.compile(r"^(?P<label>.+?)\s*\((?P<unit>[^()]+)\)$")
_ALIAS_RE = re.compile(r"^(?P<head>.+?)\s*\((?P<alias>[A-Z][A-Za-z&.]{1,9})\)$")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "a hundred|hundred"
)
_AMOUNT_RE = re.compile(
    rf"^(?P<amount>(?:[£$€¥]\s?)?(?:\d+(?:[.,]\d+)*|{_NUMBER_WORDS})"
    r"(?:\s?(?:%|per ?cent\b|percent\b|bn\b|billion\b|m\b|million\b|k\b|thousand\b))?)"
    r"(?P<rest>(?:[\s-].*)?)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Measure:
    """What one disagreement measures: ``label`` for sentences ("term"), ``unit`` shown after the
    values ("years", or empty), ``key`` to group disagreements by (field and measure)."""

    key: str
    label: str
    unit: str = ""


def measure_of(d: Discrepancy) -> Measure:
    """The measure of ``d`` (see the module docstring); never fails, falls back to the field."""
    subject = " ".join(d.subject.split())
    found = _row_measure(subject)
    row_field = d.field in _CELL_LABELS and not found  # a row field: the subject is the row itself
    text = _CELL_LABELS[d.field] if row_field else (found or subject or d.field)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    label, unit = text, ""
    with_unit = _UNIT_RE.match(text)
    if with_unit is not None and not _ALIAS_RE.match(text):
        label, unit = with_unit["label"], with_unit["unit"]
    alias = _ALIAS_RE.match(label)
    if alias is not None and re.match(r"^(?:name|spelling)\s+of\s+", label, re.IGNORECASE):
        prefix = label.split(" of ", 1)[0]
        label = f"{prefix} of {alias['alias']}"  # "name of DSIT", not "name of D... (DSIT) (x vs y)"
    return Measure(f"{d.field}:{text.lower()}", label, unit)


def _row_measure(subject: str) -> str:
    """ "number of berths of the agreement between A and B" -> "number of berths"; "" when the
    subject is not "<measure> of the <kind> between <parties>". The split is the last "of the"
    before the first "between", so a kind ("memorandum of understanding") or a party ("Port of
    Valmar") with "of" in it stays whole."""
    between = _BETWEEN_RE.search(subject)
    if between is None:
        return ""
    cuts = list(_OF_ROW_RE.finditer(subject, 0, between.start()))
    return subject[: cuts[-1].start()] if cuts else ""


def cell_of(field: str) -> str:
    """The table cell a disagreement of ``field`` disputes ("figure" -> "scope"; cells map to themselves)."""
    if field in _CELL_LABELS:
        return "parties" if field == "party" else field
    return _CELL_OF_FIELD.get(field, field)


def cell_label(field: str) -> str:
    """How a sentence names a disputed cell or field without values ("kind of agreement")."""
    return _CELL_LABELS.get(field, field.replace("_", " "))


def shown_values(field: str, measure: Measure, values: Sequence[str]) -> tuple[tuple[str, ...], str]:
    """(the values as a sentence shows them, distinct and in order; the unit to put after them).

    "30-year", "35-year" under "term (years)" -> (("30", "35"), "years"); "12 hospitals",
    "14 hospitals" under "number of hospitals" -> (("12", "14"), ""); "16 metres", "18 metres"
    -> (("16", "18"), "metres"). Values that do not share a shape are returned as written.
    """
    raw = tuple(dict.fromkeys(readable_date(v) if field == "date" else " ".join(v.split()) for v in values))
    if field != "figure" or len(raw) < 2:
        return raw, ""
    parts = [_AMOUNT_RE.match(v) for v in raw]
    if any(p is None for p in parts):
        return raw, ""
    amounts = [p["amount"] for p in parts if p is not None]
    rests = [p["rest"].strip(" -").lower() for p in parts if p is not None]
    counted = _counted_noun(measure)
    if measure.unit and all(not r or _same_noun(r, measure.unit) for r in rests):
        return tuple(dict.fromkeys(amounts)), measure.unit
    if counted and all(r and _same_noun(r, counted) for r in rests):
        return tuple(dict.fromkeys(amounts)), ""
    if all(not r for r in rests):
        return raw, ""
    if len(set(rests)) == 1:
        return tuple(dict.fromkeys(amounts)), parts[0]["rest"].strip(" -") if parts[0] else ""
    return raw, ""


def _counted_noun(measure: Measure) -> str:
    m = re.match(r"^number of\s+(.+)$", measure.label, re.IGNORECASE)
    return m.group(1) if m else ""


def _same_noun(rest: str, noun: str) -> bool:
    """Whether ``rest`` ends in ``noun`` ("new berths" / "berths", "year" / "years")."""
    last = rest.split()[-1].lower().rstrip("s")
    return last == noun.split()[-1].lower().rstrip("s")


def describe(measure: Measure, field: str, values: Sequence[str]) -> str:
    """ "the term (30 vs 35 years)"; without two distinct values, just "the term"."""
    shown, unit = shown_values(field, measure, values)
    label = f"the {measure.label}"
    if len(shown) < 2:
        return label
    return f"{label} ({' vs '.join(shown)}{' ' + unit if unit else ''})"
