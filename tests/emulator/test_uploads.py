"""Presigned uploads for real: signed expiring policy, multipart, content type, size, bytes back."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from aelyst_contract.emulator import EmulatorConfig, RunningEmulator, running_emulator
from tests.emulator.helpers import PLAIN, channel_client, channel_send_body

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _presign(
    emu: RunningEmulator, content_type: str = "image/png", channel: str | None = None
) -> dict[str, Any]:
    path = f"/workspaces/{emu.workspace_id}"
    if channel:
        path += f"/channels/{channel}"
    with channel_client(emu) as client:
        response = client.post(f"{path}/presigned-upload", json={"contentType": content_type})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _upload(
    presigned: dict[str, Any],
    data: bytes = PNG,
    file_type: str = "image/png",
    fields: dict[str, str] | None = None,
) -> httpx.Response:
    form = dict(presigned["uploadFormData"]) if fields is None else fields
    return PLAIN.post(
        presigned["uploadUrl"],
        data=form,
        files={"file": ("picture.png", data, file_type)},
        timeout=30,
    )


def test_presign_upload_then_media_url_serves_the_same_bytes(emu: RunningEmulator) -> None:
    presigned = _presign(emu)
    assert presigned["uploadMethod"] == "POST"
    assert urlsplit(presigned["uploadUrl"]).netloc == urlsplit(emu.base_url).netloc
    assert set(presigned["uploadFormData"]) >= {"key", "Content-Type", "policy", "signature"}
    # Nothing is served before the upload.
    assert PLAIN.get(presigned["mediaUrl"]).status_code == 404
    uploaded = _upload(presigned)
    assert uploaded.status_code == 204
    assert uploaded.content == b""
    media = PLAIN.get(presigned["mediaUrl"])
    assert media.status_code == 200
    assert media.content == PNG
    assert media.headers["content-type"] == "image/png"


def test_channel_scoped_presign(emu: RunningEmulator) -> None:
    presigned = _presign(emu, "application/pdf", emu.channel_ids["email"])
    assert _upload(presigned, b"%PDF-1.7", "application/pdf").status_code == 204
    assert PLAIN.get(presigned["mediaUrl"]).content == b"%PDF-1.7"
    with channel_client(emu, emu.other_access_key) as other:
        response = other.post(
            f"/workspaces/{emu.workspace_id}/channels/{emu.channel_ids['email']}/presigned-upload",
            json={"contentType": "image/png"},
        )
    assert response.status_code == 404


def test_upload_needs_a_valid_signature(emu: RunningEmulator) -> None:
    presigned = _presign(emu)
    fields = dict(presigned["uploadFormData"])
    for broken in (
        {**fields, "signature": "AAAA"},
        {**fields, "policy": fields["policy"][:-2] + "xx"},
        {k: v for k, v in fields.items() if k != "signature"},
        {**fields, "key": f"{emu.workspace_id}/someone-else"},
        {**fields, "Content-Type": "text/html"},
    ):
        response = _upload(presigned, fields=broken)
        assert response.status_code == 403, broken
        assert response.json()["code"] == "AccessDenied"
    assert PLAIN.get(presigned["mediaUrl"]).status_code == 404


def test_upload_enforces_the_content_type(emu: RunningEmulator) -> None:
    presigned = _presign(emu)
    response = _upload(presigned, b"<script>", "text/html")
    assert response.status_code == 403
    assert "content type" in response.json()["message"]


def test_policy_expires_on_the_emulator_clock(emu: RunningEmulator) -> None:
    presigned = _presign(emu)
    emu.advance_clock(3601)
    response = _upload(presigned)
    assert response.status_code == 403
    assert "expired" in response.json()["message"]


def test_upload_needs_multipart_with_a_file(emu: RunningEmulator) -> None:
    presigned = _presign(emu)
    assert PLAIN.post(presigned["uploadUrl"], json=presigned["uploadFormData"]).status_code == 400
    no_file = PLAIN.post(
        presigned["uploadUrl"], data=presigned["uploadFormData"], files={"x": ("a", b"b")}
    )
    assert no_file.status_code == 400
    garbled = PLAIN.post(
        presigned["uploadUrl"],
        content=b"--zz\r\nContent-Disposition: form-data\r\n\r\nno end",
        headers={"Content-Type": "multipart/form-data; boundary=zz"},
    )
    assert garbled.status_code in (400, 403)
    assert PLAIN.get(presigned["uploadUrl"]).status_code == 405


@pytest.mark.parametrize(
    "content_type", ["", "png", "image/", "image/png; charset=x", "a" * 300, "ïmage/png"]
)
def test_presign_rejects_non_media_types(emu: RunningEmulator, content_type: str) -> None:
    with channel_client(emu) as client:
        response = client.post(
            f"/workspaces/{emu.workspace_id}/presigned-upload", json={"contentType": content_type}
        )
    assert response.status_code == 422
    assert "contentType" in response.json()["details"]


@pytest.fixture(scope="module")
def small_limit_emu() -> Iterator[RunningEmulator]:
    config = replace(EmulatorConfig.default(), max_upload_bytes=1024)
    with running_emulator(config) as emu:
        yield emu


def test_upload_over_the_limit_is_413(small_limit_emu: RunningEmulator) -> None:
    presigned = _presign(small_limit_emu)
    assert _upload(presigned, b"x" * 1024).status_code == 204
    again = _presign(small_limit_emu)
    assert _upload(again, b"x" * 1025).status_code == 413
    big = _presign(small_limit_emu)
    assert _upload(big, b"x" * 200_000).status_code == 413


def test_declared_100_mib_plus_is_413_before_reading(emu: RunningEmulator) -> None:
    """The default limit is 100 MiB: a larger Content-Length is refused without sending it."""
    presigned = _presign(emu)
    url = urlsplit(presigned["uploadUrl"])
    request = (
        f"POST {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n"
        "Content-Type: multipart/form-data; boundary=zz\r\n"
        f"Content-Length: {100 * 1024 * 1024 + 10_000_000}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(
        (url.hostname or "127.0.0.1", url.port or 80), timeout=10
    ) as sock:
        sock.sendall(request + b"--zz\r\n")
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


def _image_body(url: str) -> dict[str, Any]:
    return {"type": "image", "image": {"images": [{"mediaUrl": url}]}}


def test_messages_may_use_uploaded_media_only_where_it_belongs(emu: RunningEmulator) -> None:
    anywhere = _presign(emu)
    assert _upload(anywhere).status_code == 204
    scoped = _presign(emu, channel=emu.channel_ids["whatsapp"])
    assert _upload(scoped).status_code == 204
    pending = _presign(emu)
    sms = f"/workspaces/{emu.workspace_id}/channels/{emu.channel_ids['sms']}/messages"
    whatsapp = f"/workspaces/{emu.workspace_id}/channels/{emu.channel_ids['whatsapp']}/messages"
    with channel_client(emu) as client:

        def send(path: str, url: str) -> httpx.Response:
            return client.post(path, json=channel_send_body(body=_image_body(url)))

        assert send(sms, anywhere["mediaUrl"]).status_code == 202
        assert send(whatsapp, scoped["mediaUrl"]).status_code == 202
        assert send(sms, "https://cdn.example.com/cat.png").status_code == 202
        wrong_channel = send(sms, scoped["mediaUrl"])
        assert wrong_channel.status_code == 422
        assert "body.image.images[0].mediaUrl" in wrong_channel.json()["details"]
        assert send(sms, pending["mediaUrl"]).status_code == 422
        assert send(sms, anywhere["mediaUrl"] + "x").status_code == 422
    # Another workspace cannot use (or learn about) this workspace's media.
    other_path = (
        f"/workspaces/{emu.other_workspace_id}/channels/{emu.other_channel_ids['sms']}/messages"
    )
    with channel_client(emu, emu.other_access_key) as other:
        leaked = other.post(
            other_path, json=channel_send_body(body=_image_body(anywhere["mediaUrl"]))
        )
    assert leaked.status_code == 422
    assert leaked.json()["details"]["body.image.images[0].mediaUrl"] == [
        "no uploaded media at this URL"
    ]
