"""Validate JSON values against schemas inside an OpenAPI 3.1 document (JSON Schema 2020-12).

Backed by jsonschema-rs: its regexes follow ECMA-262 as JSON Schema requires. Python's `re` (which
the `jsonschema` package uses) lets `$` match before a trailing newline, so `"id:123\\n"` would pass
`^id:[0-9]+$` there (CURATION.md C-03). Formats (uri, uuid, date-time, email) are checked.

The whole spec is registered as one resource, so `$ref: "#/components/schemas/X"` inside any
subschema resolves as it does in the spec.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema_rs

__all__ = ["SchemaValidator"]

_SPEC_URI = "urn:aelyst:spec"


class SchemaValidator:
    def __init__(self, spec: dict[str, Any]) -> None:
        self._registry = jsonschema_rs.Registry([(_SPEC_URI, spec)])
        self._cache: dict[str, Any] = {}

    def _validator(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        validator = self._cache.get(key)
        if validator is None:
            validator = jsonschema_rs.Draft202012Validator(
                _anchor_refs(schema), registry=self._registry, validate_formats=True
            )
            self._cache[key] = validator
        return validator

    def is_valid(self, schema: dict[str, Any], value: Any) -> bool:
        return bool(self._validator(schema).is_valid(value))

    def errors(self, schema: dict[str, Any], value: Any) -> Iterator[str]:
        """One line per violation: the JSON path of the offending value and the reason."""
        for error in self._validator(schema).iter_errors(value):
            path = "$" + "".join(
                f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path
            )
            yield f"{path}: {error.message}"

    def pointer_errors(self, pointer: str, value: Any) -> Iterator[str]:
        """Validate against the schema at a JSON pointer into the spec (`#/components/...`)."""
        yield from self.errors({"$ref": pointer}, value)


def _anchor_refs(node: Any) -> Any:
    """A subschema's local `$ref`s point into the spec document, not into the subschema itself."""
    if isinstance(node, dict):
        return {
            key: (
                f"{_SPEC_URI}{value}"
                if key == "$ref" and isinstance(value, str) and value.startswith("#")
                else _anchor_refs(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_anchor_refs(item) for item in node]
    return node
