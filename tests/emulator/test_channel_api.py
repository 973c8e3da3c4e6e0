"""The Channel Messaging API's curated rules, over loopback."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from aelyst_contract.emulator import RunningEmulator
from tests.emulator.helpers import (
    admin_client,
    channel_client,
    channel_send_body,
    messages_path,
    walk_channel_list,
)

STATUSES = {
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


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _emulator_now(emu: RunningEmulator) -> datetime:
    return datetime.fromtimestamp(emu.app.state.now(), tz=UTC)


def test_send_answers_202_with_the_message_and_get_returns_it(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        sent = client.post(
            messages_path(emu),
            json=channel_send_body(reference="my-own-identifier", tags=["Onboarding", "OTP x"]),
        )
        assert sent.status_code == 202, sent.text
        message = sent.json()
        assert message["channelId"] == emu.channel_ids["sms"]
        assert message["status"] == "accepted"
        assert message["direction"] == "outgoing"
        assert message["reference"] == "my-own-identifier"
        assert message["tags"] == ["onboarding", "otp x"]
        assert message["validity"] == 129600
        assert message["body"] == {"type": "text", "text": {"text": "hello"}}
        (receiver,) = message["receiver"]["contacts"]
        assert receiver["identifierValue"] == "+31612345678"
        assert receiver["identifierKey"] == "phonenumber"
        assert message["createdAt"] <= message["lastStatusAt"] <= message["updatedAt"]
        got = client.get(f"{messages_path(emu)}/{message['id']}")
    assert got.status_code == 200
    assert got.json() == message


def test_receiver_contact_is_created_once_and_reusable_by_id(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        first = client.post(messages_path(emu), json=channel_send_body())
        second = client.post(messages_path(emu), json=channel_send_body())
        contact_id = first.json()["receiver"]["contacts"][0]["id"]
        assert second.json()["receiver"]["contacts"][0]["id"] == contact_id
        by_id = client.post(
            messages_path(emu),
            json={
                "receiver": {"contacts": [{"id": contact_id}]},
                "body": {"type": "text", "text": {"text": "again"}},
            },
        )
        assert by_id.status_code == 202
        assert by_id.json()["receiver"]["contacts"][0] == {
            "id": contact_id,
            "identifierKey": "phonenumber",
            "identifierValue": "+31612345678",
        }
        unknown = client.post(
            messages_path(emu),
            json={
                "receiver": {"contacts": [{"id": "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"}]},
                "body": {"type": "text", "text": {"text": "x"}},
            },
        )
        assert unknown.status_code == 404
    # The other workspace cannot use this workspace's contact id.
    with channel_client(emu, emu.other_access_key) as other:
        response = other.post(
            messages_path(emu, workspace=emu.other_workspace_id).replace(
                emu.channel_ids["sms"], emu.other_channel_ids["sms"]
            ),
            json={
                "receiver": {"contacts": [{"id": contact_id}]},
                "body": {"type": "text", "text": {"text": "x"}},
            },
        )
    assert response.status_code == 404


def test_auth_is_an_access_key(emu: RunningEmulator) -> None:
    for key in ("", "not-a-key"):
        with channel_client(emu, key) as client:
            response = client.get(messages_path(emu))
            assert response.status_code == 401
            assert response.json()["code"] == "Unauthorized"
    with channel_client(emu) as client:
        bearer = client.get(
            messages_path(emu), headers={"Authorization": f"Bearer {emu.access_key}"}
        )
    assert bearer.status_code == 401


def test_another_workspace_is_invisible(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        sent = client.post(messages_path(emu), json=channel_send_body()).json()
    message_path = f"{messages_path(emu)}/{sent['id']}"
    with channel_client(emu, emu.other_access_key) as other:
        answers = [
            other.get(message_path),
            other.get(messages_path(emu)),
            other.post(messages_path(emu), json=channel_send_body()),
            other.get(f"/workspaces/{emu.workspace_id}/messages"),
            other.post(
                f"/workspaces/{emu.workspace_id}/presigned-upload",
                json={"contentType": "image/png"},
            ),
            # Its own workspace, but this workspace's channel and message.
            other.get(
                f"/workspaces/{emu.other_workspace_id}/channels/{emu.channel_ids['sms']}/messages"
            ),
            other.get(
                f"/workspaces/{emu.other_workspace_id}/channels/{emu.other_channel_ids['sms']}"
                f"/messages/{sent['id']}"
            ),
        ]
        own = other.get(f"/workspaces/{emu.other_workspace_id}/messages")
    for response in answers:
        assert response.status_code == 404, response.text
        assert response.json()["code"] == "NotFound"
        assert sent["id"] not in response.text
        assert "+31612345678" not in response.text
    assert own.status_code == 200
    assert own.json()["results"] == []
    # A workspace that does not exist at all answers exactly the same way.
    with channel_client(emu) as client:
        missing = client.get("/workspaces/00000000-0000-4000-8000-000000000000/messages")
    assert missing.status_code == 404
    assert missing.json() == answers[3].json()


@pytest.mark.parametrize(
    "path",
    [
        "/workspaces/not-a-uuid/messages",
        "/workspaces/{ws}/channels/not-a-uuid/messages",
        "/workspaces/{ws}/channels/{ch}/messages/not-a-uuid",
        "/workspaces/{ws}/channels/{ch}/messages/%00",
    ],
)
def test_malformed_ids_are_400(emu: RunningEmulator, path: str) -> None:
    with channel_client(emu) as client:
        response = client.get(path.format(ws=emu.workspace_id, ch=emu.channel_ids["sms"]))
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidRequest"


def _details(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "InvalidPayload"
    details: dict[str, list[str]] = body["details"]
    assert all(isinstance(v, list) and v for v in details.values())
    return details


def test_one_receiver_except_on_email(emu: RunningEmulator) -> None:
    two_phones = {
        "contacts": [
            {"identifierKey": "phonenumber", "identifierValue": "+31612345678"},
            {"identifierKey": "phonenumber", "identifierValue": "+31612345679"},
        ]
    }
    two_emails = {
        "contacts": [
            {"identifierKey": "emailaddress", "identifierValue": "a@example.com"},
            {"identifierKey": "emailaddress", "identifierValue": "b@example.com", "type": "cc"},
        ]
    }
    with channel_client(emu) as client:
        sms = client.post(messages_path(emu), json=channel_send_body(receiver=two_phones))
        assert "receiver.contacts" in _details(sms)
        email = client.post(
            messages_path(emu, "email"),
            json={"receiver": two_emails, "body": {"type": "html", "html": {"html": "<p>x</p>"}}},
        )
        assert email.status_code == 202
        assert len(email.json()["receiver"]["contacts"]) == 2
        cc_on_sms = client.post(
            messages_path(emu),
            json=channel_send_body(
                receiver={
                    "contacts": [
                        {
                            "identifierKey": "phonenumber",
                            "identifierValue": "+31612345678",
                            "type": "cc",
                        }
                    ]
                }
            ),
        )
        assert "receiver.contacts[0].type" in _details(cc_on_sms)


def test_body_xor_template(emu: RunningEmulator) -> None:
    template = {
        "projectId": "0b5f3a0e-4d7c-4b52-9a1e-6b2d3c4e5f60",
        "version": "latest",
        "locale": "en-US",
    }
    receiver = channel_send_body()["receiver"]
    with channel_client(emu) as client:
        both = client.post(messages_path(emu), json=channel_send_body(template=template))
        assert "template" in _details(both)
        neither = client.post(messages_path(emu), json={"receiver": receiver})
        assert "body" in _details(neither)
        only_template = client.post(
            messages_path(emu), json={"receiver": receiver, "template": template}
        )
    assert only_template.status_code == 202
    assert only_template.json()["template"] == template
    assert "body" not in only_template.json()


@pytest.mark.parametrize(
    "tags",
    [["x"] * 11, ["has.dot"], [""], ["x" * 51], ["ümlaut"], [1]],
)
def test_bad_tags_are_422(emu: RunningEmulator, tags: list[Any]) -> None:
    with channel_client(emu) as client:
        response = client.post(messages_path(emu), json=channel_send_body(tags=tags))
    assert any(field.startswith("tags") for field in _details(response))


def test_ten_tags_of_fifty_chars_are_fine(emu: RunningEmulator) -> None:
    tags = [f"Tag-{n}_" + "X" * 44 for n in range(10)]
    with channel_client(emu) as client:
        response = client.post(messages_path(emu), json=channel_send_body(tags=tags))
    assert response.status_code == 202
    assert response.json()["tags"] == [tag.lower() for tag in tags]


def test_scheduling_rules(emu: RunningEmulator) -> None:
    now = _emulator_now(emu)
    with channel_client(emu) as client:
        past = client.post(
            messages_path(emu), json=channel_send_body(scheduledFor=_iso(now - timedelta(days=1)))
        )
        soon = client.post(
            messages_path(emu),
            json=channel_send_body(scheduledFor=_iso(now + timedelta(minutes=9))),
        )
        later = client.post(
            messages_path(emu), json=channel_send_body(scheduledFor=_iso(now + timedelta(days=2)))
        )
        too_far = client.post(
            messages_path(emu), json=channel_send_body(scheduledFor=_iso(now + timedelta(days=36)))
        )
        edge = client.post(
            messages_path(emu), json=channel_send_body(scheduledFor=_iso(now + timedelta(days=34)))
        )
        bad = client.post(messages_path(emu), json=channel_send_body(scheduledFor="tomorrow"))
        assert past.json()["status"] == "accepted"
        assert soon.json()["status"] == "accepted"
        assert later.status_code == 202
        assert later.json()["status"] == "scheduled"
        assert edge.json()["status"] == "scheduled"
        assert "scheduledFor" in _details(too_far)
        assert "scheduledFor" in _details(bad)
        later_path = f"{messages_path(emu)}/{later.json()['id']}"
        emu.advance_clock(86400)
        assert client.get(later_path).json()["status"] == "scheduled"
        emu.advance_clock(86400 + 10)
        reached = client.get(later_path).json()
    assert reached["status"] == "delivered"
    assert reached["lastStatusAt"] > reached["createdAt"]


def test_status_progression_never_regresses(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        sent = client.post(messages_path(emu), json=channel_send_body()).json()
        failing = client.post(
            messages_path(emu).replace(
                emu.channel_ids["sms"], emu.channel_ids_by_name["sms-failing"]
            ),
            json=channel_send_body(),
        ).json()
        path = f"{messages_path(emu)}/{sent['id']}"
        seen = [sent["status"]]
        stamps = [sent["lastStatusAt"]]
        for _ in range(5):
            emu.advance_clock(1)
            message = client.get(path).json()
            seen.append(message["status"])
            stamps.append(message["lastStatusAt"])
        failed_path = messages_path(emu).replace(
            emu.channel_ids["sms"], emu.channel_ids_by_name["sms-failing"]
        )
        failed = client.get(f"{failed_path}/{failing['id']}").json()
    order = ["accepted", "processing", "sent", "delivered"]
    assert [order.index(status) for status in seen] == sorted(order.index(s) for s in seen)
    assert seen[-1] == "delivered"
    assert stamps == sorted(stamps)
    assert set(seen) <= STATUSES
    assert failed["status"] == "delivery_failed"
    assert failed["failure"]["code"]


def test_validity_defaults_by_channel_type(emu: RunningEmulator) -> None:
    two_factor = emu.channel_ids_by_name["sms-2fa"]
    with channel_client(emu) as client:
        plain = client.post(messages_path(emu), json=channel_send_body()).json()
        otp = client.post(
            f"/workspaces/{emu.workspace_id}/channels/{two_factor}/messages",
            json=channel_send_body(),
        ).json()
        given = client.post(messages_path(emu), json=channel_send_body(validity=60)).json()
        zero = client.post(messages_path(emu), json=channel_send_body(validity=0))
    assert plain["validity"] == 129600
    assert otp["validity"] == 600
    assert given["validity"] == 60
    assert "validity" in _details(zero)


def test_inactive_channel_is_409(emu: RunningEmulator) -> None:
    inactive = emu.channel_ids_by_name["sms-inactive"]
    with channel_client(emu) as client:
        response = client.post(
            f"/workspaces/{emu.workspace_id}/channels/{inactive}/messages", json=channel_send_body()
        )
    assert response.status_code == 409
    assert response.json()["code"] == "Conflict"


@pytest.mark.parametrize(
    ("platform", "key", "value", "field"),
    [
        ("sms", "phonenumber", "12345", "receiver.contacts[0].identifierValue"),
        ("sms", "phonenumber", "+1", "receiver.contacts[0].identifierValue"),
        ("sms", "emailaddress", "a@example.com", "receiver.contacts[0].identifierKey"),
        ("email", "emailaddress", "not-an-email", "receiver.contacts[0].identifierValue"),
        ("email", "phonenumber", "+31612345678", "receiver.contacts[0].identifierKey"),
        ("sms", "twitter", "@ada", "receiver.contacts[0].identifierKey"),
    ],
)
def test_receiver_identifiers_are_validated(
    emu: RunningEmulator, platform: str, key: str, value: str, field: str
) -> None:
    with channel_client(emu) as client:
        response = client.post(messages_path(emu, platform), json=channel_send_body(value, key))
    assert field in _details(response)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"body": {"type": "text", "text": {"text": ""}}}, "body.text.text"),
        ({"body": {"type": "video"}}, "body.type"),
        (
            {
                "body": {
                    "type": "location",
                    "location": {"coordinates": {"latitude": 91, "longitude": 0}},
                }
            },
            "body.location.coordinates.latitude",
        ),
        ({"body": {"type": "image", "image": {"images": []}}}, "body.image.images"),
        (
            {"body": {"type": "authentication", "authentication": {"code": "12"}}},
            "body.authentication.code",
        ),
        ({"reference": "x" * 257}, "reference"),
        ({"capFrequency": "yes"}, "capFrequency"),
        ({"capFrequency": True}, "capFrequency"),
        ({"shortLinks": {}}, "shortLinks.domain"),
        ({"meta": {"extraInformation": {"useCase": "spam"}}}, "meta.extraInformation.useCase"),
        ({"unknown": 1}, "unknown"),
        ({"receiver": {"contacts": []}}, "receiver.contacts"),
        ({"receiver": {"contacts": [{}]}}, "receiver.contacts[0]"),
        (
            {
                "receiver": {
                    "contacts": [
                        {
                            "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                            "identifierKey": "phonenumber",
                        }
                    ]
                }
            },
            "receiver.contacts[0]",
        ),
    ],
)
def test_body_rule_violations_are_422_naming_the_field(
    emu: RunningEmulator, change: dict[str, Any], field: str
) -> None:
    with channel_client(emu) as client:
        response = client.post(messages_path(emu), json=channel_send_body(**change))
    assert field in _details(response)


def test_html_is_for_email_only_and_location_works_everywhere(emu: RunningEmulator) -> None:
    html = {"type": "html", "html": {"html": "<b>x</b>"}}
    location = {
        "type": "location",
        "location": {"coordinates": {"latitude": 52.1, "longitude": 4.3}},
    }
    with channel_client(emu) as client:
        assert "body.type" in _details(
            client.post(messages_path(emu), json=channel_send_body(body=html))
        )
        assert (
            client.post(messages_path(emu), json=channel_send_body(body=location)).status_code
            == 202
        )


def test_lists_are_newest_first_with_signed_page_tokens(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        sms = [
            client.post(messages_path(emu), json=channel_send_body()).json()["id"] for _ in range(5)
        ]
        wa = [
            client.post(messages_path(emu, "whatsapp"), json=channel_send_body()).json()["id"]
            for _ in range(3)
        ]
        assert walk_channel_list(client, messages_path(emu), 2) == sms[::-1]
        assert walk_channel_list(client, messages_path(emu, "whatsapp"), 10) == wa[::-1]
        workspace_path = f"/workspaces/{emu.workspace_id}/messages"
        assert walk_channel_list(client, workspace_path, 3) == (sms + wa)[::-1]
        first = client.get(messages_path(emu), params={"limit": 2}).json()
        assert len(first["results"]) == 2
        token = first["nextPageToken"]
        # A token of one list does not page another.
        assert client.get(workspace_path, params={"pageToken": token}).status_code == 400
        default = client.get(workspace_path).json()
        assert len(default["results"]) == 8
        assert "nextPageToken" not in default


def test_forged_page_tokens_are_400(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        for _ in range(3):
            client.post(messages_path(emu), json=channel_send_body())
        token = client.get(messages_path(emu), params={"limit": 1}).json()["nextPageToken"]
        data, _, signature = token.partition(".")
        payload = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
        payload["before"] += 1000
        tampered = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
        for forged in [
            f"{tampered}.{signature}",
            "garbage",
            "a.b",
            "%00",
            "x" * 2000,
            token + "x",
            "ü.ü",
        ]:
            response = client.get(messages_path(emu), params={"pageToken": forged})
            assert response.status_code == 400, forged
            assert response.json()["code"] == "InvalidRequest"
        assert client.get(messages_path(emu), params={"pageToken": token}).status_code == 200


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "limit=-5", "limit="])
def test_bad_list_limit_is_400(emu: RunningEmulator, query: str) -> None:
    with channel_client(emu) as client:
        response = client.get(f"{messages_path(emu)}?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidRequest"


def test_limit_100_is_accepted(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        assert client.get(f"{messages_path(emu)}?limit=100").status_code == 200


def test_channel_paging_while_messages_arrive(emu: RunningEmulator) -> None:
    with channel_client(emu) as client:
        initial = [
            client.post(messages_path(emu), json=channel_send_body()).json()["id"] for _ in range(7)
        ]
        seen: list[str] = []
        params: dict[str, Any] = {"limit": 2}
        while True:
            page = client.get(messages_path(emu), params=params).json()
            seen.extend(item["id"] for item in page["results"])
            client.post(messages_path(emu), json=channel_send_body())
            if "nextPageToken" not in page:
                break
            params = {"limit": 2, "pageToken": page["nextPageToken"]}
    assert seen == initial[::-1]


def test_incoming_messages_appear_in_lists(emu: RunningEmulator) -> None:
    with admin_client(emu) as admin:
        created = admin.post(
            "/incoming",
            json={
                "workspaceId": emu.workspace_id,
                "channelId": emu.channel_ids["sms"],
                "identifierKey": "phonenumber",
                "identifierValue": "+31612345678",
                "text": "STOP",
            },
        )
        assert created.status_code == 200
    with channel_client(emu) as client:
        (message,) = client.get(messages_path(emu)).json()["results"]
    assert message["id"] == created.json()["id"]
    assert message["direction"] == "incoming"
    assert message["status"] == "delivered"
    assert message["body"]["text"]["text"] == "STOP"


def test_rate_limit_per_workspace(emu: RunningEmulator) -> None:
    assert emu.limited_access_key is not None
    path = f"/workspaces/{emu.limited_workspace_id}/messages"
    with channel_client(emu, emu.limited_access_key) as client:
        answers = [client.get(path) for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    limited = answers[-1]
    assert limited.json()["code"] == "TooManyRequests"
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.headers["x-ratelimit-limit"] == "3"
    assert limited.headers["x-ratelimit-remaining"] == "0"
