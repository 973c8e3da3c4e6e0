"""Runs schemathesis' engine over each API and turns its events into `FuzzEvent`s.

Per API: a pre-flight request (an unreachable or misconfigured target is one line, not a run of
errors), then the engine's phases (examples, coverage, fuzzing in positive and negative mode,
stateful: the spec's links send -> get -> list) with the built-in and project checks, then the
rate-limit probe where the target allows one. A failure stops neither its operation nor its phase
(`max_failures` is the opt-in stop).

A shard (`FuzzOptions.shard`, aelyst_contract.fuzz._shard) runs the unit phases of its own
operations only (the others' are switched off per operation in the engine's config) and, where it
owns an API's API-wide unit, the stateful phase over the whole API and the once-a-run probes.

A time budget is spent in two passes per API: first the default run (every operation and phase
gets what a run without a time budget gives it), then, while time is left, more fuzzing (and
stateful) cycles with fresh seeds, the time shared among the APIs in proportion to their work.
"""

from __future__ import annotations

import contextlib
import gc
import json
import random
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import schemathesis
from schemathesis.engine import events as st_events
from schemathesis.engine import from_schema

from aelyst_contract._hypothesis_caches import hypothesis_caches
from aelyst_contract._specs import SPEC_PATHS
from aelyst_contract.fuzz._errors import TargetError
from aelyst_contract.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    CheckOutcome,
    EngineProblem,
    FuzzEvent,
    PhaseChanged,
    RecordedRequest,
    Reporter,
    RunFinished,
    RunStarted,
)
from aelyst_contract.fuzz._example_db import ExampleDb, example_database
from aelyst_contract.fuzz._exchange import (
    NOT_JSON,
    Capability,
    CheckEnv,
    CheckFailed,
    Exchange,
    ProbeBudget,
    parse_body,
)
from aelyst_contract.fuzz._generation import (
    case_mapper,
    coverage_body_sampler,
    examples_mapper,
    semantic_fixer,
)
from aelyst_contract.fuzz._http import HttpFetch, Throttle, verified_tls
from aelyst_contract.fuzz._rate_probe import SeenRequests, probe_rate_limits
from aelyst_contract.fuzz._registry import applicability
from aelyst_contract.fuzz._results import ResultMaker
from aelyst_contract.fuzz._run_info import git_commit, spec_infos, tool_version
from aelyst_contract.fuzz._shard import API_WIDE, Shard, work_units
from aelyst_contract.fuzz._spec_facts import ApiName, spec_facts
from aelyst_contract.fuzz._st_adapter import (
    bounded_response_reuse,
    case_notes,
    fixing_stateful_calls,
    paced,
    project_checks,
)
from aelyst_contract.fuzz._target import Target
from aelyst_contract.openapi import Operation

__all__ = [
    "EXTRA_PASS_SEED_OFFSET",
    "MAX_TRANSPORT_ERRORS_IN_A_ROW",
    "PHASES",
    "POSITIVE_ACCEPTED_STATUSES",
    "SETTLE_S",
    "STORED_FAILURES_PHASE",
    "FuzzOptions",
    "RunTotals",
    "TargetError",
    "capabilities",
    "check_env",
    "preflight",
    "run_fuzz",
    "run_operations",
    "unit_weights",
]

# positive_data_acceptance: statuses a valid request may get. Setting the list replaces the
# default, so everything is re-listed; 449 (request queued) is the contact API's own. 400 is
# deliberately absent: generation is made semantically valid instead
# (aelyst_contract.fuzz._generation).
POSITIVE_ACCEPTED_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "429", "449", "5xx"]
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# This many transport errors in a row (connection refused, timeouts, ...) stop an API's run.
MAX_TRANSPORT_ERRORS_IN_A_ROW = 10
# A deferred follow-up runs this long after it was scheduled at the earliest (both APIs' messages
# move on within a second or two of a send).
SETTLE_S = 2.5
_MAX_RETRY_AFTER_S = 60.0
# The phase of the example database's stored failing requests, replayed before anything else.
STORED_FAILURES_PHASE = "stored-failures"
# The extra pass of a time budget draws from seeds this far from the run's: the engine's cycle
# and stateful seeds count up from the run seed, and the extra pass must not repeat them.
EXTRA_PASS_SEED_OFFSET = 1_000_000
# An extra pass shorter than this is not worth starting an engine for.
_MIN_EXTRA_PASS_S = 1.0


