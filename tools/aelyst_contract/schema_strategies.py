"""Hypothesis strategies of JSON values valid against a spec's schemas, and invalid variants.

The one place where the OpenAPI 3.1 specs (JSON Schema 2020-12) become test data, shared by the
client contract suite and the spec-diff tool. Two promises:

- every value a strategy yields has passed a real 2020-12 validator with format checking (a value
  that does not is a bug in this module, raised as `GeneratorBug`, never silently dropped); and
- the strategies reach every enum value, every `oneOf`/`anyOf` branch, both sides of a nullable
  type, optional properties present and absent, non-ASCII text and the integer bounds, because
  those choices are drawn explicitly (`sampled_from` over the branches, a boolean per optional
  property, the bounds drawn beside the range) instead of being left to a generic generator.

The structural keywords the specs use are modelled here; a subschema using anything else falls
back to schemathesis' generator (`schemathesis.generation.jsonschema`, a private module: the
toolchain notes say hypothesis-jsonschema is broken with our hypothesis) and is then filtered by
the validator.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlsplit

import jsonschema_rs
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from aelyst_contract._schema_validation import SchemaValidator

__all__ = [
    "Choice",
    "GeneratorBug",
    "JsonValue",
    "OptionalMode",
    "SpecSchemas",
    "Violation",
    "ViolationKind",
    "escape_pointer_token",
    "format_checker",
]

JsonValue = Any  # JSON documents as json.loads gives them; Any keeps mypy honest about dicts/lists

ViolationKind = Literal["missing-required", "unknown-enum", "wrong-type", "null-not-nullable"]

_SPEC_URI = "urn:aelyst:spec"
_INT64 = (-(2**63), 2**63 - 1)
_INT32 = (-(2**31), 2**31 - 1)
# Generated strings and arrays stay short: long values cost time and find nothing more here.
_MAX_EXTRA_LENGTH = 24
_MAX_EXTRA_ITEMS = 3
_UNKNOWN_ENUM = "__not_in_the_enum__"
# Where `schema_strategy()`'s schema sits, for `choices`' bookkeeping (no pointer of the spec).
_SCHEMA_AT = "#schema"
# How often a recursive schema is expanded inside itself before it is cut short.
_RECURSIONS = 1
# Keywords that only annotate; they never constrain a value.
_ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "example",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "discriminator",
        "externalDocs",
        "xml",
        "$comment",
    }
)
_MODELLED = _ANNOTATIONS | {
    "x-absent",  # this module's own marker: properties a then/else side rules out
    "$ref",
    "type",
    "const",
    "enum",
    "oneOf",
    "anyOf",
    "properties",
    "required",
    "additionalProperties",
    "if",
    "then",
    "else",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "format",
}


OptionalMode = Literal["draw", "all", "none"]


@dataclass(frozen=True)
class Choice:
    """A choice a schema offers: at `pointer` (a schema location in the spec), one of `labels`.

    `kind` is "oneOf", "anyOf", "type" (a type list, e.g. nullable), "enum" or "if" (the then
    and else sides). `strategy(pins={pointer: index})` takes `labels[index]`.
    """

    pointer: str
    kind: str
    labels: tuple[str, ...]
    # The union branches (pointer, index) that must be taken for this choice to be met at all.
    requires: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class _Plan:
    pins: tuple[tuple[str, int], ...]
    optional: OptionalMode


class GeneratorBug(AssertionError):
    """A strategy produced a value its own schema rejects: a bug in this module, never test data."""


@dataclass(frozen=True)
class Violation:
    """One schema-violating variant of a valid document.

    `pointer` is the JSON pointer (RFC 6901) of the changed location in the document, `kind` what
    was done there, `document` the whole invalid document.
    """

    pointer: str
    kind: ViolationKind
    document: JsonValue


def escape_pointer_token(token: str) -> str:
    """One reference token of a JSON pointer (RFC 6901: `~` -> `~0`, `/` -> `~1`)."""
    return token.replace("~", "~0").replace("/", "~1")


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
    checker.checks("int64")(_in_range(_INT64))
    checker.checks("int32")(_in_range(_INT32))
    return checker


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _pointer_tokens(pointer: str) -> list[str]:
    if pointer in ("", "#"):
        return []
    return [_unescape(token) for token in pointer.lstrip("#").lstrip("/").split("/")]


_TYPE_NAMES: dict[type, str] = {
    type(None): "null",
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
}


def _json_type(value: JsonValue) -> str:
    return _TYPE_NAMES.get(type(value), "object")


# A value of each JSON type, for "wrong type" variants.
_SAMPLE_OF_TYPE: dict[str, JsonValue] = {
    "string": "not-the-declared-type",
    "integer": 12345,
    "number": 1.5,
    "boolean": True,
    "array": [],
    "object": {},
}


class SpecSchemas:
    """Strategies and validators for the schemas of one OpenAPI 3.1 document.

    Schemas are named by their JSON pointer into the spec (`/components/schemas/Message`), so a
    validator can resolve the `$ref`s around them and an error can say where the schema lives.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec: dict[str, Any] = copy.deepcopy(dict(spec))
        resource: Resource[Any] = DRAFT202012.create_resource(self._spec)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self._format_checker = format_checker()
        self._validators: dict[str, Draft202012Validator] = {}
        self._strategies: dict[tuple[str, _Plan], st.SearchStrategy[JsonValue]] = {}
        self._adhoc: dict[str, Draft202012Validator] = {}
        self._schema_strategies: dict[tuple[str, _Plan], st.SearchStrategy[JsonValue]] = {}
        self._plan = _Plan((), "draw")
        # The `$ref` targets being built (outermost first), to cut recursive schemas short.
        self._expanding: list[str] = []
        self._ecma = SchemaValidator(self._spec)

    # ---- locating things in the spec ----------------------------------------------------------

    @property
    def spec(self) -> dict[str, Any]:
        """The spec this instance reads (a private copy: mutating it is the caller's problem)."""
        return self._spec

    def resolve_pointer(self, pointer: str) -> Any:
        """The node at a JSON pointer of the spec."""
        node: Any = self._spec
        for token in _pointer_tokens(pointer):
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

    # ---- validation ---------------------------------------------------------------------------

    def validator(self, pointer: str) -> Draft202012Validator:
        """A 2020-12 validator, with format checking, for the schema at `pointer`."""
        cached = self._validators.get(pointer)
        if cached is None:
            cached = Draft202012Validator(
                {"$ref": f"{_SPEC_URI}#{pointer}"},
                registry=self._registry,
                format_checker=self._format_checker,
            )
            self._validators[pointer] = cached
        return cached

    def is_valid(self, pointer: str, value: JsonValue) -> bool:
        """Whether both validators (jsonschema, and jsonschema-rs with ECMA-262 regexes) accept
        `value` against the schema at `pointer`."""
        if not self.validator(pointer).is_valid(value):
            return False
        return not any(True for _ in self._ecma.pointer_errors(_fragment(pointer), value))

    def _checked(self, pointer: str) -> Callable[[JsonValue], JsonValue]:
        validator = self.validator(pointer)

        def check(value: JsonValue) -> JsonValue:
            reasons = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(value)]
            # A second, independent validator: jsonschema-rs reads `pattern` as ECMA-262, as
            # JSON Schema requires (Python's `re` differs on `\s`, `$` before a newline...).
            reasons += list(self._ecma.pointer_errors(_fragment(pointer), value))
            if reasons:
                raise GeneratorBug(
                    f"generated an invalid value for {pointer}: {'; '.join(reasons[:3])}"
                )
            return value

        return check

    # ---- strategies ---------------------------------------------------------------------------

    def strategy(
        self,
        pointer: str,
        *,
        pins: Mapping[str, int] | None = None,
        optional: OptionalMode = "draw",
    ) -> st.SearchStrategy[JsonValue]:
        """Values valid against the schema at `pointer` (each one checked by the validator).

        `pins` fixes choices (see `choices()`): schema pointer -> index of the branch / type /
        enum value / if-side to take wherever that schema is met. `optional` is "draw" (each
        optional property present or absent at random), "all" or "none".
        """
        plan = _Plan(tuple(sorted((pins or {}).items())), optional)
        key = (pointer, plan)
        cached = self._strategies.get(key)
        if cached is None:
            schema = self.resolve_pointer(pointer)
            self._plan = plan
            try:
                cached = self._build(schema, 0, pointer).map(self._checked(pointer))
            finally:
                self._plan = _Plan((), "draw")
            self._strategies[key] = cached
        return cached

    def schema_strategy(
        self, schema: JsonValue, *, optional: OptionalMode = "draw"
    ) -> st.SearchStrategy[JsonValue]:
        """Values valid against a schema that is not at a pointer of the spec (one taken from
        another copy of the document, say) but whose `$ref`s point into it; built and checked
        (`GeneratorBug`) exactly as `strategy()` does. `optional` as for `strategy()`."""
        plan = _Plan((), optional)
        key = (json.dumps(schema, sort_keys=True, default=str), plan)
        cached = self._schema_strategies.get(key)
        if cached is None:
            self._plan = plan
            try:
                cached = self._build(schema, 0, _SCHEMA_AT).map(self._checked_schema(schema))
            finally:
                self._plan = _Plan((), "draw")
            self._schema_strategies[key] = cached
        return cached

    def _checked_schema(self, schema: JsonValue) -> Callable[[JsonValue], JsonValue]:
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

    def choices(self, pointer: str) -> list[Choice]:
        """Every choice the schema at `pointer` offers, for `strategy(pins=...)`: the branches of
        each oneOf/anyOf, the types of each type list, the values of each enum, the sides of
        each if/then/else, wherever they are nested (each schema location once)."""
        found: dict[str, Choice] = {}
        self._collect_choices(self.resolve_pointer(pointer), pointer, found, ())
        return list(found.values())

    def covering_pins(self, pointer: str) -> list[dict[str, int]]:
        """A few pin maps that, between them, take every label of every choice of the schema.

        Each (choice, label) needs its own pin plus the union branches leading to it; compatible
        needs are merged greedily, so the count is about the largest number of labels of one
        choice rather than the sum over all choices.
        """
        runs: list[dict[str, int]] = []
        for choice in self.choices(pointer):
            for index in range(len(choice.labels)):
                need = {**dict(choice.requires), choice.pointer: index}
                for run in runs:
                    if all(run.get(key, value) == value for key, value in need.items()):
                        run.update(need)
                        break
                else:
                    runs.append(need)
        return runs or [{}]

    def _collect_choices(
        self,
        schema: Any,
        at: str,
        found: dict[str, Choice],
        requires: tuple[tuple[str, int], ...],
    ) -> None:
        if not isinstance(schema, dict) or len(requires) > 40 or at in found:
            return
        if "$ref" in schema:
            target = self.dereference_ref(schema["$ref"])
            self._collect_choices(self.resolve_pointer(target), target, found, requires)
            return
        if isinstance(schema.get("enum"), list):
            labels = tuple(json.dumps(value) for value in schema["enum"])
            found[at] = Choice(at, "enum", labels, requires)
        for combinator in ("oneOf", "anyOf"):
            if isinstance(schema.get(combinator), list):
                branches = schema[combinator]
                labels = tuple(
                    b.get("$ref", f"#{i}").rsplit("/", 1)[-1] if isinstance(b, dict) else f"#{i}"
                    for i, b in enumerate(branches)
                )
                found[at] = Choice(at, combinator, labels, requires)
                for index, branch in enumerate(branches):
                    inner = (*requires, (at, index))
                    self._collect_choices(branch, f"{at}/{combinator}/{index}", found, inner)
        if "if" in schema:
            found[at] = Choice(at, "if", ("then", "else"), requires)
        if isinstance(schema.get("type"), list):
            found[at] = Choice(at, "type", tuple(schema["type"]), requires)
        for name, sub in schema.get("properties", {}).items():
            child = f"{at}/properties/{escape_pointer_token(name)}"
            self._collect_choices(sub, child, found, requires)
        for keyword in ("items", "additionalProperties"):
            if isinstance(schema.get(keyword), dict):
                self._collect_choices(schema[keyword], f"{at}/{keyword}", found, requires)

    def _choose(self, at: str, options: list[st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
        """One of `options`: the pinned one, or an explicitly drawn index (every option gets the
        same chance, however many values each one has)."""
        pinned = dict(self._plan.pins).get(at)
        if pinned is not None:
            if not 0 <= pinned < len(options):
                raise ValueError(f"pin {pinned} out of range at {at} ({len(options)} options)")
            return options[pinned]
        return st.sampled_from(range(len(options))).flatmap(lambda i: options[i])

    def response_body(
        self, operation_id: str, status: str, media_type: str = "application/json"
    ) -> st.SearchStrategy[JsonValue]:
        """Valid bodies of an operation's response."""
        return self.strategy(self.response_body_pointer(operation_id, status, media_type))

    def request_body(
        self, operation_id: str, media_type: str = "application/json"
    ) -> st.SearchStrategy[JsonValue]:
        """Valid request bodies of an operation."""
        return self.strategy(self.request_body_pointer(operation_id, media_type))

    def parameter(
        self, operation_id: str, location: str, name: str
    ) -> st.SearchStrategy[JsonValue]:
        """Valid values of one parameter (as JSON values: the caller serializes them)."""
        return self.strategy(self.parameter_schema_pointer(operation_id, location, name))

    def response_headers(self, operation_id: str, status: str) -> st.SearchStrategy[dict[str, str]]:
        """The declared headers of a response as strings: required ones always, others sometimes."""
        pointers = self.response_header_pointers(operation_id, status)
        required: dict[str, st.SearchStrategy[str]] = {}
        optional: dict[str, st.SearchStrategy[str]] = {}
        for name, pointer in pointers.items():
            header = self.resolve_pointer(pointer)
            values = self.strategy(f"{pointer}/schema").map(_header_text)
            (required if header.get("required") else optional)[name] = values
        return st.fixed_dictionaries(required, optional=optional)

    # The builder walks the schema itself (dereferencing as it goes) so that every choice a
    # schema offers is an explicit draw; see the module docstring.

    def _build(self, schema: Any, depth: int, at: str) -> st.SearchStrategy[JsonValue]:  # noqa: PLR0911, PLR0912 - one branch per keyword
        if depth > 40:
            raise ValueError("schema nesting too deep (a recursive schema?)")
        if schema is True or schema == {}:
            return _any_json()
        if schema is False:
            return st.nothing()
        if not isinstance(schema, dict):
            raise ValueError(f"not a schema: {schema!r}")
        keywords = set(schema) - _ANNOTATIONS
        if not keywords <= _MODELLED or "$defs" in schema:
            return self._fallback(schema)
        if "$ref" in schema:
            target_at = self.dereference_ref(schema["$ref"])
            rest = {k: v for k, v in schema.items() if k not in _ANNOTATIONS and k != "$ref"}
            built = self._build_ref(target_at, depth)
            return built.filter(self._validates(rest)) if rest else built
        if "const" in schema:
            return st.just(copy.deepcopy(schema["const"])).filter(self._validates(schema))
        if "enum" in schema:
            values = [st.just(copy.deepcopy(value)) for value in schema["enum"]]
            return self._choose(at, values).filter(self._validates(schema))
        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                return self._union(schema, combinator, depth, at)
        if "if" in schema:
            return self._conditional(schema, depth, at)
        types = schema.get("type")
        if isinstance(types, list):
            return self._choose(at, [self._typed(schema, name, depth, at) for name in types])
        if isinstance(types, str):
            return self._typed(schema, types, depth, at)
        inferred = _inferred_type(schema)
        if inferred is None:
            return self._fallback(schema)
        return self._typed(schema, inferred, depth, at)

    def _build_ref(self, target_at: str, depth: int) -> st.SearchStrategy[JsonValue]:
        """The schema a `$ref` names. A recursive schema is expanded once more inside itself,
        then cut short: its optional properties left out and its arrays as short as allowed (a
        required recursion still ends in "nesting too deep")."""
        plan = self._plan
        if self._expanding.count(target_at) >= _RECURSIONS:
            self._plan = _Plan(plan.pins, "none")
        self._expanding.append(target_at)
        try:
            return self._build(self.resolve_pointer(target_at), depth + 1, target_at)
        finally:
            self._expanding.pop()
            self._plan = plan

    def _cut_short(self) -> bool:
        return any(self._expanding.count(at) > _RECURSIONS for at in self._expanding)

    def dereference_ref(self, ref: str) -> str:
        """Pointer a local `$ref` names (follows chains)."""
        if not ref.startswith("#"):
            raise ValueError(f"only local $refs are supported, got {ref!r}")
        pointer = ref[1:]
        node = self.resolve_pointer(pointer)
        if isinstance(node, dict) and set(node) - _ANNOTATIONS == {"$ref"}:
            return self.dereference_ref(node["$ref"])
        return pointer

    def _validates(self, schema: Any) -> Callable[[JsonValue], bool]:
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

    def _union(
        self, schema: dict[str, Any], combinator: str, depth: int, at: str
    ) -> st.SearchStrategy[Any]:
        rest = {k: v for k, v in schema.items() if k != combinator}
        branches = []
        for index, branch in enumerate(schema[combinator]):
            if set(rest) - _ANNOTATIONS:
                branches.append(self._fallback({**rest, "allOf": [branch]}))
            else:
                branches.append(self._build(branch, depth + 1, f"{at}/{combinator}/{index}"))
        return self._choose(at, branches).filter(self._validates(schema))

    def _conditional(self, schema: dict[str, Any], depth: int, at: str) -> st.SearchStrategy[Any]:
        """`if: {required: [k]}` with `then`/`else` limiting which properties appear.

        Both sides are built as plain object schemas (a key forced present or absent), so neither
        side depends on a filter being lucky. Other forms fall back to filtering.
        """
        condition = schema["if"]
        base = {k: v for k, v in schema.items() if k not in ("if", "then", "else")}
        keys = condition.get("required") if isinstance(condition, dict) else None
        if set(condition) - _ANNOTATIONS != {"required"} or not keys or len(keys) != 1:
            return self._fallback(schema)
        then_side = _with_presence(base, present=keys, absent=[])
        else_side = _with_presence(base, present=[], absent=keys)
        sides = []
        for side, extra in ((then_side, schema.get("then")), (else_side, schema.get("else"))):
            shaped = _apply_presence_rule(side, extra)
            if shaped is None:
                return self._fallback(schema)
            sides.append(self._build(shaped, depth + 1, at))
        return self._choose(at, sides).filter(self._validates(schema))

    def _typed(  # noqa: PLR0911 - one branch per JSON type
        self, schema: dict[str, Any], name: str, depth: int, at: str
    ) -> st.SearchStrategy[Any]:
        if name == "null":
            return st.none()
        if name == "boolean":
            return st.booleans()
        if name == "integer":
            return _integers(schema)
        if name == "number":
            return _numbers(schema)
        if name == "string":
            return _strings(schema)
        if name == "array":
            return self._array(schema, depth, at)
        if name == "object":
            return self._object(schema, depth, at)
        raise ValueError(f"unknown JSON type {name!r}")

    def _array(self, schema: dict[str, Any], depth: int, at: str) -> st.SearchStrategy[Any]:
        low = int(schema.get("minItems", 0))
        high = min(int(schema.get("maxItems", low + _MAX_EXTRA_ITEMS)), low + _MAX_EXTRA_ITEMS)
        if self._cut_short():  # inside a recursion: no deeper than the schema demands
            high = low
        elif self._plan.optional == "all":  # "everything present": a pinned choice in items too
            low = min(max(low, 1), high)
        if high <= 0:  # no element is ever drawn: the items schema is not built (it may recurse)
            return st.just([])
        element = self._build(schema.get("items", True), depth + 1, f"{at}/items")
        return st.lists(element, min_size=low, max_size=high)

    def _object(self, schema: dict[str, Any], depth: int, at: str) -> st.SearchStrategy[Any]:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        absent = set(schema.get("x-absent", []))
        fixed: dict[str, st.SearchStrategy[Any]] = {}
        optional: dict[str, st.SearchStrategy[Any]] = {}
        for name, sub in properties.items():
            if name in absent or (name not in required and self._plan.optional == "none"):
                continue  # not built at all: it may recurse
            built = self._build(sub, depth + 1, f"{at}/properties/{escape_pointer_token(name)}")
            if name in required or self._plan.optional == "all":
                fixed[name] = built
            else:
                optional[name] = built
        declared = st.fixed_dictionaries(fixed, optional=optional)
        extra_schema = schema.get("additionalProperties", True)
        if extra_schema is False or self._plan.optional == "none":
            return declared
        extra_values = self._build(extra_schema, depth + 1, f"{at}/additionalProperties")
        names = st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=12).filter(
            lambda n: n not in properties and n not in absent
        )
        extras = st.dictionaries(
            names, extra_values, min_size=1 if self._plan.optional == "all" else 0, max_size=2
        )
        return st.builds(lambda d, e: {**e, **d}, declared, extras)

    def _fallback(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        """Schemathesis' generator for what this builder does not model, then the validator."""
        # Imported here: schemathesis is heavy and most schemas never need it.
        from schemathesis.generation.jsonschema.builder import build  # noqa: PLC0415
        from schemathesis.specs.openapi.formats import (  # noqa: PLC0415
            get_default_format_strategies,
        )

        inlined = self._inlined(schema, depth=0)
        formats = {**get_default_format_strategies(), **_FORMATS}
        built: st.SearchStrategy[Any] = build(
            inlined, draft=jsonschema_rs.Draft202012, formats=formats
        )
        return built.filter(self._validates(schema))

    def _inlined(self, schema: Any, depth: int) -> Any:
        if depth > 40:
            raise ValueError("schema nesting too deep (a recursive schema?)")
        if isinstance(schema, dict):
            if "$ref" in schema:
                target = self._inlined(self.resolve_pointer(schema["$ref"][1:]), depth + 1)
                rest = {k: self._inlined(v, depth + 1) for k, v in schema.items() if k != "$ref"}
                return {"allOf": [target], **rest} if set(rest) - _ANNOTATIONS else target
            return {
                key: value
                if key in ("const", "enum", "default", "examples", "example")
                # properties' names are data, not keywords: recurse into their values only
                else self._inlined(value, depth + 1)
                for key, value in schema.items()
                if key != "discriminator"
            }
        if isinstance(schema, list):
            return [self._inlined(item, depth + 1) for item in schema]
        return schema

    # ---- invalid variants ---------------------------------------------------------------------

    def violations(self, pointer: str, document: JsonValue) -> list[Violation]:
        """Schema-violating variants of a valid document, each labelled with where and what.

        Kinds: a required property removed, an enum/const value replaced by an unknown string, a
        value replaced by one of a type the schema does not allow, `null` where null is not
        allowed. Every variant returned is checked to be rejected by the validator (a change the
        schema happens to accept is dropped).
        """
        if not self.is_valid(pointer, document):
            raise ValueError(f"violations() needs a valid document for {pointer}")
        found: list[Violation] = []
        seen: set[tuple[str, str]] = set()
        for location, kind, replacement in self._mutations(
            self.resolve_pointer(pointer), document, "", 0
        ):
            if (location, kind) in seen:
                continue
            mutated = _replaced(document, location, replacement)
            if not self.is_valid(pointer, mutated):
                seen.add((location, kind))
                found.append(Violation(pointer=location, kind=kind, document=mutated))
        return found

    def _effective(self, schema: Any, value: JsonValue) -> list[dict[str, Any]]:
        """The schemas that apply to `value` (refs followed, the branch of a union it matches)."""
        if not isinstance(schema, dict):
            return []
        if "$ref" in schema:
            target = self.resolve_pointer(self.dereference_ref(schema["$ref"]))
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            return self._effective(target, value) + ([rest] if rest else [])
        applied = [schema]
        for combinator in ("oneOf", "anyOf"):
            for branch in schema.get(combinator, []):
                if self._validates(branch)(value):
                    applied.extend(self._effective(branch, value))
                    break
        if "if" in schema:
            side = "then" if self._validates(schema["if"])(value) else "else"
            if isinstance(schema.get(side), dict):
                applied.extend(self._effective(schema[side], value))
        return applied

    def _allowed_types(self, schemas: list[dict[str, Any]], value: JsonValue) -> set[str] | None:
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
        self, schemas: list[dict[str, Any]], value: JsonValue, location: str
    ) -> Iterator[tuple[str, ViolationKind, JsonValue]]:
        allowed = self._allowed_types(schemas, value)
        if allowed is None:
            return
        if "null" not in allowed:
            yield location, "null-not-nullable", None
        for name, sample in _SAMPLE_OF_TYPE.items():
            if name not in allowed and not (name == "integer" and "number" in allowed):
                yield location, "wrong-type", sample
                break

    def _mutations(
        self, schema: Any, value: JsonValue, location: str, depth: int
    ) -> Iterator[tuple[str, ViolationKind, JsonValue]]:
        if depth > 40:
            return
        schemas = self._effective(schema, value)
        yield from self._type_mutations(schemas, value, location)
        if any("enum" in s or "const" in s for s in schemas) and isinstance(value, str):
            yield location, "unknown-enum", _UNKNOWN_ENUM
        if isinstance(value, dict):
            required = {name for s in schemas for name in s.get("required", [])}
            for name in sorted(required & set(value)):
                yield f"{location}/{escape_pointer_token(name)}", "missing-required", _MISSING
            for name, item in value.items():
                sub_schemas = [
                    s["properties"][name] for s in schemas if name in s.get("properties", {})
                ]
                for sub in sub_schemas:
                    child = f"{location}/{escape_pointer_token(name)}"
                    yield from self._mutations(sub, item, child, depth + 1)
        if isinstance(value, list):
            item_schemas = [s["items"] for s in schemas if isinstance(s.get("items"), dict)]
            for index, item in enumerate(value[:2]):
                for sub in item_schemas:
                    yield from self._mutations(sub, item, f"{location}/{index}", depth + 1)


def _fragment(pointer: str) -> str:
    """A JSON pointer as a URI fragment (`{` and friends percent-encoded)."""
    return "#" + quote(pointer, safe="/~")


class _Missing:
    """Marks a location whose key is to be removed."""


_MISSING = _Missing()


def _replaced(document: JsonValue, location: str, replacement: JsonValue) -> JsonValue:
    result = copy.deepcopy(document)
    tokens = _pointer_tokens(location)
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


def _with_presence(schema: dict[str, Any], present: list[str], absent: list[str]) -> dict[str, Any]:
    shaped = dict(schema)
    shaped["required"] = sorted(set(schema.get("required", [])) | set(present))
    shaped["x-absent"] = sorted(set(schema.get("x-absent", [])) | set(absent))
    return shaped


def _required_lists(rule: Any) -> list[str] | None:
    """The keys a `{required: [...]}` or `{anyOf: [{required: [...]}, ...]}` rule names."""
    if not isinstance(rule, dict):
        return None
    if set(rule) - _ANNOTATIONS == {"required"}:
        return list(rule["required"])
    if set(rule) - _ANNOTATIONS == {"anyOf"}:
        keys: list[str] = []
        for branch in rule["anyOf"]:
            named = _required_lists(branch)
            if named is None or len(named) != 1:
                return None
            keys.extend(named)
        return keys
    return None


def _apply_presence_rule(schema: dict[str, Any], rule: Any) -> dict[str, Any] | None:
    """`schema` narrowed by a then/else rule of the forms the specs use; None if not one of them."""
    if rule is None:
        return schema
    if not isinstance(rule, dict):
        return None
    if set(rule) - _ANNOTATIONS == {"required"}:
        return _with_presence(schema, present=list(rule["required"]), absent=[])
    if set(rule) - _ANNOTATIONS == {"not"}:
        # not(required: [k]) and not(anyOf required k1 | k2): every named key is absent
        keys = _required_lists(rule["not"])
        if keys is None:
            return None
        return _with_presence(schema, present=[], absent=keys)
    return None


def _inferred_type(schema: dict[str, Any]) -> str | None:
    if {"properties", "required", "additionalProperties"} & set(schema):
        return "object"
    if {"items", "minItems", "maxItems"} & set(schema):
        return "array"
    if {"minLength", "maxLength", "pattern", "format"} & set(schema):
        return "string"
    if {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"} & set(schema):
        return "number"
    return None


def _any_json() -> st.SearchStrategy[JsonValue]:
    scalars = st.none() | st.booleans() | st.integers() | _text(0, 12) | _finite_floats()
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=3) | st.dictionaries(_text(0, 8), children, max_size=3)
        ),
        max_leaves=6,
    )


