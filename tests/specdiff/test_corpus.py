"""The corpus: spec pairs, each a known change with its expected verdicts (expected.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aelyst_contract.specdiff import diff_specs, load_file, suggest_bump

CORPUS = Path(__file__).parent / "corpus"
PAIRS = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / name / "expected.json").read_text("utf-8"))
    return data


def test_the_corpus_covers_the_issue_s_classes() -> None:
    required = {
        "narrowed-maximum",
        "response-enum-value-added",
        "removed-operation",
        "new-required-request-field",
        "added-optional-request-field",
        "type-change",
        "removed-request-enum-value",
        "changed-auth",
        "changed-default",
        "added-response-field",
        "identical",
    }
    assert required <= set(PAIRS)


@pytest.mark.parametrize("name", PAIRS)
def test_pair_gives_exactly_the_expected_findings(name: str) -> None:
    old = load_file(CORPUS / name / "old.yaml").document
    new = load_file(CORPUS / name / "new.yaml").document
    expected = _expected(name)

    findings = diff_specs(old, new)

    # Documentation-only findings are not part of a pair's verdict.
    got = sorted(
        (f.kind, f.operation, f.pointer, f.client.value, f.server.value)
        for f in findings
        if f.kind != "documentation-changed"
    )
    want = sorted(
        (e["kind"], e["operation"], e["pointer"], e["client"], e["server"])
        for e in expected["findings"]
    )
    assert got == want
    assert suggest_bump(findings) == expected["semver_bump"]


@pytest.mark.parametrize("name", PAIRS)
def test_swapping_old_and_new_swaps_who_breaks(name: str) -> None:
    """Reversing a change narrows what it widened: client and server verdicts trade places for
    every pure constraint change (the rules agree with their own direction logic)."""
    old = load_file(CORPUS / name / "old.yaml").document
    new = load_file(CORPUS / name / "new.yaml").document
    forward = {
        (f.operation, f.pointer): f
        for f in diff_specs(old, new)
        if f.kind.startswith(("constraint-", "enum-value-"))
    }
    backward = {
        (f.operation, f.pointer): f
        for f in diff_specs(new, old)
        if f.kind.startswith(("constraint-", "enum-value-"))
    }
    assert forward.keys() == backward.keys()
    for key, finding in forward.items():
        assert (backward[key].client, backward[key].server) == (finding.server, finding.client)
