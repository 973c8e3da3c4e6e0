"""Turning findings into a human summary, JSON, a semver suggestion and a changelog entry."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from aelyst_contract._sarif import Level, SarifLog, YamlLocator, artifact_uri, package_version
from aelyst_contract.specdiff._model import Finding, Verdict

__all__ = [
    "Bump",
    "DiffReport",
    "FailOn",
    "Side",
    "changelog_entry",
    "is_failure",
    "render_text",
    "report_json",
    "report_sarif",
    "suggest_bump",
    "suggest_version",
    "version_sufficient",
]

Bump = Literal["major", "minor", "patch", "none"]
_COUNTEREXAMPLE = "property-counterexample"
_SHOWN_VALUE_CHARS = 300
FailOn = Literal["breaking", "any", "none"]
Side = Literal["clients", "servers", "either"]


@dataclass
class DiffReport:
    """The diff of one spec pair (plus the property check's result, when it ran)."""

    old_label: str
    new_label: str
    old_info: dict[str, Any]
    new_info: dict[str, Any]
    findings: list[Finding]
    property_check: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    # The spec files, when they are files (not versions at a git ref): where SARIF points.
    old_path: Path | None = None
    new_path: Path | None = None

    @property
    def client_breaking(self) -> list[Finding]:
        return [f for f in self.findings if f.client is Verdict.BREAKING]

    @property
    def server_breaking(self) -> list[Finding]:
        return [f for f in self.findings if f.server is Verdict.BREAKING]


def suggest_bump(findings: Iterable[Finding]) -> Bump:
    """For the generated client packages: major if a generated client breaks (or a regenerated
    one renames its API), minor for additions, patch for any other change, none if identical."""
    findings = list(findings)
    if any(f.client is Verdict.BREAKING or f.renames_generated_code for f in findings):
        return "major"
    if any(f.addition for f in findings):
        return "minor"
    return "patch" if findings else "none"


_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


def suggest_version(old_version: str | None, bump: Bump) -> str | None:
    match = _SEMVER.match(old_version or "")
    if not match:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return f"{major}.{minor}.{patch}"


def version_sufficient(old_version: str | None, new_version: str | None, bump: Bump) -> bool | None:
    """Whether NEW's info.version is at least the suggested one (None if either is not semver)."""
    suggested = suggest_version(old_version, bump)
    new_match = _SEMVER.match(new_version or "")
    if suggested is None or new_match is None:
        return None
    wanted = tuple(int(part) for part in suggested.split("."))
    return tuple(int(part) for part in new_match.groups()) >= wanted


def is_failure(report: DiffReport, fail_on: FailOn, side: Side = "clients") -> bool:
    if fail_on == "none":
        return False
    if fail_on == "any":
        return bool(report.findings)
    if side == "clients":
        return bool(report.client_breaking)
    if side == "servers":
        return bool(report.server_breaking)
    return bool(report.client_breaking or report.server_breaking)


def _version_line(report: DiffReport) -> str:
    bump = suggest_bump(report.findings)
    old_version = report.old_info.get("version")
    new_version = report.new_info.get("version")
    suggested = suggest_version(str(old_version) if old_version else None, bump)
    line = f"Suggested version bump for the generated packages: {bump}"
    if suggested and bump != "none":
        line += f" ({old_version} -> {suggested})"
        if new_version == old_version:
            line += f"; NEW's info.version is still {new_version}"
    return line


def _group(findings: list[Finding]) -> list[tuple[Finding, list[str]]]:
    """One line per change of a shared schema, naming every operation it reaches."""
    groups: dict[tuple[Any, ...], tuple[Finding, list[str]]] = {}
    for finding in findings:
        key = (
            finding.kind,
            finding.schema_pointer or finding.pointer,
            finding.client,
            finding.server,
            repr(finding.old),
            repr(finding.new),
            finding.message,
        )
        if key in groups:
            if finding.operation not in groups[key][1]:
                groups[key][1].append(finding.operation)
        else:
            groups[key] = (finding, [finding.operation])
    return list(groups.values())


def render_text(report: DiffReport) -> str:
    lines = [f"{report.old_label} -> {report.new_label}"]
    findings = report.findings
    if not findings:
        lines.append("No changes.")
    else:
        changes = _group(findings)
        lines.append(
            f"{len(changes)} change(s) ({len(findings)} finding(s) across operations): "
            f"{len(_group(report.client_breaking))} breaking for client users, "
            f"{len(_group(report.server_breaking))} breaking for server implementers."
        )
    lines.append(_version_line(report))
    sections: tuple[tuple[str, Callable[[Finding], bool]], ...] = (
        ("Breaking for client users", lambda f: f.client is Verdict.BREAKING),
        (
            "Breaking for server implementers only",
            lambda f: f.client is Verdict.COMPATIBLE and f.server is Verdict.BREAKING,
        ),
        (
            "Compatible for both",
            lambda f: f.client is Verdict.COMPATIBLE and f.server is Verdict.COMPATIBLE,
        ),
    )
    for title, wanted in sections:
        # Counterexamples are listed in the property check's own section below.
        chosen = [f for f in findings if wanted(f) and f.kind != _COUNTEREXAMPLE]
        if not chosen:
            continue
        lines.append("")
        lines.append(f"{title}:")
        for finding, operations in _group(chosen):
            lines.append(
                f"  - [{finding.kind}] {', '.join(operations)}: {finding.message} "
                f"(clients: {finding.client}, servers: {finding.server})"
            )
            lines.append(f"      at {finding.pointer}")
    lines.extend(f"Note: {note}" for note in report.notes)
    if report.property_check is not None:
        lines.append("")
        lines.extend(_property_lines(report.property_check))
    return "\n".join(lines) + "\n"


def _property_lines(result: dict[str, Any]) -> list[str]:
    lines = [f"Property check ({result.get('examples')} examples per schema):"]
    for direction in result.get("directions", []):
        counterexamples = direction.get("counterexamples", [])
        lines.append(
            f"  {direction['title']} ({direction['side']}): {direction['checked']} values "
            f"checked, {len(counterexamples)} counterexample(s), "
            f"{len(direction.get('pre_existing', []))} pre-existing failure(s)"
        )
        for example in counterexamples[:20]:
            lines.append(f"    - {example['operation']} {example['what']}: {example['problem']}")
            shown = repr(example["value"])
            if len(shown) > _SHOWN_VALUE_CHARS:
                shown = shown[:_SHOWN_VALUE_CHARS] + "..."
            lines.append(f"        value: {shown}")
        if len(counterexamples) > 20:
            lines.append(f"    ... and {len(counterexamples) - 20} more (see --format json)")
        for example in direction.get("pre_existing", []):
            lines.append(
                f"    - pre-existing (the client fails on its own spec too): "
                f"{example['operation']} {example['what']}: {example['problem']}"
            )
        lines.extend(f"    note: {note}" for note in direction.get("notes", []))
    lines.extend(f"  note: {note}" for note in result.get("notes", []))
    return lines


def changelog_entry(report: DiffReport) -> str:
    """A Markdown changelog entry for the generated client packages."""
    bump = suggest_bump(report.findings)
    title = report.new_info.get("title") or report.new_label
    old_version = report.old_info.get("version")
    version = suggest_version(str(old_version) if old_version else None, bump) or "unreleased"
    lines = [f"## {title} client {version}", ""]
    if not report.findings:
        lines.append("No API changes.")
        return "\n".join(lines) + "\n"
    sections: tuple[tuple[str, Callable[[Finding], bool]], ...] = (
        ("Breaking changes", lambda f: f.client is Verdict.BREAKING or f.renames_generated_code),
        ("Added", lambda f: f.client is Verdict.COMPATIBLE and f.addition),
        (
            "Changed",
            lambda f: (
                f.client is Verdict.COMPATIBLE and not f.addition and not f.renames_generated_code
            ),
        ),
    )
    counterexamples = sum(1 for f in report.findings if f.kind == _COUNTEREXAMPLE)
    for heading, wanted in sections:
        chosen = [f for f in report.findings if wanted(f) and f.kind != _COUNTEREXAMPLE]
        if not chosen and not (heading == "Breaking changes" and counterexamples):
            continue
        lines.append(f"### {heading}")
        lines.append("")
        for finding, operations in _group(chosen):
            names = ", ".join(f"`{op}`" for op in operations)
            lines.append(f"- {names}: {finding.message}.")
        if heading == "Breaking changes" and counterexamples:
            lines.append(
                f"- The property check found {counterexamples} counterexample(s): values one "
                "version allows that a client generated from the other cannot handle."
            )
        lines.append("")
    return "\n".join(lines)


def report_json(report: DiffReport) -> dict[str, Any]:
    bump = suggest_bump(report.findings)
    old_version = report.old_info.get("version")
    return {
        "old": report.old_label,
        "new": report.new_label,
        "summary": {
            "changes": len(report.findings),
            "breaking_for_clients": len(report.client_breaking),
            "breaking_for_servers": len(report.server_breaking),
        },
        "semver_bump": bump,
        "suggested_version": suggest_version(str(old_version) if old_version else None, bump),
        "new_version": report.new_info.get("version"),
        "new_version_sufficient": version_sufficient(
            str(old_version) if old_version else None,
            str(report.new_info.get("version") or ""),
            bump,
        ),
        "findings": [f.as_json() for f in report.findings],
        "property_check": report.property_check,
        "notes": report.notes,
        "changelog": changelog_entry(report),
    }


def _diff_rules() -> list[tuple[str, str]]:
    """(name, description) of every registered diff rule."""
    # Imported here: the rules import this module's siblings, not the other way round.
    from aelyst_contract.specdiff._operations import (  # noqa: PLC0415
        DOCUMENT_RULES,
        OPERATION_RULES,
        RESPONSE_RULES,
    )
    from aelyst_contract.specdiff._schemas import SCHEMA_RULES  # noqa: PLC0415

    return [
        (entry.name, " ".join(entry.description.split()))
        for registry in (DOCUMENT_RULES, OPERATION_RULES, RESPONSE_RULES, SCHEMA_RULES)
        for entry in registry
    ]


def _level(finding: Finding, side: Side) -> Level:
    """error: breaking for the side the gate protects; warning: breaking for the other side;
    note: compatible for both."""
    client, server = finding.client is Verdict.BREAKING, finding.server is Verdict.BREAKING
    chosen = {"clients": client, "servers": server, "either": client or server}[side]
    if chosen:
        return "error"
    return "warning" if client or server else "note"


def _location(
    report: DiffReport, finding: Finding, locator: YamlLocator
) -> tuple[Path | None, int | None]:
    """(file, line) of a finding: where NEW has it; where OLD had it when NEW has not (a removal);
    else the nearest thing NEW still has on the way there."""
    pointers = [p for p in (finding.schema_pointer, finding.pointer) if p]
    for path in (report.new_path, report.old_path):
        if path is None:
            continue
        for pointer in pointers:
            line = locator.line_of(path, pointer, follow_refs=True)
            if line is not None:
                return path, line
    path = report.new_path or report.old_path
    if path is None or not pointers:
        return path, None
    return path, locator.line_of(path, pointers[-1], follow_refs=True, nearest=True)


def report_sarif(
    reports: Iterable[DiffReport], side: Side, *, root: Path | None = None
) -> SarifLog:
    """The findings as SARIF 2.1.0: ruleId = the finding's kind, its level by `side` (see
    `_level`), located in the NEW spec (the OLD one for a removal). The driver's rules are every
    registered diff rule, then each finding kind reported."""
    log = SarifLog(tool_name="aelyst-contract diff", tool_version=package_version())
    for name, description in _diff_rules():
        log.add_rule(name, description)
    locator = YamlLocator()
    for report in reports:
        for finding in report.findings:
            log.add_rule(finding.kind, f"A spec change of kind {finding.kind}.")
            path, line = _location(report, finding, locator)
            log.add_result(
                finding.kind,
                f"{finding.operation}: {finding.message} "
                f"(clients: {finding.client}, servers: {finding.server})",
                level=_level(finding, side),
                uri=artifact_uri(path, root) if path is not None else None,
                line=line,
                properties={
                    "operation": finding.operation,
                    "pointer": finding.pointer,
                    "client": finding.client.value,
                    "server": finding.server.value,
                    "old": report.old_label,
                    "new": report.new_label,
                },
            )
    return log
