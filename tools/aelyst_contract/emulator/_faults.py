"""Named, realistic server bugs the contract suites must catch. Switchable at start and at run time.

Each fault triggers deterministically on ordinary traffic (see each description). The handlers ask
`faults.on(NAME)` at the exact place where the real bug would live.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

__all__ = ["FAULTS", "FaultSwitch", "UnknownFaultError"]

FAULTS: dict[str, str] = {
    # The ten the issue names.
    "limit-unchecked": "list endpoints accept any limit (e.g. 51 or 0 on the contact list, 101 on "
    "channel lists) instead of a 400, and return that many items",
    "status-outside-enum": "status values outside the enum: contact status `pending` reported as "
    "`queued`, channel status `accepted` reported as `queued`",
    "429-without-retry-after": "429 answers lack the Retry-After header (both APIs)",
    "error-code-mismatch": "error bodies carry the wrong code: contact errors always say 400, "
    "channel errors always say InvalidRequest",
    "sent-message-missing": "messages sent through the API are missing from get (404) and from "
    "lists (both APIs)",
    "phone-plus-as-space": "contact identifiers are decoded a second time as a form, so `+` "
    "(raw or sent as %2B) becomes a space and `phone:+60121233112` is rejected with 400",
    "auth-not-enforced": "missing or unknown credentials are accepted (contact token; channel "
    "access key acts as the path's workspace)",
    "paging-skips-item": "the first item of every non-first page is dropped (both APIs)",
    "tags-not-lowercased": "channel messages return tags as sent instead of lower-cased",
    "unicode-500": "any non-ASCII text in a send body answers 500 (both APIs)",
    # Extras.
    "rate-headers-missing": "contact API answers lack X-RateLimit-Limit / X-RateLimit-Remaining",
    "cross-workspace-leak": "the channel API serves another workspace's channels and messages "
    "to any valid access key (no workspace scoping)",
    "status-timeline-regression": "contact status entries are listed newest first (timestamps "
    "decrease); channel messages fall back from delivered to processing",
    "duplicate-on-page": "the last item of a page is repeated as the first item of the next page "
    "(both APIs)",
    "forged-pagetoken-500": "a forged or garbled channel pageToken answers 500 instead of 400",
    "pagination-null-at-end": 'contact list `next`/`previous` are null instead of "" at either end',
    "405-without-allow": "405 answers lack the Allow header (both APIs)",
    "validity-default-wrong": "a 2FA channel's messages default to validity 129600 instead of 600",
    "scheduled-sent-now": "scheduledFor is ignored: a message scheduled days ahead is `accepted` "
    "and sent at once",
    "upload-policy-unchecked": "the upload endpoint accepts a form with a bad signature, expired "
    "policy or wrong content type",
    "tags-unlimited": "more than 10 tags, or tags outside the pattern, are accepted",
    "unknown-contact-500": "an unknown `id:N` contact answers 500 instead of 404",
}


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
        wanted = frozenset(names)
        unknown = wanted - FAULTS.keys()
        if unknown:
            raise UnknownFaultError(unknown)
        with self._lock:
            self._active = wanted
        return wanted

    @property
    def active(self) -> frozenset[str]:
        return self._active

    def on(self, name: str) -> bool:
        # Catch typos in the emulator's own code at once.
        assert name in FAULTS, name
        return name in self._active
