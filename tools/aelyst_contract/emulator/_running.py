"""`running_emulator(...)`: the emulator on a loopback port in a background thread, for tests."""

from __future__ import annotations

import math
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import uvicorn

from aelyst_contract.emulator._app import EmulatorApp, create_app
from aelyst_contract.emulator._config import EmulatorConfig, Workspace
from aelyst_contract.emulator._protocol import (
    ServerLimits,
    guarded_protocol,
    quiet_client_error_logs,
)

__all__ = [
    "RunningEmulator",
    "bind_socket",
    "describe",
    "running_emulator",
    "serve_emulator",
    "uvicorn_config",
]

_START_TIMEOUT_SECONDS = 10.0


@dataclass
class RunningEmulator:
    """Where the emulator listens and the credentials it accepts (see docs/emulator.md)."""

    app: EmulatorApp
    base_url: str
    contact_base_url: str
    channel_base_url: str
    admin_url: str
    admin_token: str = field(repr=False)
    contact_token: str = field(repr=False)
    limited_contact_token: str | None = field(repr=False)
    access_key: str = field(repr=False)
    workspace_id: str
    channel_ids: dict[str, str]
    channel_ids_by_name: dict[str, str]
    other_workspace_id: str
    other_access_key: str = field(repr=False)
    other_channel_ids: dict[str, str]
    limited_access_key: str | None = field(repr=False)
    limited_workspace_id: str | None
    contact_channel_ids: dict[str, int] = field(default_factory=dict)

    # Direct controls (same process); the HTTP admin endpoints do the same.
    def set_faults(self, names: Iterable[str]) -> None:
        self.app.state.faults.set(names)

    def advance_clock(self, seconds: float) -> float:
        return self.app.state.advance_clock(seconds)

    def reset(self) -> None:
        self.app.state.reset()


def _platform_ids(workspace: Workspace) -> dict[str, str]:
    """platform -> the workspace's plain channel (active, not 2FA, delivering) on it."""
    ids: dict[str, str] = {}
    for channel in workspace.channels:
        plain = channel.active and not channel.two_factor and not channel.fails_delivery
        if plain and channel.platform not in ids:
            ids[channel.platform] = channel.id
    return ids


def describe(app: EmulatorApp, base_url: str) -> RunningEmulator:
    config = app.state.config
    main = config.workspaces[0]
    other = config.workspaces[1] if len(config.workspaces) > 1 else main
    limited = next((w for w in config.workspaces if w.rate_limit_get or w.rate_limit_post), None)
    contact_channel_ids: dict[str, int] = {}
    for channel in config.contact_channels:
        if not channel.queue_full and not channel.fails_delivery:
            contact_channel_ids.setdefault(channel.platform, channel.id)
    return RunningEmulator(
        app=app,
        base_url=base_url,
        contact_base_url=f"{base_url}/v1",
        channel_base_url=base_url,
        admin_url=f"{base_url}/_emulator",
        admin_token=config.admin_token,
        contact_token=config.contact_token,
        limited_contact_token=config.limited_contact_token,
        access_key=main.access_key,
        workspace_id=main.id,
        channel_ids=_platform_ids(main),
        channel_ids_by_name={channel.name: channel.id for channel in main.channels},
        other_workspace_id=other.id,
        other_access_key=other.access_key,
        other_channel_ids=_platform_ids(other),
        limited_access_key=None if limited is None else limited.access_key,
        limited_workspace_id=None if limited is None else limited.id,
        contact_channel_ids=contact_channel_ids,
    )


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose listener
    # says TCP, and without it every answer waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def uvicorn_config(app: EmulatorApp, host: str, port: int) -> uvicorn.Config:
    config = app.state.config
    limits = ServerLimits(
        header_timeout=config.header_timeout_seconds,
        max_head_bytes=config.max_header_bytes,
        max_connections=config.max_connections,
    )
    quiet_client_error_logs()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        # The access log is off: paths carry contact identifiers, and nobody needs it in tests.
        access_log=False,
        lifespan="on",
        http=guarded_protocol(limits),
        # uvicorn takes whole seconds here; the emulator's own timers take fractions.
        timeout_keep_alive=max(1, math.ceil(config.keep_alive_seconds)),
        timeout_graceful_shutdown=max(1, math.ceil(config.shutdown_timeout_seconds)),
        # h11's own bound on buffered, incomplete events (a head; a chunk header); the protocol
        # answers an oversized head with 431 before h11 would see it.
        h11_max_incomplete_event_size=config.max_header_bytes + 1,
    )


def _base_url(host: str, port: int) -> str:
    shown_host = f"[{host}]" if ":" in host else host
    return f"http://{shown_host}:{port}"


def serve_emulator(
    app: EmulatorApp,
    sock: socket.socket,
    host: str,
    on_listening: Callable[[RunningEmulator], None] = lambda _: None,
) -> None:
    """Serve the emulator on a bound socket (`bind_socket`) in the foreground until interrupted;
    `on_listening` hears where it listens before the first request is taken. Closes the socket
    and the store at the end."""
    try:
        port = sock.getsockname()[1]
        on_listening(describe(app, _base_url(host, port)))
        uvicorn.Server(uvicorn_config(app, host, port)).run(sockets=[sock])
    finally:
        sock.close()
        app.state.store.close()


@contextmanager
def running_emulator(
    config: EmulatorConfig | None = None,
    *,
    faults: Iterable[str] = (),
    db_path: str = ":memory:",
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[RunningEmulator]:
    """Serve the emulator on `host:port` (0: a free port) until the block ends."""
    app = create_app(config or EmulatorConfig.default(), db_path=db_path, faults=frozenset(faults))
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, host, bound_port))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="emulator", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + _START_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the emulator did not start")
        time.sleep(0.01)
    try:
        yield describe(app, _base_url(host, bound_port))
    finally:
        server.should_exit = True
        thread.join(timeout=_START_TIMEOUT_SECONDS)
        sock.close()
        app.state.store.close()
