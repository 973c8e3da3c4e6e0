"""Values at the edges the spec states, for cases random generation rarely draws: boundary
date-times, payloads nested at and past a depth limit, well-formed ids nobody issued, and other
spellings of one URL.

Pure functions of their inputs (and of `now` where a rule is relative to it), so a run with the
same seed on the same day sends the same probes. Used by the probing checks
(aelyst_contract.fuzz._checks) and the generation hooks (aelyst_contract.fuzz._generation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "LOOPBACK_NAMES",
    "UNKNOWN_INTEGER_ID",
    "UNKNOWN_UUID",
    "BoundaryDateTime",
    "boundary_date_times",
    "date_time_spellings",
    "media_url_spellings",
    "nested_object",
    "nesting_depth",
    "unknown_path_value",
]

_Expect = Literal["accept", "refuse"]

# Well-formed ids no server hands out: reading them must be a 404.
UNKNOWN_INTEGER_ID = 999_999_999_999
UNKNOWN_UUID = "0badc0de-0000-4000-8000-00000000f00d"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")


@dataclass(frozen=True)
class BoundaryDateTime:
    value: str
    expect: _Expect
    why: str


def _stamp(moment: dt.datetime, fraction: str, offset: str) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + offset


def boundary_date_times(now: dt.datetime, ahead_at_most: dt.timedelta) -> list[BoundaryDateTime]:
    """Date-times at the spec's edges for a scheduling field: years 0001 and 9999, offsets
    +-23:59, a leap second, fractional seconds, lower-case separators, and what the answer must
    be (channel API rules `channel:schedule-window` and `channel:schedule-instant-range`)."""
    day = now.replace(hour=12, minute=0, second=0, microsecond=0)
    soon = day + dt.timedelta(days=min(20, ahead_at_most.days // 2))
    far = day + ahead_at_most + dt.timedelta(days=5)
    return [
        BoundaryDateTime("0001-01-01T00:00:00Z", "accept", "the first instant: in the past"),
        BoundaryDateTime(
            "0001-01-01T00:00:00.000001-23:59", "accept", "year 0001 behind UTC: still year 1"
        ),
        BoundaryDateTime(
            "0001-01-01T00:00:00+23:59", "refuse", "before year 1 once the offset is applied"
        ),
        BoundaryDateTime(
            "9999-12-31T23:59:59.999999999+23:59", "refuse", "year 9999: beyond the window"
        ),
        BoundaryDateTime(
            "9999-12-31T23:59:59-23:59", "refuse", "after year 9999 once the offset is applied"
        ),
        BoundaryDateTime("2016-12-31T23:59:60Z", "refuse", "a leap second cannot be scheduled"),
        BoundaryDateTime(
            _stamp(soon, ".123456789", "+05:30"), "accept", "fractional seconds, inside the window"
        ),
        BoundaryDateTime(
            _stamp(day - dt.timedelta(days=1), "", "z").replace("T", "t"),
            "accept",
            "lower-case t and z (RFC 3339 allows them), in the past",
        ),
        BoundaryDateTime(_stamp(far, "", "Z"), "refuse", "beyond the scheduling window"),
    ]


def date_time_spellings(moment: dt.datetime, choice: int) -> str:
    """The same instant (a UTC datetime) in one of several RFC 3339 spellings: Z, milli- or
    nano-second fractions, offsets +-23:59, lower case. `choice` picks one (any int)."""
    utc = moment.astimezone(dt.UTC).replace(microsecond=0)
    east = dt.timezone(dt.timedelta(hours=23, minutes=59))
    west = dt.timezone(-dt.timedelta(hours=23, minutes=59))
    spellings = (
        _stamp(utc, "", "Z"),
        _stamp(utc, ".000", "Z"),
        _stamp(utc, ".000000000", "Z"),
        _stamp(utc.astimezone(east), "", "+23:59"),
        _stamp(utc.astimezone(west), ".0", "-23:59"),
        _stamp(utc, "", "z").replace("T", "t"),
    )
    return spellings[choice % len(spellings)]


def nested_object(depth: int) -> dict[str, Any]:
    """An object `depth` levels deep (`{}` is 1, `{"n": {}}` is 2)."""
    value: dict[str, Any] = {}
    for _ in range(depth - 1):
        value = {"n": value}
    return value


def nesting_depth(value: Any) -> int:
    """Levels of objects and arrays (a scalar is 0, `{}` and `[]` are 1)."""
    depth, level = 0, [value]
    while level:
        containers = [v for v in level if isinstance(v, Mapping | list)]
        if not containers:
            break
        depth += 1
        level = [
            child
            for container in containers
            for child in (container.values() if isinstance(container, Mapping) else container)
        ]
    return depth


def unknown_path_value(schema: Mapping[str, Any], identifier: bool) -> str | None:
    """A well-formed value of a path parameter that names nothing (None: no such value known)."""
    if identifier:
        return f"id:{UNKNOWN_INTEGER_ID}"
    if schema.get("format") == "uuid":
        return UNKNOWN_UUID
    if schema.get("type") == "integer":
        return str(UNKNOWN_INTEGER_ID)
    return None


def media_url_spellings(url: str) -> Iterator[tuple[str, str]]:
    """(label, spelling) of other ways to write an absolute URL that a sloppy string comparison
    takes for a different one: an empty path segment, an upper-case scheme, an upper-case host,
    and the other loopback name."""
    parts = urlsplit(url)
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    yield "empty path segment", urlunsplit((parts.scheme, parts.netloc, "/" + path, "", ""))
    yield "upper-case scheme", parts.scheme.upper() + url[len(parts.scheme) :]
    if parts.hostname and parts.hostname != parts.hostname.upper():
        host = parts.netloc.replace(parts.hostname, parts.hostname.upper(), 1)
        yield "upper-case host", urlunsplit((parts.scheme, host, path, parts.query, ""))
    if parts.hostname in LOOPBACK_NAMES:
        other = LOOPBACK_NAMES[1 - LOOPBACK_NAMES.index(parts.hostname)]
        host = parts.netloc.replace(parts.hostname, other, 1)
        yield f"{other} for {parts.hostname}", urlunsplit((parts.scheme, host, path, "", ""))
