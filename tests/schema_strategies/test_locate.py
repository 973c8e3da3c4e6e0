"""JSON pointers into the spec: RFC 6901 escapes both ways, and `$ref` chains followed."""

from __future__ import annotations

from aelyst_contract.openapi import escape_token
from aelyst_contract.schema_strategies import SpecSchemas


def test_pointer_tokens_are_escaped_and_unescaped() -> None:
    assert escape_token("a/b~c") == "a~1b~0c"
    schemas = SpecSchemas({"paths": {"/x/{id}": {"get": {"a~1": 1}}}})
    assert schemas.resolve_pointer("/paths/~1x~1{id}/get/a~01") == 1
    assert schemas.resolve_pointer("#/paths/~1x~1{id}/get/a~01") == 1
    assert schemas.resolve_pointer("") is schemas.spec


def test_refs_are_followed_to_the_node_they_end_on() -> None:
    schemas = SpecSchemas(
        {
            "components": {
                "schemas": {
                    "A": {"$ref": "#/components/schemas/B", "description": "an alias"},
                    "B": {"$ref": "#/components/schemas/C"},
                    "C": {"type": "string"},
                }
            }
        }
    )
    assert schemas.dereference("/components/schemas/A") == "/components/schemas/C"
    assert schemas.dereference_ref("#/components/schemas/A") == "/components/schemas/C"
