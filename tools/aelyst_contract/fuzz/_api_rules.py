"""Per-API facts the checks need beyond the spec's structure: what each operation is for, what a
successful send answers, where a sent message is read back, and the error codes.

One description per API, so checks never branch on operation ids or URL templates themselves.
Add an endpoint: give its operationId a role here (or none, for an operation no role-based check
concerns).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.openapi import Operation

__all__ = ["ApiRules", "Role", "api_rules"]

Role = Literal["send", "get", "list", "upload"]


@dataclass(frozen=True)
class ApiRules:
    api: ApiName
    roles: Mapping[str, Role]  # operationId -> role
    send_status: int  # what an accepted send answers
    message_path: str  # template of the get-one-message path, filled from a send's parameters
    # HTTP status -> the error body's `code` (None: the code is the status itself, an integer)
    error_codes: Mapping[int, str] | None
    page_items_key: str  # where a list page keeps its items

    def role(self, operation: Operation[ApiName]) -> Role | None:
        return self.roles.get(operation.operation_id)

    def message_url(self, base_url: str, path_params: Mapping[str, str], message_id: object) -> str:
        values = {name: quote(str(value), safe="") for name, value in path_params.items()}
        values["messageId"] = quote(str(message_id), safe="")
        return base_url.rstrip("/") + self.message_path.format(**values)


_RULES: dict[ApiName, ApiRules] = {
    "contact": ApiRules(
        api="contact",
        roles={"sendMessage": "send", "getMessage": "get", "listMessages": "list"},
        send_status=200,
        message_path="/contact/{identifier}/message/{messageId}",
        error_codes=None,
        page_items_key="items",
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
        message_path="/workspaces/{workspaceId}/channels/{channelId}/messages/{messageId}",
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
    ),
}


@functools.cache
def api_rules(api: ApiName) -> ApiRules:
    return _RULES[api]
