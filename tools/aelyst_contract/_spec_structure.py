"""A fast proof that a document is valid OpenAPI 3.1, for `check-spec`'s structural step.

openapi-spec-validator is the reference (its messages are the ones `check-spec` prints), but
importing it costs seconds: it imports `jsonschema`, whose IRI format support compiles dozens of
grammars at import. This module re-does what it checks with jsonschema-rs and the schemas it
ships (read from disk, nothing of it imported):

- the document against the OpenAPI 3.1 meta-schema, exactly as openapi-spec-validator does it
  (the same jsonschema-rs validator, built the same way);
- what its keyword validators add: every Schema Object against the OpenAPI 3.1 dialect (formats
  checked, and every `pattern` compiled as Python does), `required` names that no property of an
  `allOf` declares, `default`s against their schema, duplicate parameters, operationIds and
  tags, path parameters the template and the parameters do not agree on.

`proves_valid` answers True only when all of that passes; on anything else, or anything it is
not sure of (a `default` whose schema names a format, an external `$ref`), it answers False and
the caller asks openapi-spec-validator, whose verdict and message then stand. A parity test
(tests/spec/test_spec_structure.py) holds the two to the same verdict on every spec in the tests.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema_rs

from aelyst_contract._schema_validation import SchemaValidator

__all__ = ["proves_valid"]

_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DIALECT_ID = "https://spec.openapis.org/oas/3.1/dialect/base"
_VOCABULARY_ID = "https://spec.openapis.org/oas/3.1/meta/base"


class _Unsure(Exception):
    """Something the fast path does not model: let openapi-spec-validator decide."""


def _package_dir(name: str) -> Path:
    """A package's directory, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise _Unsure(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _document_validator() -> Any:
    schema = _read_json(
        _package_dir("openapi_spec_validator") / "resources" / "schemas" / "v3.1" / "schema.json"
    )
    # As openapi-spec-validator's jsonschema-rs backend builds it.
    return jsonschema_rs.validator_cls_for(schema)(schema)


@functools.cache
def _dialect_validator() -> Any:
    base = _package_dir("openapi_schema_validator") / "schemas" / "oas3.1"
    dialect = _read_json(base / "metaschema.json")
    vocabulary = _read_json(base / "vocabularies" / "base")
    registry = jsonschema_rs.Registry([(_DIALECT_ID, dialect), (_VOCABULARY_ID, vocabulary)])
    return jsonschema_rs.Draft202012Validator(dialect, registry=registry, validate_formats=True)


class _Invalid(Exception):
    """openapi-spec-validator would report something here."""


def _require(condition: bool) -> None:
    if not condition:
        raise _Invalid


