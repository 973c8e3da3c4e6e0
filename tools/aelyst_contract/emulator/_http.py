"""Small HTTP pieces shared by both APIs: replies, bounded body reading, strict JSON parsing."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.types import Message, Receive, Scope, Send

__all__ = [
    "JSON_CONTENT_TYPE",
    "BadJsonError",
    "BodyTooLargeError",
    "ClientGoneError",
    "Incoming",
    "Reply",
    "declared_length",
    "is_json_content_type",
    "parse_json_body",
    "read_body",
    "send_reply",
]

JSON_CONTENT_TYPE = "application/json"


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
        # ensure_ascii keeps lone surrogates from a client's JSON representable on the wire.
        return json.dumps(self.body, separators=(",", ":")).encode("ascii")


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


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        # 1e999 would otherwise become infinity and reach the rules as a number.
        raise BadJsonError(f"the number {text[:40]} is out of range")
    return value


def is_json_content_type(value: str | None) -> bool:
    if value is None:
        return False
    media_type = value.split(";", 1)[0].strip().lower()
    return media_type == JSON_CONTENT_TYPE or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def parse_json_body(raw: bytes) -> Any:
    """Strict JSON from UTF-8 bytes; BadJsonError with a short reason otherwise."""
    if not raw.strip():
        raise BadJsonError("the request body is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadJsonError("the request body is not valid UTF-8") from error
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise BadJsonError(f"the request body is not valid JSON ({error.msg})") from error
    except RecursionError as error:
        raise BadJsonError("the request body is nested too deeply") from error
    except BadJsonError:
        raise
    except ValueError as error:
        # e.g. an integer literal longer than Python's 4300-digit conversion limit.
        raise BadJsonError(f"the request body has an unreadable value ({error})") from error


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
    def from_scope(scope: Scope, receive: Receive) -> Incoming:
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
            method=scope["method"].upper(),
            segments=[segment for segment in path.split("/") if segment],
            query=scope.get("query_string", b"").decode("latin-1"),
            headers=headers,
            base_url=_base_url(scope, headers),
            receive=receive,
            scope=scope,
        )

    def query_params(self) -> dict[str, str]:
        """Last value wins; '+' is a space here, as in any form-encoded query."""
        return dict(parse_qsl(self.query, keep_blank_values=True))


def _base_url(scope: Scope, headers: Mapping[str, str]) -> str:
    scheme = scope.get("scheme", "http")
    host = headers.get("host", "")
    if not _HOST_RE.fullmatch(host):
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scheme}://{host}"
