"""aelyst_contract.openapi operations: order, fields, parameters and the response fallback."""

from __future__ import annotations

from typing import Any

import pytest

from aelyst_contract._specs import load_spec
from aelyst_contract.openapi import HTTP_METHODS, Operation, RefError, Resolver, operations

DOCUMENT: dict[str, Any] = {
    "paths": {
        "/items/{itemId}": {
            "summary": "not an operation",
            "parameters": [
                {"$ref": "#/components/parameters/ItemId"},
                {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
            ],
            "post": {
                "operationId": "replaceItem",
                "tags": ["items", "second"],
                "parameters": [{"name": "verbose", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "ok"},
                    "4XX": {"$ref": "#/components/responses/ClientError"},
                    "default": {"description": "anything else"},
                },
            },
            "get": {"operationId": "getItem", "responses": {"200": {"description": "ok"}}},
            "x-internal": {"operationId": "notAnOperation"},
        },
        "/a~b/{x}": {"$ref": "#/components/pathItems/Shared"},
        "/broken": {"$ref": "other.yaml#/paths/~1x"},
    },
    "components": {
        "parameters": {"ItemId": {"name": "itemId", "in": "path", "required": True}},
        "responses": {"ClientError": {"description": "your fault"}},
        "pathItems": {"Shared": {"delete": {"responses": {"204": {"description": "gone"}}}}},
    },
}


def test_operations_come_in_document_then_openapi_method_order() -> None:
    found = [op.route for op in operations(DOCUMENT)]
    assert found == ["GET /items/{itemId}", "POST /items/{itemId}", "DELETE /a~b/{x}"]
    assert HTTP_METHODS.index("get") < HTTP_METHODS.index("post")


def test_fields_and_derived_names() -> None:
    get, post, delete = operations(DOCUMENT, "shop")
    assert (post.api, post.method, post.path, post.operation_id) == (
        "shop",
        "POST",
        "/items/{itemId}",
        "replaceItem",
    )
    assert post.node is DOCUMENT["paths"]["/items/{itemId}"]["post"]
    assert post.path_item is DOCUMENT["paths"]["/items/{itemId}"]
    assert post.pointer == "/paths/~1items~1{itemId}/post"
    assert post.label == "replaceItem"
    assert str(post) == "shop:replaceItem"
    assert post.tag == "items"
    assert get.tag == "default"
    assert post.template == "/items/{}"
    assert post.path_parameters == ("itemId",)
    # A path item behind a local $ref is followed; no operationId: the route names it.
    assert delete.operation_id == ""
    assert delete.label == "DELETE /a~b/{x}"
    assert delete.pointer == "/paths/~1a~0b~1{x}/delete"
    assert str(next(operations(DOCUMENT))) == "getItem"  # no api: just the label


def test_parameters_are_resolved_and_operation_level_ones_win() -> None:
    get, post, _ = operations(DOCUMENT)
    assert set(post.parameters) == {("path", "itemId"), ("query", "verbose")}
    assert post.parameters[("path", "itemId")]["required"] is True
    assert post.parameters[("query", "verbose")]["schema"] == {"type": "string"}
    assert get.parameters[("query", "verbose")]["schema"] == {"type": "boolean"}


def test_equality_and_hash_ignore_the_nodes() -> None:
    first, second = next(operations(DOCUMENT, "shop")), next(operations(DOCUMENT, "shop"))
    assert first == second
    assert hash(first) == hash(second)
    assert first != next(operations(DOCUMENT, "other"))
    assert len({*operations(DOCUMENT), *operations(DOCUMENT)}) == 3


@pytest.mark.parametrize(
    ("status", "key"),
    [(200, "200"), ("200", "200"), (404, "4XX"), (499, "4XX"), (500, "default"), (201, "default")],
)
def test_response_lookup_falls_back_to_the_range_then_default(status: int | str, key: str) -> None:
    post = list(operations(DOCUMENT))[1]
    assert post.statuses == ("200", "4XX", "default")
    assert post.response_key(status) == key
    assert post.response(status) is post.responses[key]


def test_no_response_covers_an_undocumented_status_without_default() -> None:
    get = next(operations(DOCUMENT))
    assert get.response_key(404) is None
    assert get.response(404) is None
    assert get.response(200) == {"description": "ok"}


def test_a_strict_resolver_refuses_a_path_item_it_cannot_follow() -> None:
    with pytest.raises(RefError, match="only local"):
        list(operations(DOCUMENT, resolver=Resolver(DOCUMENT)))


def test_curated_specs_operations_all_have_ids_and_tags() -> None:
    for name in ("contact", "channel"):
        found: list[Operation[str]] = list(operations(load_spec(name), name))
        assert found
        assert all(op.operation_id and op.tag != "default" for op in found)
        assert len({op.operation_id for op in found}) == len(found)


def test_parameters_that_cannot_be_followed_are_left_out_even_with_a_strict_resolver() -> None:
    document: dict[str, Any] = {
        "paths": {
            "/x": {
                "get": {
                    "parameters": [
                        {"$ref": "#/components/parameters/Nowhere"},
                        {"name": "kept", "in": "query"},
                    ]
                }
            }
        }
    }
    (operation,) = operations(document, resolver=Resolver(document))
    assert set(operation.parameters) == {("query", "kept")}
