"""JSON values from a JSON Schema, for the property check.

Uses schemathesis' own generator (the private `schemathesis.generation.jsonschema`): the toolchain
notes found hypothesis-jsonschema broken with our hypothesis. Kept behind this one function so a
shared schema-to-strategy adapter can replace it; every value is re-checked with a 2020-12
validator, so a generator bug shows up as a dropped value, never as a false counterexample.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.generation.jsonschema.builder import build
from schemathesis.specs.openapi.formats import get_default_format_strategies

__all__ = ["GeneratedValues", "generate_values", "standalone_schema"]

# jsonschema_rs' spelling of draft 2020-12 (schemathesis' CANONICALIZE_DRAFT_BY_VALIDATOR).
_DRAFT_2020_12 = 20
# Arrays without a `maxItems` get this one for generation: long lists cost time and find nothing
# a short list does not (each value still satisfies the original schema).
_GENERATED_MAX_ITEMS = 3
# The generator ignores `format: int32/int64` on integers (it drew 2**87 for an int64 id), which
# openapi-core then rejects; the formats' ranges are spelled out as bounds instead.
_INTEGER_FORMAT_BOUNDS = {"int32": 2**31, "int64": 2**63}
_cache: dict[tuple[str, int, int], GeneratedValues] = {}


def standalone_schema(schema: Any, document: dict[str, Any]) -> dict[str, Any]:
    """The schema with the document's components beside it, so `#/components/...` refs resolve."""
    if schema is True or schema is None:
        schema = {}
    root = dict(schema) if isinstance(schema, dict) else {"not": {}}
    if "components" in document:
        root["components"] = document["components"]
    return root


class GeneratedValues:
    """Values that a schema allows (`values`), how many the generator got wrong (`dropped`), and
    why there are none (`error`) when the generator cannot handle the schema."""

    def __init__(self, values: list[Any], dropped: int, error: str | None = None) -> None:
        self.values = values
        self.dropped = dropped
        self.error = error


def _bounded(node: Any) -> Any:
    if isinstance(node, list):
        return [_bounded(item) for item in node]
    if not isinstance(node, dict):
        return node
    bounded = {key: _bounded(value) for key, value in node.items()}
    declared = node.get("type")
    is_array = declared == "array" or (isinstance(declared, list) and "array" in declared)
    if is_array and "maxItems" not in node:
        bounded["maxItems"] = max(int(node.get("minItems", 0)), _GENERATED_MAX_ITEMS)
    limit = _INTEGER_FORMAT_BOUNDS.get(str(node.get("format")))
    if limit is not None:
        bounded.setdefault("minimum", -limit)
        bounded.setdefault("maximum", limit - 1)
    return bounded


def generate_values(schema: dict[str, Any], count: int, random_seed: int) -> GeneratedValues:
    """Up to `count` distinct valid values, deterministic for a seed (no example database).

    Memoized: both directions of the property check and many operations share schemas."""
    key = (json.dumps(schema, sort_keys=True, default=str), count, random_seed)
    if key not in _cache:
        _cache[key] = _generate(schema, count, random_seed)
    return _cache[key]


# Keywords whose values are schemas, lists of schemas, or maps of names to schemas.
_SCHEMA_VALUES = ("items", "additionalProperties", "not", "contains", "if", "then", "else")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")


def _filled(node: Any) -> Any:
    """The schema with every declared property required: optional fields (where most additions
    and enum values live) then appear in every value instead of in about half of them."""
    if not isinstance(node, dict):
        return node
    filled = dict(node)
    for key in _SCHEMA_VALUES:
        if isinstance(node.get(key), dict):
            filled[key] = _filled(node[key])
    for key in _SCHEMA_LISTS:
        if isinstance(node.get(key), list):
            filled[key] = [_filled(item) for item in node[key]]
    for key in _SCHEMA_MAPS:
        if isinstance(node.get(key), dict):
            filled[key] = {name: _filled(item) for name, item in node[key].items()}
    if isinstance(node.get("properties"), dict):
        declared = node.get("required")
        required: list[Any] = declared if isinstance(declared, list) else []
        filled["required"] = sorted({*map(str, required), *node["properties"]})
    components = node.get("components")
    if isinstance(components, dict) and isinstance(components.get("schemas"), dict):
        schemas = {name: _filled(item) for name, item in components["schemas"].items()}
        filled["components"] = {**components, "schemas": schemas}
    return filled


def _generate(schema: dict[str, Any], count: int, random_seed: int) -> GeneratedValues:
    half = (count + 1) // 2
    plain, error = _draw(_bounded(schema), half, random_seed)
    if error is not None:
        return GeneratedValues([], 0, error)
    # The other half with every optional field present; a recursive schema makes that
    # unsatisfiable, and then the plain schema draws them.
    full, full_error = _draw(_bounded(_filled(schema)), count - half, random_seed)
    if full_error is not None:
        full, _ = _draw(_bounded(schema), count, random_seed + 1)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    values: list[Any] = []
    dropped = 0
    for value in plain + full:
        if not validator.is_valid(value):
            dropped += 1
        elif value not in values:
            values.append(value)
    return GeneratedValues(values[:count], dropped)


def _draw(schema: dict[str, Any], count: int, random_seed: int) -> tuple[list[Any], str | None]:
    """(up to `count` drawn values, or the reason the generator cannot draw any)."""
    drawn: list[Any] = []
    try:
        strategy = build(schema, draft=_DRAFT_2020_12, formats=get_default_format_strategies())

        @seed(random_seed)
        @settings(
            max_examples=count,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def collect(value: Any) -> None:
            drawn.append(value)

        collect()
    except Exception as error:  # schemathesis' and hypothesis' errors share no base
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return [], f"{type(error).__name__}: {first_line}"
    return drawn, None