def _finite_floats() -> st.SearchStrategy[float]:
    # JSON has no NaN or infinity (json.dumps would fail on them, or write invalid JSON).
    return st.floats(allow_nan=False, allow_infinity=False)


def _text(low: int, high: int) -> st.SearchStrategy[str]:
    # Any Unicode scalar value (no lone surrogates: they cannot be encoded as UTF-8 JSON).
    return st.text(st.characters(exclude_categories=["Cs"]), min_size=low, max_size=high)


def _integer_bounds(schema: dict[str, Any]) -> tuple[int, int]:
    low, high = _INT32 if schema.get("format") == "int32" else _INT64
    if "minimum" in schema:
        low = max(low, int(schema["minimum"]))
    if "exclusiveMinimum" in schema:
        low = max(low, int(schema["exclusiveMinimum"]) + 1)
    if "maximum" in schema:
        high = min(high, int(schema["maximum"]))
    if "exclusiveMaximum" in schema:
        high = min(high, int(schema["exclusiveMaximum"]) - 1)
    return low, high


def _integers(schema: dict[str, Any]) -> st.SearchStrategy[int]:
    low, high = _integer_bounds(schema)
    edges = sorted({v for v in (low, low + 1, high - 1, high, 0, 1, -1) if low <= v <= high})
    # The bounds are drawn beside the range so the edges are reached in a handful of examples.
    return st.sampled_from(edges) | st.integers(low, high)


