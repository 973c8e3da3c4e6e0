"""The generated clients work against the emulator: the two sides agree on the wire."""

from __future__ import annotations

from uuid import UUID

from channel_messaging_client.api.messages import (
    get_channel_message,
    list_channel_messages,
    send_channel_message,
)
from channel_messaging_client.extras import connect as connect_channel
from channel_messaging_client.models import (
    ChannelMessage,
    ChannelMessageList,
    SendChannelMessageRequest,
)
from contact_messaging_client.api.messages import get_message, list_messages, send_message
from contact_messaging_client.extras import connect as connect_contact
from contact_messaging_client.models import (
    Error,
    Message,
    MessageList,
    SendMessageRequest,
    SendMessageResult,
    TextMessage,
)

from aelyst_contract.emulator import RunningEmulator


def test_contact_client_round_trip(emu: RunningEmulator) -> None:
    client = connect_contact(emu.contact_base_url, emu.contact_token)
    body = SendMessageRequest(channel_id=0, message=TextMessage(type_="text", text="hi"))
    # The client percent-encodes '+' as %2B: the same contact as the raw '+'.
    sent = send_message.sync_detailed("phone:+60121233112", client=client, body=body)
    assert sent.status_code == 200
    assert isinstance(sent.parsed, SendMessageResult)
    assert sent.rate_limit is not None
    got = get_message.sync_detailed("id:123", sent.parsed.message_id, client=client)
    assert isinstance(got.parsed, Message)
    assert got.parsed.contact_id == 123
    listed = list_messages.sync_detailed("email:abdc@gmail.com", client=client, limit=5)
    assert isinstance(listed.parsed, MessageList)
    assert [item.message_id for item in listed.parsed.items] == [sent.parsed.message_id]
    queued = send_message.sync_detailed(
        "id:5", client=client, body=SendMessageRequest(message=TextMessage(type_="text", text="x"))
    )
    assert queued.status_code == 449
    assert isinstance(queued.parsed, Error)


def test_channel_client_round_trip(emu: RunningEmulator) -> None:
    client = connect_channel(emu.channel_base_url, emu.access_key)
    body = SendChannelMessageRequest.from_dict(
        {
            "receiver": {
                "contacts": [{"identifierKey": "phonenumber", "identifierValue": "+31612345678"}]
            },
            "body": {"type": "text", "text": {"text": "hi"}},
            "tags": ["Promo"],
        }
    )
    workspace, channel = UUID(emu.workspace_id), UUID(emu.channel_ids["sms"])
    sent = send_channel_message.sync_detailed(workspace, channel, client=client, body=body)
    assert sent.status_code == 202
    assert isinstance(sent.parsed, ChannelMessage)
    assert sent.parsed.tags == ["promo"]
    got = get_channel_message.sync_detailed(workspace, channel, sent.parsed.id, client=client)
    assert isinstance(got.parsed, ChannelMessage)
    assert got.parsed.id == sent.parsed.id
    listed = list_channel_messages.sync_detailed(workspace, channel, client=client)
    assert isinstance(listed.parsed, ChannelMessageList)
    assert [m.id for m in listed.parsed.results] == [sent.parsed.id]
