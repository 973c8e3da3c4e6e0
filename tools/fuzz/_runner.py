"""Runs schemathesis' engine over each API and turns its events into `FuzzEvent`s.

Phases: examples, coverage, fuzzing (positive and negative), then stateful (the spec's links:
send -> get -> list). Built-in checks plus the project checks (tools.fuzz._checks).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import schemathesis
from schemathesis.engine import events as st_events
from schemathesis.engine import from_schema

from tools._specs import SPEC_PATHS
from tools.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    CheckOutcome,
    EngineProblem,
    FuzzEvent,
    PhaseChanged,
    RecordedRequest,
    RecordedResponse,
    Reporter,
    RunFinished,
    RunStarted,
)
from tools.fuzz._exchange import CheckEnv, ProbeBudget
from tools.fuzz._generation import (
    case_mapper,
    coverage_body_sampler,
    examples_mapper,
    semantic_fixer,
)
from tools.fuzz._http import HttpFetch, Throttle
from tools.fuzz._redact import Redactor
from tools.fuzz._spec_facts import ApiName, spec_facts
from tools.fuzz._st_adapter import fixing_stateful_calls, paced, project_checks
from tools.fuzz._target import Target

__all__ = ["POSITIVE_ACCEPTED_STATUSES", "FuzzOptions", "RunTotals", "replay_id", "run_fuzz"]

# positive_data_acceptance: statuses a valid request may get. Setting the list replaces the
# default, so everything is re-listed; 449 (request queued) is the contact API's own. 400 is
# deliberately absent: generation is made semantically valid instead (tools.fuzz._generation).
POSITIVE_ACCEPTED_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "429", "449", "5xx"]
PHASES = ("examples", "coverage", "fuzzing", "stateful")


@dataclass(frozen=True)
class FuzzOptions:
    apis: tuple[ApiName, ...] = ("contact", "channel")
    max_examples: int = 25
    max_time_s: int | None = None  # per API; None: bounded by max_examples
    seed: int = 0
    stateful_steps: int = 10
    allow_writes: bool = True
    rate_limit: float | None = None  # requests per second
    phases: tuple[str, ...] = PHASES
    probes_per_operation: int = 3
    # Keep 1 in N coverage cases that mutate a request body (the channel send's big body makes
    # ~1000 of them); parameter, header and method cases are always kept. 1 keeps everything.
    coverage_body_sample: int = 1

    @property
    def budget_label(self) -> str:
        if self.max_time_s is not None:
            return f"{self.max_time_s}s per API"
        return f"{self.max_examples} examples per operation"


@dataclass
class RunTotals:
    cases: int = 0
    failed_cases: int = 0
    problems: int = 0
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failed_cases == 0 and self.problems == 0


def replay_id(api: str, method: str, url: str, body: str | None) -> str:
    digest = hashlib.sha256(f"{api}\n{method}\n{url}\n{body or ''}".encode()).hexdigest()
    return digest[:12]


def _config(api: ApiName, target: Target, options: FuzzOptions) -> dict[str, Any]:
    base_url = target.base_url(api)
    authorization = target.authorization(api)
    read_only = not target.embedded and not options.allow_writes
    config: dict[str, Any] = {
        "seed": options.seed,
        "base-url": base_url,
        "headers": {"Authorization": authorization} if authorization else {},
        "workers": 1,
        "request-timeout": 10,
        # Unknown query parameters are not negative data: the specs do not forbid them and
        # servers ignore them by convention (schemathesis' default calls them invalid).
        "generation": {
            "mode": "all",
            "max-examples": options.max_examples,
            "allow-extra-parameters": True,
        },
        "phases": {
            "examples": {"enabled": "examples" in options.phases},
            "coverage": {"enabled": "coverage" in options.phases},
            "fuzzing": {"enabled": "fuzzing" in options.phases},
            "stateful": {
                "enabled": "stateful" in options.phases,
                "max-steps": options.stateful_steps,
            },
        },
        "checks": {
            "positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTED_STATUSES},
        },
    }
    if options.max_time_s is not None:
        config["max-time"] = options.max_time_s
    if not target.embedded:
        config["rate-limit"] = "auto"  # wait out 429s as their Retry-After says
        config["max-redirects"] = 0  # credentials go to the base URL, not wherever it points
    if read_only:
        # No PUT/DELETE/TRACE probes against someone's production either.
        config["phases"]["coverage"]["unexpected-methods"] = []
        config["checks"]["unsupported_method"] = {"enabled": False}
    return config


def _recorded(
    redactor: Redactor, interaction: Any
) -> tuple[RecordedRequest, RecordedResponse | None]:
    request = interaction.request
    body = request.body
    body_text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    recorded_request = RecordedRequest(
        method=request.method.upper(),
        url=redactor.text(request.uri),
        headers=redactor.headers({k: v[0] for k, v in request.headers.items() if v}),
        body=redactor.text(body_text) if body_text is not None else None,
    )
    response = interaction.response
    if response is None:
        return recorded_request, None
    return recorded_request, RecordedResponse(
        status=response.status_code,
        headers=redactor.headers({k: v[0] for k, v in response.headers.items() if v}),
        body=redactor.text(response.text_lossy() if response.content is not None else ""),
        elapsed_ms=round(response.elapsed * 1000, 2),
    )


def _case_results(api: ApiName, event: Any, redactor: Redactor) -> list[CaseResult]:
    recorder = event.recorder
    results = []
    for case_id, node in recorder.cases.items():
        interaction = recorder.interactions.get(case_id)
        if interaction is None:
            continue
        request, response = _recorded(redactor, interaction)
        rid = replay_id(api, request.method, request.url, request.body)
        outcomes = []
        for check in recorder.checks.get(case_id, []):
            status = str(check.status.value)
            if status not in ("success", "failure", "error"):
                continue
            info = check.failure_info
            outcomes.append(
                CheckOutcome(
                    check=check.name,
                    passed=status == "success",
                    title=redactor.text(info.failure.title) if info else "check crashed",
                    message=redactor.text(info.failure.message) if info else "",
                    curl=redactor.text(info.code_sample) if info else "",
                    replay_id=rid if status != "success" else "",
                )
            )
        case = node.value
        meta = case.meta
        results.append(
            CaseResult(
                api=api,
                operation=case.operation.label,
                phase=str(event.phase.value),
                mode=str(meta.generation.mode.value) if meta is not None else "",
                request=request,
                response=response,
                outcomes=tuple(outcomes),
            )
        )
    return results


def _rate_limited_probe(api: ApiName, target: Target) -> tuple[str, str] | None:
    """Embedded emulator only: a request whose credentials allow 3 calls a minute."""
    if not target.embedded:
        return None
    if api == "contact" and target.limited_contact_token and target.contact_url:
        url = f"{target.contact_url}/contact/id%3A123/message/list"
        return url, f"Bearer {target.limited_contact_token}"
    if api == "channel" and target.limited_access_key and target.limited_workspace_id:
        url = f"{target.channel_url}/workspaces/{target.limited_workspace_id}/messages"
        return url, f"AccessKey {target.limited_access_key}"
    return None


def _emulator_clock(target: Target) -> Callable[[int], None] | None:
    if not target.embedded or not target.admin_url or not target.admin_token:
        return None
    admin_url, token = target.admin_url.rstrip("/"), target.admin_token

    def advance(seconds: int) -> None:
        httpx.post(
            f"{admin_url}/clock/advance",
            json={"seconds": seconds},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10.0,
        ).raise_for_status()

    return advance


def _run_api(
    api: ApiName,
    target: Target,
    options: FuzzOptions,
    emit: Callable[[FuzzEvent], None],
    totals: RunTotals,
) -> None:
    base_url = target.base_url(api)
    assert base_url is not None
    redactor = Redactor(target.secrets)
    throttle = Throttle(options.rate_limit)
    schema: schemathesis.BaseSchema = schemathesis.openapi.from_path(
        SPEC_PATHS[api], config=schemathesis.Config.from_dict(_config(api, target, options))
    )
    if not target.embedded and not options.allow_writes:
        schema = schema.include(method="GET")
    schema.hook("map_case")(case_mapper(api, target))
    schema.hook("before_add_examples")(examples_mapper(api, target))
    if options.coverage_body_sample > 1:
        schema.hook("filter_case")(coverage_body_sampler(options.coverage_body_sample))
    facts = spec_facts(api)
    fetch = HttpFetch(base_url, target.authorization(api), throttle=throttle)
    env = CheckEnv(
        facts=facts,
        base_url=base_url,
        fetch=fetch,
        foreign_credentials=target.foreign_credentials(api),
        advance_clock=_emulator_clock(target),
        allow_writes=target.embedded or options.allow_writes,
        budget=ProbeBudget(per_operation=options.probes_per_operation),
        two_factor_channels=frozenset(target.two_factor_channel_ids),
        upload=fetch.upload if (target.embedded or options.allow_writes) else None,
        rate_limited_probe=_rate_limited_probe(api, target),
    )
    operations = tuple(
        op.label
        for op in facts.operations.values()
        if target.embedded or options.allow_writes or op.method == "GET"
    )
    emit(ApiStarted(api=api, base_url=base_url, operations=operations))
    started = time.monotonic()
    cases = 0
    try:
        with (
            project_checks({api: env}),
            paced(throttle.wait),
            fixing_stateful_calls(api, semantic_fixer(api, target)),
        ):
            for event in from_schema(schema).execute():
                if isinstance(event, st_events.PhaseStarted):
                    emit(PhaseChanged(api=api, phase=str(event.phase.name.value), finished=False))
                elif isinstance(event, st_events.PhaseFinished):
                    emit(PhaseChanged(api=api, phase=str(event.phase.name.value), finished=True))
                elif isinstance(event, st_events.ScenarioFinished):
                    for result in _case_results(api, event, redactor):
                        cases += 1
                        totals.cases += 1
                        totals.failed_cases += int(result.failed)
                        emit(result)
                elif isinstance(event, st_events.NonFatalError):
                    totals.problems += 1
                    message = event.info.format(base_url_is_set=True)
                    emit(EngineProblem(api=api, label=event.label, message=redactor.text(message)))
                elif isinstance(event, st_events.FatalError):
                    totals.problems += 1
                    emit(
                        EngineProblem(
                            api=api, label="engine", message=redactor.text(repr(event.exception))
                        )
                    )
    finally:
        fetch.close()
    emit(ApiFinished(api=api, elapsed_s=time.monotonic() - started, cases=cases))


def run_fuzz(target: Target, options: FuzzOptions, reporters: Sequence[Reporter]) -> RunTotals:
    """Fuzz each selected API in turn; every event goes to every reporter, in order."""
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
        )
    )
    for api in options.apis:
        _run_api(api, target, options, emit, totals)
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
