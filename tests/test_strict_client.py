"""aelyst_contract.strict_client: invalid responses are named by operation and field, valid ones
pass."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from contact_messaging_client.api.messages import get_message
from contact_messaging_client.extras import connect

from aelyst_contract.strict_client import ResponseContractError, ResponseValidator, StrictTransport

_RATE = {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "5"}
_URL = "https://api.aelyst.ai/v1/contact/id:1/message/7"
_MESSAGE = {"messageId": 7, "contactId": 1, "channelId": 2, "traffic": "incoming"}


def _respond(status: int, body: Any, headers: dict[str, str]) -> httpx.MockTransport:
    return httpx.MockTransport(
        lambda request: httpx.Response(
            status,
            content=json.dumps(body).encode(),
            headers={**headers, "Content-Type": "application/json"},
        )
    )


def _check(status: int, body: Any, headers: dict[str, str] = _RATE) -> None:
    request = httpx.Request("GET", _URL)
    response = httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={**headers, "Content-Type": "application/json"},
    )
    ResponseValidator("contact").check(request, response)


def test_a_valid_response_passes_through_the_transport() -> None:
    client = connect(
        "https://api.aelyst.ai/v1",
        "t",
        transport=StrictTransport("contact", inner=_respond(200, _MESSAGE, _RATE)),
    )
    response = get_message.sync_detailed("id:1", 7, client=client)
    assert response.parsed is not None
    assert response.parsed.to_dict() == _MESSAGE


def test_a_wrong_type_the_client_would_accept_is_named() -> None:
    client = connect(
        "https://api.aelyst.ai/v1",
        "t",
        transport=StrictTransport(
            "contact", inner=_respond(200, {**_MESSAGE, "messageId": "x"}, _RATE)
        ),
    )
    with pytest.raises(
        ResponseContractError, match=r"getMessage answered 200: /messageId"
    ) as caught:
        get_message.sync_detailed("id:1", 7, client=client)
    assert (caught.value.operation_id, caught.value.pointer) == ("getMessage", "/messageId")


@pytest.mark.parametrize(
    ("status", "body", "headers", "pointer"),
    [
        (200, {k: v for k, v in _MESSAGE.items() if k != "traffic"}, _RATE, "/traffic"),
        (200, {**_MESSAGE, "message": {"type": "text"}}, _RATE, "/message/text"),
        (
            200,
            {**_MESSAGE, "message": {"type": "quick_reply", "title": "t", "replies": [1]}},
            _RATE,
            "/message/replies/0",
        ),
        (
            200,
            {
                **_MESSAGE,
                "message": {
                    "type": "email",
                    "text": "t",
                    "attachments": [{"type": None, "url": "https://a.co", "fileName": "f"}],
                },
            },
            _RATE,
            "/message/attachments/0/type",
        ),
        (200, {**_MESSAGE, "message": {"type": "voice", "text": "t"}}, _RATE, "/message/type"),
        (429, {"code": 429, "message": "slow down"}, _RATE, "header:Retry-After"),
        (
            429,
            {"code": 429, "message": "x"},
            {**_RATE, "Retry-After": "soon"},
            "header:Retry-After",
        ),
        (418, {"code": 418, "message": "teapot"}, _RATE, "status"),
    ],
    ids=[
        "missing",
        "union-branch-field",
        "array-item",
        "deep-in-a-branch",
        "unknown-tag",
        "missing-header",
        "bad-header",
        "status",
    ],
)
def test_each_problem_is_located(
    status: int, body: Any, headers: dict[str, str], pointer: str
) -> None:
    with pytest.raises(ResponseContractError) as caught:
        _check(status, body, headers)
    assert caught.value.pointer == pointer
    assert caught.value.operation_id == "getMessage"


def test_requests_outside_the_spec_are_not_checked() -> None:
    request = httpx.Request("GET", "https://api.aelyst.ai/health")
    ResponseValidator("contact").check(request, httpx.Response(418, content=b"?"))


def test_the_async_path_checks_too() -> None:
    import asyncio

    async def fetch() -> None:
        transport = StrictTransport(
            "contact", inner=_respond(200, {**_MESSAGE, "traffic": "sideways"}, _RATE)
        )
        async with httpx.AsyncClient(transport=transport) as client:
            await client.get(_URL, headers={"Authorization": "Bearer t"})

    with pytest.raises(ResponseContractError, match="/traffic"):
        asyncio.run(fetch())
