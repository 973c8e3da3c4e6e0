"""Schema -> hypothesis strategy: a walk of the schema that makes every choice an explicit draw.

A `SchemaBuilder` is created for each strategy built and holds that build's state (the plan, the
`$ref`s being expanded); the strategies it returns read none of it when drawn.
"""

from __future__ import annotations

import copy
import string
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
from hypothesis import strategies as st

from aelyst_contract.openapi import escape_token
from aelyst_contract.schema_strategies._locate import SpecLocator
from aelyst_contract.schema_strategies._model import ANNOTATIONS, JsonValue, OptionalMode
from aelyst_contract.schema_strategies._scalars import (
    FORMATS,
    any_json,
    integers,
    numbers,
    strings,
)
from aelyst_contract.schema_strategies._validate import SpecValidators

__all__ = ["SCHEMA_AT", "Plan", "SchemaBuilder"]

# Where a schema given as a dict (not at a pointer of the spec) sits, for the pins' bookkeeping.
SCHEMA_AT = "#schema"
# Generated arrays stay short: long values cost time and find nothing more here.
_MAX_EXTRA_ITEMS = 3
# How often a recursive schema is expanded inside itself before it is cut short.
_RECURSIONS = 1
# Deeper than this, a schema is taken for a recursion that never ends.
_MAX_DEPTH = 40
_MODELLED = ANNOTATIONS | {
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


@dataclass(frozen=True)
class Plan:
    """What a build is asked for: pinned choices (schema pointer -> index) and optional mode."""

    pins: tuple[tuple[str, int], ...]
    optional: OptionalMode


class SchemaBuilder:
    """Builds the strategy of one schema under one plan; use a new builder for each build."""

    def __init__(self, locator: SpecLocator, validators: SpecValidators, plan: Plan) -> None:
        self._locator = locator
        self._validators = validators
        self._pins = dict(plan.pins)
        self._optional = plan.optional
        # The `$ref` targets being built (outermost first), to cut recursive schemas short.
        self._expanding: list[str] = []

    def build(self, schema: Any, depth: int, at: str) -> st.SearchStrategy[JsonValue]:  # noqa: PLR0911, PLR0912 - one branch per keyword
        """Values of `schema`, which sits at `at` (a pointer of the spec, or `SCHEMA_AT`)."""
        if depth > _MAX_DEPTH:
            raise ValueError("schema nesting too deep (a recursive schema?)")
        if schema is True or schema == {}:
            return any_json()
        if schema is False:
            return st.nothing()
        if not isinstance(schema, dict):
            raise ValueError(f"not a schema: {schema!r}")
        keywords = set(schema) - ANNOTATIONS
        if not keywords <= _MODELLED or "$defs" in schema:
            return self._fallback(schema)
        if "$ref" in schema:
            target_at = self._locator.dereference_ref(schema["$ref"])
            rest = {k: v for k, v in schema.items() if k not in ANNOTATIONS and k != "$ref"}
            built = self._build_ref(target_at, depth)
            return built.filter(self._validators.validates(rest)) if rest else built
        if "const" in schema:
            return st.just(copy.deepcopy(schema["const"])).filter(
                self._validators.validates(schema)
            )
        if "enum" in schema:
            values = [st.just(copy.deepcopy(value)) for value in schema["enum"]]
            return self._choose(at, values).filter(self._validators.validates(schema))
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
        self._expanding.append(target_at)
        try:
            return self.build(self._locator.resolve_pointer(target_at), depth + 1, target_at)
        finally:
            self._expanding.pop()

    def _cut_short(self) -> bool:
        return any(self._expanding.count(at) > _RECURSIONS for at in self._expanding)

    def _optional_mode(self) -> OptionalMode:
        """The plan's optional mode, except "none" inside a recursion that is cut short."""
        return "none" if self._cut_short() else self._optional

    def _choose(self, at: str, options: list[st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
        """One of `options`: the pinned one, or an explicitly drawn index (every option gets the
        same chance, however many values each one has)."""
        pinned = self._pins.get(at)
        if pinned is not None:
            if not 0 <= pinned < len(options):
                raise ValueError(f"pin {pinned} out of range at {at} ({len(options)} options)")
            return options[pinned]
        return st.sampled_from(range(len(options))).flatmap(lambda i: options[i])

    def _union(
        self, schema: dict[str, Any], combinator: str, depth: int, at: str
    ) -> st.SearchStrategy[Any]:
        rest = {k: v for k, v in schema.items() if k != combinator}
        branches = []
        for index, branch in enumerate(schema[combinator]):
            if set(rest) - ANNOTATIONS:
                branches.append(self._fallback({**rest, "allOf": [branch]}))
            else:
                branches.append(self.build(branch, depth + 1, f"{at}/{combinator}/{index}"))
        return self._choose(at, branches).filter(self._validators.validates(schema))

    def _conditional(self, schema: dict[str, Any], depth: int, at: str) -> st.SearchStrategy[Any]:
        """`if: {required: [k]}` with `then`/`else` limiting which properties appear.

        Both sides are built as plain object schemas (a key forced present or absent), so neither
        side depends on a filter being lucky. Other forms fall back to filtering.
        """
        condition = schema["if"]
        base = {k: v for k, v in schema.items() if k not in ("if", "then", "else")}
        keys = condition.get("required") if isinstance(condition, dict) else None
        if set(condition) - ANNOTATIONS != {"required"} or not keys or len(keys) != 1:
            return self._fallback(schema)
        then_side = _with_presence(base, present=keys, absent=[])
        else_side = _with_presence(base, present=[], absent=keys)
        sides = []
        for side, extra in ((then_side, schema.get("then")), (else_side, schema.get("else"))):
            shaped = _apply_presence_rule(side, extra)
            if shaped is None:
                return self._fallback(schema)
            sides.append(self.build(shaped, depth + 1, at))
        return self._choose(at, sides).filter(self._validators.validates(schema))

    def _typed(  # noqa: PLR0911 - one branch per JSON type
        self, schema: dict[str, Any], name: str, depth: int, at: str
    ) -> st.SearchStrategy[Any]:
        if name == "null":
            return st.none()
        if name == "boolean":
            return st.booleans()
        if name == "integer":
            return integers(schema)
        if name == "number":
            return numbers(schema)
        if name == "string":
            return strings(schema)
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
        elif self._optional == "all":  # "everything present": a pinned choice in items too
            low = min(max(low, 1), high)
        if high <= 0:  # no element is ever drawn: the items schema is not built (it may recurse)
            return st.just([])
        element = self.build(schema.get("items", True), depth + 1, f"{at}/items")
        return st.lists(element, min_size=low, max_size=high)

    def _object(self, schema: dict[str, Any], depth: int, at: str) -> st.SearchStrategy[Any]:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        absent = set(schema.get("x-absent", []))
        optional_mode = self._optional_mode()
        fixed: dict[str, st.SearchStrategy[Any]] = {}
        optional: dict[str, st.SearchStrategy[Any]] = {}
        for name, sub in properties.items():
            if name in absent or (name not in required and optional_mode == "none"):
                continue  # not built at all: it may recurse
            built = self.build(sub, depth + 1, f"{at}/properties/{escape_token(name)}")
            if name in required or optional_mode == "all":
                fixed[name] = built
            else:
                optional[name] = built
        declared = st.fixed_dictionaries(fixed, optional=optional)
        extra_schema = schema.get("additionalProperties", True)
        if extra_schema is False or optional_mode == "none":
            return declared
        extra_values = self.build(extra_schema, depth + 1, f"{at}/additionalProperties")
        names = st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=12).filter(
            lambda n: n not in properties and n not in absent
        )
        extras = st.dictionaries(
            names, extra_values, min_size=1 if optional_mode == "all" else 0, max_size=2
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
        formats = {**get_default_format_strategies(), **FORMATS}
        built: st.SearchStrategy[Any] = build(
            inlined, draft=jsonschema_rs.Draft202012, formats=formats
        )
        return built.filter(self._validators.validates(schema))

    def _inlined(self, schema: Any, depth: int) -> Any:
        """`schema` with its `$ref`s replaced by their targets (for the fallback generator)."""
        if depth > _MAX_DEPTH:
            raise ValueError("schema nesting too deep (a recursive schema?)")
        if isinstance(schema, dict):
            if "$ref" in schema:
                target = self._inlined(self._locator.lookup(schema["$ref"]), depth + 1)
                rest = {k: self._inlined(v, depth + 1) for k, v in schema.items() if k != "$ref"}
                return {"allOf": [target], **rest} if set(rest) - ANNOTATIONS else target
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


def _with_presence(schema: dict[str, Any], present: list[str], absent: list[str]) -> dict[str, Any]:
    shaped = dict(schema)
    shaped["required"] = sorted(set(schema.get("required", [])) | set(present))
    shaped["x-absent"] = sorted(set(schema.get("x-absent", [])) | set(absent))
    return shaped


def _required_lists(rule: Any) -> list[str] | None:
    """The keys a `{required: [...]}` or `{anyOf: [{required: [...]}, ...]}` rule names."""
    if not isinstance(rule, dict):
        return None
    if set(rule) - ANNOTATIONS == {"required"}:
        return list(rule["required"])
    if set(rule) - ANNOTATIONS == {"anyOf"}:
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
    if set(rule) - ANNOTATIONS == {"required"}:
        return _with_presence(schema, present=list(rule["required"]), absent=[])
    if set(rule) - ANNOTATIONS == {"not"}:
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
