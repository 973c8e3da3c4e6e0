"""The project checks as schemathesis custom checks, and schemathesis objects as `Exchange`s.

The checks are registered once (schemathesis keeps a global registry) and stay inert until
`project_checks(...)` tells them which target and spec facts to use: importing this module never
changes the behaviour of somebody else's schemathesis run.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import schemathesis
from schemathesis.resources import repository as _captured_responses

from aelyst_contract.fuzz import _checks  # noqa: F401 (registers the project checks)
from aelyst_contract.fuzz._exchange import (
    NOT_JSON,
    CheckEnv,
    CheckFailed,
    Exchange,
    NotExercisedError,
    ProbeExchange,
    ProbeRequest,
    parse_body,
)
from aelyst_contract.fuzz._registry import PROJECT_CHECKS, ProjectCheck
from aelyst_contract.fuzz._spec_facts import ApiName, spec_facts
from aelyst_contract.openapi import Operation, match_path

__all__ = [
    "CAPTURED_PER_PARENT",
    "CaseNotes",
    "api_of_schema",
    "bounded_response_reuse",
    "case_notes",
    "exchange_from",
    "fixing_stateful_calls",
    "paced",
    "path_values",
    "project_checks",
]

_ACTIVE: dict[ApiName, CheckEnv] = {}
_PACERS: list[Callable[[], None]] = []
_STATEFUL_FIXERS: dict[ApiName, Callable[[Any], None]] = {}


class CaseNotes:
    """What checks and hooks learnt about a case that schemathesis' recorder cannot carry, by
    case id: the follow-up request behind a failure, every follow-up each check sent (with its
    answer), why a check could not judge it, and why a case may not be valid for this target
    after all (the fixer could not make it so)."""

    def __init__(self) -> None:
        self.probes: dict[tuple[str, str], ProbeRequest] = {}
        self.follow_ups: dict[tuple[str, str], tuple[ProbeExchange, ...]] = {}
        self.not_exercised: dict[tuple[str, str], str] = {}
        self.unsure: dict[str, str] = {}

    def pop(self, case_id: str) -> CaseNotes:
        """The notes of one case, removed from this collection."""
        found = CaseNotes()
        for key in [k for k in self.probes if k[0] == case_id]:
            found.probes[key] = self.probes.pop(key)
        for key in [k for k in self.follow_ups if k[0] == case_id]:
            found.follow_ups[key] = self.follow_ups.pop(key)
        for key in [k for k in self.not_exercised if k[0] == case_id]:
            found.not_exercised[key] = self.not_exercised.pop(key)
        if case_id in self.unsure:
            found.unsure[case_id] = self.unsure.pop(case_id)
        return found


# One collection for the process: schemathesis calls hooks and checks without a way to pass ours.
case_notes = CaseNotes()


def api_of_schema(raw_schema: Mapping[str, Any]) -> ApiName | None:
    title = raw_schema.get("info", {}).get("title")
    for api in ("contact", "channel"):
        if spec_facts(api).document["info"]["title"] == title:
            return api
    return None


@contextlib.contextmanager
def project_checks(envs: Mapping[ApiName, CheckEnv]) -> Iterator[None]:
    """Arm the project checks for these APIs for the duration of the block."""
    previous = dict(_ACTIVE)
    _ACTIVE.update(envs)
    try:
        yield
    finally:
        _ACTIVE.clear()
        _ACTIVE.update(previous)


# schemathesis keeps up to 500 resources captured from responses per parent (its
# PER_CONTEXT_CAPACITY) and, on every draw that may reuse one, walks all of them and builds
# validators. Against a server whose lists return real items that walk grows with the run: it
# took a third of a case's time (py-spy, channel API, budget 25). The last few dozen per parent
# keep reuse of live ids, across every parent, at a bounded cost.
CAPTURED_PER_PARENT = 32


@contextlib.contextmanager
def bounded_response_reuse(per_parent: int = CAPTURED_PER_PARENT) -> Iterator[None]:
    """Keep at most `per_parent` captured resources per parent for the block (schemathesis
    reads the capacity when it first stores a resource of a parent)."""
    previous = _captured_responses.PER_CONTEXT_CAPACITY
    _captured_responses.PER_CONTEXT_CAPACITY = per_parent
    try:
        yield
    finally:
        _captured_responses.PER_CONTEXT_CAPACITY = previous


@contextlib.contextmanager
def paced(wait: Callable[[], None]) -> Iterator[None]:
    """Call `wait()` before every request schemathesis sends in the block (a rate limit).

    `before_call` hooks can only be global in schemathesis, hence this switch."""
    _PACERS.append(wait)
    try:
        yield
    finally:
        _PACERS.remove(wait)


@contextlib.contextmanager
def fixing_stateful_calls(api: ApiName, fix: Callable[[Any], None]) -> Iterator[None]:
    """Apply `fix` to each stateful step of this API right before it is sent: the state machine
    draws its steps without the schema's `map_case` hook."""
    _STATEFUL_FIXERS[api] = fix
    try:
        yield
    finally:
        _STATEFUL_FIXERS.pop(api, None)


