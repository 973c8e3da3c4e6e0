"""The Contact Messaging API under /v1: send, get and list a contact's messages.

Order of checks (curated): route/method, auth (401, no rate headers), rate limit (429), validation
(400 naming the problem), unknown contact or message (404), full queue (449). Every answer but 401
carries X-RateLimit-Limit / X-RateLimit-Remaining.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, unquote, unquote_plus

from aelyst_contract.emulator._faults import Fault
from aelyst_contract.emulator._http import (
    MAX_JSON_DEPTH,
    BadJsonError,
    BodyTooLargeError,
    Incoming,
    Reply,
    is_json_content_type,
    json_depth,
    parse_json_body,
    read_body,
)
from aelyst_contract.emulator._identifiers import (
    ContactIdentifier,
    IdentifierError,
    parse_contact_identifier,
)
from aelyst_contract.emulator._shapes import (
    INT64_MAX,
    AnyObj,
    Arr,
    Const,
    Int,
    Node,
    Nullable,
    Obj,
    Str,
    Tagged,
    check,
)
from aelyst_contract.emulator._state import EmulatorState
from aelyst_contract.emulator._store import ContactMessageRow, ContactRow
from aelyst_contract.emulator._timeline import CONTACT_FAILURE_REASON, contact_timeline

__all__ = [
    "CUSTOM_PAYLOAD_PLATFORMS",
    "DEFAULT_LIST_LIMIT",
    "MAX_CONTENT_DEPTH",
    "MAX_LIST_LIMIT",
    "MESSAGE_SHAPE",
    "MESSAGE_TAG_PLATFORMS",
    "MESSAGING_WINDOW_SECONDS",
    "QUEUED_MESSAGE",
    "SEND_SHAPE",
    "ContactError",
    "error_reply",
    "handle",
    "render_message",
]

QUEUED_MESSAGE = (
    "Your request cannot be processed at the moment as it is currently in queue. "
    "Please try again in a few minutes."
)
MESSAGING_WINDOW_SECONDS = 24 * 3600
CUSTOM_PAYLOAD_PLATFORMS = frozenset({"telegram", "facebook", "viber", "line"})
MESSAGE_TAG_PLATFORMS = frozenset({"facebook", "instagram"})
MAX_LIST_LIMIT = 50
DEFAULT_LIST_LIMIT = 10
_FOREIGN_ORIGIN = "http://evil.example"
_CURSOR_RE = re.compile(r"^-?[0-9]{1,18}$")
_MESSAGE_ID_RE = re.compile(r"^[0-9]{1,19}$")

# -- request shapes (the curated rules, in the emulator's own terms) -----------------------------

_MESSAGE_TAG = Str(enum=("ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE", "CONFIRMED_EVENT_UPDATE"))
_URI = Str(min_len=1, fmt="uri")
_MEDIA_KIND = Str(enum=("image", "video", "audio", "file"))
_EMAIL_ADDRESSES = Arr(Str(fmt="email"), max_items=50)
_TEMPLATE_PARAMETER = Obj(
    {
        "type": Str(
            enum=("text", "currency", "date_time", "image", "document", "video", "payload")
        ),
        "text": Str(),
        "payload": Str(),
        "url": Str(fmt="uri"),
    },
    required=("type",),
)
_TEMPLATE_COMPONENT = Obj(
    {
        "type": Str(enum=("header", "body", "footer", "buttons")),
        "subType": Str(enum=("quick_reply", "url", "copy_code")),
        "index": Int(0, 9),
        "parameters": Arr(_TEMPLATE_PARAMETER, max_items=20),
    },
    required=("type",),
)
MESSAGE_SHAPE: Node = Tagged(
    {
        "text": Obj(
            {
                "type": Const("text"),
                "text": Str(min_len=1, max_len=4096),
                "messageTag": _MESSAGE_TAG,
            },
            required=("type", "text"),
        ),
        "attachment": Obj(
            {
                "type": Const("attachment"),
                "attachment": Obj({"type": _MEDIA_KIND, "url": _URI}, required=("type", "url")),
                "messageTag": _MESSAGE_TAG,
            },
            required=("type", "attachment"),
        ),
        "custom_payload": Obj(
            {"type": Const("custom_payload"), "payload": AnyObj()}, required=("type", "payload")
        ),
        "quick_reply": Obj(
            {
                "type": Const("quick_reply"),
                "title": Str(min_len=1, max_len=1024),
                "replies": Arr(Str(min_len=1, max_len=256), min_items=1, max_items=10),
                "messageTag": _MESSAGE_TAG,
            },
            required=("type", "title", "replies"),
        ),
        "email": Obj(
            {
                "type": Const("email"),
                "text": Str(min_len=1),
                "subject": Str(max_len=998),
                "cc": _EMAIL_ADDRESSES,
                "bcc": _EMAIL_ADDRESSES,
                "replyToMessageId": Int(1, INT64_MAX),
                "attachments": Arr(
                    Obj(
                        {
                            "type": _MEDIA_KIND,
                            "url": _URI,
                            "fileName": Str(min_len=1, max_len=255),
                        },
                        required=("type", "url", "fileName"),
                    ),
                    max_items=10,
                ),
            },
            required=("type", "text"),
        ),
        "whatsapp_template": Obj(
            {
                "type": Const("whatsapp_template"),
                "template": Obj(
                    {
                        "name": Str(min_len=1, max_len=512),
                        "languageCode": Str(
                            pattern=re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$"),
                            pattern_hint="a language code such as en or en_US",
                        ),
                        "components": Arr(_TEMPLATE_COMPONENT, max_items=20),
                    },
                    required=("name", "languageCode"),
                ),
            },
            required=("type", "template"),
        ),
    }
)
SEND_SHAPE: Node = Obj(
    {"channelId": Nullable(Int(-(2**63), INT64_MAX)), "message": MESSAGE_SHAPE},
    required=("message",),
)


class ContactError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"code": status, "message": message}, dict(headers or {}))


# -- routing -------------------------------------------------------------------------------------


# (segments after /v1) -> endpoint name, allowed method
def _route(segments: list[str]) -> tuple[str, str] | None:
    if len(segments) >= 3 and segments[0] == "contact" and segments[2] == "message":
        if len(segments) == 3:
            return "send", "POST"
        if len(segments) == 4:
            return ("list", "GET") if segments[3] == "list" else ("get", "GET")
    return None


async def handle(state: EmulatorState, request: Incoming) -> Reply:
    """Answer one request whose path starts with /v1."""
    reply = await _handle(state, request)
    mismatch = reply.status >= 400 and state.faults.on(Fault.ERROR_CODE_MISMATCH)
    if mismatch and isinstance(reply.body, dict) and "code" in reply.body:
        reply.body["code"] = 400
    if state.faults.on(Fault.RATE_HEADERS_MISSING):
        reply.headers.pop("X-RateLimit-Limit", None)
        reply.headers.pop("X-RateLimit-Remaining", None)
    return reply


async def _handle(state: EmulatorState, request: Incoming) -> Reply:
    segments = request.segments[1:]
    token = _authenticated_token(state, request)
    if token is None:
        return error_reply(401, "UN_AUTHORIZED")
    route = _route(segments)
    endpoint = route[0] if route else "other"
    rate = state.contact_tokens[token].rate_limit or state.config.contact_rate_limit
    decision = state.limiter.hit(("contact", token, endpoint), rate, state.now())
    rate_headers = decision.headers()
    if not decision.allowed:
        headers = dict(rate_headers)
        if not state.faults.on(Fault.RATE_LIMITED_WITHOUT_RETRY_AFTER):
            headers["Retry-After"] = str(decision.retry_after)
        return error_reply(429, "Too Many Requests", headers)
    if route is None:
        return error_reply(404, "NOT_FOUND", rate_headers)
    if request.method != route[1]:
        headers = dict(rate_headers)
        if not state.faults.on(Fault.METHOD_NOT_ALLOWED_WITHOUT_ALLOW):
            headers["Allow"] = route[1]
        return error_reply(405, "METHOD_NOT_ALLOWED", headers)
    try:
        if endpoint == "send":
            reply = await _send(state, request, segments)
        elif endpoint == "get":
            reply = _get(state, request, segments)
        else:
            reply = _list(state, request, segments)
    except ContactError as error:
        reply = error_reply(error.status, error.message, error.headers)
    reply.headers.update(rate_headers)
    return reply


def _authenticated_token(state: EmulatorState, request: Incoming) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and token in state.contact_tokens:
        return token
    if state.faults.on(Fault.AUTH_NOT_ENFORCED):
        return state.config.contact_token
    return None


# -- identifiers and contacts --------------------------------------------------------------------


def _decode_identifier(state: EmulatorState, raw: str) -> str:
    """Percent-decode the path segment exactly once; '+' stays a plus (it is a path, not a form)."""
    decoded = unquote(raw, errors="strict")
    if state.faults.on(Fault.PHONE_PLUS_AS_SPACE):
        # The bug: decoded a second time, as a form would be, so both a raw '+' and '%2B'
        # (what clients that encode path parameters send) end up as a space.
        return unquote_plus(decoded, errors="strict")
    return decoded


def _identifier(state: EmulatorState, raw: str) -> tuple[ContactIdentifier, str]:
    try:
        text = _decode_identifier(state, raw)
    except UnicodeDecodeError as error:
        raise ContactError(400, "identifier is not valid UTF-8 once percent-decoded") from error
    try:
        return parse_contact_identifier(text), text
    except IdentifierError as error:
        raise ContactError(400, str(error)) from error


def _find_contact(state: EmulatorState, identifier: ContactIdentifier) -> ContactRow | None:
    if identifier.kind == "id":
        contact = state.store.contact_by_id(int(identifier.value))
    else:
        contact = state.store.contact_by(identifier.kind, identifier.value)
    if contact is None:
        _unknown_contact_fault(state, identifier)
    return contact


def _unknown_contact_fault(state: EmulatorState, identifier: ContactIdentifier) -> None:
    """No contact has this identifier: under its fault, an unknown id is a 500."""
    if identifier.kind == "id" and state.faults.on(Fault.UNKNOWN_CONTACT_500):
        raise ContactError(500, "Unexpected error occurred")


# -- send ----------------------------------------------------------------------------------------


# One linear sequence of the curated checks, in their documented order.
async def _send(  # noqa: PLR0912
    state: EmulatorState, request: Incoming, segments: list[str]
) -> Reply:
    identifier, _ = _identifier(state, segments[1])
    if not is_json_content_type(request.headers.get("content-type")):
        raise ContactError(400, "Content-Type must be application/json")
    try:
        raw = await read_body(request.receive, request.headers, state.config.max_body_bytes)
    except BodyTooLargeError as error:
        raise ContactError(
            413, f"request body is larger than {state.config.max_body_bytes} bytes"
        ) from error
    # The bug: one level more than the renderer handles (`render_message`).
    max_depth = MAX_JSON_DEPTH + (1 if state.faults.on(Fault.NESTING_OFF_BY_ONE) else 0)
    try:
        body = parse_json_body(raw, max_depth)
    except BadJsonError as error:
        raise ContactError(400, str(error)) from error
    problems = check(SEND_SHAPE, body)
    if problems:
        path, problem = problems[0]
        raise ContactError(400, f"Validation error: {path or 'body'} {problem}")
    if state.faults.on(Fault.UNICODE_500) and not json.dumps(body, ensure_ascii=False).isascii():
        raise ContactError(500, "Unexpected error occurred")
    message: dict[str, Any] = body["message"]
    contact = _find_contact(state, identifier)
    if contact is None and identifier.kind == "id":
        raise ContactError(404, "NOT_FOUND")
    raw_channel = body.get("channelId")
    channel_id = None if raw_channel is None else int(raw_channel)
    explicit = channel_id is not None
    if channel_id is None:
        channel_id = None if contact is None else contact.last_channel_id
        if channel_id is None:
            raise ContactError(
                400,
                "Validation error: channelId is null and the contact has no last interacted "
                "channel; give a channelId",
            )
    channel = state.contact_channels.get(channel_id)
    if channel is None:
        raise ContactError(400, f"Validation error: channelId {channel_id} is not a channel")
    kind = message["type"]
    if kind == "custom_payload":
        if channel.platform not in CUSTOM_PAYLOAD_PLATFORMS:
            raise ContactError(
                400,
                "Validation error: custom_payload messages are only supported on telegram, "
                f"facebook, viber and line channels, not {channel.platform}",
            )
        if not explicit:
            raise ContactError(
                400, "Validation error: a custom_payload message needs an explicit channelId"
            )
    if kind == "email" and channel.platform != "email":
        raise ContactError(400, "Validation error: email messages need an email channel")
    if kind == "whatsapp_template" and channel.platform != "whatsapp":
        raise ContactError(
            400, "Validation error: whatsapp_template messages need a whatsapp channel"
        )
    now = state.now()
    if (
        channel.platform in MESSAGE_TAG_PLATFORMS
        and kind in ("text", "attachment", "quick_reply")
        and "messageTag" not in message
        and _outside_window(contact, now)
    ):
        raise ContactError(
            400,
            f"Validation error: messageTag is required on {channel.platform} more than 24 hours "
            "after the contact's last incoming message",
        )
    if state.store.queue_full(channel.id):
        raise ContactError(449, QUEUED_MESSAGE)
    message_id, _ = await state.store.insert_contact_message(
        contact_kind=identifier.kind,
        contact_value=identifier.value,
        channel_id=channel.id,
        traffic="outgoing",
        content=message,
        sender={"source": "api"},
        now=now,
        fails=channel.fails_delivery,
        via_api=True,
    )
    return Reply(200, {"messageId": message_id})


def _outside_window(contact: ContactRow | None, now: float) -> bool:
    if contact is None or contact.last_incoming_at is None:
        return True
    return now - contact.last_incoming_at > MESSAGING_WINDOW_SECONDS


# -- get -----------------------------------------------------------------------------------------


def _get(state: EmulatorState, request: Incoming, segments: list[str]) -> Reply:
    identifier, _ = _identifier(state, segments[1])
    raw_id = unquote(segments[3])
    if not _MESSAGE_ID_RE.fullmatch(raw_id) or not 1 <= int(raw_id) <= INT64_MAX:
        raise ContactError(400, f"Validation error: messageId {raw_id[:40]!r} is not a message id")
    contact, row = state.store.contact_and_message(identifier.kind, identifier.value, int(raw_id))
    if contact is None:
        _unknown_contact_fault(state, identifier)
        raise ContactError(404, "NOT_FOUND")
    if row is None or (row.via_api and state.faults.on(Fault.SENT_MESSAGE_MISSING)):
        if state.faults.on(Fault.UNKNOWN_ID_200):
            return Reply(200, {})
        raise ContactError(404, "NOT_FOUND")
    if state.store.queue_full(row.channel_id):
        raise ContactError(449, QUEUED_MESSAGE)
    return Reply(200, render_message(state, row, state.now()))


# The deepest message content the renderer takes: a send body nests it one level down, so
# every body the parser accepts (MAX_JSON_DEPTH) fits.
MAX_CONTENT_DEPTH = MAX_JSON_DEPTH - 1


def render_message(state: EmulatorState, row: ContactMessageRow, now: float) -> dict[str, Any]:
    if json_depth(row.content) > MAX_CONTENT_DEPTH:
        # Only reachable when the parser let more through (the nesting-off-by-one fault).
        raise ContactError(500, "Unexpected error occurred")
    rendered: dict[str, Any] = {
        "messageId": row.id,
        "channelMessageId": row.channel_message_id,
        "contactId": row.contact_id,
        "channelId": row.channel_id,
        "traffic": row.traffic,
        "message": row.content,
    }
    if row.traffic == "outgoing":
        entries = []
        for entry in contact_timeline(row.created_at, row.fails, now):
            value = entry.value
            if value == "pending" and state.faults.on(Fault.STATUS_OUTSIDE_ENUM):
                value = "queued"
            item: dict[str, Any] = {"value": value, "timestamp": int(entry.at)}
            if value == "failed":
                item["message"] = CONTACT_FAILURE_REASON
            entries.append(item)
        if state.faults.on(Fault.STATUS_TIMELINE_REGRESSION):
            entries.reverse()
        rendered["status"] = entries
        if row.sender is not None:
            rendered["sender"] = row.sender
    return rendered


# -- list ----------------------------------------------------------------------------------------


def _list(state: EmulatorState, request: Incoming, segments: list[str]) -> Reply:
    identifier, identifier_text = _identifier(state, segments[1])
    params = request.query_params()
    limit = _limit(state, params.get("limit"))
    cursor = params.get("cursorId")
    if cursor is not None and not _CURSOR_RE.fullmatch(cursor):
        raise ContactError(
            400, "Validation error: cursorId must be a message id (digits, optionally negative)"
        )
    contact = _find_contact(state, identifier)
    if contact is None:
        if identifier.kind == "id":
            raise ContactError(404, "NOT_FOUND")
        # An email or phone nobody has written to yet: a contact without messages.
        return Reply(200, {"items": [], "pagination": _pagination(state, "", "")})
    include_sent = not state.faults.on(Fault.SENT_MESSAGE_MISSING)
    store = state.store
    cursor_value = None if cursor is None else int(cursor)
    negative = cursor is not None and cursor.startswith("-")
    later_page = cursor_value is not None and cursor_value > 0 and not negative
    if cursor_value is None or not negative:
        after = cursor_value or 0
        if later_page and state.faults.on(Fault.DUPLICATE_ON_PAGE):
            after -= 1
        fetch = limit + 1 if later_page and state.faults.on(Fault.PAGING_SKIPS_ITEM) else limit
        rows = store.contact_messages_after(contact.id, after, fetch, include_api_sent=include_sent)
        if later_page and state.faults.on(Fault.PAGING_SKIPS_ITEM):
            rows = rows[1:]
    else:
        rows = store.contact_messages_before(
            contact.id, -cursor_value, limit, include_api_sent=include_sent
        )
    now = state.now()
    items = [render_message(state, row, now) for row in rows]
    origin = (
        _FOREIGN_ORIGIN if state.faults.on(Fault.PAGING_NEXT_FOREIGN_HOST) else request.base_url
    )
    base = (
        f"{origin}/v1/contact/{quote(identifier_text, safe=':@')}/message/list"
        f"?limit={limit}&cursorId="
    )
    next_url = previous_url = ""
    if rows:
        first, last = rows[0].id, rows[-1].id
        if store.contact_messages_after(contact.id, last, 1, include_api_sent=include_sent):
            next_url = f"{base}{last}"
        if store.contact_messages_before(contact.id, first, 1, include_api_sent=include_sent):
            previous_url = f"{base}-{first}"
    elif cursor_value is not None and cursor_value >= 0 and not negative:
        # Past the end: previous leads back to the last page.
        before = cursor_value + 1
        if store.contact_messages_before(contact.id, before, 1, include_api_sent=include_sent):
            previous_url = f"{base}-{before}"
    return Reply(200, {"items": items, "pagination": _pagination(state, next_url, previous_url)})


def _pagination(state: EmulatorState, next_url: str, previous_url: str) -> dict[str, Any]:
    if state.faults.on(Fault.PAGINATION_NULL_AT_END):
        return {"next": next_url or None, "previous": previous_url or None}
    return {"next": next_url, "previous": previous_url}


def _limit(state: EmulatorState, raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIST_LIMIT
    text = raw
    if not re.fullmatch(r"-?[0-9]{1,9}", text):
        raise ContactError(
            400, f"Validation error: limit must be an integer from 1 to {MAX_LIST_LIMIT}"
        )
    value = int(text)
    if state.faults.on(Fault.LIMIT_UNCHECKED):
        return max(0, min(value, 10_000))
    if not 1 <= value <= MAX_LIST_LIMIT:
        raise ContactError(
            400, f"Validation error: limit must be an integer from 1 to {MAX_LIST_LIMIT}"
        )
    return value
