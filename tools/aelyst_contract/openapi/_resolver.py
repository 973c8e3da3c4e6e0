"""Following local `$ref`s (`#/...` pointers into the same document)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aelyst_contract.openapi._pointer import node_at

__all__ = ["RefError", "Resolver"]


class RefError(ValueError):
    """A `$ref` that cannot be followed: external, dangling, or part of a cycle."""


class Resolver:
    """Follows `$ref` chains in one document.

    `strict` (the default): a `$ref` that cannot be followed raises `RefError`. Lenient
    (`strict=False`): the chain stops there and the node holding that `$ref` comes back as it is,
    for callers that treat such a node as opaque.

    `siblings_override`: keywords beside a `$ref` replace the target's (the outermost wins), as
    OpenAPI's `summary`/`description` beside a Reference Object do. Off by default: in a JSON
    Schema, keywords beside a `$ref` apply *in addition to* it, and the resolved node is then
    just the target.
    """

    def __init__(
        self, document: Mapping[str, Any], *, strict: bool = True, siblings_override: bool = False
    ) -> None:
        self.document = document
        self.strict = strict
        self.siblings_override = siblings_override

    def pointer_of(self, ref: str) -> str:
        """The pointer a local `$ref` names (`#/a/b` -> `/a/b`); RefError for any other `$ref`."""
        if not ref.startswith("#"):
            raise RefError(f"only local $refs are supported, got {ref!r}")
        pointer = ref[1:]
        if pointer and not pointer.startswith("/"):
            raise RefError(f"unsupported $ref {ref!r}")
        return pointer

    def lookup(self, ref: str) -> Any:
        """The node a local `$ref` names (a `$ref` there is not followed); RefError when there is
        none, whatever the mode."""
        try:
            return node_at(self.document, self.pointer_of(ref))
        except KeyError:
            raise RefError(f"dangling $ref {ref!r}") from None

    def resolve(self, node: Any, where: str = "") -> tuple[Any, str]:
        """(the node with its `$ref` chain followed, the pointer of that definition).

        `where` is the pointer of `node` itself: it comes back when `node` holds no `$ref`.
        """
        seen: set[str] = set()
        overrides: dict[str, Any] = {}
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            try:
                pointer = self.pointer_of(ref)
                if pointer in seen:
                    raise RefError(f"$ref cycle through {ref!r}")
                target = self.lookup(ref)
            except RefError:
                if self.strict:
                    raise
                break
            seen.add(pointer)
            if self.siblings_override:
                overrides = {**{k: v for k, v in node.items() if k != "$ref"}, **overrides}
            node, where = target, pointer
        if overrides and isinstance(node, Mapping):
            node = {**node, **overrides}
        return node, where

    def resolved(self, node: Any) -> Any:
        """The node with its `$ref` chain followed (`resolve` without the pointer)."""
        return self.resolve(node)[0]

    def dereference(self, pointer: str) -> str:
        """The pointer of the definition the node at `pointer` ends on after its `$ref` chain
        (`pointer` itself when that node holds no `$ref`). A KeyError when `pointer` names
        nothing."""
        return self.resolve(node_at(self.document, pointer), pointer)[1]