def _numbers(schema: dict[str, Any]) -> st.SearchStrategy[float | int]:
    low = schema.get("minimum")
    high = schema.get("maximum")
    floats = st.floats(
        min_value=low,
        max_value=high,
        allow_nan=False,
        allow_infinity=False,
        exclude_min="exclusiveMinimum" in schema and low is None,
        exclude_max="exclusiveMaximum" in schema and high is None,
    )
    edges = [v for v in (low, high, 0) if v is not None]
    edges = [v for v in edges if (low is None or v >= low) and (high is None or v <= high)]
    return (st.sampled_from(edges) | floats) if edges else floats


def _uri() -> st.SearchStrategy[str]:
    hosts = st.from_regex(r"[a-z]([a-z0-9\-]{0,8}[a-z0-9])?(\.[a-z]{2,6}){1,2}", fullmatch=True)
    paths = st.lists(
        st.text(
            string.ascii_letters + string.digits + "-._~%!$&'()*+,;=:@", min_size=1, max_size=8
        ),
        max_size=3,
    ).map(lambda parts: "".join("/" + p.replace("%", "%25") for p in parts))
    queries = st.one_of(st.just(""), st.from_regex(r"\?[a-z]{1,5}=[a-z0-9]{0,5}", fullmatch=True))
    return st.builds(
        lambda scheme, host, path, query: f"{scheme}://{host}{path}{query}",
        st.sampled_from(["https", "http"]),
        hosts,
        paths,
        queries,
    )


