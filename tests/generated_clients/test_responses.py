"""Every documented status of every operation parses into the spec's model, headers included."""

from __future__ import annotations

import importlib
import re
from datetime import datetime
from http import HTTPStatus
from typing import Any

import pytest
import respx

from aelyst_contract._specs import SpecName
from aelyst_contract.openapi import Operation
from tests.generated_clients._cases import REQUEST_CASES, SAMPLE_BODIES, sample_body
from tests.generated_clients._spec_operations import (
    ALL_OPERATIONS,
    PACKAGES,
    documented_responses,
    validate_against_schema,
)

RATE_HEADER_VALUES = {"Retry-After": "7", "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0"}

_DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


def _same_instants(value: Any) -> Any:
    """date-time strings as datetimes: the client re-serialises `Z` as `+00:00`, same instant."""
    if isinstance(value, dict):
        return {key: _same_instants(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_same_instants(item) for item in value]
    if isinstance(value, str) and _DATE_TIME.match(value):
        return datetime.fromisoformat(value)
    return value


DOCUMENTED = [
    pytest.param(operation, response.status, id=f"{operation}:{response.status}")
    for operation in ALL_OPERATIONS
    for response in documented_responses(operation)
]


def test_every_response_schema_has_a_valid_sample() -> None:
    for operation in ALL_OPERATIONS:
        for response in documented_responses(operation):
            assert response.schema_name is not None, f"{operation} {response.status}: no body"
            body = sample_body(operation.api, response.schema_name, response.status)
            validate_against_schema(operation.api, response.schema_name, body)
    assert len(SAMPLE_BODIES) == len(
        {(op.api, r.schema_name) for op in ALL_OPERATIONS for r in documented_responses(op)}
    )


@pytest.mark.parametrize(("operation", "status"), DOCUMENTED)
def test_documented_status_parses(operation: Operation[SpecName], status: int) -> None:
    documented = next(r for r in documented_responses(operation) if r.status == status)
    assert documented.schema_name is not None
    body = sample_body(operation.api, documented.schema_name, status)
    headers = {name: RATE_HEADER_VALUES[name] for name in documented.header_names}
    case = REQUEST_CASES[str(operation)]

    with respx.mock() as router:
        router.route().respond(status, json=body, headers=headers)
        response = case.call(case.client(raise_on_unexpected_status=True))

    assert int(response.status_code) == status
    models = importlib.import_module(f"{PACKAGES[operation.api]}.models")
    model = getattr(models, documented.schema_name)
    assert isinstance(response.parsed, model)
    assert _same_instants(response.parsed.to_dict()) == _same_instants(body)

    rate_limit = response.rate_limit
    if not headers:
        assert rate_limit is None
    else:
        assert rate_limit is not None
        assert rate_limit.limit == (10 if "X-RateLimit-Limit" in headers else None)
        assert rate_limit.remaining == (0 if "X-RateLimit-Remaining" in headers else None)
        assert rate_limit.retry_after == (7 if "Retry-After" in headers else None)


def test_449_is_documented_and_not_an_http_status() -> None:
    """The case the override exists for is really exercised above."""
    statuses = {(str(op), r.status) for op in ALL_OPERATIONS for r in documented_responses(op)}
    assert ("contact:sendMessage", 449) in statuses
    assert ("contact:getMessage", 449) in statuses
    with pytest.raises(ValueError, match="449"):
        HTTPStatus(449)


@pytest.mark.parametrize("status", [449, 499, 520, 599, 299])
@pytest.mark.parametrize("operation", ALL_OPERATIONS, ids=str)
def test_unknown_status_never_crashes(operation: Operation[SpecName], status: int) -> None:
    case = REQUEST_CASES[str(operation)]
    documented = {r.status for r in documented_responses(operation)}
    with respx.mock() as router:
        router.route().respond(status, json={"code": status, "message": "odd"})
        response = case.call(case.client())
    assert response.status_code == status
    if status not in documented:
        assert response.parsed is None
