"""What the generated client (without strict mode) does with an invalid response, pinned.

openapi-python-client 0.29.1's own output accepted a wrong scalar type or a `null` silently, raised
a bare KeyError for a missing field and a context-free ValueError for an unknown enum value
(toolchain notes). Our template overrides fix that: every case below raises
`errors.ResponseParseError` naming operation, status and JSON pointer, with the raw response, from
the plain client, sync and async; strict mode names the same field.
`test_invalid_responses.py` checks every variant of every documented response.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import respx
from contact_messaging_client import AuthenticatedClient
from contact_messaging_client.api.messages import get_message
from contact_messaging_client.errors import ResponseParseError
from contact_messaging_client.extras import InvalidField
from contact_messaging_client.models import Message

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

CASES = pytest.mark.parametrize(
    ("document", "pointer", "reason"),
    [
        # once accepted silently: the caller got a Message whose id was a string
        ({**VALID_MESSAGE, "messageId": "15"}, "/messageId", "expected integer, got string"),
        # once accepted silently: null where an integer is required
        ({**VALID_MESSAGE, "contactId": None}, "/contactId", "expected integer, got null"),
        # once a bare KeyError naming neither operation nor model
        (
            {k: v for k, v in VALID_MESSAGE.items() if k != "channelId"},
            "/channelId",
            "required property is missing",
        ),
        # once a ValueError without the response
        (
            {**VALID_MESSAGE, "traffic": "forwarded"},
            "/traffic",
            "'forwarded' is not a valid Traffic",
        ),
    ],
    ids=["wrong-type", "null", "missing", "unknown-enum"],
)


@CASES
def test_plain_client_raises_the_typed_error_and_strict_mode_agrees(
    document: dict[str, Any], pointer: str, reason: str
) -> None:
    outcome = invalid_response_outcome(
        package("contact"), _get_message(), "200", document, _ERROR_HEADERS
    )
    assert outcome.raised == "ResponseParseError"
    error = outcome.parse_error
    assert (error.operation_id, error.status, error.pointer, error.reason) == (
        "get_message",
        200,
        pointer,
        reason,
    )
    assert str(error) == f"get_message answered 200: {pointer}: {reason}"
    # the raw response survives: headers, body, and the request that got it
    assert json.loads(error.response.content) == document
    assert error.response.headers["X-RateLimit-Remaining"] == "5"
    assert error.response.request.method == "GET"
    assert outcome.strict_error is not None
    assert outcome.strict_error.operation_id == "getMessage"
    assert outcome.strict_error.pointer == pointer
    assert f"getMessage answered 200: {pointer}" in str(outcome.strict_error)


def _client(document: object, status: int = 200) -> AuthenticatedClient:
    body = json.dumps(document).encode()
    router = respx.Router(assert_all_called=False)
    router.route().respond(status, content=body, headers={"Content-Type": "application/json"})
    transport = httpx.MockTransport(router.handler)
    return AuthenticatedClient(
        base_url="https://api.example/v1", token="t", httpx_args={"transport": transport}
    )


@CASES
def test_async_client_raises_the_same_error(
    document: dict[str, Any], pointer: str, reason: str
) -> None:
    client = _client(document)

    async def both() -> None:
        with pytest.raises(ResponseParseError) as detailed:
            await get_message.asyncio_detailed("id:1", 2, client=client)
        with pytest.raises(ResponseParseError) as plain:
            await get_message.asyncio("id:1", 2, client=client)
        for caught in (detailed, plain):
            assert (caught.value.operation_id, caught.value.status) == ("get_message", 200)
            assert (caught.value.pointer, caught.value.reason) == (pointer, reason)
            assert json.loads(caught.value.response.content) == document

    asyncio.run(both())


@CASES
def test_sync_without_detail_raises_too(
    document: dict[str, Any], pointer: str, reason: str
) -> None:
    with pytest.raises(ResponseParseError) as caught:
        get_message.sync("id:1", 2, client=_client(document))
    assert (caught.value.pointer, caught.value.reason) == (pointer, reason)


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        ({**VALID_MESSAGE, "message": {"type": "text", "text": 5}}, "/message/text"),
        ({**VALID_MESSAGE, "message": {"type": "text"}}, "/message/text"),
        ({**VALID_MESSAGE, "message": {"type": "nope", "text": "x"}}, "/message/type"),
        ({**VALID_MESSAGE, "message": 5}, "/message"),
        ({**VALID_MESSAGE, "status": [{"value": "sent", "timestamp": 1}, {}]}, "/status/1/value"),
        ({**VALID_MESSAGE, "status": None}, "/status"),
        ({**VALID_MESSAGE, "channelMessageId": None}, "/channelMessageId"),
        ([VALID_MESSAGE], ""),
    ],
    ids=[
        "union-variant-field",
        "union-missing",
        "union-tag",
        "union-type",
        "list-item",
        "list-null",
        "scalar-union-null",
        "not-an-object",
    ],
)
def test_nested_problems_are_located(document: object, pointer: str) -> None:
    with pytest.raises(ResponseParseError) as caught:
        get_message.sync_detailed("id:1", 2, client=_client(document))
    assert caught.value.pointer == pointer, str(caught.value)


def test_body_that_is_not_json_is_the_typed_error() -> None:
    router = respx.Router(assert_all_called=False)
    router.route().respond(200, content=b"{not json", headers={"Content-Type": "application/json"})
    client = AuthenticatedClient(
        base_url="https://api.example/v1",
        token="t",
        httpx_args={"transport": httpx.MockTransport(router.handler)},
    )
    with pytest.raises(ResponseParseError) as caught:
        get_message.sync_detailed("id:1", 2, client=client)
    assert caught.value.pointer == ""
    assert caught.value.reason.startswith("the body is not JSON")
    assert caught.value.response.content == b"{not json"


def test_documented_error_status_with_a_bad_body_is_the_typed_error_too() -> None:
    with pytest.raises(ResponseParseError) as caught:
        get_message.sync_detailed("id:1", 2, client=_client({"code": "x", "message": "m"}, 404))
    assert (caught.value.status, caught.value.pointer) == (404, "/code")


def test_from_dict_outside_an_operation_raises_invalid_field() -> None:
    # a ValueError, so code that caught the generator's parse errors still catches it
    with pytest.raises(ValueError, match="expected integer, got string") as caught:
        Message.from_dict({**VALID_MESSAGE, "messageId": "15"})
    assert isinstance(caught.value, InvalidField)
    assert caught.value.pointer == "/messageId"
