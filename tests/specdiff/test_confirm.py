"""Each static "breaking for clients" finding says what the property check made of it."""

from __future__ import annotations

from typing import Any

from aelyst_contract.specdiff import Finding, Verdict, confirm_findings
from aelyst_contract.specdiff._confirm import (
    CONFIRMED,
    CONFIRMED_AT_PLACE,
    NOT_CHECKED,
    NOT_REPRODUCED,
)

B, C = Verdict.BREAKING, Verdict.COMPATIBLE
OPERATION = "/paths/~1things/get"


def _finding(kind: str, pointer: str, client: Verdict = B, *, new: Any = None) -> Finding:
    return Finding(kind, "listThings", pointer, None, new, client, C, kind)


RESULT: dict[str, Any] = {
    "directions": [
        {
            "side": "clients",
            "counterexamples": [
                {
                    "operation": "listThings",
                    "what": "response 200",
                    "problem": "ValueError: 'deleted' is not a valid Status",
                }
            ],
            "covered": [["listThings", "response 200"], ["listThings", "request"]],
        },
        {"side": "servers", "counterexamples": [], "covered": []},
    ]
}


def test_findings_are_confirmed_not_reproduced_or_not_checked() -> None:
    body = f"{OPERATION}/responses/200/content/application~1json/schema/properties"
    findings = [
        _finding("enum-value-added", f"{body}/status/enum", new=["sent", "deleted"]),
        _finding("constraint-narrowed", f"{OPERATION}/parameters/0/schema/maximum"),
        _finding("security-changed", f"{OPERATION}/security"),
        _finding("response-header-removed", f"{OPERATION}/responses/200/headers/X-Rate"),
        _finding("property-added", f"{OPERATION}/requestBody/content/application~1json", C),
        # The same place, another cause: the check shows the place breaks, not this change.
        _finding("constraint-widened", f"{body}/note/maxLength"),
    ]

    annotated = confirm_findings(findings, RESULT)

    statuses = [f.evidence.get("property_check") for f in annotated]
    assert statuses == [
        CONFIRMED,
        NOT_REPRODUCED,
        NOT_CHECKED,
        NOT_CHECKED,
        None,
        CONFIRMED_AT_PLACE,
    ]
    assert "'deleted'" in annotated[0].evidence["counterexample"]
    assert annotated[0].message.endswith("[property check: confirmed]")
    assert annotated[0].as_json()["evidence"]["property_check"] == CONFIRMED
    assert annotated[4] == findings[4]  # not breaking for clients: left alone
