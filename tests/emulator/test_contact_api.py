"""The Contact Messaging API's curated rules, over loopback."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from aelyst_contract.emulator import RunningEmulator
from tests.emulator.helpers import (
    admin_client,
    contact_client,
    send_contact,
    text,
    walk_contact_list,
)

ENUM = {"pending", "sent", "delivered", "read", "failed"}


def test_send_then_get_returns_what_was_sent(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        sent = client.post(
            "/contact/id:123/message",
            json={"channelId": 0, "message": {"type": "text", "text": "Your order shipped"}},
        )
        assert sent.status_code == 200
        message_id = sent.json()["messageId"]
        assert isinstance(message_id, int)
        got = client.get(f"/contact/id:123/message/{message_id}")
    assert got.status_code == 200
    message = got.json()
    assert message["messageId"] == message_id
    assert message["contactId"] == 123
    assert message["channelId"] == 0
    assert message["traffic"] == "outgoing"
    assert message["message"] == {"type": "text", "text": "Your order shipped"}
    assert message["status"][0]["value"] == "pending"
    assert message["sender"]["source"] == "api"


def test_same_contact_under_every_identifier(emu: RunningEmulator) -> None:
    """The seed's three identifiers name contact 123; '+' in the path is a plus."""
    with contact_client(emu) as client:
        message_id = send_contact(client, "phone:+60121233112").json()["messageId"]
        for identifier in ("id:123", "email:abdc@gmail.com", "phone:%2B60121233112"):
            got = client.get(f"/contact/{identifier}/message/{message_id}")
            assert got.status_code == 200, identifier
            assert got.json()["contactId"] == 123


