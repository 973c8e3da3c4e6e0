"""Per-API facts the checks need beyond the spec's structure: what each operation is for, what a
successful send answers, where a sent message is read back and how it must compare, how lists
page, how statuses progress, and the error codes.

One description per API, so checks never branch on the API, operation ids or URL templates
themselves. Add an endpoint: give its operationId a role here (or none, for an operation no
role-based check concerns).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.openapi import Operation

__all__ = [
    "RULE_CHECKS",
    "ApiRules",
    "PageToken",
    "PayloadNesting",
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
    schedule_at_most_s: int  # scheduled farther ahead: refused


@dataclass(frozen=True)
class PayloadNesting:
    """A free-form object in a send, and the spec's bound on the depth of the whole request body
    (the body object is level 1): a body that deep is accepted and reads back unchanged; a
    deeper one is refused."""

    message_type: str  # the content type (under sent_echo.content_key) that carries it
    field: str  # where the object sits in that content
    max_body_depth: int
    platforms: tuple[str, ...]  # channel platforms that take this content type
    # The list query of a one-item page holding the message with this id.
    page_holding: Callable[[int], Mapping[str, object]]


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
    refusal_statuses: frozenset[int]  # how a well-formed request that breaks a body rule is refused
    upload_path: str | None  # template of the channel-independent presigned upload
    payload_nesting: PayloadNesting | None  # None: no free-form object with a depth limit

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
        refusal_statuses=frozenset({400}),
        upload_path=None,
        payload_nesting=PayloadNesting(
            message_type="custom_payload",
            field="payload",
            max_body_depth=64,
            platforms=("telegram", "facebook", "viber", "line"),
            # Paging back from the next id (C-16): the message itself, on a page of its own.
            page_holding=lambda message_id: {"limit": 1, "cursorId": f"-{message_id + 1}"},
        ),
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
            validity_s=129600,
            two_factor_validity_s=600,
            send_now_within_s=600,
            schedule_at_most_s=35 * 86400,
        ),
        refusal_statuses=frozenset({422}),
        upload_path="/workspaces/{workspaceId}/presigned-upload",
        payload_nesting=None,
    ),
}


@functools.cache
def api_rules(api: ApiName) -> ApiRules:
    return _RULES[api]


def page_item_keys() -> tuple[str, ...]:
    """Where a list page of any API keeps its items."""
    return tuple(rules.page_items_key for rules in _RULES.values())


# Each rule the specs state in prose (the ids of their `x-aelyst-rules`) -> the project checks
# that exercise it. tests/spec/test_prose_rules.py keeps this, the specs and docs/spec-rules.md
# in step: a rule without a registered check fails it.
RULE_CHECKS: Mapping[str, tuple[str, ...]] = {
    "contact:last-interacted-channel": ("prose_rules", "send_then_get"),
    "contact:unknown-channel": ("prose_rules",),
    "contact:custom-payload-platforms": ("prose_rules",),
    "contact:custom-payload-explicit-channel": ("prose_rules",),
    "contact:custom-payload-depth": ("payload_nesting",),
    "contact:email-on-email-channels": ("prose_rules",),
    "contact:whatsapp-template-on-whatsapp": ("prose_rules",),
    "contact:message-tag-window": ("prose_rules",),
    "contact:identifier-semantics": ("identifier_formats",),
    "contact:unknown-contact-or-message": ("unknown_ids", "identifier_formats"),
    "contact:status-history": ("status_timeline",),
    "contact:paging-links": ("paging_links", "paging_walk"),
    "contact:paging-order": ("paging_walk",),
    "channel:one-receiver-unless-email": ("prose_rules",),
    "channel:cc-bcc-email-only": ("prose_rules",),
    "channel:html-email-only": ("prose_rules",),
    "channel:receiver-identifier-key": ("prose_rules",),
    "channel:receiver-identifier-value": ("prose_rules",),
    "channel:receiver-id-in-workspace": ("prose_rules",),
    "channel:template-short-links": ("prose_rules",),
    "channel:cap-frequency": ("prose_rules",),
    "channel:schedule-window": ("date_time_boundaries", "channel_send_rules"),
    "channel:schedule-instant-range": ("date_time_boundaries",),
    "channel:validity-default": ("channel_send_rules",),
    "channel:tags-lowercased": ("send_then_get",),
    "channel:media-owner": ("foreign_media",),
    "channel:page-token-issued": ("prose_rules", "paging_walk"),
    "channel:workspace-scope": ("auth_enforced", "unknown_ids"),
    "channel:upload-form": ("presigned_upload",),
}
