"""What several reports say alike: the rerun and replay commands, times, and the statuses each
operation documents against those it got."""

from __future__ import annotations

import shlex
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from aelyst_contract.fuzz._events import RunStarted
from aelyst_contract.fuzz._tally import Tally, documented_statuses, is_documented

__all__ = [
    "StatusSeen",
    "iso_utc",
    "operation_statuses",
    "rate_limit_lines",
    "replay_command",
    "rerun_command",
]


def rerun_command(run: RunStarted | None, report_dir: Path, faults: frozenset[str]) -> str:
    """The command that runs the same fuzzing again: same APIs, seed, budget and target."""
    if run is None:
        return ""
    api = "all" if set(run.apis) == {"contact", "channel"} else ",".join(run.apis)
    words = ["aelyst-contract", "fuzz", "--api", api, "--seed", str(run.seed)]
    if run.budget_arg:
        words += ["--budget", run.budget_arg]
    if run.max_failures is not None:
        words += ["--max-failures", str(run.max_failures)]
    for fault in sorted(faults):
        words += ["--fault", fault]
    words += ["--report-dir", str(report_dir)]
    line = shlex.join(words)
    return f"{line} {run.target_args}" if run.target_args else line


def replay_command(run: RunStarted | None, report_dir: Path, replay_id: str) -> str:
    line = shlex.join(["aelyst-contract", "fuzz", "--replay", replay_id, "--report-dir"])
    line += " " + shlex.quote(str(report_dir))
    if run and run.target_args:
        line += " " + run.target_args
    return line


def iso_utc(epoch: float, *, zone: bool = True) -> str:
    """2026-12-01T08:39:38.123Z (milliseconds; without the Z for JUnit's local-time format)."""
    seconds = int(epoch)
    millis = round((epoch - seconds) * 1000)
    if millis == 1000:
        seconds, millis = seconds + 1, 0
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}"
    return stamp + "Z" if zone else stamp


@dataclass(frozen=True)
class StatusSeen:
    """One response status an operation got, how often, and whether the spec documents it.
    Status 0 stands for requests that got no answer."""

    status: int
    count: int
    documented: bool


def operation_statuses(tally: Tally, api: str, operation: str) -> list[StatusSeen]:
    documented = documented_statuses(api, operation)
    seen: Mapping[int, int] = tally.statuses.get((api, operation), {})
    return [
        StatusSeen(status, count, status != 0 and is_documented(status, documented))
        for status, count in sorted(seen.items())
    ]


def rate_limit_lines(run: RunStarted | None, tally: Tally, strong: str = "**") -> list[str]:
    """Per API: how many 429 answers the rate-limit rules judged, or why none was. `strong`
    marks emphasis (Markdown's by default; "" for plain text)."""
    probe = run.rate_probe if run else "off"
    lines = []
    for api in run.apis if run else ():
        seen = tally.rate_limited(api)
        if seen:
            lines.append(
                f"- {api}: the rate-limit rules (Retry-After, X-RateLimit-Limit,"
                f" X-RateLimit-Remaining) judged {seen} answers 429 (probe: {probe})."
            )
        elif probe == "off":
            lines.append(
                f"- {api}: {strong}not exercised{strong}: no 429 came by, and the target does not"
                " allow rate-limit probing (`[rate_limits] probe` in the profile)."
            )
        else:
            lines.append(
                f"- {api}: {strong}not exercised{strong}: the {probe} probe provoked no 429 within"
                " its bounds (the limit may be higher)."
            )
    return lines