def test_email_and_phone_contacts_are_created_on_send(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        first = send_contact(client, "email:new.person@example.org")
        assert first.status_code == 200
        got = client.get(
            f"/contact/email:new.person@example.org/message/{first.json()['messageId']}"
        )
        contact_id = got.json()["contactId"]
        assert contact_id not in (123, 1, 2, 3)
        second = send_contact(client, "phone:+15555550100")
        other = client.get(f"/contact/phone:+15555550100/message/{second.json()['messageId']}")
        assert other.json()["contactId"] not in (contact_id, 123)


def test_unknown_contact_id_is_404(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        for response in (
            send_contact(client, "id:424242"),
            client.get("/contact/id:424242/message/1000001"),
            client.get("/contact/id:424242/message/list"),
        ):
            assert response.status_code == 404
            assert response.json() == {"code": 404, "message": "NOT_FOUND"}


def test_unknown_message_and_other_contacts_message_are_404(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        message_id = send_contact(client, "id:123").json()["messageId"]
        assert client.get("/contact/id:123/message/999999999").status_code == 404
        assert client.get(f"/contact/id:1/message/{message_id}").status_code == 404
        # An email nobody has written to has no messages yet, and no message by any id.
        assert (
            client.get(f"/contact/email:nobody@example.com/message/{message_id}").status_code == 404
        )
        empty = client.get("/contact/email:nobody@example.com/message/list")
        assert empty.status_code == 200
        assert empty.json() == {"items": [], "pagination": {"next": "", "previous": ""}}


@pytest.mark.parametrize(
    ("identifier", "named"),
    [
        ("phone:+1", "phone:+1"),
        ("phone:60121233112", "phone:60121233112"),
        ("phone:+0121233112", "phone:+0121233112"),
        ("phone:+999999999", "phone:+999999999"),
        ("email:not-an-address", "email:not-an-address"),
        ("email:a@b", "email:a@b"),
        ("id:abc", "id:abc"),
        ("id:", "id:"),
        ("id:1234567890123456789", "id:1234567890123456789"),
        ("nickname:ada", "nickname:ada"),
        ("123", "123"),
        ("phone:+6012%201233112", "phone:+6012 1233112"),
    ],
)
def test_malformed_identifier_is_400_naming_it(
    emu: RunningEmulator, identifier: str, named: str
) -> None:
    with contact_client(emu) as client:
        for response in (
            send_contact(client, identifier),
            client.get(f"/contact/{identifier}/message/1000001"),
            client.get(f"/contact/{identifier}/message/list"),
        ):
            assert response.status_code == 400
            body = response.json()
            assert body["code"] == 400
            assert named in body["message"]


def test_identifier_is_decoded_exactly_once(emu: RunningEmulator) -> None:
    """%252B decodes to the literal '%2B', not to '+': that is not a phone number."""
    with contact_client(emu) as client:
        assert send_contact(client, "phone:%252B60121233112").status_code == 400
        assert send_contact(client, "phone:%2B60121233112").status_code == 200
        # An encoded slash stays inside the identifier instead of splitting the path.
        response = send_contact(client, "email:a%2Fb@example.com")
        assert response.status_code == 200


def test_auth_comes_first_and_401_has_no_rate_headers(emu: RunningEmulator) -> None:
    for token in ("", "wrong-token"):
        with contact_client(emu, token) as client:
            for response in (
                send_contact(client, "id:123"),
                send_contact(client, "id:not-even-valid"),
                client.get("/contact/id:123/message/list"),
            ):
                assert response.status_code == 401
                assert response.json() == {"code": 401, "message": "UN_AUTHORIZED"}
                assert "x-ratelimit-limit" not in response.headers
    with contact_client(emu) as client:
        basic = client.get("/contact/id:123/message/list", headers={"Authorization": "Basic x"})
    assert basic.status_code == 401


def test_every_authenticated_answer_carries_rate_headers(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        responses = [
            send_contact(client, "id:123"),
            send_contact(client, "id:99999"),
            send_contact(client, "phone:+1"),
            send_contact(client, "id:5", text()),
            client.get("/contact/id:123/message/list"),
            client.get("/contact/id:123/message/list?limit=0"),
            client.get("/nowhere"),
            client.delete("/contact/id:123/message"),
        ]
    assert [r.status_code for r in responses] == [200, 404, 400, 449, 200, 400, 404, 405]
    for response in responses:
        limit = int(response.headers["x-ratelimit-limit"])
        remaining = int(response.headers["x-ratelimit-remaining"])
        assert 0 <= remaining < limit
        if response.status_code >= 400:
            assert response.json()["code"] == response.status_code


def test_rate_limit_per_token_and_endpoint(emu: RunningEmulator) -> None:
    assert emu.limited_contact_token is not None
    with contact_client(emu, emu.limited_contact_token) as client:
        answers = [client.get("/contact/id:123/message/list") for _ in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        assert [r.headers["x-ratelimit-remaining"] for r in answers] == ["2", "1", "0", "0"]
        limited = answers[-1]
        assert limited.json() == {"code": 429, "message": "Too Many Requests"}
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["x-ratelimit-limit"] == "3"
        # Another endpoint has its own budget.
        assert send_contact(client, "id:123").status_code == 200
    # Another token is not affected.
    with contact_client(emu) as client:
        assert client.get("/contact/id:123/message/list").status_code == 200
    # The window is on the emulator clock: moving it on frees the budget.
    emu.advance_clock(61)
    with contact_client(emu, emu.limited_contact_token) as client:
        assert client.get("/contact/id:123/message/list").status_code == 200


def test_channel_null_uses_last_interacted_channel(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        sent = client.post("/contact/id:1/message", json={"channelId": None, **text()})
        assert sent.status_code == 200
        got = client.get(f"/contact/id:1/message/{sent.json()['messageId']}")
        assert got.json()["channelId"] == 1
        absent = client.post("/contact/id:1/message", json=text())
        assert absent.status_code == 200
        # Contact 3 never interacted.
        none = client.post("/contact/id:3/message", json={"channelId": None, **text()})
        assert none.status_code == 400
        assert "channelId" in none.json()["message"]
        # A brand-new phone contact has no last channel either.
        assert client.post("/contact/phone:+15555550123/message", json=text()).status_code == 400


def test_last_interacted_channel_follows_incoming_messages(emu: RunningEmulator) -> None:
    with admin_client(emu) as admin:
        incoming = admin.post("/incoming", json={"contactId": 3, "channelId": 4, "text": "hi"})
        assert incoming.status_code == 200
    with contact_client(emu) as client:
        sent = client.post("/contact/id:3/message", json=text())
        assert sent.status_code == 200
        assert (
            client.get(f"/contact/id:3/message/{sent.json()['messageId']}").json()["channelId"] == 4
        )
        listed = client.get("/contact/id:3/message/list").json()["items"]
    assert [item["traffic"] for item in listed] == ["incoming", "outgoing"]
    assert "status" not in listed[0]
    assert "sender" not in listed[0]


def test_unknown_channel_is_400(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        response = send_contact(client, "id:123", channel=777)
    assert response.status_code == 400
    assert "777" in response.json()["message"]


@pytest.mark.parametrize(
    ("channel", "explicit", "status"),
    [
        (4, True, 200),
        (2, True, 200),
        (5, True, 200),
        (6, True, 200),
        (1, True, 400),
        (0, True, 400),
        (7, True, 400),
        (3, True, 400),
        (4, False, 400),
    ],
)
def test_custom_payload_only_on_some_platforms_and_with_explicit_channel(
    emu: RunningEmulator, channel: int, explicit: bool, status: int
) -> None:
    with admin_client(emu) as admin:
        admin.post("/incoming", json={"contactId": 1, "channelId": channel})
    payload: dict[str, object] = {"message": {"type": "custom_payload", "payload": {"a": 1}}}
    if explicit:
        payload["channelId"] = channel
    with contact_client(emu) as client:
        response = client.post("/contact/id:1/message", json=payload)
    assert response.status_code == status, response.text
    if status == 400:
        assert "custom_payload" in response.json()["message"]


def test_message_tag_required_outside_24h_window(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        # Contact 2 last wrote on facebook three days ago.
        assert send_contact(client, "id:2", text(), channel=2).status_code == 400
        assert send_contact(client, "id:2", {"channelId": 2, **text()}).status_code == 400
        tagged = {"channelId": 2, **text(messageTag="ACCOUNT_UPDATE")}
        assert send_contact(client, "id:2", tagged).status_code == 200
        # Contact 4 wrote on instagram an hour ago: inside the window.
        assert send_contact(client, "id:4", {"channelId": 3, **text()}).status_code == 200
        # Other platforms never need a tag.
        assert send_contact(client, "id:2", {"channelId": 1, **text()}).status_code == 200
    # 23 more hours pass: contact 4 is now outside the window.
    emu.advance_clock(23 * 3600 + 1)
    with contact_client(emu) as client:
        late = send_contact(client, "id:4", {"channelId": 3, **text()})
    assert late.status_code == 400
    assert "messageTag" in late.json()["message"]


def test_full_queue_answers_449_on_send_and_get(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        queued = send_contact(client, "id:5", text())
        assert queued.status_code == 449
        assert queued.json() == {
            "code": 449,
            "message": "Your request cannot be processed at the moment as it is currently in "
            "queue. Please try again in a few minutes.",
        }
        message_id = send_contact(client, "id:123", channel=1).json()["messageId"]
        with admin_client(emu) as admin:
            assert admin.put("/queue", json={"channelId": 1, "full": True}).status_code == 200
            assert client.get(f"/contact/id:123/message/{message_id}").status_code == 449
            admin.put("/queue", json={"channelId": 1, "full": False})
        assert client.get(f"/contact/id:123/message/{message_id}").status_code == 200


def test_status_timeline_follows_the_clock(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        ok_id = send_contact(client, "id:123", channel=0).json()["messageId"]
        failing_id = send_contact(client, "id:123", channel=9).json()["messageId"]
        seen: list[list[str]] = []
        for _ in range(4):
            message = client.get(f"/contact/id:123/message/{ok_id}").json()
            values = [entry["value"] for entry in message["status"]]
            stamps = [entry["timestamp"] for entry in message["status"]]
            assert stamps == sorted(stamps)
            assert set(values) <= ENUM
            if seen:
                # Never a regression: the earlier timeline is a prefix of the later one.
                assert values[: len(seen[-1])] == seen[-1]
            seen.append(values)
            emu.advance_clock(4)
        assert seen[-1] == ["pending", "sent", "delivered", "read"]
        failed = client.get(f"/contact/id:123/message/{failing_id}").json()["status"]
    assert [entry["value"] for entry in failed] == ["pending", "sent", "failed"]
    assert failed[-1]["message"]


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ({"type": "text"}, "message.text"),
        ({"type": "text", "text": ""}, "message.text"),
        ({"type": "text", "text": 5}, "message.text"),
        ({"type": "text", "text": "x", "messageTag": "WHATEVER"}, "message.messageTag"),
        ({"type": "sticker"}, "message.type"),
        ({"text": "x"}, "message.type"),
        (
            {"type": "attachment", "attachment": {"type": "image", "url": "not a url"}},
            "message.attachment.url",
        ),
        ({"type": "quick_reply", "title": "t", "replies": []}, "message.replies"),
        ({"type": "quick_reply", "title": "t", "replies": ["x"] * 11}, "message.replies"),
        ({"type": "email", "text": "x", "cc": ["nope"]}, "message.cc[0]"),
        (
            {"type": "whatsapp_template", "template": {"name": "t", "languageCode": "english"}},
            "message.template.languageCode",
        ),
        ({"type": "text", "text": "x", "extra": True}, "message.extra"),
    ],
)
def test_invalid_message_is_400_naming_the_field(
    emu: RunningEmulator, message: dict[str, object], named: str
) -> None:
    with contact_client(emu) as client:
        response = client.post("/contact/id:123/message", json={"channelId": 7, "message": message})
    assert response.status_code == 400
    assert named in response.json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"channelId": "0", "message": {"type": "text", "text": "x"}},
        {"channelId": True, "message": {"type": "text", "text": "x"}},
        {"channelId": 1.5, "message": {"type": "text", "text": "x"}},
        {"channelId": 2**70, "message": {"type": "text", "text": "x"}},
        {"channelId": 0},
        {"channelId": 0, "message": None},
        [],
        "text",
        None,
        {"channelId": 0, "message": {"type": "text", "text": "x"}, "unknown": 1},
    ],
)
def test_invalid_send_bodies_are_400(emu: RunningEmulator, body: object) -> None:
    with contact_client(emu) as client:
        response = client.post("/contact/id:123/message", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == 400


def test_channel_id_as_integral_float_is_accepted(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        response = client.post(
            "/contact/id:123/message",
            content=b'{"channelId": 0.0, "message": {"type": "text", "text": "x"}}',
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 200


def test_email_and_template_types_need_their_platform(emu: RunningEmulator) -> None:
    email = {"type": "email", "text": "<p>hi</p>", "subject": "s"}
    template = {"type": "whatsapp_template", "template": {"name": "t", "languageCode": "en_US"}}
    with contact_client(emu) as client:
        assert (
            client.post(
                "/contact/id:123/message", json={"channelId": 7, "message": email}
            ).status_code
            == 200
        )
        assert (
            client.post(
                "/contact/id:123/message", json={"channelId": 0, "message": email}
            ).status_code
            == 400
        )
        assert (
            client.post(
                "/contact/id:123/message", json={"channelId": 1, "message": template}
            ).status_code
            == 200
        )
        assert (
            client.post(
                "/contact/id:123/message", json={"channelId": 0, "message": template}
            ).status_code
            == 400
        )


def test_list_is_oldest_first_with_absolute_cursor_urls(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        ids = [send_contact(client, "id:123").json()["messageId"] for _ in range(5)]
        first = client.get("/contact/id:123/message/list", params={"limit": 2}).json()
        assert [item["messageId"] for item in first["items"]] == ids[:2]
        assert first["pagination"]["previous"] == ""
        next_url = urlsplit(first["pagination"]["next"])
        assert next_url.scheme == "http"
        assert next_url.path == "/v1/contact/id:123/message/list"
        assert parse_qs(next_url.query) == {"limit": ["2"], "cursorId": [str(ids[1])]}
        second = client.get(first["pagination"]["next"]).json()
        assert [item["messageId"] for item in second["items"]] == ids[2:4]
        back = urlsplit(second["pagination"]["previous"])
        assert parse_qs(back.query) == {"limit": ["2"], "cursorId": [f"-{ids[2]}"]}
        assert [
            item["messageId"]
            for item in client.get(second["pagination"]["previous"]).json()["items"]
        ] == ids[:2]
        last = client.get(second["pagination"]["next"]).json()
        assert [item["messageId"] for item in last["items"]] == ids[4:]
        assert last["pagination"]["next"] == ""
        assert last["pagination"]["previous"] != ""
        assert walk_contact_list(client, "id:123", 3) == ids
        default = client.get("/contact/id:123/message/list").json()
        assert len(default["items"]) == 5


def test_default_limit_is_10_and_max_is_50(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        ids = [send_contact(client, "id:123").json()["messageId"] for _ in range(55)]
        assert len(client.get("/contact/id:123/message/list").json()["items"]) == 10
        assert len(client.get("/contact/id:123/message/list?limit=50").json()["items"]) == 50
        assert len(client.get("/contact/id:123/message/list?limit=1").json()["items"]) == 1
        assert walk_contact_list(client, "id:123", 50) == ids


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=51",
        "limit=-1",
        "limit=abc",
        "limit=1.5",
        "limit=",
        "limit=%00",
        "cursorId=abc",
        "cursorId=",
        "cursorId=1.5",
        "cursorId=%2B5",
        "cursorId=1234567890123456789",
    ],
)
def test_bad_list_query_is_400(emu: RunningEmulator, query: str) -> None:
    with contact_client(emu) as client:
        response = client.get(f"/contact/id:123/message/list?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == 400


def test_phone_identifier_in_next_url_keeps_its_plus(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        for _ in range(3):
            send_contact(client, "phone:+60121233112")
        page = client.get("/contact/phone:+60121233112/message/list?limit=1").json()
        next_url = page["pagination"]["next"]
        assert "phone:%2B60121233112" in next_url
        assert client.get(next_url).status_code == 200


def test_paging_while_messages_arrive_loses_and_repeats_nothing(emu: RunningEmulator) -> None:
    with contact_client(emu) as client:
        initial = [send_contact(client, "id:123").json()["messageId"] for _ in range(7)]
        seen: list[int] = []
        arrived: list[int] = []
        response = client.get("/contact/id:123/message/list", params={"limit": 2})
        while True:
            page = response.json()
            seen.extend(item["messageId"] for item in page["items"])
            arrived.append(send_contact(client, "id:123").json()["messageId"])
            if not page["pagination"]["next"]:
                break
            response = client.get(page["pagination"]["next"])
    assert len(seen) == len(set(seen))
    assert seen[: len(initial)] == initial
    assert seen == sorted(seen)
    # Everything that arrived before the last page was read is listed too.
    assert set(seen) <= set(initial) | set(arrived)
