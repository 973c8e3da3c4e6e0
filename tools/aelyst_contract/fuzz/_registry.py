"""The one registry of checks: the project's own (`@project_check`, a `Registry` in the project's
one registry style, aelyst_contract._registry) and schemathesis' built-in ones (`BUILTIN_CHECKS`,
described the same way), each with what it needs and which operations it concerns.

A check's verdict on an operation is one of:
- "n/a": the check does not concern the operation (send_then_get on a GET);
- "not exercised": it concerns the operation but never judged a response in the run (a missing
  capability, such as writes or a rate-limit probe, or nothing it could judge came by);
- pass / fail counts otherwise.

Add a project check: decorate it with `@project_check(...)` in aelyst_contract/fuzz/_checks.py,
saying whether it may send follow-up requests (`probing`), the capabilities it needs and the
operation roles it concerns. It returns True when it judged the exchange, False when there was
nothing to judge, and raises `CheckFailed` on a violation. A passive check (not probing) is
handed an environment with no way to send anything, so what the registry says of it is true.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from aelyst_contract._registry import Registry
from aelyst_contract.fuzz._api_rules import Role, api_rules
from aelyst_contract.fuzz._exchange import Capability, CheckEnv, Exchange
from aelyst_contract.fuzz._spec_facts import ApiName
from aelyst_contract.openapi import Operation

__all__ = [
    "BUILTIN_CHECKS",
    "CAPABILITY_REASONS",
    "PROJECT_CHECKS",
    "Capability",
    "CheckInfo",
    "ProjectCheck",
    "applicability",
    "project_check",
]

ProjectCheck = Callable[[Exchange, CheckEnv], bool]
CAPABILITY_REASONS: Mapping[Capability, str] = {
    "follow_up": "needs follow-up requests (a replay or a passive run has none)",
    "writes": "needs writes (--allow-writes, or run.allow_writes in the profile)",
    "upload": "needs writes, to post the presigned upload",
    "rate_probe": "needs a rate-limit probe (rate_limits.probe in the profile)",
    "other_workspace": "needs another workspace's key (channel.other_workspace in the profile)",
    "emulator_clock": "needs the emulator's clock ([emulator] in the profile)",
}


@dataclass(frozen=True)
class CheckInfo:
    name: str
    probing: bool  # may send follow-up requests of its own (passive: judges the exchange alone)
    needs: frozenset[Capability]
    roles: frozenset[Role] | None  # None: every operation
    function: ProjectCheck | None = None  # None: one of schemathesis' built-in checks
    apis: frozenset[ApiName] | None = None  # None: both

    def concerns(self, operation: Operation[ApiName]) -> bool:
        if self.apis is not None and operation.api not in self.apis:
            return False
        return self.roles is None or api_rules(operation.api).role(operation) in self.roles


# name -> the check, with its CheckInfo as the entry's metadata; in registration order.
PROJECT_CHECKS: Registry[ProjectCheck, CheckInfo] = Registry("project check")


def _passive(function: ProjectCheck) -> ProjectCheck:
    """The check, handed an environment without follow-ups: it judges the exchange alone."""

    @functools.wraps(function)
    def judge(exchange: Exchange, env: CheckEnv) -> bool:
        alone = replace(env, fetch=None, upload=None, advance_clock=None, defer=None)
        return function(exchange, alone)

    return judge


def project_check(
    *,
    probing: bool = False,
    needs: Iterable[Capability] = (),
    roles: Iterable[Role] | None = None,
    apis: Iterable[ApiName] | None = None,
) -> Callable[[ProjectCheck], ProjectCheck]:
    """Register a project check (see the module doc)."""

    def register(function: ProjectCheck) -> ProjectCheck:
        name = function.__name__
        if name in BUILTIN_CHECKS:
            raise ValueError(f"{name} is one of schemathesis' built-in checks")
        if not probing:
            function = _passive(function)
        info = CheckInfo(
            name=name,
            probing=probing,
            needs=frozenset(needs),
            roles=None if roles is None else frozenset(roles),
            function=function,
            apis=None if apis is None else frozenset(apis),
        )
        return PROJECT_CHECKS.register(name, info)(function)

    return register


def _builtin(roles: Iterable[Role] | None = None, needs: Iterable[Capability] = ()) -> CheckInfo:
    return CheckInfo(
        name="",
        probing=False,
        needs=frozenset(needs),
        roles=None if roles is None else frozenset(roles),
    )


# schemathesis' built-in checks the runner enables, with what they concern.
BUILTIN_CHECKS: dict[str, CheckInfo] = {
    name: CheckInfo(name, info.probing, info.needs, info.roles)
    for name, info in {
        "not_a_server_error": _builtin(),
        "status_code_conformance": _builtin(),
        "content_type_conformance": _builtin(),
        "response_headers_conformance": _builtin(),
        "response_schema_conformance": _builtin(),
        "negative_data_rejection": _builtin(),
        "positive_data_acceptance": _builtin(),
        "missing_required_header": _builtin(),
        "unsupported_method": _builtin(needs=("writes",)),
        "allow_header_conformance": _builtin(needs=("writes",)),
        "ignored_auth": _builtin(),
        "object_level_authorization": _builtin(),
        # Resources are only ever created (no DELETE in either API): nothing to use after free.
        "use_after_free": _builtin(roles=()),
        "ensure_resource_availability": _builtin(roles=("send",), needs=("writes",)),
    }.items()
}


def applicability(
    operation: Operation[ApiName], capabilities: frozenset[Capability]
) -> dict[str, str]:
    """check name -> "applies", "n/a", or the reason it cannot be exercised on this target."""
    verdicts: dict[str, str] = {}
    project = {entry.name: entry.metadata for entry in PROJECT_CHECKS}
    for name, info in {**BUILTIN_CHECKS, **project}.items():
        if not info.concerns(operation):
            verdicts[name] = "n/a"
            continue
        missing = sorted(info.needs - capabilities)
        verdicts[name] = CAPABILITY_REASONS[missing[0]] if missing else "applies"
    return verdicts
