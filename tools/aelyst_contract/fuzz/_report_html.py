"""report.html: one self-contained page (inline CSS, no scripts, no network) with the run's
metadata and rerun command, an operation x check heatmap, documented against observed statuses per
operation, and every failure expandable to its request, response, curl line and replay command.

Bodies and headers come from the target (attacker-controlled on a hostile server): the template
autoescapes everything.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import jinja2

from aelyst_contract.fuzz._events import (
    RunStarted,
)
from aelyst_contract.fuzz._report_facts import (
    iso_utc,
    operation_statuses,
    rate_limit_lines,
    replay_command,
    rerun_command,
)
from aelyst_contract.fuzz._reporters import WholeRunReport
from aelyst_contract.fuzz._tally import documented_statuses

__all__ = ["HtmlReporter", "html_text", "readable_body"]

_CSS_CLASS = {"pass": "pass", "fail": "fail", "n/a": "na", "not exercised": "notex"}


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("aelyst_contract.fuzz", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=html_text,
    )
    environment.filters["readable_body"] = readable_body
    return environment


def readable_body(body: str) -> str:
    """A JSON body indented for reading; anything else exactly as it came."""
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def _is_html_text(char: str) -> bool:
    """HTML5 forbids controls (but tab and line ends), surrogates and noncharacters in a page."""
    code = ord(char)
    if code < 0x20:
        return char in "\t\n\r"
    return not (
        0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def html_text(value: Any) -> Any:
    """Every value the template prints: a character a page may not hold (a server may send any)
    is shown as its escape, so the report stays valid HTML and says what was there."""
    if not isinstance(value, str) or all(map(_is_html_text, value)):
        return value
    return "".join(c if _is_html_text(c) else f"\\u{{{ord(c):04x}}}" for c in value)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "unfinished"
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)} min {rest:.1f} s" if minutes else f"{rest:.1f} s"


class HtmlReporter(WholeRunReport):
    """report.html, written when the run is over."""

    def _apis(self) -> list[dict[str, Any]]:
        tally = self._tally
        found = []
        for api in sorted({a for (a, _, _) in tally.cells} | {a for (a, _) in tally.plan}):
            operations = tally.operations(api)
            rows = []
            for check in tally.checks(api):
                cells = []
                for operation in operations:
                    verdict = tally.verdict(api, operation, check)
                    cell = tally.cells.get((api, operation, check))
                    text, title, anchor = verdict, "", ""
                    if verdict == "fail" and cell is not None:
                        text = f"FAIL {cell.failed}/{cell.judged}"
                        title = f"{cell.failed} of {cell.judged} responses failed {check}"
                        anchor = _anchor(api, operation, check, 0)
                    elif verdict == "pass" and cell is not None:
                        text = f"pass {cell.judged}"
                        title = f"{cell.judged} responses judged, none failed"
                    elif verdict == "n/a":
                        title = "the check does not concern this operation"
                    else:
                        title = tally.why_not_exercised(api, operation, check)
                    cells.append(
                        {
                            "verdict": verdict,
                            "css": _CSS_CLASS[verdict],
                            "text": text,
                            "title": f"{check} on {operation}: {title}",
                            "anchor": anchor,
                        }
                    )
                rows.append({"check": check, "cells": cells})
            found.append(
                {
                    "name": api,
                    "rows": rows,
                    "operations": [
                        {
                            "label": operation,
                            "documented": documented_statuses(api, operation),
                            "statuses": (seen := operation_statuses(tally, api, operation)),
                            "responses": sum(s.count for s in seen),
                            "other_methods": sorted(
                                tally.other_method_statuses.get((api, operation), {}).items()
                            ),
                        }
                        for operation in operations
                    ],
                }
            )
        return found

    def _failure_groups(self) -> list[dict[str, Any]]:
        groups = []
        for (api, operation, check), cell in sorted(self._tally.cells.items()):
            for index, group in enumerate(cell.groups.values()):
                case, outcome = group.first
                message = (outcome.message or outcome.title).strip()
                groups.append(
                    {
                        "anchor": _anchor(api, operation, check, index),
                        "api": api,
                        "operation": operation,
                        "check": check,
                        "count": group.count,
                        "headline": (message.splitlines() or [""])[0][:300],
                        "message": message,
                        "phase": case.phase,
                        "mode": case.mode,
                        "shard": case.shard,
                        "probe": outcome.probe,
                        "request": case.request,
                        "response": case.response,
                        "curl": outcome.curl,
                        "replay": replay_command(self._run, self._report_dir, outcome.replay_id),
                        "others": [o.replay_id for o in group.others],
                        "more": group.count - 1 - len(group.others),
                    }
                )
        return groups

    def _not_exercised(self) -> list[dict[str, str]]:
        tally = self._tally
        return [
            {"api": api, "operation": op, "check": check, "reason": reason}
            for api in sorted({a for (a, _) in tally.plan} | {a for (a, _, _) in tally.cells})
            for op in tally.operations(api)
            for check in tally.checks(api)
            if tally.verdict(api, op, check) == "not exercised"
            for reason in [tally.why_not_exercised(api, op, check)]
        ]

    def html(self) -> str:
        run, finished = self._run, self._finished
        groups = self._failure_groups()
        failing = finished.failures if finished else sum(g["count"] for g in groups)
        failed = bool(groups or self._tally.problems or (finished and finished.failures))
        context = {
            "run": run or RunStarted(apis=(), target="unknown", seed=0, budget="unknown"),
            "verdict": "failed" if failed else "passed",
            "cases": finished.cases if finished else sum(self._tally.cases.values()),
            "failing_cases": failing,
            "started": iso_utc(run.started_at) if run and run.started_at else "unknown",
            "duration": _duration(finished.elapsed_s if finished else None),
            "rerun": rerun_command(run, self._report_dir, self._faults),
            "apis": self._apis(),
            "rate_limits": [
                line.removeprefix("- ") for line in rate_limit_lines(run, self._tally, "")
            ],
            "not_exercised": self._not_exercised(),
            "failure_groups": groups,
            "problems": self._tally.problems,
        }
        return _environment().get_template("report.html.jinja").render(context)

    def close(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._path.write_text(self.html(), encoding="utf-8")


def _anchor(api: str, operation: str, check: str, index: int) -> str:
    """A stable, HTML-id-safe, unique name for one failure group."""
    key = f"{api} {operation} {check}"
    cleaned = "".join(c if c.isalnum() else "-" for c in key)
    digest = hashlib.sha256(key.encode()).hexdigest()[:8]
    return f"failure-{cleaned}-{digest}-{index}"
