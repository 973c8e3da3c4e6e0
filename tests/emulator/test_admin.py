"""The test controls under /_emulator/."""

from __future__ import annotations

from aelyst_contract.emulator import RunningEmulator
from tests.emulator.helpers import admin_client, contact_client, send_contact


def test_clock_advance_moves_time_forward_only(emu: RunningEmulator) -> None:
    with admin_client(emu) as admin:
        before = admin.get("/state").json()["now"]
        moved = admin.post("/clock/advance", json={"seconds": 3600})
        assert moved.status_code == 200
        assert moved.json()["now"] >= before + 3600
        assert (
            admin.post("/clock/advance", json={"seconds": 0}).json()["now"] >= moved.json()["now"]
        )


def test_reset_forgets_messages_and_reseeds(emu: RunningEmulator) -> None:
    with contact_client(emu) as client, admin_client(emu) as admin:
        send_contact(client, "phone:+15555550100", channel=0)
        assert admin.get("/state").json()["contactMessages"] == 1
        assert admin.post("/reset").status_code == 200
        state = admin.get("/state").json()
        assert state["contactMessages"] == 0
        assert state["channelMessages"] == 0
        # Seeded contacts are back, created ones are gone.
        assert client.get("/contact/id:123/message/list").status_code == 200
        assert client.get("/contact/phone:+15555550100/message/list").json()["items"] == []


def test_state_describes_the_world_without_secrets(emu: RunningEmulator) -> None:
    with admin_client(emu) as admin:
        response = admin.get("/state")
    assert response.status_code == 200
    state = response.json()
    platforms = {c["platform"] for c in state["contactChannels"]}
    assert platforms == {
        "whatsapp",
        "facebook",
        "instagram",
        "telegram",
        "viber",
        "line",
        "sms",
        "email",
    }
    assert any(c["queueFull"] for c in state["contactChannels"])
    assert len(state["workspaces"]) >= 2
    assert any(c["twoFactor"] for c in state["workspaces"][0]["channels"])
    for secret in (emu.access_key, emu.contact_token, emu.admin_token, emu.other_access_key):
        assert secret not in response.text


def test_incoming_by_identifier_creates_the_contact(emu: RunningEmulator) -> None:
    with admin_client(emu) as admin, contact_client(emu) as client:
        created = admin.post(
            "/incoming", json={"identifier": "email:new@example.com", "channelId": 7, "text": "hi"}
        )
        assert created.status_code == 200
        items = client.get("/contact/email:new@example.com/message/list").json()["items"]
        assert [item["messageId"] for item in items] == [created.json()["messageId"]]
        # Its last interacted channel is now the email channel.
        reply = client.post(
            "/contact/email:new@example.com/message",
            json={"channelId": None, "message": {"type": "email", "text": "thanks"}},
        )
        assert reply.status_code == 200
