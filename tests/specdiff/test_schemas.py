"""Schema rules on small inline specs: direction, unions, recursion, 3.0 `nullable`."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from aelyst_contract.specdiff import Verdict, diff_specs

B, C = Verdict.BREAKING, Verdict.COMPATIBLE


def _spec(request: Any, response: Any, schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "makeThing",
                    "requestBody": {"content": {"application/json": {"schema": request}}},
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": response}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas or {}},
    }


def _verdicts(old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str, Verdict, Verdict]]:
    return {
        (f.kind, f.pointer.split("/schema", 1)[1], f.client, f.server)
        for f in diff_specs(old, new)
        if f.kind != "documentation-changed"
    }


@pytest.mark.parametrize(
    ("before", "after", "kind", "request_verdicts", "response_verdicts"),
    [
        ({"type": "integer"}, {"type": "number"}, "type-changed", (C, B), (B, C)),
        ({"type": "number"}, {"type": "integer"}, "type-changed", (B, C), (C, B)),
        ({"type": "string"}, {"type": "integer"}, "type-changed", (B, B), (B, B)),
        ({"type": "string"}, {"type": "string", "nullable": True}, "type-changed", (C, B), (B, C)),
        (
            {"type": "string"},
            {"type": "string", "minLength": 2},
            "constraint-narrowed",
            (B, C),
            (C, B),
        ),
        (
            {"type": "string", "pattern": "a"},
            {"type": "string", "pattern": "b"},
            "constraint-changed",
            (B, B),
            (B, B),
        ),
        (
            {"type": "integer", "multipleOf": 2},
            {"type": "integer", "multipleOf": 4},
            "constraint-narrowed",
            (B, C),
            (C, B),
        ),
        (
            {"type": "string", "enum": ["a"]},
            {"type": "string", "enum": ["a", "b"]},
            "enum-value-added",
            (C, B),
            (B, C),
        ),
        (
            {"type": "string", "const": "a"},
            {"type": "string", "const": "b"},
            "enum-value-added",
            (C, B),
            (B, C),
        ),
    ],
)
def test_the_same_change_breaks_the_writer_side_or_the_reader_side(
    before: dict[str, Any],
    after: dict[str, Any],
    kind: str,
    request_verdicts: tuple[Verdict, Verdict],
    response_verdicts: tuple[Verdict, Verdict],
) -> None:
    as_request = _verdicts(_spec(before, {}), _spec(after, {}))
    as_response = _verdicts(_spec({}, before), _spec({}, after))
    assert (kind, *request_verdicts) in {(k, c, s) for k, _, c, s in as_request}
    assert (kind, *response_verdicts) in {(k, c, s) for k, _, c, s in as_response}


def test_a_recursive_schema_is_compared_without_looping() -> None:
    node = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "maxLength": 10},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    old = _spec({}, {"$ref": "#/components/schemas/Node"}, {"Node": node})
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Node"]["properties"]["name"]["maxLength"] = 5
    found = _verdicts(old, new)
    assert ("constraint-narrowed", "/properties/name/maxLength", C, B) in found


def test_union_variants_are_matched_by_their_discriminating_const_not_by_position() -> None:
    text = {"type": "object", "properties": {"type": {"const": "text"}, "text": {"type": "string"}}}
    image = {
        "type": "object",
        "properties": {"type": {"const": "image"}, "url": {"type": "string"}},
    }
    video = {
        "type": "object",
        "properties": {"type": {"const": "video"}, "url": {"type": "string"}},
    }
    old = _spec({}, {"oneOf": [text, image]})
    new = _spec({}, {"oneOf": [video, text, image]})  # inserted first: positions shift
    assert _verdicts(old, new) == {("variant-added", "/oneOf/0", B, C)}


def test_a_plain_schema_that_becomes_a_union_widens() -> None:
    old = _spec({}, {"type": "string"})
    new = _spec({}, {"oneOf": [{"type": "string"}, {"type": "integer"}]})
    assert _verdicts(old, new) == {("variant-added", "/oneOf/1", B, C)}


def test_renamed_component_changes_the_generated_code_but_not_the_wire() -> None:
    thing = {"type": "object", "properties": {"id": {"type": "integer"}}}
    old = _spec({}, {"$ref": "#/components/schemas/Thing"}, {"Thing": thing})
    new = _spec({}, {"$ref": "#/components/schemas/Item"}, {"Item": thing})
    (finding,) = diff_specs(old, new)
    assert finding.kind == "schema-renamed"
    assert (finding.client, finding.server) == (C, C)
    assert finding.renames_generated_code


@pytest.mark.parametrize(
    ("before", "after", "kind", "request_verdicts", "response_verdicts"),
    [
        (
            {"type": "object", "properties": {"a": {}}},
            {"type": "object", "properties": {"a": {}}, "additionalProperties": False},
            "constraint-narrowed",
            (B, C),
            (C, B),
        ),
        (
            {"type": "object", "properties": {"a": {}, "b": {}}},
            {"type": "object", "properties": {"a": {}}},
            "property-removed",
            (B, C),
            (B, C),
        ),
        ({"type": "string"}, {"type": "string", "enum": ["a"]}, "enum-added", (B, C), (C, B)),
        ({"type": "string"}, {"type": "string", "default": "a"}, "default-added", (C, B), (C, C)),
        ({"type": "string", "default": "a"}, {"type": "string"}, "default-removed", (B, C), (C, C)),
        (
            {"type": "array"},
            {"type": "array", "uniqueItems": True},
            "constraint-narrowed",
            (B, C),
            (C, B),
        ),
        (
            {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            {"oneOf": [{"type": "string"}]},
            "variant-removed",
            (B, C),
            (C, B),
        ),
    ],
)
def test_more_keyword_rules(
    before: dict[str, Any],
    after: dict[str, Any],
    kind: str,
    request_verdicts: tuple[Verdict, Verdict],
    response_verdicts: tuple[Verdict, Verdict],
) -> None:
    as_request = _verdicts(_spec(before, {}), _spec(after, {}))
    as_response = _verdicts(_spec({}, before), _spec({}, after))
    assert {(k, c, s) for k, _, c, s in as_request} == {(kind, *request_verdicts)}
    assert {(k, c, s) for k, _, c, s in as_response} == {(kind, *response_verdicts)}


def test_a_removed_required_response_field_names_the_keyerror() -> None:
    before = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
    after = {"type": "object", "properties": {}}
    (finding,) = diff_specs(_spec({}, before), _spec({}, after))
    assert finding.kind == "property-removed"
    assert "KeyError" in finding.message
