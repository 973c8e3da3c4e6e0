"""The Channel Messaging API: workspace-scoped sends, lists, gets and presigned uploads.

Order of checks: route (404) and method (405 with Allow), auth (401), rate limit per workspace and
method (429), malformed ids or query (400), scoping (404: another workspace's ids look exactly like
ids that do not exist), unreadable body (400), body rules (422 with details per field), channel
state (409). Errors are {code: string, message, details?}.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import timedelta
from typing import Any
from urllib.parse import unquote

from aelyst_contract.emulator import _uploads
from aelyst_contract.emulator._config import Workspace, WorkspaceChannel
from aelyst_contract.emulator._faults import Fault
from aelyst_contract.emulator._http import (
    BadJsonError,
    BodyTooLargeError,
    Incoming,
    Reply,
    is_json_content_type,
    parse_json_body,
    read_body,
)
from aelyst_contract.emulator._identifiers import (
    email_problem,
    normalise_email,
    normalise_phone,
    phone_problem,
)
from aelyst_contract.emulator._shapes import (
    UUID_RE,
    Arr,
    Bool,
    Const,
    Custom,
    Int,
    Node,
    Num,
    Obj,
    Problems,
    Str,
    Tagged,
    check,
    parse_rfc3339,
    to_utc,
)
from aelyst_contract.emulator._state import EmulatorState
from aelyst_contract.emulator._store import ChannelMessageRow
from aelyst_contract.emulator._timeline import (
    CHANNEL_EXPIRED,
    CHANNEL_FAILURE,
    StatusEntry,
    channel_timeline,
    rfc3339,
)

__all__ = [
    "BODY_SHAPE",
    "DEFAULT_LIST_LIMIT",
    "DEFAULT_VALIDITY",
    "MAX_LIST_LIMIT",
    "MAX_PAGE_TOKEN_LENGTH",
    "PHONE_PLATFORMS",
    "PRESIGN_SHAPE",
    "RECEIVER_SHAPE",
    "SCHEDULE_AT_MOST",
    "SEND_NOW_WITHIN",
    "SEND_SHAPE",
    "SEND_SHAPE_LOOSE_TAGS",
    "TAG_RE",
    "TEMPLATE_SHAPE",
    "TWO_FACTOR_VALIDITY",
    "ChannelError",
    "error_reply",
    "handle",
    "render_message",
    "send_shape",
]

MAX_LIST_LIMIT = 100
DEFAULT_LIST_LIMIT = 10
MAX_PAGE_TOKEN_LENGTH = 1024
SEND_NOW_WITHIN = timedelta(minutes=10)
SCHEDULE_AT_MOST = timedelta(days=35)
DEFAULT_VALIDITY = 129600
TWO_FACTOR_VALIDITY = 600
PHONE_PLATFORMS = frozenset({"sms", "whatsapp"})
TAG_RE = re.compile(r"^[a-zA-Z0-9_\- ]{1,50}$")
_MEDIA_TYPE_RE = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$"
)

# -- request shapes --------------------------------------------------------------------------------

_URI = Str(fmt="uri")
_SHORT_LINKS = Obj({"enabled": Bool(), "domain": Str(min_len=1, max_len=253)}, required=("domain",))
_LIST_CONTENT = Obj(
    {
        "title": Str(),
        "text": Str(),
        "items": Arr(
            Obj(
                {"title": Str(min_len=1), "description": Str(), "mediaUrl": _URI},
                required=("title",),
            ),
            min_items=1,
            max_items=10,
        ),
    },
    required=("items",),
)


def _body_variant(kind: str, content: Node) -> Node:
    return Obj({"type": Const(kind), kind: content}, required=("type", kind))


BODY_SHAPE: Node = Tagged(
    {
        "text": _body_variant(
            "text", Obj({"text": Str(min_len=1, max_len=4096)}, required=("text",))
        ),
        "html": _body_variant(
            "html", Obj({"html": Str(min_len=1), "text": Str()}, required=("html",))
        ),
        "image": _body_variant(
            "image",
            Obj(
                {
                    "text": Str(),
                    "images": Arr(
                        Obj({"mediaUrl": _URI, "altText": Str()}, required=("mediaUrl",)),
                        min_items=1,
                        max_items=10,
                    ),
                },
                required=("images",),
            ),
        ),
        "file": _body_variant(
            "file",
            Obj(
                {
                    "text": Str(),
                    "files": Arr(
                        Obj(
                            {"mediaUrl": _URI, "contentType": Str(min_len=1), "filename": Str()},
                            required=("mediaUrl", "contentType"),
                        ),
                        min_items=1,
                        max_items=10,
                    ),
                },
                required=("files",),
            ),
        ),
        "gif": _body_variant("gif", Obj({"mediaUrl": _URI, "text": Str()}, required=("mediaUrl",))),
        "location": _body_variant(
            "location",
            Obj(
                {
                    "coordinates": Obj(
                        {"latitude": Num(-90, 90), "longitude": Num(-180, 180)},
                        required=("latitude", "longitude"),
                    ),
                    "label": Str(),
                    "address": Str(),
                },
                required=("coordinates",),
            ),
        ),
        "carousel": _body_variant(
            "carousel",
            Obj(
                {
                    "items": Arr(
                        Obj(
                            {
                                "title": Str(min_len=1),
                                "description": Str(),
                                "mediaUrl": _URI,
                                "actions": Arr(
                                    Obj(
                                        {
                                            "type": Str(enum=("link", "reply", "postback")),
                                            "text": Str(min_len=1),
                                            "url": _URI,
                                            "payload": Str(),
                                        },
                                        required=("type", "text"),
                                    ),
                                    max_items=3,
                                ),
                            },
                            required=("title",),
                        ),
                        min_items=1,
                        max_items=10,
                    )
                },
                required=("items",),
            ),
        ),
        "list": _body_variant("list", _LIST_CONTENT),
        "section": _body_variant(
            "section",
            Obj(
                {"title": Str(), "sections": Arr(_LIST_CONTENT, min_items=1, max_items=10)},
                required=("sections",),
            ),
        ),
        "authentication": _body_variant(
            "authentication",
            Obj(
                {
                    "code": Str(
                        pattern=re.compile(r"^[0-9A-Za-z]{4,10}$"),
                        pattern_hint="4-10 letters or digits",
                    )
                },
                required=("code",),
            ),
        ),
    }
)
TEMPLATE_SHAPE: Node = Obj(
    {
        "projectId": Str(fmt="uuid"),
        "version": Str(
            pattern=re.compile(
                r"^(latest|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
            ),
            pattern_hint="'latest' or a version UUID",
        ),
        "locale": Str(
            pattern=re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$"),
            pattern_hint="a BCP 47 language tag",
        ),
        "parameters": Arr(
            Obj(
                {"type": Str(enum=("string",)), "key": Str(min_len=1), "value": Str()},
                required=("type", "key", "value"),
            ),
            max_items=50,
        ),
        "shortLinks": _SHORT_LINKS,
    },
    required=("projectId", "version", "locale"),
)


def _receiver_contact_rule(value: Any) -> str:
    if "id" in value:
        if "identifierKey" in value or "identifierValue" in value:
            return "give either id or identifierKey with identifierValue, not both"
        return ""
    if "identifierKey" not in value or "identifierValue" not in value:
        return "needs id, or identifierKey with identifierValue"
    return ""


RECEIVER_SHAPE: Node = Obj(
    {
        "contacts": Arr(
            Custom(
                Obj(
                    {
                        "id": Str(fmt="uuid"),
                        "identifierKey": Str(enum=("phonenumber", "emailaddress")),
                        "identifierValue": Str(min_len=1, max_len=320),
                        "type": Str(enum=("to", "cc", "bcc")),
                    }
                ),
                _receiver_contact_rule,
            ),
            min_items=1,
            max_items=50,
        )
    },
    required=("contacts",),
)
_TAGS_STRICT = Arr(Str(pattern=TAG_RE, pattern_hint="1-50 of [a-zA-Z0-9_- ]"), max_items=10)
_TAGS_LOOSE = Arr(Str())
_META = Obj(
    {
        "extraInformation": Obj(
            {"useCase": Str(enum=("marketing", "transactional", "conversational"))}
        )
    }
)


def send_shape(strict_tags: bool) -> Node:
    return Obj(
        {
            "receiver": RECEIVER_SHAPE,
            "body": BODY_SHAPE,
            "template": TEMPLATE_SHAPE,
            "reference": Str(max_len=256),
            "capFrequency": Bool(),
            "enableLinkTracking": Bool(),
            "ignoreQuietHours": Bool(),
            "ignoreGlobalHoldout": Bool(),
            "tags": _TAGS_STRICT if strict_tags else _TAGS_LOOSE,
            "shortLinks": _SHORT_LINKS,
            "scheduledFor": Str(fmt="date-time"),
            "validity": Int(1, 2592000),
            "meta": _META,
        },
        required=("receiver",),
    )


SEND_SHAPE = send_shape(strict_tags=True)
SEND_SHAPE_LOOSE_TAGS = send_shape(strict_tags=False)
PRESIGN_SHAPE: Node = Obj({"contentType": Str(min_len=1, max_len=255)}, required=("contentType",))

# -- errors --------------------------------------------------------------------------------------


class ChannelError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}


def error_reply(
    status: int,
    code: str,
    message: str,
    details: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return Reply(status, body, dict(headers or {}))


def _bad_request(message: str) -> ChannelError:
    return ChannelError(400, "InvalidRequest", message)


def _not_found(what: str) -> ChannelError:
    return ChannelError(404, "NotFound", f"{what} not found")


def _invalid(problems: Problems) -> ChannelError:
    details: dict[str, list[str]] = defaultdict(list)
    for path, message in problems:
        details[path or "body"].append(message)
    return ChannelError(422, "InvalidPayload", "the request body is invalid", dict(details))


# -- routing -------------------------------------------------------------------------------------


# endpoint name -> allowed methods, by path shape
def _route(segments: list[str]) -> tuple[str, dict[str, str]] | None:  # noqa: PLR0911 (a table)
    """(path shape, {method: endpoint})."""
    if len(segments) < 3 or segments[0] != "workspaces":
        return None
    rest = segments[2:]
    if rest == ["messages"]:
        return "workspace-messages", {"GET": "list-workspace"}
    if rest == ["presigned-upload"]:
        return "presign", {"POST": "presign"}
    if len(rest) >= 3 and rest[0] == "channels":
        tail = rest[2:]
        if tail == ["messages"]:
            return "channel-messages", {"GET": "list-channel", "POST": "send"}
        if len(tail) == 2 and tail[0] == "messages":
            return "channel-message", {"GET": "get"}
        if tail == ["presigned-upload"]:
            return "channel-presign", {"POST": "presign-channel"}
    return None


async def handle(state: EmulatorState, request: Incoming) -> Reply:
    reply = await _handle(state, request)
    mismatch = reply.status >= 400 and state.faults.on(Fault.ERROR_CODE_MISMATCH)
    if mismatch and isinstance(reply.body, dict) and "code" in reply.body:
        reply.body["code"] = "InvalidRequest"
    return reply


async def _handle(state: EmulatorState, request: Incoming) -> Reply:
    route = _route(request.segments)
    if route is None:
        return error_reply(404, "NotFound", "no such resource")
    endpoints = route[1]
    endpoint = endpoints.get(request.method)
    if endpoint is None:
        headers = {}
        if not state.faults.on(Fault.METHOD_NOT_ALLOWED_WITHOUT_ALLOW):
            headers["Allow"] = ", ".join(endpoints)
        return error_reply(
            405, "MethodNotAllowed", f"{request.method} is not allowed here", None, headers
        )
    key_workspace = _authenticated_workspace(state, request)
    if key_workspace is None:
        return error_reply(401, "Unauthorized", "a valid AccessKey is required")
    rate = (
        key_workspace.rate_limit_post if request.method == "POST" else key_workspace.rate_limit_get
    ) or (
        state.config.channel_rate_limit_post
        if request.method == "POST"
        else state.config.channel_rate_limit_get
    )
    decision = state.limiter.hit(("channel", key_workspace.id, request.method), rate, state.now())
    rate_headers = decision.headers()
    if not decision.allowed:
        headers = dict(rate_headers)
        if not state.faults.on(Fault.RATE_LIMITED_WITHOUT_RETRY_AFTER):
            headers["Retry-After"] = str(decision.retry_after)
        return error_reply(429, "TooManyRequests", "rate limit exceeded", None, headers)
    try:
        reply = await _dispatch(state, request, endpoint, key_workspace)
    except ChannelError as error:
        reply = error_reply(error.status, error.code, error.message, error.details, error.headers)
    reply.headers.update(rate_headers)
    return reply


def _authenticated_workspace(state: EmulatorState, request: Incoming) -> Workspace | None:
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    workspace = state.workspaces_by_key.get(key.strip()) if scheme.lower() == "accesskey" else None
    if workspace is None and state.faults.on(Fault.AUTH_NOT_ENFORCED):
        path_workspace = state.workspaces_by_id.get(_decoded(request.segments[1]).lower())
        return path_workspace or state.config.workspaces[0]
    return workspace


def _decoded(segment: str) -> str:
    return unquote(segment, errors="replace")


def _uuid_segment(segment: str, name: str) -> str:
    value = _decoded(segment)
    if not UUID_RE.fullmatch(value):
        raise _bad_request(f"{name} must be a UUID")
    return value.lower()


async def _dispatch(
    state: EmulatorState, request: Incoming, endpoint: str, key_workspace: Workspace
) -> Reply:
    segments = request.segments
    workspace_id = _uuid_segment(segments[1], "workspaceId")
    channel_id = _uuid_segment(segments[3], "channelId") if len(segments) > 4 else None
    message_id = _uuid_segment(segments[5], "messageId") if endpoint == "get" else None
    params = request.query_params() if endpoint.startswith("list") else {}
    limit = _limit(state, params.get("limit")) if endpoint.startswith("list") else 0
    workspace = _scoped_workspace(state, key_workspace, workspace_id)
    channel = _scoped_channel(state, workspace, channel_id) if channel_id else None
    if endpoint == "send":
        assert channel is not None
        return await _send(state, request, workspace, channel)
    if endpoint == "get":
        assert channel is not None
        assert message_id is not None
        return _get(state, workspace, channel, message_id)
    if endpoint in ("list-channel", "list-workspace"):
        return _list(state, workspace, channel, limit, params.get("pageToken"))
    body = await _json_body(state, request)
    problems = check(PRESIGN_SHAPE, body)
    content_type = body.get("contentType") if isinstance(body, dict) else None
    if not problems and not _MEDIA_TYPE_RE.fullmatch(str(content_type)):
        problems = [("contentType", "must be a media type such as image/png")]
    if problems:
        raise _invalid(problems)
    assert isinstance(content_type, str)
    upload = await _uploads.create_presigned(
        state, request.base_url, workspace.id, None if channel is None else channel.id, content_type
    )
    return Reply(200, upload)


def _scoped_workspace(
    state: EmulatorState, key_workspace: Workspace, workspace_id: str
) -> Workspace:
    if workspace_id == key_workspace.id:
        return key_workspace
    if state.faults.on(Fault.CROSS_WORKSPACE_LEAK):
        other = state.workspaces_by_id.get(workspace_id)
        if other is not None:
            return other
    raise _not_found("workspace")


def _scoped_channel(
    state: EmulatorState, workspace: Workspace, channel_id: str
) -> WorkspaceChannel:
    found = state.channels_by_id.get(channel_id)
    if found is None or found[0].id != workspace.id:
        raise _not_found("channel")
    return found[1]


def _limit(state: EmulatorState, raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIST_LIMIT
    if not re.fullmatch(r"-?[0-9]{1,9}", raw):
        raise _bad_request(f"limit must be an integer from 1 to {MAX_LIST_LIMIT}")
    value = int(raw)
    if state.faults.on(Fault.LIMIT_UNCHECKED):
        return max(0, min(value, 10_000))
    if not 1 <= value <= MAX_LIST_LIMIT:
        raise _bad_request(f"limit must be an integer from 1 to {MAX_LIST_LIMIT}")
    return value


async def _json_body(state: EmulatorState, request: Incoming) -> Any:
    if not is_json_content_type(request.headers.get("content-type")):
        raise _bad_request("Content-Type must be application/json")
    try:
        raw = await read_body(request.receive, request.headers, state.config.max_body_bytes)
    except BodyTooLargeError as error:
        raise ChannelError(
            413, "PayloadTooLarge", f"the body is larger than {state.config.max_body_bytes} bytes"
        ) from error
    try:
        return parse_json_body(raw)
    except BadJsonError as error:
        raise _bad_request(str(error)) from error


# -- send ----------------------------------------------------------------------------------------


async def _send(
    state: EmulatorState, request: Incoming, workspace: Workspace, channel: WorkspaceChannel
) -> Reply:
    body = await _json_body(state, request)
    strict_tags = not state.faults.on(Fault.TAGS_UNLIMITED)
    problems = check(SEND_SHAPE if strict_tags else SEND_SHAPE_LOOSE_TAGS, body)
    if problems:
        raise _invalid(problems)
    if state.faults.on(Fault.UNICODE_500) and not json.dumps(body, ensure_ascii=False).isascii():
        raise ChannelError(500, "InternalError", "unexpected error")
    now = state.now()
    problems = _rule_problems(body, channel)
    receivers, receiver_problems = _receivers(state, workspace, channel, body["receiver"])
    problems.extend(receiver_problems)
    problems.extend(_media_problems(state, request.base_url, workspace, channel, body))
    start_at, scheduled_for = _schedule(state, body, now, problems)
    if problems:
        raise _invalid(problems)
    if not channel.active:
        raise ChannelError(409, "Conflict", "channel is not active")
    validity = body.get("validity")
    if validity is None:
        two_factor = channel.two_factor and not state.faults.on(Fault.VALIDITY_DEFAULT_WRONG)
        validity = TWO_FACTOR_VALIDITY if two_factor else DEFAULT_VALIDITY
    doc: dict[str, Any] = {"validity": int(validity)}
    for name in ("body", "template", "reference", "shortLinks", "meta"):
        if name in body:
            doc[name] = body[name]
    if "tags" in body:
        doc["tags"] = list(body["tags"])
    if scheduled_for is not None:
        doc["scheduledFor"] = scheduled_for
    row = await state.store.insert_channel_message(
        workspace_id=workspace.id,
        channel_id=channel.id,
        direction="outgoing",
        receivers=receivers,
        doc=doc,
        now=now,
        start_at=start_at,
        fails=channel.fails_delivery,
        via_api=True,
    )
    return Reply(202, render_message(state, row, channel, now))


def _schedule(
    state: EmulatorState, body: dict[str, Any], now: float, problems: Problems
) -> tuple[float, str | None]:
    """(send time, scheduledFor as answered); adds the problems of a bad scheduledFor."""
    if "scheduledFor" not in body:
        return now, None
    moment = parse_rfc3339(body["scheduledFor"])
    assert moment is not None  # the shape checked the format
    utc = to_utc(moment)
    if utc is None:
        if state.faults.on(Fault.SCHEDULED_FOR_OVERFLOW_500):
            raise ChannelError(500, "InternalError", "unexpected error")
        problems.append(("scheduledFor", "must be a date-time between years 1 and 9999 in UTC"))
        return now, None
    at = utc.timestamp()
    start_at = now
    if at - now > SCHEDULE_AT_MOST.total_seconds():
        problems.append(("scheduledFor", "must be at most 35 days ahead"))
    elif at - now > SEND_NOW_WITHIN.total_seconds() and not state.faults.on(
        Fault.SCHEDULED_SENT_NOW
    ):
        start_at = at
    return start_at, rfc3339(at)


def _rule_problems(body: dict[str, Any], channel: WorkspaceChannel) -> Problems:
    problems: Problems = []
    has_body, has_template = "body" in body, "template" in body
    if has_body and has_template:
        problems.append(("template", "give either body or template, not both"))
    elif not has_body and not has_template:
        problems.append(("body", "body or template is required"))
    contacts = body["receiver"]["contacts"]
    if channel.platform != "email":
        if len(contacts) > 1:
            problems.append(
                ("receiver.contacts", "only email channels accept more than one receiver")
            )
        for index, contact in enumerate(contacts):
            if contact.get("type") in ("cc", "bcc"):
                problems.append(
                    (f"receiver.contacts[{index}].type", "cc and bcc are only for email channels")
                )
        if has_body and body["body"]["type"] == "html":
            problems.append(("body.type", "html bodies are only for email channels"))
    if has_template and "shortLinks" in body:
        problems.append(("shortLinks", "with a template, set template.shortLinks instead"))
    if body.get("capFrequency") is True:
        use_case = body.get("meta", {}).get("extraInformation", {}).get("useCase")
        if use_case != "marketing" or any("id" not in contact for contact in contacts):
            problems.append(
                (
                    "capFrequency",
                    "can only be true for contacts given by id with meta.extraInformation.useCase "
                    "marketing",
                )
            )
    return problems


def _media_urls(value: Any, path: str) -> list[tuple[str, str]]:
    """(field path, url) of every mediaUrl in a body."""
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            if key == "mediaUrl" and isinstance(item, str):
                found.append((where, item))
            else:
                found.extend(_media_urls(item, where))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_media_urls(item, f"{path}[{index}]"))
    return found


def _media_problems(
    state: EmulatorState,
    base_url: str,
    workspace: Workspace,
    channel: WorkspaceChannel,
    body: dict[str, Any],
) -> Problems:
    """Our own media URLs must name an upload of this workspace (and channel, if scoped).

    Ours is decided on the parsed, normalised URL (`_uploads.own_media_key`), so no other
    spelling of the same URL slips through. Other URLs are the sender's business (public media).
    Another workspace's media reads as missing: nothing leaks.
    """
    prefix = f"{base_url}/{_uploads.MEDIA_SEGMENT}/"
    problems: Problems = []
    for where, url in _media_urls(body.get("body"), "body"):
        if state.faults.on(Fault.MEDIA_OWNER_STRING_PREFIX):
            # The bug: a string-prefix test, blind to every other spelling of our URLs.
            key = url.removeprefix(prefix) if url.startswith(prefix) else None
        else:
            key = _uploads.own_media_key(state, base_url, url)
        if key is None:
            continue
        media = state.store.media(key)
        if media is None or media.data is None or media.workspace_id != workspace.id:
            problems.append((where, "no uploaded media at this URL"))
        elif media.channel_id is not None and media.channel_id != channel.id:
            problems.append((where, "this media was uploaded for another channel"))
    return problems


def _receivers(
    state: EmulatorState,
    workspace: Workspace,
    channel: WorkspaceChannel,
    receiver: dict[str, Any],
) -> tuple[list[dict[str, Any]], Problems]:
    """Receivers as stored (identifiers normalised, ids checked), and the problems found."""
    problems: Problems = []
    resolved: list[dict[str, Any]] = []
    for index, contact in enumerate(receiver["contacts"]):
        where = f"receiver.contacts[{index}]"
        entry: dict[str, Any] = {}
        if "id" in contact:
            known = state.store.channel_contact(workspace.id, contact["id"].lower())
            if known is None:
                raise _not_found("contact")
            entry = {
                "id": contact["id"].lower(),
                "identifierKey": known[0],
                "identifierValue": known[1],
            }
        else:
            key, value = contact["identifierKey"], contact["identifierValue"]
            if channel.platform == "email" and key != "emailaddress":
                problems.append((f"{where}.identifierKey", "email channels need emailaddress"))
            elif channel.platform in PHONE_PLATFORMS and key != "phonenumber":
                problems.append(
                    (f"{where}.identifierKey", f"{channel.platform} channels need phonenumber")
                )
            problem = phone_problem(value) if key == "phonenumber" else email_problem(value)
            if problem:
                problems.append((f"{where}.identifierValue", problem))
            else:
                normalised = (
                    normalise_phone(value) if key == "phonenumber" else normalise_email(value)
                )
                entry = {"identifierKey": key, "identifierValue": normalised}
        if "type" in contact:
            entry["type"] = contact["type"]
        resolved.append(entry)
    return resolved, problems


# -- reading -------------------------------------------------------------------------------------


def render_message(
    state: EmulatorState, row: ChannelMessageRow, channel: WorkspaceChannel, now: float
) -> dict[str, Any]:
    doc = row.doc
    if row.direction == "incoming":
        # Received messages have nothing left to deliver.
        timeline = [StatusEntry("delivered", row.created_at)]
    else:
        validity = doc.get("validity")
        timeline = channel_timeline(
            row.created_at,
            row.start_at,
            row.fails,
            now,
            validity=validity if isinstance(validity, int) else None,
        )
    latest = timeline[-1]
    status = latest.value
    if status == "accepted" and state.faults.on(Fault.STATUS_OUTSIDE_ENUM):
        status = "queued"
    if status in ("delivered", "delivery_failed") and state.faults.on(
        Fault.STATUS_TIMELINE_REGRESSION
    ):
        status = "processing"
    rendered: dict[str, Any] = {
        "id": row.id,
        "channelId": row.channel_id,
        "sender": {"connector": {"id": channel.id, "identifierValue": channel.sender_identifier}},
        "receiver": doc["receiver"],
        "status": status,
        "direction": row.direction,
    }
    for name in ("body", "template", "reference", "shortLinks", "scheduledFor", "meta"):
        if name in doc:
            rendered[name] = doc[name]
    if "tags" in doc:
        tags = doc["tags"]
        rendered["tags"] = (
            tags if state.faults.on(Fault.TAGS_NOT_LOWERCASED) else [t.lower() for t in tags]
        )
    if "validity" in doc:
        rendered["validity"] = doc["validity"]
    if any(entry.value == "sent" for entry in timeline):
        rendered["parts"] = [{"platformReference": f"emu-{row.id}"}]
    if latest.value == "delivery_failed":
        rendered["failure"] = dict(CHANNEL_FAILURE)
        rendered["reason"] = CHANNEL_FAILURE["description"]
    elif latest.value == "sending_failed":
        rendered["failure"] = dict(CHANNEL_EXPIRED)
        rendered["reason"] = CHANNEL_EXPIRED["description"]
    rendered["createdAt"] = rfc3339(row.created_at)
    rendered["lastStatusAt"] = rfc3339(latest.at)
    rendered["updatedAt"] = rfc3339(latest.at)
    return rendered


def _get(
    state: EmulatorState, workspace: Workspace, channel: WorkspaceChannel, message_id: str
) -> Reply:
    row = state.store.channel_message(message_id)
    if (
        row is None
        or row.workspace_id != workspace.id
        or row.channel_id != channel.id
        or (row.via_api and state.faults.on(Fault.SENT_MESSAGE_MISSING))
    ):
        if state.faults.on(Fault.UNKNOWN_ID_200):
            return Reply(200, {})
        raise _not_found("message")
    return Reply(200, render_message(state, row, channel, state.now()))


def _list(
    state: EmulatorState,
    workspace: Workspace,
    channel: WorkspaceChannel | None,
    limit: int,
    page_token: str | None,
) -> Reply:
    scope = f"{workspace.id}/{'' if channel is None else channel.id}"
    before_seq = None
    if page_token is not None:
        before_seq = _read_page_token(state, page_token, scope)
    later_page = before_seq is not None
    if later_page and state.faults.on(Fault.DUPLICATE_ON_PAGE):
        assert before_seq is not None
        before_seq += 1
    skip = 1 if later_page and state.faults.on(Fault.PAGING_SKIPS_ITEM) else 0
    rows = state.store.channel_messages_page(
        workspace_id=workspace.id,
        channel_id=None if channel is None else channel.id,
        before_seq=before_seq,
        limit=limit + skip + 1,
        include_api_sent=not state.faults.on(Fault.SENT_MESSAGE_MISSING),
    )
    rows = rows[skip:]
    more = len(rows) > limit
    rows = rows[:limit]
    now = state.now()
    results = []
    for row in rows:
        _, row_channel = state.channels_by_id[row.channel_id]
        results.append(render_message(state, row, row_channel, now))
    answer: dict[str, Any] = {"results": results}
    if more and rows:
        answer["nextPageToken"] = state.sign({"scope": scope, "before": rows[-1].seq})
    return Reply(200, answer)


def _read_page_token(state: EmulatorState, token: str, scope: str) -> int:
    payload = None
    if len(token) <= MAX_PAGE_TOKEN_LENGTH:
        payload = state.unsign(token)
    before = None if payload is None else payload.get("before")
    if (
        payload is None
        or payload.get("scope") != scope
        or isinstance(before, bool)
        or not isinstance(before, int)
    ):
        if state.faults.on(Fault.FORGED_PAGETOKEN_500):
            raise ChannelError(500, "InternalError", "unexpected error")
        raise _bad_request("pageToken is not a token issued by this server for this list")
    return before