@dataclass(frozen=True)
class FuzzOptions:
    apis: tuple[ApiName, ...] = ("contact", "channel")
    max_examples: int = 25  # per operation and phase (the first pass of a time budget)
    # The run's (the shard's) seconds: the default run first, then more until they are spent.
    max_time_s: int | None = None
    seed: int = 0
    stateful_steps: int = 10
    phases: tuple[str, ...] = PHASES
    probes_per_operation: int = 3
    # Keep 1 in N coverage cases that mutate a request body (the channel send's big body makes
    # ~1000 of them); parameter, header and method cases are always kept. 1 keeps everything.
    coverage_body_sample: int = 1
    max_failures: int | None = None  # stop the run after this many failing cases
    target_args: str = ""  # options that address the same target, for replay lines
    shard: Shard = field(default_factory=Shard)
    example_db: ExampleDb | None = None  # None: no example database
    faults: tuple[str, ...] = ()  # switched on in the embedded emulator (for the reports)
    # The example database's stored failing requests of an API's given operations, replayed
    # and re-judged (aelyst_contract.fuzz._stored_failures); run first. None: none.
    stored_failures: Callable[[ApiName, Collection[str]], Sequence[CaseResult]] | None = None

    @property
    def budget_label(self) -> str:
        if self.max_time_s is not None:
            return (
                f"{self.max_time_s}s: {self.max_examples} generated examples per operation and"
                " phase, then more fuzzing until the time is spent"
            )
        return f"{self.max_examples} generated examples per operation and phase"


@dataclass
class RunTotals:
    cases: int = 0
    failed_cases: int = 0
    problems: int = 0
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failed_cases == 0 and self.problems == 0


def capabilities(target: Target, *, follow_up: bool = True) -> frozenset[Capability]:
    """What this target lets the checks do."""
    found: set[Capability] = set()
    if follow_up:
        found.add("follow_up")
    if target.allow_writes:
        found |= {"writes", "upload"}
    if target.rate_probe is not None:
        found.add("rate_probe")
    if target.other_access_key:
        found.add("other_workspace")
    if target.has_emulator_controls:
        found.add("emulator_clock")
    return frozenset(found)


def _emulator_clock(target: Target) -> Callable[[int], None] | None:
    if not target.has_emulator_controls:
        return None
    admin_url, token = str(target.admin_url).rstrip("/"), target.admin_token

    def advance(seconds: int) -> None:
        httpx.post(
            f"{admin_url}/clock/advance",
            json={"seconds": seconds},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10.0,
            verify=verified_tls(),
        ).raise_for_status()

    return advance


def check_env(
    api: ApiName,
    target: Target,
    fetch: HttpFetch | None,
    *,
    probes_per_operation: int = 3,
) -> CheckEnv:
    """The one way to build the checks' environment: the fuzzer, the pytest server suite and
    replays all come through here. `fetch` None: passive checks only."""
    base_url = target.base_url(api)
    assert base_url is not None
    return CheckEnv(
        facts=spec_facts(api),
        base_url=base_url,
        fetch=fetch,
        foreign_credentials=target.foreign_credentials(api),
        advance_clock=_emulator_clock(target),
        allow_writes=target.allow_writes,
        budget=ProbeBudget(per_operation=probes_per_operation),
        channel_two_factor=dict(target.channel_two_factor),
        channel_platforms=dict(target.channel_platforms),
        contact_channels=dict(target.contact_channels),
        other_workspace_id=target.other_workspace_id,
        upload=fetch.upload if fetch is not None and target.allow_writes else None,
        host_allowed=target.host_allowed,
        capabilities=capabilities(target, follow_up=fetch is not None),
    )


@dataclass(frozen=True)
class _Pass:
    """One engine execution of an API: the operations whose unit phases are off (another
    shard's), whether the stateful phase is on, and for an extra pass its seconds."""

    others: tuple[str, ...] = ()
    stateful: bool = True
    extra_s: float | None = None


