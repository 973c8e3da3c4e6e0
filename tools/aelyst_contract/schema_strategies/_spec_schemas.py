"""`SpecSchemas`: the one object users hold, delegating to the locator, validators, builder,
choices and violation finder of one spec."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from aelyst_contract.schema_strategies._build import SCHEMA_AT, Plan, SchemaBuilder
from aelyst_contract.schema_strategies._choices import Choice, choices_of, covering_pins
from aelyst_contract.schema_strategies._locate import SpecLocator
from aelyst_contract.schema_strategies._model import JsonValue, OptionalMode
from aelyst_contract.schema_strategies._validate import SpecValidators
from aelyst_contract.schema_strategies._violations import Violation, ViolationFinder

__all__ = ["SpecSchemas"]


class SpecSchemas:
    """Strategies and validators for the schemas of one OpenAPI 3.1 document.

    Schemas are named by their JSON pointer into the spec (`/components/schemas/Message`), so a
    validator can resolve the `$ref`s around them and an error can say where the schema lives.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec: dict[str, Any] = copy.deepcopy(dict(spec))
        self._locator = SpecLocator(self._spec)
        self._validators = SpecValidators(self._spec)
        self._violations = ViolationFinder(self._locator, self._validators)
        self._strategies: dict[tuple[str, Plan], st.SearchStrategy[JsonValue]] = {}
        self._schema_strategies: dict[tuple[str, Plan], st.SearchStrategy[JsonValue]] = {}

    # ---- locating things in the spec ----------------------------------------------------------

    @property
    def spec(self) -> dict[str, Any]:
        """The spec this instance reads (a private copy: mutating it is the caller's problem)."""
        return self._spec

    def resolve_pointer(self, pointer: str) -> Any:
        """The node at a JSON pointer of the spec."""
        return self._locator.resolve_pointer(pointer)

    def dereference(self, pointer: str) -> str:
        """Follow `$ref`s from the node at `pointer`; the pointer of the node they end on."""
        return self._locator.dereference(pointer)

    def dereference_ref(self, ref: str) -> str:
        """Pointer a local `$ref` names (follows chains)."""
        return self._locator.dereference_ref(ref)

    def operations(self) -> list[tuple[str, str, str]]:
        """(operationId, path template, method) of every operation, in the spec's order."""
        return self._locator.operations()

    def statuses(self, operation_id: str) -> list[str]:
        """The documented response statuses of an operation, as the spec spells them."""
        return self._locator.statuses(operation_id)

    def operation_pointer(self, operation_id: str) -> tuple[str, str, str]:
        """(pointer of the operation object, path template, method) for an operationId."""
        return self._locator.operation_pointer(operation_id)

    def response_pointer(self, operation_id: str, status: str) -> str:
        """Pointer of the (dereferenced) response object of an operation's status."""
        return self._locator.response_pointer(operation_id, status)

    def response_body_pointer(
        self, operation_id: str, status: str, media_type: str = "application/json"
    ) -> str:
        """Pointer of the body schema of an operation's response."""
        return self._locator.response_body_pointer(operation_id, status, media_type)

    def request_body_pointer(self, operation_id: str, media_type: str = "application/json") -> str:
        """Pointer of the request body schema of an operation."""
        return self._locator.request_body_pointer(operation_id, media_type)

    def parameter_pointers(self, operation_id: str) -> dict[tuple[str, str], str]:
        """(location, name) -> pointer of the dereferenced parameter, path-level ones included."""
        return self._locator.parameter_pointers(operation_id)

    def parameter_schema_pointer(self, operation_id: str, location: str, name: str) -> str:
        """Pointer of a parameter's schema."""
        return self._locator.parameter_schema_pointer(operation_id, location, name)

    def response_header_pointers(self, operation_id: str, status: str) -> dict[str, str]:
        """Header name -> pointer of the dereferenced header object of a response."""
        return self._locator.response_header_pointers(operation_id, status)

    # ---- validation ---------------------------------------------------------------------------

    def validator(self, pointer: str) -> Draft202012Validator:
        """A 2020-12 validator, with format checking, for the schema at `pointer`."""
        return self._validators.validator(pointer)

    def is_valid(self, pointer: str, value: JsonValue) -> bool:
        """Whether both validators (jsonschema, and jsonschema-rs with ECMA-262 regexes) accept
        `value` against the schema at `pointer`."""
        return self._validators.is_valid(pointer, value)

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
        plan = Plan(tuple(sorted((pins or {}).items())), optional)
        key = (pointer, plan)
        cached = self._strategies.get(key)
        if cached is None:
            schema = self.resolve_pointer(pointer)
            built = self._builder(plan).build(schema, 0, pointer)
            cached = built.map(self._validators.checked(pointer))
            self._strategies[key] = cached
        return cached

    def schema_strategy(
        self, schema: JsonValue, *, optional: OptionalMode = "draw"
    ) -> st.SearchStrategy[JsonValue]:
        """Values valid against a schema that is not at a pointer of the spec (one taken from
        another copy of the document, say) but whose `$ref`s point into it; built and checked
        (`GeneratorBug`) exactly as `strategy()` does. `optional` as for `strategy()`."""
        plan = Plan((), optional)
        key = (json.dumps(schema, sort_keys=True, default=str), plan)
        cached = self._schema_strategies.get(key)
        if cached is None:
            built = self._builder(plan).build(schema, 0, SCHEMA_AT)
            cached = built.map(self._validators.checked_schema(schema))
            self._schema_strategies[key] = cached
        return cached

    def _builder(self, plan: Plan) -> SchemaBuilder:
        return SchemaBuilder(self._locator, self._validators, plan)

    def choices(self, pointer: str) -> list[Choice]:
        """Every choice the schema at `pointer` offers, for `strategy(pins=...)`: the branches of
        each oneOf/anyOf, the types of each type list, the values of each enum, the sides of
        each if/then/else, wherever they are nested (each schema location once)."""
        return choices_of(self._locator, pointer)

    def covering_pins(self, pointer: str) -> list[dict[str, int]]:
        """A few pin maps that, between them, take every label of every choice of the schema.

        Each (choice, label) needs its own pin plus the union branches leading to it; compatible
        needs are merged greedily, so the count is about the largest number of labels of one
        choice rather than the sum over all choices.
        """
        return covering_pins(self.choices(pointer))

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

    # ---- invalid variants ---------------------------------------------------------------------

    def violations(self, pointer: str, document: JsonValue) -> list[Violation]:
        """Schema-violating variants of a valid document, each labelled with where and what.

        Kinds: a required property removed, an enum/const value replaced by an unknown string, a
        value replaced by one of a type the schema does not allow, `null` where null is not
        allowed. Every variant returned is checked to be rejected by the validator (a change the
        schema happens to accept is dropped).
        """
        return self._violations.violations(pointer, document)


def _header_text(value: JsonValue) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)
