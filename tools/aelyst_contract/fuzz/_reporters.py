"""Reporters: progress on the terminal, JUnit XML, HAR, and a Markdown/HTML summary.

Each reporter only reacts to events (runner -> reporters, never back). Add one: a class with
`handle(event)` and `close()`, created in tools/_cmd_fuzz.py.
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlsplit

from rich.console import Console
from rich.live import Live
from rich.table import Table

from aelyst_contract.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    CheckOutcome,
    EngineProblem,
    FuzzEvent,
    PhaseChanged,
    RecordedRequest,
    RecordedResponse,
    RunFinished,
    RunStarted,
)
from aelyst_contract.fuzz._report_facts import (
    iso_utc,
    operation_statuses,
    rate_limit_lines,
    replay_command,
    rerun_command,
)
from aelyst_contract.fuzz._tally import Cell, Tally, documented_statuses

__all__ = [
    "HarReporter",
    "JunitReporter",
    "LiveProgressReporter",
    "ProgressReporter",
    "ReplayReporter",
    "SummaryReporter",
    "WholeRunReport",
    "progress_reporter",
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
                    message = outcome.message or outcome.title
                    self._say("  " + _failure_line(event, outcome.check, message))
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


def _failure_line(event: CaseResult, check: str, message: str) -> str:
    first = message.strip().splitlines()
    return f"FAIL {check} on {event.api} {event.operation}: {first[0] if first else ''}"


class LiveProgressReporter:
    """Progress for a terminal: a live table per API (phase, cases, failing cases, time left
    of a time budget), each failing (operation, check) named above it as it happens."""

    def __init__(self, stream: TextIO) -> None:
        self._console = Console(file=stream, highlight=False)
        self._live = Live(console=self._console, refresh_per_second=4, transient=False)
        self._rows: dict[str, dict[str, Any]] = {}
        self._run: RunStarted | None = None
        self._reported: set[tuple[str, str, str]] = set()
        self._started = False
        self._run_since = time.monotonic()

    def _table(self) -> Table:
        table = Table(box=None, pad_edge=False)
        for column in ("API", "phase", "cases", "failing", "time"):
            table.add_column(column, justify="right" if column != "API" else "left")
        # A time budget is the run's (the shard's): what is left of it, whichever API runs.
        budget = self._run.max_time_s if self._run else None
        left = None if budget is None else max(0.0, budget - (time.monotonic() - self._run_since))
        for api, row in self._rows.items():
            elapsed = row["elapsed"] if row["done"] else time.monotonic() - row["since"]
            shown = f"{elapsed:.0f}s"
            if left is not None and not row["done"]:
                shown += f" ({left:.0f}s left)"
            table.add_row(
                api,
                "done" if row["done"] else row["phase"],
                str(row["cases"]),
                f"[red]{row['failed']}[/red]" if row["failed"] else "0",
                shown,
            )
        return table

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, RunStarted):
            self._run = event
            self._run_since = time.monotonic()
            self._console.print(
                f"fuzzing {', '.join(event.apis)} on {event.target}"
                f" (seed {event.seed}, budget {event.budget})",
                markup=False,
            )
            self._live.start()
            self._started = True
        elif isinstance(event, ApiStarted):
            self._rows[event.api] = {
                "phase": "starting",
                "cases": 0,
                "failed": 0,
                "since": time.monotonic(),
                "elapsed": 0.0,
                "done": False,
            }
        elif isinstance(event, PhaseChanged) and not event.finished and event.api in self._rows:
            self._rows[event.api]["phase"] = event.phase
        elif isinstance(event, CaseResult) and event.api in self._rows:
            row = self._rows[event.api]
            row["cases"] += 1
            row["failed"] += int(event.failed)
            for outcome in event.outcomes:
                key = (event.api, event.operation, outcome.check)
                if outcome.status == "fail" and key not in self._reported:
                    self._reported.add(key)
                    line = _failure_line(event, outcome.check, outcome.message or outcome.title)
                    self._live.console.print("  " + line, markup=False, style="red")
        elif isinstance(event, EngineProblem):
            self._live.console.print(
                f"[{event.api}] problem in {event.label}: {event.message.splitlines()[0]}",
                markup=False,
                style="yellow",
            )
        elif isinstance(event, ApiFinished) and event.api in self._rows:
            self._rows[event.api].update(done=True, elapsed=event.elapsed_s)
        elif isinstance(event, RunFinished):
            self._live.update(self._table(), refresh=True)
            self.close()
            verdict = "FAILED" if event.failures or event.problems else "passed"
            self._console.print(
                f"{verdict}: {event.cases} cases in {event.elapsed_s:.1f}s,"
                f" {event.failures} failing, {event.problems} engine problems",
                markup=False,
            )
            return
        if self._started:
            self._live.update(self._table())

    def close(self) -> None:
        if self._started:
            self._started = False
            self._live.stop()


def progress_reporter(stream: TextIO) -> LiveProgressReporter | ProgressReporter:
    """A live display on a terminal; plain lines elsewhere (CI logs)."""
    if stream.isatty():
        return LiveProgressReporter(stream)
    return ProgressReporter(stream)


class JunitReporter:
    """A testsuite per API, a testcase per operation x check: failed, passed, or skipped (n/a,
    or not exercised with the reason). A testcase's time is that of the responses its check
    judged; properties name the seed, target, budget and specs."""

    def __init__(self, path: Path, faults: frozenset[str] = frozenset()) -> None:
        self._path = path
        self._faults = faults
        self._tally = Tally()
        self._run: RunStarted | None = None
        self._api_started: dict[str, float] = {}
        self._api_elapsed: dict[str, float] = {}
        self._run_elapsed: float | None = None

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)
        if isinstance(event, RunStarted):
            self._run = event
        elif isinstance(event, ApiStarted):
            self._api_started[event.api] = time.time()
        elif isinstance(event, ApiFinished):
            self._api_elapsed[event.api] = event.elapsed_s
        elif isinstance(event, RunFinished):
            self._run_elapsed = event.elapsed_s

    def _properties(self, suite: ET.Element, api: str) -> None:
        run = self._run
        if run is None:
            return
        found = [
            ("seed", str(run.seed)),
            ("target", run.target),
            ("budget", run.budget),
            ("tool_version", run.tool_version),
            ("rerun", rerun_command(run, self._path.parent, self._faults)),
        ]
        found += [
            (f"spec_version.{spec.api}", spec.version) for spec in run.specs if spec.api == api
        ]
        found += [(f"spec_sha256.{spec.api}", spec.sha256) for spec in run.specs if spec.api == api]
        if run.git_commit:
            found.append(("git_commit", run.git_commit))
        properties = ET.SubElement(suite, "properties")
        for name, value in found:
            ET.SubElement(properties, "property", name=name, value=value)

    def close(self) -> None:
        root = ET.Element("testsuites", name="aelyst-contract fuzz")
        tally = self._tally
        apis = sorted(
            {api for (api, _, _) in tally.cells}
            | {api for (api, _) in tally.plan}
            | {p.api for p in tally.problems}
        )
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for api in apis:
            problems = [p for p in tally.problems if p.api == api]
            suite = ET.SubElement(root, "testsuite", name=api)
            started = self._api_started.get(api) or (self._run.started_at if self._run else 0)
            if started:
                suite.set("timestamp", iso_utc(started, zone=False))
            if api in self._api_elapsed:
                suite.set("time", f"{self._api_elapsed[api]:.3f}")
            self._properties(suite, api)
            counts = {"tests": 0, "failures": 0, "skipped": 0}
            for operation in tally.operations(api):
                for check in tally.checks(api):
                    counts["tests"] += 1
                    case = ET.SubElement(
                        suite, "testcase", classname=f"{api}.{operation}", name=check
                    )
                    cell = tally.cells.get((api, operation, check))
                    verdict = tally.verdict(api, operation, check)
                    judged_ms = cell.elapsed_ms if cell and verdict in ("pass", "fail") else 0.0
                    case.set("time", f"{judged_ms / 1000:.3f}")
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
            totals["tests"] += counts["tests"]
            totals["failures"] += counts["failures"]
            totals["errors"] += len(problems)
        for name, value in totals.items():
            root.set(name, str(value))
        if self._run_elapsed is not None:
            root.set("time", f"{self._run_elapsed:.3f}")
        self._path.parent.mkdir(parents=True, exist_ok=True)
        ET.ElementTree(root).write(self._path, encoding="utf-8", xml_declaration=True)

    def _failure(self, case: ET.Element, cell: Cell, check: str) -> None:
        first = cell.failures[0][1] if cell.failures else None
        text = "\n\n".join(
            f"{group.count} x {o.title}\n{o.message}\n"
            + (f"seen on the follow-up {o.probe.method} {o.probe.url}\n" if o.probe else "")
            + f"curl: {o.curl or '(no request)'}\n"
            f"replay: {replay_command(self._run, self._path.parent, o.replay_id)}"
            for group in cell.groups.values()
            for o in [group.first[1]]
        )
        failure = ET.SubElement(
            case,
            "failure",
            type=check,
            message=(first.message.splitlines()[0] if first and first.message else check)[:500],
        )
        failure.text = f"{cell.failed} of {cell.judged} cases failed\n\n{text}"


def _header(headers: Mapping[str, str], name: str) -> str:
    return next((value for key, value in headers.items() if key.lower() == name), "")


def _utf8_size(text: str | None) -> int:
    return len(text.encode("utf-8")) if text is not None else 0


def _har_request(request: RecordedRequest) -> dict[str, Any]:
    return {
        "method": request.method,
        "url": request.url,
        "httpVersion": "HTTP/1.1",
        "headers": [{"name": k, "value": v} for k, v in request.headers.items()],
        "queryString": [
            {"name": name, "value": value}
            for name, value in parse_qsl(urlsplit(request.url).query, keep_blank_values=True)
        ],
        "cookies": [],
        "headersSize": -1,
        "bodySize": _utf8_size(request.body),
        **(
            {
                "postData": {
                    "mimeType": _header(request.headers, "content-type"),
                    "text": request.body,
                }
            }
            if request.body is not None
            else {}
        ),
    }


def _har_response(response: RecordedResponse | None) -> dict[str, Any]:
    if response is None:  # HAR's way to say no answer came (a transport failure)
        return {
            "status": 0,
            "statusText": "",
            "httpVersion": "",
            "headers": [],
            "cookies": [],
            "content": {"size": 0, "mimeType": ""},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        }
    return {
        "status": response.status,
        "statusText": HTTPStatus(response.status).phrase
        if response.status in HTTPStatus._value2member_map_
        else "",
        "httpVersion": "HTTP/1.1",
        "headers": [{"name": k, "value": v} for k, v in response.headers.items()],
        "cookies": [],
        "content": {
            "size": _utf8_size(response.body),
            "mimeType": _header(response.headers, "content-type"),
            "text": response.body,
        },
        "redirectURL": _header(response.headers, "location"),
        "headersSize": -1,
        "bodySize": _utf8_size(response.body),
    }


class HarReporter:
    """Every request and response of the run, credentials already redacted upstream, each at the
    time it was sent; every follow-up request a check sent, with its answer, carries
    `_initiator` and a comment naming the check (and whether its answer failed it)."""

    def __init__(self, path: Path, max_entries: int = 20000, tool_version: str = "") -> None:
        self._path = path
        self._max = max_entries
        self._entries: list[dict[str, Any]] = []
        self._tool_version = tool_version

    def _entry(
        self,
        request: RecordedRequest,
        response: RecordedResponse | None,
        started_at: float,
        comment: str,
    ) -> dict[str, Any]:
        elapsed = response.elapsed_ms if response else 0.0
        return {
            "startedDateTime": iso_utc(started_at),
            "time": elapsed,
            "request": _har_request(request),
            "response": _har_response(response),
            "cache": {},
            "timings": {"send": 0, "wait": elapsed, "receive": 0},
            "comment": comment,
        }

    def _follow_up(
        self,
        event: CaseResult,
        check: str,
        request: RecordedRequest,
        response: RecordedResponse | None,
        *,
        started_at: float,
        failure: CheckOutcome | None,
    ) -> None:
        """One follow-up entry; `failure`: the outcome of the check this answer failed."""
        if len(self._entries) >= self._max:
            return
        comment = f"follow-up of {check} ({event.operation})"
        if failure is not None:
            first_line = (failure.message or failure.title).splitlines()[0][:200]
            comment += f": its answer failed the check ({first_line})"
        entry = self._entry(request, response, started_at, comment)
        entry["_initiator"] = {
            "type": "follow-up",
            "check": check,
            "operation": event.operation,
            "url": event.request.url,
            "replay_id": failure.replay_id if failure is not None else "",
        }
        self._entries.append(entry)

    def handle(self, event: FuzzEvent) -> None:
        if isinstance(event, RunStarted) and not self._tool_version:
            self._tool_version = event.tool_version
        if not isinstance(event, CaseResult) or len(self._entries) >= self._max:
            return
        request, response = event.request, event.response
        elapsed_s = (response.elapsed_ms if response else 0.0) / 1000
        # Results made outside the engine (the rate probe, deferred follow-ups) carry no send
        # time: they were sent just before they were reported.
        started = request.started_at or time.time() - elapsed_s
        entry = self._entry(
            request, response, started, f"{event.api} {event.phase} {event.mode}".strip()
        )
        if event.shard:
            entry["_shard"] = event.shard
        self._entries.append(entry)
        failures = {o.check: o for o in event.outcomes if o.probe is not None}
        for follow_up in event.follow_ups:
            self._follow_up(
                event,
                follow_up.check,
                follow_up.request,
                follow_up.response,
                started_at=follow_up.request.started_at or started + elapsed_s,
                failure=failures.get(follow_up.check) if follow_up.failed else None,
            )
        # A failing probe the event does not list among its follow-ups (its answer unknown).
        listed = {f.check for f in event.follow_ups if f.failed}
        for check, outcome in failures.items():
            if check not in listed and outcome.probe is not None:
                probe = outcome.probe
                self._follow_up(
                    event,
                    check,
                    probe,
                    None,
                    started_at=probe.started_at or started + elapsed_s,
                    failure=outcome,
                )

    def close(self) -> None:
        har = {
            "log": {
                "version": "1.2",
                "creator": {"name": "aelyst-contract fuzz", "version": self._tool_version or "0"},
                # In the order the engine reported them (deterministic for a seed); a scenario's
                # requests are reported together once it finishes.
                "entries": self._entries,
            }
        }
        self._path.parent.mkdir(parents=True, exist_ok=True)
        # Not indented: json's C encoder does not indent, and a run's HAR is ~15 MB (0.2 s -> 0.05).
        self._path.write_text(json.dumps(har), encoding="utf-8")


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
                    **({"shard": event.shard} if event.shard else {}),
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

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        """The entries so far, by replay id."""
        return self._replays

    def close(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.write_text(json.dumps(self._replays, indent=1, sort_keys=True), encoding="utf-8")


class WholeRunReport:
    """What the reports about a whole run (summary.md, report.html) share: the verdict tally, and
    the run's start and end events."""

    def __init__(
        self, path: Path, report_dir: Path | None = None, faults: frozenset[str] = frozenset()
    ) -> None:
        self._path = path
        self._report_dir = report_dir or path.parent
        self._faults = faults
        self._tally = Tally()
        self._run: RunStarted | None = None
        self._finished: RunFinished | None = None

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)
        if isinstance(event, RunStarted):
            self._run = event
        elif isinstance(event, RunFinished):
            self._finished = event