def _config(
    api: ApiName, target: Target, options: FuzzOptions, run: _Pass | None = None
) -> dict[str, Any]:
    run = run or _Pass()
    authorization = target.authorization(api)
    extra = run.extra_s is not None
    config: dict[str, Any] = {
        "seed": options.seed + EXTRA_PASS_SEED_OFFSET if extra else options.seed,
        "base-url": target.base_url(api),
        "headers": {"Authorization": authorization} if authorization else {},
        "workers": 1,
        "request-timeout": 10,
        # A failure stops neither its operation nor its phase: a second, different fault on the
        # same operation must be found too.
        "continue-on-failure": True,
        "rate-limit": "auto",  # wait out 429s as their Retry-After says
        "max-redirects": 0,  # credentials go to the base URL, not wherever it points
        # Curl lines must reproduce the request: only secrets are masked, by our own redactor.
        "output": {"sanitization": {"enabled": False}},
        # Unknown query parameters are not negative data: the specs do not forbid them and
        # servers ignore them by convention (schemathesis' default calls them invalid). No
        # example database unless one is given (then hypothesis' default settings carry it,
        # _example_db): a run depends on its seed and target only.
        "generation": {
            "mode": "all",
            "max-examples": options.max_examples,
            "allow-extra-parameters": True,
            **({} if options.example_db else {"database": "none"}),
        },
        "phases": {
            # Examples and coverage enumerate the schema: an extra pass would repeat them.
            "examples": {"enabled": "examples" in options.phases and not extra},
            "coverage": {"enabled": "coverage" in options.phases and not extra},
            "fuzzing": {"enabled": "fuzzing" in options.phases},
            "stateful": {
                "enabled": "stateful" in options.phases and run.stateful,
                "max-steps": options.stateful_steps,
            },
        },
        "checks": {
            "positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTED_STATUSES},
        },
    }
    if run.others:
        # Another shard's operations: their unit phases are off here (the stateful phase still
        # passes through them where this shard runs it).
        off = {"enabled": False}
        config["operations"] = [
            {
                "include-name": list(run.others),
                "phases": {"examples": off, "coverage": off, "fuzzing": off},
            }
        ]
    if extra:
        config["max-time"] = max(1, round(run.extra_s or 0))
    if options.max_failures is not None:
        config["max-failures"] = options.max_failures
    if not target.allow_writes:
        # No PUT/DELETE/TRACE probes against someone's production either.
        config["phases"]["coverage"]["unexpected-methods"] = []
        config["checks"]["unsupported_method"] = {"enabled": False}
    return config


# --- pre-flight ------------------------------------------------------------------------------


def _transport_problem(error: httpx.HTTPError) -> str:
    text = str(error) or type(error).__name__
    lowered = text.lower()
    if isinstance(error, httpx.ConnectError):
        if "certificate" in lowered or "ssl" in lowered or "tls" in lowered:
            return f"TLS failed ({text})"
        if "refused" in lowered:
            return "connection refused"
        if "name or service" in lowered or "nodename" in lowered or "resolution" in lowered:
            return "the host name does not resolve"
        return f"cannot connect ({text})"
    if isinstance(error, httpx.TimeoutException):
        return "no answer within 10 s"
    return text


def _preflight_url(api: ApiName, target: Target) -> str:
    base = str(target.base_url(api)).rstrip("/")
    if api == "contact":
        identifier = (target.known_contact_identifiers or ("email:preflight@example.com",))[0]
        return f"{base}/contact/{quote(identifier, safe='')}/message/list?limit=1"
    return f"{base}/workspaces/{quote(str(target.workspace_id), safe='')}/messages?limit=1"


def preflight(api: ApiName, target: Target) -> None:
    """One request with the run's own credentials; TargetError names what is wrong."""
    url = _preflight_url(api, target)
    authorization = target.authorization(api)
    credential = (target.secret_env or {}).get(
        (authorization or "").partition(" ")[2], "the configured credential"
    )
    try:
        response = httpx.get(
            url,
            headers={"Authorization": authorization} if authorization else {},
            timeout=10.0,
            verify=verified_tls(),
            follow_redirects=False,
        )
    except httpx.HTTPError as error:
        raise TargetError(
            f"the {api} API at {target.base_url(api)}: {_transport_problem(error)}"
        ) from None
    if response.status_code in (401, 403):
        shown = f"${credential}" if not credential.startswith("the ") else credential
        raise TargetError(
            f"the {api} API at {target.base_url(api)} refused the credential in {shown}"
            f" ({response.status_code})"
        )
    if api == "channel" and response.status_code == 404:
        raise TargetError(
            f"the channel API at {target.base_url(api)} does not know workspace"
            f" {target.workspace_id} (404): check channel.workspace_id and the access key"
        )
    if api == "contact" and response.status_code == 404 and not _contact_not_found(response):
        # An unknown contact is a 404 in the API's own format; anything else is another server
        # (or another path) answering.
        raise TargetError(
            f"the contact API at {target.base_url(api)} answered 404 outside the API's error"
            " format: is the base URL right (it ends in /v1 on the real API)?"
        )


