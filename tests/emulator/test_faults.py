"""Every fault is a bug a contract check can observe on ordinary traffic, and only when it is on."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import get_args
from urllib.parse import urlsplit

import pytest

import aelyst_contract.emulator
from aelyst_contract.emulator import FAULTS, Fault, RunningEmulator, running_emulator
from aelyst_contract.fuzz._spec_facts import ApiName
from tests.emulator.helpers import (
    PLAIN,
    admin_client,
    channel_client,
    channel_send_body,
    contact_client,
    messages_path,
    send_contact,
    walk_channel_list,
    walk_contact_list,
)

Probe = Callable[[RunningEmulator], bool]
API_NAMES = get_args(ApiName)
CONTACT_STATUSES = {"pending", "sent", "delivered", "read", "failed"}
CHANNEL_STATUSES = {
    "accepted",
    "rejected",
    "processing",
    "scheduled",
    "sent",
    "sending_failed",
    "delivered",
    "delivery_failed",
    "deleted",
    "skipped",
}


def _limit_unchecked(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        contact = client.get("/contact/id:123/message/list?limit=51").status_code
        listed = channel.get(f"{messages_path(emu)}?limit=101").status_code
    return contact == 200 and listed == 200


def _status_outside_enum(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        message_id = send_contact(client, "id:123").json()["messageId"]
        statuses = client.get(f"/contact/id:123/message/{message_id}").json()["status"]
        channel_status = channel.post(messages_path(emu), json=channel_send_body()).json()["status"]
    return any(s["value"] not in CONTACT_STATUSES for s in statuses) and (
        channel_status not in CHANNEL_STATUSES
    )


def _429_without_retry_after(emu: RunningEmulator) -> bool:
    assert emu.limited_contact_token is not None
    assert emu.limited_access_key is not None
    with contact_client(emu, emu.limited_contact_token) as client:
        answers = [client.get("/contact/id:123/message/list") for _ in range(4)]
    with channel_client(emu, emu.limited_access_key) as channel:
        channel_answers = [
            channel.get(f"/workspaces/{emu.limited_workspace_id}/messages") for _ in range(4)
        ]
    assert answers[-1].status_code == 429
    assert channel_answers[-1].status_code == 429
    return (
        "retry-after" not in answers[-1].headers
        and "retry-after" not in channel_answers[-1].headers
    )


def _error_code_mismatch(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        missing = client.get("/contact/id:123/message/1")
        channel_missing = channel.get("/workspaces/00000000-0000-4000-8000-000000000000/messages")
    contact_code: object = missing.json()["code"]
    channel_code: object = channel_missing.json()["code"]
    return contact_code != missing.status_code and channel_code != "NotFound"


def _sent_message_missing(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        message_id = send_contact(client, "id:123").json()["messageId"]
        got = client.get(f"/contact/id:123/message/{message_id}").status_code
        listed = walk_contact_list(client, "id:123", 10)
        sent = channel.post(messages_path(emu), json=channel_send_body()).json()["id"]
        channel_got = channel.get(f"{messages_path(emu)}/{sent}").status_code
        channel_listed = walk_channel_list(channel, messages_path(emu), 10)
    return (
        got == 404
        and message_id not in listed
        and channel_got == 404
        and sent not in channel_listed
    )


def _phone_plus_as_space(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client:
        raw = send_contact(client, "phone:+60121233112").status_code
        encoded = send_contact(client, "phone:%2B60121233112").status_code
    return raw == encoded == 400


def _auth_not_enforced(emu: RunningEmulator) -> bool:
    with contact_client(emu, "") as client, channel_client(emu, "") as channel:
        contact = client.get("/contact/id:123/message/list").status_code
        listed = channel.get(messages_path(emu)).status_code
    return contact == 200 and listed == 200


def _paging_problem(emu: RunningEmulator) -> tuple[list[int], list[int], list[str], list[str]]:
    with contact_client(emu) as client, channel_client(emu) as channel:
        sent = [send_contact(client, "id:123").json()["messageId"] for _ in range(5)]
        listed = walk_contact_list(client, "id:123", 2)
        channel_sent = [
            channel.post(messages_path(emu), json=channel_send_body()).json()["id"]
            for _ in range(5)
        ]
        channel_listed = walk_channel_list(channel, messages_path(emu), 2)
    return sent, listed, channel_sent[::-1], channel_listed


def _paging_skips_item(emu: RunningEmulator) -> bool:
    sent, listed, channel_sent, channel_listed = _paging_problem(emu)
    return set(listed) < set(sent) and set(channel_listed) < set(channel_sent)


def _duplicate_on_page(emu: RunningEmulator) -> bool:
    _, listed, _, channel_listed = _paging_problem(emu)
    return len(listed) > len(set(listed)) and len(channel_listed) > len(set(channel_listed))


def _tags_not_lowercased(emu: RunningEmulator) -> bool:
    with channel_client(emu) as channel:
        sent = channel.post(messages_path(emu), json=channel_send_body(tags=["Promo"])).json()
    return bool(sent["tags"] == ["Promo"])


def _unicode_500(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        contact = send_contact(
            client, "id:123", {"channelId": 0, "message": {"type": "text", "text": "héllo"}}
        )
        body = channel_send_body()
        body["body"]["text"]["text"] = "こんにちは"
        sent = channel.post(messages_path(emu), json=body)
    return contact.status_code == 500 and sent.status_code == 500


def _rate_headers_missing(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client:
        response = send_contact(client, "id:123")
    return response.status_code == 200 and "x-ratelimit-limit" not in response.headers


def _cross_workspace_leak(emu: RunningEmulator) -> bool:
    with channel_client(emu) as channel:
        sent = channel.post(messages_path(emu), json=channel_send_body()).json()["id"]
    with channel_client(emu, emu.other_access_key) as other:
        return other.get(f"{messages_path(emu)}/{sent}").status_code == 200


def _status_timeline_regression(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        message_id = send_contact(client, "id:123").json()["messageId"]
        sent = channel.post(messages_path(emu), json=channel_send_body()).json()["id"]
        emu.advance_clock(3)
        early = channel.get(f"{messages_path(emu)}/{sent}").json()["status"]
        emu.advance_clock(20)
        stamps = [
            s["timestamp"]
            for s in client.get(f"/contact/id:123/message/{message_id}").json()["status"]
        ]
        late = channel.get(f"{messages_path(emu)}/{sent}").json()["status"]
    order = ["accepted", "processing", "sent", "delivered"]
    return stamps != sorted(stamps) and order.index(late) < order.index(early)


def _forged_pagetoken_500(emu: RunningEmulator) -> bool:
    with channel_client(emu) as channel:
        return channel.get(messages_path(emu), params={"pageToken": "forged"}).status_code == 500


def _pagination_null_at_end(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client:
        send_contact(client, "id:123")
        pagination = client.get("/contact/id:123/message/list").json()["pagination"]
    return pagination["next"] is None and pagination["previous"] is None


def _405_without_allow(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        contact = client.request("TRACE", "/contact/id:123/message/list")
        listed = channel.put(messages_path(emu))
    assert contact.status_code == 405
    assert listed.status_code == 405
    return "allow" not in contact.headers and "allow" not in listed.headers


def _validity_default_wrong(emu: RunningEmulator) -> bool:
    path = f"/workspaces/{emu.workspace_id}/channels/{emu.channel_ids_by_name['sms-2fa']}/messages"
    with channel_client(emu) as channel:
        return bool(channel.post(path, json=channel_send_body()).json()["validity"] != 600)


def _scheduled_sent_now(emu: RunningEmulator) -> bool:
    later = datetime.fromtimestamp(emu.app.state.now(), tz=UTC) + timedelta(days=2)
    body = channel_send_body(scheduledFor=later.strftime("%Y-%m-%dT%H:%M:%SZ"))
    with channel_client(emu) as channel:
        return bool(channel.post(messages_path(emu), json=body).json()["status"] != "scheduled")


def _upload_policy_unchecked(emu: RunningEmulator) -> bool:
    with channel_client(emu) as channel:
        presigned = channel.post(
            f"/workspaces/{emu.workspace_id}/presigned-upload", json={"contentType": "image/png"}
        ).json()
    form = {**presigned["uploadFormData"], "signature": "forged"}
    response = PLAIN.post(
        presigned["uploadUrl"], data=form, files={"file": ("a", b"x", "text/html")}
    )
    return response.status_code == 204


def _tags_unlimited(emu: RunningEmulator) -> bool:
    with channel_client(emu) as channel:
        response = channel.post(
            messages_path(emu), json=channel_send_body(tags=[f"t{n}" for n in range(11)])
        )
    return response.status_code == 202


def _unknown_contact_500(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client:
        return client.get("/contact/id:987654/message/list").status_code == 500


def _scheduled_for_overflow_500(emu: RunningEmulator) -> bool:
    body = channel_send_body(scheduledFor="0001-01-01T00:00:00+23:59")
    with channel_client(emu) as channel:
        return channel.post(messages_path(emu), json=body).status_code == 500


def nested_payload(depth: int) -> dict[str, object]:
    """A custom_payload send body nested `depth` levels deep (the body object is level 1)."""
    payload: dict[str, object] = {}
    for _ in range(depth - 3):
        payload = {"a": payload}
    return {"channelId": 4, "message": {"type": "custom_payload", "payload": payload}}


def _nesting_off_by_one(emu: RunningEmulator) -> bool:
    from aelyst_contract.emulator._http import MAX_JSON_DEPTH

    with contact_client(emu) as client:
        sent = send_contact(client, "id:123", nested_payload(MAX_JSON_DEPTH + 1))
        if sent.status_code != 200:
            return False
        got = client.get(f"/contact/id:123/message/{sent.json()['messageId']}").status_code
        listed = client.get("/contact/id:123/message/list", params={"limit": 50}).status_code
    return got == listed == 500


def _unknown_id_200(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client, channel_client(emu) as channel:
        contact = client.get("/contact/id:123/message/999999999")
        unknown = "00000000-0000-4000-8000-000000000000"
        channel_got = channel.get(f"{messages_path(emu)}/{unknown}")
    return contact.status_code == channel_got.status_code == 200


def _paging_next_foreign_host(emu: RunningEmulator) -> bool:
    with contact_client(emu) as client:
        for _ in range(3):
            send_contact(client, "id:123")
        first = client.get("/contact/id:123/message/list", params={"limit": 2}).json()
        next_url = first["pagination"]["next"].replace("http://evil.example", emu.base_url)
        second = client.get(next_url).json()
    links = [first["pagination"]["next"], second["pagination"]["previous"]]
    return all(urlsplit(link).netloc == "evil.example" for link in links)


def _media_owner_string_prefix(emu: RunningEmulator) -> bool:
    with channel_client(emu) as channel:
        presigned = channel.post(
            f"/workspaces/{emu.workspace_id}/presigned-upload", json={"contentType": "image/png"}
        ).json()
    PLAIN.post(
        presigned["uploadUrl"],
        data=presigned["uploadFormData"],
        files={"file": ("a.png", b"main bytes", "image/png")},
    ).raise_for_status()
    parts = urlsplit(presigned["mediaUrl"])
    spelling = f"http://localhost:{parts.port}/{parts.path}"  # localhost, and a double slash
    body = channel_send_body(body={"type": "image", "image": {"images": [{"mediaUrl": spelling}]}})
    other_path = messages_path(emu, workspace=emu.other_workspace_id).replace(
        emu.channel_ids["sms"], emu.other_channel_ids["sms"]
    )
    with channel_client(emu, emu.other_access_key) as other:
        return other.post(other_path, json=body).status_code == 202


PROBES: dict[str, Probe] = {
    "limit-unchecked": _limit_unchecked,
    "status-outside-enum": _status_outside_enum,
    "429-without-retry-after": _429_without_retry_after,
    "error-code-mismatch": _error_code_mismatch,
    "sent-message-missing": _sent_message_missing,
    "phone-plus-as-space": _phone_plus_as_space,
    "auth-not-enforced": _auth_not_enforced,
    "paging-skips-item": _paging_skips_item,
    "tags-not-lowercased": _tags_not_lowercased,
    "unicode-500": _unicode_500,
    "rate-headers-missing": _rate_headers_missing,
    "cross-workspace-leak": _cross_workspace_leak,
    "status-timeline-regression": _status_timeline_regression,
    "duplicate-on-page": _duplicate_on_page,
    "forged-pagetoken-500": _forged_pagetoken_500,
    "pagination-null-at-end": _pagination_null_at_end,
    "405-without-allow": _405_without_allow,
    "validity-default-wrong": _validity_default_wrong,
    "scheduled-sent-now": _scheduled_sent_now,
    "upload-policy-unchecked": _upload_policy_unchecked,
    "tags-unlimited": _tags_unlimited,
    "unknown-contact-500": _unknown_contact_500,
    "scheduled-for-overflow-500": _scheduled_for_overflow_500,
    "nesting-off-by-one": _nesting_off_by_one,
    "unknown-id-200": _unknown_id_200,
    "paging-next-foreign-host": _paging_next_foreign_host,
    "media-owner-string-prefix": _media_owner_string_prefix,
}
REQUIRED = {
    "limit-unchecked",
    "status-outside-enum",
    "429-without-retry-after",
    "error-code-mismatch",
    "sent-message-missing",
    "phone-plus-as-space",
    "auth-not-enforced",
    "paging-skips-item",
    "tags-not-lowercased",
    "unicode-500",
}


def test_every_fault_has_a_probe_and_a_description() -> None:
    assert set(PROBES) == set(FAULTS)
    assert set(FAULTS) >= REQUIRED
    assert all(description.strip() for description in FAULTS.values())


def test_faults_are_the_fault_enum_with_its_descriptions() -> None:
    assert {fault.value: fault.description for fault in Fault} == FAULTS
    assert Fault("unicode-500") is Fault.UNICODE_500


def test_every_fault_is_asked_for_in_the_emulator_code() -> None:
    package = Path(aelyst_contract.emulator.__file__).parent
    code = "\n".join(
        path.read_text("utf-8") for path in package.glob("*.py") if path.name != "_faults.py"
    )
    unused = [fault.name for fault in Fault if f"Fault.{fault.name}" not in code]
    assert not unused, f"faults no handler asks for: {unused}"


# The handler modules of one API; a fault asked for anywhere else can show on both.
_ONE_API_MODULES = {
    "_contact_api.py": "contact",
    "_channel_api.py": "channel",
    "_uploads.py": "channel",
}


def test_each_fault_names_the_apis_whose_handlers_ask_for_it() -> None:
    """The detection gate fuzzes a fault's APIs only: a fault that could show on an API it does
    not name would go unlooked-for there."""
    package = Path(aelyst_contract.emulator.__file__).parent
    asked: dict[str, set[str]] = {fault.name: set() for fault in Fault}
    for path in package.glob("*.py"):
        if path.name == "_faults.py":
            continue
        apis = {_ONE_API_MODULES[path.name]} if path.name in _ONE_API_MODULES else set(API_NAMES)
        for name in re.findall(r"\bFault\.([A-Z0-9_]+)", path.read_text("utf-8")):
            asked[name] |= apis
    assert {fault.name: set(fault.apis) for fault in Fault} == asked
    assert all(len(fault.apis) == len(set(fault.apis)) for fault in Fault)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_is_observable_only_when_on(emu: RunningEmulator, name: str) -> None:
    probe = PROBES[name]
    assert not probe(emu), f"{name}: bug visible with the fault off"
    emu.reset()
    emu.set_faults([name])
    assert probe(emu), f"{name}: bug not visible with the fault on"


def test_faults_switch_at_run_time_through_admin(emu: RunningEmulator) -> None:
    with admin_client(emu) as admin:
        switched = admin.put("/faults", json={"faults": ["tags-not-lowercased", "unicode-500"]})
        assert switched.status_code == 200
        assert switched.json()["faults"] == ["tags-not-lowercased", "unicode-500"]
        assert set(admin.get("/faults").json()["available"]) == set(FAULTS)
        assert _tags_not_lowercased(emu)
        assert admin.put("/faults", json={"faults": []}).json()["faults"] == []
        assert not _tags_not_lowercased(emu)
        # Reset keeps the fault switch as it is (faults are switched on purpose, separately).
        admin.put("/faults", json={"faults": ["phone-plus-as-space"]})
        admin.post("/reset")
        assert admin.get("/state").json()["faults"] == ["phone-plus-as-space"]


def test_faults_switch_at_start() -> None:
    with running_emulator(faults={"auth-not-enforced"}) as emu:
        assert _auth_not_enforced(emu)
        with admin_client(emu) as admin:
            assert admin.get("/faults").json()["faults"] == ["auth-not-enforced"]


def test_unknown_fault_at_start_is_refused() -> None:
    with (
        pytest.raises(ValueError, match="no-such-fault"),
        running_emulator(faults={"no-such-fault"}),
    ):
        pass


def test_docs_list_every_fault() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "emulator.md").read_text("utf-8")
    for name in FAULTS:
        assert f"| `{name}` |" in docs, name
