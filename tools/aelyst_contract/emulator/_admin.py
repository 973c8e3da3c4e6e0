"""Test controls under /_emulator/, behind `Authorization: Bearer <admin token>`.

POST /_emulator/clock/advance {"seconds": N}         move the emulator clock forward
POST /_emulator/incoming {...}                       a contact writes in (either API)
POST /_emulator/reset                                back to the seeded state
GET  /_emulator/faults, PUT /_emulator/faults {"faults": [names]}
GET  /_emulator/state                                clock, faults, counts, channels
PUT  /_emulator/queue {"channelId": N, "full": bool} fill or drain a contact channel's queue (449)
Errors: {"error": "..."} with 400/401/404/405/413.
"""

from __future__ import annotations

import hmac
from typing import Any

from aelyst_contract.emulator._faults import FAULTS, UnknownFaultError
from aelyst_contract.emulator._http import (
    BadJsonError,
    BodyTooLargeError,
    Incoming,
    Reply,
    parse_json_body,
    read_body,
)
from aelyst_contract.emulator._identifiers import (
    IdentifierError,
    email_problem,
    normalise_email,
    normalise_phone,
    parse_contact_identifier,
    phone_problem,
)
from aelyst_contract.emulator._shapes import as_integer
from aelyst_contract.emulator._state import ClockOutOfRangeError, EmulatorState

__all__ = ["AdminError", "handle"]

_ROUTES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("clock", "advance"): ("POST",),
    ("incoming",): ("POST",),
    ("reset",): ("POST",),
    ("faults",): ("GET", "PUT"),
    ("state",): ("GET",),
    ("queue",): ("PUT",),
}
_MAX_ADVANCE_SECONDS = 10 * 365 * 86400


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": message}, dict(headers or {}))


async def handle(state: EmulatorState, request: Incoming) -> Reply:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode("utf-8", "replace"), state.config.admin_token.encode("utf-8")
    ):
        return _error(401, "admin token required")
    route = tuple(request.segments[1:])
    methods = _ROUTES.get(route)
    if methods is None:
        return _error(404, "no such admin control")
    if request.method not in methods:
        return _error(405, "method not allowed", {"Allow": ", ".join(methods)})
    try:
        body = await _body(state, request) if request.method in ("POST", "PUT") else {}
        return await _dispatch(state, route, request.method, body)
    except AdminError as error:
        return _error(error.status, str(error))


async def _body(state: EmulatorState, request: Incoming) -> dict[str, Any]:
    try:
        raw = await read_body(request.receive, request.headers, state.config.max_body_bytes)
    except BodyTooLargeError as error:
        raise AdminError(413, "body too large") from error
    if not raw.strip():
        return {}
    try:
        body = parse_json_body(raw)
    except BadJsonError as error:
        raise AdminError(400, str(error)) from error
    if not isinstance(body, dict):
        raise AdminError(400, "the body must be a JSON object")
    return body


async def _dispatch(
    state: EmulatorState, route: tuple[str, ...], method: str, body: dict[str, Any]
) -> Reply:
    if route == ("clock", "advance"):
        seconds = body.get("seconds")
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 0 <= seconds <= _MAX_ADVANCE_SECONDS
        ):
            raise AdminError(400, "seconds must be a number from 0 to 315360000")
        try:
            return Reply(200, {"now": state.advance_clock(float(seconds))})
        except ClockOutOfRangeError as error:
            raise AdminError(400, str(error)) from error
    if route == ("reset",):
        state.reset()
        return Reply(200, {"reset": True, "now": state.now()})
    if route == ("faults",):
        if method == "PUT":
            names = body.get("faults")
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise AdminError(400, "faults must be a list of fault names")
            try:
                state.faults.set(names)
            except UnknownFaultError as error:
                raise AdminError(400, str(error)) from error
        return Reply(200, {"faults": sorted(state.faults.active), "available": FAULTS})
    if route == ("state",):
        return Reply(200, _state_view(state))
    if route == ("queue",):
        channel_id = as_integer(body.get("channelId"))
        full = body.get("full")
        if channel_id is None or channel_id not in state.contact_channels:
            raise AdminError(400, "channelId must be a contact API channel id")
        if not isinstance(full, bool):
            raise AdminError(400, "full must be true or false")
        state.store.set_queue_full(channel_id, full)
        return Reply(200, {"channelId": channel_id, "full": full})
    return await _incoming(state, body)


