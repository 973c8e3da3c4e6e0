"""Status timelines derived from when a message was created and the clock's now.

Because a status is a pure function of (created, now) and the clock never runs backwards, a later
read never shows an earlier status: no regressions, non-decreasing timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = [
    "CHANNEL_EXPIRED",
    "CHANNEL_FAILED_STEPS",
    "CHANNEL_FAILURE",
    "CHANNEL_SENT_AFTER",
    "CHANNEL_STEPS",
    "CONTACT_FAILED_STEPS",
    "CONTACT_FAILURE_REASON",
    "CONTACT_STEPS",
    "StatusEntry",
    "channel_timeline",
    "contact_timeline",
    "rfc3339",
]

# Contact API: seconds after creation at which each status is reached.
CONTACT_STEPS = (("pending", 0), ("sent", 1), ("delivered", 3), ("read", 10))
CONTACT_FAILED_STEPS = (("pending", 0), ("sent", 1), ("failed", 2))
CONTACT_FAILURE_REASON = "The recipient could not be reached on this channel."

# Channel API: seconds after the send time (creation, or scheduledFor when later).
CHANNEL_STEPS = (("accepted", 0), ("processing", 1), ("sent", 2), ("delivered", 4))
CHANNEL_FAILED_STEPS = (("accepted", 0), ("processing", 1), ("sent", 2), ("delivery_failed", 4))
CHANNEL_FAILURE = {"code": 30001, "description": "recipient unreachable", "source": "carrier"}
# When `sent` is reached, counted from the send time; a validity shorter than this expires first.
CHANNEL_SENT_AFTER = 2
CHANNEL_EXPIRED = {
    "code": 30002,
    "description": "the message expired (validity) before it could be sent",
    "source": "platform",
}


@dataclass(frozen=True)
class StatusEntry:
    value: str
    at: float


def contact_timeline(created_at: float, fails: bool, now: float) -> list[StatusEntry]:
    base = int(created_at)
    steps = CONTACT_FAILED_STEPS if fails else CONTACT_STEPS
    return [StatusEntry(value, base + delay) for value, delay in steps if base + delay <= now] or [
        StatusEntry(steps[0][0], base)
    ]


def channel_timeline(
    created_at: float,
    start_at: float,
    fails: bool,
    now: float,
    validity: int | None = None,
) -> list[StatusEntry]:
    """`scheduled` from creation until `start_at`, then the send progression.

    `validity` (seconds from `start_at`, the send time) bounds how long the message may wait to
    be sent: when `sent` would come later, the message ends `sending_failed` as it expires.
    """
    entries: list[StatusEntry] = []
    if start_at > created_at:
        entries.append(StatusEntry("scheduled", created_at))
    steps = CHANNEL_FAILED_STEPS if fails else CHANNEL_STEPS
    expires_at = None if validity is None else start_at + validity
    expires = expires_at is not None and start_at + CHANNEL_SENT_AFTER > expires_at
    for value, delay in steps:
        at = start_at + delay
        if expires and expires_at is not None and at >= expires_at:
            break
        if at <= now:
            entries.append(StatusEntry(value, at))
    if expires and expires_at is not None and expires_at <= now:
        entries.append(StatusEntry("sending_failed", expires_at))
    if not entries:
        entries.append(StatusEntry(steps[0][0], created_at))
    return entries


def rfc3339(seconds: float) -> str:
    """UTC with millisecond precision and a Z, e.g. 2026-11-22T10:00:00.123Z."""
    moment = datetime.fromtimestamp(int(seconds * 1000) / 1000, tz=UTC)
    # Not strftime: its %Y drops the leading zeros of years before 1000 on glibc.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:"
        f"{moment.minute:02d}:{moment.second:02d}.{moment.microsecond // 1000:03d}Z"
    )
