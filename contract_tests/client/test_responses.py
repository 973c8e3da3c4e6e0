"""Every documented (operation, status) of both specs: valid responses parse and round-trip."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from contract_tests.client._checks import check_response
from contract_tests.client._coverage import record
from contract_tests.client._harness import (
    Operation,
    json_media_type,
    package,
    response_pairs,
    response_strategy,
    schemas,
    suite_settings,
)

PAIRS = response_pairs()


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


def _choice_runs(op: Operation, status: str) -> list[tuple[str, dict[str, int], str]]:
    """(label, pins, optional mode) runs that together take every choice of the response body."""
    runs: list[tuple[str, dict[str, int], str]] = [
        ("all optional properties", {}, "all"),
        ("no optional property", {}, "none"),
    ]
    media_type = json_media_type(op, status)
    if media_type is None:
        return runs
    spec = schemas(op.api)
    pointer = spec.response_body_pointer(op.operation_id, status, media_type)
    for number, pins in enumerate(spec.covering_pins(pointer)):
        runs.append((f"covering pin set {number}: {pins}", pins, "all"))
    return runs


@pytest.mark.parametrize(("op", "status"), PAIRS, ids=[f"{op}-{status}" for op, status in PAIRS])
def test_every_choice_of_every_response_parses_and_round_trips(op: Operation, status: str) -> None:
    """Each enum value, union branch, type-list branch (null included) and if/then/else side of
    the response, and every optional property present and absent, at least once, whatever the
    random draws of the main property did."""
    client_package = package(op.api)
    runs = _choice_runs(op, status)
    for label, pins, optional in runs:

        @suite_settings(quick=1, deep=5)
        @given(response_strategy(op, status, pins=pins, optional=optional))
        def check(response: tuple[Any, dict[str, str]]) -> None:
            body, headers = response
            check_response(client_package, op, status, body, headers)

        try:
            check()
        except Exception as error:
            error.add_note(f"while taking the choice: {label}")
            raise
    assert runs


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
