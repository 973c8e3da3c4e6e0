"""Reporters: progress on the terminal, JUnit XML, HAR, and a Markdown/HTML summary.

Each reporter only reacts to events (runner -> reporters, never back). Add one: a class with
`handle(event)` and `close()`, created in tools/_cmd_fuzz.py.
"""

from __future__ import annotations

import json
import shlex
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, TextIO

from aelyst_contract.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    EngineProblem,
    FuzzEvent,
    PhaseChanged,
    RunFinished,
    RunStarted,
)
from aelyst_contract.fuzz._tally import Cell, Tally

__all__ = [
    "HarReporter",
    "JunitReporter",
    "ProgressReporter",
    "ReplayReporter",
    "SummaryReporter",
]


class ProgressReporter:
    """One line per phase and a running count, so a long run visibly moves."""

    def __init__(self, stream: TextIO, every: int = 100) -> None:
        self._stream = stream
        self._every = every
        self._cases = 0
        self._failed = 0
        self._reported: set[tuple[str, str, str]] = set()

    def _say(self, line: str) -> None:
        print(line, file=self._stream, flush=True)

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, RunStarted):
            self._say(
                f"fuzzing {', '.join(event.apis)} on {event.target}"
                f" (seed {event.seed}, budget {event.budget})"
            )
        elif isinstance(event, ApiStarted):
            self._say(f"[{event.api}] {event.base_url}: {len(event.operations)} operations")
        elif isinstance(event, PhaseChanged) and not event.finished:
            self._say(f"[{event.api}] phase {event.phase} ... ({self._cases} cases so far)")
        elif isinstance(event, CaseResult):
            self._cases += 1
            self._failed += int(event.failed)
            for outcome in event.outcomes:
                key = (event.api, event.operation, outcome.check)
                if outcome.status == "fail" and key not in self._reported:
                    self._reported.add(key)
                    first = (outcome.message or outcome.title).strip().splitlines()
                    self._say(
                        f"  FAIL {outcome.check} on {event.api} {event.operation}:"
                        f" {first[0] if first else ''}"
                    )
            if self._cases % self._every == 0:
                self._say(f"  {self._cases} cases, {self._failed} failing")
        elif isinstance(event, EngineProblem):
            self._say(f"[{event.api}] problem in {event.label}: {event.message.splitlines()[0]}")
        elif isinstance(event, ApiFinished):
            self._say(f"[{event.api}] done: {event.cases} cases in {event.elapsed_s:.1f}s")
        elif isinstance(event, RunFinished):
            rate = event.cases / event.elapsed_s if event.elapsed_s else 0.0
            verdict = "FAILED" if event.failures or event.problems else "passed"
            self._say(
                f"{verdict}: {event.cases} cases in {event.elapsed_s:.1f}s ({rate:.0f}/s),"
                f" {event.failures} failing, {event.problems} engine problems"
            )

    def close(self) -> None:
        pass


