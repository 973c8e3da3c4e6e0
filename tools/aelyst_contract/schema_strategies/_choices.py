"""The choices a schema offers (union branches, type lists, enum values, if/else sides), listed
so a caller can pin each one (`SpecSchemas.strategy(pins=...)`) instead of relying on luck."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aelyst_contract.openapi import escape_token
from aelyst_contract.schema_strategies._locate import SpecLocator

__all__ = ["Choice", "choices_of", "covering_pins"]

# A choice reached through more nested unions than this is not listed (a recursive schema).
_MAX_REQUIRES = 40


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


def choices_of(locator: SpecLocator, pointer: str) -> list[Choice]:
    """Every choice of the schema at `pointer`, wherever nested (each schema location once)."""
    found: dict[str, Choice] = {}
    _collect(locator, locator.resolve_pointer(pointer), pointer, found, ())
    return list(found.values())


def covering_pins(choices: list[Choice]) -> list[dict[str, int]]:
    """A few pin maps that, between them, take every label of every choice.

    Each (choice, label) needs its own pin plus the union branches leading to it; compatible
    needs are merged greedily, so the count is about the largest number of labels of one
    choice rather than the sum over all choices.
    """
    runs: list[dict[str, int]] = []
    for choice in choices:
        for index in range(len(choice.labels)):
            need = {**dict(choice.requires), choice.pointer: index}
            for run in runs:
                if all(run.get(key, value) == value for key, value in need.items()):
                    run.update(need)
                    break
            else:
                runs.append(need)
    return runs or [{}]


def _collect(
    locator: SpecLocator,
    schema: Any,
    at: str,
    found: dict[str, Choice],
    requires: tuple[tuple[str, int], ...],
) -> None:
    if not isinstance(schema, dict) or len(requires) > _MAX_REQUIRES or at in found:
        return
    if "$ref" in schema:
        target = locator.dereference_ref(schema["$ref"])
        _collect(locator, locator.resolve_pointer(target), target, found, requires)
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
                _collect(locator, branch, f"{at}/{combinator}/{index}", found, inner)
    if "if" in schema:
        found[at] = Choice(at, "if", ("then", "else"), requires)
    if isinstance(schema.get("type"), list):
        found[at] = Choice(at, "type", tuple(schema["type"]), requires)
    for name, sub in schema.get("properties", {}).items():
        child = f"{at}/properties/{escape_token(name)}"
        _collect(locator, sub, child, found, requires)
    for keyword in ("items", "additionalProperties"):
        if isinstance(schema.get(keyword), dict):
            _collect(locator, schema[keyword], f"{at}/{keyword}", found, requires)