def _email() -> st.SearchStrategy[str]:
    local = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.+_\-]{0,15}", fullmatch=True)
    domain = st.from_regex(r"[a-z]([a-z0-9\-]{0,8}[a-z0-9])?\.[a-z]{2,6}", fullmatch=True)
    return st.builds(lambda a, b: f"{a}@{b}", local, domain)


def _date_time() -> st.SearchStrategy[str]:
    offsets = st.sampled_from([0, 330, -480, 60]).map(
        lambda m: dt.timezone(dt.timedelta(minutes=m))
    )
    moments = st.datetimes(
        min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=offsets
    )

    def spelled(moment: dt.datetime, fraction: bool) -> str:
        text = moment.isoformat(timespec="microseconds" if fraction else "seconds")
        return text.replace("+00:00", "Z")

    return st.builds(spelled, moments, st.booleans())


_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "uuid": st.uuids().map(str),
    "uri": _uri(),
    "email": _email(),
    "date-time": _date_time(),
}


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    low = int(schema.get("minLength", 0))
    high = min(int(schema.get("maxLength", low + _MAX_EXTRA_LENGTH)), low + _MAX_EXTRA_LENGTH)
    fmt = schema.get("format")
    pattern = schema.get("pattern")
    base: st.SearchStrategy[str]
    if isinstance(pattern, str):
        base = st.from_regex(pattern, fullmatch=True)
    elif fmt in _FORMATS:
        base = _FORMATS[fmt]
    else:
        return _text(low, high)
    # Both validators must agree on each string: jsonschema-rs reads `pattern` as ECMA-262 (as
    # JSON Schema requires) and checks formats more strictly than Python's jsonschema does.
    leaf: dict[str, Any] = {
        k: schema[k] for k in ("pattern", "format", "minLength", "maxLength") if k in schema
    }
    strict = jsonschema_rs.validator_for({"type": "string", **leaf}, validate_formats=True)
    checker = format_checker()
    limit = int(schema.get("maxLength", 10**9))
    return base.filter(
        lambda s: (
            low <= len(s) <= limit
            and (fmt is None or checker.conforms(s, fmt))
            and strict.is_valid(s)
        )
    )


def _header_text(value: JsonValue) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)
