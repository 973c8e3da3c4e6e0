"""The server-side contract fuzzer: schemathesis over both specs plus the project's own checks.

Profile (tools.fuzz._profile) + environment -> Target (tools.fuzz._target) -> runner
(tools.fuzz._runner) -> events (tools.fuzz._events) -> reporters (tools.fuzz._reporters).
Checks are registered in tools.fuzz._registry; replays live in tools.fuzz._replay.
"""

from tools.fuzz._budget import Budget, parse_budget
from tools.fuzz._checks import PROJECT_CHECKS
from tools.fuzz._events import CaseResult, CheckOutcome, FuzzEvent, Reporter
from tools.fuzz._exchange import CheckEnv, CheckFailed, Exchange, Fetched, ProbeBudget
from tools.fuzz._generation import case_mapper, semantic_fixer
from tools.fuzz._http import HttpFetch
from tools.fuzz._profile import Profile, ProfileError, load_profile, profile_toml
from tools.fuzz._registry import BUILTIN_CHECKS, CheckInfo, project_check
from tools.fuzz._reporters import (
    HarReporter,
    JunitReporter,
    ProgressReporter,
    ReplayReporter,
    SummaryReporter,
)
from tools.fuzz._runner import (
    POSITIVE_ACCEPTED_STATUSES,
    FuzzOptions,
    RunTotals,
    TargetError,
    check_env,
    run_fuzz,
)
from tools.fuzz._spec_facts import ApiName, SpecFacts, spec_facts
from tools.fuzz._st_adapter import fixing_stateful_calls, project_checks
from tools.fuzz._tally import Tally
from tools.fuzz._target import (
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
    "FuzzEvent",
    "FuzzOptions",
    "HarReporter",
    "HttpFetch",
    "JunitReporter",
    "LiveOptions",
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
