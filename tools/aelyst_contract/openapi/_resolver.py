"""Following `$ref`s: local ones (`#/...` pointers into the same document) and, when the caller
passes a loader, external ones (`other.yaml#/...`, relative to the document that holds them)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from typing import Any

from aelyst_contract.openapi._pointer import node_at

__all__ = ["ExternalLoader", "RefError", "Resolver"]

# Reads an external document: given its path relative to the root document's directory (POSIX
# spelling, e.g. `schemas/pet.yaml`), its parsed content. Raises RefError when it cannot.
ExternalLoader = Callable[[str], Mapping[str, Any]]


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

    `loader`: without one (the default), an external `$ref` cannot be followed. With one, a `$ref`
    such as `common.yaml#/components/schemas/Pet` is read through it (each file once), and the
    pointer `resolve` returns for a definition there is `common.yaml#/components/schemas/Pet`:
    the file, relative to the root document, then the pointer in it. A `$ref` inside an external
    file is relative to that file. The loader parses (YAML, say), so this layer stays stdlib-only.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        *,
        strict: bool = True,
        siblings_override: bool = False,
        loader: ExternalLoader | None = None,
    ) -> None:
        self.document = document
        self.strict = strict
        self.siblings_override = siblings_override
        self.loader = loader
        self._external: dict[str, Mapping[str, Any]] = {}

    def pointer_of(self, ref: str) -> str:
        """The pointer a local `$ref` names (`#/a/b` -> `/a/b`); RefError for any other `$ref`."""
        if not ref.startswith("#"):
            raise RefError(f"only local $refs are supported, got {ref!r}")
        pointer = ref[1:]
        if pointer and not pointer.startswith("/"):
            raise RefError(f"unsupported $ref {ref!r}")
        return pointer

    def target_of(self, ref: str, where: str = "") -> tuple[str, str]:
        """(file, pointer) a `$ref` found at `where` names; file "" is the root document.

        Local `$ref`s inside an external file stay in that file. RefError for an external `$ref`
        when there is no loader, and for a `$ref` that is no pointer.
        """
        # A definition in an external file is at `file#/pointer`; the root document's pointers
        # start with "/" (or are "").
        base = "" if not where or where.startswith("/") else where.partition("#")[0]
        if ref.startswith("#"):
            return base, self.pointer_of(ref)
        if self.loader is None:
            self.pointer_of(ref)  # raises: only local $refs are supported
        path, _, fragment = ref.partition("#")
        if "://" in path or path.startswith("/"):
            raise RefError(f"only relative file $refs are supported, got {ref!r}")
        file = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
        if file.startswith("../") or file == "..":
            raise RefError(f"$ref {ref!r} leaves the spec's directory")
        if fragment and not fragment.startswith("/"):
            raise RefError(f"unsupported $ref {ref!r}")
        return file, fragment

    def _document(self, file: str) -> Mapping[str, Any]:
        if not file:
            return self.document
        if file not in self._external:
            assert self.loader is not None  # target_of refuses external files without one
            self._external[file] = self.loader(file)
        return self._external[file]

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
                file, pointer = self.target_of(ref, where)
                if file:
                    pointer = f"{file}#{pointer}"
                if pointer in seen:
                    raise RefError(f"$ref cycle through {ref!r}")
                target = self._node(file, pointer.partition("#")[2] if file else pointer, ref)
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

    def _node(self, file: str, pointer: str, ref: str) -> Any:
        if not file:
            return self.lookup(f"#{pointer}")
        try:
            return node_at(self._document(file), pointer)
        except KeyError:
            raise RefError(f"dangling $ref {ref!r} (nothing at {pointer!r} in {file})") from None

    def resolved(self, node: Any) -> Any:
        """The node with its `$ref` chain followed (`resolve` without the pointer)."""
        return self.resolve(node)[0]

    def dereference(self, pointer: str) -> str:
        """The pointer of the definition the node at `pointer` ends on after its `$ref` chain
        (`pointer` itself when that node holds no `$ref`). A KeyError when `pointer` names
        nothing."""
        return self.resolve(node_at(self.document, pointer), pointer)[1]
