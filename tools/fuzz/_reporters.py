"""Reporters: progress on the terminal, JUnit XML, HAR, and a Markdown/HTML summary.

Each reporter only reacts to events (runner -> reporters, never back). Add one: a class with
`handle(event)` and `close()`, created in tools/_cmd_fuzz.py.
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, TextIO

from tools.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    EngineProblem,
    FuzzEvent,
    PhaseChanged,
    RunFinished,
    RunStarted,
)
from tools.fuzz._tally import Tally

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
    """A testsuite per API, a testcase per operation x check."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._tally = Tally()
        self._started = time.time()

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)

    def close(self) -> None:
        root = ET.Element("testsuites", name="aelyst-contract fuzz")
        apis = sorted(
            {api for (api, _, _) in self._tally.cells} | {p.api for p in self._tally.problems}
        )
        for api in apis:
            cells = {k: v for k, v in self._tally.cells.items() if k[0] == api}
            problems = [p for p in self._tally.problems if p.api == api]
            suite = ET.SubElement(
                root,
                "testsuite",
                name=api,
                tests=str(len(cells) + len(problems)),
                failures=str(sum(1 for cell in cells.values() if cell.failed)),
                errors=str(len(problems)),
            )
            for (_, operation, check), cell in sorted(cells.items()):
                case = ET.SubElement(suite, "testcase", classname=f"{api}.{operation}", name=check)
                if cell.failed:
                    first = cell.failures[0][1] if cell.failures else None
                    text = "\n\n".join(
                        f"{o.title}\n{o.message}\n{o.curl}\nreplay id: {o.replay_id}"
                        for _, o in cell.failures
                    )
                    failure = ET.SubElement(
                        case,
                        "failure",
                        message=(
                            first.message.splitlines()[0] if first and first.message else check
                        )[:500],
                    )
                    failure.text = (
                        f"{cell.failed} of {cell.passed + cell.failed} cases failed\n\n{text}"
                    )
            for problem in problems:
                case = ET.SubElement(
                    suite, "testcase", classname=f"{api}.engine", name=problem.label
                )
                ET.SubElement(
                    case, "error", message=problem.message.splitlines()[0][:500]
                ).text = problem.message
        self._path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(self._path, encoding="utf-8", xml_declaration=True)


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
    """replays.json: each failing request by replay id, for `aelyst-contract fuzz --replay ID`."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._replays: dict[str, dict[str, Any]] = {}
        self._bases: dict[str, str] = {}

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, ApiStarted):
            self._bases[event.api] = event.base_url
        if not isinstance(event, CaseResult) or not event.failed:
            return
        for outcome in event.outcomes:
            if outcome.passed or not outcome.replay_id or outcome.replay_id in self._replays:
                continue
            self._replays[outcome.replay_id] = {
                "api": event.api,
                "operation": event.operation,
                "method": event.request.method,
                "url": event.request.url,
                # Relative to the API's base URL, so a replay can go to a new emulator port.
                "path": event.request.url.removeprefix(self._bases.get(event.api, "")),
                "headers": {
                    k: v for k, v in event.request.headers.items() if k.lower() == "content-type"
                },
                "body": event.request.body,
                "checks": sorted({o.check for o in event.outcomes if not o.passed}),
            }

    def close(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.write_text(json.dumps(self._replays, indent=1, sort_keys=True), encoding="utf-8")


class SummaryReporter:
    """summary.md: operation x check pass/fail, then each distinct failure with a
    curl line and its replay id."""

    def __init__(self, markdown_path: Path) -> None:
        self._md = markdown_path
        self._tally = Tally()
        self._run: RunStarted | None = None
        self._finished: RunFinished | None = None

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)
        if isinstance(event, RunStarted):
            self._run = event
        elif isinstance(event, RunFinished):
            self._finished = event

    def markdown(self) -> str:
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
            "Each cell counts the responses a check judged (a check that does not concern an"
            " operation, such as send_then_get on a GET, passes those trivially);"
            " **FAIL** n/m: n of m failed.",
        ]
        for api in sorted({api for (api, _, _) in self._tally.cells}):
            operations = self._tally.operations(api)
            lines += ["", f"## {api} API", "", "Operations:", ""]
            lines += [f"{n}. `{operation}`" for n, operation in enumerate(operations, 1)]
            lines += [
                "",
                "| check | " + " | ".join(str(n) for n in range(1, len(operations) + 1)) + " |",
            ]
            lines.append("| --- |" + " --- |" * len(operations))
            for check in self._tally.checks(api):
                row = [self._cell(api, operation, check) for operation in operations]
                lines.append(f"| {check} | " + " | ".join(row) + " |")
        failures = [
            (key, case, outcome)
            for key, cell in sorted(self._tally.cells.items())
            for case, outcome in cell.failures
        ]
        if failures:
            lines += ["", "## Failures", ""]
            for (api, operation, check), case, outcome in failures:
                lines += [
                    f"### {api} `{operation}`: {check}",
                    "",
                    f"{outcome.message or outcome.title}".strip(),
                    "",
                    f"Phase {case.phase}, mode {case.mode or 'n/a'}, answered"
                    f" {case.response.status if case.response else 'nothing'}."
                    f" Replay id `{outcome.replay_id}`"
                    f" (`aelyst-contract fuzz --replay {outcome.replay_id}`).",
                    "",
                    "```console",
                    outcome.curl or "(no request)",
                    "```",
                    "",
                ]
        if self._tally.problems:
            lines += ["", "## Engine problems", ""]
            for problem in self._tally.problems:
                lines += [f"- {problem.api} {problem.label}: {problem.message.splitlines()[0]}"]
        return "\n".join(lines) + "\n"

    def _cell(self, api: str, operation: str, check: str) -> str:
        cell = self._tally.cells.get((api, operation, check))
        if cell is None or cell.passed + cell.failed == 0:
            return "-"
        if cell.failed:
            return f"**FAIL** {cell.failed}/{cell.passed + cell.failed}"
        return f"pass {cell.passed}"

    def close(self) -> None:
        self._md.parent.mkdir(parents=True, exist_ok=True)
        self._md.write_text(self.markdown(), encoding="utf-8")
