"""Make generated cases reach the server's logic instead of bouncing off unknown ids.

Schemathesis draws identifiers from the spec's pattern (`email:0@0.000000`) and random UUIDs, so
most positive cases would end in 400 (the emulator validates emails and phones with real
validators) or 404. The `map_case` hook below:

- in every mode, swaps path values the spec calls valid for realistic ones: contacts that exist,
  real email addresses and phone numbers (phonenumbers' example numbers), the target's real
  workspace and channel ids. Malformed values are left alone: they are what negative cases are
  for. Some valid-but-unknown ids are kept, so 404 paths stay covered.
- in positive mode only, makes a send semantically valid where the spec states a rule in prose
  (custom_payload only on Telegram/Facebook/Viber/Line with an explicit channel, email messages
  on email channels, WhatsApp templates on WhatsApp, messageTag on Facebook/Instagram outside the
  24-hour window, one receiver except on email, html bodies on email, scheduling at most 35 days
  ahead, capFrequency only for marketing sends to contacts by id). A positive case answered 400 or
  422 is then a real finding, and positive_data_acceptance keeps 400/422 as failures. A scheduled
  time is written in one of RFC 3339's spellings of the same instant (offsets +-23:59,
  fractional seconds, lower case). The edges themselves (boundary date-times, nesting limits,
  unknown ids, other workspaces' media) are sent by the probing checks, once a run each
  (aelyst_contract.fuzz._checks; values in aelyst_contract.fuzz._edge_values).

Every choice is a pure function of the drawn values, so runs with the same seed send the same
requests.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

import phonenumbers

from aelyst_contract.fuzz._checks import (
    UNSURE,
    VALID,
    classify_contact_identifier,
    classify_uuid,
    real_email,
)
from aelyst_contract.fuzz._edge_values import date_time_spellings
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.fuzz._st_adapter import CaseNotes
from aelyst_contract.fuzz._target import Target

__all__ = [
    "REALISTIC_EMAILS",
    "case_mapper",
    "coverage_body_sampler",
    "examples_mapper",
    "realistic_identifiers",
    "realistic_phone_numbers",
    "semantic_fixer",
]

_REGIONS = ("MY", "NL", "US", "GB", "DE", "BR", "IN", "JP", "FR", "AU")
REALISTIC_EMAILS = (
    "ann.lee@example.com",
    "bo@example.org",
    "carla+orders@mail.example.net",
    "dev.ops@sub.example.co.uk",
)
# Out of 8 valid-looking unknown ids, this many are pinned to real ones; the rest keep 404 paths.
_PIN_EIGHTHS = 7
_CUSTOM_PAYLOAD_PLATFORMS = ("telegram", "viber", "line", "facebook")
_TAG_PLATFORMS = frozenset({"facebook", "instagram"})
_PLAIN_TYPES = frozenset({"text", "attachment", "quick_reply"})
_PHONE_PLATFORMS = frozenset({"sms", "whatsapp"})
# The spec says "a media type, e.g. image/png" in prose only; drawn strings rarely are one.
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9][a-z0-9.+-]*")
_MEDIA_TYPES = ("image/png", "image/jpeg", "application/pdf", "video/mp4", "audio/ogg")


def realistic_phone_numbers() -> tuple[str, ...]:
    """Valid mobile numbers in E.164, one per region (phonenumbers' own examples)."""
    numbers = []
    for region in _REGIONS:
        example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        if example is not None:
            numbers.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    return tuple(numbers)


def realistic_identifiers(target: Target) -> tuple[str, ...]:
    """Contact identifiers for cases: the target's known contacts, *and* realistic new ones
    (configuration adds to the variety, never narrows it)."""
    generated = (
        *(f"email:{address}" for address in REALISTIC_EMAILS),
        *(f"phone:{number}" for number in realistic_phone_numbers()),
    )
    return tuple(dict.fromkeys((*target.known_contact_identifiers, *generated)))


def _hash(value: object) -> int:
    return zlib.crc32(repr(value).encode("utf-8"))


def _pick(options: Sequence[Any], seed_value: object) -> Any:
    return options[_hash(seed_value) % len(options)]


def _is_positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    if meta is None:
        return True  # the spec's own examples carry no generation metadata
    mode = getattr(getattr(meta, "generation", None), "mode", None)
    return str(getattr(mode, "value", mode)) == "positive"


def _path_is_negative(case: Any) -> bool:
    """Whether the path parameters may be the invalid part of this case (when in doubt, yes)."""
    if _is_positive(case):
        return False
    components = getattr(getattr(case, "meta", None), "components", None) or {}
    for location, info in components.items():
        if str(getattr(location, "value", location)) == "path":
            mode = getattr(info, "mode", None)
            return str(getattr(mode, "value", mode)) != "positive"
    return True


def _looks_encoded(value: str) -> bool:
    # Schemathesis sometimes hands path values over already percent-encoded (coverage, some
    # fuzzing); an identifier always has a colon, encoded as %3A.
    return ":" not in value and "%3A" in value.upper()


def _pin_path(case: Any, target: Target, identifiers: Sequence[str], positive: bool) -> None:
    params = case.path_parameters
    if not params or _path_is_negative(case):
        return  # an invalid path value is the point of the case
    channel_ids = tuple(target.channel_platforms)
    changed = False
    for name, raw in list(params.items()):
        if not isinstance(raw, str):
            continue
        encoded = _looks_encoded(raw)
        value = unquote(raw) if encoded else raw
        before = value
        if name == "identifier" and positive and classify_contact_identifier(value) == UNSURE:
            # The spec's syntax, but no real address or number: a real validator says 400.
            value = _pick(identifiers, value)
        elif _hash(value) % 8 >= _PIN_EIGHTHS:
            continue
        elif name == "identifier" and classify_contact_identifier(value) == VALID:
            value = _pick(identifiers, value)
        elif name == "workspaceId" and target.workspace_id and classify_uuid(value) == VALID:
            value = target.workspace_id
        elif name == "channelId" and channel_ids and classify_uuid(value) == VALID:
            value = _pick(channel_ids, value)
        if value != before:
            # Written unencoded even where the drawn value came encoded: schemathesis checks a
            # hook's values against the schema as they are (an encoded one would turn the case
            # negative), and every realistic value is made of characters a path segment allows.
            params[name], changed = value, True
    if changed:
        case.path_parameters = params


def _fix_contact_send(
    body: dict[str, Any], identifier: Any, target: Target, seed: object
) -> str | None:
    """Make a contact send valid for the target; the reason it cannot be, if so."""
    channels: Mapping[str, int] = target.contact_channels
    message = body.get("message")
    if not isinstance(message, dict):
        return None
    if not channels:
        return "the target names no contact API channels (contact.channels in the profile)"
    kind = message.get("type")
    if kind == "custom_payload":
        platforms = [p for p in _CUSTOM_PAYLOAD_PLATFORMS if p in channels]
    elif kind == "email":
        platforms = ["email"] if "email" in channels else []
    elif kind == "whatsapp_template":
        platforms = ["whatsapp"] if "whatsapp" in channels else []
    elif kind in _PLAIN_TYPES and "messageTag" not in message:
        platforms = [p for p in sorted(channels) if p not in _TAG_PLATFORMS]
    else:
        platforms = sorted(channels)
    if not platforms:
        return f"the target names no channel that takes a {kind} message"
    if kind == "email":
        for field in ("cc", "bcc"):
            addresses = message.get(field)
            if isinstance(addresses, list):
                # `format: email` admits reserved domains (x@y.test); real validators do not.
                message[field] = [
                    a if isinstance(a, str) and real_email(a) else _pick(REALISTIC_EMAILS, (a, i))
                    for i, a in enumerate(addresses)
                ]
    needs_explicit = kind in ("custom_payload", "email", "whatsapp_template")
    reachable = identifier in target.contact_identifiers
    if body.get("channelId") is None and not needs_explicit and reachable:
        return _unknowable_contact_content(kind, message)
    body["channelId"] = channels[_pick(platforms, seed)]
    return _unknowable_contact_content(kind, message)


def _unknowable_contact_content(kind: Any, message: Mapping[str, Any]) -> str | None:
    """What no profile can make valid: templates and media the target may not have."""
    if kind == "whatsapp_template":
        return "the target may have no WhatsApp template of that name"
    if kind == "attachment" or (kind == "email" and message.get("attachments")):
        return "the target may refuse media URLs it did not issue"
    return None


def _realistic_value(key: str, seed: object) -> str:
    if key == "emailaddress":
        return str(_pick(REALISTIC_EMAILS, seed))
    return str(_pick(realistic_phone_numbers(), seed))


def _fix_receiver(contact: dict[str, Any], platform: str, index: int) -> None:
    if platform != "email" and contact.get("type") in ("cc", "bcc"):
        contact.pop("type")
    # Ids of contacts are not in the spec's reach: name the contact by identifier instead.
    contact.pop("id", None)
    key = contact.get("identifierKey", "phonenumber")
    if platform == "email":
        key = "emailaddress"
    elif platform in _PHONE_PLATFORMS:
        key = "phonenumber"
    contact["identifierKey"] = key
    contact["identifierValue"] = _realistic_value(str(key), (contact.get("identifierValue"), index))


def _fix_channel_send(
    case: Any, body: dict[str, Any], target: Target, now: dt.datetime
) -> str | None:
    """Make a channel send valid for the target; the reason it cannot be, if so."""
    params = case.path_parameters or {}
    platform_of = target.channel_platforms
    receiver = body.get("receiver")
    contacts = receiver.get("contacts") if isinstance(receiver, dict) else None
    if not isinstance(contacts, list):
        return None
    is_html = isinstance(body.get("body"), dict) and body["body"].get("type") == "html"
    wants_email = (
        is_html
        or len(contacts) > 1
        or any(isinstance(c, dict) and c.get("type") in ("cc", "bcc") for c in contacts)
    )
    channel = params.get("channelId")
    if wants_email and "email" in target.channel_ids:
        channel = target.channel_ids["email"]
        params["channelId"] = channel
        case.path_parameters = params
    if str(channel) not in platform_of:
        return None  # not one of the target's channels: a 404 is the expected answer
    platform = platform_of[str(channel)]
    if platform is None:
        return f"the platform of channel {channel} is not known (channel.channels in the profile)"
    if platform != "email":
        if is_html:
            return "html bodies need an email channel, and the target names none"
        del contacts[1:]
    for index, contact in enumerate(contacts):
        if isinstance(contact, dict):
            _fix_receiver(contact, platform, index)
    if "template" in body:
        body.pop("shortLinks", None)
    if body.get("capFrequency") is True:
        body["capFrequency"] = False
    scheduled = body.get("scheduledFor")
    if isinstance(scheduled, str):
        # Keep the intent (past: send now; future: schedule), within the spec's 35 days.
        ahead = dt.timedelta(days=1 + _hash(scheduled) % 30)
        when = now - ahead if _hash(scheduled) % 3 == 0 else now + ahead
        # The same instant in one of RFC 3339's spellings (offsets +-23:59, fractions, lower
        # case): a server must read them all alike.
        body["scheduledFor"] = date_time_spellings(when, _hash((scheduled, "spelling")))
    return _unknowable_channel_content(body)


def _unknowable_channel_content(body: Mapping[str, Any]) -> str | None:
    """What no profile can make valid: templates and media the target may not have."""
    if "template" in body:
        return "the target may have no template of that project and version"
    if _names_media(body.get("body")):
        return "the target may refuse media URLs it did not issue"
    return None


def _names_media(value: Any) -> bool:
    """Whether a message body points at media anywhere (images, files, gifs, carousel cards)."""
    if isinstance(value, Mapping):
        return "mediaUrl" in value or any(_names_media(item) for item in value.values())
    if isinstance(value, list):
        return any(_names_media(item) for item in value)
    return False


def semantic_fixer(
    api: ApiName, target: Target, notes: CaseNotes | None = None
) -> Callable[[Any], None]:
    """Make a positive case obey the rules the spec states in prose (see the module doc). A case
    that cannot be made valid for this target is noted in `notes.unsure` with the reason, so a
    refusal of it is "not exercised", never a failure."""
    # One anchor per day (UTC midnight): the same seed maps the same drawn dates to the same sent
    # dates all day, so two runs of a day send the same requests. Dates stay 1-30 days from it,
    # well inside the spec's 35 days.
    now = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    identifiers = realistic_identifiers(target)

    def fix(case: Any) -> None:
        if not _is_positive(case):
            return
        params = case.path_parameters
        raw = params.get("identifier") if isinstance(params, dict) else None
        if isinstance(raw, str):
            value = unquote(raw) if _looks_encoded(raw) else raw
            if classify_contact_identifier(value) == UNSURE:
                # The spec's syntax, but no real address or number: a real validator says 400.
                params["identifier"] = _pick(identifiers, value)
                case.path_parameters = params
        if isinstance(case.query, dict) and "pageToken" in case.query:
            # Only tokens the server issued are valid; drawn ones are forged (a spec'd 400).
            del case.query["pageToken"]
            case.query = case.query
        body = case.body
        if case.method.upper() != "POST" or not isinstance(body, dict):
            return
        unsure = None
        if "contentType" in body and not _MEDIA_TYPE.fullmatch(str(body["contentType"])):
            body["contentType"] = _pick(_MEDIA_TYPES, body["contentType"])
        elif api == "contact":
            identifier = (case.path_parameters or {}).get("identifier")
            unsure = _fix_contact_send(
                body, identifier, target, (identifier, body.get("channelId"))
            )
        elif case.operation.path.endswith("/messages"):
            unsure = _fix_channel_send(case, body, target, now)
        case.body = body
        if unsure and notes is not None:
            notes.unsure[case.id] = unsure

    return fix


def case_mapper(
    api: ApiName, target: Target, notes: CaseNotes | None = None
) -> Callable[[Any, Any], Any]:
    """A schemathesis `map_case` hook for one API and target: realistic ids, then semantics."""
    identifiers = realistic_identifiers(target)
    fix = semantic_fixer(api, target, notes)

    def map_case(context: Any, case: Any) -> Any:
        _pin_path(case, target, identifiers, _is_positive(case))
        fix(case)
        return case

    return map_case


def examples_mapper(
    api: ApiName, target: Target, notes: CaseNotes | None = None
) -> Callable[[Any, list[Any]], None]:
    """A `before_add_examples` hook: the spec's own examples get the same treatment (they are
    positive cases, and their ids are the documentation's, not the target's)."""
    map_case = case_mapper(api, target, notes)

    def before_add_examples(context: Any, examples: list[Any]) -> None:
        for index, case in enumerate(examples):
            examples[index] = map_case(context, case)

    return before_add_examples


def coverage_body_sampler(keep_one_in: int) -> Callable[[Any, Any], bool]:
    """A `filter_case` hook keeping 1 in `keep_one_in` coverage cases that vary a request body
    deep down (inside a oneOf branch or a nested object; chosen by a hash of the case, so the
    same seed keeps the same ones). Cases on parameters, headers, methods and top-level body
    properties (tags, validity, receiver, ...) are all kept."""

    def filter_case(context: Any, case: Any) -> bool:
        meta = getattr(case, "meta", None)
        data = getattr(getattr(meta, "phase", None), "data", None)
        location = getattr(data, "parameter_location", None)
        if str(getattr(location, "value", location)) != "body":
            return True
        pointer = str(getattr(data, "location", None) or "")
        if pointer and pointer.count("/properties/") <= 1 and "Of/" not in pointer:
            return True
        return _hash((getattr(data, "description", ""), case.body)) % keep_one_in == 0

    return filter_case
