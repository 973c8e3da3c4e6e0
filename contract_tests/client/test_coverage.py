"""Every documented (operation, status) pair of both specs has a response case that can run."""

from __future__ import annotations

from typing import Any

from aelyst_contract._specs import load_spec
from contract_tests.client._harness import APIS, endpoint, package, success_model
from contract_tests.client.test_responses import PAIRS

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _documented_pairs() -> set[tuple[str, str, str]]:
    """Read straight from the spec documents, independently of the suite's own enumeration."""
    pairs: set[tuple[str, str, str]] = set()
    for api in APIS:
        document: dict[str, Any] = load_spec(api)
        for item in document["paths"].values():
            for method in _METHODS:
                if method in item:
                    operation = item[method]
                    for status in operation["responses"]:
                        pairs.add((api, operation["operationId"], str(status)))
    return pairs


def test_every_documented_pair_has_a_response_case() -> None:
    cases = {(op.api, op.operation_id, status) for op, status in PAIRS}
    documented = _documented_pairs()
    assert documented - cases == set(), "documented pairs without a case"
    assert cases - documented == set(), "cases for pairs the specs do not document"
    print(
        f"client contract: {len(cases)} (operation, status) pairs: "
        + ", ".join(f"{api} {sum(1 for c in cases if c[0] == api)}" for api in APIS)
    )


def test_every_case_reaches_a_generated_endpoint() -> None:
    for op, _ in PAIRS:
        module = endpoint(package(op.api), op)
        assert callable(module.sync_detailed)
        assert success_model(package(op.api), op).__name__
