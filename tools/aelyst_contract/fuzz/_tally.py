"""Verdicts per (API, operation, check) for reports: pass/fail counts, every failure grouped by
its message, what was not exercised and why, and which checks do not apply at all."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import cast

from aelyst_contract.fuzz._events import (
    ApiStarted,
    CaseResult,
    CheckOutcome,
    EngineProblem,
    FuzzEvent,
)
from aelyst_contract.fuzz._spec_facts import ApiName, spec_facts

__all__ = ["Cell", "FailureGroup", "Tally", "documented_statuses", "is_documented"]

# Failing cases kept per group beyond its first example (their replay ids are listed).
_KEPT_PER_GROUP = 20


@dataclass
class FailureGroup:
    """The failures of one check on one operation that share a message."""

    message: str
    first: tuple[CaseResult, CheckOutcome]
    count: int = 1
    others: list[CheckOutcome] = field(default_factory=list)


@dataclass
class Cell:
    passed: int = 0
    failed: int = 0
    not_exercised: dict[str, int] = field(default_factory=dict)  # reason -> count
    groups: dict[str, FailureGroup] = field(default_factory=dict)
    elapsed_ms: float = 0.0  # of the responses it judged

    def add(self, case: CaseResult, outcome: CheckOutcome) -> None:
        if outcome.status == "not exercised":
            reason = outcome.not_exercised
            self.not_exercised[reason] = self.not_exercised.get(reason, 0) + 1
            return
        if case.response is not None:
            self.elapsed_ms += case.response.elapsed_ms
        if outcome.passed:
            self.passed += 1
            return
        self.failed += 1
        key = outcome.message.splitlines()[0] if outcome.message else outcome.title
        group = self.groups.get(key)
        if group is None:
            self.groups[key] = FailureGroup(key, (case, outcome))
            return
        group.count += 1
        if len(group.others) < _KEPT_PER_GROUP:
            group.others.append(outcome)

    @property
    def failures(self) -> list[tuple[CaseResult, CheckOutcome]]:
        """The first failure of each group."""
        return [group.first for group in self.groups.values()]

    @property
    def judged(self) -> int:
        return self.passed + self.failed


class Tally:
    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, str], Cell] = defaultdict(Cell)
        self.cases: dict[str, int] = defaultdict(int)
        self.problems: list[EngineProblem] = []
        # (api, operation) -> check -> "applies" | "n/a" | why it cannot be exercised
        self.plan: dict[tuple[str, str], dict[str, str]] = {}
        self.judged_429: dict[str, int] = {}
        # (api, operation) -> response status -> how many came back; 0 counts no answer
        self.statuses: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        self.other_method_statuses: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, ApiStarted):
            for operation, checks in event.plan.items():
                self.plan[(event.api, operation)] = dict(checks)
        elif isinstance(event, CaseResult):
            self.cases[event.api] += 1
            answer = event.response.status if event.response is not None else 0
            # A request with another method (an unsupported-method probe) is not the operation's.
            own_method = event.request.method == event.operation.partition(" ")[0]
            counted = self.statuses if own_method else self.other_method_statuses
            counted[(event.api, event.operation)][answer] += 1
            for outcome in event.outcomes:
                self.cells[(event.api, event.operation, outcome.check)].add(event, outcome)
                if (
                    outcome.check == "rate_limit_headers"
                    and outcome.status != "not exercised"
                    and event.response is not None
                    and event.response.status == 429
                ):
                    self.judged_429[event.api] = self.judged_429.get(event.api, 0) + 1
        elif isinstance(event, EngineProblem):
            self.problems.append(event)

    def failing_checks(self) -> set[str]:
        return {check for (_, _, check), cell in self.cells.items() if cell.failed}

    def operations(self, api: str) -> list[str]:
        planned = {op for (a, op) in self.plan if a == api}
        return sorted(planned | {op for (a, op, _) in self.cells if a == api})

    def checks(self, api: str) -> list[str]:
        planned = {check for (a, _), checks in self.plan.items() if a == api for check in checks}
        return sorted(planned | {check for (a, _, check) in self.cells if a == api})

    def verdict(self, api: str, operation: str, check: str) -> str:
        """ "pass", "fail", "n/a" or "not exercised" for one cell."""
        cell = self.cells.get((api, operation, check))
        if cell is not None and cell.failed:
            return "fail"
        # A check that does not concern the operation is n/a even where schemathesis records
        # its trivial passes.
        if self.plan.get((api, operation), {}).get(check) == "n/a":
            return "n/a"
        if cell is not None and cell.passed:
            return "pass"
        return "not exercised"

    def rate_limited(self, api: str) -> int:
        """How many 429 answers the rate-limit rules judged for this API."""
        return self.judged_429.get(api, 0)

    def why_not_exercised(self, api: str, operation: str, check: str) -> str:
        cell = self.cells.get((api, operation, check))
        if cell is not None and cell.not_exercised:
            return max(cell.not_exercised, key=lambda reason: cell.not_exercised[reason])
        planned = self.plan.get((api, operation), {}).get(check, "applies")
        if planned not in ("applies", "n/a"):
            return planned
        return "no response it could judge came by in this run"


def documented_statuses(api: str, operation: str) -> list[str]:
    """The response statuses the spec documents for an operation label ("200", "4XX",
    "default"); [] for a method/path the spec does not declare."""
    method, _, path = operation.partition(" ")
    facts = spec_facts(cast(ApiName, api)).find_by_template(method, path)
    return sorted(facts.responses) if facts is not None else []


def is_documented(status: int, documented: list[str]) -> bool:
    """Whether the spec covers a status: by itself, by its class (4XX) or by `default`."""
    return (
        str(status) in documented
        or f"{status // 100}XX" in {d.upper() for d in documented}
        or "default" in documented
    )
