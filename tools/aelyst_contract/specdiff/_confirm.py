"""Static findings checked against the property check's evidence, one by one.

A "breaking for clients" finding is *confirmed* when the property check (client generated from
OLD, server speaking NEW) has a counterexample at the same operation and place (the request, or
the response status the finding's pointer names) whose failure names what the finding changed (a
field, keyword or value); *confirmed at this place* when the only counterexamples there fail for
something else (several findings share a place: the check shows the place breaks, not which
change did it); *not reproduced* when that place got generated
values and none failed (property testing cannot prove a value does not exist, so this is weaker
than "refuted"); *not checked* when the check did not reach it (document-level findings, auth,
servers, headers, media types it does not generate, skipped operations).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from aelyst_contract.specdiff._model import Finding, Verdict

__all__ = [
    "CONFIRMED",
    "CONFIRMED_AT_PLACE",
    "NOT_CHECKED",
    "NOT_REPRODUCED",
    "confirm_findings",
    "finding_place",
]

CONFIRMED, NOT_REPRODUCED, NOT_CHECKED = "confirmed", "not reproduced", "not checked"
CONFIRMED_AT_PLACE = "confirmed at this place"
# Pointer tokens that say where, not what changed.
_STRUCTURE = {"properties", "items", "prefixItems", "oneOf", "anyOf", "allOf", "schema", "content"}
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
        examples = [
            c
            for c in clients["counterexamples"]
            if place is not None and c["operation"] == finding.operation and c["what"] == place
        ]
        hints = _hints(finding)
        named = [c for c in examples if any(h in c["problem"] for h in hints)]
        if named:
            status, evidence = CONFIRMED, {"counterexample": named[0]["problem"]}
        elif examples:
            status, evidence = CONFIRMED_AT_PLACE, {"counterexample": examples[0]["problem"]}
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


def _hints(finding: Finding) -> set[str]:
    """Words a failure caused by this finding would mention: the changed field or keyword (the
    last pointer tokens that are names) and the values added or removed."""
    tokens = [t for t in finding.pointer.split("/") if t and not t.isdigit()]
    names = [t for t in tokens if t not in _STRUCTURE][-2:]
    hints = {n for n in names if len(n) > 2 and "~" not in n}
    hints.update(re.findall(r"field ('[^']+')", finding.message))  # `required` names a field
    for side in (finding.old, finding.new):
        values = side if isinstance(side, list) else [side]
        hints.update(repr(v) for v in values if isinstance(v, str | int) and v not in (0, 1))
        hints.update(v for v in values if isinstance(v, str) and len(v) > 2)
    return hints
