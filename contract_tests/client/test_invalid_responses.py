"""Invalid responses: each schema-violating variant of a valid response, default and strict client.

The generated client is silent or unhelpful on many of them (a wrong scalar type passes, a missing
field is a bare KeyError, an unknown enum value a context-free ValueError: see the pins below).
Strict mode (`aelyst_contract.strict_client.StrictTransport`) is the fix: it must reject every
variant with an error naming the operation and the field.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from contract_tests.client._checks import invalid_response_outcome
from contract_tests.client._coverage import record_outcome
from contract_tests.client._harness import (
    Operation,
    json_media_type,
    package,
    response_pairs,
    response_strategy,
    schemas,
    suite_settings,
)

BODY_PAIRS = [(op, status) for op, status in response_pairs() if json_media_type(op, status)]


@pytest.mark.parametrize(
    ("op", "status"), BODY_PAIRS, ids=[f"{op}-{status}" for op, status in BODY_PAIRS]
)
def test_strict_mode_names_operation_and_field_of_every_violation(
    op: Operation, status: str
) -> None:
    client_package = package(op.api)
    spec = schemas(op.api)
    pointer = spec.response_body_pointer(op.operation_id, status)
    kinds_seen: set[str] = set()

    @suite_settings(quick=1, deep=60, shrink=False)
    @given(response_strategy(op, status))
    def check(response: tuple[Any, dict[str, str]]) -> None:
        body, headers = response
        violations = spec.violations(pointer, body)
        assert violations, f"{op} {status}: no violating variant of {body!r}"
        for violation in violations:
            outcome = invalid_response_outcome(
                client_package, op, status, violation.document, headers
            )
            error = outcome.strict_error
            assert error is not None, (
                f"{op} {status}: strict mode accepted {violation.kind} at {violation.pointer!r}: "
                f"{violation.document!r}"
            )
            assert error.operation_id == op.operation_id
            assert error.status == int(status)
            assert error.pointer == violation.pointer, (
                f"{op} {status}: {violation.kind} at {violation.pointer!r} reported at "
                f"{error.pointer!r} ({error})"
            )
            assert op.operation_id in str(error)
            kinds_seen.add(violation.kind)
            record_outcome(violation.kind, outcome.raised or "returned silently")

    check()
    # every response body has a required field and a typed root: these kinds always exist
    assert {"missing-required", "wrong-type", "null-not-nullable"} <= kinds_seen
