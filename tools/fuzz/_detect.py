"""The detection gate: fuzz the embedded emulator once per fault; every fault must be caught, and
a run without faults must find nothing (no false positives).

One emulator serves every run: faults are switched and state reset through its admin API.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tools.fuzz._events import FuzzEvent
from tools.fuzz._runner import FuzzOptions, run_fuzz
from tools.fuzz._tally import Tally
from tools.fuzz._target import Target, embedded_target

__all__ = ["CLEAN", "DetectionResult", "run_detection"]

CLEAN = "(no fault)"


@dataclass
class DetectionResult:
    """Which checks failed in each run, by fault (CLEAN for the fault-free run)."""

    caught_by: dict[str, list[str]] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)  # fault -> one failure message
    cases: dict[str, int] = field(default_factory=dict)

    @property
    def false_positives(self) -> list[str]:
        return self.caught_by.get(CLEAN, [])

    @property
    def missed(self) -> list[str]:
        return [fault for fault, checks in self.caught_by.items() if fault != CLEAN and not checks]

    @property
    def ok(self) -> bool:
        return not self.false_positives and not self.missed

    def matrix_markdown(self) -> str:
        checks = sorted({check for found in self.caught_by.values() for check in found})
        lines = [
            "| fault | cases | " + " | ".join(checks) + " |",
            "| --- | --- |" + " --- |" * len(checks),
        ]
        for fault, found in self.caught_by.items():
            marks = ["x" if check in found else "" for check in checks]
            verdict = "MISSED" if fault != CLEAN and not found else ""
            if fault == CLEAN and found:
                verdict = "FALSE POSITIVE"
            lines.append(
                f"| {fault} {verdict} | {self.cases.get(fault, 0)} | " + " | ".join(marks) + " |"
            )
        return "\n".join(lines) + "\n"

    def write(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "detection.md").write_text(
            "# Detection gate: which check caught each emulator fault\n\n" + self.matrix_markdown(),
            encoding="utf-8",
        )
        payload = {"caught_by": self.caught_by, "examples": self.examples, "ok": self.ok}
        (directory / "detection.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")


class _Collector:
    def __init__(self) -> None:
        self.tally = Tally()

    def handle(self, event: FuzzEvent) -> None:
        self.tally.handle(event)

    def close(self) -> None:
        pass


def _admin(target: Target, method: str, path: str, payload: object | None = None) -> None:
    assert target.admin_url is not None
    response = httpx.request(
        method,
        f"{target.admin_url.rstrip('/')}/{path}",
        json=payload,
        headers={"Authorization": f"Bearer {target.admin_token}"},
        timeout=10.0,
    )
    response.raise_for_status()


def run_detection(
    faults: Sequence[str],
    options: FuzzOptions,
    on_run: Callable[[str, list[str]], None] | None = None,
) -> DetectionResult:
    """A clean run, then one run per fault, all with the same options (and seed)."""
    result = DetectionResult()
    with embedded_target() as target:
        for fault in [CLEAN, *faults]:
            _admin(target, "PUT", "faults", {"faults": [] if fault == CLEAN else [fault]})
            _admin(target, "POST", "reset")
            collector = _Collector()
            run_fuzz(target, options, [collector])
            failing = sorted(collector.tally.failing_checks())
            if collector.tally.problems:
                failing.append("engine-problem")
            result.caught_by[fault] = failing
            result.cases[fault] = sum(collector.tally.cases.values())
            for (_, operation, check), cell in sorted(collector.tally.cells.items()):
                if cell.failures and fault not in result.examples:
                    case, outcome = cell.failures[0]
                    message = (outcome.message or outcome.title).strip()
                    status = case.response.status if case.response else "nothing"
                    result.examples[fault] = (
                        f"{check} on {operation} ({case.phase}, {case.mode}, answered {status}):"
                        f" {message}\n{outcome.curl}"
                    )
            if on_run is not None:
                on_run(fault, failing)
    return result
