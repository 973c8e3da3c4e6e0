"""The HTTP layer is bounded: slow or stalled clients time out, heads and connections are capped,
malformed requests are answered in the API's format, SIGTERM stops the server whatever clients do.

Every wait here is bounded by a socket timeout or a deadline; limits are set low so that each test
takes about a second.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from aelyst_contract.emulator import EmulatorConfig, RunningEmulator, running_emulator
from tests.emulator.helpers import RawClient
from tests.emulator.test_durability import TOKEN, emulator_process

SHORT = replace(
    EmulatorConfig.default(),
    header_timeout_seconds=0.5,
    body_timeout_seconds=0.5,
    keep_alive_seconds=1.0,
    max_header_bytes=16 * 1024,
    max_connections=8,
)


@pytest.fixture(scope="module")
def short_emu() -> Iterator[RunningEmulator]:
    with running_emulator(SHORT) as emu:
        yield emu


def _port(emu: RunningEmulator) -> int:
    return int(emu.base_url.rsplit(":", 1)[1])


def _connect(port: int, timeout: float = 5.0) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=timeout)


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    response = http.client.HTTPResponse(sock)
    response.begin()
    headers = {name.lower(): value for name, value in response.getheaders()}
    return response.status, headers, response.read()


def _closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def _raw(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    with _connect(port) as sock:
        # The server may answer and hang up before reading it all.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        return _answer(sock)


def _head(path: str, extra: str = "", method: str = "GET") -> bytes:
    return (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {TOKEN}\r\n{extra}\r\n"
    ).encode("latin-1")


# -- timeouts ---------------------------------------------------------------------------------


def test_a_body_that_stops_arriving_gets_a_408_in_the_api_format(
    short_emu: RunningEmulator,
) -> None:
    started = time.monotonic()
    with _connect(_port(short_emu)) as sock:
        sock.sendall(
            _head(
                "/v1/contact/id:123/message",
                "Content-Type: application/json\r\nContent-Length: 1000\r\n",
                "POST",
            )
            + b'{"channelI'
        )
        status, headers, body = _answer(sock)
        assert _closed_by_server(sock)
    assert status == 408
    assert json.loads(body) == {"code": 408, "message": "Request Timeout"}
    assert headers["connection"] == "close"
    assert time.monotonic() - started < 3


def test_a_stalled_channel_body_gets_a_408_in_the_channel_format(
    short_emu: RunningEmulator,
) -> None:
    path = f"/workspaces/{short_emu.workspace_id}/presigned-upload"
    head = _head(path, "Content-Type: application/json\r\nContent-Length: 50\r\n", "POST")
    head = head.replace(TOKEN.encode(), f"AccessKey {short_emu.access_key}".encode())
    with _connect(_port(short_emu)) as sock:
        sock.sendall(head + b"{")
        status, _, body = _answer(sock)
    assert status == 408
    assert json.loads(body)["code"] == "RequestTimeout"


def test_a_head_sent_a_byte_at_a_time_is_cut_off(short_emu: RunningEmulator) -> None:
    started = time.monotonic()
    with _connect(_port(short_emu)) as sock:
        request = _head("/v1/contact/id:123/message/list")
        answered = None
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.05)
            if time.monotonic() - started > 1.5:
                break
        answered = _answer(sock)
    assert answered[0] == 408
    assert json.loads(answered[2]) == {"code": 408, "message": "Request Timeout"}
    assert time.monotonic() - started < 3


def test_idle_connections_are_closed(short_emu: RunningEmulator) -> None:
    port = _port(short_emu)
    started = time.monotonic()
    with _connect(port) as never_asked:
        assert _closed_by_server(never_asked)
    assert time.monotonic() - started < 3
    with _connect(port) as kept_alive:
        kept_alive.sendall(_head("/v1/contact/id:123/message/list"))
        assert _answer(kept_alive)[0] == 200
        started = time.monotonic()
        assert _closed_by_server(kept_alive)
    assert time.monotonic() - started < 3


# -- heads ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [20 * 1024, 8 * 1024 * 1024])
def test_an_oversized_header_is_a_431(short_emu: RunningEmulator, size: int) -> None:
    data = _head("/v1/contact/id:123/message/list", f"X-Big: {'a' * size}\r\n")
    status, headers, body = _raw(_port(short_emu), data)
    assert status == 431
    assert json.loads(body) == {"code": 431, "message": "Request Header Fields Too Large"}
    assert headers["connection"] == "close"


def test_an_oversized_url_is_a_431_in_the_channel_format(short_emu: RunningEmulator) -> None:
    status, _, body = _raw(_port(short_emu), _head("/workspaces/" + "a" * 100_000))
    assert status == 431
    assert json.loads(body)["code"] == "RequestHeaderFieldsTooLarge"


def test_a_head_just_under_the_limit_is_served(short_emu: RunningEmulator) -> None:
    data = _head("/v1/contact/id:123/message/list", f"X-Big: {'a' * (15 * 1024)}\r\n")
    assert _raw(_port(short_emu), data)[0] == 200


@pytest.mark.parametrize(
    ("data", "body"),
    [
        (
            b"POST /v1/contact/id:123/message HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/\x00json\r\nContent-Length: 2\r\n\r\n{}",
            {"code": 400, "message": "Bad Request"},
        ),
        (
            b"GET /v1/x HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
            {"code": 400, "message": "Bad Request"},
        ),
        (
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
            {"code": "InvalidRequest", "message": "Bad Request"},
        ),
        (b"GET /_emulator/state HTTP/1.1\r\n\r\n", {"error": "Bad Request"}),  # no Host
    ],
)
def test_what_the_parser_refuses_is_a_400_in_the_api_format(
    short_emu: RunningEmulator, data: bytes, body: dict[str, Any]
) -> None:
    status, headers, answer = _raw(_port(short_emu), data)
    assert status == 400
    assert headers["content-type"] == "application/json"
    assert json.loads(answer) == body


def test_a_control_character_in_content_type_reaches_the_app(
    short_emu: RunningEmulator,
) -> None:
    data = _head(
        "/v1/contact/id:123/message",
        "Content-Type: application/\x01json\r\nContent-Length: 2\r\n",
        "POST",
    )
    status, _, body = _raw(_port(short_emu), data + b"{}")
    assert status == 400
    assert json.loads(body) == {"code": 400, "message": "Content-Type must be application/json"}


@pytest.mark.parametrize("method", ["FOO", "get", "Post", "M-SEARCH"])
def test_token_methods_reach_the_app_and_get_405_with_allow(
    short_emu: RunningEmulator, method: str
) -> None:
    status, headers, body = _raw(
        _port(short_emu), _head("/v1/contact/id:123/message/list", method=method)
    )
    assert status == 405
    assert headers["allow"] == "GET"
    assert json.loads(body) == {"code": 405, "message": "METHOD_NOT_ALLOWED"}


# -- connections ------------------------------------------------------------------------------


def test_connections_beyond_the_cap_get_a_503_and_the_cap_frees_up(
    short_emu: RunningEmulator,
) -> None:
    port = _port(short_emu)
    with ExitStack() as stack:
        idle = [stack.enter_context(_connect(port)) for _ in range(SHORT.max_connections)]
        # Until the server has accepted all of them, a request may still slip in and be served.
        deadline = time.monotonic() + 5
        while True:
            status, headers, body = _raw(port, _head("/v1/contact/id:123/message/list"))
            if status != 200 or time.monotonic() > deadline:
                break
        assert status == 503
        assert json.loads(body)["message"] == "Service Unavailable"
        assert headers["connection"] == "close"
        for sock in idle:
            sock.close()
    deadline = time.monotonic() + 5
    while True:
        status = _raw(port, _head("/v1/contact/id:123/message/list"))[0]
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert status == 200


def _lower_nofile(limit: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))


def test_an_idle_connection_flood_under_a_low_file_limit_is_refused_cleanly(
    tmp_path: Path,
) -> None:
    """256 file descriptors, 400 idle connections: new requests are answered (503, then 200
    once the flood goes away), and stderr holds no traceback flood."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < 600:
        pytest.skip("this test needs 600 file descriptors of its own")
    process = subprocess.Popen(
        [sys.executable, "-m", "aelyst_contract", "emulate", "--port", "0", "--db", ":memory:"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: _lower_nofile(256),  # noqa: PLW1509 (no threads in the child yet)
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().split("listening on ", 1)[1].split()[0]
        port = int(base_url.rsplit(":", 1)[1])
        with ExitStack() as stack:
            for _ in range(400):
                try:
                    stack.enter_context(_connect(port, timeout=5))
                except OSError:
                    break
            started = time.monotonic()
            status = _raw(port, _head("/v1/contact/id:123/message/list"))[0]
            assert status in (200, 503)
            assert time.monotonic() - started < 5
        deadline = time.monotonic() + 10
        while _raw(port, _head("/v1/contact/id:123/message/list"))[0] != 200:
            assert time.monotonic() < deadline, "the emulator did not recover"
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=15)
    assert stderr.count("Traceback") == 0, stderr[-3000:]
    assert len(stderr.splitlines()) < 20, stderr[-3000:]


# -- shutdown ---------------------------------------------------------------------------------


def test_sigterm_stops_the_server_despite_a_stalled_client_and_keeps_every_send(
    tmp_path: Path,
) -> None:
    db = tmp_path / "emu.db"
    acknowledged: list[int] = []
    with emulator_process(db) as (process, base_url):
        with RawClient(f"{base_url}/v1", TOKEN) as client:
            for _ in range(5):
                status, body = client.request(
                    "POST",
                    "/contact/id:123/message",
                    {"channelId": 0, "message": {"type": "text", "text": "kept"}},
                )
                assert status == 200
                acknowledged.append(body["messageId"])
        port = int(base_url.rsplit(":", 1)[1])
        with _connect(port) as stalled:
            stalled.sendall(
                _head(
                    "/v1/contact/id:123/message",
                    "Content-Type: application/json\r\nContent-Length: 1000\r\n",
                    "POST",
                )
                + b"{"
            )
            time.sleep(0.2)
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=15)
            stopped_after = time.monotonic() - started
    assert stopped_after < 6, stopped_after
    with emulator_process(db) as (_, base_url), RawClient(f"{base_url}/v1", TOKEN) as client:
        for message_id in acknowledged:
            assert client.request("GET", f"/contact/id:123/message/{message_id}")[0] == 200
