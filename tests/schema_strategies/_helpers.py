"""What the schema_strategies tests share: the specs, their body schemas, and reachability runs."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.schema_strategies import SpecSchemas

__all__ = ["SPECS", "TREE_SPEC", "body_pointers", "reach", "reach_all", "spec_schemas"]

SPECS: tuple[SpecName, ...] = ("contact", "channel")
# Reachability is measured by drawing, not with hypothesis.find: find shrinks what it finds,
# which on these nested documents costs minutes.
_REACH = settings(
    max_examples=300,
    phases=[Phase.generate],  # stopping early is signalled by raising: never shrink that
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def spec_schemas(name: SpecName) -> SpecSchemas:
    return SpecSchemas(load_spec(name))


def body_pointers(name: SpecName) -> list[str]:
    """Every request and response body schema and every parameter schema of a spec."""
    schemas = spec_schemas(name)
    pointers: list[str] = []
    for op_id, _, _ in schemas.operations():
        operation = schemas.resolve_pointer(schemas.operation_pointer(op_id)[0])
        if "requestBody" in operation:
            pointers.append(schemas.request_body_pointer(op_id))
        pointers.extend(schemas.response_body_pointer(op_id, s) for s in schemas.statuses(op_id))
        pointers.extend(f"{p}/schema" for p in schemas.parameter_pointers(op_id).values())
    return sorted(set(pointers))


class _AllReached(Exception):
    """Ends a reachability run once every target was seen."""


def reach_all(strategy: st.SearchStrategy[Any], targets: dict[str, Any]) -> dict[str, Any]:
    """In one run of draws, the first value satisfying each named predicate.

    Fails naming the targets no draw reached. One run per schema, not one per target: these
    documents are nested and drawing them is what costs.
    """
    found: dict[str, Any] = {}

    @_REACH
    @given(strategy)
    def draw(value: Any) -> None:
        for name, predicate in targets.items():
            if name not in found and predicate(value):
                found[name] = value
        if len(found) == len(targets):
            raise _AllReached

    with contextlib.suppress(_AllReached):
        draw()
    missing = sorted(set(targets) - set(found))
    assert not missing, f"never reached: {missing}"
    return found


def reach(schemas: SpecSchemas, pointer: str, predicate: Any) -> Any:
    return reach_all(schemas.strategy(pointer), {"target": predicate})["target"]


TREE_SPEC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Status": {"type": "string", "enum": ["sent", "read"]},
            "Node": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "format": "int32"},
                    "status": {"$ref": "#/components/schemas/Status"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                },
            },
        }
    }
}
