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

`SpecSchemas` is the facade over the pieces, one module per job: `_locate` (pointers and `$ref`s
in the spec), `_validate` (the two validators), `_build` (schema -> strategy, with the leaf
strategies in `_scalars`), `_choices` (the choices to pin) and `_violations` (invalid variants).
"""

from __future__ import annotations

from aelyst_contract.schema_strategies._choices import Choice
from aelyst_contract.schema_strategies._model import JsonValue, OptionalMode
from aelyst_contract.schema_strategies._spec_schemas import SpecSchemas
from aelyst_contract.schema_strategies._validate import GeneratorBug, format_checker
from aelyst_contract.schema_strategies._violations import Violation, ViolationKind

__all__ = [
    "Choice",
    "GeneratorBug",
    "JsonValue",
    "OptionalMode",
    "SpecSchemas",
    "Violation",
    "ViolationKind",
    "format_checker",
]
