"""Every operation sends what its spec says: method, raw path, query, headers and body."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from channel_messaging_client.api.messages import list_channel_messages, list_workspace_messages
from contact_messaging_client.api.messages import list_messages

from aelyst_contract._specs import SpecName
from aelyst_contract.openapi import Operation
from tests.generated_clients._cases import CHANNEL, PHONE, REQUEST_CASES, WORKSPACE, RequestCase
from tests.generated_clients._spec_operations import (
    ALL_OPERATIONS,
    server_path_prefix,
    validate_against_schema,
)


def test_every_spec_operation_has_a_functional_case() -> None:
    spec_keys = {str(operation) for operation in ALL_OPERATIONS}
    assert spec_keys - REQUEST_CASES.keys() == set(), "operations without a functional case"
    assert REQUEST_CASES.keys() - spec_keys == set(), "cases for operations the specs lack"
    assert len(spec_keys) == len(ALL_OPERATIONS), "duplicate operationIds"


def _send(case: RequestCase) -> httpx.Request:
    with respx.mock(assert_all_called=True) as router:
        # An undocumented status and no body: these tests look at the request only (a contact
        # error body would be invalid for the channel API, whose codes are strings).
        route = router.route().respond(599)
        case.call(case.client())
    assert route.call_count == 1
    request: httpx.Request = route.calls.last.request
    return request


@pytest.mark.parametrize("operation", ALL_OPERATIONS, ids=str)
def test_request_matches_the_spec(operation: Operation[SpecName]) -> None:
    case = REQUEST_CASES[str(operation)]
    request = _send(case)

    assert request.method == operation.method
    assert request.url.raw_path.split(b"?")[0] == case.raw_path.encode("ascii")
    # The raw path is the spec's template under the server URL, with only the parameters filled.
    template = server_path_prefix(operation.api) + operation.path
    fixed_parts = [part for part in template.split("/") if not part.startswith("{")]
    sent_parts = request.url.raw_path.split(b"?")[0].decode("ascii").split("/")
    assert [part for part in sent_parts if part in fixed_parts] == fixed_parts
    assert len(sent_parts) == len(template.split("/"))

    assert dict(request.url.params.multi_items()) == case.query
    assert case.raw_query_contains in request.url.query.decode("ascii")
    assert request.headers["authorization"] == case.expected_authorization

    if case.json_body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert case.body_schema is not None
        validate_against_schema(operation.api, case.body_schema, case.json_body)
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == case.json_body


DEFAULT_LIST_CALLS: dict[str, Callable[[Any], Any]] = {
    "contact:listMessages": lambda c: list_messages.sync_detailed(PHONE, client=c),
    "channel:listChannelMessages": lambda c: list_channel_messages.sync_detailed(
        WORKSPACE, CHANNEL, client=c
    ),
    "channel:listWorkspaceMessages": lambda c: list_workspace_messages.sync_detailed(
        WORKSPACE, client=c
    ),
}


@pytest.mark.parametrize("key", sorted(DEFAULT_LIST_CALLS))
def test_list_without_arguments_sends_the_spec_default_limit(key: str) -> None:
    case = REQUEST_CASES[key]
    with respx.mock() as router:
        # An undocumented status and no body: these tests look at the request only (a contact
        # error body would be invalid for the channel API, whose codes are strings).
        route = router.route().respond(599)
        DEFAULT_LIST_CALLS[key](case.client())
    assert dict(route.calls.last.request.url.params.multi_items()) == {"limit": "10"}