class SummaryReporter(WholeRunReport):
    """summary.md: operation x check verdicts (pass, FAIL, n/a, not exercised), every failure
    grouped by message with a curl line and the command that replays it, and what was not
    exercised and why."""

    def _replay_command(self, replay_id: str) -> str:
        return replay_command(self._run, self._report_dir, replay_id)

    def _run_lines(self) -> list[str]:
        run = self._run
        if run is None:
            return []
        lines = [
            f"Target: {run.target}. Seed {run.seed}.",
            f"Budget: {run.budget}; the coverage and stateful phases add cases of their own, so"
            " the responses each operation actually got are counted under *Responses* below.",
            "Specs: "
            + (
                ", ".join(
                    f"{spec.api} `{Path(spec.path).name}` version {spec.version}"
                    f" (sha256 `{spec.sha256[:12]}`)"
                    for spec in run.specs
                )
                or "not recorded"
            )
            + ".",
            f"Tool: aelyst-contract {run.tool_version}"
            + (f", git commit `{run.git_commit}`" if run.git_commit else "")
            + ".",
            "",
            "Run it again:",
            "",
            "```console",
            rerun_command(run, self._report_dir, self._faults),
            "```",
        ]
        return lines

    def _status_lines(self, api: str, operations: list[str]) -> list[str]:
        lines = [
            "",
            f"### Responses ({api})",
            "",
            "| operation | responses (own method) | documented statuses | statuses seen |",
            "| --- | --- | --- | --- |",
        ]
        for operation in operations:
            seen = operation_statuses(self._tally, api, operation)
            shown = ", ".join(
                ("no answer" if s.status == 0 else str(s.status))
                + f" x{s.count}"
                + ("" if s.documented else " **(undocumented)**")
                for s in seen
            )
            total = sum(s.count for s in seen)
            documented = ", ".join(documented_statuses(api, operation)) or "none"
            other = self._tally.other_method_statuses.get((api, operation))
            if other:
                shown += "; with other methods: " + ", ".join(
                    f"{status} x{count}" for status, count in sorted(other.items())
                )
            lines.append(f"| `{operation}` | {total} | {documented} | {shown or 'none'} |")
        return lines

    def markdown(self) -> str:
        tally = self._tally
        lines = ["# aelyst-contract fuzz", "", *self._run_lines(), ""]
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
            lines += self._status_lines(api, operations)
        lines += ["", "## Rate limits", "", *rate_limit_lines(self._run, self._tally)]
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
                    f"Phase {case.phase}, mode {case.mode or 'n/a'}"
                    + (f", shard {case.shard}" if case.shard else "")
                    + f", answered {case.response.status if case.response else 'nothing'}"
                    + f"{seen_on}.",
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

    def _cell(self, api: str, operation: str, check: str) -> str:
        verdict = self._tally.verdict(api, operation, check)
        cell = self._tally.cells.get((api, operation, check))
        if verdict == "fail" and cell is not None:
            return f"**FAIL** {cell.failed}/{cell.judged}"
        if verdict == "pass" and cell is not None:
            return f"pass {cell.judged}"
        return "n/a" if verdict == "n/a" else "*not exercised*"

    def close(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.write_text(self.markdown(), encoding="utf-8")
