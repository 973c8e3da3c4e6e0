"""What the checks need to know about a spec: operations, declared responses, headers and enums.

Read from the curated specs (aelyst_contract._specs), never from the server: the spec is the
contract.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aelyst_contract._specs import load_spec
from aelyst_contract.openapi import Operation, Resolver, match_path, operations

__all__ = [
    "ApiName",
    "SpecFacts",
    "enum_violations",
    "facts_from_document",
    "spec_facts",
]

ApiName = Literal["contact", "channel"]


@dataclass(frozen=True)
class SpecFacts:
    """A spec, indexed for checks. Build with `spec_facts(api)`."""

    api: ApiName
    document: Mapping[str, Any]
    operations: Mapping[str, Operation[ApiName]]  # by operationId

    def resolve(self, node: Any) -> Any:
        """Follow local `$ref`s until a node without one (or one that cannot be followed)."""
        # Checks resolve every node of every response body: most hold no `$ref`.
        if isinstance(node, Mapping) and "$ref" in node:
            return self._resolver.resolved(node)
        return node

    @functools.cached_property
    def _resolver(self) -> Resolver:
        return Resolver(self.document, strict=False)

    def find(self, method: str, path: str) -> Operation[ApiName] | None:
        """The operation whose template matches `path` (raw, relative to the base URL), if any."""
        for operation in self.operations.values():
            if operation.method != method.upper():
                continue
            # Any bytes match: whether they decode is the checks' question, not the route's.
            if match_path(operation.path, path, errors="replace") is not None:
                return operation
        return None

    def find_by_template(self, method: str, template: str) -> Operation[ApiName] | None:
        for operation in self.operations.values():
            if operation.method == method.upper() and operation.path == template:
                return operation
        return None

    def response(self, operation: Operation[ApiName], status: int) -> Mapping[str, Any] | None:
        """The declared response for a status (exact, then `4XX`, then `default`), resolved."""
        resolved = self.resolve(operation.response(status))
        return resolved if isinstance(resolved, Mapping) else None

    def response_schema(self, operation: Operation[ApiName], status: int) -> Any | None:
        response = self.response(operation, status)
        if response is None:
            return None
        content = response.get("content", {})
        media = content.get("application/json")
        return None if media is None else media.get("schema")

    def declared_headers(
        self, operation: Operation[ApiName], status: int
    ) -> dict[str, Mapping[str, Any]]:
        """Headers the spec declares for this exact status, by lower-cased name, resolved."""
        if str(status) not in operation.responses:
            return {}
        response = self.response(operation, status) or {}
        headers = response.get("headers", {})
        return {name.lower(): self.resolve(header) for name, header in headers.items()}

    def parameter_schema(self, operation: Operation[ApiName], location: str, name: str) -> Any:
        parameter = operation.parameters.get((location, name))
        return None if parameter is None else self.resolve(parameter.get("schema", {}))


def _build(api: ApiName, document: Mapping[str, Any]) -> SpecFacts:
    by_id: dict[str, Operation[ApiName]] = {}
    for operation in operations(document, api):
        if not operation.operation_id:
            raise ValueError(f"{api}: {operation.route} has no operationId (the checks need it)")
        by_id[operation.operation_id] = operation
    return SpecFacts(api=api, document=document, operations=by_id)


@functools.cache
def spec_facts(api: ApiName) -> SpecFacts:
    """The facts of one curated spec (cached; treat as read-only)."""
    return _build(api, load_spec(api))


def facts_from_document(api: ApiName, document: Mapping[str, Any]) -> SpecFacts:
    """Facts of an arbitrary document (tests feed small specs through this)."""
    return _build(api, document)


def enum_violations(
    facts: SpecFacts, schema: Any, instance: Any, where: str = "$"
) -> Iterator[str]:
    """Every value of `instance` that falls outside an `enum`/`const` its schema declares.

    Follows `$ref`, `allOf`, object properties, array items and discriminated `oneOf`s (a
    discriminator value outside the mapping is itself a violation). Other keywords are the
    schema-conformance check's business, not this one's.
    """
    schema = facts.resolve(schema)
    if not isinstance(schema, Mapping):
        return
    if "enum" in schema and not _is_member(instance, schema["enum"]):
        yield f"{where}: {instance!r} is not one of {list(schema['enum'])}"
    if "const" in schema and not _is_member(instance, [schema["const"]]):
        yield f"{where}: {instance!r} is not {schema['const']!r}"
    for sub in schema.get("allOf", []):
        yield from enum_violations(facts, sub, instance, where)
    yield from _discriminated(facts, schema, instance, where)
    if isinstance(instance, Mapping):
        properties: Mapping[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in instance.items():
            if key in properties:
                yield from enum_violations(facts, properties[key], value, f"{where}.{key}")
            elif isinstance(extra, Mapping):
                yield from enum_violations(facts, extra, value, f"{where}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            yield from enum_violations(facts, schema["items"], item, f"{where}[{index}]")


def _discriminated(facts: SpecFacts, schema: Any, instance: Any, where: str) -> Iterator[str]:
    discriminator = schema.get("discriminator")
    if not discriminator or not isinstance(instance, Mapping):
        return
    name = discriminator["propertyName"]
    mapping: Mapping[str, str] = discriminator.get("mapping", {})
    value = instance.get(name)
    if not isinstance(value, str) or value not in mapping:
        yield f"{where}.{name}: {value!r} is not one of {list(mapping)}"
    else:
        yield from enum_violations(facts, {"$ref": mapping[value]}, instance, where)


def _is_member(value: Any, allowed: Any) -> bool:
    # JSON equality: True is not 1, 1.0 is 1.
    return any(type(value) is type(option) and value == option for option in allowed) or any(
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and isinstance(option, (int, float))
        and not isinstance(option, bool)
        and value == option
        for option in allowed
    )
