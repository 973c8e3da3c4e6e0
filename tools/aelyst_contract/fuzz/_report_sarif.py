"""fuzz.sarif: each failing (API, operation, check) as a SARIF result at the line of the spec
where the operation is defined, for code scanning and editors."""

from __future__ import annotations

from pathlib import Path

from aelyst_contract._resources import CHECKOUT_ROOT
from aelyst_contract._sarif import SarifLog, YamlLocator, artifact_uri
from aelyst_contract.fuzz._events import FuzzEvent, RunStarted
from aelyst_contract.fuzz._registry import BUILTIN_CHECKS, PROJECT_CHECKS
from aelyst_contract.fuzz._report_facts import replay_command
from aelyst_contract.fuzz._tally import Tally
from aelyst_contract.openapi import join_pointer

__all__ = ["SarifReporter", "check_description"]


def check_description(check: str) -> str:
    """The first line of a project check's docstring; built-in checks are schemathesis'."""
    doc = PROJECT_CHECKS[check].description if check in PROJECT_CHECKS else ""
    if doc.strip():
        return doc.strip().splitlines()[0]
    if check in BUILTIN_CHECKS:
        return f"schemathesis' built-in check {check}"
    return check


class SarifReporter:
    def __init__(
        self, path: Path, report_dir: Path | None = None, root: Path | None = CHECKOUT_ROOT
    ) -> None:
        self._path = path
        self._report_dir = report_dir or path.parent
        self._root = root
        self._tally = Tally()
        self._run: RunStarted | None = None

    def handle(self, event: FuzzEvent) -> None:
        self._tally.handle(event)
        if isinstance(event, RunStarted):
            self._run = event

    def log(self) -> SarifLog:
        run = self._run
        log = SarifLog(
            tool_name="aelyst-contract fuzz",
            tool_version=run.tool_version if run and run.tool_version else "0",
        )
        if run is not None:
            log.properties = {"seed": run.seed, "target": run.target, "budget": run.budget}
        specs: dict[str, Path] = {spec.api: Path(spec.path) for spec in run.specs} if run else {}
        locator = YamlLocator()
        for (api, operation, check), cell in sorted(self._tally.cells.items()):
            if not cell.failed:
                continue
            log.add_rule(check, check_description(check))
            case, outcome = next(iter(cell.groups.values())).first
            first = (outcome.message or outcome.title).strip().splitlines()
            uri = line = None
            spec = specs.get(api)
            if spec is not None:
                method, _, template = operation.partition(" ")
                uri = artifact_uri(spec, self._root)
                line = locator.line_of(spec, join_pointer("", "paths", template, method.lower()))
            log.add_result(
                check,
                f"{check} failed on {cell.failed} of {cell.judged} responses of {api}"
                f" {operation}: {first[0] if first else ''}",
                uri=uri,
                line=line,
                properties={
                    "api": api,
                    "operation": operation,
                    "failures": cell.failed,
                    "judged": cell.judged,
                    "curl": outcome.curl,
                    "replay": replay_command(run, self._report_dir, outcome.replay_id),
                    "phase": case.phase,
                    **({"shard": case.shard} if case.shard else {}),
                },
            )
        return log

    def close(self) -> None:
        self.log().write(self._path)
