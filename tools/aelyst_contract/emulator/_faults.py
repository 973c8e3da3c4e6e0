"""Named, realistic server bugs the contract suites must catch. Switchable at start and at run time.

Each fault triggers deterministically on ordinary traffic (see each description). The handlers ask
`faults.on(Fault.X)` at the exact place where the real bug would live. Add a fault: one `Fault`
member (its name as the CLI, configs and reports spell it, the APIs whose handlers ask for it, and
its description) and the code that asks for it.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterable

__all__ = ["FAULTS", "Fault", "FaultSwitch", "UnknownFaultError"]

# The APIs a fault can show on: the detection gate fuzzes only those under the fault (a channel
# fault in a contact run adds only a second clean contact run, or credits the fault with what is
# really a false positive). tests/emulator/test_faults.py checks them against the handlers.
_CONTACT = ("contact",)
_CHANNEL = ("channel",)
_BOTH = ("contact", "channel")


class Fault(enum.StrEnum):
    """One switchable server bug; its value is the name users give (`--fault limit-unchecked`)."""

    _value_: str
    apis: tuple[str, ...]
    description: str

    # `apis` and `description` default only so that type checkers accept a look-up by name,
    # `Fault(name)`; every member gives both (tests/emulator/test_faults.py).
    def __new__(cls, name: str, apis: tuple[str, ...] = (), description: str = "") -> Fault:
        member = str.__new__(cls, name)
        member._value_ = name
        member.apis = apis
        member.description = description
        return member

    # The ten the issue names.
    LIMIT_UNCHECKED = (
        "limit-unchecked",
        _BOTH,
        "list endpoints accept any limit (e.g. 51 or 0 on the contact list, 101 on channel lists)"
        " instead of a 400, and return that many items",
    )
    STATUS_OUTSIDE_ENUM = (
        "status-outside-enum",
        _BOTH,
        "status values outside the enum: contact status `pending` reported as `queued`, channel"
        " status `accepted` reported as `queued`",
    )
    RATE_LIMITED_WITHOUT_RETRY_AFTER = (
        "429-without-retry-after",
        _BOTH,
        "429 answers lack the Retry-After header (both APIs)",
    )
    ERROR_CODE_MISMATCH = (
        "error-code-mismatch",
        _BOTH,
        "error bodies carry the wrong code: contact errors always say 400, channel errors always"
        " say InvalidRequest",
    )
    SENT_MESSAGE_MISSING = (
        "sent-message-missing",
        _BOTH,
        "messages sent through the API are missing from get (404) and from lists (both APIs)",
    )
    PHONE_PLUS_AS_SPACE = (
        "phone-plus-as-space",
        _CONTACT,
        "contact identifiers are decoded a second time as a form, so `+` (raw or sent as %2B)"
        " becomes a space and `phone:+60121233112` is rejected with 400",
    )
    AUTH_NOT_ENFORCED = (
        "auth-not-enforced",
        _BOTH,
        "missing or unknown credentials are accepted (contact token; channel access key acts as"
        " the path's workspace)",
    )
    PAGING_SKIPS_ITEM = (
        "paging-skips-item",
        _BOTH,
        "the first item of every non-first page is dropped (both APIs)",
    )
    TAGS_NOT_LOWERCASED = (
        "tags-not-lowercased",
        _CHANNEL,
        "channel messages return tags as sent instead of lower-cased",
    )
    UNICODE_500 = (
        "unicode-500",
        _BOTH,
        "any non-ASCII text in a send body answers 500 (both APIs)",
    )
    # Extras.
    RATE_HEADERS_MISSING = (
        "rate-headers-missing",
        _CONTACT,
        "contact API answers lack X-RateLimit-Limit / X-RateLimit-Remaining",
    )
    CROSS_WORKSPACE_LEAK = (
        "cross-workspace-leak",
        _CHANNEL,
        "the channel API serves another workspace's channels and messages to any valid access key"
        " (no workspace scoping)",
    )
    STATUS_TIMELINE_REGRESSION = (
        "status-timeline-regression",
        _BOTH,
        "contact status entries are listed newest first (timestamps decrease); channel messages"
        " fall back from delivered to processing",
    )
    DUPLICATE_ON_PAGE = (
        "duplicate-on-page",
        _BOTH,
        "the last item of a page is repeated as the first item of the next page (both APIs)",
    )
    FORGED_PAGETOKEN_500 = (
        "forged-pagetoken-500",
        _CHANNEL,
        "a forged or garbled channel pageToken answers 500 instead of 400",
    )
    PAGINATION_NULL_AT_END = (
        "pagination-null-at-end",
        _CONTACT,
        'contact list `next`/`previous` are null instead of "" at either end',
    )
    METHOD_NOT_ALLOWED_WITHOUT_ALLOW = (
        "405-without-allow",
        _BOTH,
        "405 answers lack the Allow header (both APIs)",
    )
    VALIDITY_DEFAULT_WRONG = (
        "validity-default-wrong",
        _CHANNEL,
        "a 2FA channel's messages default to validity 129600 instead of 600",
    )
    SCHEDULED_SENT_NOW = (
        "scheduled-sent-now",
        _CHANNEL,
        "scheduledFor is ignored: a message scheduled days ahead is `accepted` and sent at once",
    )
    UPLOAD_POLICY_UNCHECKED = (
        "upload-policy-unchecked",
        _CHANNEL,
        "the upload endpoint accepts a form with a bad signature, expired policy or wrong content"
        " type",
    )
    TAGS_UNLIMITED = (
        "tags-unlimited",
        _CHANNEL,
        "more than 10 tags, or tags outside the pattern, are accepted",
    )
    UNKNOWN_CONTACT_500 = (
        "unknown-contact-500",
        _CONTACT,
        "an unknown `id:N` contact answers 500 instead of 404",
    )
    SCHEDULED_FOR_OVERFLOW_500 = (
        "scheduled-for-overflow-500",
        _CHANNEL,
        "a channel send whose scheduledFor falls outside years 1..9999 once its offset is applied"
        " (e.g. 0001-01-01T00:00:00+23:59) answers 500 instead of 422",
    )
    NESTING_OFF_BY_ONE = (
        "nesting-off-by-one",
        _CONTACT,
        "the JSON nesting limit accepts one level more than the renderer handles: such a"
        " custom_payload send is accepted, and the get or list that returns it answers 500",
    )
    UNKNOWN_ID_200 = (
        "unknown-id-200",
        _BOTH,
        "a well-formed but unknown message id on get-message answers 200 with an empty object"
        " instead of 404 (both APIs)",
    )
    PAGING_NEXT_FOREIGN_HOST = (
        "paging-next-foreign-host",
        _CONTACT,
        "contact list pagination links (`next`, `previous`) point at http://evil.example; the"
        " channel lists have no links (`nextPageToken`)",
    )
    MEDIA_OWNER_STRING_PREFIX = (
        "media-owner-string-prefix",
        _CHANNEL,
        "media ownership is a string-prefix check: another spelling of the emulator's media URL"
        " (`//_media/...`, `HTTP://`, localhost for 127.0.0.1) passes for any workspace and"
        " serves its bytes",
    )


# name -> description, in the order above (the admin endpoint and `--list-faults` show it).
FAULTS: dict[str, str] = {fault.value: fault.description for fault in Fault}


class UnknownFaultError(ValueError):
    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(names)
        super().__init__(f"unknown fault(s): {', '.join(self.names)}")


class FaultSwitch:
    """The set of active faults; thread-safe, replaced as a whole."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._active: frozenset[str] = frozenset()
        self.set(names)

    def set(self, names: Iterable[str]) -> frozenset[str]:
        # Plain names, so that what is reported back reads as the user wrote it.
        wanted = frozenset(str(name) for name in names)
        unknown = wanted - FAULTS.keys()
        if unknown:
            raise UnknownFaultError(unknown)
        with self._lock:
            self._active = wanted
        return wanted

    @property
    def active(self) -> frozenset[str]:
        return self._active

    def on(self, fault: Fault) -> bool:
        return fault.value in self._active
