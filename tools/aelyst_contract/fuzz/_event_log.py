"""events.jsonl: every (already redacted) event of a run, one JSON object a line, so that
`aelyst-contract report merge` can replay a campaign's shards through the same reporters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from aelyst_contract.fuzz._events import FuzzEvent, event_from_json, event_to_json

__all__ = ["EVENT_LOG", "EventLogReporter", "read_event_log"]

EVENT_LOG = "events.jsonl"


class EventLogReporter:
    """Writes each event as it comes (a run cut short still leaves what it did)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._file: TextIO | None = None

    def handle(self, event: FuzzEvent) -> None:
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