def _contact_not_found(response: httpx.Response) -> bool:
    body = parse_body(response.content)
    return isinstance(body, dict) and body.get("code") == 404 and type(body.get("code")) is int


# --- the run ---------------------------------------------------------------------------------


def _plan(api: ApiName, operations: Sequence[Operation[ApiName]], target: Target) -> dict[str, Any]:
    caps = capabilities(target)
    return {operation.route: applicability(operation, caps) for operation in operations}


def _transport_error(event: Any) -> str | None:
    """The transport problem behind an engine error, if that is what it is."""
    error = getattr(event, "value", None)
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        name = type(error).__name__
        if name in ("ConnectionError", "ConnectError", "ConnectTimeout", "ReadTimeout", "Timeout"):
            text = str(error).lower()
            if "refused" in text:
                return "connection refused"
            if "timed out" in text or "timeout" in name.lower():
                return "no answer within 10 s"
            if "ssl" in text or "certificate" in text:
                return "TLS failed"
            return "cannot connect"
        error = error.__cause__ or error.__context__
    return None


def run_operations(api: ApiName, target: Target) -> tuple[Operation[ApiName], ...]:
    """The operations a run fuzzes, in spec order (a shard's stable order too)."""
    return tuple(
        op
        for op in spec_facts(api).operations.values()
        if target.allow_writes or op.method == "GET"
    )


@dataclass(frozen=True)
class _ApiWork:
    """What of an API this run (shard) does."""

    operations: tuple[Operation[ApiName], ...]  # whose unit phases it runs
    others: tuple[str, ...]  # the labels of the operations another shard runs
    api_wide: bool  # the stateful phase and the once-a-run probes

    @property
    def weight(self) -> int:
        return len(self.operations) + int(self.api_wide)


# Estimated cases of a work unit, to balance shards: the coverage phase makes about five cases
# per object in a request body's schema, and each phase some dozens besides; the stateful phase
# some per operation of its API.
_CASES_PER_OPERATION = 60
_CASES_PER_BODY_NODE = 5
_STATEFUL_CASES_PER_OPERATION = 20


def _schema_nodes(api: ApiName, node: Any, seen: frozenset[str] = frozenset()) -> int:
    """The objects in a schema, $refs followed (each once per branch)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in seen:
                return 0
            return _schema_nodes(api, spec_facts(api).resolve(node), seen | {ref})
        return 1 + sum(_schema_nodes(api, value, seen) for value in node.values())
    if isinstance(node, list):
        return sum(_schema_nodes(api, value, seen) for value in node)
    return 0


def unit_weights(
    operations: dict[ApiName, tuple[Operation[ApiName], ...]],
) -> dict[tuple[str, str], int]:
    """Each work unit's estimated cases (aelyst_contract.fuzz._shard)."""
    weights: dict[tuple[str, str], int] = {}
    for api, ops in operations.items():
        for op in ops:
            body = _schema_nodes(api, op.node.get("requestBody", {}))
            weights[(api, op.route)] = _CASES_PER_OPERATION + _CASES_PER_BODY_NODE * body
        weights[(api, API_WIDE)] = _STATEFUL_CASES_PER_OPERATION * len(ops)
    return weights


