"""Requests: valid generated arguments produce requests the spec accepts, carrying exactly them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract_tests.client._checks import check_path_encoding, check_request
from contract_tests.client._harness import (
    ADVERSARIAL_IDENTIFIERS,
    CallArgs,
    Operation,
    all_operations,
    args_strategy,
    package,
    schemas,
    suite_settings,
)

OPERATIONS = all_operations()


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_sent_request_is_valid_and_exact(op: Operation) -> None:
    client_package = package(op.api)

    @suite_settings(quick=12, deep=500)
    @given(args_strategy(op))
    def check(args: CallArgs) -> None:
        check_request(client_package, op, args)

    check()


BODY_OPERATIONS = [
    op
    for op in OPERATIONS
    if "requestBody"
    in schemas(op.api).resolve_pointer(schemas(op.api).operation_pointer(op.operation_id)[0])
]


@pytest.mark.parametrize("op", BODY_OPERATIONS, ids=str)
def test_every_choice_of_the_request_body_is_sent_exactly(op: Operation) -> None:
    """Every message type, enum value, nullable side and if/then/else side of the body, and
    every optional property present and absent, goes out valid and unchanged."""
    client_package = package(op.api)
    spec = schemas(op.api)
    runs: list[tuple[dict[str, int], str]] = [({}, "all"), ({}, "none")]
    runs += [
        (pins, "all") for pins in spec.covering_pins(spec.request_body_pointer(op.operation_id))
    ]
    for pins, optional in runs:

        @suite_settings(quick=1, deep=5)
        @given(args_strategy(op, body_pins=pins, optional=optional))
        def check(args: CallArgs) -> None:
            check_request(client_package, op, args)

        try:
            check()
        except Exception as error:
            error.add_note(f"while taking the choices {pins} (optional properties: {optional})")
            raise


def _string_path_parameters() -> list[tuple[Operation, str]]:
    found = []
    for op in OPERATIONS:
        spec = schemas(op.api)
        for (location, name), pointer in spec.parameter_pointers(op.operation_id).items():
            schema = spec.resolve_pointer(spec.dereference(f"{pointer}/schema"))
            # formatted ones (uuid) are typed in the client: not any text can be passed
            if location == "path" and schema.get("type") == "string" and "format" not in schema:
                found.append((op, name))
    return found


PATH_PARAMETERS = _string_path_parameters()
# `.` and `..` as a whole segment are dot-segments that URL normalisation removes, and "" leaves
# `//`: no encoding can carry them (toolchain notes). Every other text must survive.
_SEGMENTS_NO_ENCODING_CAN_CARRY = ("", ".", "..")


@pytest.mark.parametrize(
    ("op", "name"), PATH_PARAMETERS, ids=[f"{o}-{n}" for o, n in PATH_PARAMETERS]
)
def test_any_text_in_a_path_parameter_decodes_back_exactly(op: Operation, name: str) -> None:
    client_package = package(op.api)
    texts = st.one_of(
        st.sampled_from(ADVERSARIAL_IDENTIFIERS),
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40),
        st.text(st.sampled_from("/?#%+&=;: .é😀"), min_size=1, max_size=40),
    ).filter(lambda text: text not in _SEGMENTS_NO_ENCODING_CAN_CARRY)

    @suite_settings(quick=15, deep=500)
    @given(args_strategy(op), texts)
    def check(args: CallArgs, text: str) -> None:
        check_path_encoding(client_package, op, args, name, text)

    check()


def test_adversarial_identifiers_are_valid_identifiers() -> None:
    spec = schemas("contact")
    pointer = spec.parameter_schema_pointer("sendMessage", "path", "identifier")
    assert all(spec.is_valid(pointer, identifier) for identifier in ADVERSARIAL_IDENTIFIERS)