class JunitReporter:
    """A testsuite per API, a testcase per operation x check: failed, passed, or skipped (n/a,
    or not exercised with the reason)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._tally = Tally()
        self._started = time.time()

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)

    def close(self) -> None:
        root = ET.Element("testsuites", name="aelyst-contract fuzz")
        tally = self._tally
        apis = sorted(
            {api for (api, _, _) in tally.cells}
            | {api for (api, _) in tally.plan}
            | {p.api for p in tally.problems}
        )
        for api in apis:
            problems = [p for p in tally.problems if p.api == api]
            suite = ET.SubElement(root, "testsuite", name=api)
            counts = {"tests": 0, "failures": 0, "skipped": 0}
            for operation in tally.operations(api):
                for check in tally.checks(api):
                    counts["tests"] += 1
                    case = ET.SubElement(
                        suite, "testcase", classname=f"{api}.{operation}", name=check
                    )
                    verdict = tally.verdict(api, operation, check)
                    if verdict == "fail":
                        counts["failures"] += 1
                        self._failure(case, tally.cells[(api, operation, check)], check)
                    elif verdict in ("n/a", "not exercised"):
                        counts["skipped"] += 1
                        reason = (
                            "n/a: the check does not concern this operation"
                            if verdict == "n/a"
                            else "not exercised: " + tally.why_not_exercised(api, operation, check)
                        )
                        ET.SubElement(case, "skipped", message=reason)
            for problem in problems:
                counts["tests"] += 1
                case = ET.SubElement(
                    suite, "testcase", classname=f"{api}.engine", name=problem.label
                )
                ET.SubElement(
                    case, "error", message=problem.message.splitlines()[0][:500]
                ).text = problem.message
            suite.set("tests", str(counts["tests"]))
            suite.set("failures", str(counts["failures"]))
            suite.set("skipped", str(counts["skipped"]))
            suite.set("errors", str(len(problems)))
        self._path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(self._path, encoding="utf-8", xml_declaration=True)

    @staticmethod
    def _failure(case: ET.Element, cell: Cell, check: str) -> None:
        first = cell.failures[0][1] if cell.failures else None
        text = "\n\n".join(
            f"{group.count} x {o.title}\n{o.message}\n{o.curl}\nreplay id: {o.replay_id}"
            for group in cell.groups.values()
            for o in [group.first[1]]
        )
        failure = ET.SubElement(
            case,
            "failure",
            message=(first.message.splitlines()[0] if first and first.message else check)[:500],
        )
        failure.text = f"{cell.failed} of {cell.judged} cases failed\n\n{text}"


class HarReporter:
    """Every request and response of the run, credentials already redacted upstream."""

    def __init__(self, path: Path, max_entries: int = 20000) -> None:
        self._path = path
        self._max = max_entries
        self._entries: list[dict[str, Any]] = []

    def handle(self, event: FuzzEvent) -> None:
        if not isinstance(event, CaseResult) or len(self._entries) >= self._max:
            return
        request, response = event.request, event.response
        self._entries.append(
            {
                "startedDateTime": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                "time": response.elapsed_ms if response else 0,
                "request": {
                    "method": request.method,
                    "url": request.url,
                    "httpVersion": "HTTP/1.1",
                    "headers": [{"name": k, "value": v} for k, v in request.headers.items()],
                    "queryString": [],
                    "cookies": [],
                    "headersSize": -1,
                    "bodySize": len(request.body or ""),
                    **(
                        {"postData": {"mimeType": "application/json", "text": request.body}}
                        if request.body is not None
                        else {}
                    ),
                },
                "response": {
                    "status": response.status if response else 0,
                    "statusText": "",
                    "httpVersion": "HTTP/1.1",
                    "headers": [
                        {"name": k, "value": v}
                        for k, v in (response.headers if response else {}).items()
                    ],
                    "cookies": [],
                    "content": {
                        "size": len(response.body) if response else 0,
                        "mimeType": (response.headers.get("content-type", "") if response else ""),
                        "text": response.body if response else "",
                    },
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": len(response.body) if response else 0,
                },
                "cache": {},
                "timings": {
                    "send": 0,
                    "wait": response.elapsed_ms if response else 0,
                    "receive": 0,
                },
                "comment": f"{event.api} {event.phase} {event.mode}".strip(),
            }
        )

    def close(self) -> None:
        har = {
            "log": {
                "version": "1.2",
                "creator": {"name": "aelyst-contract fuzz", "version": "1"},
                "entries": self._entries,
            }
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.write_text(json.dumps(har, indent=1), encoding="utf-8")


class ReplayReporter:
    """replays.json: each failing request by replay id, for `aelyst-contract fuzz --replay ID`.
    A failure seen on a probe is filed under the probe's id, with the request that led to it."""

    def __init__(self, path: Path, faults: frozenset[str] = frozenset()) -> None:
        self._path = path
        self._faults = sorted(faults)
        self._replays: dict[str, dict[str, Any]] = {}
        self._bases: dict[str, str] = {}

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, ApiStarted):
            self._bases[event.api] = event.base_url
        if not isinstance(event, CaseResult) or not event.failed:
            return
        base = self._bases.get(event.api, "")
        failing = sorted({o.check for o in event.outcomes if o.status == "fail"})
        for outcome in event.outcomes:
            if outcome.status != "fail" or not outcome.replay_id:
                continue
            entry = self._replays.setdefault(
                outcome.replay_id,
                {
                    "api": event.api,
                    "operation": event.operation,
                    "method": event.request.method,
                    "url": event.request.url,
                    # Relative to the API's base URL, so a replay can go to a new emulator port.
                    "path": event.request.url.removeprefix(base),
                    "headers": {
                        k: v
                        for k, v in event.request.headers.items()
                        if k.lower() == "content-type"
                    },
                    "body": event.request.body,
                    "mode": event.mode,
                    "phase": event.phase,
                    "checks": [],
                    "faults": self._faults,
                },
            )
            if outcome.probe is not None:
                entry["probe"] = {
                    "method": outcome.probe.method,
                    "url": outcome.probe.url.removeprefix(base),
                }
                entry["checks"] = sorted({*entry["checks"], outcome.check})
            else:
                entry["checks"] = sorted({*entry["checks"], *failing})

    def close(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.write_text(json.dumps(self._replays, indent=1, sort_keys=True), encoding="utf-8")


class SummaryReporter:
    """summary.md: operation x check verdicts (pass, FAIL, n/a, not exercised), every failure
    grouped by message with a curl line and the command that replays it, and what was not
    exercised and why."""

    def __init__(self, markdown_path: Path, report_dir: Path | None = None) -> None:
        self._md = markdown_path
        self._report_dir = report_dir or markdown_path.parent
        self._tally = Tally()
        self._run: RunStarted | None = None
        self._finished: RunFinished | None = None

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)
        if isinstance(event, RunStarted):
            self._run = event
        elif isinstance(event, RunFinished):
            self._finished = event

    def _replay_command(self, replay_id: str) -> str:
        words = ["aelyst-contract", "fuzz", "--replay", replay_id]
        words += ["--report-dir", str(self._report_dir)]
        line = shlex.join(words)
        if self._run and self._run.target_args:
            line += " " + self._run.target_args
        return line

    def markdown(self) -> str:
        tally = self._tally
        lines = ["# aelyst-contract fuzz", ""]
        if self._run:
            lines.append(
                f"Target: {self._run.target}. Seed {self._run.seed}, budget {self._run.budget}."
            )
        if self._finished:
            f = self._finished
            verdict = "**FAILED**" if f.failures or f.problems else "**passed**"
            lines.append(
                f"Result: {verdict}: {f.cases} cases in {f.elapsed_s:.1f}s,"
                f" {f.failures} failing cases, {f.problems} engine problems."
            )
        lines += [
            "",
            "Each cell: **FAIL** n/m (n of the m responses the check judged failed), pass m,"
            " n/a (the check does not concern the operation), or *not exercised* (it concerns"
            " the operation but judged nothing in this run: see the list below the table).",
        ]
        not_exercised: list[str] = []
        for api in sorted({api for (api, _, _) in tally.cells} | {api for (api, _) in tally.plan}):
            operations = tally.operations(api)
            lines += ["", f"## {api} API", "", "Operations:", ""]
            lines += [f"{n}. `{operation}`" for n, operation in enumerate(operations, 1)]
            lines += [
                "",
                "| check | " + " | ".join(str(n) for n in range(1, len(operations) + 1)) + " |",
            ]
            lines.append("| --- |" + " --- |" * len(operations))
            for check in tally.checks(api):
                row = []
                for number, operation in enumerate(operations, 1):
                    row.append(self._cell(api, operation, check))
                    if tally.verdict(api, operation, check) == "not exercised":
                        reason = tally.why_not_exercised(api, operation, check)
                        not_exercised.append(f"- {api} {check} on {number}: {reason}")
                lines.append(f"| {check} | " + " | ".join(row) + " |")
        lines += ["", "## Rate limits", "", *self._rate_limit_lines()]
        if not_exercised:
            lines += ["", "## Not exercised", "", *not_exercised]
        groups = [
            (key, group)
            for key, cell in sorted(tally.cells.items())
            for group in cell.groups.values()
        ]
        if groups:
            lines += ["", "## Failures", ""]
            for (api, operation, check), group in groups:
                case, outcome = group.first
                probe = outcome.probe
                seen_on = (
                    f" on the follow-up `{probe.method} {probe.url}`" if probe is not None else ""
                )
                lines += [
                    f"### {api} `{operation}`: {check} ({group.count} case"
                    f"{'s' if group.count != 1 else ''})",
                    "",
                    f"{outcome.message or outcome.title}".strip(),
                    "",
                    f"Phase {case.phase}, mode {case.mode or 'n/a'}, answered"
                    f" {case.response.status if case.response else 'nothing'}{seen_on}.",
                    f"Replay: `{self._replay_command(outcome.replay_id)}`",
                    "",
                    "```console",
                    outcome.curl or "(no request)",
                    "```",
                    "",
                ]
                others = [o.replay_id for o in group.others]
                if others:
                    more = group.count - 1 - len(others)
                    lines.append(
                        "Other cases with this failure, by replay id: "
                        + ", ".join(f"`{rid}`" for rid in others)
                        + (f", and {more} more (all in junit.xml and fuzz.har)" if more else "")
                        + "."
                    )
                    lines.append("")
        if tally.problems:
            lines += ["", "## Engine problems", ""]
            for problem in tally.problems:
                lines += [f"- {problem.api} {problem.label}: {problem.message.splitlines()[0]}"]
        return "\n".join(lines) + "\n"

    def _rate_limit_lines(self) -> list[str]:
        probe = self._run.rate_probe if self._run else "off"
        lines = []
        for api in self._run.apis if self._run else ():
            seen = self._tally.rate_limited(api)
            if seen:
                lines.append(
                    f"- {api}: the rate-limit rules (Retry-After, X-RateLimit-Limit,"
                    f" X-RateLimit-Remaining) judged {seen} answers 429 (probe: {probe})."
                )
            elif probe == "off":
                lines.append(
                    f"- {api}: **not exercised**: no 429 came by, and the target does not allow"
                    " rate-limit probing (`[rate_limits] probe` in the profile)."
                )
            else:
                lines.append(
                    f"- {api}: **not exercised**: the {probe} probe provoked no 429 within its"
                    " bounds (the limit may be higher)."
                )
        return lines

    def _cell(self, api: str, operation: str, check: str) -> str:
        verdict = self._tally.verdict(api, operation, check)
        cell = self._tally.cells.get((api, operation, check))
        if verdict == "fail" and cell is not None:
            return f"**FAIL** {cell.failed}/{cell.judged}"
        if verdict == "pass" and cell is not None:
            return f"pass {cell.judged}"
        return "n/a" if verdict == "n/a" else "*not exercised*"

    def close(self) -> None:
        self._md.parent.mkdir(parents=True, exist_ok=True)
        self._md.write_text(self.markdown(), encoding="utf-8")
