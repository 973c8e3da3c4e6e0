"""Local `$ref` resolution (`#/...` pointers into the same document)."""

from __future__ import annotations

from typing import Any

__all__ = ["RefError", "Resolver", "escape_token", "join_pointer", "mapping", "sequence"]


class RefError(ValueError):
    """A `$ref` that cannot be followed (external, dangling or cyclic without content)."""


def mapping(node: Any) -> dict[str, Any]:
    """The node if it is a mapping, else an empty one: a malformed spec compares as "absent"."""
    return node if isinstance(node, dict) else {}


def sequence(node: Any) -> list[Any]:
    """The node if it is a list, else an empty one."""
    return node if isinstance(node, list) else []


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape_token(str(token)) for token in tokens)


class Resolver:
    """Follows `#/...` references in one document; keywords beside a `$ref` override the target."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def lookup(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise RefError(f"only local $refs are supported, got {ref!r}")
        node: Any = self.document
        pointer = ref[1:]
        if pointer and not pointer.startswith("/"):
            raise RefError(f"unsupported $ref {ref!r}")
        for raw in pointer.split("/")[1:] if pointer else []:
            token = _unescape_token(raw)
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise RefError(f"dangling $ref {ref!r}")
        return node

    def resolve(self, node: Any, where: str) -> tuple[Any, str]:
        """(the node with its `$ref` chain followed, the pointer of the real definition)."""
        seen: set[str] = set()
        overrides: dict[str, Any] = {}
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise RefError(f"$ref cycle through {ref!r}")
            seen.add(ref)
            overrides = {**{k: v for k, v in node.items() if k != "$ref"}, **overrides}
            node = self.lookup(ref)
            where = ref[1:]
        if overrides and isinstance(node, dict):
            node = {**node, **overrides}
        return node, where
