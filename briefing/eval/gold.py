"""The gold file: a hand-made answer key for one corpus, validated strictly at this edge.

A gold file (YAML or JSON) lists the partnerships a careful reader finds in a corpus, the
disagreements between (or inside) its documents, and deals that must *not* appear (denied or
collapsed). ``docs/gold-format.md`` documents every key; ``gold.schema.json`` next to this module is
the JSON Schema generated from these models (unknown keys are an error, as in every edge model).

Field semantics that the scorer relies on:

- a row field that is *absent* is not scored; ``null`` means "the corpus does not state it, so
  no value is right"; a string or a list gives every acceptable value;
- ``status`` lists every status the corpus supports: a predicted status is right when each of its
  parts ("signed, non-binding") is in the list;
- ``required: false`` marks a row or disagreement that a careful reader may reasonably leave out: it
  counts as correct when found and is not missed when absent.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from briefing.errors import ConfigError
from briefing.models import DiscrepancyScope

__all__ = [
    "Gold",
    "GoldAbsent",
    "GoldDisagreement",
    "GoldRow",
    "gold_schema_text",
    "load_gold",
]

GOLD_VERSION: Literal[1] = 1
_ID = r"^[a-z0-9][a-z0-9._-]*$"
_DATE_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")

AliasGroup = list[str]
"""One organisation (or value) and every spelling that counts as it: ``[DSIT, UK government]``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _alias_groups(groups: list[list[str]]) -> list[list[str]]:
    for group in groups:
        if not group or any(not name.strip() for name in group):
            raise ValueError("every alias group needs at least one non-empty name")
    return groups


class GoldRow(_Strict):
    """One agreement as a careful reader finds it in the corpus."""

    id: str = Field(pattern=_ID, description="Stable name used in reports, e.g. uk-anthropic-mou-2025.")
    parties: list[AliasGroup] = Field(
        min_length=2, description="One alias group per organisation; any alias counts when matching."
    )
    kind: str | list[str] | None = Field(
        default=None, description="Acceptable kinds (canonical names, e.g. memorandum of understanding)."
    )
    date: str | list[str | None] | None = Field(
        default=None, description="Acceptable ISO dates (YYYY-MM-DD or YYYY-MM); null: none is stated."
    )
    status: str | list[str] | None = Field(
        default=None, description="Every status the corpus supports; null: no status is stated."
    )
    documents: list[str] = Field(min_length=1, description="Ids of the documents that report it.")
    required: bool = Field(default=True, description="False: a reader may reasonably leave it out.")
    note: str = ""

    _check_parties = field_validator("parties")(_alias_groups)

    @field_validator("date")
    @classmethod
    def _iso_dates(cls, value: str | list[str | None] | None) -> str | list[str | None] | None:
        for item in value if isinstance(value, list) else [value]:
            if item is not None and not _DATE_RE.match(item):
                raise ValueError(f"{item!r} is not YYYY-MM-DD or YYYY-MM")
            if item is not None and len(item) == 10:
                dt.date.fromisoformat(item)
        return value

    def expected(self, name: Literal["kind", "date", "status"]) -> tuple[str | None, ...] | None:
        """Acceptable values of a field, or ``None`` when the gold does not score it (key absent)."""
        if name not in self.model_fields_set:
            return None
        value: Any = getattr(self, name)
        return tuple(value) if isinstance(value, list) else (value,)


class GoldDisagreement(_Strict):
    """A place where sources (or one document) give different values for the same thing."""

    id: str = Field(pattern=_ID)
    field: str | list[str] = Field(description="Acceptable discrepancy fields (date, figure, name...).")
    subject: str = Field(min_length=1, description="What the disagreement is about, for readers.")
    parties: list[AliasGroup] | None = Field(
        default=None, description="The row it concerns: found in its partnership or in its subject."
    )
    values: list[AliasGroup] | None = Field(
        default=None, description="The competing values, each with its acceptable spellings."
    )
    scope: DiscrepancyScope
    documents: list[str] = Field(min_length=1)
    required: bool = True
    note: str = ""

    _check_parties = field_validator("parties")(_alias_groups)
    _check_values = field_validator("values")(_alias_groups)

    @model_validator(mode="after")
    def _identifiable(self) -> GoldDisagreement:
        if not self.parties and not self.values:
            raise ValueError("a disagreement needs `parties` or `values` to be recognised")
        return self


class GoldAbsent(_Strict):
    """A deal the corpus mentions but that was not made (denied, collapsed, only talks)."""

    id: str = Field(pattern=_ID)
    parties: list[AliasGroup] = Field(min_length=2)
    reason: str = Field(min_length=1)
    documents: list[str] = Field(min_length=1)

    _check_parties = field_validator("parties")(_alias_groups)


class Gold(_Strict):
    """A whole gold file (``gold_version`` 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Gold")

    gold_version: Literal[1]
    description: str = Field(min_length=1)
    corpus: list[str] = Field(
        default_factory=list, description="Input paths, relative to the gold file (default PATHS)."
    )
    as_of: dt.date | None = Field(default=None, description="Briefing date of evaluation runs.")
    partnerships: list[GoldRow]
    disagreements: list[GoldDisagreement] = Field(default_factory=list)
    absent: list[GoldAbsent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Gold:
        ids = [x.id for x in self._items()]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate ids: {', '.join(duplicates)}")
        return self

    def document_ids(self) -> set[str]:
        """Every document id the gold names."""
        return {d for x in self._items() for d in x.documents}

    def _items(self) -> list[GoldRow | GoldDisagreement | GoldAbsent]:
        return [*self.partnerships, *self.disagreements, *self.absent]


def load_gold(path: Path) -> Gold:
    """Read and validate a gold file (YAML or JSON).

    Raises ``ConfigError`` naming the file and every problem (unknown keys included).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read gold file {path}: {exc}") from exc
    try:
        return Gold.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid gold file {path}: {problems}") from exc


def corpus_paths(gold: Gold, gold_path: Path) -> list[Path]:
    """The gold's ``corpus`` entries resolved against the gold file's folder."""
    return [(gold_path.parent / p).resolve() for p in gold.corpus]


def gold_schema_text() -> str:
    """The JSON Schema of gold files, as committed in ``briefing/eval/gold.schema.json``."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Gold.model_json_schema()}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
