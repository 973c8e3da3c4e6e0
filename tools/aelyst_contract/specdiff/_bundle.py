"""A document with its external `$ref`s inlined, for tools that read one file (the property
check's client generator and validator)."""

from __future__ import annotations

from typing import Any

from aelyst_contract.openapi import RefError, Resolver
from aelyst_contract.specdiff._external import ExternalLoader

__all__ = ["bundle"]


def bundle(document: dict[str, Any], loader: ExternalLoader | None) -> dict[str, Any]:
    """`document` with every external `$ref` replaced by what it names (recursively; local
    `$ref`s into the document itself are kept). A recursive external definition is a RefError."""
    if loader is None:
        return document
    resolver = Resolver(document, loader=loader)

    def walk(node: Any, file: str, inlining: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [walk(item, file, inlining) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        siblings = {k: walk(v, file, inlining) for k, v in node.items() if k != "$ref"}
        if not isinstance(ref, str):
            return siblings
        target_file, pointer = resolver.target_of(ref, f"{file}#" if file else "")
        if not target_file:
            return {"$ref": ref, **siblings}
        key = f"{target_file}#{pointer}"
        if key in inlining:
            raise RefError(f"recursive external $ref {ref!r} cannot be inlined")
        target, where = resolver.resolve({"$ref": ref}, f"{file}#" if file else "")
        target_in = "" if not where or where.startswith("/") else where.partition("#")[0]
        inlined = walk(target, target_in, inlining | {key})
        return {**inlined, **siblings} if isinstance(inlined, dict) else inlined

    bundled: dict[str, Any] = walk(document, "", frozenset())
    return bundled
