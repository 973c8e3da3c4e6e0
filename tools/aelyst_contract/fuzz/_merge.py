"""`aelyst-contract report merge`: one campaign's reports from its shards' report directories.

Each shard's run wrote its (redacted) events to events.jsonl; the merge replays them through the
same reporters a single run uses (`reporters_for`), so merged reports are made by the same code:
one run announcement, each shard's events in shard order (every result keeps its shard), then
each API's and the run's end with the campaign's totals. The verdict is the whole campaign's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from aelyst_contract.fuzz._errors import FuzzError
from aelyst_contract.fuzz._event_log import EVENT_LOG, read_event_log
from aelyst_contract.fuzz._events import (
    ApiFinished,
    FuzzEvent,
    Reporter,
    RunFinished,
    RunStarted,
)
from aelyst_contract.fuzz._shard import parse_shard

__all__ = ["MergeError", "ShardLog", "merge_reports", "merged_events", "read_shards"]


class MergeError(FuzzError):
    """The report directories are not the shards of one campaign."""


@dataclass(frozen=True)
class ShardLog:
    directory: Path
    run: RunStarted
    events: tuple[FuzzEvent, ...]  # all but RunStarted


def _read(directory: Path) -> ShardLog:
    if not directory.is_dir():
        raise MergeError(f"{directory}: no such report directory")
    path = directory / EVENT_LOG
    if not path.is_file():
        raise MergeError(f"{directory}: no {EVENT_LOG} (not the report directory of a fuzz run)")
    try:
        events = read_event_log(path)
    except (OSError, ValueError) as error:
        raise MergeError(f"cannot read {error}") from None
    if not events or not isinstance(events[0], RunStarted):
        raise MergeError(f"{path}: does not start with the run (an empty or cut log)")
    return ShardLog(directory, events[0], tuple(events[1:]))


def read_shards(directories: Sequence[Path]) -> list[ShardLog]:
    """The shards' logs in shard order; MergeError (one line) unless they are exactly the
    shards 1..N of one campaign: same seed, budget, APIs and faults."""
    logs = [_read(directory) for directory in directories]
    first = logs[0].run
    for log in logs:
        run = log.run
        if not run.shard:
            raise MergeError(f"{log.directory}: a whole run, not a shard (run it with --shard K/N)")
        for what, mine, theirs in (
            ("seed", run.seed, first.seed),
            ("budget", run.budget_arg, first.budget_arg),
            ("APIs", run.apis, first.apis),
            ("faults", run.faults, first.faults),
            ("shard count", parse_shard(run.shard).count, parse_shard(first.shard).count),
        ):
            if mine != theirs:
                raise MergeError(
                    f"{log.directory} is not of the same campaign as {logs[0].directory}:"
                    f" {what} {_shown(mine)} != {_shown(theirs)}"
                )
    count = parse_shard(first.shard).count
    by_index: dict[int, ShardLog] = {}
    for log in logs:
        index = parse_shard(log.run.shard).index
        if index in by_index:
            raise MergeError(
                f"shard {log.run.shard} given twice: {by_index[index].directory} and"
                f" {log.directory}"
            )
        by_index[index] = log
    missing = [f"{index}/{count}" for index in range(1, count + 1) if index not in by_index]
    if missing:
        raise MergeError(f"shard {', '.join(missing)} missing: a campaign's verdict needs them all")
    return [by_index[index] for index in sorted(by_index)]


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(map(str, value)) or "none"
    return str(value)


def merged_events(logs: Sequence[ShardLog]) -> list[FuzzEvent]:
    """The campaign as one run's events."""
    runs = [log.run for log in logs]
    first = runs[0]
    found: list[FuzzEvent] = [
        replace(
            first,
            shard="",
            target=" + ".join(dict.fromkeys(run.target for run in runs)),
            started_at=min(run.started_at for run in runs),
        )
    ]
    api_ends: dict[str, list[ApiFinished]] = {}
    ends: list[RunFinished] = []
    for log in logs:
        for event in log.events:
            if isinstance(event, ApiFinished):
                api_ends.setdefault(event.api, []).append(event)
            elif isinstance(event, RunFinished):
                ends.append(event)
            else:
                found.append(event)
    for finished in api_ends.values():
        found.append(
            ApiFinished(
                api=finished[0].api,
                elapsed_s=max(end.elapsed_s for end in finished),
                cases=sum(end.cases for end in finished),
            )
        )
    found.append(
        RunFinished(
            # The shards run side by side: the campaign took as long as its slowest shard.
            elapsed_s=max((end.elapsed_s for end in ends), default=0.0),
            cases=sum(end.cases for end in ends),
            failures=sum(end.failures for end in ends),
            problems=sum(end.problems for end in ends),
        )
    )
    return found


def merge_reports(
    directories: Sequence[Path],
    out: Path,
    reporters_for: Callable[[Path, frozenset[str]], Sequence[Reporter]],
) -> RunFinished:
    """Write the campaign's reports to `out` (through `reporters_for(out, faults)`); its totals.
    A shard cut short (no end in its log) is an engine problem of the campaign, not a pass."""
    logs = read_shards(directories)
    events = merged_events(logs)
    unfinished = [log for log in logs if not any(isinstance(e, RunFinished) for e in log.events)]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MergeError(f"cannot create {out}: {error}") from None
    if unfinished:
        names = ", ".join(str(log.directory) for log in unfinished)
        raise MergeError(f"{names}: the run did not finish (its log has no end)")
    reporters = reporters_for(out, frozenset(logs[0].run.faults))
    try:
        for event in events:
            for reporter in reporters:
                reporter.handle(event)
    finally:
        for reporter in reporters:
            reporter.close()
    finished = events[-1]
    assert isinstance(finished, RunFinished)
    return finished
