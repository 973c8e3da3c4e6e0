"""`fuzz --replay ID`: send a recorded failing request again and judge the answer with every
check that failed on it, probing checks included (they send their follow-ups again). The verdict
is the run's: FAIL while the fault persists.

A replay entry (replays.json, written by ReplayReporter) holds the request relative to its API's
base URL, the generation mode, the failing checks, the follow-up request a probe failure was seen
on, and the emulator faults of an embedded run (so a replay can set them up again).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from aelyst_contract._specs import SPEC_PATHS
from aelyst_contract.fuzz._errors import FuzzError
from aelyst_contract.fuzz._exchange import (
    NOT_JSON,
    CheckEnv,
    CheckFailed,
    Exchange,
    NotExercisedError,
    parse_body,
)
from aelyst_contract.fuzz._http import HttpFetch, verified_tls
from aelyst_contract.fuzz._rate_probe import probe_rate_limits
from aelyst_contract.fuzz._redact import Redactor
from aelyst_contract.fuzz._registry import BUILTIN_CHECKS, PROJECT_CHECKS
from aelyst_contract.fuzz._runner import POSITIVE_ACCEPTED_STATUSES, SETTLE_S, check_env
from aelyst_contract.fuzz._spec_facts import ApiName, spec_facts
from aelyst_contract.fuzz._st_adapter import path_values
from aelyst_contract.fuzz._target import Target

__all__ = ["ReplayError", "ReplayOutcome", "ReplayVerdict", "load_replay", "replay"]

# Re-judged with schemathesis' own check on a Case rebuilt from the recorded request.
_SCHEMATHESIS_REJUDGED = (
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)


class ReplayError(FuzzError):
    """No such replay, or an unreadable replays.json; one line."""


@dataclass(frozen=True)
class ReplayVerdict:
    check: str
    verdict: str  # "pass", "FAIL: ...", "not exercised: ..."


@dataclass(frozen=True)
class ReplayOutcome:
    """What the resent request got (None: nothing), and each check's verdict on it."""

    status: int | None
    body: str
    verdicts: list[ReplayVerdict]


def load_replay(report_dir: Path, replay_id: str) -> dict[str, Any]:
    path = report_dir / "replays.json"
    try:
        replays = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReplayError(f"cannot read {path}: {error}") from error
    entry = replays.get(replay_id) if isinstance(replays, dict) else None
    if not isinstance(entry, dict) or entry.get("api") not in ("contact", "channel"):
        raise ReplayError(f"no replay {replay_id!r} in {path}")
    return entry


def _statuses(patterns: list[str]) -> set[int]:
    found: set[int] = set()
    for pattern in patterns:
        if pattern.endswith("xx"):
            first = int(pattern[0]) * 100
            found |= set(range(first, first + 100))
        else:
            found.add(int(pattern))
    return found


def _acceptance_verdict(name: str, mode: str, status: int) -> str:
    wanted = "positive" if name == "positive_data_acceptance" else "negative"
    if mode != wanted:
        return f"not exercised: the recorded case was not a {wanted} one"
    if wanted == "positive" and status not in _statuses(POSITIVE_ACCEPTED_STATUSES):
        return f"FAIL: valid data was answered {status}"
    if wanted == "negative" and 200 <= status < 300:
        return f"FAIL: invalid data was answered {status}"
    return "pass"


def _builtin_verdict(
    name: str, entry: Mapping[str, Any], response: httpx.Response, target: Target, api: ApiName
) -> str:
    status = response.status_code
    if name == "not_a_server_error":
        return f"FAIL: the server answered {status}" if status >= 500 else "pass"
    if name in ("positive_data_acceptance", "negative_data_rejection"):
        return _acceptance_verdict(name, str(entry.get("mode", "")), status)
    if name == "ignored_auth":
        return _ignored_auth(entry, target, api)
    if name in _SCHEMATHESIS_REJUDGED:
        return _schemathesis_verdict(name, entry, response, api)
    return f"not exercised: {name} needs the run's context (a replay cannot re-judge it)"


def _resend(entry: Mapping[str, Any], url: str, headers: Mapping[str, str]) -> httpx.Response:
    """The stored request again, to `url`, with these headers."""
    return httpx.request(
        str(entry["method"]),
        url,
        headers=dict(headers),
        content=entry.get("body"),
        timeout=10.0,
        verify=verified_tls(),
    )


def _ignored_auth(entry: Mapping[str, Any], target: Target, api: ApiName) -> str:
    url = str(target.base_url(api)).rstrip("/") + str(entry["path"])
    for label, header in target.foreign_credentials(api).items():
        headers = dict(entry.get("headers") or {})
        if header is not None:
            headers["Authorization"] = header
        answer = _resend(entry, url, headers)
        if 200 <= answer.status_code < 300:
            return f"FAIL: with {label} credentials the request answered {answer.status_code}"
    return "pass"


