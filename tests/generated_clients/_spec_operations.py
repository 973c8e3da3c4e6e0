"""Read the operations, documented statuses and response headers out of the curated specs.

The functional tests iterate these, so an operation or a status added to a spec cannot be forgotten.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from aelyst_contract._specs import HTTP_METHODS, SpecName, load_spec

PACKAGES: dict[SpecName, str] = {
    "contact": "contact_messaging_client",
    "channel": "channel_messaging_client",
}


@dataclass(frozen=True)
class DocumentedResponse:
    status: int
    schema_name: str | None  # components/schemas name of the JSON body
    header_names: tuple[str, ...]


@dataclass(frozen=True)
class SpecOperation:
    api: SpecName
    operation_id: str
    method: str
    path: str
    tag: str
    responses: tuple[DocumentedResponse, ...]

    @property
    def key(self) -> str:
        return f"{self.api}:{self.operation_id}"

    def module(self) -> ModuleType:
        """The generated endpoint module (api/<tag>/<snake_case operationId>.py)."""
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation_id).lower()
        return importlib.import_module(f"{PACKAGES[self.api]}.api.{self.tag}.{snake}")


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _schema_name(response: dict[str, Any]) -> str | None:
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return None
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def spec_operations(api: SpecName) -> list[SpecOperation]:
    document = load_spec(api)
    operations: list[SpecOperation] = []
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            responses = []
            for status, raw in operation["responses"].items():
                response = _resolve(document, raw)
                responses.append(
                    DocumentedResponse(
                        status=int(status),
                        schema_name=_schema_name(response),
                        header_names=tuple(response.get("headers", {})),
                    )
                )
            operations.append(
                SpecOperation(
                    api=api,
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    tag=operation["tags"][0],
                    responses=tuple(responses),
                )
            )
    return operations


ALL_OPERATIONS = [op for api in PACKAGES for op in spec_operations(api)]


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
