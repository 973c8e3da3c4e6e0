"""Finding things in the spec: nodes at pointers, `$ref` targets, and the schemas of operations.

Pointers, `$ref`s and operations are read through the shared OpenAPI layer
(`aelyst_contract.openapi`); what is kept here is how this package names things (pointers to the
dereferenced objects, operations by operationId).
"""

from __future__ import annotations

from typing import Any

from aelyst_contract.openapi import Operation, Resolver, escape_token, node_at, operations
from aelyst_contract.schema_strategies._model import ANNOTATIONS

__all__ = ["SpecLocator"]


class SpecLocator:
    """Pointers into one OpenAPI 3.1 document: nodes, `$ref` targets, operations' schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self._resolver = Resolver(spec)

    def resolve_pointer(self, pointer: str) -> Any:
        """The node at a JSON pointer of the spec (a KeyError when there is none)."""
        return node_at(self._spec, pointer)

    def lookup(self, ref: str) -> Any:
        """The node a local `$ref` names, a `$ref` there left unfollowed (a RefError when there
        is none)."""
        return self._resolver.lookup(ref)

    def dereference(self, pointer: str) -> str:
        """Follow `$ref`s from the node at `pointer`; the pointer of the node they end on (a
        RefError for a `$ref` that cannot be followed)."""
        return self._resolver.dereference(pointer)

    def dereference_ref(self, ref: str) -> str:
        """Pointer a local `$ref` names, following the `$ref`s it leads to while nothing but
        annotations sits beside them (a `$ref` with constraints beside it is a schema of its own).
        """
        pointer = self._resolver.pointer_of(ref)
        node = node_at(self._spec, pointer)
        if isinstance(node, dict) and set(node) - ANNOTATIONS == {"$ref"}:
            return self.dereference_ref(node["$ref"])
        return pointer

    def operations(self) -> list[tuple[str, str, str]]:
        """(operationId, path template, method) of every operation that has an operationId:
        paths in the spec's order, then methods in `openapi.HTTP_METHODS` order."""
        return [
            (operation.operation_id, operation.path, operation.method.lower())
            for operation in operations(self._spec)
            if operation.operation_id
        ]

    def statuses(self, operation_id: str) -> list[str]:
        """The documented response statuses of an operation, as the spec spells them."""
        return list(self._operation(operation_id).statuses)

    def operation_pointer(self, operation_id: str) -> tuple[str, str, str]:
        """(pointer of the operation object, path template, method) for an operationId."""
        operation = self._operation(operation_id)
        return operation.pointer, operation.path, operation.method.lower()

    def _operation(self, operation_id: str) -> Operation[None]:
        for operation in operations(self._spec):
            if operation.operation_id == operation_id:
                return operation
        raise KeyError(f"no operation {operation_id!r} in the spec")

    def response_pointer(self, operation_id: str, status: str) -> str:
        """Pointer of the (dereferenced) response object of an operation's status."""
        op_pointer, _, _ = self.operation_pointer(operation_id)
        return self.dereference(f"{op_pointer}/responses/{status}")

    def response_body_pointer(
        self, operation_id: str, status: str, media_type: str = "application/json"
    ) -> str:
        """Pointer of the body schema of an operation's response."""
        response = self.response_pointer(operation_id, status)
        return f"{response}/content/{escape_token(media_type)}/schema"

    def request_body_pointer(self, operation_id: str, media_type: str = "application/json") -> str:
        """Pointer of the request body schema of an operation."""
        op_pointer, _, _ = self.operation_pointer(operation_id)
        body = self.dereference(f"{op_pointer}/requestBody")
        return f"{body}/content/{escape_token(media_type)}/schema"

    def parameter_pointers(self, operation_id: str) -> dict[tuple[str, str], str]:
        """(location, name) -> pointer of the dereferenced parameter, path-level ones included."""
        op_pointer, path, _method = self.operation_pointer(operation_id)
        path_pointer = f"/paths/{escape_token(path)}"
        found: dict[tuple[str, str], str] = {}
        for owner in (path_pointer, op_pointer):  # operation-level ones override path-level ones
            for index, _ in enumerate(self.resolve_pointer(owner).get("parameters", [])):
                pointer = self.dereference(f"{owner}/parameters/{index}")
                parameter = self.resolve_pointer(pointer)
                found[(parameter["in"], parameter["name"])] = pointer
        return found

    def parameter_schema_pointer(self, operation_id: str, location: str, name: str) -> str:
        """Pointer of a parameter's schema."""
        return f"{self.parameter_pointers(operation_id)[(location, name)]}/schema"

    def response_header_pointers(self, operation_id: str, status: str) -> dict[str, str]:
        """Header name -> pointer of the dereferenced header object of a response."""
        response = self.response_pointer(operation_id, status)
        headers = self.resolve_pointer(response).get("headers", {})
        return {
            name: self.dereference(f"{response}/headers/{escape_token(name)}") for name in headers
        }
