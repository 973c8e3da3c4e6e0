"""Schema -> strategy: only valid values, and every choice, bound and optional side reached."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.openapi import escape_token
from aelyst_contract.schema_strategies import SpecSchemas
from tests.schema_strategies._helpers import (
    SPECS,
    TREE_SPEC,
    body_pointers,
    reach,
    reach_all,
    spec_schemas,
)


@pytest.mark.parametrize(
    ("name", "pointer"), [(n, p) for n in SPECS for p in body_pointers(n)], ids=str
)
def test_every_generated_value_is_valid(name: SpecName, pointer: str) -> None:
    schemas = spec_schemas(name)

    @settings(
        max_examples=15,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(schemas.strategy(pointer))
    def check(value: Any) -> None:
        assert schemas.is_valid(pointer, value)

    check()


def _enum_pointers(name: SpecName) -> list[tuple[str, list[Any]]]:
    """(pointer of a schema holding an enum, its values) for every enum of the components."""
    found: list[tuple[str, list[Any]]] = []

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list):
                found.append((pointer, list(node["enum"])))
            for key, child in node.items():
                if key not in ("enum", "examples", "example"):
                    walk(child, f"{pointer}/{escape_token(key)}")

    walk(load_spec(name)["components"]["schemas"], "/components/schemas")
    return found


@pytest.mark.parametrize(
    ("name", "pointer", "values"),
    [(n, p, v) for n in SPECS for p, v in _enum_pointers(n)],
    ids=str,
)
def test_every_enum_value_is_reached(name: SpecName, pointer: str, values: list[Any]) -> None:
    targets = {repr(v): (lambda drawn, v=v: drawn == v) for v in values}
    reached = reach_all(spec_schemas(name).strategy(pointer), targets)
    assert sorted(map(repr, reached.values())) == sorted(map(repr, values))


@pytest.mark.parametrize(
    ("name", "union", "discriminator"),
    [
        ("contact", "/components/schemas/MessageContent", "type"),
        ("channel", "/components/schemas/MessageBody", "type"),
    ],
)
def test_every_one_of_variant_is_reached(name: SpecName, union: str, discriminator: str) -> None:
    schemas = spec_schemas(name)
    mapping = schemas.resolve_pointer(union)["discriminator"]["mapping"]
    assert len(mapping) == len(schemas.resolve_pointer(union)["oneOf"])
    targets = {kind: (lambda v, k=kind: v[discriminator] == k) for kind in mapping}
    reached = reach_all(schemas.strategy(union), targets)
    assert {value[discriminator] for value in reached.values()} == set(mapping)


def _message_type_is(kind: str) -> Callable[[Any], bool]:
    return lambda value: bool(value.get("message", {}).get("type") == kind)


def test_nested_variants_are_reached_inside_a_response() -> None:
    schemas = spec_schemas("contact")
    pointer = schemas.response_body_pointer("getMessage", "200")
    kinds = ("text", "attachment", "custom_payload", "quick_reply", "email", "whatsapp_template")
    targets: dict[str, Callable[[Any], bool]] = {k: _message_type_is(k) for k in kinds}
    targets["no message"] = lambda v: "message" not in v
    reached = reach_all(schemas.strategy(pointer), targets)
    assert {v["message"]["type"] for k, v in reached.items() if k != "no message"} == set(kinds)


def test_nullable_branches_and_optional_fields_are_reached() -> None:
    schemas = spec_schemas("contact")
    pointer = "/components/schemas/SendMessageRequest"
    reached = reach_all(
        schemas.strategy(pointer),
        {
            "absent": lambda v: "channelId" not in v,
            "null": lambda v: "channelId" in v and v["channelId"] is None,
            "integer": lambda v: isinstance(v.get("channelId"), int),
        },
    )
    assert "channelId" not in reached["absent"]
    assert reached["null"]["channelId"] is None
    assert isinstance(reached["integer"]["channelId"], int)


def test_if_then_else_sides_are_both_reached() -> None:
    schemas = spec_schemas("channel")
    contact = "/components/schemas/ReceiverContact"
    sides = reach_all(
        schemas.strategy(contact), {"id": lambda v: "id" in v, "key": lambda v: "id" not in v}
    )
    assert "identifierKey" not in sides["id"]
    assert {"identifierKey", "identifierValue"} <= set(sides["key"])
    request = "/components/schemas/SendChannelMessageRequest"
    sides = reach_all(
        schemas.strategy(request),
        {"template": lambda v: "template" in v, "body": lambda v: "body" in v},
    )
    assert "body" not in sides["template"]
    assert "template" not in sides["body"]


def test_integer_bounds_and_unicode_text_are_reached() -> None:
    contact, channel = spec_schemas("contact"), spec_schemas("channel")
    limit = contact.parameter_schema_pointer("listMessages", "query", "limit")
    bounds = reach_all(contact.strategy(limit), {"1": lambda v: v == 1, "50": lambda v: v == 50})
    assert (bounds["1"], bounds["50"]) == (1, 50)
    channel_limit = channel.parameter_schema_pointer("listChannelMessages", "query", "limit")
    assert reach(channel, channel_limit, lambda v: v == 100) == 100
    index = "/components/schemas/WhatsappTemplateComponent/properties/index"
    assert reach(contact, index, lambda v: v == 9) == 9
    text = "/components/schemas/TextContent/properties/text"
    # non-ASCII, and astral-plane characters too (UTF-16 surrogate pairs in other languages)
    reached = reach_all(
        channel.strategy(text),
        {
            "non-ascii": lambda v: any(ord(c) > 0x7F for c in v),
            "astral": lambda v: any(ord(c) > 0xFFFF for c in v),
        },
    )
    assert any(ord(c) > 0xFFFF for c in reached["astral"])


def test_declared_headers_are_generated_as_valid_strings() -> None:
    schemas = spec_schemas("contact")

    @settings(max_examples=20, database=None, derandomize=True)
    @given(schemas.response_headers("sendMessage", "429"))
    def check(headers: dict[str, str]) -> None:
        assert set(headers) == {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"}
        assert all(value.isdigit() for value in headers.values())

    check()
    # 401 declares no headers at all
    assert reach_all(schemas.response_headers("sendMessage", "401"), {"any": lambda h: True}) == {
        "any": {}
    }


def test_unmodelled_keywords_fall_back_to_a_validated_generator() -> None:
    spec = {
        "openapi": "3.1.0",
        "components": {
            "schemas": {
                "Odd": {
                    "type": "object",
                    "required": ["n"],
                    "properties": {"n": {"type": "integer", "not": {"multipleOf": 2}}},
                    "allOf": [{"required": ["s"], "properties": {"s": {"type": "string"}}}],
                }
            }
        },
    }
    schemas = SpecSchemas(spec)

    @settings(max_examples=20, database=None, derandomize=True)
    @given(schemas.strategy("/components/schemas/Odd"))
    def check(value: dict[str, Any]) -> None:
        assert value["n"] % 2 == 1
        assert isinstance(value["s"], str)

    check()


def test_pins_and_optional_modes_force_the_choice() -> None:
    schemas = spec_schemas("contact")
    pointer = schemas.response_body_pointer("getMessage", "200")
    content = "/components/schemas/MessageContent"
    email = 4
    pinned = schemas.strategy(pointer, pins={content: email}, optional="all")
    nothing_optional = schemas.strategy(pointer, optional="none")

    @settings(max_examples=10, database=None, derandomize=True, deadline=None)
    @given(pinned, nothing_optional)
    def check(full: Any, bare: Any) -> None:
        assert full["message"]["type"] == "email"
        assert {"channelMessageId", "status", "sender"} <= set(full)
        assert full["status"]  # arrays are non-empty too, so choices inside items are met
        assert set(bare) == {"messageId", "contactId", "channelId", "traffic"}

    check()
    with pytest.raises(ValueError, match="out of range"):
        schemas.strategy(pointer, pins={content: 99})


def test_a_schema_outside_the_spec_resolves_its_refs_in_the_spec() -> None:
    schemas = SpecSchemas(TREE_SPEC)
    schema = {"type": "array", "items": {"$ref": "#/components/schemas/Status"}, "minItems": 1}
    found = reach_all(
        schemas.schema_strategy(schema),
        {"sent": lambda v: "sent" in v, "read": lambda v: "read" in v},
    )
    assert all(set(value) <= {"sent", "read"} for value in found.values())


def _depth(node: Any) -> int:
    children = node.get("children", []) if isinstance(node, dict) else []
    return 1 + max((_depth(child) for child in children), default=0)


@pytest.mark.parametrize("optional", ["draw", "all"])
def test_a_recursive_schema_is_generated_and_cut_short(optional: Any) -> None:
    schemas = SpecSchemas(TREE_SPEC)
    strategy = schemas.schema_strategy({"$ref": "#/components/schemas/Node"}, optional=optional)
    found = reach_all(
        strategy,
        {"nested": lambda v: _depth(v) >= 2, "int32 bound": lambda v: v["id"] == 2**31 - 1},
    )
    assert _depth(found["nested"]) >= 2
    # The pointer form builds the same schema (its `$ref`s counted the same way).
    assert reach(schemas, "/components/schemas/Node", lambda v: _depth(v) >= 2)


def test_a_required_recursion_is_an_error_not_a_hang() -> None:
    spec = {
        "components": {
            "schemas": {
                "Loop": {
                    "type": "object",
                    "required": ["next"],
                    "properties": {"next": {"$ref": "#/components/schemas/Loop"}},
                }
            }
        }
    }
    with pytest.raises(ValueError, match="nesting too deep"):
        SpecSchemas(spec).schema_strategy({"$ref": "#/components/schemas/Loop"})


def test_any_json_values_are_json() -> None:
    @settings(max_examples=200, database=None, deadline=None)
    @given(SpecSchemas(TREE_SPEC).schema_strategy({}))
    def draw(value: Any) -> None:
        json.dumps(value, allow_nan=False)  # raises on NaN and infinity

    draw()
