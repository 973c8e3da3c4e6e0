"""Shared helpers of the emulator tests: clients, sends and page walking."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

import httpx

from aelyst_contract.emulator import RunningEmulator


def contact_client(emu: RunningEmulator, token: str | None = None) -> httpx.Client:
    headers = {} if token == "" else {"Authorization": f"Bearer {token or emu.contact_token}"}
    return httpx.Client(base_url=emu.contact_base_url, headers=headers, timeout=10, verify=False)


def channel_client(emu: RunningEmulator, key: str | None = None) -> httpx.Client:
    headers = {} if key == "" else {"Authorization": f"AccessKey {key or emu.access_key}"}
    return httpx.Client(base_url=emu.channel_base_url, headers=headers, timeout=10, verify=False)


def admin_client(emu: RunningEmulator) -> httpx.Client:
    return httpx.Client(
        base_url=emu.admin_url,
        headers={"Authorization": f"Bearer {emu.admin_token}"},
        timeout=10,
        verify=False,
    )


# Loopback http only: skipping certificate loading makes a client ~100x cheaper to create.
PLAIN = httpx.Client(timeout=30, verify=False)


def text(body: str = "hello", **extra: Any) -> dict[str, Any]:
    return {"message": {"type": "text", "text": body, **extra}}


def send_contact(
    client: httpx.Client, identifier: str, body: dict[str, Any] | None = None, channel: int = 0
) -> httpx.Response:
    payload = body if body is not None else {"channelId": channel, **text()}
    return client.post(f"/contact/{identifier}/message", json=payload)


def walk_contact_list(client: httpx.Client, identifier: str, limit: int) -> list[int]:
    """Every message id, following `next` from the first page."""
    ids: list[int] = []
    response = client.get(f"/contact/{identifier}/message/list", params={"limit": limit})
    for _ in range(10_000):
        assert response.status_code == 200, response.text
        page = response.json()
        ids.extend(item["messageId"] for item in page["items"])
        next_url = page["pagination"]["next"]
        if not next_url:
            return ids
        response = client.get(next_url)
    raise AssertionError("paging did not end")


def channel_send_body(
    identifier_value: str = "+31612345678", key: str = "phonenumber", **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "receiver": {"contacts": [{"identifierKey": key, "identifierValue": identifier_value}]},
        "body": {"type": "text", "text": {"text": "hello"}},
    }
    body.update(extra)
    return body


def messages_path(emu: RunningEmulator, platform: str = "sms", workspace: str | None = None) -> str:
    channel = emu.channel_ids[platform]
    return f"/workspaces/{workspace or emu.workspace_id}/channels/{channel}/messages"


def walk_channel_list(client: httpx.Client, path: str, limit: int) -> list[str]:
    ids: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    for _ in range(10_000):
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        ids.extend(item["id"] for item in page["results"])
        token = page.get("nextPageToken")
        if not token:
            return ids
        params = {"limit": limit, "pageToken": token}
    raise AssertionError("paging did not end")


class RawClient:
    """A keep-alive http.client connection: far less CPU per request than httpx, for bulk tests."""

    def __init__(self, base_url: str, authorization: str) -> None:
        parts = urlsplit(base_url)
        self._prefix = parts.path
        self._connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=30
        )
        self._headers = {"Authorization": authorization}

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        headers = dict(self._headers)
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self._connection.request(method, self._prefix + path, body=payload, headers=headers)
        response = self._connection.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> RawClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
