"""One functional case per spec operation: how to call the generated function, and what the
request must look like on the wire. Expected raw paths are written out by hand (percent-encoded),
not computed with the same `quote` the generated code uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import httpx
from channel_messaging_client.api.media import (
    create_channel_presigned_upload,
    create_presigned_upload,
)
from channel_messaging_client.api.messages import (
    get_channel_message,
    list_channel_messages,
    list_workspace_messages,
    send_channel_message,
)
from channel_messaging_client.extras import connect as connect_channel
from channel_messaging_client.models import PresignedUploadRequest, SendChannelMessageRequest
from contact_messaging_client.api.messages import get_message, list_messages, send_message
from contact_messaging_client.extras import connect as connect_contact
from contact_messaging_client.models import SendMessageRequest

from tests.generated_clients._spec_operations import server_url

CONTACT_TOKEN = "contact-token-for-tests"
CHANNEL_KEY = "channel-key-for-tests"

# Identifiers whose characters all need percent-encoding in a path segment.
AWKWARD_EMAIL = "email:a/b?c#d%e@x.co"
AWKWARD_EMAIL_ENCODED = "email%3Aa%2Fb%3Fc%23d%25e%40x.co"
PHONE = "phone:+60121233112"
PHONE_ENCODED = "phone%3A%2B60121233112"

WORKSPACE = UUID("1f0e2d3c-4b5a-4968-8776-655443322110")
CHANNEL = UUID("5d0a1c3e-2b4f-4e6a-9c8d-7f6e5d4c3b2a")
MESSAGE = UUID("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d")
PAGE_TOKEN = "a+b/c=d&e f%"  # an opaque token full of query-significant characters
PAGE_TOKEN_RAW = "pageToken=a%2Bb%2Fc%3Dd%26e+f%25"

CONTACT_SEND_BODY: dict[str, Any] = {
    "channelId": 7,
    "message": {"type": "text", "text": "Your order shipped", "messageTag": "ACCOUNT_UPDATE"},
}
CHANNEL_SEND_BODY: dict[str, Any] = {
    "receiver": {"contacts": [{"identifierKey": "phonenumber", "identifierValue": "+31612345678"}]},
    "body": {"type": "text", "text": {"text": "Your code is 123456"}},
    "reference": "ref-1",
    "tags": ["Onboarding", "otp"],
}
UPLOAD_BODY: dict[str, Any] = {"contentType": "image/png"}

# One real transport for all cases: building an SSL context per client dominated the run time.
_SHARED_TRANSPORT = httpx.HTTPTransport()


@dataclass(frozen=True)
class RequestCase:
    """How to call one operation and what must go over the wire."""

    api: str
    call: Callable[[Any], Any]  # client -> generated Response
    raw_path: str  # path as sent, after the server URL's host
    query: dict[str, str] = field(default_factory=dict)
    raw_query_contains: str = ""
    json_body: dict[str, Any] | None = None
    body_schema: str | None = None

    def client(self, **kwargs: Any) -> Any:
        """A client as `connect` makes it; respx intercepts below the (shared) real transport."""
        kwargs.setdefault("transport", _SHARED_TRANSPORT)
        if self.api == "contact":
            return connect_contact(server_url("contact"), CONTACT_TOKEN, **kwargs)
        return connect_channel(server_url("channel"), CHANNEL_KEY, **kwargs)

    @property
    def expected_authorization(self) -> str:
        if self.api == "contact":
            return f"Bearer {CONTACT_TOKEN}"
        return f"AccessKey {CHANNEL_KEY}"


_W, _C, _M = str(WORKSPACE), str(CHANNEL), str(MESSAGE)

REQUEST_CASES: dict[str, RequestCase] = {
    "contact:sendMessage": RequestCase(
        api="contact",
        call=lambda client: send_message.sync_detailed(
            AWKWARD_EMAIL, client=client, body=SendMessageRequest.from_dict(CONTACT_SEND_BODY)
        ),
        raw_path=f"/v1/contact/{AWKWARD_EMAIL_ENCODED}/message",
        json_body=CONTACT_SEND_BODY,
        body_schema="SendMessageRequest",
    ),
    "contact:listMessages": RequestCase(
        api="contact",
        call=lambda client: list_messages.sync_detailed(
            PHONE, client=client, limit=50, cursor_id="-1262965213"
        ),
        raw_path=f"/v1/contact/{PHONE_ENCODED}/message/list",
        query={"limit": "50", "cursorId": "-1262965213"},
    ),
    "contact:getMessage": RequestCase(
        api="contact",
        call=lambda client: get_message.sync_detailed("id:123", 1662965880, client=client),
        raw_path="/v1/contact/id%3A123/message/1662965880",
    ),
    "channel:sendChannelMessage": RequestCase(
        api="channel",
        call=lambda client: send_channel_message.sync_detailed(
            WORKSPACE,
            CHANNEL,
            client=client,
            body=SendChannelMessageRequest.from_dict(CHANNEL_SEND_BODY),
        ),
        raw_path=f"/workspaces/{_W}/channels/{_C}/messages",
        json_body=CHANNEL_SEND_BODY,
        body_schema="SendChannelMessageRequest",
    ),
    "channel:listChannelMessages": RequestCase(
        api="channel",
        call=lambda client: list_channel_messages.sync_detailed(
            WORKSPACE, CHANNEL, client=client, limit=100, page_token=PAGE_TOKEN
        ),
        raw_path=f"/workspaces/{_W}/channels/{_C}/messages",
        query={"limit": "100", "pageToken": PAGE_TOKEN},
        raw_query_contains=PAGE_TOKEN_RAW,
    ),
    "channel:getChannelMessage": RequestCase(
        api="channel",
        call=lambda client: get_channel_message.sync_detailed(
            WORKSPACE, CHANNEL, MESSAGE, client=client
        ),
        raw_path=f"/workspaces/{_W}/channels/{_C}/messages/{_M}",
    ),
    "channel:listWorkspaceMessages": RequestCase(
        api="channel",
        call=lambda client: list_workspace_messages.sync_detailed(
            WORKSPACE, client=client, limit=1, page_token=PAGE_TOKEN
        ),
        raw_path=f"/workspaces/{_W}/messages",
        query={"limit": "1", "pageToken": PAGE_TOKEN},
        raw_query_contains=PAGE_TOKEN_RAW,
    ),
    "channel:createPresignedUpload": RequestCase(
        api="channel",
        call=lambda client: create_presigned_upload.sync_detailed(
            WORKSPACE, client=client, body=PresignedUploadRequest.from_dict(UPLOAD_BODY)
        ),
        raw_path=f"/workspaces/{_W}/presigned-upload",
        json_body=UPLOAD_BODY,
        body_schema="PresignedUploadRequest",
    ),
    "channel:createChannelPresignedUpload": RequestCase(
        api="channel",
        call=lambda client: create_channel_presigned_upload.sync_detailed(
            WORKSPACE, CHANNEL, client=client, body=PresignedUploadRequest.from_dict(UPLOAD_BODY)
        ),
        raw_path=f"/workspaces/{_W}/channels/{_C}/presigned-upload",
        json_body=UPLOAD_BODY,
        body_schema="PresignedUploadRequest",
    ),
}

_CHANNEL_MESSAGE: dict[str, Any] = {
    "id": _M,
    "channelId": _C,
    "sender": {"connector": {"id": _C, "identifierValue": "+3197010260000"}},
    "receiver": {
        "contacts": [
            {
                "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "identifierKey": "phonenumber",
                "identifierValue": "+31612345678",
            }
        ]
    },
    "body": {"type": "text", "text": {"text": "Your code is 123456"}},
    "reference": "ref-1",
    "tags": ["onboarding", "otp"],
    "status": "accepted",
    "direction": "outgoing",
    "validity": 129600,
    "lastStatusAt": "2026-11-22T10:00:00Z",
    "createdAt": "2026-11-22T10:00:00Z",
    "updatedAt": "2026-11-22T10:00:00Z",
}
_CONTACT_MESSAGE: dict[str, Any] = {
    "messageId": 1262965213,
    "channelMessageId": "wamid.1",
    "contactId": 123,
    "channelId": 5,
    "traffic": "outgoing",
    "message": {"type": "quick_reply", "title": "Was this helpful?", "replies": ["Yes", "No"]},
    "status": [{"value": "pending", "timestamp": 1662965213}],
    "sender": {"source": "workflow", "workflowId": 88},
}

# A valid body for every response schema the specs use (checked against the spec by the tests).
SAMPLE_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("contact", "SendMessageResult"): {"messageId": 1262965213},
    ("contact", "Message"): _CONTACT_MESSAGE,
    ("contact", "MessageList"): {
        "items": [_CONTACT_MESSAGE],
        "pagination": {
            "next": "https://api.aelyst.ai/v1/contact/id:123/message/list?limit=1&cursorId=1262965213",
            "previous": "",
        },
    },
    ("contact", "Error"): {"code": 0, "message": "set per status by the test"},
    ("channel", "ChannelMessage"): _CHANNEL_MESSAGE,
    ("channel", "ChannelMessageList"): {"results": [_CHANNEL_MESSAGE], "nextPageToken": "t0k"},
    ("channel", "PresignedUpload"): {
        "mediaUrl": f"https://media.aelyst.ai/workspaces/{_W}/media/{_M}",
        "uploadUrl": "https://uploads.aelyst.ai/",
        "uploadMethod": "POST",
        "uploadFormData": {"key": f"{_W}/{_M}", "Content-Type": "image/png"},
    },
    ("channel", "ChannelError"): {
        "code": "InvalidPayload",
        "message": "the request body is invalid",
        "details": {"tags": ["at most 10 tags per message"]},
    },
}


def sample_body(api: str, schema_name: str, status: int) -> dict[str, Any]:
    body = dict(SAMPLE_BODIES[(api, schema_name)])
    if (api, schema_name) == ("contact", "Error"):
        body["code"] = status  # the contact API's error code always equals the HTTP status
    return body
