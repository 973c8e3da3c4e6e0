"""The value generator behind the property check (the shared `SpecSchemas` adapter)."""

from __future__ import annotations

from typing import Any

import jsonschema

from aelyst_contract.specdiff._values import generate_values, standalone_schema

DOCUMENT: dict[str, Any] = {
    "components": {
        "schemas": {
            "Status": {"type": "string", "enum": ["sent", "read"]},
            "Node": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "format": "int64"},
                    "status": {"$ref": "#/components/schemas/Status"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                },
            },
        }
    }
}


def test_values_are_valid_deterministic_and_cover_optional_fields() -> None:
    schema = standalone_schema({"$ref": "#/components/schemas/Node"}, DOCUMENT)
    first = generate_values(schema, 10, 1)
    again = generate_values(dict(schema), 10, 1)
    validator = jsonschema.Draft202012Validator(schema)

    assert first.error is None
    assert first.values
    assert again.values == first.values
    assert all(validator.is_valid(v) for v in first.values)
    # int64 ids stay in range (the generator ignores the format; we bound it).
    assert all(-(2**63) <= v["id"] < 2**63 for v in first.values)
    # A recursive schema cannot require every field; optional ones still show up.
    assert any("status" in v for v in first.values)


def test_every_optional_field_appears_in_some_value() -> None:
    schema = {
        "type": "object",
        "properties": {name: {"type": "boolean"} for name in ("a", "b", "c", "d", "e")},
    }
    values = generate_values(schema, 6, 0).values
    assert {"a", "b", "c", "d", "e"} <= {key for value in values for key in value}


def test_a_schema_the_generator_rejects_is_an_error_not_an_exception() -> None:
    unsatisfiable = {"type": "integer", "minimum": 5, "maximum": 1}
    generated = generate_values(unsatisfiable, 5, 0)
    assert generated.values == []
    assert generated.error
