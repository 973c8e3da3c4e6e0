"""JSON values from a JSON Schema, for the property check.

Built on the project's one schema-to-strategy adapter,
`aelyst_contract.schema_strategies.SpecSchemas` (constructed from the compared document's
components, so `#/components/...` refs resolve), which
bounds array lengths and the int32/int64 ranges and checks every value with two validators. A
value it gets wrong (`GeneratorBug`) is counted as dropped, never a false counterexample.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from aelyst_contract.schema_strategies import GeneratorBug, OptionalMode, SpecSchemas

__all__ = ["GeneratedValues", "generate_values", "standalone_schema"]

_cache: dict[tuple[str, int, int], GeneratedValues] = {}
# One adapter per set of components (a compared document): its validators and strategies are
# cached inside it, and many operations of a document share schemas.
_adapters: dict[str, SpecSchemas] = {}


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


def generate_values(schema: dict[str, Any], count: int, random_seed: int) -> GeneratedValues:
    """Up to `count` distinct valid values, deterministic for a seed (no example database).

    Memoized: both directions of the property check and many operations share schemas."""
    key = (json.dumps(schema, sort_keys=True, default=str), count, random_seed)
    if key not in _cache:
        _cache[key] = _generate(schema, count, random_seed)
    return _cache[key]


def _adapter(components: Any) -> SpecSchemas:
    key = json.dumps(components, sort_keys=True, default=str)
    if key not in _adapters:
        _adapters[key] = SpecSchemas({} if components is None else {"components": components})
    return _adapters[key]


def _generate(schema: dict[str, Any], count: int, random_seed: int) -> GeneratedValues:
    adapter = _adapter(schema.get("components"))
    body = {key: value for key, value in schema.items() if key != "components"}
    half = (count + 1) // 2
    plain, dropped, error = _draw(adapter, body, "draw", half, random_seed)
    if error is not None:
        return GeneratedValues([], dropped, error)
    # The other half with every optional field present (where most additions and enum values
    # live); a recursive schema is cut short inside itself by the adapter.
    full, full_dropped, full_error = _draw(adapter, body, "all", count - half, random_seed)
    if full_error is not None:
        full, full_dropped, _ = _draw(adapter, body, "draw", count, random_seed + 1)
    # The validator the property check itself uses, as a last guard.
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    values: list[Any] = []
    dropped += full_dropped
    for value in plain + full:
        if not validator.is_valid(value):
            dropped += 1
        elif value not in values:
            values.append(value)
    return GeneratedValues(values[:count], dropped)


class _Dropped:
    """A value the adapter rejected (`GeneratorBug`)."""


_DROPPED = _Dropped()


@st.composite
def _or_dropped(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    try:
        return draw(strategy)
    except GeneratorBug:
        return _DROPPED


def _suppressed(optional: OptionalMode) -> list[HealthCheck]:
    """Every health check off, but for "all" (every optional field present) the one that ends a
    draw whose values are nearly all rejected: where the schema forbids some optional fields
    together (a `not`, exclusive `oneOf` shapes) no value passes, and hypothesis otherwise tried
    about 450 before giving up (1.4 s per schema); the caller then draws plainly instead."""
    if optional == "all":
        return [check for check in HealthCheck if check is not HealthCheck.filter_too_much]
    return list(HealthCheck)


def _draw(
    adapter: SpecSchemas, schema: dict[str, Any], optional: OptionalMode, count: int, seed_: int
) -> tuple[list[Any], int, str | None]:
    """(up to `count` drawn values, how many were dropped, or why none can be drawn)."""
    drawn: list[Any] = []
    try:
        strategy = _or_dropped(adapter.schema_strategy(schema, optional=optional))

        @seed(seed_)
        @settings(
            max_examples=count,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=_suppressed(optional),
        )
        @given(strategy)
        def collect(value: Any) -> None:
            drawn.append(value)

        collect()
    except Exception as error:  # the adapter's and hypothesis' errors share no base
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return [], 0, f"{type(error).__name__}: {first_line}"
    values = [value for value in drawn if value is not _DROPPED]
    return values, len(drawn) - len(values), None