async def _incoming(state: EmulatorState, body: dict[str, Any]) -> Reply:
    text = body.get("text", "Hello!")
    if not isinstance(text, str) or not text:
        raise AdminError(400, "text must be a non-empty string")
    if "workspaceId" in body:
        return await _incoming_channel(state, body, text)
    return await _incoming_contact(state, body, text)


async def _incoming_contact(state: EmulatorState, body: dict[str, Any], text: str) -> Reply:
    """{"identifier": "phone:+...", "channelId": N, "text": "..."} or {"contactId": N, ...}."""
    channel_id = as_integer(body.get("channelId"))
    if channel_id is None or channel_id not in state.contact_channels:
        raise AdminError(400, "channelId must be a contact API channel id")
    if "contactId" in body:
        contact_id = as_integer(body["contactId"])
        if contact_id is None or state.store.contact_by_id(contact_id) is None:
            raise AdminError(404, "no such contact")
        kind, value = "id", str(contact_id)
    else:
        raw = body.get("identifier")
        if not isinstance(raw, str):
            raise AdminError(400, "give contactId or identifier")
        try:
            identifier = parse_contact_identifier(raw)
        except IdentifierError as error:
            raise AdminError(400, str(error)) from error
        if identifier.kind == "id" and state.store.contact_by_id(int(identifier.value)) is None:
            raise AdminError(404, "no such contact")
        kind, value = identifier.kind, identifier.value
    message_id, contact_id = await state.store.insert_contact_message(
        contact_kind=kind,
        contact_value=value,
        channel_id=channel_id,
        traffic="incoming",
        content={"type": "text", "text": text},
        sender=None,
        now=state.now(),
        fails=False,
        via_api=False,
    )
    return Reply(200, {"messageId": message_id, "contactId": contact_id})


async def _incoming_channel(state: EmulatorState, body: dict[str, Any], text: str) -> Reply:
    """{"workspaceId", "channelId", "identifierKey", "identifierValue", "text"}."""
    workspace_id = body.get("workspaceId")
    channel_id = body.get("channelId")
    found = state.channels_by_id.get(channel_id) if isinstance(channel_id, str) else None
    if found is None or found[0].id != workspace_id:
        raise AdminError(404, "no such channel in that workspace")
    key = body.get("identifierKey")
    value = body.get("identifierValue")
    if key == "phonenumber" and isinstance(value, str) and not phone_problem(value):
        value = normalise_phone(value)
    elif key == "emailaddress" and isinstance(value, str) and not email_problem(value):
        value = normalise_email(value)
    else:
        raise AdminError(400, "identifierKey phonenumber|emailaddress with a valid identifierValue")
    now = state.now()
    row = await state.store.insert_channel_message(
        workspace_id=found[0].id,
        channel_id=found[1].id,
        direction="incoming",
        receivers=[{"identifierKey": key, "identifierValue": value}],
        doc={"body": {"type": "text", "text": {"text": text}}},
        now=now,
        start_at=now,
        fails=False,
        via_api=False,
    )
    return Reply(200, {"id": row.id})


def _state_view(state: EmulatorState) -> dict[str, Any]:
    return {
        "now": state.now(),
        "faults": sorted(state.faults.active),
        "contactMessages": state.store.contact_message_count(),
        "channelMessages": state.store.channel_message_count(),
        "contactChannels": [
            {
                "id": channel.id,
                "platform": channel.platform,
                "name": channel.name,
                "queueFull": state.store.queue_full(channel.id),
                "failsDelivery": channel.fails_delivery,
            }
            for channel in state.config.contact_channels
        ],
        "workspaces": [
            {
                "id": workspace.id,
                "channels": [
                    {
                        "id": channel.id,
                        "platform": channel.platform,
                        "name": channel.name,
                        "twoFactor": channel.two_factor,
                        "active": channel.active,
                    }
                    for channel in workspace.channels
                ],
            }
            for workspace in state.config.workspaces
        ],
    }
