"""The ASGI app: one entry point that hands each request to the API owning its path.

/v1/...                  Contact Messaging API        (_contact_api)
/_emulator/...           test controls                (_admin)
/_uploads, /_media/...   presigned upload target and media (_uploads)
anything else            Channel Messaging API        (_channel_api), whose paths start at /
"""

from __future__ import annotations

import asyncio
import errno
import logging
import time
from typing import Any

from starlette.types import Receive, Scope, Send

from aelyst_contract.emulator import _admin, _channel_api, _contact_api, _uploads
from aelyst_contract.emulator._config import EmulatorConfig
from aelyst_contract.emulator._faults import FaultSwitch
from aelyst_contract.emulator._http import (
    BodyTimeoutError,
    ClientGoneError,
    Incoming,
    Reply,
    send_reply,
)
from aelyst_contract.emulator._state import EmulatorState

__all__ = ["EmulatorApp", "create_app"]

_log = logging.getLogger("aelyst_contract.emulator")


class EmulatorApp:
    def __init__(
        self,
        config: EmulatorConfig,
        db_path: str = ":memory:",
        faults: frozenset[str] = frozenset(),
    ) -> None:
        self.state = EmulatorState(config, db_path, FaultSwitch(faults | config.faults))
        # Answers produced by the last-resort handler: tests assert it stays 0 on normal input.
        self.internal_errors = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1003})
            return
        config = self.state.config
        request = Incoming.from_scope(
            scope,
            receive,
            public_url=config.public_url,
            trust_host_header=config.trust_host_header,
            body_timeout=config.body_timeout_seconds,
        )
        # HEAD is GET without the body (RFC 9110): same checks, same headers.
        head_only = request.method == "HEAD"
        if head_only:
            request.method = "GET"
        first = request.segments[0] if request.segments else ""
        try:
            if first == "v1":
                reply = await _contact_api.handle(self.state, request)
            elif first == "_emulator":
                reply = await _admin.handle(self.state, request)
            elif first in (_uploads.UPLOAD_SEGMENT, _uploads.MEDIA_SEGMENT):
                reply = await _uploads.handle(self.state, request)
            else:
                reply = await _channel_api.handle(self.state, request)
        except ClientGoneError:
            return
        except BodyTimeoutError:
            reply = _timeout_error(first)
        except Exception:
            # Last resort: never a traceback on the wire. Headers are not logged (credentials).
            self.internal_errors += 1
            _log.exception("internal error on %s /%s", request.method, "/".join(request.segments))
            reply = _internal_error(first)
        await send_reply(send, reply, head_only=head_only)


def _timeout_error(first_segment: str) -> Reply:
    """408 in the API's format; the connection closes (the rest of the body never came)."""
    message = "the request body did not arrive in time"
    if first_segment == "v1":
        reply = _contact_api.error_reply(408, "Request Timeout")
    elif first_segment == "_emulator":
        reply = Reply(408, {"error": message})
    else:
        reply = _channel_api.error_reply(408, "RequestTimeout", message)
    reply.headers["Connection"] = "close"
    return reply


def _internal_error(first_segment: str) -> Reply:
    if first_segment == "v1":
        return _contact_api.error_reply(500, "Unexpected error occurred")
    if first_segment == "_emulator":
        return Reply(500, {"error": "internal error"})
    return _channel_api.error_reply(500, "InternalError", "unexpected error")


class _QuietResourceErrors:
    """The event loop's exception handler, with errors about running out of file descriptors
    (`socket.accept() out of system resource`, EMFILE) logged one line a minute at most instead
    of a traceback per failed accept."""

    def __init__(self) -> None:
        self._next_log = 0.0
        self.suppressed = 0

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        out_of_resources = isinstance(error, OSError) and error.errno in _RESOURCE_ERRNOS
        if isinstance(error, OSError | ValueError) and "_start_serving" in repr(
            context.get("handle")
        ):
            # asyncio retries accepting a second after EMFILE; if the server closed its socket
            # meanwhile (shutdown), that retry fails on the closed socket: nothing to report.
            _log.debug("accept retry after shutdown: %s", error)
            return
        if not out_of_resources:
            loop.default_exception_handler(context)
            return
        now = time.monotonic()
        if now < self._next_log:
            self.suppressed += 1
            return
        self._next_log = now + 60.0
        _log.error(
            "out of resources accepting connections (%s; %d more suppressed); lower"
            " limits.max_connections or raise the open-file limit",
            error,
            self.suppressed,
        )
        self.suppressed = 0


_RESOURCE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


async def _lifespan(receive: Receive, send: Send) -> None:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_QuietResourceErrors())
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def create_app(
    config: EmulatorConfig | None = None,
    *,
    db_path: str = ":memory:",
    faults: frozenset[str] | set[str] | tuple[str, ...] = frozenset(),
) -> EmulatorApp:
    """The ASGI app, for in-process use (httpx.ASGITransport, schemathesis `schema.app`)."""
    return EmulatorApp(config or EmulatorConfig.default(), db_path, frozenset(faults))
