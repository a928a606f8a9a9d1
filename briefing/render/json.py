"""Render a briefing as the JSON contract, and publish that contract as a JSON Schema.

The contract's models live in ``briefing.render.contract`` and the mapping from ``Briefing`` in
``briefing.render.mapping``; this module only serialises. A copy of the schema is committed next to this file
(``briefing.schema.json``) so that consumers can validate without importing the package; a test
keeps the copy identical to what :func:`json_schema` generates.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from briefing.gc_pause import collector_paused
from briefing.models import Briefing
from briefing.render.contract import BriefingOut
from briefing.render.mapping import to_contract

SCHEMA_FILE = "briefing.schema.json"


@collector_paused
def render_json(briefing: Briefing) -> str:
    """The briefing as indented JSON, byte-identical for equal briefings (keys in model order)."""
    return to_contract(briefing).model_dump_json(indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what :func:`render_json` emits."""
    schema = BriefingOut.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    """The schema as committed in ``briefing.schema.json`` (sorted keys, so diffs stay small).

    Regenerate the committed copy with::

        python -c "from briefing.render import schema_text; \\
open('briefing/render/briefing.schema.json', 'w').write(schema_text())"
    """
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def committed_schema() -> dict[str, Any]:
    """The schema file shipped with the package (what external validators are given)."""
    text = resources.files("briefing.render").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
