"""Operation-level rules: parameters, bodies, statuses, headers, media types, auth, servers."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from aelyst_contract.specdiff import Verdict, diff_specs

B, C = Verdict.BREAKING, Verdict.COMPATIBLE

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "security": [{"bearer": []}],
    "paths": {
        "/things/{id}": {
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "put": {
                "operationId": "putThing",
                "parameters": [{"name": "dryRun", "in": "query", "schema": {"type": "boolean"}}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"X-Rate": {"required": True, "schema": {"type": "integer"}}},
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "404": {"description": "missing"},
                },
            },
        }
    },
    "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
}
PUT = BASE["paths"]["/things/{id}"]["put"]


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/things/{id}"]["put"]
    return operation


def _add_required_query(s: dict[str, Any]) -> None:
    _op(s)["parameters"].append({"name": "v", "in": "query", "required": True, "schema": {}})


def _add_optional_query(s: dict[str, Any]) -> None:
    _op(s)["parameters"].append({"name": "v", "in": "query", "schema": {}})


def _add_api_key_alternative(s: dict[str, Any]) -> None:
    s["components"]["securitySchemes"]["key"] = {"type": "apiKey", "in": "header", "name": "K"}
    s["security"].append({"key": []})


CASES: list[tuple[str, Callable[[dict[str, Any]], Any], str, Verdict, Verdict]] = [
    ("remove query parameter", lambda s: _op(s)["parameters"].clear(), "parameter-removed", B, C),
    ("add required query parameter", _add_required_query, "parameter-added", B, B),
    ("add optional query parameter", _add_optional_query, "parameter-added", C, B),
    (
        "query parameter becomes required",
        lambda s: _op(s)["parameters"][0].update(required=True),
        "parameter-now-required",
        B,
        C,
    ),
    (
        "body becomes optional",
        lambda s: _op(s)["requestBody"].update(required=False),
        "request-body-now-optional",
        C,
        B,
    ),
    ("remove 404", lambda s: _op(s)["responses"].pop("404"), "response-status-removed", C, B),
    ("remove 200", lambda s: _op(s)["responses"].pop("200"), "response-status-removed", B, B),
    (
        "add 409 (an IANA status: old clients get parsed=None)",
        lambda s: _op(s)["responses"].update({"409": {"description": "conflict"}}),
        "response-status-added",
        C,
        C,
    ),
    (
        "add 449 (with the project's templates, parsed=None like any error status)",
        lambda s: _op(s)["responses"].update({"449": {"description": "queued"}}),
        "response-status-added",
        C,
        C,
    ),
    (
        "add 201 (a success body old clients do not parse)",
        lambda s: _op(s)["responses"].update({"201": {"description": "created"}}),
        "response-status-added",
        B,
        C,
    ),
    (
        "remove a response header",
        lambda s: _op(s)["responses"]["200"].pop("headers"),
        "response-header-removed",
        B,
        C,
    ),
    (
        "response header becomes optional",
        lambda s: _op(s)["responses"]["200"]["headers"]["X-Rate"].update(required=False),
        "response-header-now-optional",
        B,
        C,
    ),
    (
        # Content negotiation: clients keep getting the JSON they ask for (the false
        # alarm; `--policy response-media-type-added=breaking` restores the old reading).
        "add a response media type",
        lambda s: _op(s)["responses"]["200"]["content"].update({"text/plain": {}}),
        "media-type-added",
        C,
        C,
    ),
    (
        "remove the request media type",
        lambda s: _op(s)["requestBody"]["content"].clear(),
        "media-type-removed",
        B,
        C,
    ),
    ("accept an API key too", _add_api_key_alternative, "security-changed", C, B),
    ("drop auth entirely", lambda s: s.update(security=[]), "security-changed", C, B),
    (
        "add auth to an open operation",
        lambda s: _op(s).update(security=[{"bearer": ["admin"]}]),
        "security-changed",
        B,
        C,
    ),
    (
        "move to /v2",
        lambda s: s.update(servers=[{"url": "https://api.example.com/v2"}]),
        "server-url-changed",
        B,
        B,
    ),
    (
        "deprecate the operation",
        lambda s: _op(s).update(deprecated=True),
        "operation-deprecated",
        C,
        C,
    ),
    (
        "change how a query parameter is spelled",
        lambda s: _op(s)["parameters"][0].update(style="deepObject"),
        "parameter-serialization-changed",
        B,
        B,
    ),
    (
        "drop the request body",
        lambda s: _op(s).pop("requestBody"),
        "request-body-removed",
        B,
        C,
    ),
    (
        "rename the operation",
        lambda s: _op(s).update(operationId="replaceThing"),
        "operation-id-changed",
        C,
        C,
    ),
]


@pytest.mark.parametrize(
    ("change", "mutate", "kind", "client", "server"), CASES, ids=[c[0] for c in CASES]
)
def test_operation_level_change(
    change: str,
    mutate: Callable[[dict[str, Any]], Any],
    kind: str,
    client: Verdict,
    server: Verdict,
) -> None:
    new = copy.deepcopy(BASE)
    mutate(new)
    findings = [f for f in diff_specs(BASE, new) if f.kind != "documentation-changed"]
    assert [(f.kind, f.client, f.server) for f in findings] == [(kind, client, server)], change


def test_adding_scopes_to_a_requirement_breaks_clients() -> None:
    # "add auth to an open operation" above is really "change scopes"; this is the open case.
    old = copy.deepcopy(BASE)
    _op(old)["security"] = [{}]
    new = copy.deepcopy(BASE)
    (finding,) = diff_specs(old, new)
    assert (finding.kind, finding.client, finding.server) == ("security-changed", B, C)
    assert finding.old == "anonymous"
