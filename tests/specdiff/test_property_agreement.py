"""Deeper (off by default, ~10 s per pair): the property check never finds a break the rules miss.

Run with `SPECDIFF_PROPERTY_CORPUS=1 uv run pytest tests/specdiff/test_property_agreement.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aelyst_contract.specdiff import Verdict, check_property, diff_specs, load_file

CORPUS = Path(__file__).parent / "corpus"
PAIRS = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())

pytestmark = pytest.mark.skipif(
    not os.environ.get("SPECDIFF_PROPERTY_CORPUS"),
    reason="slow: generates two clients per pair; set SPECDIFF_PROPERTY_CORPUS=1",
)


@pytest.mark.parametrize("name", PAIRS)
def test_rules_cover_every_property_counterexample(name: str) -> None:
    old = load_file(CORPUS / name / "old.yaml").document
    new = load_file(CORPUS / name / "new.yaml").document
    findings = diff_specs(old, new)
    result = check_property(old, new, examples=8, seed=0)
    sides = {d["side"]: d for d in result["directions"]}

    if sides["clients"]["counterexamples"]:
        assert any(f.client is Verdict.BREAKING for f in findings)
    if sides["servers"]["counterexamples"]:
        assert any(f.server is Verdict.BREAKING for f in findings)
    # The corpus specs are clean: a client never fails on its own spec.
    assert sides["clients"]["pre_existing"] == sides["servers"]["pre_existing"] == []