class _Walk:
    """openapi-spec-validator's walk over the document: the same sites, `$ref`s followed. Each
    step raises `_Invalid` where it would report an error, `_Unsure` where this cannot tell."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.values = SchemaValidator(dict(spec))
        self.meta_checked: set[int] = set()
        self.visited: set[int] = set()

    def deref(self, node: Any) -> Any:
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
            ref: str = node["$ref"]
            if not ref.startswith("#") or ref in seen:
                raise _Unsure(f"$ref {ref!r}")
            seen.add(ref)
            node = self.spec
            for token in ref[1:].split("/")[1:]:
                key = token.replace("~1", "/").replace("~0", "~")
                if isinstance(node, list):
                    node = node[int(key)]
                elif isinstance(node, Mapping) and key in node:
                    node = node[key]
                else:
                    raise _Unsure(f"dangling $ref {ref!r}")
        return node

    def document(self) -> None:
        spec = self.spec
        names = [self.deref(tag).get("name") for tag in spec.get("tags", [])]
        _require(len(names) == len(set(names)))
        operation_ids: list[Any] = []
        for url, item in self.deref(spec.get("paths", {})).items():
            path_item = self.deref(item)
            shared = self.deref(path_item["parameters"]) if "parameters" in path_item else None
            if shared is not None:
                self.parameters(shared)
            for method, operation in path_item.items():
                if method in _OPERATIONS:
                    self.operation(url, self.deref(operation), shared, operation_ids)
        components = self.deref(spec.get("components", {}))
        for schema in self.deref(components.get("schemas", {})).values():
            self.schema(schema)

    def operation(
        self, url: str, operation: Mapping[str, Any], shared: Any, operation_ids: list[Any]
    ) -> None:
        if "operationId" in operation:
            operation_id = operation["operationId"]
            _require(operation_id is None or operation_id not in operation_ids)
            operation_ids.append(operation_id)
        for response in self.deref(operation.get("responses", {})).values():
            content = self.deref(self.deref(response).get("content")) or {}
            for entry in content.values():
                media_type = self.deref(entry)
                if "schema" in media_type:
                    self.schema(media_type["schema"])
        names: list[str] = []
        if "parameters" in operation:
            parameters = self.deref(operation["parameters"])
            self.parameters(parameters)
            names += self.path_names(parameters)
        if shared is not None:
            names += self.path_names(shared)
        in_url = {item[1] for item in string.Formatter().parse(url) if item[1]}
        _require(set(names) == in_url)

    def path_names(self, parameters: Any) -> list[str]:
        found = [self.deref(parameter) for parameter in parameters]
        return [parameter["name"] for parameter in found if parameter.get("in") == "path"]

    def parameters(self, parameters: Any) -> None:
        seen: set[tuple[Any, Any]] = set()
        for entry in parameters:
            parameter = self.deref(entry)
            if "schema" in parameter:
                self.schema(parameter["schema"])
            key = (parameter["name"], parameter["in"])
            _require(key not in seen)
            seen.add(key)

    def schema(self, node: Any, *, top: bool = True) -> None:
        schema = self.deref(node)
        if isinstance(schema, bool):
            return
        _require(isinstance(schema, Mapping))
        if top and id(schema) not in self.meta_checked:
            self.meta_checked.add(id(schema))
            if "$schema" in schema and schema["$schema"] != _DIALECT_ID:
                raise _Unsure("a schema of another dialect")
            _require(_dialect_validator().is_valid(dict(schema)) and _patterns_compile(schema))
        if id(schema) in self.visited:
            return
        self.visited.add(id(schema))
        nested: set[str] = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in self.deref(schema.get(keyword, [])):
                self.schema(inner, top=False)
                if keyword == "allOf":
                    nested |= self.properties_of(inner)
        for keyword in ("not", "items"):
            if keyword in schema:
                self.schema(schema[keyword], top=False)
        properties = self.deref(schema.get("properties", {}))
        for inner in properties.values():
            self.schema(inner, top=False)
        if top and "allOf" in schema:
            required = self.deref(schema.get("required")) or []
            _require(not set(required) - set(properties) - nested)
        if "default" in schema:
            self.default(schema)

    def default(self, schema: Mapping[str, Any]) -> None:
        value = schema["default"]
        if value is None and schema.get("nullable") is True:
            return
        if "format" in schema:
            raise _Unsure("a default under a format")
        _require(self.values.is_valid(dict(schema), value))

    def properties_of(self, node: Any) -> set[str]:
        schema = self.deref(node)
        if not isinstance(schema, Mapping):
            return set()
        found = set(self.deref(schema.get("properties", {})))
        for keyword in ("allOf", "anyOf", "oneOf"):
            for inner in self.deref(schema.get(keyword, [])):
                found |= self.properties_of(inner)
        for keyword in ("items", "not"):
            if keyword in schema:
                found |= self.properties_of(schema[keyword])
        return found


def _subschemas(node: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(node, Mapping):
        yield node
        for value in node.values():
            yield from _subschemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _subschemas(item)


def _patterns_compile(schema: Any) -> bool:
    """Python's `re` compiles every pattern (openapi-spec-validator checks the `regex` format
    with it, jsonschema-rs with ECMA-262 rules)."""
    for node in _subschemas(schema):
        patterns = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        if isinstance(node.get("patternProperties"), Mapping):
            patterns += list(node["patternProperties"])
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error:
                return False
    return True


def proves_valid(spec: Mapping[str, Any]) -> bool:
    """True: openapi-spec-validator would find nothing wrong with this OpenAPI 3.1 document.
    False: it may; ask it (see the module's docstring)."""
    try:
        _require(_document_validator().is_valid(dict(spec)))
        _Walk(spec).document()
    except (_Invalid, _Unsure, LookupError, TypeError, AttributeError, ValueError, RecursionError):
        return False
    return True
