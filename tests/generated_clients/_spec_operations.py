"""Read the operations, documented statuses and response headers out of the curated specs.

The functional tests iterate these, so an operation or a status added to a spec cannot be forgotten.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.openapi import Operation, Resolver, operations

PACKAGES: dict[SpecName, str] = {
    "contact": "contact_messaging_client",
    "channel": "channel_messaging_client",
}


@dataclass(frozen=True)
class DocumentedResponse:
    status: int
    schema_name: str | None  # components/schemas name of the JSON body
    header_names: tuple[str, ...]


def _schema_name(response: dict[str, Any]) -> str | None:
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def documented_responses(operation: Operation[SpecName]) -> tuple[DocumentedResponse, ...]:
    """The responses an operation documents, in the spec's order."""
    resolver = Resolver(load_spec(operation.api))
    found = []
    for status, raw in operation.responses.items():
        response = resolver.resolved(raw)
        found.append(
            DocumentedResponse(
                status=int(status),
                schema_name=_schema_name(response),
                header_names=tuple(response.get("headers", {})),
            )
        )
    return tuple(found)


# `str(operation)` is `api:operationId`, the key of its functional case.
ALL_OPERATIONS: list[Operation[SpecName]] = [
    op for api in PACKAGES for op in operations(load_spec(api), api)
]


def server_url(api: SpecName) -> str:
    return str(load_spec(api)["servers"][0]["url"])


def server_path_prefix(api: SpecName) -> str:
    return urlsplit(server_url(api)).path.rstrip("/")


@functools.cache
def _validator(api: SpecName, schema_name: str) -> jsonschema.Draft202012Validator:
    document = load_spec(api)
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    return jsonschema.Draft202012Validator(schema)


def validate_against_schema(api: SpecName, schema_name: str, instance: Any) -> None:
    """Raise unless `instance` is valid for components/schemas/<schema_name> (2020-12)."""
    _validator(api, schema_name).validate(instance)
