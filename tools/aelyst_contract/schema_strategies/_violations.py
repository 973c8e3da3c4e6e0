"""Schema-violating variants of a valid document, each labelled with where and what was changed."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from aelyst_contract.openapi import escape_token, parse_pointer
from aelyst_contract.schema_strategies._locate import SpecLocator
from aelyst_contract.schema_strategies._model import JsonValue
from aelyst_contract.schema_strategies._validate import SpecValidators

__all__ = ["Violation", "ViolationFinder", "ViolationKind"]

ViolationKind = Literal["missing-required", "unknown-enum", "wrong-type", "null-not-nullable"]

_UNKNOWN_ENUM = "__not_in_the_enum__"
# Deeper than this, a document is not searched further (a recursive schema).
_MAX_DEPTH = 40

_TYPE_NAMES: dict[type, str] = {
    type(None): "null",
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
}

# A value of each JSON type, for "wrong type" variants.
_SAMPLE_OF_TYPE: dict[str, JsonValue] = {
    "string": "not-the-declared-type",
    "integer": 12345,
    "number": 1.5,
    "boolean": True,
    "array": [],
    "object": {},
}


@dataclass(frozen=True)
class Violation:
    """One schema-violating variant of a valid document.

    `pointer` is the JSON pointer (RFC 6901) of the changed location in the document, `kind` what
    was done there, `document` the whole invalid document.
    """

    pointer: str
    kind: ViolationKind
    document: JsonValue


class _Missing:
    """Marks a location whose key is to be removed."""


_MISSING = _Missing()


class ViolationFinder:
    """The labelled invalid variants of documents valid against one spec's schemas."""

    def __init__(self, locator: SpecLocator, validators: SpecValidators) -> None:
        self._locator = locator
        self._validators = validators

    def violations(self, pointer: str, document: JsonValue) -> list[Violation]:
        """Variants of `document` (valid against the schema at `pointer`) that the validators
        reject, at most one per (location, kind)."""
        if not self._validators.is_valid(pointer, document):
            raise ValueError(f"violations() needs a valid document for {pointer}")
        found: list[Violation] = []
        seen: set[tuple[str, str]] = set()
        for location, kind, replacement in self._mutations(
            self._locator.resolve_pointer(pointer), document, "", 0
        ):
            if (location, kind) in seen:
                continue
            mutated = _replaced(document, location, replacement)
            if not self._validators.is_valid(pointer, mutated):
                seen.add((location, kind))
                found.append(Violation(pointer=location, kind=kind, document=mutated))
        return found

    def _effective(self, schema: Any, value: JsonValue) -> list[dict[str, Any]]:
        """The schemas that apply to `value` (refs followed, the branch of a union it matches)."""
        if not isinstance(schema, dict):
            return []
        if "$ref" in schema:
            target = self._locator.resolve_pointer(self._locator.dereference_ref(schema["$ref"]))
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            return self._effective(target, value) + ([rest] if rest else [])
        applied = [schema]
        for combinator in ("oneOf", "anyOf"):
            for branch in schema.get(combinator, []):
                if self._validators.validates(branch)(value):
                    applied.extend(self._effective(branch, value))
                    break
        if "if" in schema:
            side = "then" if self._validators.validates(schema["if"])(value) else "else"
            if isinstance(schema.get(side), dict):
                applied.extend(self._effective(schema[side], value))
        return applied

    def _mutations(
        self, schema: Any, value: JsonValue, location: str, depth: int
    ) -> Iterator[tuple[str, ViolationKind, JsonValue]]:
        if depth > _MAX_DEPTH:
            return
        schemas = self._effective(schema, value)
        yield from _type_mutations(schemas, location)
        if any("enum" in s or "const" in s for s in schemas) and isinstance(value, str):
            yield location, "unknown-enum", _UNKNOWN_ENUM
        if isinstance(value, dict):
            required = {name for s in schemas for name in s.get("required", [])}
            for name in sorted(required & set(value)):
                yield f"{location}/{escape_token(name)}", "missing-required", _MISSING
            for name, item in value.items():
                sub_schemas = [
                    s["properties"][name] for s in schemas if name in s.get("properties", {})
                ]
                for sub in sub_schemas:
                    child = f"{location}/{escape_token(name)}"
                    yield from self._mutations(sub, item, child, depth + 1)
        if isinstance(value, list):
            item_schemas = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
            for index, item in enumerate(value[:2]):
                for sub in item_schemas:
                    yield from self._mutations(sub, item, f"{location}/{index}", depth + 1)


def _json_type(value: JsonValue) -> str:
    return _TYPE_NAMES.get(type(value), "object")


def _allowed_types(schemas: list[dict[str, Any]]) -> set[str] | None:
    """The JSON types all of `schemas` allow; None if none of them says."""
    allowed: set[str] | None = None
    for schema in schemas:
        types = schema.get("type")
        if types is None and ("enum" in schema or "const" in schema):
            values = schema.get("enum", [schema.get("const")])
            types = sorted({_json_type(v) for v in values})
        if types is None:
            continue
        names = {types} if isinstance(types, str) else set(types)
        if "number" in names:
            names.add("integer")
        allowed = names if allowed is None else allowed & names
    return allowed


def _type_mutations(
    schemas: list[dict[str, Any]], location: str
) -> Iterator[tuple[str, ViolationKind, JsonValue]]:
    allowed = _allowed_types(schemas)
    if allowed is None:
        return
    if "null" not in allowed:
        yield location, "null-not-nullable", None
    for name, sample in _SAMPLE_OF_TYPE.items():
        if name not in allowed and not (name == "integer" and "number" in allowed):
            yield location, "wrong-type", sample
            break


def _replaced(document: JsonValue, location: str, replacement: JsonValue) -> JsonValue:
    result = copy.deepcopy(document)
    tokens = parse_pointer(location)
    if not tokens:
        return copy.deepcopy(replacement)
    parent: Any = result
    for token in tokens[:-1]:
        parent = parent[int(token)] if isinstance(parent, list) else parent[token]
    last: Any = int(tokens[-1]) if isinstance(parent, list) else tokens[-1]
    if isinstance(replacement, _Missing):
        del parent[last]
    else:
        parent[last] = copy.deepcopy(replacement)
    return result
