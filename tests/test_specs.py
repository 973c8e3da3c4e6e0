"""aelyst_contract._specs: where the specs live and the small helpers every spec reader shares."""

from __future__ import annotations

from aelyst_contract._specs import load_spec
from aelyst_contract.openapi import HTTP_METHODS


def test_every_curated_operation_uses_a_known_method() -> None:
    for name in ("contact", "channel"):
        for item in load_spec(name)["paths"].values():
            methods = {key for key in item if key not in ("parameters", "summary", "description")}
            assert methods <= set(HTTP_METHODS)
