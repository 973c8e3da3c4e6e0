"""A value a strategy's own schema rejects is raised as `GeneratorBug`, never handed to a test."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aelyst_contract.schema_strategies import GeneratorBug, SpecSchemas
from aelyst_contract.schema_strategies._build import SchemaBuilder
from tests.schema_strategies._helpers import TREE_SPEC, spec_schemas


def test_a_generator_bug_is_raised_not_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    schemas = spec_schemas("contact")
    monkeypatch.setattr(
        SchemaBuilder, "build", lambda self, schema, depth, at: st.just({"code": "not an int"})
    )

    @settings(max_examples=1, database=None)
    @given(schemas.strategy("/components/schemas/Error"))
    def draw(value: Any) -> None:
        raise AssertionError(f"an invalid value reached the test: {value!r}")

    with pytest.raises(GeneratorBug, match="/components/schemas/Error"):
        draw()


def test_a_generator_bug_in_a_schema_outside_the_spec_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schemas = SpecSchemas(TREE_SPEC)
    monkeypatch.setattr(SchemaBuilder, "build", lambda self, schema, depth, at: st.just("unknown"))

    @settings(max_examples=1, database=None)
    @given(schemas.schema_strategy({"$ref": "#/components/schemas/Status"}))
    def draw(value: Any) -> None:
        raise AssertionError(f"an invalid value reached the test: {value!r}")

    with pytest.raises(GeneratorBug, match="is not one of"):
        draw()
