"""Deeper (off by default, ~10 s per pair): the property check never finds a break the rules miss.

Marked `slow`: `nox -s tests` runs it; alone:
`uv run pytest -m slow tests/specdiff/test_property_agreement.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aelyst_contract.specdiff import (
    Finding,
    Verdict,
    check_property,
    confirm_findings,
    diff_specs,
    load_file,
    parse_policy,
)
from aelyst_contract.specdiff._confirm import CONFIRMED, finding_place

CORPUS = Path(__file__).parent / "corpus"
PAIRS = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())

pytestmark = pytest.mark.slow  # generates two clients per pair


@pytest.mark.parametrize("name", PAIRS)
def test_rules_cover_every_property_counterexample(name: str) -> None:
    old_source = load_file(CORPUS / name / "old.yaml")
    new_source = load_file(CORPUS / name / "new.yaml")
    old, new = old_source.document, new_source.document
    loaders = (old_source.loader, new_source.loader)
    # openapi-core validates `required` on readOnly properties in requests too (JSON Schema
    # 2020-12's reading, not OpenAPI's): compare with the policy that matches the validator.
    policy = parse_policy(["read-only-required=breaking"])
    findings = diff_specs(old, new, loaders=loaders, policy=policy)
    result = check_property(old, new, examples=8, seed=0, loaders=loaders)
    sides = {d["side"]: d for d in result["directions"]}

    if sides["clients"]["counterexamples"]:
        assert any(f.client is Verdict.BREAKING for f in findings)
    if sides["servers"]["counterexamples"]:
        assert any(f.server is Verdict.BREAKING for f in findings)
    # The corpus specs are clean: a client never fails on its own spec.
    assert sides["clients"]["pre_existing"] == sides["servers"]["pre_existing"] == []


@pytest.mark.parametrize(
    ("name", "operation", "place"),
    [
        # OLD's client sends a body both new variants match: openapi-core refuses it.
        ("request-oneof-overlapping-variants", "sendMessage", "request"),
        # OLD's client cannot decode the new enum value behind an unchanged `$ref`.
        ("additional-properties-ref-target-changed", "getMessage", "response 200"),
    ],
)
def test_the_property_check_confirms_static_client_breaks(
    name: str, operation: str, place: str
) -> None:
    old_source = load_file(CORPUS / name / "old.yaml")
    new_source = load_file(CORPUS / name / "new.yaml")
    old, new = old_source.document, new_source.document
    result = check_property(old, new, examples=15, seed=0)
    findings = confirm_findings(diff_specs(old, new), result)

    breaking = [f for f in findings if f.client is Verdict.BREAKING]
    assert breaking
    assert all("[property check: " in f.message for f in breaking)
    (confirmed,) = [f for f in breaking if f.operation == operation and place in _place(f)]
    assert confirmed.evidence["property_check"] == CONFIRMED
    assert confirmed.evidence["counterexample"]


def _place(finding: Finding) -> str:
    return finding_place(finding) or ""
