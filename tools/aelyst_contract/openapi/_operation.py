"""The operations of an OpenAPI document: one `Operation` per method of each path item."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from aelyst_contract.openapi._nodes import mapping, sequence
from aelyst_contract.openapi._pointer import join_pointer
from aelyst_contract.openapi._resolver import Resolver

__all__ = ["HTTP_METHODS", "Operation", "operations"]

# Every method an OpenAPI path item may hold, in the order the OpenAPI spec lists them.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_PATH_PARAMETER = re.compile(r"\{([^}]*)\}")

# The name the caller gave the document an operation comes from ("contact", "channel", None).
ApiT = TypeVar("ApiT")


@dataclass(frozen=True)
class Operation(Generic[ApiT]):
    """One operation of one document. Equal (and hashed) by api, method, path and operationId;
    the document nodes ride along uncompared."""

    api: ApiT
    method: str  # upper case, as on the wire: "GET"
    path: str  # the path template as the document spells it: /contact/{identifier}/message
    operation_id: str  # "" when the document gives none (see `label`)
    node: dict[str, Any] = field(compare=False, repr=False)
    path_item: dict[str, Any] = field(compare=False, repr=False)
    # (in, name) -> the parameter object, $ref followed; operation-level ones replace path-level
    # ones of the same (in, name).
    parameters: Mapping[tuple[str, str], Mapping[str, Any]] = field(compare=False, repr=False)

    def __str__(self) -> str:
        return self.label if self.api is None else f"{self.api}:{self.label}"

    @property
    def pointer(self) -> str:
        """The JSON pointer of the operation object: /paths/~1contact~1{identifier}/get."""
        return join_pointer("", "paths", self.path, self.method.lower())

    @property
    def route(self) -> str:
        """Method and path template: `GET /contact/{identifier}/message/list`."""
        return f"{self.method} {self.path}"

    @property
    def label(self) -> str:
        """How to name the operation to a person: its operationId, else its route."""
        return self.operation_id or self.route

    @property
    def template(self) -> str:
        """The path template with its parameters unnamed (`/contact/{}/message`): the same URLs
        whatever the parameters are called."""
        return _PATH_PARAMETER.sub("{}", self.path)

    @property
    def path_parameters(self) -> tuple[str, ...]:
        """The parameter names of the path template, in order."""
        return tuple(_PATH_PARAMETER.findall(self.path))

    @property
    def tag(self) -> str:
        """The first tag; `default` for an untagged operation (openapi-python-client's name)."""
        tags = sequence(self.node.get("tags"))
        return str(tags[0]) if tags else "default"

    @property
    def responses(self) -> dict[str, Any]:
        """Status as the document spells it ("200", "4XX", "default") -> response or `$ref`."""
        return {
            str(status): response
            for status, response in mapping(self.node.get("responses")).items()
        }

    @property
    def statuses(self) -> tuple[str, ...]:
        """The documented statuses, in the document's order."""
        return tuple(self.responses)

    def response_key(self, status: int | str) -> str | None:
        """The documented status that covers `status`: itself, else its range (`4XX`), else
        `default`; None when none does."""
        responses = self.responses
        for key in (str(status), f"{str(status)[:1]}XX", "default"):
            if key in responses:
                return key
        return None

    def response(self, status: int | str) -> Any | None:
        """The response (or its `$ref`) that covers `status` (see `response_key`)."""
        key = self.response_key(status)
        return None if key is None else self.responses[key]


@overload
def operations(
    document: Mapping[str, Any], *, resolver: Resolver | None = None
) -> Iterator[Operation[None]]: ...
@overload
def operations(
    document: Mapping[str, Any], api: ApiT, *, resolver: Resolver | None = None
) -> Iterator[Operation[ApiT]]: ...
def operations(
    document: Mapping[str, Any], api: Any = None, *, resolver: Resolver | None = None
) -> Iterator[Operation[Any]]:
    """Every operation of `document`: paths in the document's order, then methods in
    `HTTP_METHODS` order; each tagged with `api`.

    `resolver` follows the path items' `$ref`s: by default a lenient one, so a path item that
    cannot be followed has no operations; a strict one raises `RefError` for it. Parameters are
    always resolved leniently (one that cannot be followed is left out of `parameters`): a reader
    that must fail on them resolves `node["parameters"]` with its own strict resolver.
    """
    resolver = resolver or Resolver(document, strict=False)
    lenient = resolver if not resolver.strict else Resolver(document, strict=False)
    for path, raw_item in mapping(document.get("paths")).items():
        path_item = mapping(resolver.resolved(raw_item))
        shared = _parameters(lenient, path_item)
        for method in HTTP_METHODS:
            node = path_item.get(method)
            if not isinstance(node, dict):
                continue
            operation_id = node.get("operationId")
            yield Operation(
                api=api,
                method=method.upper(),
                path=str(path),
                operation_id=operation_id if isinstance(operation_id, str) else "",
                node=node,
                path_item=path_item,
                parameters={**shared, **_parameters(lenient, node)},
            )


def _parameters(
    resolver: Resolver, owner: Mapping[str, Any]
) -> dict[tuple[str, str], Mapping[str, Any]]:
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for raw in sequence(owner.get("parameters")):
        parameter = resolver.resolved(raw)
        if isinstance(parameter, Mapping):
            location, name = parameter.get("in"), parameter.get("name")
            if isinstance(location, str) and isinstance(name, str):
                found[(location, name)] = parameter
    return found
