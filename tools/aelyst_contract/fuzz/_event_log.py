"""events.jsonl: every (already redacted) event of a run, one JSON object a line, so that
`aelyst-contract report merge` can replay a campaign's shards through the same reporters.

An hours-long run sends millions of requests: past the first `FULL_CASES` results (as many as
fuzz.har keeps), a passing result is written without its bodies; every verdict, status and
failure is kept whole.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from aelyst_contract.fuzz._events import (
    CaseResult,
    FuzzEvent,
    RecordedRequest,
    event_from_json,
    event_to_json,
)

__all__ = ["EVENT_LOG", "FULL_CASES", "EventLogReporter", "read_event_log", "without_bodies"]

EVENT_LOG = "events.jsonl"
FULL_CASES = 20_000


def _bare(request: RecordedRequest) -> RecordedRequest:
    return replace(request, body=None) if request.body else request


def without_bodies(result: CaseResult) -> CaseResult:
    """The result with its request, response and follow-up bodies left out."""
    return replace(
        result,
        request=_bare(result.request),
        response=replace(result.response, body="") if result.response else None,
        follow_ups=tuple(
            replace(
                follow_up,
                request=_bare(follow_up.request),
                response=replace(follow_up.response, body="") if follow_up.response else None,
            )
            for follow_up in result.follow_ups
        ),
    )


class EventLogReporter:
    """Writes each event as it comes (a run cut short still leaves what it did)."""

    def __init__(self, path: Path, full_cases: int = FULL_CASES) -> None:
        self._path = path
        self._file: TextIO | None = None
        self._full_cases = full_cases
        self._cases = 0

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, CaseResult):
            self._cases += 1
            if self._cases > self._full_cases and not event.failed:
                event = without_bodies(event)
        if self._file is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self._path.open("w", encoding="utf-8")
        self._file.write(json.dumps(event_to_json(event), separators=(",", ":")) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def read_event_log(path: Path) -> list[FuzzEvent]:
    """The events of one run; ValueError naming the line for anything unreadable."""
    events: list[FuzzEvent] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                events.append(event_from_json(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: {error}") from None
    return events
