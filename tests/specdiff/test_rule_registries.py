"""Diff rules are registered functions: one decorated function is a rule, run where it belongs."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

import pytest

from aelyst_contract._registry import DuplicateRegistrationError, Registry
from aelyst_contract.specdiff import Verdict, _operations, _schemas, diff_specs
from aelyst_contract.specdiff._operations import (
    DOCUMENT_RULES,
    OPERATION_RULES,
    RESPONSE_RULES,
    DiffContext,
    OperationPair,
    ResponsePair,
    document_rule,
    operation_rule,
    response_rule,
)
from aelyst_contract.specdiff._schemas import (
    SCHEMA_RULES,
    Schema,
    SchemaComparison,
    Spot,
    schema_rule,
)

C = Verdict.COMPATIBLE
M = TypeVar("M")

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1.0.0"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "listThings",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"name": {"type": "string"}},
                                }
                            }
                        },
                    },
                    "404": {"description": "none"},
                },
            },
            "post": {"operationId": "addThing", "responses": {"201": {"description": "made"}}},
        }
    },
}


def _copy_of(registry: Registry[Any, M]) -> Registry[Any, M]:
    fresh: Registry[Any, M] = Registry(registry.kind)
    for entry in registry:
        fresh.add(entry.name, entry.function, entry.metadata, description=entry.description)
    return fresh


@pytest.fixture
def scratch_registries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rules registered inside a test go to copies of the registries, gone after the test."""
    for module, name in (
        (_schemas, "SCHEMA_RULES"),
        (_operations, "DOCUMENT_RULES"),
        (_operations, "OPERATION_RULES"),
        (_operations, "RESPONSE_RULES"),
    ):
        monkeypatch.setattr(module, name, _copy_of(getattr(module, name)))


def _mark(d: DiffContext, kind: str, operation: str, pointer: str) -> None:
    d.add(kind, (operation, pointer), (C, C), old=None, new=None, message=kind)


@pytest.mark.usefixtures("scratch_registries")
def test_a_decorated_document_rule_runs_once() -> None:
    @document_rule("test-document")
    def mark_document(d: DiffContext) -> None:
        _mark(d, "test-document", "(all operations)", "/")

    found = [f for f in diff_specs(SPEC, copy.deepcopy(SPEC)) if f.kind == "test-document"]

    assert len(found) == 1


@pytest.mark.usefixtures("scratch_registries")
def test_a_decorated_operation_rule_runs_on_every_operation_in_both_documents() -> None:
    new = copy.deepcopy(SPEC)
    new["paths"]["/other"] = {"get": {"operationId": "other", "responses": {}}}

    @operation_rule("test-operation")
    def mark_operation(d: DiffContext, pair: OperationPair) -> None:
        _mark(d, "test-operation", pair.label, pair.new.pointer)

    found = [f.operation for f in diff_specs(SPEC, new) if f.kind == "test-operation"]

    assert found == ["addThing", "listThings"]  # not `other`: it is only in NEW


@pytest.mark.usefixtures("scratch_registries")
def test_a_decorated_response_rule_runs_on_every_status_declared_in_both() -> None:
    new = copy.deepcopy(SPEC)
    del new["paths"]["/things"]["get"]["responses"]["404"]

    @response_rule("test-response")
    def mark_response(d: DiffContext, response: ResponsePair) -> None:
        _mark(d, "test-response", response.label, response.spot.pointer)

    found = [(f.operation, f.pointer) for f in diff_specs(SPEC, new) if f.kind == "test-response"]

    assert found == [
        ("addThing", "/paths/~1things/post/responses/201"),
        ("listThings", "/paths/~1things/get/responses/200"),
    ]


@pytest.mark.usefixtures("scratch_registries")
def test_a_decorated_schema_rule_runs_on_nested_schemas_too() -> None:
    @schema_rule("test-schema")
    def mark_schema(c: SchemaComparison, old: Schema, new: Schema, spot: Spot) -> None:
        c.add("test-schema", spot, (C, C), old=None, new=None, message="seen")

    found = [f.pointer for f in diff_specs(SPEC, copy.deepcopy(SPEC)) if f.kind == "test-schema"]

    body = "/paths/~1things/get/responses/200/content/application~1json/schema"
    assert found == [body, f"{body}/properties/name"]


@pytest.mark.usefixtures("scratch_registries")
def test_the_scratch_registries_leave_the_real_ones_alone() -> None:
    @operation_rule("test-scratch")
    def scratch(d: DiffContext, pair: OperationPair) -> None:
        pass

    assert "test-scratch" in _operations.OPERATION_RULES
    assert "test-scratch" not in OPERATION_RULES


@pytest.mark.parametrize(
    ("register", "taken"),
    [
        (document_rule, "servers"),
        (operation_rule, "parameters"),
        (response_rule, "response-headers"),
        (schema_rule, "enum"),
    ],
)
def test_a_second_rule_under_a_taken_name_is_refused(register: Any, taken: str) -> None:
    def duplicate(*args: Any) -> None:
        pass

    with pytest.raises(DuplicateRegistrationError, match=f"'{taken}' is registered already"):
        register(taken)(duplicate)


def test_every_diff_rule_is_described() -> None:
    registries: list[Registry[Any, Any]] = [
        DOCUMENT_RULES,
        OPERATION_RULES,
        RESPONSE_RULES,
        SCHEMA_RULES,
    ]
    undescribed = [
        f"{registry.kind} {entry.name}"
        for registry in registries
        for entry in registry
        if not entry.description
    ]
    assert undescribed == []


def test_only_the_annotation_keywords_are_compared_beside_a_union() -> None:
    beside = [entry.name for entry in SCHEMA_RULES if entry.metadata.beside_unions]
    # `discriminator` lives beside the oneOf it tells apart; `deprecated` is an annotation.
    assert beside == ["default", "title", "description", "deprecated", "discriminator"]


def test_a_description_beside_a_union_is_compared() -> None:
    union = {"oneOf": [{"type": "string"}, {"type": "integer"}], "description": "old"}
    old, new = copy.deepcopy(SPEC), copy.deepcopy(SPEC)
    media = "/things", "get", "200"
    old["paths"][media[0]][media[1]]["responses"][media[2]]["content"]["application/json"] = {
        "schema": union
    }
    new["paths"][media[0]][media[1]]["responses"][media[2]]["content"]["application/json"] = {
        "schema": {**union, "description": "new"}
    }

    found = [(f.kind, f.old, f.new) for f in diff_specs(old, new)]

    assert found == [("documentation-changed", "old", "new")]
