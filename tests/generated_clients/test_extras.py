"""extras.py of the generated packages: auth, timeout, rate limits, retries, typed errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import channel_messaging_client.extras as channel_extras
import contact_messaging_client.extras as contact_extras
import httpx
import pytest
from channel_messaging_client.api.media import create_presigned_upload
from channel_messaging_client.models import ChannelError, PresignedUpload, PresignedUploadRequest
from contact_messaging_client.api.messages import get_message, send_message
from contact_messaging_client.extras import (
    DEFAULT_TIMEOUT,
    ApiError,
    RateLimit,
    RateLimitedError,
    RequestQueuedError,
    RetryPolicy,
    RetryTransport,
    connect,
    unwrap,
)
from contact_messaging_client.models import Error, Message, SendMessageRequest, SendMessageResult

from tests.generated_clients._cases import SAMPLE_BODIES, WORKSPACE

BASE = "https://api.aelyst.ai/v1"
SEND_BODY = SendMessageRequest.from_dict({"message": {"type": "text", "text": "hi"}})
NOW = datetime(2026, 11, 22, 10, 0, 0, tzinfo=UTC).timestamp()


def _answers(*responses: httpx.Response) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport answering `responses` in order (the last one repeats), recording requests."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        template = responses[min(len(seen), len(responses)) - 1]
        # A fresh copy each time: a client binds the stream of the response it receives.
        return httpx.Response(
            template.status_code, headers=template.headers, content=template.content
        )

    return httpx.MockTransport(handler), seen


def _error(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, json={"code": status, "message": "later"}, headers=headers)


OK = httpx.Response(200, json={"messageId": 42})


# Auth and timeout


def test_each_package_uses_its_apis_authorization_prefix() -> None:
    assert contact_extras.AUTH_PREFIX == "Bearer"
    assert channel_extras.AUTH_PREFIX == "AccessKey"


def test_channel_connect_sends_access_key_and_default_timeout() -> None:
    transport, seen = _answers(
        httpx.Response(200, json=SAMPLE_BODIES[("channel", "PresignedUpload")])
    )
    client = channel_extras.connect("https://channels.aelyst.ai", "k3y", transport=transport)
    response = create_presigned_upload.sync_detailed(
        WORKSPACE,
        client=client,
        body=PresignedUploadRequest(content_type="image/png"),
    )
    assert isinstance(response.parsed, PresignedUpload)
    assert seen[0].headers["authorization"] == "AccessKey k3y"
    assert client.get_httpx_client().timeout == channel_extras.DEFAULT_TIMEOUT
    assert seen[0].extensions["timeout"] == DEFAULT_TIMEOUT.as_dict()


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [(2.5, httpx.Timeout(2.5)), (None, httpx.Timeout(None)), (DEFAULT_TIMEOUT, DEFAULT_TIMEOUT)],
)
def test_connect_timeout_forms(timeout: float | None, expected: httpx.Timeout) -> None:
    client = connect(BASE, "t", timeout=timeout)
    assert client.get_httpx_client().timeout == expected


# Rate-limit headers


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"Content-Type": "application/json"}, None),
        ({"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0"}, RateLimit(10, 0, None)),
        ({"retry-after": "7"}, RateLimit(None, None, 7)),
        ({"Retry-After": " 0 "}, RateLimit(None, None, 0)),
        ({"Retry-After": "-1", "X-RateLimit-Limit": "ten"}, RateLimit(None, None, None)),
        ({"Retry-After": "1.5", "X-RateLimit-Remaining": "٣"}, RateLimit(None, None, None)),
        ({"Retry-After": "Sun, 22 Nov 2026 10:00:30 GMT"}, RateLimit(None, None, 30)),
        ({"Retry-After": "Sun, 22 Nov 2026 09:00:00 GMT"}, RateLimit(None, None, 0)),
        ({"Retry-After": "soon"}, RateLimit(None, None, None)),
    ],
)
def test_rate_limit_from_headers(headers: dict[str, str], expected: RateLimit | None) -> None:
    assert RateLimit.from_headers(headers, now=lambda: NOW) == expected


def test_retry_after_http_date_round_trip() -> None:
    later = datetime.fromtimestamp(NOW + 90, tz=UTC)
    header = {"Retry-After": format_datetime(later, usegmt=True)}
    assert RateLimit.from_headers(header, now=lambda: NOW) == RateLimit(None, None, 90)


# Typed errors


def test_unwrap_returns_the_success_model() -> None:
    transport, _ = _answers(OK)
    response = send_message.sync_detailed(
        "id:1", client=connect(BASE, "t", transport=transport), body=SEND_BODY
    )
    result = unwrap(response, SendMessageResult)
    assert result.message_id == 42


@pytest.mark.parametrize(
    ("answer", "error_class", "retry_after"),
    [
        (_error(429, **{"Retry-After": "9", "X-RateLimit-Limit": "10"}), RateLimitedError, 9),
        (_error(449), RequestQueuedError, None),
        (_error(404), ApiError, None),
    ],
)
def test_unwrap_raises_typed_errors(
    answer: httpx.Response, error_class: type[ApiError], retry_after: int | None
) -> None:
    transport, _ = _answers(answer)
    response = send_message.sync_detailed(
        "id:1", client=connect(BASE, "t", transport=transport), body=SEND_BODY
    )
    with pytest.raises(error_class) as raised:
        unwrap(response, SendMessageResult)
    error = raised.value
    assert type(error) is error_class
    assert error.status_code == answer.status_code
    assert error.code == answer.status_code
    assert error.message == "later"
    assert error.retry_after == retry_after
    assert isinstance(error.parsed, Error)
    assert str(answer.status_code) in str(error)


def test_channel_errors_carry_string_code_and_details() -> None:
    body = SAMPLE_BODIES[("channel", "ChannelError")]
    transport, _ = _answers(httpx.Response(422, json=body))
    client = channel_extras.connect("https://channels.aelyst.ai", "k", transport=transport)
    response = create_presigned_upload.sync_detailed(
        WORKSPACE,
        client=client,
        body=PresignedUploadRequest(content_type="image/png"),
    )
    with pytest.raises(channel_extras.ApiError) as raised:
        channel_extras.unwrap(response, PresignedUpload)
    assert isinstance(raised.value.parsed, ChannelError)
    assert (raised.value.code, raised.value.details) == ("InvalidPayload", body["details"])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"<html>oops</html>",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"code": true, "message": 5}',
        b'{"code": "x", "details": {"f": "not a list"}}',
    ],
)
def test_errors_from_unreadable_bodies_keep_what_is_known(content: bytes) -> None:
    transport, _ = _answers(httpx.Response(520, content=content))
    response = get_message.sync_detailed("id:1", 1, client=connect(BASE, "t", transport=transport))
    assert response.parsed is None  # undocumented status
    with pytest.raises(ApiError) as raised:
        unwrap(response, Message)
    assert raised.value.status_code == 520
    assert raised.value.message is None
    assert raised.value.details is None
    assert raised.value.content == content


# Retries


class _Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _retrying(
    policy: RetryPolicy, *answers: httpx.Response
) -> tuple[Any, list[httpx.Request], _Sleeps]:
    transport, seen = _answers(*answers)
    sleeps = _Sleeps()
    retrying = RetryTransport(policy, transport=transport, sleep=sleeps)
    return connect(BASE, "t", transport=retrying), seen, sleeps


def test_retries_429_then_449_honouring_retry_after_and_replaying_the_body() -> None:
    client, seen, sleeps = _retrying(
        RetryPolicy(max_attempts=3, fallback_delay=0.5),
        _error(429, **{"Retry-After": "2"}),
        _error(449),
        OK,
    )
    response = send_message.sync_detailed("phone:+60121233112", client=client, body=SEND_BODY)
    assert response.status_code == 200
    assert sleeps == [2.0, 1.0]  # Retry-After, then the fallback doubled for the 2nd retry
    assert len(seen) == 3
    assert {request.url.raw_path for request in seen} == {
        b"/v1/contact/phone%3A%2B60121233112/message"
    }
    assert [json.loads(request.content) for request in seen] == [SEND_BODY.to_dict()] * 3


def test_retries_stop_after_max_attempts() -> None:
    client, seen, sleeps = _retrying(
        RetryPolicy(max_attempts=4), _error(429, **{"Retry-After": "1"})
    )
    response = get_message.sync_detailed("id:1", 1, client=client)
    assert response.status_code == 429
    assert isinstance(response.parsed, Error)
    assert len(seen) == 4
    assert sleeps == [1.0, 1.0, 1.0]


def test_retries_stop_before_exceeding_the_total_wait() -> None:
    client, seen, sleeps = _retrying(
        RetryPolicy(max_attempts=10, max_total_wait=5), _error(429, **{"Retry-After": "2"})
    )
    response = get_message.sync_detailed("id:1", 1, client=client)
    assert response.status_code == 429
    assert sleeps == [2.0, 2.0]  # a third wait would make 6 s > 5 s
    assert len(seen) == 3


def test_a_retry_after_beyond_the_budget_is_returned_at_once() -> None:
    client, seen, sleeps = _retrying(
        RetryPolicy(max_total_wait=30), _error(429, **{"Retry-After": "3600"})
    )
    response = get_message.sync_detailed("id:1", 1, client=client)
    assert response.rate_limit is not None
    assert response.rate_limit.retry_after == 3600
    assert (len(seen), sleeps) == (1, [])


@pytest.mark.parametrize("status", [400, 401, 404, 500])
def test_other_statuses_are_not_retried(status: int) -> None:
    client, seen, sleeps = _retrying(RetryPolicy(), _error(status), OK)
    assert get_message.sync_detailed("id:1", 1, client=client).status_code == status
    assert (len(seen), sleeps) == (1, [])


def test_retries_are_off_unless_asked_for() -> None:
    transport, seen = _answers(_error(429, **{"Retry-After": "1"}), OK)
    response = get_message.sync_detailed("id:1", 1, client=connect(BASE, "t", transport=transport))
    assert (response.status_code, len(seen)) == (429, 1)


def test_connect_with_retry_wraps_the_transport() -> None:
    client = connect(BASE, "t", retry=RetryPolicy(max_attempts=2))
    transport = client.get_httpx_client()._transport
    assert isinstance(transport, RetryTransport)
    assert transport.policy.max_attempts == 2


def test_async_calls_retry_too() -> None:
    transport, seen = _answers(_error(449), OK)
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    retrying = RetryTransport(
        RetryPolicy(fallback_delay=0.25), transport=transport, async_sleep=fake_sleep
    )
    client = connect(BASE, "t", transport=retrying)

    async def call() -> Any:
        async with client as open_client:
            return await send_message.asyncio("id:1", client=open_client, body=SEND_BODY)

    parsed = asyncio.run(call())
    assert isinstance(parsed, SendMessageResult)
    assert (len(seen), waits) == (2, [0.25])


@pytest.mark.parametrize(
    "make",
    [
        lambda: RetryPolicy(max_attempts=0),
        lambda: RetryPolicy(max_total_wait=-1),
        lambda: RetryPolicy(fallback_delay=float("nan")),
    ],
)
def test_invalid_policies_are_rejected(make: Callable[[], RetryPolicy]) -> None:
    with pytest.raises(ValueError, match="must be"):
        make()