def _shard_work(options: FuzzOptions, target: Target) -> dict[ApiName, _ApiWork]:
    """Each API this shard has work in, and that work."""
    operations = {api: run_operations(api, target) for api in options.apis}
    units = work_units([(api, [op.route for op in ops]) for api, ops in operations.items()])
    mine = set(options.shard.mine(units, unit_weights(operations)))
    found: dict[ApiName, _ApiWork] = {}
    for api, ops in operations.items():
        work = _ApiWork(
            operations=tuple(op for op in ops if (api, op.route) in mine),
            others=tuple(op.route for op in ops if (api, op.route) not in mine),
            api_wide=(api, API_WIDE) in mine,
        )
        if work.weight:
            found[api] = work
    return found


@dataclass
class _ShardProbeBudget(ProbeBudget):
    """A shard's follow-up probes: those of its own operations, and the once-a-run ones (keyed
    "*") only in the shard with the API-wide unit, so that no probe is sent by two shards (the
    stateful phase passes through other shards' operations)."""

    owned: frozenset[str] = frozenset()  # operation ids and routes of the shard's operations
    api_wide: bool = True

    def take(self, check: str, operation: str, limit: int | None = None) -> bool:
        mine = self.api_wide if operation == "*" else operation in self.owned
        return mine and super().take(check, operation, limit)


