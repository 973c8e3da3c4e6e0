"""Bad input gets the API's own error format: never a 500, a traceback or a hang."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest

from aelyst_contract.emulator import RunningEmulator
from tests.emulator.helpers import (
    PLAIN,
    channel_client,
    channel_send_body,
    contact_client,
    messages_path,
)

ODD_METHODS = ["PUT", "PATCH", "DELETE", "TRACE", "OPTIONS", "PROPFIND", "FOO"]


def _contact_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    if response.request.method != "HEAD":
        body = response.json()
        assert body["code"] == status
        assert isinstance(body["message"], str)
        assert set(body) == {"code", "message"}
    assert "x-ratelimit-limit" in response.headers


def _channel_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    if response.request.method != "HEAD":
        body = response.json()
        assert body["code"] == code
        assert isinstance(body["message"], str)
        assert set(body) <= {"code", "message", "details"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/contact",
        "/contact/id:123",
        "/contact/id:123/messages",
        "/contact/id:123/message/1/x",
        "/contacts/id:123/message",
        "/%00",
        "/contact/id:123/message/list/more",
    ],
)
def test_contact_unknown_routes_are_404_in_its_format(emu: RunningEmulator, path: str) -> None:
    with contact_client(emu) as client:
        _contact_error(client.get(path), 404)


@pytest.mark.parametrize("method", [*ODD_METHODS, "POST"])
@pytest.mark.parametrize("path", ["/contact/id:123/message/list", "/contact/id:123/message/5"])
def test_contact_wrong_methods_are_405_with_allow(
    emu: RunningEmulator, method: str, path: str
) -> None:
    with contact_client(emu) as client:
        response = client.request(method, path)
    _contact_error(response, 405)
    assert response.headers["allow"] == "GET"


@pytest.mark.parametrize("method", [*ODD_METHODS, "GET", "HEAD"])
def test_contact_send_route_allows_only_post(emu: RunningEmulator, method: str) -> None:
    with contact_client(emu) as client:
        response = client.request(method, "/contact/id:123/message")
    _contact_error(response, 405)
    assert response.headers["allow"] == "POST"


BAD_BODIES: list[tuple[bytes, str]] = [
    (b"", "application/json"),
    (b"{", "application/json"),
    (b'{"channelId": 0, "message": {"type": "text", "text": "a\x00b"}}', "application/json"),
    (b"\x00\x00\x00", "application/json"),
    (b'{"channelId": 0, "message": {"type": "text", "text": "\xff\xfe"}}', "application/json"),
    (b"\xef\xbb\xbf{}", "application/json"),
    (b"[" * 50_000 + b"]" * 50_000, "application/json"),
    (b'{"channelId": NaN, "message": {"type": "text", "text": "x"}}', "application/json"),
    (b'{"channelId": 1e999, "message": {"type": "text", "text": "x"}}', "application/json"),
    (
        b'{"channelId": ' + b"9" * 5000 + b', "message": {"type": "text", "text": "x"}}',
        "application/json",
    ),
    (b'{"channelId": 0, "message": {"type": "text", "text": "x"}}', "text/plain"),
    (
        b'{"channelId": 0, "message": {"type": "text", "text": "x"}}',
        "application/x-www-form-urlencoded",
    ),
    (b'{"channelId": 0, "message": {"type": "text", "text": "x"}}', ""),
    (b"channelId=0", "multipart/form-data; boundary=x"),
]


@pytest.mark.parametrize(("body", "content_type"), BAD_BODIES)
def test_contact_unreadable_bodies_are_400(
    emu: RunningEmulator, body: bytes, content_type: str
) -> None:
    with contact_client(emu) as client:
        headers = {"Content-Type": content_type} if content_type else {}
        response = client.post("/contact/id:123/message", content=body, headers=headers)
    _contact_error(response, 400)


def test_escaped_nul_and_lone_surrogates_are_just_text(emu: RunningEmulator) -> None:
    body = b'{"channelId": 0, "message": {"type": "text", "text": "a\\u0000b \\ud800 \\u00e9"}}'
    with contact_client(emu) as client:
        sent = client.post(
            "/contact/id:123/message", content=body, headers={"Content-Type": "application/json"}
        )
        assert sent.status_code == 200
        got = client.get(f"/contact/id:123/message/{sent.json()['messageId']}")
    assert got.status_code == 200
    assert b"a\\u0000b \\ud800 \\u00e9" in got.content


def test_contact_oversized_body_is_413(emu: RunningEmulator) -> None:
    huge = {"channelId": 0, "message": {"type": "text", "text": "x" * (2 * 1024 * 1024)}}
    with contact_client(emu) as client:
        _contact_error(client.post("/contact/id:123/message", json=huge), 413)
        # Just below the limit is read (and then rejected for its text length).
        near = {"channelId": 0, "message": {"type": "text", "text": "x" * (1024 * 1024 - 100)}}
        _contact_error(client.post("/contact/id:123/message", json=near), 400)


@pytest.mark.parametrize(
    "raw_path",
    [
        b"/v1/contact/id:%FF/message/list",
        b"/v1/contact/%C3%28/message/list",
        b"/v1/contact/" + b"a" * 8000 + b"/message/list",
        b"/v1/contact/id:123/message/%FF",
        b"/v1/contact/email:%00@x.com/message/list",
        b"/v1/contact/phone:%2B6012%0A1233112/message/list",
    ],
)
def test_contact_odd_paths_are_4xx(emu: RunningEmulator, raw_path: bytes) -> None:
    status, body = _raw_get(emu, raw_path, f"Bearer {emu.contact_token}")
    assert status in (400, 404)
    assert b'"code":' + str(status).encode() in body


def _raw_get(emu: RunningEmulator, raw_path: bytes, auth: str) -> tuple[int, bytes]:
    """A GET with a path no client library would send as is."""
    host, port = emu.base_url.removeprefix("http://").split(":")
    request = (
        b"GET "
        + raw_path
        + b" HTTP/1.1\r\nHost: "
        + f"{host}:{port}".encode()
        + b"\r\nAuthorization: "
        + auth.encode()
        + b"\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/workspaces",
        "/workspaces/{ws}",
        "/workspaces/{ws}/channels",
        "/workspaces/{ws}/channels/{ch}",
        "/workspaces/{ws}/channels/{ch}/messages/{ch}/x",
        "/v2/contact",
        "/favicon.ico",
        "/_uploads/x",
    ],
)
def test_channel_unknown_routes_are_404_in_its_format(emu: RunningEmulator, path: str) -> None:
    with channel_client(emu) as client:
        response = client.get(path.format(ws=emu.workspace_id, ch=emu.channel_ids["sms"]))
    _channel_error(response, 404, "NotFound")


@pytest.mark.parametrize("method", ODD_METHODS)
@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/workspaces/{ws}/channels/{ch}/messages", "GET, POST"),
        ("/workspaces/{ws}/channels/{ch}/messages/{ch}", "GET"),
        ("/workspaces/{ws}/messages", "GET"),
        ("/workspaces/{ws}/presigned-upload", "POST"),
        ("/workspaces/{ws}/channels/{ch}/presigned-upload", "POST"),
    ],
)
def test_channel_wrong_methods_are_405_with_allow(
    emu: RunningEmulator, method: str, path: str, allow: str
) -> None:
    with channel_client(emu) as client:
        response = client.request(
            method, path.format(ws=emu.workspace_id, ch=emu.channel_ids["sms"])
        )
    _channel_error(response, 405, "MethodNotAllowed")
    assert response.headers["allow"] == allow


@pytest.mark.parametrize(("body", "content_type"), BAD_BODIES)
def test_channel_unreadable_bodies_are_400(
    emu: RunningEmulator, body: bytes, content_type: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with channel_client(emu) as client:
        for path in (messages_path(emu), f"/workspaces/{emu.workspace_id}/presigned-upload"):
            response = client.post(path, content=body, headers=headers)
            _channel_error(response, 400, "InvalidRequest")


@pytest.mark.parametrize(
    "body", [[], "x", None, 5, {"receiver": None}, {"receiver": {"contacts": "x"}}]
)
def test_channel_wrong_json_shapes_are_422(emu: RunningEmulator, body: Any) -> None:
    with channel_client(emu) as client:
        response = client.post(
            messages_path(emu),
            content=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
    _channel_error(response, 422, "InvalidPayload")


def test_channel_oversized_body_is_413(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        response = client.post(
            messages_path(emu), json=channel_send_body(reference="x" * (2 * 1024 * 1024))
        )
    _channel_error(response, 413, "PayloadTooLarge")


@pytest.mark.parametrize(
    "raw_path",
    [
        b"/workspaces/%FF/messages",
        b"/workspaces/" + b"f" * 9000 + b"/messages",
        b"/%C3%28",
        b"/workspaces/{ws}/channels/{ch}/messages?limit=%FF&pageToken=%00",
    ],
)
def test_channel_odd_paths_are_4xx(emu: RunningEmulator, raw_path: bytes) -> None:
    path = raw_path.replace(b"{ws}", emu.workspace_id.encode()).replace(
        b"{ch}", emu.channel_ids["sms"].encode()
    )
    status, body = _raw_get(emu, path, f"AccessKey {emu.access_key}")
    assert status in (400, 404)
    assert b'"code":"' in body


def test_garbage_authorization_headers_are_401(emu: RunningEmulator) -> None:
    for auth in ("Bearer", "Bearer ", "AccessKey", "\u00ff\u00fe", "Bearer " + "x" * 5000):
        status, body = _raw_get(emu, b"/v1/contact/id:123/message/list", auth)
        assert status == 401
        assert body == b'{"code":401,"message":"UN_AUTHORIZED"}'
        status, body = _raw_get(emu, f"/workspaces/{emu.workspace_id}/messages".encode(), auth)
        assert status == 401


def test_admin_bad_input(emu: RunningEmulator) -> None:
    headers = {"Authorization": f"Bearer {emu.admin_token}"}
    with httpx.Client(base_url=emu.admin_url, headers=headers, verify=False) as admin:
        assert admin.post("/clock/advance", content=b"{").status_code == 400
        assert admin.post("/clock/advance", json={"seconds": -1}).status_code == 400
        assert admin.post("/clock/advance", json={"seconds": "1"}).status_code == 400
        assert admin.post("/clock/advance", json=[]).status_code == 400
        assert admin.put("/faults", json={"faults": ["no-such-fault"]}).status_code == 400
        assert admin.put("/faults", json={"faults": "unicode-500"}).status_code == 400
        assert admin.post("/incoming", json={"contactId": 99999, "channelId": 1}).status_code == 404
        assert (
            admin.post("/incoming", json={"identifier": "phone:+1", "channelId": 1}).status_code
            == 400
        )
        assert admin.post("/incoming", json={"contactId": 1, "channelId": 99}).status_code == 400
        assert (
            admin.post("/incoming", json={"workspaceId": "x", "channelId": "y"}).status_code == 404
        )
        assert admin.delete("/reset").status_code == 405
        assert admin.get("/nothing").status_code == 404
    assert PLAIN.post(f"{emu.admin_url}/reset").status_code == 401
    assert (
        PLAIN.post(f"{emu.admin_url}/reset", headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )
