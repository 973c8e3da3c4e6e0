"""Pass/fail counts per (API, operation, check), with the first failures of each, for reports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tools.fuzz._events import CaseResult, CheckOutcome, EngineProblem, FuzzEvent

__all__ = ["Cell", "Tally"]

_KEPT_FAILURES = 3


@dataclass
class Cell:
    passed: int = 0
    failed: int = 0
    failures: list[tuple[CaseResult, CheckOutcome]] = field(default_factory=list)
    _seen_messages: set[str] = field(default_factory=set)

    def add(self, case: CaseResult, outcome: CheckOutcome) -> None:
        if outcome.passed:
            self.passed += 1
            return
        self.failed += 1
        # Keep distinct failures only: the same message a hundred times says nothing new.
        key = outcome.message.splitlines()[0] if outcome.message else outcome.title
        if key not in self._seen_messages and len(self.failures) < _KEPT_FAILURES:
            self._seen_messages.add(key)
            self.failures.append((case, outcome))


class Tally:
    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, str], Cell] = defaultdict(Cell)
        self.cases: dict[str, int] = defaultdict(int)
        self.problems: list[EngineProblem] = []

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, CaseResult):
            self.cases[event.api] += 1
            for outcome in event.outcomes:
                self.cells[(event.api, event.operation, outcome.check)].add(event, outcome)
        elif isinstance(event, EngineProblem):
            self.problems.append(event)

    def failing_checks(self) -> set[str]:
        return {check for (_, _, check), cell in self.cells.items() if cell.failed}

    def operations(self, api: str) -> list[str]:
        return sorted({op for (a, op, _) in self.cells if a == api})

    def checks(self, api: str) -> list[str]:
        return sorted({check for (a, _, check) in self.cells if a == api})