class _ApiRun:
    """One API's run: the engine's events become results; transport failures are summed up."""

    def __init__(
        self,
        api: ApiName,
        target: Target,
        options: FuzzOptions,
        emit: Callable[[FuzzEvent], None],
        totals: RunTotals,
        *,
        work: _ApiWork | None = None,
        extra_time: Callable[[float], float] | None = None,
    ) -> None:
        self.api, self.target, self.options, self.emit, self.totals = (
            api,
            target,
            options,
            emit,
            totals,
        )
        self.work = work or _ApiWork(run_operations(api, target), (), api_wide=True)
        # For a time budget: given the first pass' seconds, how many more this API gets.
        self.extra_time = extra_time
        self.maker = ResultMaker(api, target)
        self.base_url = str(target.base_url(api))
        self.cases = 0
        # A request per operation that got an ordinary answer: what the rate-limit probe repeats.
        self.seen: SeenRequests = {}
        self.transport_errors: list[str] = []
        # Follow-ups that need real time to pass: (when scheduled, exchange, check, follow-up).
        self.deferred: list[tuple[float, Exchange, str, Callable[[], bool]]] = []

    def _defer(self, exchange: Exchange, check: str, follow_up: Callable[[], bool]) -> None:
        self.deferred.append((time.monotonic(), exchange, check, follow_up))

    def _run_deferred(self, fetch: HttpFetch) -> None:
        """Each deferred follow-up, once its settling time has passed, as a result of its own."""
        for scheduled, exchange, check, follow_up in self.deferred:
            time.sleep(max(0.0, scheduled + SETTLE_S - time.monotonic()))
            fetch.clear()
            probe = None
            try:
                judged = follow_up()
            except CheckFailed as failure:
                probe = failure.probe or fetch.sent[-1]
                outcome = self.maker.failure(
                    check, probe, "Custom check failed", str(failure), probe=True
                )
            else:
                outcome = CheckOutcome(
                    check, passed=True, not_exercised="" if judged else "nothing to judge"
                )
            if not fetch.sent:
                continue
            # The request that led here (a replay sends it again); the probe is in the outcome.
            body = None if exchange.request_body is NOT_JSON else json.dumps(exchange.request_body)
            sent = RecordedRequest(
                exchange.method,
                exchange.url,
                {"Content-Type": "application/json"} if body is not None else {},
                body,
            )
            self._add(
                CaseResult(
                    api=self.api,
                    operation=exchange.operation.route if exchange.operation else exchange.method,
                    phase="settle",
                    mode="positive",
                    request=self.maker.shown(sent),
                    response=None,
                    outcomes=(outcome,),
                    follow_ups=self.maker.follow_ups(check, fetch.exchanges, probe),
                )
            )

    def _schema(self, run: _Pass) -> schemathesis.BaseSchema:
        api, target, options = self.api, self.target, self.options
        config = _config(api, target, options, run)
        schema: schemathesis.BaseSchema = schemathesis.openapi.from_path(
            SPEC_PATHS[api], config=schemathesis.Config.from_dict(config)
        )
        if not target.allow_writes:
            schema = schema.include(method="GET")
        schema.hook("map_case")(case_mapper(api, target, case_notes))
        schema.hook("before_add_examples")(examples_mapper(api, target, case_notes))
        if options.coverage_body_sample > 1:
            schema.hook("filter_case")(coverage_body_sampler(options.coverage_body_sample))
        return schema

    def _add(self, result: CaseResult) -> None:
        if not self.options.shard.is_whole:
            result = replace(result, shard=self.options.shard.label)
        self.cases += 1
        self.totals.cases += 1
        self.totals.failed_cases += int(result.failed)
        self.emit(result)

    def _problem(self, label: str, message: str) -> None:
        self.totals.problems += 1
        self.emit(EngineProblem(api=self.api, label=label, message=message))

    def _on_event(self, event: Any) -> bool:
        """Handle one engine event; False to stop the engine."""
        api, redact = self.api, self.maker.redactor.text
        if isinstance(event, st_events.PhaseStarted | st_events.PhaseFinished):
            finished = isinstance(event, st_events.PhaseFinished)
            self.emit(PhaseChanged(api=api, phase=str(event.phase.name.value), finished=finished))
        elif isinstance(event, st_events.ScenarioFinished):
            for result in self.maker.case_results(event):
                self.transport_errors.clear()
                self._remember(result)
                self._add(result)
        elif isinstance(event, st_events.NonFatalError):
            problem = _transport_error(event)
            if problem is None:
                self._problem(event.label, redact(event.info.format(base_url_is_set=True)))
                return True
            self.transport_errors.append(problem)
            if len(self.transport_errors) >= MAX_TRANSPORT_ERRORS_IN_A_ROW:
                self._problem(
                    "transport",
                    f"{len(self.transport_errors)} requests in a row failed ({problem}) at"
                    f" {self.base_url}: stopped the {api} API",
                )
                return False
        elif isinstance(event, st_events.FatalError):
            self._problem("engine", redact(repr(event.exception)))
        return True

    def _execute(self, run: _Pass) -> bool:
        """One engine execution; False when transport errors stopped it."""
        stream = from_schema(self._schema(run)).execute()
        for event in stream:
            if not self._on_event(event):
                stream.stop()
                return False
        return True

    def run(self) -> None:
        api, target, work = self.api, self.target, self.work
        fetch = HttpFetch(
            self.base_url, target.authorization(api), throttle=Throttle(target.rate_limit)
        )
        env = check_env(api, target, fetch, probes_per_operation=self.options.probes_per_operation)
        env.defer = self._defer
        if not self.options.shard.is_whole:
            env.budget = _ShardProbeBudget(
                per_operation=env.budget.per_operation,
                owned=frozenset(
                    name for op in work.operations for name in (op.operation_id, op.route) if name
                ),
                api_wide=work.api_wide,
            )
        operations = list(work.operations)
        first = _Pass(others=work.others, stateful=work.api_wide)
        self.emit(
            ApiStarted(
                api=api,
                base_url=self.base_url,
                operations=tuple(op.route for op in operations),
                plan=_plan(api, operations, target),
            )
        )
        started = time.monotonic()
        if self.options.stored_failures is not None:
            self.emit(PhaseChanged(api=api, phase=STORED_FAILURES_PHASE, finished=False))
            for result in self.options.stored_failures(api, {op.route for op in operations}):
                self._add(result)
            self.emit(PhaseChanged(api=api, phase=STORED_FAILURES_PHASE, finished=True))
        # schemathesis draws some choices (which response value to reuse, ...) from the global
        # `random` outside Hypothesis: seed it too, or one seed gives different runs.
        random.seed(f"{self.options.seed}:{api}")
        try:
            with (
                bounded_response_reuse(),
                project_checks({api: env}),
                paced(fetch.throttle.wait),
                fixing_stateful_calls(api, semantic_fixer(api, target, case_notes)),
            ):
                stopped = not self._execute(first)
                more = self.extra_time(time.monotonic() - started) if self.extra_time else 0.0
                if not stopped and more >= _MIN_EXTRA_PASS_S:
                    random.seed(f"{self.options.seed}:{api}:more")
                    stopped = not self._execute(replace(first, extra_s=more))
            stopped = stopped or len(self.transport_errors) >= MAX_TRANSPORT_ERRORS_IN_A_ROW
            if self.transport_errors and not stopped:
                self._problem(
                    "transport",
                    f"{len(self.transport_errors)} requests failed ({self.transport_errors[-1]})",
                )
            if target.rate_probe is not None and work.api_wide and not stopped:
                self.emit(PhaseChanged(api=api, phase="rate-limit", finished=False))
                for result in probe_rate_limits(api, target, self.seen, lambda _: None):
                    self._add(result)
                self.emit(PhaseChanged(api=api, phase="rate-limit", finished=True))
            if not stopped:  # last: the probe above lets time pass for them
                self._run_deferred(fetch)
        finally:
            fetch.close()
        self.emit(ApiFinished(api=api, elapsed_s=time.monotonic() - started, cases=self.cases))

    def _remember(self, result: CaseResult) -> None:
        """Keep the first positive, answered request of each operation for the rate probe."""
        response = result.response
        if result.operation in self.seen or response is None or not 200 <= response.status < 300:
            return
        if result.mode != "positive" or result.request.method != result.operation.split(" ")[0]:
            return
        if urlsplit(result.request.url).netloc != urlsplit(self.base_url).netloc:
            return
        self.seen[result.operation] = (result.request.url, result.request.body)


