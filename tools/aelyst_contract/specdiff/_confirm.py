"""Static findings checked against the property check's evidence, one by one.

A "breaking for clients" finding is *confirmed* when the property check (client generated from
OLD, server speaking NEW) has a counterexample at the same operation and place (the request, or
the response status the finding's pointer names); *not reproduced* when that place got generated
values and none failed (property testing cannot prove a value does not exist, so this is weaker
than "refuted"); *not checked* when the check did not reach it (document-level findings, auth,
servers, headers, media types it does not generate, skipped operations).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from aelyst_contract.specdiff._model import Finding, Verdict

__all__ = ["CONFIRMED", "NOT_CHECKED", "NOT_REPRODUCED", "confirm_findings", "finding_place"]

CONFIRMED, NOT_REPRODUCED, NOT_CHECKED = "confirmed", "not reproduced", "not checked"
_RESPONSE = re.compile(r"/responses/([1-5][0-9][0-9])(/|$)")
# Places the property check generates values for: JSON bodies and parameters.
_REQUEST = re.compile(r"/(requestBody/content/application~1json|parameters)(/|$)")
_RESPONSE_BODY = re.compile(r"/responses/[0-9]{3}/content/application~1json(/|$)")


def finding_place(finding: Finding) -> str | None:
    """`request` or `response NNN` for a finding the property check can speak to, else None."""
    if finding.kind in ("response-status-added", "response-status-removed"):
        match = _RESPONSE.search(finding.pointer)
        return f"response {match.group(1)}" if match else None
    if _RESPONSE_BODY.search(finding.pointer):
        match = _RESPONSE.search(finding.pointer)
        return f"response {match.group(1)}" if match else None
    if "/responses/" not in finding.pointer and _REQUEST.search(finding.pointer):
        return "request"
    return None


def confirm_findings(findings: list[Finding], result: dict[str, Any]) -> list[Finding]:
    """Each "breaking for clients" finding with `evidence.property_check` set (and the message
    saying it); the others unchanged."""
    clients = next((d for d in result.get("directions", []) if d["side"] == "clients"), None)
    if clients is None:
        return findings
    covered = {tuple(pair) for pair in clients.get("covered", [])}
    annotated = []
    for finding in findings:
        if finding.client is not Verdict.BREAKING or finding.kind == "property-counterexample":
            annotated.append(finding)
            continue
        place = finding_place(finding)
        example = next(
            (
                c
                for c in clients["counterexamples"]
                if place is not None and c["operation"] == finding.operation and c["what"] == place
            ),
            None,
        )
        if example is not None:
            status, evidence = CONFIRMED, {"counterexample": example["problem"]}
        elif place is not None and (finding.operation, place) in covered:
            status, evidence = NOT_REPRODUCED, {}
        else:
            status, evidence = NOT_CHECKED, {}
        annotated.append(
            replace(
                finding,
                message=f"{finding.message} [property check: {status}]",
                evidence={**finding.evidence, "property_check": status, **evidence},
            )
        )
    return annotated