def _is_stateful(case: Any) -> bool:
    phase = getattr(getattr(getattr(case, "meta", None), "phase", None), "name", None)
    return str(getattr(phase, "value", phase)) == "stateful"


@schemathesis.hook("before_call")
def _before_call(context: Any, case: Any, kwargs: Any) -> None:
    if _STATEFUL_FIXERS and _is_stateful(case):
        api = api_of_schema(case.operation.schema.raw_schema)
        fix = _STATEFUL_FIXERS.get(api) if api else None
        if fix is not None:
            fix(case)
    for wait in list(_PACERS):
        wait()


def path_values(operation: Operation[ApiName], base_url: str, url: str) -> dict[str, str]:
    """Path parameters as the server receives them: cut from the raw URL, then decoded (bytes
    that are not UTF-8 become U+FFFD, as a lenient server decodes them)."""
    base_path = urlsplit(base_url).path.rstrip("/")
    raw_path = urlsplit(url).path
    if base_path and raw_path.startswith(base_path):
        raw_path = raw_path[len(base_path) :]
    return match_path(operation.path, raw_path, errors="replace") or {}


def _first_values(headers: Mapping[str, Any]) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in headers.items():
        first = (value[0] if value else "") if isinstance(value, list) else value
        flat[str(name).lower()] = str(first)
    return flat


def exchange_from(api: ApiName, env: CheckEnv, case: Any, response: Any) -> Exchange:
    """An `Exchange` from a schemathesis case and the response it got."""
    request = response.request
    operation = env.facts.find_by_template(case.operation.method, case.operation.path)
    body = request.body
    return Exchange(
        api=api,
        operation=operation,
        method=str(request.method).upper(),
        url=str(request.url),
        path_params=path_values(operation, env.base_url, str(request.url)) if operation else {},
        request_headers=_first_values(dict(request.headers)),
        request_body=parse_body(body) if body is not None else NOT_JSON,
        status=int(response.status_code),
        headers=_first_values(response.headers),
        body=parse_body(response.content),
    )


class _LastExchange(threading.local):
    """The `Exchange` of the response being checked, per engine thread: schemathesis runs every
    check on one response in turn, and each project check reads the same exchange (parsing the
    bodies once, not once per check). Exchanges are frozen; checks only read them."""

    def __init__(self) -> None:
        self.key: tuple[Any, Any, CheckEnv] | None = None
        self.exchange: Exchange | None = None

    def get(self, api: ApiName, env: CheckEnv, case: Any, response: Any) -> Exchange:
        key = self.key
        if (
            self.exchange is None
            or key is None
            or key[0] is not case
            or key[1] is not response
            or key[2] is not env
        ):
            # The key holds the objects themselves: an id of a freed one could come back.
            self.exchange = exchange_from(api, env, case, response)
            self.key = (case, response, env)
        return self.exchange


_last_exchange = _LastExchange()


def _as_schemathesis_check(name: str, check: ProjectCheck) -> Any:
    # schemathesis records a check whose function returns a true value as not run ("skip"):
    # that is how a check that judged nothing stays out of the pass counts.
    def run(ctx: Any, response: Any, case: Any) -> bool:
        api = api_of_schema(case.operation.schema.raw_schema)
        env = _ACTIVE.get(api) if api else None
        if env is None:
            return True
        if env.fetch is not None and hasattr(env.fetch, "clear"):
            env.fetch.clear()
        try:
            exchange = _last_exchange.get(api, env, case, response)  # type: ignore[arg-type]
            judged = check(exchange, env)
        except CheckFailed as failure:
            sent = getattr(env.fetch, "sent", [])
            probe = failure.probe or (sent[-1] if sent else None)
            if probe is not None:
                case_notes.probes[(case.id, name)] = probe
            raise AssertionError(str(failure)) from None
        except NotExercisedError as reason:
            case_notes.not_exercised[(case.id, name)] = str(reason)
            return True
        finally:
            # Whatever the verdict: the HAR shows every follow-up (the last run of the check on
            # this case, when schemathesis runs it again).
            exchanges = tuple(getattr(env.fetch, "exchanges", ()))
            if exchanges:
                case_notes.follow_ups[(case.id, name)] = exchanges
        return not judged

    run.__name__ = run.__qualname__ = name
    run.__doc__ = check.__doc__
    return schemathesis.check(run)


for _entry in PROJECT_CHECKS:
    _as_schemathesis_check(_entry.name, _entry.function)
