"""Small HTTP pieces shared by both APIs: replies, bounded body reading, strict JSON parsing."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import json
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.types import Message, Receive, Scope, Send

__all__ = [
    "JSON_CONTENT_TYPE",
    "MAX_JSON_DEPTH",
    "BadJsonError",
    "BodyTimeoutError",
    "BodyTooLargeError",
    "ClientGoneError",
    "ImpreciseNumber",
    "Incoming",
    "Reply",
    "declared_length",
    "is_json_content_type",
    "is_loopback_host",
    "json_depth",
    "parse_json_body",
    "read_body",
    "send_reply",
]

JSON_CONTENT_TYPE = "application/json"
# The deepest JSON document accepted (the body object is level 1). Far below Python's recursion
# limit, so whatever is accepted can be stored, read back and rendered inside any response.
MAX_JSON_DEPTH = 64


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-able, or bytes sent as is
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = JSON_CONTENT_TYPE

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        return _ENCODER.encode(self.body).encode("ascii")


# One encoder for every reply (json.dumps with options builds one per call). ensure_ascii (the
# default) keeps lone surrogates from a client's JSON representable on the wire.
_ENCODER = json.JSONEncoder(separators=(",", ":"))


async def send_reply(send: Send, reply: Reply, *, head_only: bool = False) -> None:
    payload = reply.encoded()
    headers = [(b"content-length", str(len(payload)).encode("ascii"))]
    if reply.status != 204 and (payload or reply.body is not None):
        headers.append((b"content-type", reply.content_type.encode("latin-1")))
    headers.extend(
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in reply.headers.items()
    )
    if reply.status == 204:
        headers = [h for h in headers if h[0] != b"content-length"]
        payload = b""
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head_only else payload})


class BodyTooLargeError(Exception):
    pass


class ClientGoneError(Exception):
    pass


class BodyTimeoutError(Exception):
    """The body did not arrive within the configured time (a 408)."""


def declared_length(headers: Mapping[str, str]) -> int | None:
    value = headers.get("content-length")
    if value is None or not value.isdigit():
        return None
    return int(value)


async def read_body(receive: Receive, headers: Mapping[str, str], limit: int) -> bytes:
    """The whole body, or BodyTooLargeError as soon as it is known to exceed `limit`."""
    length = declared_length(headers)
    if length is not None and length > limit:
        raise BodyTooLargeError
    chunks: list[bytes] = []
    size = 0
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGoneError
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


class BadJsonError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise BadJsonError(f"{name} is not valid JSON")


class ImpreciseNumber(float):
    """A JSON number whose float is a whole number the text is not (1e-400 is 0.0,
    1.00000000000000001 is 1.0): fine as a number, never an integer or an id."""


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        # 1e999 would otherwise become infinity and reach the rules as a number.
        raise BadJsonError(f"the number {text[:40]} is out of range")
    if value.is_integer():
        try:
            exact = Decimal(text) == Decimal(value)
        except InvalidOperation:
            exact = False
        if not exact:
            return ImpreciseNumber(value)
    return value


def json_depth(value: Any) -> int:
    """How deep a parsed JSON value nests (a scalar is 0, `{}` is 1); iterative, any depth."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            pending.extend((child, depth + 1) for child in item)
    return deepest


def is_json_content_type(value: str | None) -> bool:
    if value is None:
        return False
    media_type = value.split(";", 1)[0].strip().lower()
    return media_type == JSON_CONTENT_TYPE or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def parse_json_body(raw: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Strict JSON from UTF-8 bytes, at most `max_depth` levels deep; BadJsonError with a short
    reason otherwise."""
    if not raw.strip():
        raise BadJsonError("the request body is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadJsonError("the request body is not valid UTF-8") from error
    try:
        value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise BadJsonError(f"the request body is not valid JSON ({error.msg})") from error
    except RecursionError as error:
        raise BadJsonError("the request body is nested too deeply") from error
    except BadJsonError:
        raise
    except ValueError as error:
        # e.g. an integer literal longer than Python's 4300-digit conversion limit.
        raise BadJsonError(f"the request body has an unreadable value ({error})") from error
    if json_depth(value) > max_depth:
        raise BadJsonError(f"the request body is nested more than {max_depth} levels deep")
    return value


_HOST_RE = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")


@dataclass
class Incoming:
    """One request as the handlers see it. `segments` are raw (still percent-encoded)."""

    method: str
    segments: list[str]
    query: str
    headers: dict[str, str]
    base_url: str
    receive: Receive
    scope: Scope

    @staticmethod
    def from_scope(
        scope: Scope,
        receive: Receive,
        *,
        public_url: str | None = None,
        trust_host_header: bool = False,
        body_timeout: float | None = None,
    ) -> Incoming:
        raw_path = scope.get("raw_path")
        if raw_path:
            path = raw_path.decode("latin-1").split("?", 1)[0]
        else:
            # Servers without raw_path hand over a decoded path: re-encode it so that the
            # handlers' single decode does not decode twice.
            path = quote(scope["path"], safe="/!$&'()*+,;=:@-._~")
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            # The first of repeated headers wins (Authorization included).
            headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
        return Incoming(
            # Methods are case-sensitive (RFC 9110): `get` is not GET.
            method=scope["method"],
            segments=[segment for segment in path.split("/") if segment],
            query=scope.get("query_string", b"").decode("latin-1"),
            headers=headers,
            base_url=public_url or _base_url(scope, headers, trust_host_header),
            receive=receive if body_timeout is None else _timed(receive, body_timeout),
            scope=scope,
        )

    def query_params(self) -> dict[str, str]:
        """Last value wins; '+' is a space here, as in any form-encoded query."""
        return dict(parse_qsl(self.query, keep_blank_values=True))


def _timed(receive: Receive, seconds: float) -> Receive:
    """`receive` that gives up (BodyTimeoutError) once the request is `seconds` old."""
    deadline = time.monotonic() + seconds

    async def timed_receive() -> Message:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise BodyTimeoutError
        try:
            return await asyncio.wait_for(receive(), remaining)
        except TimeoutError as error:
            raise BodyTimeoutError from error

    return timed_receive


@functools.lru_cache(maxsize=256)  # asked on every request, mostly about the same few names
def is_loopback_host(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1 (a name without its port; IPv6 with or without brackets)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(netloc: str) -> str:
    if netloc.startswith("["):
        return netloc.split("]", 1)[0] + "]"
    return netloc.rsplit(":", 1)[0]


def _base_url(scope: Scope, headers: Mapping[str, str], trust_host_header: bool) -> str:
    """From Host only when trusted (configured, or a loopback name: a local gateway); otherwise
    the address the connection came in on, so a client cannot make us build links elsewhere."""
    scheme = scope.get("scheme", "http")
    host = headers.get("host", "")
    if _HOST_RE.fullmatch(host) and (trust_host_header or is_loopback_host(_host_name(host))):
        return f"{scheme}://{host}"
    server = scope.get("server") or ("127.0.0.1", 80)
    name = f"[{server[0]}]" if ":" in str(server[0]) else server[0]
    return f"{scheme}://{name}:{server[1]}"
