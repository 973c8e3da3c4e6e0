"""Hand-written runtime extras of this generated client: the parts the generator cannot make.

Source: aelyst-contract `generated/templates/extras.py`, copied into every generated package by
`aelyst-contract generate` (only `AUTH_PREFIX` differs per package). Edit the source, never a copy.

- `connect(base_url, credential)`: an `AuthenticatedClient` with this API's `Authorization` prefix
  and a default timeout (the generator's default is none), optionally with retries.
- `RateLimit`: `Retry-After` and `X-RateLimit-*` as typed values (also `Response.rate_limit`).
- `RetryPolicy` + `RetryTransport`: opt-in retries on 429 and 449 that honour `Retry-After`, bounded
  in attempts and in total wait. A transport, so it covers every endpoint, sync and async.
- `ApiError` (+ `RateLimitedError`, `RequestQueuedError`) and `unwrap(response, Model)`: for callers
  who prefer exceptions to the generated `Model | Error` return values.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Final, TypeVar

import httpx

from .client import AuthenticatedClient

if TYPE_CHECKING:
    from .types import Response

__all__ = [
    "AUTH_PREFIX",
    "DEFAULT_TIMEOUT",
    "ApiError",
    "RateLimit",
    "RateLimitedError",
    "RequestQueuedError",
    "RetryPolicy",
    "RetryTransport",
    "connect",
    "unwrap",
]

# The word before the credential in `Authorization: <prefix> <credential>`; set per API by the
# generate command ("Bearer" for the contact API, "AccessKey" for the channel API).
AUTH_PREFIX: Final = "AccessKey"

# The generated client has no timeout at all by default; a stuck server would hang the caller.
DEFAULT_TIMEOUT: Final = httpx.Timeout(10.0, connect=5.0)

_ModelT = TypeVar("_ModelT")


def _non_negative_int(raw: str | None) -> int | None:
    if raw is None:
        return None
    text = raw.strip()
    if not text.isascii() or not text.isdigit():
        return None
    return int(text)


def _retry_after_seconds(raw: str | None, now: float) -> int | None:
    """Delta-seconds or an HTTP-date (RFC 9110 10.2.3), as whole seconds from `now`."""
    seconds = _non_negative_int(raw)
    if seconds is not None or raw is None:
        return seconds
    try:
        moment = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # an HTTP-date is always GMT
        return None
    return max(0, math.ceil(moment.timestamp() - now))


@dataclass(frozen=True)
class RateLimit:
    """The rate-limit headers of one response; a header that is absent or malformed is None."""

    limit: int | None
    remaining: int | None
    retry_after: int | None  # seconds

    @classmethod
    def from_headers(
        cls, headers: Mapping[str, str], *, now: Callable[[], float] = time.time
    ) -> RateLimit | None:
        """Parse the headers (names case-insensitive); None when none of them is present."""
        lowered = {name.lower(): value for name, value in headers.items()}
        names = ("x-ratelimit-limit", "x-ratelimit-remaining", "retry-after")
        if not any(name in lowered for name in names):
            return None
        return cls(
            limit=_non_negative_int(lowered.get("x-ratelimit-limit")),
            remaining=_non_negative_int(lowered.get("x-ratelimit-remaining")),
            retry_after=_retry_after_seconds(lowered.get("retry-after"), now()),
        )


class ApiError(Exception):
    """An answer that is not the success the caller asked for, with everything known about it.

    `code` is the error body's `code` (an int on the contact API, a string such as "NotFound" on
    the channel API), None when the body is not the API's error format.
    """

    def __init__(
        self,
        status_code: int,
        *,
        code: int | str | None,
        message: str | None,
        rate_limit: RateLimit | None,
        details: Mapping[str, list[str]] | None = None,
        content: bytes = b"",
        parsed: object = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.message = message
        self.rate_limit = rate_limit
        self.retry_after = rate_limit.retry_after if rate_limit is not None else None
        self.details = details
        self.content = content
        self.parsed = parsed
        super().__init__(f"HTTP {status_code} {code if code is not None else '-'}: {message or ''}")

    @classmethod
    def from_response(cls, response: Response[Any]) -> ApiError:
        """The error for a generated `Response`; the subclass follows the status code."""
        status = int(response.status_code)
        code, message, details = _error_fields(response.content)
        error_class: type[ApiError] = _ERROR_CLASSES.get(status, ApiError)
        return error_class(
            status,
            code=code,
            message=message,
            rate_limit=response.rate_limit,
            details=details,
            content=response.content,
            parsed=response.parsed,
        )


class RateLimitedError(ApiError):
    """429: not processed; `retry_after` says when to try again."""


class RequestQueuedError(ApiError):
    """449 (not an IANA status): the request was queued, not processed; retry in a few minutes."""


_ERROR_CLASSES: Final[dict[int, type[ApiError]]] = {
    429: RateLimitedError,
    449: RequestQueuedError,
}


def _error_fields(
    content: bytes,
) -> tuple[int | str | None, str | None, dict[str, list[str]] | None]:
    """code, message and details of an error body; None for whatever is missing or ill-typed."""
    try:
        body = json.loads(content)
    except ValueError:  # includes UnicodeDecodeError and JSONDecodeError
        return None, None, None
    if not isinstance(body, dict):
        return None, None, None
    raw_code = body.get("code")
    code = raw_code if isinstance(raw_code, int | str) and not isinstance(raw_code, bool) else None
    raw_message = body.get("message")
    message = raw_message if isinstance(raw_message, str) else None
    raw_details = body.get("details")
    details: dict[str, list[str]] | None = None
    if isinstance(raw_details, dict) and all(
        isinstance(messages, list) and all(isinstance(item, str) for item in messages)
        for messages in raw_details.values()
    ):
        details = {str(field): list(messages) for field, messages in raw_details.items()}
    return code, message, details


def unwrap(response: Response[Any], expected: type[_ModelT]) -> _ModelT:
    """`response.parsed` when it is a 2xx `expected`; otherwise raise the matching `ApiError`."""
    parsed = response.parsed
    if 200 <= int(response.status_code) < 300 and isinstance(parsed, expected):
        return parsed
    raise ApiError.from_response(response)


@dataclass(frozen=True)
class RetryPolicy:
    """When to send a request again. Only 429 and 449 by default: both mean "not processed".

    `max_attempts` counts every attempt, the first included. The waits of one request add up to
    at most `max_total_wait` seconds: a `Retry-After` that would exceed it ends the retries and
    the caller gets the 429/449 itself. Without a usable `Retry-After` (449 carries none) the
    wait is `fallback_delay`, doubled on each further attempt.
    """

    max_attempts: int = 3
    max_total_wait: float = 30.0
    fallback_delay: float = 1.0
    statuses: frozenset[int] = frozenset({429, 449})

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {self.max_attempts}")
        if not (self.max_total_wait >= 0 and self.fallback_delay >= 0):
            raise ValueError("max_total_wait and fallback_delay must be non-negative numbers")

    def delay_before_next(
        self, response: httpx.Response, attempt: int, waited: float
    ) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None to return `response` as is."""
        if response.status_code not in self.statuses or attempt >= self.max_attempts:
            return None
        rate_limit = RateLimit.from_headers(response.headers)
        if rate_limit is not None and rate_limit.retry_after is not None:
            delay = float(rate_limit.retry_after)
        else:
            delay = self.fallback_delay * 2 ** (attempt - 1)
        if waited + delay > self.max_total_wait:
            return None
        return delay


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a transport (sync and async) and re-sends requests as a `RetryPolicy` says.

    Re-sending replays the request body, which the generated clients always hold in memory.
    """

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.policy = policy if policy is not None else RetryPolicy()
        self._transport = transport if transport is not None else httpx.HTTPTransport()
        if async_transport is None and isinstance(transport, httpx.AsyncBaseTransport):
            async_transport = transport  # e.g. httpx.MockTransport serves both
        self._async_transport = async_transport
        self._sleep = sleep
        self._async_sleep = async_sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt, waited = 1, 0.0
        while True:
            response = self._transport.handle_request(request)
            delay = self.policy.delay_before_next(response, attempt, waited)
            if delay is None:
                return response
            response.read()  # release the connection before waiting
            response.close()
            self._sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async_transport is None:
            self._async_transport = httpx.AsyncHTTPTransport()
        attempt, waited = 1, 0.0
        while True:
            response = await self._async_transport.handle_async_request(request)
            delay = self.policy.delay_before_next(response, attempt, waited)
            if delay is None:
                return response
            await response.aread()
            await response.aclose()
            await self._async_sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    def close(self) -> None:
        self._transport.close()

    async def aclose(self) -> None:
        if self._async_transport is not None:
            await self._async_transport.aclose()


def connect(
    base_url: str,
    credential: str,
    *,
    auth_prefix: str = AUTH_PREFIX,
    timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
    retry: RetryPolicy | None = None,
    transport: httpx.BaseTransport | None = None,
    raise_on_unexpected_status: bool = False,
) -> AuthenticatedClient:
    """A client sending `Authorization: <auth_prefix> <credential>`, with a timeout.

    `retry=RetryPolicy()` turns retries on (off by default: a retried send is a decision the
    caller makes). `timeout=None` waits forever, as the bare generated client does.
    """
    httpx_args: dict[str, Any] = {}
    if retry is not None:
        httpx_args["transport"] = RetryTransport(retry, transport=transport)
    elif transport is not None:
        httpx_args["transport"] = transport
    if timeout is not None and not isinstance(timeout, httpx.Timeout):
        timeout = httpx.Timeout(timeout)
    return AuthenticatedClient(
        base_url=base_url,
        token=credential,
        prefix=auth_prefix,
        timeout=timeout,
        httpx_args=httpx_args,
        raise_on_unexpected_status=raise_on_unexpected_status,
    )
