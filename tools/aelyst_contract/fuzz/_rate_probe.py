"""The rate-limit probe: where the target allows it (`[rate_limits] probe`), provoke a 429 on
each operation family of the run and check its three headers.

`credential` mode repeats a request of the run with the profile's low-limit credentials (and its
workspace); `burst` mode repeats it with the run's own, and then honours the 429's Retry-After.
Either way at most `max_requests` requests go out per family, back to back for at most
`within_seconds`, stopping at the first 429. No 429 within those bounds is "not exercised",
never a failure: the limit may simply be higher.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import httpx

from aelyst_contract.fuzz._checks import rate_limit_problem
from aelyst_contract.fuzz._events import CaseResult, CheckOutcome, FuzzEvent, RecordedRequest
from aelyst_contract.fuzz._http import verified_tls
from aelyst_contract.fuzz._results import ResultMaker
from aelyst_contract.fuzz._spec_facts import ApiName, spec_facts
from aelyst_contract.fuzz._target import Target
from aelyst_contract.openapi import Operation

__all__ = ["CHECK", "SeenRequests", "probe_rate_limits"]

_MAX_RETRY_AFTER_S = 60.0
CHECK = "rate_limit_headers"

# operation label -> (url, body) of a request of the run that got an ordinary answer
SeenRequests = dict[str, tuple[str, str | None]]


@dataclass(frozen=True)
class _Probe:
    operation: Operation[ApiName]
    url: str
    body: str | None


def _probes(
    api: ApiName, target: Target, seen: Mapping[str, tuple[str, str | None]]
) -> list[_Probe]:
    probe = target.rate_probe
    assert probe is not None
    found = []
    for operation in spec_facts(api).operations.values():
        if operation.route not in seen:
            continue
        url, body = seen[operation.route]
        if api == "channel" and probe.mode == "credential":
            # The low-limit key belongs to its own workspace.
            if not probe.channel_workspace_id or not target.workspace_id:
                continue
            url = url.replace(
                f"/workspaces/{target.workspace_id}/", f"/workspaces/{probe.channel_workspace_id}/"
            )
        found.append(_Probe(operation, url, body))
    return found


def _outcome(
    answer: httpx.Response | None, request: RecordedRequest, attempts: int, maker: ResultMaker
) -> CheckOutcome:
    if answer is None:
        return CheckOutcome(CHECK, passed=True, not_exercised="the probe could not reach the API")
    if answer.status_code != 429:
        return CheckOutcome(
            CHECK,
            passed=True,
            not_exercised=f"no 429 within {attempts} requests (the limit may be higher)",
        )
    problem = rate_limit_problem({k.lower(): v for k, v in answer.headers.items()})
    if not problem:
        return CheckOutcome(CHECK, passed=True)
    return maker.failure(CHECK, request, "Rate-limit headers", problem)


def _send_until_429(
    client: httpx.Client, probe: _Probe, headers: dict[str, str], attempts: int, seconds: float
) -> httpx.Response | None:
    """Up to `attempts` requests back to back for at most `seconds`, stopping at the first
    429."""
    answer = None
    deadline = time.monotonic() + seconds
    for _ in range(attempts):
        if time.monotonic() > deadline:
            break
        try:
            answer = client.request(
                probe.operation.method, probe.url, headers=headers, content=probe.body
            )
        except httpx.HTTPError:
            return None
        if answer.status_code == 429:
            break
    return answer


def probe_rate_limits(
    api: ApiName,
    target: Target,
    seen: Mapping[str, tuple[str, str | None]],
    emit: Callable[[FuzzEvent], None],
) -> list[CaseResult]:
    """Probe each operation the run saw answered; every result is emitted and returned."""
    settings = target.rate_probe
    if settings is None:
        return []
    authorization = (
        settings.contact_authorization if api == "contact" else settings.channel_authorization
    )
    if authorization is None:
        return []
    maker = ResultMaker(api, target)
    results = []
    with httpx.Client(timeout=10.0, follow_redirects=False, verify=verified_tls()) as client:
        for probe in _probes(api, target, seen):
            headers = {"Authorization": authorization}
            if probe.body is not None:
                headers["Content-Type"] = "application/json"
            answer = _send_until_429(
                client, probe, headers, settings.max_requests, settings.within_seconds
            )
            request = RecordedRequest(probe.operation.method, probe.url, headers, probe.body)
            result = CaseResult(
                api=api,
                operation=probe.operation.route,
                phase="rate-limit",
                mode="positive",
                request=maker.shown(request),
                response=None
                if answer is None
                else maker.response(
                    answer.status_code,
                    dict(answer.headers),
                    answer.text,
                    answer.elapsed.total_seconds() * 1000,
                ),
                outcomes=(_outcome(answer, request, settings.max_requests, maker),),
            )
            results.append(result)
            emit(result)
            if answer is not None and answer.status_code == 429 and settings.mode == "burst":
                # The run's own credentials are limited now: wait as the server asks.
                value = answer.headers.get("retry-after", "").strip()
                if value.isdigit():
                    time.sleep(min(float(value), _MAX_RETRY_AFTER_S))
    return results
