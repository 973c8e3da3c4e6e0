"""The choices a schema offers, and pin sets that take every one of them."""

from __future__ import annotations

import pytest

from aelyst_contract._specs import SpecName
from tests.schema_strategies._helpers import SPECS, body_pointers, spec_schemas


def test_choices_list_every_union_enum_type_list_and_condition() -> None:
    schemas = spec_schemas("contact")
    found = {
        c.pointer: c for c in schemas.choices(schemas.response_body_pointer("getMessage", "200"))
    }
    content = found["/components/schemas/MessageContent"]
    assert content.kind == "oneOf"
    assert content.labels[0] == "TextMessage"
    assert len(content.labels) == 6
    assert found["/components/schemas/Traffic"].labels == ('"outgoing"', '"incoming"')
    assert found["/components/schemas/Sender/properties/userId"].kind == "type"
    channel = spec_schemas("channel")
    request = channel.choices("/components/schemas/SendChannelMessageRequest")
    assert {c.kind for c in request} >= {"if", "oneOf", "enum"}


@pytest.mark.parametrize("name", SPECS)
def test_covering_pins_take_every_label_of_every_choice(name: SpecName) -> None:
    schemas = spec_schemas(name)
    for pointer in body_pointers(name):
        choices = schemas.choices(pointer)
        runs = schemas.covering_pins(pointer)
        for choice in choices:
            taken = {run[choice.pointer] for run in runs if choice.pointer in run}
            assert taken == set(range(len(choice.labels))), (pointer, choice.pointer)
            for run in runs:
                if choice.pointer in run:  # the union branches leading to it are taken too
                    assert all(run.get(p) == i for p, i in choice.requires)
        if choices:
            assert len(runs) <= max(len(c.labels) for c in choices) * 3
