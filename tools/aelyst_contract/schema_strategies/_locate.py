"""Finding things in the spec: JSON pointers, `$ref`s, and the schemas of operations.

The one place that walks pointers and follows `$ref`s, so a shared OpenAPI resolver can later
replace it here alone.
"""

from __future__ import annotations

from typing import Any

from aelyst_contract.schema_strategies._model import ANNOTATIONS

__all__ = ["SpecLocator", "escape_pointer_token", "pointer_tokens"]


def escape_pointer_token(token: str) -> str:
    """One reference token of a JSON pointer (RFC 6901: `~` -> `~0`, `/` -> `~1`)."""
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer_tokens(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer (a leading `#` is allowed)."""
    if pointer in ("", "#"):
        return []
    return [_unescape(token) for token in pointer.lstrip("#").lstrip("/").split("/")]


class SpecLocator:
    """Pointers into one OpenAPI 3.1 document: nodes, `$ref` targets, operations' schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec

    def resolve_pointer(self, pointer: str) -> Any:
        """The node at a JSON pointer of the spec."""
        node: Any = self._spec
        for token in pointer_tokens(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def dereference(self, pointer: str) -> str:
        """Follow `$ref`s from the node at `pointer`; the pointer of the node they end on."""
        seen: set[str] = set()
        while True:
            node = self.resolve_pointer(pointer)
            if not (isinstance(node, dict) and "$ref" in node):
                return pointer
            if pointer in seen:
                raise ValueError(f"$ref cycle at {pointer}")
            seen.add(pointer)
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#"):
                raise ValueError(f"only local $refs are supported, got {ref!r} at {pointer}")
            pointer = ref[1:]

    def dereference_ref(self, ref: str) -> str:
        """Pointer a local `$ref` names (follows chains)."""
        if not ref.startswith("#"):
            raise ValueError(f"only local $refs are supported, got {ref!r}")
        pointer = ref[1:]
        node = self.resolve_pointer(pointer)
        if isinstance(node, dict) and set(node) - ANNOTATIONS == {"$ref"}:
            return self.dereference_ref(node["$ref"])
        return pointer

    def operations(self) -> list[tuple[str, str, str]]:
        """(operationId, path template, method) of every operation, in the spec's order."""
        found = []
        for path, item in self._spec.get("paths", {}).items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    found.append((operation["operationId"], path, method))
        return found

    def statuses(self, operation_id: str) -> list[str]:
        """The documented response statuses of an operation, as the spec spells them."""
        pointer, _, _ = self.operation_pointer(operation_id)
        return [str(status) for status in self.resolve_pointer(pointer)["responses"]]

    def operation_pointer(self, operation_id: str) -> tuple[str, str, str]:
        """(pointer of the operation object, path template, method) for an operationId."""
        for path, item in self._spec.get("paths", {}).items():
            for method, operation in item.items():
                if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                    pointer = f"/paths/{escape_pointer_token(path)}/{method}"
                    return pointer, path, method
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
        return f"{response}/content/{escape_pointer_token(media_type)}/schema"

    def request_body_pointer(self, operation_id: str, media_type: str = "application/json") -> str:
        """Pointer of the request body schema of an operation."""
        op_pointer, _, _ = self.operation_pointer(operation_id)
        body = self.dereference(f"{op_pointer}/requestBody")
        return f"{body}/content/{escape_pointer_token(media_type)}/schema"

    def parameter_pointers(self, operation_id: str) -> dict[tuple[str, str], str]:
        """(location, name) -> pointer of the dereferenced parameter, path-level ones included."""
        op_pointer, path, _method = self.operation_pointer(operation_id)
        path_pointer = f"/paths/{escape_pointer_token(path)}"
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
            name: self.dereference(f"{response}/headers/{escape_pointer_token(name)}")
            for name in headers
        }
