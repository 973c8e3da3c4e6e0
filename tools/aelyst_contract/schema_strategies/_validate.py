"""The two validators every generated value must pass, and `GeneratorBug` when one does not.

jsonschema (Draft 2020-12, with format checking) and jsonschema-rs through
`aelyst_contract._schema_validation` (its regexes follow ECMA-262, as JSON Schema requires;
Python's `re` differs on `\\s`, `$` before a newline...).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from aelyst_contract._schema_validation import SchemaValidator
from aelyst_contract.schema_strategies._model import INT32_RANGE, INT64_RANGE, JsonValue

__all__ = ["GeneratorBug", "SpecValidators", "format_checker"]

_SPEC_URI = "urn:aelyst:spec"


class GeneratorBug(AssertionError):
    """A strategy produced a value its own schema rejects: a bug in this module, never test data."""


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return (
        bool(parts.scheme) and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", parts.scheme) is not None
    )


def _in_range(bounds: tuple[int, int]) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            return True
        return bounds[0] <= value <= bounds[1]

    return check


def format_checker() -> FormatChecker:
    """jsonschema's format checker plus the formats our specs use that it does not check by default.

    `uri` needs an optional dependency in jsonschema; int32/int64 are OpenAPI formats.
    """
    checker: FormatChecker = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)
    checker.checks("uri")(_is_uri)
    checker.checks("int64")(_in_range(INT64_RANGE))
    checker.checks("int32")(_in_range(INT32_RANGE))
    return checker


def _fragment(pointer: str) -> str:
    """A JSON pointer as a URI fragment (`{` and friends percent-encoded)."""
    return "#" + quote(pointer, safe="/~")


class SpecValidators:
    """Both validators for the schemas of one spec: at a pointer of it, or given as a dict whose
    `$ref`s point into it. Validators are built once per schema and cached."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        resource: Resource[Any] = DRAFT202012.create_resource(spec)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self._format_checker = format_checker()
        self._at_pointer: dict[str, Draft202012Validator] = {}
        self._adhoc: dict[str, Draft202012Validator] = {}
        self._ecma = SchemaValidator(spec)

    def validator(self, pointer: str) -> Draft202012Validator:
        """A 2020-12 validator, with format checking, for the schema at `pointer`."""
        cached = self._at_pointer.get(pointer)
        if cached is None:
            cached = Draft202012Validator(
                {"$ref": f"{_SPEC_URI}#{pointer}"},
                registry=self._registry,
                format_checker=self._format_checker,
            )
            self._at_pointer[pointer] = cached
        return cached

    def is_valid(self, pointer: str, value: JsonValue) -> bool:
        """Whether both validators accept `value` against the schema at `pointer`."""
        if not self.validator(pointer).is_valid(value):
            return False
        return not any(True for _ in self._ecma.pointer_errors(_fragment(pointer), value))

    def checked(self, pointer: str) -> Callable[[JsonValue], JsonValue]:
        """The identity on values both validators accept for the schema at `pointer`; raises
        `GeneratorBug` on any other."""
        validator = self.validator(pointer)

        def check(value: JsonValue) -> JsonValue:
            reasons = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(value)]
            reasons += list(self._ecma.pointer_errors(_fragment(pointer), value))
            if reasons:
                raise GeneratorBug(
                    f"generated an invalid value for {pointer}: {'; '.join(reasons[:3])}"
                )
            return value

        return check

    def checked_schema(self, schema: JsonValue) -> Callable[[JsonValue], JsonValue]:
        """`checked()` for a schema given as a dict whose `$ref`s point into the spec."""
        validator = self._adhoc_validator(schema)

        def check(value: JsonValue) -> JsonValue:
            reasons = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(value)]
            reasons += list(self._ecma.errors(schema, value))
            if reasons:
                raise GeneratorBug(
                    f"generated an invalid value for a schema: {'; '.join(reasons[:3])}"
                )
            return value

        return check

    def validates(self, schema: Any) -> Callable[[JsonValue], bool]:
        """A predicate for a schema found inside the spec (its `$ref`s resolve in the spec)."""
        checker = self._adhoc_validator(schema)
        return lambda value: bool(checker.is_valid(value))

    def _adhoc_validator(self, schema: Any) -> Draft202012Validator:
        key = json.dumps(schema, sort_keys=True, default=str)
        validator = self._adhoc.get(key)
        if validator is None:
            # The schema is placed inside a shallow copy of the spec, so `#/components/...` refs
            # in it resolve exactly as they do where it was written.
            spec_with_schema = {**self._spec, "x-adhoc-schema": schema}
            registry: Registry[Any] = Registry().with_resource(
                _SPEC_URI, DRAFT202012.create_resource(spec_with_schema)
            )
            validator = Draft202012Validator(
                {"$ref": f"{_SPEC_URI}#/x-adhoc-schema"},
                registry=registry,
                format_checker=self._format_checker,
            )
            self._adhoc[key] = validator
        return validator
