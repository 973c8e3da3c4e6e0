"""Requests that follow or break each rule the specs state in prose (their `x-aelyst-rules`), for
the `prose_rules` check (aelyst_contract.fuzz._checks): one table per API.

A probe is built from what the target says of its world (channels by platform) and the path of
an accepted send; it names the rule id it exercises and what the answer must be: accepted (the
API's send status), refused (the API's refusal status for a body rule), or not found (404). A
probe the target cannot build (no channel of the platform it needs) is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aelyst_contract.fuzz._api_rules import api_rules
from aelyst_contract.fuzz._edge_values import UNKNOWN_INTEGER_ID, UNKNOWN_UUID
from aelyst_contract.fuzz._spec_facts import ApiName

__all__ = [
    "PROBE_EMAIL",
    "PROBE_PHONE",
    "ProbeContext",
    "RuleProbe",
    "RuleRequest",
    "receiver_for",
    "rule_probes",
]

# accept: the API's send status; refuse: its refusal status for a body rule; bad_request: 400;
# not_found: 404.
_Expect = Literal["accept", "refuse", "bad_request", "not_found"]
PROBE_PHONE = "+31612345678"
PROBE_EMAIL = "ann.lee@example.com"
# A contact nobody writes to: never an incoming message, so no last interacted channel and
# always outside the 24-hour window.
_QUIET_CONTACT = "email:rule-probe.quiet@example.com"


@dataclass(frozen=True)
class ProbeContext:
    base_url: str
    path_params: Mapping[str, str]  # of the accepted send the probes start from
    channel_platforms: Mapping[str, str | None]  # channel API: uuid -> platform
    contact_channels: Mapping[str, int]  # contact API: platform -> channel id


@dataclass(frozen=True)
class RuleRequest:
    method: str
    url: str
    body: Any  # JSON, or None


@dataclass(frozen=True)
class RuleProbe:
    rule: str  # the rule id in the spec's x-aelyst-rules
    what: str  # the request, in a few words (for the failure message)
    expect: _Expect
    build: Callable[[ProbeContext], RuleRequest | None]  # None: the target lacks what it needs
    # An accepting probe whose content the target may not have (a template): a refusal of it
    # says nothing.
    unsure: bool = False


def receiver_for(platform: str, count: int = 1, kind: str | None = None) -> dict[str, Any]:
    """`receiver` with `count` contacts of the identifier the platform takes."""
    contacts = []
    for index in range(count):
        if platform == "email":
            address = f"probe{index}.{PROBE_EMAIL}" if index else PROBE_EMAIL
            contact = {"identifierKey": "emailaddress", "identifierValue": address}
        else:
            contact = {"identifierKey": "phonenumber", "identifierValue": PROBE_PHONE}
        if kind is not None and index == count - 1 and count > 1:
            contact["type"] = kind
        contacts.append(contact)
    return {"contacts": contacts}


# --- contact API ---------------------------------------------------------------------------------


def _contact_send(
    platform: str | None, message: dict[str, Any], identifier: str | None = None
) -> Callable[[ProbeContext], RuleRequest | None]:
    rules = api_rules("contact")

    def build(context: ProbeContext) -> RuleRequest | None:
        who = identifier or context.path_params.get("identifier")
        if who is None:
            return None
        if platform is None:
            channel: int | None = None
        elif platform == "unknown":
            channel = UNKNOWN_INTEGER_ID
        elif platform in context.contact_channels:
            channel = context.contact_channels[platform]
        else:
            return None
        url = rules.url(context.base_url, rules.send_path, {"identifier": who})
        return RuleRequest("POST", url, {"channelId": channel, "message": message})

    return build


def _contact_custom_payload_on_allowed() -> Callable[[ProbeContext], RuleRequest | None]:
    nesting = api_rules("contact").payload_nesting
    assert nesting is not None

    def build(context: ProbeContext) -> RuleRequest | None:
        platform = next((p for p in nesting.platforms if p in context.contact_channels), None)
        if platform is None:
            return None
        return _contact_send(platform, _CUSTOM_PAYLOAD)(context)

    return build


_TEXT = {"type": "text", "text": "rule probe"}
_TAGGED = {**_TEXT, "messageTag": "ACCOUNT_UPDATE"}
_CUSTOM_PAYLOAD = {"type": "custom_payload", "payload": {"probe": True}}
_EMAIL = {"type": "email", "text": "rule probe", "subject": "probe"}
_TEMPLATE = {"type": "whatsapp_template", "template": {"name": "probe", "languageCode": "en"}}

_CONTACT_PROBES = (
    RuleProbe(
        "contact:custom-payload-platforms",
        "a custom_payload on an sms channel",
        "refuse",
        _contact_send("sms", _CUSTOM_PAYLOAD),
    ),
    RuleProbe(
        "contact:custom-payload-platforms",
        "a custom_payload on a telegram, facebook, viber or line channel",
        "accept",
        _contact_custom_payload_on_allowed(),
    ),
    RuleProbe(
        "contact:custom-payload-explicit-channel",
        "a custom_payload with channelId null",
        "refuse",
        _contact_send(None, _CUSTOM_PAYLOAD),
    ),
    RuleProbe(
        "contact:email-on-email-channels",
        "an email message on an sms channel",
        "refuse",
        _contact_send("sms", _EMAIL),
    ),
    RuleProbe(
        "contact:email-on-email-channels",
        "an email message on an email channel",
        "accept",
        _contact_send("email", _EMAIL),
    ),
    RuleProbe(
        "contact:whatsapp-template-on-whatsapp",
        "a whatsapp_template on an sms channel",
        "refuse",
        _contact_send("sms", _TEMPLATE),
    ),
    RuleProbe(
        "contact:whatsapp-template-on-whatsapp",
        "a whatsapp_template on a whatsapp channel",
        "accept",
        _contact_send("whatsapp", _TEMPLATE),
        unsure=True,
    ),
    RuleProbe(
        "contact:message-tag-window",
        "a text without messageTag on facebook to a contact who never wrote",
        "refuse",
        _contact_send("facebook", _TEXT, _QUIET_CONTACT),
    ),
    RuleProbe(
        "contact:message-tag-window",
        "a text with messageTag on facebook to a contact who never wrote",
        "accept",
        _contact_send("facebook", _TAGGED, _QUIET_CONTACT),
    ),
    RuleProbe(
        "contact:last-interacted-channel",
        "channelId null for a contact who never wrote",
        "refuse",
        _contact_send(None, _TEXT, _QUIET_CONTACT),
    ),
    RuleProbe(
        "contact:unknown-channel",
        f"channelId {UNKNOWN_INTEGER_ID}, which names no channel",
        "refuse",
        _contact_send("unknown", _TEXT),
    ),
)


# --- channel API ---------------------------------------------------------------------------------


def _channel_of(context: ProbeContext, platforms: tuple[str, ...]) -> tuple[str, str] | None:
    """(channel uuid, platform) of the first known channel of one of `platforms`."""
    for platform in platforms:
        for uuid, known in context.channel_platforms.items():
            if known == platform:
                return uuid, platform
    return None


def _channel_send(
    platforms: tuple[str, ...], make: Callable[[str], dict[str, Any]]
) -> Callable[[ProbeContext], RuleRequest | None]:
    rules = api_rules("channel")

    def build(context: ProbeContext) -> RuleRequest | None:
        found = _channel_of(context, platforms)
        workspace = context.path_params.get("workspaceId")
        if found is None or workspace is None:
            return None
        uuid, platform = found
        values = {"workspaceId": workspace, "channelId": uuid}
        return RuleRequest(
            "POST", rules.url(context.base_url, rules.send_path, values), make(platform)
        )

    return build


def _text_to(receiver: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"receiver": receiver, "body": {"type": "text", "text": {"text": "rule probe"}}, **extra}


_HTML = {"type": "html", "html": {"html": "<p>rule probe</p>", "text": "rule probe"}}
_CHANNEL_TEMPLATE = {
    "projectId": "0b5f3a0e-4d7c-4b52-9a1e-6b2d3c4e5f60",
    "version": "latest",
    "locale": "en-US",
}
_NOT_EMAIL = ("sms", "whatsapp")


def _forged_page_token(context: ProbeContext) -> RuleRequest | None:
    rules = api_rules("channel")
    if "channelId" not in context.path_params or rules.page_token is None:
        return None
    url = rules.url(context.base_url, rules.message_list_path, context.path_params)
    return RuleRequest("GET", f"{url}?{rules.page_token.param}=forged-{'x' * 16}", None)


_CHANNEL_PROBES = (
    RuleProbe(
        "channel:one-receiver-unless-email",
        "two receivers on an sms or whatsapp channel",
        "refuse",
        _channel_send(_NOT_EMAIL, lambda p: _text_to(receiver_for(p, 2))),
    ),
    RuleProbe(
        "channel:one-receiver-unless-email",
        "two receivers on an email channel",
        "accept",
        _channel_send(("email",), lambda p: _text_to(receiver_for(p, 2))),
    ),
    RuleProbe(
        "channel:cc-bcc-email-only",
        "a cc receiver on an sms or whatsapp channel",
        "refuse",
        _channel_send(
            _NOT_EMAIL,
            lambda p: _text_to({"contacts": [{**receiver_for(p)["contacts"][0], "type": "cc"}]}),
        ),
    ),
    RuleProbe(
        "channel:cc-bcc-email-only",
        "a to and a cc receiver on an email channel",
        "accept",
        _channel_send(("email",), lambda p: _text_to(receiver_for(p, 2, kind="cc"))),
    ),
    RuleProbe(
        "channel:html-email-only",
        "an html body on an sms or whatsapp channel",
        "refuse",
        _channel_send(_NOT_EMAIL, lambda p: {"receiver": receiver_for(p), "body": _HTML}),
    ),
    RuleProbe(
        "channel:html-email-only",
        "an html body on an email channel",
        "accept",
        _channel_send(("email",), lambda p: {"receiver": receiver_for(p), "body": _HTML}),
    ),
    RuleProbe(
        "channel:receiver-identifier-key",
        "an emailaddress receiver on an sms or whatsapp channel",
        "refuse",
        _channel_send(_NOT_EMAIL, lambda p: _text_to(receiver_for("email"))),
    ),
    RuleProbe(
        "channel:receiver-identifier-key",
        "a phonenumber receiver on an email channel",
        "refuse",
        _channel_send(("email",), lambda p: _text_to(receiver_for("sms"))),
    ),
    RuleProbe(
        "channel:receiver-identifier-key",
        "a phonenumber receiver on an sms or whatsapp channel",
        "accept",
        _channel_send(_NOT_EMAIL, lambda p: _text_to(receiver_for(p))),
    ),
    RuleProbe(
        "channel:receiver-identifier-value",
        "a phonenumber receiver that is no possible number (+1999)",
        "refuse",
        _channel_send(
            _NOT_EMAIL,
            lambda p: _text_to(
                {"contacts": [{"identifierKey": "phonenumber", "identifierValue": "+1999"}]}
            ),
        ),
    ),
    RuleProbe(
        "channel:receiver-id-in-workspace",
        "a receiver id that names no contact of the workspace",
        "not_found",
        _channel_send(
            (*_NOT_EMAIL, "email"), lambda p: _text_to({"contacts": [{"id": UNKNOWN_UUID}]})
        ),
    ),
    RuleProbe(
        "channel:template-short-links",
        "a template with message-level shortLinks",
        "refuse",
        _channel_send(
            _NOT_EMAIL,
            lambda p: {
                "receiver": receiver_for(p),
                "template": _CHANNEL_TEMPLATE,
                "shortLinks": {"domain": "example.com"},
            },
        ),
    ),
    RuleProbe(
        "channel:template-short-links",
        "a body with message-level shortLinks",
        "accept",
        _channel_send(
            _NOT_EMAIL, lambda p: _text_to(receiver_for(p), shortLinks={"domain": "example.com"})
        ),
    ),
    RuleProbe(
        "channel:cap-frequency",
        "capFrequency true for a receiver given by identifier",
        "refuse",
        _channel_send(
            _NOT_EMAIL,
            lambda p: _text_to(
                receiver_for(p),
                capFrequency=True,
                meta={"extraInformation": {"useCase": "marketing"}},
            ),
        ),
    ),
    RuleProbe(
        "channel:cap-frequency",
        "capFrequency false for a receiver given by identifier",
        "accept",
        _channel_send(_NOT_EMAIL, lambda p: _text_to(receiver_for(p), capFrequency=False)),
    ),
    RuleProbe(
        "channel:page-token-issued",
        "a pageToken the server never issued",
        "bad_request",
        _forged_page_token,
    ),
)

_PROBES: dict[ApiName, tuple[RuleProbe, ...]] = {
    "contact": _CONTACT_PROBES,
    "channel": _CHANNEL_PROBES,
}


def rule_probes(api: ApiName) -> tuple[RuleProbe, ...]:
    return _PROBES[api]
