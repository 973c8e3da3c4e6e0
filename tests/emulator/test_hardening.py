"""Defects a demanding QA pass found, each pinned: out-of-range dates, poison nesting, inexact ids,
an unbounded clock, links built from a client's Host, media ownership by string prefix, reusable
upload forms, unmodelled expiry, HEAD, faults in the config file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from aelyst_contract.emulator import (
    ConfigError,
    EmulatorConfig,
    RunningEmulator,
    create_app,
    running_emulator,
)
from aelyst_contract.emulator._config import config_from_mapping
from aelyst_contract.emulator._http import MAX_JSON_DEPTH
from aelyst_contract.emulator._state import LATEST_CLOCK
from tests.emulator.helpers import (
    PLAIN,
    admin_client,
    channel_client,
    channel_send_body,
    contact_client,
    messages_path,
    send_contact,
)
from tests.emulator.test_faults import nested_payload

# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00Z"]
)
def test_scheduled_for_outside_what_a_date_holds_is_a_422(
    emu: RunningEmulator, moment: str
) -> None:
    with channel_client(emu) as channel:
        response = channel.post(messages_path(emu), json=channel_send_body(scheduledFor=moment))
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "InvalidPayload"
    assert "scheduledFor" in response.json()["details"]


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59Z", "0001-01-01T23:59:00+23:59"])
def test_scheduled_for_at_the_edges_is_judged_by_the_rules(
    emu: RunningEmulator, moment: str
) -> None:
    with channel_client(emu) as channel:
        response = channel.post(messages_path(emu), json=channel_send_body(scheduledFor=moment))
    if moment.startswith("9999"):
        assert response.status_code == 422
        assert response.json()["details"]["scheduledFor"] == ["must be at most 35 days ahead"]
    else:
        # Long past: sent now.
        assert response.status_code == 202
        assert response.json()["scheduledFor"] == "0001-01-01T00:00:00.000Z"


# -- nesting ----------------------------------------------------------------------------------


def test_the_deepest_accepted_payload_is_stored_listed_rendered_and_survives_a_restart(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "emu.db")
    with running_emulator(db_path=db) as emu, contact_client(emu) as client:
        sent = send_contact(client, "id:123", nested_payload(MAX_JSON_DEPTH))
        assert sent.status_code == 200, sent.text
        message_id = sent.json()["messageId"]
        got = client.get(f"/contact/id:123/message/{message_id}")
        assert got.status_code == 200
        listed = client.get("/contact/id:123/message/list", params={"limit": 50})
        assert listed.status_code == 200
        assert message_id in [item["messageId"] for item in listed.json()["items"]]
        assert emu.app.internal_errors == 0
    with running_emulator(db_path=db) as emu, contact_client(emu) as client:
        again = client.get(f"/contact/id:123/message/{message_id}")
        assert again.status_code == 200
        assert again.json()["message"] == got.json()["message"]
        assert client.get("/contact/id:123/message/list").status_code == 200


def test_the_in_memory_store_takes_the_deepest_payload_too(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        sent = send_contact(client, "id:123", nested_payload(MAX_JSON_DEPTH))
        assert sent.status_code == 200
        assert client.get("/contact/id:123/message/list").status_code == 200


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 975, 976, 5000])
def test_a_payload_past_the_nesting_limit_is_a_400(emu: RunningEmulator, depth: int) -> None:
    # As text: the client's own JSON encoder would hit its recursion limit.
    payload = '{"a":' * (depth - 3) + "{}" + "}" * (depth - 3)
    body = f'{{"channelId":4,"message":{{"type":"custom_payload","payload":{payload}}}}}'
    with contact_client(emu) as client:
        response = client.post(
            "/contact/id:123/message", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert "nested" in response.json()["message"]
        assert client.get("/contact/id:123/message/list").status_code == 200


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("literal", ["1e-400", "4.0000000000000001", "12345678901234567890.5"])
def test_ids_must_be_exact_integers(emu: RunningEmulator, literal: str) -> None:
    body = '{"channelId": ' + literal + ', "message": {"type": "text", "text": "x"}}'
    with contact_client(emu) as client:
        response = client.post(
            "/contact/id:123/message",
            content=body,
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 400, response.text
    assert "channelId" in response.json()["message"]


def test_exact_whole_numbers_and_tiny_values_elsewhere_still_pass(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        whole = client.post(
            "/contact/id:123/message",
            content='{"channelId": 4.0, "message": {"type": "text", "text": "x"}}',
            headers={"Content-Type": "application/json"},
        )
        tiny = client.post(
            "/contact/id:123/message",
            content=(
                '{"channelId": 4, "message": {"type": "custom_payload", "payload": {"v": 1e-400}}}'
            ),
            headers={"Content-Type": "application/json"},
        )
    assert whole.status_code == 200
    assert tiny.status_code == 200


# -- the clock --------------------------------------------------------------------------------


def test_the_clock_is_bounded_and_sends_keep_working_at_its_end() -> None:
    with running_emulator() as emu:
        emu.advance_clock(LATEST_CLOCK - emu.app.state.now() - 3600)
        with admin_client(emu) as admin:
            refused = admin.post("/clock/advance", json={"seconds": 7200})
            assert refused.status_code == 400
            assert "9000" in refused.json()["error"]
            assert admin.post("/clock/advance", json={"seconds": 60}).status_code == 200
        with pytest.raises(ValueError, match="9000"):
            emu.advance_clock(7200)
        with contact_client(emu) as client, channel_client(emu) as channel:
            assert send_contact(client, "id:123").status_code == 200
            assert client.get("/contact/id:123/message/list").status_code == 200
            later = channel_send_body(scheduledFor="9000-01-20T00:00:00Z", validity=2592000)
            assert channel.post(messages_path(emu), json=later).status_code == 202
            assert channel.get(messages_path(emu)).status_code == 200
        assert emu.app.internal_errors == 0


# -- absolute URLs ----------------------------------------------------------------------------


def _links(emu: RunningEmulator, host: str | None) -> list[str]:
    headers = {} if host is None else {"Host": host}
    with contact_client(emu) as client, channel_client(emu) as channel:
        for _ in range(3):
            send_contact(client, "id:123")
        page = client.get("/contact/id:123/message/list?limit=2", headers=headers).json()
        presigned = channel.post(
            f"/workspaces/{emu.workspace_id}/presigned-upload",
            json={"contentType": "image/png"},
            headers=headers,
        ).json()
    return [page["pagination"]["next"], presigned["uploadUrl"], presigned["mediaUrl"]]


def test_links_ignore_a_foreign_host_header(emu: RunningEmulator) -> None:
    for link in _links(emu, "evil.example"):
        assert urlsplit(link).netloc == urlsplit(emu.base_url).netloc, link


def test_links_follow_a_loopback_gateway(emu: RunningEmulator) -> None:
    for link in _links(emu, "localhost:9999"):
        assert urlsplit(link).netloc == "localhost:9999", link


def test_links_use_the_public_url_when_configured() -> None:
    config = EmulatorConfig.default().with_public_url("https://emu.example:8443/base/")
    with running_emulator(config) as emu:
        for link in _links(emu, "evil.example"):
            assert link.startswith("https://emu.example:8443/base/"), link


def test_links_follow_any_host_when_it_is_trusted() -> None:
    with running_emulator(replace(EmulatorConfig.default(), trust_host_header=True)) as emu:
        for link in _links(emu, "gateway.example"):
            assert urlsplit(link).netloc == "gateway.example", link


@pytest.mark.parametrize(
    "url", ["ftp://emu.example", "https://emu.example?x=1", "emu.example", "http://a:b@c", 5]
)
def test_a_bad_public_url_is_a_config_error(url: Any) -> None:
    with pytest.raises(ConfigError, match="public_url"):
        config_from_mapping({"public_url": url})


# -- media ------------------------------------------------------------------------------------


def _uploaded(emu: RunningEmulator, data: bytes = b"main bytes") -> dict[str, Any]:
    with channel_client(emu) as channel:
        presigned = channel.post(
            f"/workspaces/{emu.workspace_id}/presigned-upload", json={"contentType": "image/png"}
        ).json()
    PLAIN.post(
        presigned["uploadUrl"],
        data=presigned["uploadFormData"],
        files={"file": ("a.png", data, "image/png")},
    ).raise_for_status()
    return dict(presigned)


def _spellings(media_url: str) -> list[str]:
    parts = urlsplit(media_url)
    port, path = parts.port or 80, parts.path
    workspace, media = path.split("/")[2:4]
    return [
        f"http://127.0.0.1:{port}/{path}",
        f"HTTP://127.0.0.1:{port}{path}",
        f"http://localhost:{port}{path}",
        f"http://LOCALHOST.:{port}{path}",
        f"http://[::1]:{port}{path}",
        f"http://127.0.0.1:{port}/_media/./{workspace}/../{workspace}/{media}",
        f"http://127.0.0.1:{port}/%5Fmedia/{workspace}/{media}",
        f"http://127.0.0.1:{port}/_media/{workspace}%2F{media}",
        f"http://127.0.0.1:{port + 1}{path}",  # another local port: a gateway may be us
    ]


def _image_body(url: str) -> dict[str, Any]:
    return channel_send_body(body={"type": "image", "image": {"images": [{"mediaUrl": url}]}})


def test_media_ownership_is_decided_on_the_normalised_url(emu: RunningEmulator) -> None:
    media_url = _uploaded(emu)["mediaUrl"]
    other_path = (
        f"/workspaces/{emu.other_workspace_id}/channels/{emu.other_channel_ids['sms']}/messages"
    )
    with channel_client(emu, emu.other_access_key) as other, channel_client(emu) as owner:
        for url in _spellings(media_url):
            refused = other.post(other_path, json=_image_body(url))
            assert refused.status_code == 422, url
            assert refused.json()["details"] == {
                "body.image.images[0].mediaUrl": ["no uploaded media at this URL"]
            }
        assert owner.post(messages_path(emu), json=_image_body(media_url)).status_code == 202
        public = other.post(other_path, json=_image_body("https://cdn.example/_media/a/b"))
        assert public.status_code == 202


def test_an_upload_form_is_used_once_and_sent_media_never_changes(emu: RunningEmulator) -> None:
    presigned = _uploaded(emu, b"first")
    with channel_client(emu) as channel:
        sent = channel.post(messages_path(emu), json=_image_body(presigned["mediaUrl"]))
        assert sent.status_code == 202
    again = PLAIN.post(
        presigned["uploadUrl"],
        data=presigned["uploadFormData"],
        files={"file": ("a.png", b"replaced", "image/png")},
    )
    assert again.status_code == 403
    assert again.json()["code"] == "AccessDenied"
    assert PLAIN.get(presigned["mediaUrl"]).content == b"first"


# -- expiry -----------------------------------------------------------------------------------


def test_a_message_not_sent_within_its_validity_ends_sending_failed(emu: RunningEmulator) -> None:
    with channel_client(emu) as channel:
        short = channel.post(messages_path(emu), json=channel_send_body(validity=1)).json()
        usual = channel.post(messages_path(emu), json=channel_send_body()).json()
        assert short["status"] == "accepted"
        emu.advance_clock(5)
        expired = channel.get(f"{messages_path(emu)}/{short['id']}").json()
        delivered = channel.get(f"{messages_path(emu)}/{usual['id']}").json()
    assert expired["status"] == "sending_failed"
    assert expired["failure"]["code"] == 30002
    assert "parts" not in expired
    assert delivered["status"] == "delivered"


def test_a_scheduled_message_counts_its_validity_from_its_send_time(emu: RunningEmulator) -> None:
    from datetime import UTC, datetime, timedelta

    later = datetime.fromtimestamp(emu.app.state.now(), tz=UTC) + timedelta(days=3)
    body = channel_send_body(scheduledFor=later.strftime("%Y-%m-%dT%H:%M:%SZ"), validity=60)
    with channel_client(emu) as channel:
        sent = channel.post(messages_path(emu), json=body).json()
        emu.advance_clock(3 * 86400 + 10)
        got = channel.get(f"{messages_path(emu)}/{sent['id']}").json()
    assert got["status"] == "delivered"


# -- HEAD -------------------------------------------------------------------------------------


def test_head_is_get_without_a_body(emu: RunningEmulator) -> None:
    with contact_client(emu) as client, channel_client(emu) as channel:
        send_contact(client, "id:123")
        get = client.get("/contact/id:123/message/list")
        head = client.head("/contact/id:123/message/list")
        channel_head = channel.head(messages_path(emu))
        post_only = channel.head(f"/workspaces/{emu.workspace_id}/presigned-upload")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == get.headers["content-type"]
    assert channel_head.status_code == 200
    assert post_only.status_code == 405
    assert post_only.headers["allow"] == "POST"
    media = _uploaded(emu)["mediaUrl"]
    assert PLAIN.head(media).headers["content-length"] == str(len(b"main bytes"))


# -- faults in the config ---------------------------------------------------------------------


def test_faults_can_be_set_in_the_config() -> None:
    config = config_from_mapping({"faults": ["unicode-500", "tags-unlimited"]})
    assert config.faults == {"unicode-500", "tags-unlimited"}
    app = create_app(config, faults={"limit-unchecked"})
    assert app.state.faults.active == {"unicode-500", "tags-unlimited", "limit-unchecked"}


@pytest.mark.parametrize(
    ("faults", "message"),
    [
        (["unicode-500", "no-such-fault"], "faults: unknown fault(s) no-such-fault"),
        ("unicode-500", "faults must be a list"),
        ([5], "faults must be a list of fault names"),
    ],
)
def test_a_bad_fault_in_the_config_is_a_one_line_error(faults: Any, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config_from_mapping({"faults": faults})
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_server_limits_are_read_from_the_config() -> None:
    config = config_from_mapping(
        {"limits": {"header_timeout_seconds": 2.5, "max_header_bytes": 4096, "max_connections": 9}}
    )
    assert (config.header_timeout_seconds, config.max_header_bytes, config.max_connections) == (
        2.5,
        4096,
        9,
    )
    with pytest.raises(ConfigError, match=r"limits\.body_timeout_seconds"):
        config_from_mapping({"limits": {"body_timeout_seconds": 0}})
