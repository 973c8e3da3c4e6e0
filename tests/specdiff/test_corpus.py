"""The corpus: spec pairs, each a known change with its expected verdicts (expected.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aelyst_contract.specdiff import Finding, diff_specs, load_file, suggest_bump

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
    expected = _expected(name)

    findings = _diff(name)

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


def _diff(name: str, *, swapped: bool = False) -> list[Finding]:
    """The pair's findings; a pair may have extra files, which its external `$ref`s name."""
    old = load_file(CORPUS / name / "old.yaml")
    new = load_file(CORPUS / name / "new.yaml")
    if swapped:
        old, new = new, old
    return diff_specs(old.document, new.document, loaders=(old.loader, new.loader))


def _mirrored(*pairs: tuple[str, str]) -> dict[str, str]:
    return {**dict(pairs), **{reverse: kind for kind, reverse in pairs}}


# The kind each finding becomes when OLD and NEW trade places.
MIRROR_KIND = _mirrored(
    ("constraint-narrowed", "constraint-widened"),
    ("constraint-changed", "constraint-changed"),
    ("type-changed", "type-changed"),
    ("enum-value-added", "enum-value-removed"),
    ("enum-added", "enum-removed"),
    ("variant-added", "variant-removed"),
    ("media-type-added", "media-type-removed"),
    ("operation-added", "operation-removed"),
    ("property-added", "property-removed"),
    ("property-now-required", "property-now-optional"),
    ("parameter-added", "parameter-removed"),
    ("parameter-now-required", "parameter-now-optional"),
    ("request-body-added", "request-body-removed"),
    ("request-body-now-required", "request-body-now-optional"),
    ("response-status-added", "response-status-removed"),
    ("response-header-added", "response-header-removed"),
    ("response-header-now-required", "response-header-now-optional"),
    ("default-added", "default-removed"),
    ("default-changed", "default-changed"),
    ("security-changed", "security-changed"),
    ("server-url-changed", "server-url-changed"),
    ("path-parameter-renamed", "path-parameter-renamed"),
    ("parameter-serialization-changed", "parameter-serialization-changed"),
    ("operation-id-changed", "operation-id-changed"),
    ("operation-deprecated", "operation-undeprecated"),
    ("schema-renamed", "schema-renamed"),
    ("title-changed", "title-changed"),
    ("oneof-overlap-added", "oneof-overlap-removed"),
    ("media-type-changed", "media-type-changed"),
    ("webhook-added", "webhook-removed"),
    ("callback-added", "callback-removed"),
    ("property-access-changed", "property-access-changed"),
    ("parameter-became-array", "parameter-no-longer-array"),
    ("parameter-deprecated", "parameter-undeprecated"),
    ("schema-deprecated", "schema-undeprecated"),
    ("sunset-added", "sunset-removed"),
    ("sunset-changed", "sunset-changed"),
    ("discriminator-changed", "discriminator-changed"),
    ("discriminator-mapping-added", "discriminator-mapping-removed"),
    ("discriminator-mapping-changed", "discriminator-mapping-changed"),
    ("link-added", "link-removed"),
    ("link-changed", "link-changed"),
)
# Kinds whose verdicts follow from one narrowed/widened set of values (or, for auth and servers,
# from a relation checked both ways), so reversing the change trades the two verdicts exactly.
# Not, e.g., `property-added`: a required request field added breaks both sides, removed one.
VERDICTS_SWAP = frozenset(
    {
        "constraint-narrowed",
        "constraint-widened",
        "constraint-changed",
        "type-changed",
        "enum-value-added",
        "enum-value-removed",
        "enum-added",
        "enum-removed",
        "variant-added",
        "variant-removed",
        # Not media-type-added/-removed: in a response, content negotiation makes an added type
        # harmless to clients but a removed one break them (and servers).
        "oneof-overlap-added",
        "oneof-overlap-removed",
        "parameter-became-array",
        "parameter-no-longer-array",
        "discriminator-mapping-added",
        "discriminator-mapping-removed",
        "operation-added",
        "operation-removed",
        "property-now-required",
        "property-now-optional",
        "parameter-now-required",
        "parameter-now-optional",
        "request-body-now-required",
        "request-body-now-optional",
        "response-header-now-required",
        "response-header-now-optional",
        "security-changed",
        "server-url-changed",
    }
)
PAIRS_WITH_FINDINGS = [name for name in PAIRS if _expected(name)["findings"]]
PAIRS_WITH_SWAPPING_FINDINGS = [
    name
    for name in PAIRS
    if any(finding["kind"] in VERDICTS_SWAP for finding in _expected(name)["findings"])
]


def _both_ways(name: str) -> tuple[list[Finding], list[Finding]]:
    return _diff(name), _diff(name, swapped=True)


def test_the_verdict_swap_is_checked_on_most_pairs() -> None:
    # Guards the selection below: a pair dropping out of it must be a deliberate change.
    assert len(PAIRS_WITH_SWAPPING_FINDINGS) >= 12
    assert set(PAIRS) - set(PAIRS_WITH_FINDINGS) == {"identical"}


@pytest.mark.parametrize("name", PAIRS_WITH_FINDINGS)
def test_swapping_old_and_new_reports_the_mirror_change(name: str) -> None:
    """Reversing a change reports the reverse change of each finding: added becomes removed,
    narrowed becomes widened, a rename stays a rename, for the same operation."""
    forward, backward = _both_ways(name)
    forward_kinds = sorted(
        (f.operation, MIRROR_KIND[f.kind]) for f in forward if f.kind != "documentation-changed"
    )
    backward_kinds = sorted(
        (f.operation, f.kind) for f in backward if f.kind != "documentation-changed"
    )
    assert forward_kinds, f"{name}: expected.json lists findings, the diff found none"
    assert backward_kinds == forward_kinds


@pytest.mark.parametrize("name", PAIRS_WITH_SWAPPING_FINDINGS)
def test_swapping_old_and_new_swaps_who_breaks(name: str) -> None:
    """Reversing a change narrows what it widened: client and server verdicts trade places for
    every change of the values or requests allowed (the rules agree with their own direction
    logic)."""
    forward_all, backward_all = _both_ways(name)
    forward = {(f.operation, f.pointer): f for f in forward_all if f.kind in VERDICTS_SWAP}
    backward = {(f.operation, f.pointer): f for f in backward_all if f.kind in VERDICTS_SWAP}
    assert forward, f"{name}: expected.json lists such findings, the diff found none"
    assert forward.keys() == backward.keys()
    for key, finding in forward.items():
        assert backward[key].kind == MIRROR_KIND[finding.kind]
        assert (backward[key].client, backward[key].server) == (finding.server, finding.client)
