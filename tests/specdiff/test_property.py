"""The property check: a client generated from one version against a server of the other."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from aelyst_contract.specdiff import Verdict, check_property, load_file, property_findings

CORPUS = Path(__file__).parent / "corpus"


def _direction(result: dict[str, Any], side: str) -> dict[str, Any]:
    directions: list[dict[str, Any]] = result["directions"]
    (direction,) = (d for d in directions if d["side"] == side)
    return direction


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    """OLD = the corpus base; NEW = a new response enum value *and* `limit` maximum 50 -> 20."""
    old = load_file(CORPUS / "response-enum-value-added" / "old.yaml").document
    new = copy.deepcopy(load_file(CORPUS / "response-enum-value-added" / "new.yaml").document)
    limit = new["paths"]["/contact/{identifier}/message/list"]["get"]["parameters"][0]
    limit["schema"]["maximum"] = 20
    result: dict[str, Any] = check_property(old, new, examples=15, seed=0)
    return result


def test_old_client_cannot_parse_a_response_with_the_new_enum_value(
    result: dict[str, Any],
) -> None:
    clients = _direction(result, "clients")
    enum_failures = [
        c
        for c in clients["counterexamples"]
        if c["what"] == "response 200"
        and "'deleted' is not a valid MessageStatusValue" in c["problem"]
    ]
    assert {c["operation"] for c in enum_failures} == {"getMessage", "listMessages"}
    # The counterexample is a real NEW response: the new value is in it.
    assert all("'deleted'" in repr(c["value"]) for c in enum_failures)


def test_old_client_builds_requests_the_new_spec_rejects(result: dict[str, Any]) -> None:
    clients = _direction(result, "clients")
    (request_failure,) = [c for c in clients["counterexamples"] if c["what"] == "request"]
    assert request_failure["operation"] == "listMessages"
    assert "greater than the maximum of 20" in request_failure["problem"]
    limit = int(request_failure["value"]["url"].rsplit("limit=", 1)[1])
    assert 20 < limit <= 50


def test_the_reverse_direction_finds_nothing_for_these_changes(result: dict[str, Any]) -> None:
    # A client generated from NEW parses every OLD response and OLD accepts its requests.
    servers = _direction(result, "servers")
    assert servers["counterexamples"] == []
    assert servers["checked"] > 0
    assert servers["pre_existing"] == []


def test_counterexamples_become_client_breaking_findings(result: dict[str, Any]) -> None:
    findings = property_findings(result)
    assert findings
    assert {f.kind for f in findings} == {"property-counterexample"}
    assert all(f.client is Verdict.BREAKING and f.server is Verdict.COMPATIBLE for f in findings)
