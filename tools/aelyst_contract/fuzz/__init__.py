"""The server-side contract fuzzer: schemathesis over both specs plus the project's own checks.

Profile (_profile) + environment -> Target (_target) -> runner (_runner) -> events (_events) ->
reporters (_reporters). Checks are registered in _registry; replays live in _replay.
"""

from aelyst_contract.fuzz._budget import Budget, parse_budget
from aelyst_contract.fuzz._checks import PROJECT_CHECKS
from aelyst_contract.fuzz._errors import FuzzError, OptionError, TargetConfigError
from aelyst_contract.fuzz._events import CaseResult, CheckOutcome, FuzzEvent, Reporter
from aelyst_contract.fuzz._exchange import CheckEnv, CheckFailed, Exchange, Fetched, ProbeBudget
from aelyst_contract.fuzz._generation import case_mapper, semantic_fixer
from aelyst_contract.fuzz._http import HttpFetch
from aelyst_contract.fuzz._profile import Profile, ProfileError, load_profile, profile_toml
from aelyst_contract.fuzz._registry import BUILTIN_CHECKS, CheckInfo, project_check
from aelyst_contract.fuzz._reporters import (
    HarReporter,
    JunitReporter,
    ProgressReporter,
    ReplayReporter,
    SummaryReporter,
)
from aelyst_contract.fuzz._runner import (
    POSITIVE_ACCEPTED_STATUSES,
    FuzzOptions,
    RunTotals,
    TargetError,
    check_env,
    run_fuzz,
)
from aelyst_contract.fuzz._spec_facts import ApiName, SpecFacts, spec_facts
from aelyst_contract.fuzz._st_adapter import fixing_stateful_calls, project_checks
from aelyst_contract.fuzz._tally import Tally
from aelyst_contract.fuzz._target import (
    LiveOptions,
    Target,
    embedded_target,
    emulator_profile,
    emulator_world,
    live_target,
    target_from_profile,
)

__all__ = [
    "BUILTIN_CHECKS",
    "POSITIVE_ACCEPTED_STATUSES",
    "PROJECT_CHECKS",
    "ApiName",
    "Budget",
    "CaseResult",
    "CheckEnv",
    "CheckFailed",
    "CheckInfo",
    "CheckOutcome",
    "Exchange",
    "Fetched",
    "FuzzError",
    "FuzzEvent",
    "FuzzOptions",
    "HarReporter",
    "HttpFetch",
    "JunitReporter",
    "LiveOptions",
    "OptionError",
    "ProbeBudget",
    "Profile",
    "ProfileError",
    "ProgressReporter",
    "ReplayReporter",
    "Reporter",
    "RunTotals",
    "SpecFacts",
    "SummaryReporter",
    "Tally",
    "Target",
    "TargetConfigError",
    "TargetError",
    "case_mapper",
    "check_env",
    "embedded_target",
    "emulator_profile",
    "emulator_world",
    "fixing_stateful_calls",
    "live_target",
    "load_profile",
    "parse_budget",
    "profile_toml",
    "project_check",
    "project_checks",
    "run_fuzz",
    "semantic_fixer",
    "spec_facts",
    "target_from_profile",
]
