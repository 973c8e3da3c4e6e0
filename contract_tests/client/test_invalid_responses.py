"""Invalid responses: each schema-violating variant of a valid response, default and strict client.

The plain generated client must reject every variant with `errors.ResponseParseError` naming the
operation, the status and the JSON pointer of the field, with the raw response attached (our
template overrides: a wrong scalar type, a `null`, a missing field, an unknown enum value). Strict
mode (`aelyst_contract.strict_client.StrictTransport`) must reject each one too, with the same
pointer (it also checks what the types cannot: headers, undocumented statuses).
"""

from __future__ import annotations

import json
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
    snake,
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
            _check_parse_error(outcome.parse_error, op, status, violation)
            kinds_seen.add(violation.kind)
            record_outcome(violation.kind, outcome.raised or "returned silently")

    check()
    # every response body has a required field and a typed root: these kinds always exist
    assert {"missing-required", "wrong-type", "null-not-nullable"} <= kinds_seen


def _check_parse_error(error: Any, op: Operation, status: str, violation: Any) -> None:
    """The plain client raised `ResponseParseError` at the violation, with the raw response."""
    assert error is not None, (
        f"{op} {status}: the plain client did not raise ResponseParseError for {violation.kind} "
        f"at {violation.pointer!r}: {violation.document!r}"
    )
    assert error.operation_id == snake(op.operation_id)
    assert error.status == int(status)
    assert error.pointer == violation.pointer, (
        f"{op} {status}: {violation.kind} at {violation.pointer!r} reported at "
        f"{error.pointer!r} ({error})"
    )
    assert f"{snake(op.operation_id)} answered {status}: {violation.pointer or '/'}" in str(error)
    assert error.response.status_code == int(status)
    assert json.loads(error.response.content) == violation.document
