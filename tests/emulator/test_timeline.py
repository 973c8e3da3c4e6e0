"""Status timelines are a pure, monotonic function of (created, now)."""

from __future__ import annotations

import itertools

from aelyst_contract.emulator._timeline import channel_timeline, contact_timeline, rfc3339


def test_contact_timeline_grows_with_time() -> None:
    values = [[e.value for e in contact_timeline(100.4, False, 100.4 + dt)] for dt in range(12)]
    assert values[0] == ["pending"]
    assert values[-1] == ["pending", "sent", "delivered", "read"]
    for earlier, later in itertools.pairwise(values):
        assert later[: len(earlier)] == earlier
    failed = contact_timeline(100.0, True, 200.0)
    assert [e.value for e in failed] == ["pending", "sent", "failed"]
    assert [e.at for e in failed] == sorted(e.at for e in failed)


def test_channel_timeline_waits_for_the_schedule() -> None:
    assert [e.value for e in channel_timeline(0.0, 1000.0, False, 999.0)] == ["scheduled"]
    reached = channel_timeline(0.0, 1000.0, False, 1010.0)
    assert [e.value for e in reached] == [
        "scheduled",
        "accepted",
        "processing",
        "sent",
        "delivered",
    ]
    assert channel_timeline(0.0, 0.0, True, 10.0)[-1].value == "delivery_failed"


def test_rfc3339_is_utc_with_milliseconds() -> None:
    assert rfc3339(0.0) == "1970-01-01T00:00:00.000Z"
    assert rfc3339(1795392158.2569) == "2026-11-23T00:02:38.256Z"
