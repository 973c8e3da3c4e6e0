"""What the generated client (without strict mode) does with an invalid response, pinned.

These are defects of openapi-python-client 0.29.1 output (toolchain notes), recorded so that a
regeneration that changes them is noticed. Strict mode (`aelyst_contract.strict_client`) is the
fix, and `test_invalid_responses.py` checks it catches every variant; the last test here shows
it on the same cases.
"""

from __future__ import annotations

from typing import Any

import pytest

from contract_tests.client._checks import invalid_response_outcome
from contract_tests.client._harness import operations, package

_ERROR_HEADERS = {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "5"}


def _get_message() -> Any:
    return next(op for op in operations("contact") if op.operation_id == "getMessage")


VALID_MESSAGE: dict[str, Any] = {
    "messageId": 1,
    "contactId": 2,
    "channelId": 3,
    "traffic": "incoming",
}


@pytest.mark.parametrize(
    ("document", "default_outcome", "pointer"),
    [
        # a wrong scalar type passes silently: the caller gets a Message whose id is a string
        ({**VALID_MESSAGE, "messageId": "abc"}, None, "/messageId"),
        # null where an integer is required also passes silently
        ({**VALID_MESSAGE, "contactId": None}, None, "/contactId"),
        # a missing required field is a bare KeyError naming neither operation nor model
        ({k: v for k, v in VALID_MESSAGE.items() if k != "channelId"}, "KeyError", "/channelId"),
        # an unknown enum value is a ValueError; the raw response is lost
        ({**VALID_MESSAGE, "traffic": "sideways"}, "ValueError", "/traffic"),
    ],
    ids=["wrong-type-silent", "null-silent", "missing-keyerror", "enum-valueerror"],
)
def test_default_client_behaviour_and_strict_fix(
    document: dict[str, Any], default_outcome: str | None, pointer: str
) -> None:
    outcome = invalid_response_outcome(
        package("contact"), _get_message(), "200", document, _ERROR_HEADERS
    )
    assert outcome.raised == default_outcome
    assert outcome.strict_error is not None
    assert outcome.strict_error.operation_id == "getMessage"
    assert outcome.strict_error.pointer == pointer
    assert f"getMessage answered 200: {pointer}" in str(outcome.strict_error)