def run_fuzz(target: Target, options: FuzzOptions, reporters: Sequence[Reporter]) -> RunTotals:
    """Fuzz each selected API (of this shard) in turn; every event goes to every reporter, in
    order. Raises TargetError before any reporter hears of the run when an API cannot be
    reached."""
    work = _shard_work(options, target)
    for api in work:
        preflight(api, target)
    totals = RunTotals()

    def emit(event: FuzzEvent) -> None:
        for reporter in reporters:
            reporter.handle(event)

    started = time.monotonic()
    emit(
        RunStarted(
            apis=options.apis,
            target=target.describe(),
            seed=options.seed,
            budget=options.budget_label,
            target_args=options.target_args,
            rate_probe=target.rate_probe.mode if target.rate_probe else "off",
            budget_arg=(
                f"{options.max_time_s}s"
                if options.max_time_s is not None
                else str(options.max_examples)
            ),
            max_failures=options.max_failures,
            max_time_s=options.max_time_s,
            started_at=time.time(),
            specs=spec_infos(options.apis),
            tool_version=tool_version(),
            git_commit=git_commit(),
            shard="" if options.shard.is_whole else options.shard.label,
            example_db=options.example_db.shown if options.example_db else "",
            faults=options.faults,
        )
    )
    apis = list(work)
    with _older_objects_frozen(), hypothesis_caches(), example_database(options.example_db):
        for position, api in enumerate(apis):
            extra_time = None
            if options.max_time_s is not None:
                extra_time = _extra_time(
                    started + options.max_time_s, work[api], [work[a] for a in apis[position + 1 :]]
                )
            _ApiRun(api, target, options, emit, totals, work=work[api], extra_time=extra_time).run()
            if options.max_failures is not None and totals.failed_cases >= options.max_failures:
                break
    totals.elapsed_s = time.monotonic() - started
    emit(
        RunFinished(
            elapsed_s=totals.elapsed_s,
            cases=totals.cases,
            failures=totals.failed_cases,
            problems=totals.problems,
        )
    )
    return totals


@contextlib.contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Keep the cyclic garbage collector off every object older than the run (modules, specs,
    schemathesis' and hypothesis' state) for its duration: a run allocates fast, and each full
    collection walked them all (gc.freeze after the imports: 10-15% less CPU per fuzz run).
    When the caller froze its objects already (a test session), that freeze stands as it is:
    unfreezing would thaw the caller's too."""
    if gc.get_freeze_count():
        yield
        return
    # No collection first: garbage frozen with the rest is collected after the run (unfreeze).
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _extra_time(
    deadline: float, this: _ApiWork, later: Sequence[_ApiWork]
) -> Callable[[float], float]:
    """For a time budget: given the seconds this API's first (default) pass took, its share of
    what is left, after what the later APIs' first passes will take at the same pace, in
    proportion to the work (operations, and the API-wide unit) of each."""

    def share(first_pass_s: float) -> float:
        later_weight = sum(work.weight for work in later)
        later_first_passes = first_pass_s / max(1, this.weight) * later_weight
        left = deadline - time.monotonic() - later_first_passes
        return max(0.0, left * this.weight / (this.weight + later_weight))

    return share
