"""Per-API facts the checks need beyond the spec's structure: what each operation is for, what a
successful send answers, where a sent message is read back and how it must compare, how lists
page, how statuses progress, and the error codes.

One description per API, so checks never branch on the API, operation ids or URL templates
themselves. Add an endpoint: give its operationId a role here (or none, for an operation no
role-based check concerns).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.openapi import Operation

__all__ = [
    "ApiRules",
    "PageToken",
    "Role",
    "SendDefaults",
    "SentEcho",
    "StatusRules",
    "api_rules",
    "page_item_keys",
]

Role = Literal["send", "get", "list", "upload"]


@dataclass(frozen=True)
class SentEcho:
    """What of an accepted send must read back unchanged, and where."""

    content_key: str | None  # the compared fields sit under this key (None: at the top level)
    fields: tuple[str, ...]  # compared when they were sent
    lowercased: tuple[str, ...]  # lists that read back lower-cased
    channel_from: Literal["body", "path"]  # the send names its channel in the body (null: the
    # server picks one, nothing to compare) or in the path
    direction_key: str  # reads back "outgoing"
    echoed_by_send: bool  # the send's own answer is the message, and is compared too


@dataclass(frozen=True)
class PageToken:
    """Where a list page names the next one: a token in this body field, which goes back in
    this query parameter."""

    field: str
    param: str


@dataclass(frozen=True)
class StatusRules:
    """How a message's status moves on: never back, and never after a terminal one."""

    ranks: Mapping[str, int]  # progress order; statuses not listed are not ranked
    # True: `status` is the list of {value, timestamp} entries; False: the current status, with
    # createdAt / updatedAt / lastStatusAt stamps.
    history: bool
    terminal: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SendDefaults:
    """What an accepted send without the optional fields gets."""

    validity_s: int
    two_factor_validity_s: int  # on a 2FA channel
    send_now_within_s: int  # scheduled at most this far ahead: sent at once


@dataclass(frozen=True)
class ApiRules:
    api: ApiName
    roles: Mapping[str, Role]  # operationId -> role
    send_status: int  # what an accepted send answers
    send_path: str  # template of the send path
    message_path: str  # template of the get-one-message path, filled from a send's parameters
    message_list_path: str  # template of the list of one contact's or channel's messages
    identifier_param: str | None  # the path parameter holding a contact identifier, if any
    # HTTP status -> the error body's `code` (None: the code is the status itself, an integer)
    error_codes: Mapping[int, str] | None
    page_items_key: str  # where a list page keeps its items
    # None: pages link to each other (`pagination.next` / `.previous` URLs; previous leads back)
    page_token: PageToken | None
    sent_echo: SentEcho
    statuses: StatusRules
    send_defaults: SendDefaults | None  # None: the API promises no defaults the checks judge

    def role(self, operation: Operation[ApiName]) -> Role | None:
        return self.roles.get(operation.operation_id)

    def url(self, base_url: str, template: str, path_params: Mapping[str, object]) -> str:
        """`template` under `base_url`, filled with the (percent-encoded) parameters."""
        values = {name: quote(str(value), safe="") for name, value in path_params.items()}
        return base_url.rstrip("/") + template.format(**values)

    def message_url(self, base_url: str, path_params: Mapping[str, str], message_id: object) -> str:
        return self.url(base_url, self.message_path, {**path_params, "messageId": message_id})


_RULES: dict[ApiName, ApiRules] = {
    "contact": ApiRules(
        api="contact",
        roles={"sendMessage": "send", "getMessage": "get", "listMessages": "list"},
        send_status=200,
        send_path="/contact/{identifier}/message",
        message_path="/contact/{identifier}/message/{messageId}",
        message_list_path="/contact/{identifier}/message/list",
        identifier_param="identifier",
        error_codes=None,
        page_items_key="items",
        page_token=None,
        sent_echo=SentEcho(
            content_key="message",
            fields=("type", "text", "title", "replies", "payload", "attachment", "template"),
            lowercased=(),
            channel_from="body",
            direction_key="traffic",
            echoed_by_send=False,
        ),
        statuses=StatusRules(
            ranks={"pending": 0, "sent": 1, "delivered": 2, "read": 3},
            history=True,
            terminal=frozenset({"failed"}),
        ),
        send_defaults=None,
    ),
    "channel": ApiRules(
        api="channel",
        roles={
            "sendChannelMessage": "send",
            "getChannelMessage": "get",
            "listChannelMessages": "list",
            "listWorkspaceMessages": "list",
            "createPresignedUpload": "upload",
            "createChannelPresignedUpload": "upload",
        },
        send_status=202,
        send_path="/workspaces/{workspaceId}/channels/{channelId}/messages",
        message_path="/workspaces/{workspaceId}/channels/{channelId}/messages/{messageId}",
        message_list_path="/workspaces/{workspaceId}/channels/{channelId}/messages",
        identifier_param=None,
        error_codes={
            400: "InvalidRequest",
            401: "Unauthorized",
            404: "NotFound",
            409: "Conflict",
            422: "InvalidPayload",
            429: "TooManyRequests",
            500: "InternalError",
        },
        page_items_key="results",
        page_token=PageToken("nextPageToken", "pageToken"),
        sent_echo=SentEcho(
            content_key=None,
            fields=("body", "template", "reference"),
            lowercased=("tags",),
            channel_from="path",
            direction_key="direction",
            echoed_by_send=True,
        ),
        # "No going back from delivered to sent"; "scheduled" and "processing" are one step.
        statuses=StatusRules(
            ranks={"accepted": 0, "scheduled": 1, "processing": 1, "sent": 2, "delivered": 3},
            history=False,
        ),
        send_defaults=SendDefaults(
            validity_s=129600, two_factor_validity_s=600, send_now_within_s=600
        ),
    ),
}


@functools.cache
def api_rules(api: ApiName) -> ApiRules:
    return _RULES[api]


def page_item_keys() -> tuple[str, ...]:
    """Where a list page of any API keeps its items."""
    return tuple(rules.page_items_key for rules in _RULES.values())
