"""Shaping an answer to the JSON schema a request carries, as JSON outputs guarantee the real API does.

The real API decodes under the request's ``output_config.format.schema``, so its answer has exactly
the declared properties: nothing extra, every required one present. The stand-in builds its answer
by meaning (summary, key points, partnerships) and then fits it to whatever schema was sent: it
keeps declared properties in the schema's order, drops the rest, fills a missing nullable property
with null, and finally validates with ``jsonschema``. A schema the answer cannot be fitted to is a
``SchemaMismatch``, which the server turns into a 400, so a changed product schema fails loudly
instead of producing a cassette that only looks right.
"""

from __future__ import annotations

from typing import Any

import jsonschema


class SchemaMismatch(ValueError):
    """The stand-in's answer cannot take the shape the request asked for."""


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        ref = str(schema["$ref"])
        if not ref.startswith("#/"):
            raise SchemaMismatch(f"unsupported $ref {ref}")
        node: Any = root
        for part in ref[2:].split("/"):
            node = node[part]
        schema = node
    return schema


def _allows_null(schema: dict[str, Any], root: dict[str, Any]) -> bool:
    schema = _resolve(schema, root)
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_allows_null(s, root) for s in schema.get("anyOf", []))


def _fit(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str) -> Any:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        if value is None and _allows_null(schema, root):
            return None
        problems = []
        for option in schema["anyOf"]:
            if _resolve(option, root).get("type") == "null":
                continue
            try:
                return _fit(value, option, root, where)
            except SchemaMismatch as exc:
                problems.append(str(exc))
        raise SchemaMismatch(f"{where}: fits no anyOf branch ({'; '.join(problems)})")
    kind = schema.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            raise SchemaMismatch(f"{where}: expected an object")
        properties: dict[str, Any] = schema.get("properties", {})
        out: dict[str, Any] = {}
        for name, sub in properties.items():
            if name in value:
                out[name] = _fit(value[name], sub, root, f"{where}.{name}")
            elif name in schema.get("required", []):
                if not _allows_null(sub, root):
                    raise SchemaMismatch(f"{where}: the stand-in has no value for required {name!r}")
                out[name] = None
        return out
    if kind == "array":
        if not isinstance(value, list):
            raise SchemaMismatch(f"{where}: expected an array")
        items = schema.get("items", {})
        return [_fit(v, items, root, f"{where}[{i}]") for i, v in enumerate(value)]
    if kind == "null" and value is not None:
        raise SchemaMismatch(f"{where}: expected null")
    return value


def fit_to_schema(answer: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """``answer`` reshaped to ``schema`` and validated against it (``SchemaMismatch`` otherwise)."""
    fitted = _fit(answer, schema, schema, "answer")
    try:
        jsonschema.Draft202012Validator(schema).validate(fitted)
    except jsonschema.ValidationError as exc:
        raise SchemaMismatch(f"answer does not validate: {exc.message}") from exc
    if not isinstance(fitted, dict):
        raise SchemaMismatch("the schema's top level is not an object")
    return fitted
