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
- `ResponseParseError` (also `errors.ResponseParseError`): what every generated operation raises for
  a documented response whose body does not fit its schema (a wrong type, a `null` where none is
  allowed, a missing required field, an unknown enum value), naming the operation, the status and
  the JSON pointer of the field, with the raw `httpx.Response` attached.
- `InvalidField`, `check_json`, `field_error`, `variant_error`: what the generated `from_dict`
  methods use to check each value and say where a problem is (templates `model.py.jinja`,
  `list_property.py.jinja`, `union_property.py.jinja`).
"""

from __future__ import annotations

import asyncio
import functools
import json
import math
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
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
    "InvalidField",
    "RateLimit",
    "RateLimitedError",
    "RequestQueuedError",
    "ResponseParseError",
    "RetryPolicy",
    "RetryTransport",
    "check_json",
    "connect",
    "field_error",
    "unwrap",
    "variant_error",
]

# The word before the credential in `Authorization: <prefix> <credential>`; set per API by the
# generate command ("Bearer" for the contact API, "AccessKey" for the channel API).
AUTH_PREFIX: Final = "Bearer"

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


# ---- parsing responses ---------------------------------------------------------------------------


def _escape_token(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


class InvalidField(ValueError):
    """A JSON value that does not fit the model parsing it. `path` locates it from the value the
    raising `from_dict` was given; each enclosing model, list and union prepends its own step.

    `tag` marks a value rejected at a union variant's `const` tag: that variant was not meant.
    A `ValueError`, so code that caught the generator's own parse errors still catches it.
    """

    def __init__(self, reason: str, path: list[str | int] | None = None, *, tag: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.path: list[str | int] = path if path is not None else []
        self.tag = tag

    @property
    def pointer(self) -> str:
        """The JSON pointer (RFC 6901) of the value: "" for the value itself."""
        return "".join(f"/{_escape_token(part)}" for part in self.path)

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.reason}"


class ResponseParseError(Exception):
    """A documented response the client cannot parse: its body breaks the spec's schema.

    `operation_id` is the generated function's module (the operationId in snake_case), `status` the
    HTTP status, `pointer` the JSON pointer of the offending value in the body ("" for the whole
    body), `reason` what is wrong with it, and `response` the raw `httpx.Response` (headers,
    `content`, the request that got it).
    """

    def __init__(
        self,
        operation_id: str,
        status: int,
        pointer: str,
        reason: str,
        response: httpx.Response,
    ) -> None:
        self.operation_id = operation_id
        self.status = status
        self.pointer = pointer
        self.reason = reason
        self.response = response
        where = pointer or "/ (the whole body)"
        super().__init__(f"{operation_id} answered {status}: {where}: {reason}")

    @classmethod
    def from_error(
        cls, operation_id: str, response: httpx.Response, error: Exception
    ) -> ResponseParseError:
        """The error for what parsing `response` raised."""
        if isinstance(error, InvalidField):
            return cls(operation_id, response.status_code, error.pointer, error.reason, response)
        if isinstance(error, json.JSONDecodeError | UnicodeDecodeError):
            reason = f"the body is not JSON ({error})"
        else:
            reason = _reason(error)
        return cls(operation_id, response.status_code, "", reason, response)


_JSON_TYPE_NAMES: Final[dict[type, str]] = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    type(None): "null",
    list: "array",
    dict: "object",
}


def _json_type(value: object) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class _Shape:
    """One alternative of a generated JSON type string: a leaf ("int", "str", ...), or a list or a
    string-keyed dict whose items are `items` (alternatives again)."""

    kind: str
    items: tuple[_Shape, ...] = ()

    def fits(self, value: object) -> bool:
        """Whether `value` has this shape at its top level (items are checked separately)."""
        return _LEAF_TESTS[self.kind](value)

    def describe(self) -> str:
        if self.kind == "list":
            return "array"
        if self.kind == "dict":
            return "object"
        return _LEAF_NAMES[self.kind]


_LEAF_TESTS: Final[dict[str, Callable[[object], bool]]] = {
    "int": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "float": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "str": lambda value: isinstance(value, str),
    "bool": lambda value: isinstance(value, bool),
    "None": lambda value: value is None,
    "Any": lambda value: True,
    "list": lambda value: isinstance(value, list),
    "dict": lambda value: isinstance(value, Mapping),
}
_LEAF_NAMES: Final[dict[str, str]] = {
    "int": "integer",
    "float": "number",
    "str": "string",
    "bool": "boolean",
    "None": "null",
    "Any": "any value",
}


def _split_top_level(text: str, separator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index + len(separator)
    parts.append(text[start:])
    return [part.strip() for part in parts]


@functools.cache
def _shapes(expected: str) -> tuple[_Shape, ...]:
    """The alternatives of a JSON type string as the generator writes them (`int | None`,
    `list[dict[str, Any]]`, `dict[str, list[str]]`); ValueError for any other spelling."""
    shapes: list[_Shape] = []
    for part in _split_top_level(expected, " | "):
        if part.startswith("Literal["):  # a const: its own template compares the value
            shapes.append(_Shape("Any"))
        elif part.startswith("list[") and part.endswith("]"):
            shapes.append(_Shape("list", _shapes(part[5:-1])))
        elif part.startswith("dict[str, ") and part.endswith("]"):
            shapes.append(_Shape("dict", _shapes(part[10:-1])))
        elif part in _LEAF_NAMES:
            shapes.append(_Shape(part))
        else:
            raise ValueError(f"check_json cannot check the type {part!r} (in {expected!r})")
    return tuple(shapes)


def _mismatch(value: object, shapes: tuple[_Shape, ...]) -> InvalidField | None:
    for shape in shapes:
        if not shape.fits(value):
            continue
        if shape.kind == "list" and isinstance(value, list):
            for index, item in enumerate(value):
                problem = _mismatch(item, shape.items)
                if problem is not None:
                    problem.path.insert(0, index)
                    return problem
        elif shape.kind == "dict" and isinstance(value, Mapping):
            for key, item in value.items():
                problem = _mismatch(item, shape.items)
                if problem is not None:
                    problem.path.insert(0, str(key))
                    return problem
        return None
    wanted = " or ".join(dict.fromkeys(shape.describe() for shape in shapes))
    return InvalidField(f"expected {wanted}, got {_json_type(value)}")


# The common cases, answered by one dict lookup: every response value passes through here.
_EXACT_TYPES: Final[dict[str, type]] = {
    "int": int,
    "str": str,
    "bool": bool,
    "dict[str, Any]": dict,
}


def check_json(value: object, expected: str) -> None:
    """Raise `InvalidField` unless `value` (decoded JSON) has the JSON type the generator's type
    string `expected` stands for; inside arrays and maps, the path names the offending item."""
    if type(value) is _EXACT_TYPES.get(expected):
        return
    problem = _mismatch(value, _shapes(expected))
    if problem is not None:
        raise problem


def _reason(error: Exception) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# What openapi-python-client's const_property template raises for a value other than the const.
_CONST_MISMATCH: Final = " must match const "
_CONST_REASON: Final = re.compile(r"(.*) must match const (.*), got (.*)", re.DOTALL)


def field_error(key: str | int, error: Exception) -> InvalidField:
    """`error`, raised while parsing the value at `key`, as an `InvalidField` located there."""
    if isinstance(error, InvalidField):
        error.path.insert(0, key)
        return error
    if isinstance(error, KeyError) and error.args == (key,):
        return InvalidField("required property is missing", [key])
    if isinstance(error, ValueError) and _CONST_MISMATCH in str(error):
        return InvalidField(str(error), [key], tag=True)
    if isinstance(error, ValueError) and str(error):  # e.g. "'x' is not a valid Traffic"
        return InvalidField(str(error), [key])
    return InvalidField(_reason(error), [key])


def variant_error(errors: Sequence[Exception]) -> InvalidField:
    """Why a value fits no variant of a union, from each variant's error (in variant order).

    The variant the value was meant for is the first one that did not reject it at its tag; when
    every variant rejected it at the same tag (an unknown or missing `type`), that tag is the
    problem; otherwise the value as a whole.
    """
    located = [
        error if isinstance(error, InvalidField) else InvalidField(_reason(error))
        for error in errors
    ]
    meant = [error for error in located if not error.tag]
    if meant:
        return meant[0]
    paths = {tuple(error.path) for error in located}
    if len(paths) == 1 and located:
        tags = [_CONST_REASON.fullmatch(error.reason) for error in located]
        if all(tags):
            wanted = ", ".join(dict.fromkeys(tag.group(2) for tag in tags if tag is not None))
            got = tags[0].group(3) if tags[0] is not None else "?"
            name = tags[0].group(1) if tags[0] is not None else "tag"
            reason = f"{got} is none of the variants' {name} values ({wanted})"
        else:
            reason = "fits no variant: " + "; ".join(dict.fromkeys(e.reason for e in located))
        return InvalidField(reason, list(located[0].path))
    return InvalidField("fits none of the variants")
