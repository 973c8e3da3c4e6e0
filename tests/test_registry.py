"""The generic registry behind every rule decorator: order, lookup, duplicates, metadata."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from aelyst_contract._registry import DuplicateRegistrationError, Registry

Rule = Callable[[int], int]


def _double(value: int) -> int:
    """Twice the value.

    A second paragraph."""
    return value * 2


def _negate(value: int) -> int:
    return -value


def _square(value: int) -> int:
    """The value squared."""
    return value * value


def test_entries_come_back_in_registration_order() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    for name, function in (("square", _square), ("double", _double), ("negate", _negate)):
        registry.register(name, None)(function)

    assert registry.names() == ["square", "double", "negate"]
    assert [entry.function for entry in registry] == [_square, _double, _negate]
    assert len(registry) == 3


def test_register_is_a_decorator_that_returns_the_function_unchanged() -> None:
    registry: Registry[Rule, None] = Registry("test rule")

    @registry.register("triple", None)
    def triple(value: int) -> int:
        return value * 3

    assert triple(2) == 6
    assert registry["triple"].function is triple


def test_lookup_by_name() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    registry.register("double", None)(_double)
    registry.register("negate", None)(_negate)

    assert registry["negate"].function(5) == -5
    assert registry["negate"].name == "negate"
    assert "double" in registry
    assert "halve" not in registry


def test_lookup_of_an_unknown_name_says_what_is_known() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    registry.register("double", None)(_double)

    with pytest.raises(KeyError, match=r"no test rule named 'halve' \(known: double\)"):
        registry["halve"]


def test_a_duplicate_name_is_refused_and_names_both_functions() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    registry.register("double", None)(_double)

    with pytest.raises(DuplicateRegistrationError) as refused:
        registry.register("double", None)(_square)

    message = str(refused.value)
    assert "test rule 'double' is registered already" in message
    assert "_double" in message
    assert "_square" in message
    # The first registration stands, and nothing was appended.
    assert registry["double"].function is _double
    assert registry.names() == ["double"]


def test_the_same_function_may_be_registered_under_two_names() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    registry.register("double", None)(_double)
    registry.register("twice", None)(_double)

    assert registry.names() == ["double", "twice"]


def test_description_is_the_docstring_unless_given() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    registry.register("double", None)(_double)
    registry.register("negate", None)(_negate)
    registry.add("square", _square, None, description="Given explicitly.")

    assert registry["double"].description == "Twice the value.\n\nA second paragraph."
    assert registry["negate"].description == ""
    assert registry["square"].description == "Given explicitly."


@dataclass(frozen=True)
class Traits:
    probing: bool
    needs: frozenset[str]


def test_entries_carry_their_typed_metadata() -> None:
    registry: Registry[Rule, Traits] = Registry("check")
    registry.register("double", Traits(probing=False, needs=frozenset()))(_double)
    registry.register("square", Traits(probing=True, needs=frozenset({"writes"})))(_square)

    assert registry["square"].metadata == Traits(probing=True, needs=frozenset({"writes"}))
    probing = [entry.name for entry in registry if entry.metadata.probing]
    assert probing == ["square"]


def test_iterating_while_registering_sees_a_snapshot() -> None:
    registry: Registry[Rule, None] = Registry("test rule")
    registry.register("double", None)(_double)

    seen = []
    for entry in registry:
        seen.append(entry.name)
        registry.register("negate", None)(_negate)

    assert seen == ["double"]
    assert registry.names() == ["double", "negate"]
