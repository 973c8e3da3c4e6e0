"""What the runner tells reporters. Events flow one way, runner -> reporters; every value in
them is already redacted (reporters never see a secret)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

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
]


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
    max_time_s: int | None = None  # per API, for a time budget
    started_at: float = 0.0  # epoch seconds
    specs: tuple[SpecInfo, ...] = ()
    tool_version: str = ""
    git_commit: str = ""  # of the working directory's checkout; "" outside one


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
