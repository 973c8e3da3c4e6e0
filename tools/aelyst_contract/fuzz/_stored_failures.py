"""The failing requests an `--example-db` keeps, replayed first in every later run and shard.

Hypothesis' database (the engine's generation database) keeps the *choices* behind each failing
example; they replay only while the strategies still fit them, and the fuzzer's own hooks swap in
values from the target's state. So the database also keeps each failing request itself, as
replays.json has it (relative to its API's base URL, with the checks that failed), and every
later run first sends the stored requests of its operations again, re-judged with the checks
that failed as `fuzz --replay` does: a fault found once shows in a later run's first cases,
whatever its seed and budget.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any, Protocol

import httpx

from aelyst_contract.fuzz._errors import FuzzError
from aelyst_contract.fuzz._events import CaseResult, CheckOutcome, FuzzEvent, RecordedRequest
from aelyst_contract.fuzz._example_db import ExampleDb
from aelyst_contract.fuzz._replay import replay
from aelyst_contract.fuzz._reporters import ReplayReporter
from aelyst_contract.fuzz._results import ResultMaker
from aelyst_contract.fuzz._runner import STORED_FAILURES_PHASE
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.fuzz._target import Target

__all__ = [
    "REDIS_KEY",
    "REPLAY_PHASE",
    "FailureStore",
    "StoringReporter",
    "failure_store",
    "stored_failure_replayer",
]

REDIS_KEY = "aelyst-contract:failing-requests"  # a hash: replay id -> replays.json entry
REPLAY_PHASE = STORED_FAILURES_PHASE  # the phase of their results


class FailureStore(Protocol):
    def save(self, entries: Mapping[str, Mapping[str, Any]]) -> None: ...

    def load(self) -> dict[str, dict[str, Any]]: ...


class _RedisStore:
    def __init__(self, url: str, shown: str) -> None:
        import redis  # noqa: PLC0415

        self._client = redis.Redis.from_url(url, socket_timeout=10)
        self._shown = shown
        self._error = redis.RedisError

    def save(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        if not entries:
            return
        values: Mapping[Any, Any] = {
            key: json.dumps(entry, sort_keys=True) for key, entry in entries.items()
        }
        try:
            self._client.hset(REDIS_KEY, mapping=values)
        except self._error as error:
            raise FuzzError(f"--example-db {self._shown}: {error}") from None

    def load(self) -> dict[str, dict[str, Any]]:
        try:
            raw: Mapping[Any, Any] = self._client.hgetall(REDIS_KEY)
        except self._error as error:
            raise FuzzError(f"--example-db {self._shown}: {error}") from None
        return {_text(key): json.loads(_text(value)) for key, value in raw.items()}


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class _DirectoryStore:
    def __init__(self, directory: Path) -> None:
        self._directory = directory / "failing-requests"

    def save(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        for key, entry in entries.items():
            path = self._directory / f"{key}.json"
            path.write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")

    def load(self) -> dict[str, dict[str, Any]]:
        if not self._directory.is_dir():
            return {}
        found = {}
        for path in sorted(self._directory.glob("*.json")):
            try:
                found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a half-written file of a run that was killed: not a failure of ours
        return found


def failure_store(db: ExampleDb) -> FailureStore:
    if db.is_redis:
        return _RedisStore(db.location, db.shown)
    return _DirectoryStore(Path(db.location))


class StoringReporter:
    """Keeps the run's failing requests (the entries replays.json gets) in the store."""

    def __init__(self, store: FailureStore) -> None:
        self._store = store
        self._entries = ReplayReporter(Path("unused"))

    def handle(self, event: FuzzEvent) -> None:
        self._entries.handle(event)

    def close(self) -> None:
        # The rate-limit probe is not a request to replay: it is a burst, run once a campaign.
        kept = {
            key: entry
            for key, entry in self._entries.entries.items()
            if entry.get("phase") != "rate-limit"
        }
        self._store.save(kept)


def stored_failure_replayer(
    store: FailureStore, target: Target
) -> Callable[[ApiName, Collection[str]], list[CaseResult]]:
    """For the runner: the stored failing requests of an API's given operations, sent again and
    re-judged, as results of the phase REPLAY_PHASE (in replay-id order)."""
    stored = store.load()

    def replay_stored(api: ApiName, operations: Collection[str]) -> list[CaseResult]:
        maker = ResultMaker(api, target)
        base = str(target.base_url(api)).rstrip("/")
        results = []
        for key in sorted(stored):
            entry = stored[key]
            if entry.get("api") != api or entry.get("operation") not in operations:
                continue
            request = RecordedRequest(
                str(entry["method"]),
                base + str(entry["path"]),
                dict(entry.get("headers") or {}),
                entry.get("body"),
            )
            try:
                outcome = replay(entry, target)
            except httpx.HTTPError:
                continue  # the target is checked by the run itself; a stored replay is a bonus
            outcomes = []
            for verdict in outcome.verdicts:
                word, _, reason = verdict.verdict.partition(": ")
                if word == "FAIL":
                    outcomes.append(maker.failure(verdict.check, request, "Stored failure", reason))
                elif word == "not exercised":
                    outcomes.append(CheckOutcome(verdict.check, passed=True, not_exercised=reason))
                else:
                    outcomes.append(CheckOutcome(verdict.check, passed=True))
            results.append(
                CaseResult(
                    api=api,
                    operation=str(entry["operation"]),
                    phase=REPLAY_PHASE,
                    mode=str(entry.get("mode", "")),
                    request=maker.shown(request),
                    response=None
                    if outcome.status is None
                    else maker.response(outcome.status, {}, outcome.body, 0.0),
                    outcomes=tuple(outcomes),
                )
            )
        return results

    return replay_stored
