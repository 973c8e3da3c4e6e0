"""What the runner tells reporters. Events flow one way, runner -> reporters; every value in
them is already redacted (reporters never see a secret)."""

from __future__ import annotations

import collections.abc
import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from aelyst_contract.fuzz._spec_facts import ApiName

__all__ = [
    "ApiFinished",
    "ApiStarted",
    "CaseResult",
    "CheckOutcome",
    "EngineProblem",
    "FollowUp",
    "FuzzEvent",
    "PhaseChanged",
    "RecordedRequest",
    "RecordedResponse",
    "Reporter",
    "RunFinished",
    "RunStarted",
    "SpecInfo",
    "event_from_json",
    "event_to_json",
]

_T = TypeVar("_T")


@dataclass(frozen=True)
class SpecInfo:
    """One spec the run tested against: where it is, its `info.version`, and its sha256."""

    api: ApiName
    path: str
    version: str
    sha256: str


@dataclass(frozen=True)
class RunStarted:
    apis: tuple[ApiName, ...]
    target: str
    seed: int
    budget: str
    # Options that address the same target again (for replay lines), e.g. "--profile p.toml".
    target_args: str = ""
    rate_probe: str = "off"  # how the run may provoke 429s: off, credential or burst
    # For the reports' run metadata and rerun command (the CLI's own words: `--budget 25`).
    budget_arg: str = ""
    max_failures: int | None = None
    max_time_s: int | None = None  # the run's (the shard's) seconds, for a time budget
    started_at: float = 0.0  # epoch seconds
    specs: tuple[SpecInfo, ...] = ()
    tool_version: str = ""
    git_commit: str = ""  # of the working directory's checkout; "" outside one
    shard: str = ""  # "K/N" for one shard of a campaign; "" for a whole run (or a merge)
    example_db: str = ""  # where failing examples are shared (no credentials); "" for none
    faults: tuple[str, ...] = ()  # the embedded emulator's faults switched on for the run


@dataclass(frozen=True)
class ApiStarted:
    api: ApiName
    base_url: str
    operations: tuple[str, ...]
    # operation label -> check -> "applies", "n/a", or why it cannot be exercised on this target
    plan: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class PhaseChanged:
    api: ApiName
    phase: str
    finished: bool


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    url: str
    headers: Mapping[str, str]
    body: str | None
    started_at: float = 0.0  # epoch seconds when it was sent; 0: not known


@dataclass(frozen=True)
class RecordedResponse:
    status: int
    headers: Mapping[str, str]
    body: str
    elapsed_ms: float


@dataclass(frozen=True)
class CheckOutcome:
    """One check's word on one case. `not_exercised` (a reason) means it could not judge it:
    neither a pass nor a fail. `probe` is the follow-up request a failure was seen on; `curl`
    and `replay_id` are then the probe's."""

    check: str
    passed: bool
    title: str = ""
    message: str = ""
    curl: str = ""
    replay_id: str = ""
    not_exercised: str = ""
    probe: RecordedRequest | None = None

    @property
    def status(self) -> str:
        if self.not_exercised:
            return "not exercised"
        return "pass" if self.passed else "fail"


@dataclass(frozen=True)
class FollowUp:
    """A follow-up request a check sent while judging a case, and its answer (None: none came).
    `failed`: the check failed on this answer (the outcome's `probe`)."""

    check: str
    request: RecordedRequest
    response: RecordedResponse | None
    failed: bool = False


@dataclass(frozen=True)
class CaseResult:
    """One request the engine sent, the answer, what every check said about it, and the
    follow-up requests the checks sent to judge it."""

    api: ApiName
    operation: str  # "GET /contact/{identifier}/message/list"
    phase: str
    mode: str  # positive | negative | ""
    request: RecordedRequest
    response: RecordedResponse | None
    outcomes: tuple[CheckOutcome, ...] = field(default=())
    follow_ups: tuple[FollowUp, ...] = field(default=())
    shard: str = ""  # "K/N": the shard of a campaign that ran it; "" in a whole run

    @property
    def failed(self) -> bool:
        return any(outcome.status == "fail" for outcome in self.outcomes)


@dataclass(frozen=True)
class EngineProblem:
    """Something stopped the engine from testing (a crash, an unreachable server, ...)."""

    api: ApiName
    label: str
    message: str


@dataclass(frozen=True)
class ApiFinished:
    api: ApiName
    elapsed_s: float
    cases: int


@dataclass(frozen=True)
class RunFinished:
    elapsed_s: float
    cases: int
    failures: int
    problems: int


FuzzEvent = (
    RunStarted | ApiStarted | PhaseChanged | CaseResult | EngineProblem | ApiFinished | RunFinished
)


class Reporter(Protocol):
    def handle(self, event: FuzzEvent) -> None: ...

    def close(self) -> None: ...


# --- serialisation: events.jsonl, read back by `aelyst-contract report merge` ----------------

_EVENT_TYPES: dict[str, type[FuzzEvent]] = {
    cls.__name__: cls
    for cls in (
        RunStarted,
        ApiStarted,
        PhaseChanged,
        CaseResult,
        EngineProblem,
        ApiFinished,
        RunFinished,
    )
}
_NESTED: dict[str, type] = {
    cls.__name__: cls
    for cls in (SpecInfo, RecordedRequest, RecordedResponse, CheckOutcome, FollowUp)
}


def event_to_json(event: FuzzEvent) -> dict[str, Any]:
    """A JSON object for the event (its class under "event"); `event_from_json` reads it back
    to an equal event."""
    return {"event": type(event).__name__, **_plain(event)}


# Per record class, once each: every case is written out and read back (report merge).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # `dataclasses.fields`' names
_FIELD_HINTS: dict[type, tuple[tuple[str, Any], ...]] = {}  # and their resolved types


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | None):
        return value
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(cls):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def event_from_json(data: Mapping[str, Any]) -> FuzzEvent:
    """The event `event_to_json` wrote; ValueError for anything else."""
    name = data.get("event")
    cls = _EVENT_TYPES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise ValueError(f"not a fuzz event: {name!r}")
    event: FuzzEvent = _build(cls, data)
    return event


def _build(cls: type[_T], data: Mapping[str, Any]) -> _T:
    values = {name: _typed(hint, data[name]) for name, hint in _field_hints(cls) if name in data}
    return cls(**values)


def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """A record's fields and their resolved types, once per class: `get_type_hints` evaluates
    every annotation string again on each call (it was 80% of reading an event log)."""
    found = _FIELD_HINTS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        found = _FIELD_HINTS[cls] = tuple((f.name, hints[f.name]) for f in fields)
    return found


def _typed(hint: Any, value: Any) -> Any:
    """`value` (plain JSON) as the type `hint` asks for: tuples, nested records, optionals."""
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _typed(next(arg for arg in args if arg is not type(None)), value)
    if origin is tuple:
        return tuple(_typed(args[0], item) for item in value)
    if origin in (Mapping, dict, collections.abc.Mapping):
        return {key: _typed(args[1], item) for key, item in value.items()}
    if isinstance(hint, type) and hint.__name__ in _NESTED:
        return _build(hint, value)
    return value
