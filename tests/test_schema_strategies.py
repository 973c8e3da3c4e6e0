"""The schema-to-strategy adapter: only valid values, every choice reached, labelled violations."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.schema_strategies import (
    GeneratorBug,
    SpecSchemas,
    Violation,
    escape_pointer_token,
)

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


def _schemas(name: SpecName) -> SpecSchemas:
    return SpecSchemas(load_spec(name))


def _body_pointers(name: SpecName) -> list[str]:
    """Every request and response body schema and every parameter schema of a spec."""
    schemas = _schemas(name)
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


def _reach_all(strategy: st.SearchStrategy[Any], targets: dict[str, Any]) -> dict[str, Any]:
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


def _reach(schemas: SpecSchemas, pointer: str, predicate: Any) -> Any:
    return _reach_all(schemas.strategy(pointer), {"target": predicate})["target"]


@pytest.mark.parametrize(
    ("name", "pointer"), [(n, p) for n in SPECS for p in _body_pointers(n)], ids=str
)
def test_every_generated_value_is_valid(name: SpecName, pointer: str) -> None:
    schemas = _schemas(name)

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
                    walk(child, f"{pointer}/{escape_pointer_token(key)}")

    walk(load_spec(name)["components"]["schemas"], "/components/schemas")
    return found


@pytest.mark.parametrize(
    ("name", "pointer", "values"),
    [(n, p, v) for n in SPECS for p, v in _enum_pointers(n)],
    ids=str,
)
def test_every_enum_value_is_reached(name: SpecName, pointer: str, values: list[Any]) -> None:
    targets = {repr(v): (lambda drawn, v=v: drawn == v) for v in values}
    reached = _reach_all(_schemas(name).strategy(pointer), targets)
    assert sorted(map(repr, reached.values())) == sorted(map(repr, values))


@pytest.mark.parametrize(
    ("name", "union", "discriminator"),
    [
        ("contact", "/components/schemas/MessageContent", "type"),
        ("channel", "/components/schemas/MessageBody", "type"),
    ],
)
def test_every_one_of_variant_is_reached(name: SpecName, union: str, discriminator: str) -> None:
    schemas = _schemas(name)
    mapping = schemas.resolve_pointer(union)["discriminator"]["mapping"]
    assert len(mapping) == len(schemas.resolve_pointer(union)["oneOf"])
    targets = {kind: (lambda v, k=kind: v[discriminator] == k) for kind in mapping}
    reached = _reach_all(schemas.strategy(union), targets)
    assert {value[discriminator] for value in reached.values()} == set(mapping)


def _message_type_is(kind: str) -> Callable[[Any], bool]:
    return lambda value: bool(value.get("message", {}).get("type") == kind)


def test_nested_variants_are_reached_inside_a_response() -> None:
    schemas = _schemas("contact")
    pointer = schemas.response_body_pointer("getMessage", "200")
    kinds = ("text", "attachment", "custom_payload", "quick_reply", "email", "whatsapp_template")
    targets: dict[str, Callable[[Any], bool]] = {k: _message_type_is(k) for k in kinds}
    targets["no message"] = lambda v: "message" not in v
    reached = _reach_all(schemas.strategy(pointer), targets)
    assert {v["message"]["type"] for k, v in reached.items() if k != "no message"} == set(kinds)


def test_nullable_branches_and_optional_fields_are_reached() -> None:
    schemas = _schemas("contact")
    pointer = "/components/schemas/SendMessageRequest"
    reached = _reach_all(
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
    schemas = _schemas("channel")
    contact = "/components/schemas/ReceiverContact"
    sides = _reach_all(
        schemas.strategy(contact), {"id": lambda v: "id" in v, "key": lambda v: "id" not in v}
    )
    assert "identifierKey" not in sides["id"]
    assert {"identifierKey", "identifierValue"} <= set(sides["key"])
    request = "/components/schemas/SendChannelMessageRequest"
    sides = _reach_all(
        schemas.strategy(request),
        {"template": lambda v: "template" in v, "body": lambda v: "body" in v},
    )
    assert "body" not in sides["template"]
    assert "template" not in sides["body"]


def test_integer_bounds_and_unicode_text_are_reached() -> None:
    contact, channel = _schemas("contact"), _schemas("channel")
    limit = contact.parameter_schema_pointer("listMessages", "query", "limit")
    bounds = _reach_all(contact.strategy(limit), {"1": lambda v: v == 1, "50": lambda v: v == 50})
    assert (bounds["1"], bounds["50"]) == (1, 50)
    channel_limit = channel.parameter_schema_pointer("listChannelMessages", "query", "limit")
    assert _reach(channel, channel_limit, lambda v: v == 100) == 100
    index = "/components/schemas/WhatsappTemplateComponent/properties/index"
    assert _reach(contact, index, lambda v: v == 9) == 9
    text = "/components/schemas/TextContent/properties/text"
    # non-ASCII, and astral-plane characters too (UTF-16 surrogate pairs in other languages)
    reached = _reach_all(
        channel.strategy(text),
        {
            "non-ascii": lambda v: any(ord(c) > 0x7F for c in v),
            "astral": lambda v: any(ord(c) > 0xFFFF for c in v),
        },
    )
    assert any(ord(c) > 0xFFFF for c in reached["astral"])


def test_declared_headers_are_generated_as_valid_strings() -> None:
    schemas = _schemas("contact")

    @settings(max_examples=20, database=None, derandomize=True)
    @given(schemas.response_headers("sendMessage", "429"))
    def check(headers: dict[str, str]) -> None:
        assert set(headers) == {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"}
        assert all(value.isdigit() for value in headers.values())

    check()
    # 401 declares no headers at all
    assert _reach_all(schemas.response_headers("sendMessage", "401"), {"any": lambda h: True}) == {
        "any": {}
    }


def test_a_generator_bug_is_raised_not_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    schemas = _schemas("contact")
    monkeypatch.setattr(
        schemas, "_build", lambda schema, depth, at: st.just({"code": "not an int"})
    )

    @settings(max_examples=1, database=None)
    @given(schemas.strategy("/components/schemas/Error"))
    def draw(value: Any) -> None:
        raise AssertionError(f"an invalid value reached the test: {value!r}")

    with pytest.raises(GeneratorBug, match="/components/schemas/Error"):
        draw()


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


def _kinds(found: list[Violation]) -> dict[tuple[str, str], Violation]:
    return {(v.pointer, v.kind): v for v in found}


def test_violations_are_labelled_and_each_is_invalid() -> None:
    schemas = _schemas("contact")
    pointer = schemas.response_body_pointer("getMessage", "200")
    seed = schemas.resolve_pointer(schemas.response_pointer("getMessage", "200"))["content"][
        "application/json"
    ]["examples"]["seed"]["value"]
    found = schemas.violations(pointer, seed)
    kinds = _kinds(found)
    for expected in [
        ("/messageId", "missing-required"),
        ("/messageId", "wrong-type"),
        ("/messageId", "null-not-nullable"),
        ("/traffic", "unknown-enum"),
        ("/message/type", "unknown-enum"),
        ("/status/0/value", "unknown-enum"),
        ("/status/0/timestamp", "missing-required"),
        ("/sender/source", "unknown-enum"),
        ("", "wrong-type"),
    ]:
        assert expected in kinds, expected
    assert all(not schemas.is_valid(pointer, v.document) for v in found)
    assert "messageId" not in kinds[("/messageId", "missing-required")].document
    assert kinds[("/traffic", "unknown-enum")].document["traffic"] not in ("incoming", "outgoing")
    # the untouched document is still valid: variants are copies
    assert schemas.is_valid(pointer, seed)


def test_violations_respect_nullable_and_union_types() -> None:
    schemas = _schemas("contact")
    pointer = "/components/schemas/SendMessageRequest"
    found = _kinds(
        schemas.violations(pointer, {"channelId": 5, "message": {"type": "text", "text": "hi"}})
    )
    assert ("/channelId", "null-not-nullable") not in found  # channelId is ["integer", "null"]
    assert ("/channelId", "wrong-type") in found
    assert ("/message/text", "null-not-nullable") in found
    message = "/components/schemas/Message"
    doc = {
        "messageId": 1,
        "contactId": 2,
        "channelId": 3,
        "traffic": "incoming",
        "channelMessageId": "abc",
    }
    found = _kinds(schemas.violations(message, doc))
    assert ("/channelMessageId", "wrong-type") in found  # string|integer: an object is wrong
    assert found[("/channelMessageId", "wrong-type")].document["channelMessageId"] not in (
        "abc",
        12345,
    )


def test_violations_refuse_an_invalid_document() -> None:
    schemas = _schemas("contact")
    with pytest.raises(ValueError, match="valid document"):
        schemas.violations("/components/schemas/Error", {"code": "x"})


def test_choices_list_every_union_enum_type_list_and_condition() -> None:
    schemas = _schemas("contact")
    found = {
        c.pointer: c for c in schemas.choices(schemas.response_body_pointer("getMessage", "200"))
    }
    content = found["/components/schemas/MessageContent"]
    assert content.kind == "oneOf"
    assert content.labels[0] == "TextMessage"
    assert len(content.labels) == 6
    assert found["/components/schemas/Traffic"].labels == ('"outgoing"', '"incoming"')
    assert found["/components/schemas/Sender/properties/userId"].kind == "type"
    channel = _schemas("channel")
    request = channel.choices("/components/schemas/SendChannelMessageRequest")
    assert {c.kind for c in request} >= {"if", "oneOf", "enum"}


def test_pins_and_optional_modes_force_the_choice() -> None:
    schemas = _schemas("contact")
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


@pytest.mark.parametrize("name", SPECS)
def test_covering_pins_take_every_label_of_every_choice(name: SpecName) -> None:
    schemas = _schemas(name)
    for pointer in _body_pointers(name):
        choices = schemas.choices(pointer)
        runs = schemas.covering_pins(pointer)
        for choice in choices:
            taken = {run[choice.pointer] for run in runs if choice.pointer in run}
            assert taken == set(range(len(choice.labels))), (pointer, choice.pointer)
            for run in runs:
                if choice.pointer in run:  # the union branches leading to it are taken too
                    assert all(run.get(p) == i for p, i in choice.requires)
        if choices:
            assert len(runs) <= max(len(c.labels) for c in choices) * 3


_TREE_SPEC: dict[str, Any] = {
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


def test_a_schema_outside_the_spec_resolves_its_refs_in_the_spec() -> None:
    schemas = SpecSchemas(_TREE_SPEC)
    schema = {"type": "array", "items": {"$ref": "#/components/schemas/Status"}, "minItems": 1}
    found = _reach_all(
        schemas.schema_strategy(schema),
        {"sent": lambda v: "sent" in v, "read": lambda v: "read" in v},
    )
    assert all(set(value) <= {"sent", "read"} for value in found.values())


def test_a_generator_bug_in_a_schema_outside_the_spec_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schemas = SpecSchemas(_TREE_SPEC)
    monkeypatch.setattr(schemas, "_build", lambda schema, depth, at: st.just("unknown"))

    @settings(max_examples=1, database=None)
    @given(schemas.schema_strategy({"$ref": "#/components/schemas/Status"}))
    def draw(value: Any) -> None:
        raise AssertionError(f"an invalid value reached the test: {value!r}")

    with pytest.raises(GeneratorBug, match="is not one of"):
        draw()


def _depth(node: Any) -> int:
    children = node.get("children", []) if isinstance(node, dict) else []
    return 1 + max((_depth(child) for child in children), default=0)


@pytest.mark.parametrize("optional", ["draw", "all"])
def test_a_recursive_schema_is_generated_and_cut_short(optional: Any) -> None:
    schemas = SpecSchemas(_TREE_SPEC)
    strategy = schemas.schema_strategy({"$ref": "#/components/schemas/Node"}, optional=optional)
    found = _reach_all(
        strategy,
        {"nested": lambda v: _depth(v) >= 2, "int32 bound": lambda v: v["id"] == 2**31 - 1},
    )
    assert _depth(found["nested"]) >= 2
    # The pointer form builds the same schema (its `$ref`s counted the same way).
    assert _reach(schemas, "/components/schemas/Node", lambda v: _depth(v) >= 2)


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
    @given(SpecSchemas(_TREE_SPEC).schema_strategy({}))
    def draw(value: Any) -> None:
        json.dumps(value, allow_nan=False)  # raises on NaN and infinity

    draw()
