"""Both specs against the server: stateless (examples, coverage, fuzzing; positive and negative)
and stateful (send -> get -> list through the spec's links), with the project checks armed.

Deterministic: a fixed seed, derandomized Hypothesis, and no example database (a failure found
once never sticks in `.hypothesis/`). The checks' environment comes from the fuzzer's own
`check_env`, so this suite judges exactly as `aelyst-contract fuzz` does. CI-sized by default;
AELYST_CONTRACT_EXAMPLES raises the examples per operation.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from aelyst_contract._specs import SPEC_PATHS
from aelyst_contract.fuzz import (
    POSITIVE_ACCEPTED_STATUSES,
    ApiName,
    CheckEnv,
    HttpFetch,
    Target,
    case_mapper,
    check_env,
    fixing_stateful_calls,
    load_profile,
    project_checks,
    semantic_fixer,
)
from contract_tests.server.conftest import ENV_ALLOW_WRITES, ENV_PROFILE, live_apis

EXAMPLES = int(os.environ.get("AELYST_CONTRACT_EXAMPLES", "8"))
SEED = 20261122


def writes_allowed() -> bool:
    """Whether the schemas include sends; the embedded emulator always takes them."""
    if not live_apis():
        return True
    profile_file = os.environ.get(ENV_PROFILE)
    if profile_file and load_profile(Path(profile_file)).allow_writes:
        return True
    return os.environ.get(ENV_ALLOW_WRITES) == "1"


def _schema(api: ApiName) -> Any:
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": "all",
                "max-examples": EXAMPLES,
                "deterministic": True,
                "allow-extra-parameters": True,
                "database": "none",
            },
            "phases": {"stateful": {"max-steps": 8}},
            "checks": {
                "positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTED_STATUSES}
            },
        }
    )
    schema = schemathesis.openapi.from_path(SPEC_PATHS[api], config=config)
    return schema if writes_allowed() else schema.include(method="GET")


contact_schema = _schema("contact")
channel_schema = _schema("channel")
_CALL: dict[ApiName, dict[str, Any]] = {}


@pytest.fixture(scope="module", autouse=True)
def armed(server_target: Target) -> Iterator[None]:
    """Point both schemas at the target and arm the project checks."""
    envs: dict[ApiName, CheckEnv] = {}
    fetches = []
    apis: tuple[ApiName, ...] = ("contact", "channel")
    for api in apis:
        base_url = server_target.base_url(api)
        if base_url is None:
            continue
        authorization = server_target.authorization(api)
        # Per call, not schema.config.update: the pytest plugin works on copies of the schema.
        _CALL[api] = {"base_url": base_url, "headers": {"Authorization": authorization or ""}}
        fetch = HttpFetch(base_url, authorization)
        fetches.append(fetch)
        envs[api] = check_env(api, server_target, fetch, probes_per_operation=2)
    with contextlib.ExitStack() as stack:
        stack.enter_context(project_checks(envs))
        for api in envs:
            stack.enter_context(fixing_stateful_calls(api, semantic_fixer(api, server_target)))
        yield
    for fetch in fetches:
        fetch.close()
    _CALL.clear()


_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def _parametrize(schema: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return cast(Callable[[Callable[..., None]], Callable[..., None]], schema.parametrize())


@_parametrize(contact_schema)
@_SETTINGS
def test_contact_api_stateless(case: Any, server_target: Target) -> None:
    if server_target.contact_url is None:
        pytest.skip("no contact API target")
    # Here, not as a schema hook: the plugin draws its examples and coverage cases at collection,
    # before the target (and its real ids) exists.
    case_mapper("contact", server_target)(None, case)
    case.call_and_validate(**_CALL["contact"])


@_parametrize(channel_schema)
@_SETTINGS
def test_channel_api_stateless(case: Any, server_target: Target) -> None:
    if server_target.channel_url is None:
        pytest.skip("no channel API target")
    case_mapper("channel", server_target)(None, case)
    case.call_and_validate(**_CALL["channel"])


# The stateful machines ignore the schema config's seed: derandomize them here, and keep no
# example database, so every run is the same run.
_STATEFUL = settings(
    max_examples=EXAMPLES,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


class ContactFlow(contact_schema.as_state_machine()):  # type: ignore[misc]
    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return dict(_CALL["contact"])


class ChannelFlow(channel_schema.as_state_machine()):  # type: ignore[misc]
    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        return dict(_CALL["channel"])


ContactFlow.TestCase.settings = _STATEFUL
ChannelFlow.TestCase.settings = _STATEFUL


def test_contact_api_stateful(server_target: Target) -> None:
    """send -> get -> list, following the contact spec's links."""
    if server_target.contact_url is None or not writes_allowed():
        pytest.skip("the stateful flow sends messages: needs a contact target that allows writes")
    ContactFlow.run()


def test_channel_api_stateful(server_target: Target) -> None:
    """send -> get -> list, following the channel spec's links."""
    if server_target.channel_url is None or not writes_allowed():
        pytest.skip("the stateful flow sends messages: needs a channel target that allows writes")
    ChannelFlow.run()
