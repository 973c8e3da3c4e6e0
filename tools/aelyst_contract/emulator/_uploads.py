"""Presigned media uploads, for real: a signed, expiring policy; a multipart POST; the bytes back.

POST /workspaces/{ws}[/channels/{ch}]/presigned-upload (channel API) calls `create_presigned`.
POST /_uploads        the uploadUrl: multipart form with every uploadFormData field plus `file`;
                      no access key; 204 on success; 403 for a bad or expired policy; 413 when
                      over the limit.
GET  /_media/{ws}/{id} the mediaUrl: the uploaded bytes with their content type (public).
Errors use the channel API's format.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.types import Message

from aelyst_contract.emulator._faults import Fault
from aelyst_contract.emulator._http import (
    BodyTooLargeError,
    Incoming,
    Reply,
    declared_length,
    is_loopback_host,
)
from aelyst_contract.emulator._state import EmulatorState

__all__ = ["MEDIA_SEGMENT", "UPLOAD_SEGMENT", "create_presigned", "handle", "own_media_key"]

UPLOAD_SEGMENT = "_uploads"
MEDIA_SEGMENT = "_media"
# Room for the form fields and multipart framing around the file itself.
_FORM_OVERHEAD_BYTES = 64 * 1024


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"code": code, "message": message}, dict(headers or {}))


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(parts: SplitResult) -> tuple[str, int] | None:
    """(host, port) with the host lower-cased (every loopback name the same) and the port
    explicit; None for anything that is not an http(s) URL with a host."""
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    return ("loopback" if is_loopback_host(host) else host), port or _DEFAULT_PORTS[scheme]


def _segments(path: str) -> list[str]:
    """Path segments percent-decoded, with empty and dot segments resolved."""
    segments: list[str] = []
    for raw in path.split("/"):
        segment = unquote(raw, errors="replace")
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(segment)
    return segments


def own_media_key(state: EmulatorState, base_url: str, url: str) -> str | None:
    """The media key when `url`, however spelt, is one of this emulator's media URLs: its host
    is ours (the base URL's or the configured public URL's, default ports explicit; or any
    loopback name and port: localhost, 127.0.0.1 and ::1 alike) and its normalised,
    percent-decoded path is under /_media/."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    origin = _origin(parts)
    if origin is None:
        return None
    path = _segments(parts.path)
    for own_url in {base_url, state.config.public_url or base_url}:
        own = urlsplit(own_url)
        prefix = _segments(own.path)
        # Any loopback port may be us (directly, or through a local gateway).
        same_host = _origin(own) == origin or origin[0] == "loopback"
        if not same_host or path[: len(prefix)] != prefix:
            continue
        rest = path[len(prefix) :]
        if rest and rest[0] == MEDIA_SEGMENT:
            return "/".join(rest[1:])
    return None


async def create_presigned(
    state: EmulatorState,
    base_url: str,
    workspace_id: str,
    channel_id: str | None,
    content_type: str,
) -> dict[str, Any]:
    media_id = str(uuid.uuid4())
    key = f"{workspace_id}/{media_id}"
    await state.store.create_media(key, workspace_id, channel_id, content_type)
    policy_token = state.sign(
        {
            "key": key,
            "contentType": content_type,
            "expires": int(state.now()) + state.config.upload_policy_seconds,
            "maxBytes": state.config.max_upload_bytes,
        }
    )
    policy, _, signature = policy_token.partition(".")
    return {
        "mediaUrl": f"{base_url}/{MEDIA_SEGMENT}/{key}",
        "uploadUrl": f"{base_url}/{UPLOAD_SEGMENT}",
        "uploadMethod": "POST",
        "uploadFormData": {
            "key": key,
            "Content-Type": content_type,
            "policy": policy,
            "signature": signature,
        },
    }


async def handle(state: EmulatorState, request: Incoming) -> Reply:
    if request.segments[0] == MEDIA_SEGMENT:
        if len(request.segments) != 3:
            return _error(404, "NotFound", "no such media")
        if request.method != "GET":
            return _error(405, "MethodNotAllowed", "use GET", {"Allow": "GET"})
        return _media(state, request)
    if len(request.segments) != 1:
        return _error(404, "NotFound", "no such resource")
    if request.method != "POST":
        return _error(405, "MethodNotAllowed", "use POST", {"Allow": "POST"})
    return await _upload(state, request)


def _media(state: EmulatorState, request: Incoming) -> Reply:
    key = "/".join(request.segments[1:])
    media = state.store.media(key)
    if media is None or media.data is None:
        return _error(404, "NotFound", "no such media")
    return Reply(200, media.data, content_type=media.content_type)


# A linear sequence of checks, each with its own answer.
async def _upload(state: EmulatorState, request: Incoming) -> Reply:  # noqa: PLR0911
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        return _error(400, "InvalidRequest", "the upload must be multipart/form-data")
    limit = state.config.max_upload_bytes + _FORM_OVERHEAD_BYTES
    length = declared_length(request.headers)
    if length is not None and length > limit:
        return _error(413, "EntityTooLarge", "the file is larger than the upload limit")
    received = 0

    async def bounded_receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise BodyTooLargeError
        return message

    form_request = Request(request.scope, bounded_receive)
    try:
        form = await form_request.form(max_files=1, max_fields=16)
    except BodyTooLargeError:
        return _error(413, "EntityTooLarge", "the file is larger than the upload limit")
    except (MultiPartException, ValueError, UnicodeDecodeError) as error:
        return _error(400, "InvalidRequest", f"unreadable multipart form: {error}")
    try:
        fields = {name: value for name, value in form.multi_items() if isinstance(value, str)}
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return _error(400, "InvalidRequest", "the form needs a file field")
        policy = _check_policy(state, fields, upload)
        if isinstance(policy, Reply):
            return policy
        data = await upload.read()
    finally:
        await form.close()
    if len(data) > state.config.max_upload_bytes:
        return _error(413, "EntityTooLarge", "the file is larger than the upload limit")
    if not await state.store.store_media(policy["key"], data, state.now()):
        # A form uploads once: media a message may already reference never changes.
        return _error(
            403, "AccessDenied", "the policy names no pending upload (a form is used once)"
        )
    return Reply(204)


def _check_policy(  # noqa: PLR0911 (one answer per way a form can break the policy)
    state: EmulatorState, fields: dict[str, str], upload: UploadFile
) -> dict[str, Any] | Reply:
    """The signed policy's content, or the 403 answer for a form that does not match it."""
    unchecked = state.faults.on(Fault.UPLOAD_POLICY_UNCHECKED)
    token = f"{fields.get('policy', '')}.{fields.get('signature', '')}"
    policy = state.unsign(token)
    if policy is None:
        if unchecked and "key" in fields:
            return {"key": fields["key"]}
        return _error(403, "AccessDenied", "the policy signature does not match")
    if unchecked:
        return policy
    if fields.get("key") != policy.get("key"):
        return _error(403, "AccessDenied", "key does not match the policy")
    expires = policy.get("expires")
    if not isinstance(expires, int) or state.now() > expires:
        return _error(403, "AccessDenied", "the policy has expired")
    wanted = policy.get("contentType")
    if fields.get("Content-Type") != wanted:
        return _error(403, "AccessDenied", "Content-Type does not match the policy")
    file_type = (upload.content_type or "").split(";", 1)[0].strip().lower()
    if file_type != str(wanted).lower():
        return _error(
            403, "AccessDenied", f"the file's content type must be {wanted} (the policy's)"
        )
    return policy
