"""Reports: the semver suggestion, the changelog entry, the text summary and JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aelyst_contract.specdiff import (
    DiffReport,
    Finding,
    Verdict,
    changelog_entry,
    property_findings,
    render_text,
    report_json,
    suggest_bump,
    suggest_version,
    version_sufficient,
)

B, C = Verdict.BREAKING, Verdict.COMPATIBLE


def _finding(kind: str, client: Verdict, server: Verdict, **extra: Any) -> Finding:
    return Finding(kind, "op", "/p", None, None, client, server, f"{kind} happened", **extra)


@pytest.mark.parametrize(
    ("findings", "bump"),
    [
        ([], "none"),
        ([_finding("documentation-changed", C, C)], "patch"),
        ([_finding("enum-value-removed", C, B)], "patch"),
        ([_finding("property-added", C, C, addition=True)], "minor"),
        ([_finding("operation-added", C, B, addition=True)], "minor"),
        ([_finding("operation-id-changed", C, C, renames_generated_code=True)], "major"),
        ([_finding("property-added", C, C, addition=True), _finding("x", B, C)], "major"),
    ],
)
def test_semver_bump(findings: list[Finding], bump: str) -> None:
    assert suggest_bump(findings) == bump


@pytest.mark.parametrize(
    ("old", "bump", "new"),
    [("1.2.3", "major", "2.0.0"), ("1.2.3", "minor", "1.3.0"), ("1.2.3", "patch", "1.2.4")],
)
def test_suggested_version(old: str, bump: Any, new: str) -> None:
    assert suggest_version(old, bump) == new


def test_unparseable_version_gives_no_suggestion() -> None:
    assert suggest_version("v-next", "major") is None


PROPERTY_RESULT: dict[str, Any] = {
    "examples": 5,
    "seed": 0,
    "notes": [],
    "directions": [
        {
            "side": "clients",
            "title": "client generated from OLD, server speaking NEW",
            "checked": 10,
            "counterexamples": [
                {
                    "operation": "getMessage",
                    "what": "response 200",
                    "pointer": "/paths/~1m/get/responses/200",
                    "value": {"status": "x" * 1000},
                    "problem": "ValueError: 'x' is not a valid Status",
                }
            ],
            "pre_existing": [
                {
                    "operation": "getMessage",
                    "what": "response 449",
                    "pointer": "/paths/~1m/get/responses/449",
                    "value": {},
                    "problem": "ValueError: 449 is not a valid HTTPStatus",
                }
            ],
            "notes": [],
        },
        {
            "side": "servers",
            "title": "client generated from NEW, server still speaking OLD",
            "checked": 10,
            "counterexamples": [],
            "pre_existing": [],
            "notes": [],
        },
    ],
}


def _report(findings: list[Finding], property_check: dict[str, Any] | None = None) -> DiffReport:
    return DiffReport(
        "old.yaml",
        "new.yaml",
        {"title": "Mini", "version": "1.4.0"},
        {"title": "Mini", "version": "1.4.0"},
        findings,
        property_check,
    )


def test_property_counterexamples_fail_the_gate_and_are_shown_once() -> None:
    findings = property_findings(PROPERTY_RESULT)
    assert [(f.kind, f.client, f.server) for f in findings] == [("property-counterexample", B, C)]
    report = _report(findings, PROPERTY_RESULT)
    text = render_text(report)
    assert "Suggested version bump for the generated packages: major (1.4.0 -> 2.0.0)" in text
    assert text.count("is not a valid Status") == 1  # in the property section, not twice
    assert "1 counterexample(s), 1 pre-existing failure(s)" in text
    assert "pre-existing (the client fails on its own spec too)" in text
    assert "x" * 400 not in text  # long values are cut
    changelog = changelog_entry(report)
    assert changelog.startswith("## Mini client 2.0.0")
    assert "The property check found 1 counterexample(s)" in changelog


def test_json_report_round_trips_and_groups_nothing_away() -> None:
    findings = [_finding("enum-value-added", B, C, addition=True), _finding("y", C, C)]
    document = json.loads(json.dumps(report_json(_report(findings))))
    assert document["summary"] == {
        "changes": 2,
        "breaking_for_clients": 1,
        "breaking_for_servers": 0,
    }
    assert [f["kind"] for f in document["findings"]] == ["enum-value-added", "y"]
    assert document["findings"][0]["client"] == "breaking"
    assert document["semver_bump"] == "major"
    assert document["suggested_version"] == "2.0.0"
    assert document["new_version"] == "1.4.0"
    assert document["new_version_sufficient"] is False


def test_text_summary_names_the_version_that_was_not_bumped() -> None:
    text = render_text(_report([_finding("x", B, C)]))
    assert "NEW's info.version is still 1.4.0" in text


@pytest.mark.parametrize(
    ("new", "bump", "sufficient"),
    [
        ("2.0.0", "major", True),
        ("1.9.0", "major", False),
        ("1.5.0", "minor", True),
        ("1.4.0", "patch", False),
        ("1.4.0", "none", True),
        ("next", "major", None),
    ],
)
def test_version_sufficient(new: str, bump: Any, sufficient: bool | None) -> None:
    assert version_sufficient("1.4.0", new, bump) is sufficient
