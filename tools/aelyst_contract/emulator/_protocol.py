"""The HTTP/1.1 connection handling in front of the app: uvicorn's h11 protocol, bounded.

h11 rather than httptools: h11 takes every token-valid method (so `FOO` or `get` reach the app
and get its 405 with Allow) and bounds the request head. On top of uvicorn's own handling:

- the request head (request line and headers) must arrive within `header_timeout` seconds of the
  connection or of its first byte (408; an idle connection that never sent a byte just closes);
- a head over `max_head_bytes` is a 431;
- connections beyond `max_connections` get a 503 at once and are closed, so a flood of idle
  connections can neither exhaust file descriptors nor starve requests;
- what the parser refuses before the app (400, 408, 431, 503) is answered in the API's error
  format, picked from the request target when it can be read (`/v1...`: contact, `/_emulator...`:
  admin, anything else: channel), always with `Connection: close`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import resource
import time
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["ServerLimits", "guarded_protocol", "quiet_client_error_logs", "refusal_bytes"]

# File descriptors kept back for the database (reader, writer, WAL, shm), the listening socket,
# the event loop and standard streams.
_RESERVED_DESCRIPTORS = 64
_HEAD_END_RE = re.compile(rb"\r?\n\r?\n")
_SNIFF_BYTES = 2048
# How long a refused (over-the-cap) connection lingers after its 503, reading and dropping what
# the client sends, so the answer is not lost to a reset.
_REFUSED_LINGER_SECONDS = 1.0
_PHRASES = {
    400: "Bad Request",
    408: "Request Timeout",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}
_CHANNEL_CODES = {
    400: "InvalidRequest",
    408: "RequestTimeout",
    431: "RequestHeaderFieldsTooLarge",
    503: "ServiceUnavailable",
}


@dataclass(frozen=True)
class ServerLimits:
    header_timeout: float
    max_head_bytes: int
    max_connections: int

    def effective_max_connections(self) -> int:
        """The configured cap, lowered to fit the process's open-file limit."""
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft == resource.RLIM_INFINITY:
            return self.max_connections
        return max(1, min(self.max_connections, soft - _RESERVED_DESCRIPTORS))


def refusal_bytes(status: int, request_start: bytes) -> bytes:
    """A complete HTTP/1.1 answer (closing the connection) in the format of the API that the
    request target names; `request_start` is what arrived of the request (may be empty)."""
    phrase = _PHRASES[status]
    target = request_start.split(b"\n", 1)[0].split(b" ")
    path = target[1] if len(target) > 1 else b""
    body: dict[str, Any]
    if path == b"/v1" or path.startswith((b"/v1/", b"/v1?")):
        body = {"code": status, "message": phrase}
    elif path == b"/_emulator" or path.startswith(b"/_emulator/"):
        body = {"error": phrase}
    else:
        body = {"code": _CHANNEL_CODES[status], "message": phrase}
    payload = json.dumps(body, separators=(",", ":")).encode("ascii")
    head = (
        f"HTTP/1.1 {status} {phrase}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(payload)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + payload


class _GuardedH11Protocol(H11Protocol):
    limits: ServerLimits
    max_connections: int

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_start = b""
        self._refused = False
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self.connections.discard(self)
            self._refused = True
            transport.write(refusal_bytes(503, b""))
            if transport.can_write_eof():
                transport.write_eof()
            self.loop.call_later(_REFUSED_LINGER_SECONDS, transport.close)
            return
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        if self._refused:
            return
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        reading_head = self.conn.their_state is h11.IDLE
        if reading_head:
            if self._head_timer is None:
                self._arm_head_timer()
            buffered = bytes(self.conn.trailing_data[0]) + data
            if len(self._head_start) < _SNIFF_BYTES:
                self._head_start = buffered[:_SNIFF_BYTES]
            end = _HEAD_END_RE.search(buffered)
            head_length = len(buffered) if end is None else end.end()
            if head_length > self.limits.max_head_bytes:
                self._refuse(431)
                return
        super().data_received(data)
        if reading_head and self.conn.their_state is not h11.IDLE:
            # The head is complete: the body has its own deadline (the app's).
            self._cancel_head_timer()
            self._head_start = b""

    def send_400_response(self, msg: str) -> None:
        if self.cycle is not None and not self.cycle.response_complete:
            # Broken framing in the middle of a request the app already has: just hang up.
            self.transport.close()
            return
        self.logger.debug("refused a malformed request: %s", msg)
        self._refuse(400)

    def _refuse(self, status: int) -> None:
        self._cancel_head_timer()
        if not self.transport.is_closing():
            self.transport.write(refusal_bytes(status, self._head_start))
            self.transport.close()

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0] or self._head_start:
            self._refuse(408)
        else:
            # Nothing was asked: an idle connection, closed like a keep-alive timeout.
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # The next request's head starts the timer with its first byte (keep-alive covers idle).
        self._cancel_head_timer()


class _ClientErrorsOncePerMinute(logging.Filter):
    """uvicorn warns once per malformed request or unsupported upgrade: a client could flood the
    log. Each such message passes once a minute, with how many were held back."""

    _MESSAGES = ("Invalid HTTP request received.", "Unsupported upgrade request.")

    def __init__(self) -> None:
        super().__init__()
        self._next: dict[str, float] = {}
        self._held: dict[str, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("No supported WebSocket library"):
            return False  # the emulator speaks no WebSocket; nothing to install
        if message not in self._MESSAGES:
            return True
        now = time.monotonic()
        if now < self._next.get(message, 0.0):
            self._held[message] = self._held.get(message, 0) + 1
            return False
        self._next[message] = now + 60.0
        held = self._held.pop(message, 0)
        if held:
            record.msg = f"{message} ({held} more in the last minute)"
            record.args = ()
        return True


def quiet_client_error_logs() -> None:
    """Rate-limit uvicorn's per-request client-error warnings (idempotent)."""
    server_log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _ClientErrorsOncePerMinute) for f in server_log.filters):
        server_log.addFilter(_ClientErrorsOncePerMinute())


def guarded_protocol(limits: ServerLimits) -> type[H11Protocol]:
    """uvicorn's `http=` protocol class with these limits."""
    return type(
        "GuardedH11Protocol",
        (_GuardedH11Protocol,),
        {"limits": limits, "max_connections": limits.effective_max_connections()},
    )
