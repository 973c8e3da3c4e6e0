"""Every documented (operation, status) of both specs: valid responses parse and round-trip."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract_tests.client._checks import check_response
from contract_tests.client._coverage import record
from contract_tests.client._harness import (
    Operation,
    json_media_type,
    package,
    response_pairs,
    schemas,
    suite_settings,
)
from tools.schema_strategies import JsonValue

PAIRS = response_pairs()


def response_strategy(op: Operation, status: str) -> st.SearchStrategy[tuple[Any, dict[str, str]]]:
    """(body, headers) valid for the response: body None when the response has no content."""
    spec = schemas(op.api)
    media_type = json_media_type(op, status)
    bodies: st.SearchStrategy[JsonValue] = (
        spec.response_body(op.operation_id, status, media_type) if media_type else st.none()
    )
    return st.tuples(bodies, spec.response_headers(op.operation_id, status))


@pytest.mark.parametrize(("op", "status"), PAIRS, ids=[f"{op}-{status}" for op, status in PAIRS])
def test_valid_response_parses_and_round_trips(op: Operation, status: str) -> None:
    client_package = package(op.api)

    @suite_settings(quick=6, deep=300)
    @given(response_strategy(op, status))
    def check(response: tuple[Any, dict[str, str]]) -> None:
        body, headers = response
        check_response(client_package, op, status, body, headers)

    check()
    record(op.api, op.operation_id, status)


def _spec_examples() -> list[tuple[Operation, str, str, Any]]:
    """Every example response body written in the specs (the seeds' ones among them)."""
    found = []
    for op, status in PAIRS:
        spec = schemas(op.api)
        response = spec.resolve_pointer(spec.response_pointer(op.operation_id, status))
        for media in response.get("content", {}).values():
            if "example" in media:
                found.append((op, status, "example", media["example"]))
            for name, example in media.get("examples", {}).items():
                found.append((op, status, name, example["value"]))
    return found


EXAMPLES = _spec_examples()


@pytest.mark.parametrize(
    ("op", "status", "name", "body"),
    EXAMPLES,
    ids=[f"{op}-{status}-{name}" for op, status, name, _ in EXAMPLES],
)
def test_spec_examples_parse_verbatim(op: Operation, status: str, name: str, body: Any) -> None:
    import json

    spec = schemas(op.api)
    assert spec.is_valid(spec.response_body_pointer(op.operation_id, status), body)
    headers = dict.fromkeys(spec.response_header_pointers(op.operation_id, status), "1")
    # served byte for byte as the spec writes it (no re-encoding by the test)
    raw = json.dumps(body, indent=2).encode("utf-8")
    check_response(package(op.api), op, status, body, headers, raw=raw)


def test_seed_examples_are_among_them() -> None:
    names = {(str(op), status, name) for op, status, name, _ in EXAMPLES}
    assert ("contact:getMessage", "200", "seed") in names
    assert ("contact:listMessages", "200", "seed") in names