def _schemathesis_verdict(
    name: str, entry: Mapping[str, Any], response: httpx.Response, api: ApiName
) -> str:
    import schemathesis  # noqa: PLC0415 (only replays of these checks need it)
    from schemathesis.specs.openapi import checks  # noqa: PLC0415

    facts = spec_facts(api)
    operation = facts.find_by_template(*str(entry["operation"]).split(" ", 1))
    if operation is None:
        return "not exercised: the recorded request matches no operation of the spec"
    schema = schemathesis.openapi.from_path(SPEC_PATHS[api])
    parts = urlsplit(str(entry["path"]))
    case = schema[operation.path][operation.method].Case(
        path_parameters=path_values(operation, "", parts.path),
        query=dict(parse_qsl(parts.query, keep_blank_values=True)),
        body=parse_body(entry.get("body")) if entry.get("body") is not None else None,
    )
    try:
        case.validate_response(response, checks=[getattr(checks, name)])
    except AssertionError as failure:
        return "FAIL: " + " ".join(str(failure).split())[:300]
    except Exception as failure:
        if type(failure).__name__ == "FailureGroup":
            return "FAIL: " + " ".join(str(failure).split())[:300]
        raise
    return "pass"


def _replay_rate_probe(entry: Mapping[str, Any], target: Target) -> ReplayOutcome:
    """A failure of the rate-limit probe: the same bounded burst, with the same credentials."""
    api: ApiName = entry["api"]
    if target.rate_probe is None:
        reason = "not exercised: the target allows no rate-limit probe ([rate_limits] probe)"
        return ReplayOutcome(None, "", [ReplayVerdict("rate_limit_headers", reason)])
    url = str(target.base_url(api)).rstrip("/") + str(entry["path"])
    seen = {str(entry["operation"]): (url, entry.get("body"))}
    results = probe_rate_limits(api, target, seen, lambda _: None)
    if not results:
        reason = "not exercised: the probe has no credentials for this API"
        return ReplayOutcome(None, "", [ReplayVerdict("rate_limit_headers", reason)])
    (result,) = results
    outcome = result.outcomes[0]
    verdict = {
        "pass": "pass",
        "fail": f"FAIL: {outcome.message}",
        "not exercised": f"not exercised: {outcome.not_exercised}",
    }[outcome.status]
    response = result.response
    return ReplayOutcome(
        response.status if response else None,
        response.body if response else "",
        [ReplayVerdict("rate_limit_headers", verdict)],
    )


def replay(entry: Mapping[str, Any], target: Target) -> ReplayOutcome:
    """Resend the entry's request to `target` and re-judge it with every check that failed."""
    if entry.get("phase") == "rate-limit":
        return _replay_rate_probe(entry, target)
    api: ApiName = entry["api"]
    base_url = str(target.base_url(api))
    url = base_url.rstrip("/") + str(entry["path"])
    headers = dict(entry.get("headers") or {})
    authorization = target.authorization(api)
    if authorization:
        headers["Authorization"] = authorization
    response = _resend(entry, url, headers)
    response.read()
    operation = spec_facts(api).find(
        str(entry["method"]), urlsplit(url).path.removeprefix(urlsplit(base_url).path)
    )
    body = entry.get("body")
    exchange = Exchange(
        api=api,
        operation=operation,
        method=str(entry["method"]),
        url=url,
        path_params=path_values(operation, base_url, url) if operation else {},
        request_headers={k.lower(): v for k, v in headers.items() if k.lower() != "authorization"},
        request_body=parse_body(body) if body is not None else NOT_JSON,
        status=response.status_code,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=parse_body(response.content),
    )
    fetch = HttpFetch(base_url, authorization)
    env = check_env(api, target, fetch)
    verdicts = []
    try:
        for name in entry.get("checks", []):
            if name in PROJECT_CHECKS:
                verdict = _project_verdict(PROJECT_CHECKS[name].function, exchange, env)
                verdicts.append(ReplayVerdict(name, verdict))
            elif name in BUILTIN_CHECKS:
                verdicts.append(
                    ReplayVerdict(name, _builtin_verdict(name, entry, response, target, api))
                )
            else:
                verdicts.append(ReplayVerdict(name, f"not exercised: unknown check {name}"))
    finally:
        fetch.close()
    redactor = Redactor(target.secrets)
    return ReplayOutcome(
        response.status_code,
        response.text,
        [ReplayVerdict(v.check, redactor.text(v.verdict)) for v in verdicts],
    )


def _project_verdict(function: Any, exchange: Exchange, env: CheckEnv) -> str:
    """One project check on the resent exchange; what it defers (a second read once time has
    passed) runs here too, after the same settling time as in a run."""
    deferred: list[Callable[[], bool]] = []
    env.defer = lambda _exchange, _check, follow_up: deferred.append(follow_up)
    try:
        judged = function(exchange, env)
        for follow_up in deferred:
            time.sleep(SETTLE_S)
            judged = follow_up() or judged
    except CheckFailed as failure:
        return f"FAIL: {failure}"
    except NotExercisedError as reason:
        return f"not exercised: {reason}"
    return "pass" if judged else "not exercised: nothing to judge in the new answer"
