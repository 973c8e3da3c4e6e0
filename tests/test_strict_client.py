"""aelyst_contract.strict_client: invalid requests are stopped and invalid responses refused, each
problem named by operation and place; valid ones pass untouched."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
from typing import Any
from uuid import UUID

import httpx
import pytest
import respx
from channel_messaging_client.api.messages import list_workspace_messages
from channel_messaging_client.extras import connect as connect_channel
from contact_messaging_client.api.messages import get_message, list_messages
from contact_messaging_client.extras import connect

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.strict_client import (
    ContractError,
    ContractProblem,
    RequestContractError,
    RequestValidator,
    ResponseContractError,
    ResponseValidator,
    StrictTransport,
)
from tests.generated_clients._cases import REQUEST_CASES

_RATE = {"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "5"}
_URL = "https://api.aelyst.ai/v1/contact/id:1/message/7"
_MESSAGE = {"messageId": 7, "contactId": 1, "channelId": 2, "traffic": "incoming"}


def _respond(status: int, body: Any, headers: dict[str, str]) -> httpx.MockTransport:
    return httpx.MockTransport(
        lambda request: httpx.Response(
            status,
            content=json.dumps(body).encode(),
            headers={**headers, "Content-Type": "application/json"},
        )
    )


def _check(status: int, body: Any, headers: dict[str, str] = _RATE) -> None:
    request = httpx.Request("GET", _URL)
    response = httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={**headers, "Content-Type": "application/json"},
    )
    ResponseValidator("contact").check(request, response)


def test_a_valid_response_passes_through_the_transport() -> None:
    client = connect(
        "https://api.aelyst.ai/v1",
        "t",
        transport=StrictTransport("contact", inner=_respond(200, _MESSAGE, _RATE)),
    )
    response = get_message.sync_detailed("id:1", 7, client=client)
    assert response.parsed is not None
    assert response.parsed.to_dict() == _MESSAGE


def test_a_wrong_type_the_client_would_accept_is_named() -> None:
    client = connect(
        "https://api.aelyst.ai/v1",
        "t",
        transport=StrictTransport(
            "contact", inner=_respond(200, {**_MESSAGE, "messageId": "x"}, _RATE)
        ),
    )
    with pytest.raises(
        ResponseContractError, match=r"getMessage answered 200: /messageId"
    ) as caught:
        get_message.sync_detailed("id:1", 7, client=client)
    assert (caught.value.operation_id, caught.value.pointer) == ("getMessage", "/messageId")


@pytest.mark.parametrize(
    ("status", "body", "headers", "pointer"),
    [
        (200, {k: v for k, v in _MESSAGE.items() if k != "traffic"}, _RATE, "/traffic"),
        (200, {**_MESSAGE, "message": {"type": "text"}}, _RATE, "/message/text"),
        (
            200,
            {**_MESSAGE, "message": {"type": "quick_reply", "title": "t", "replies": [1]}},
            _RATE,
            "/message/replies/0",
        ),
        (
            200,
            {
                **_MESSAGE,
                "message": {
                    "type": "email",
                    "text": "t",
                    "attachments": [{"type": None, "url": "https://a.co", "fileName": "f"}],
                },
            },
            _RATE,
            "/message/attachments/0/type",
        ),
        (200, {**_MESSAGE, "message": {"type": "voice", "text": "t"}}, _RATE, "/message/type"),
        (429, {"code": 429, "message": "slow down"}, _RATE, "header:Retry-After"),
        (
            429,
            {"code": 429, "message": "x"},
            {**_RATE, "Retry-After": "soon"},
            "header:Retry-After",
        ),
        (418, {"code": 418, "message": "teapot"}, _RATE, "status"),
    ],
    ids=[
        "missing",
        "union-branch-field",
        "array-item",
        "deep-in-a-branch",
        "unknown-tag",
        "missing-header",
        "bad-header",
        "status",
    ],
)
def test_each_problem_is_located(
    status: int, body: Any, headers: dict[str, str], pointer: str
) -> None:
    with pytest.raises(ResponseContractError) as caught:
        _check(status, body, headers)
    assert caught.value.pointer == pointer
    assert caught.value.operation_id == "getMessage"


def test_requests_outside_the_spec_are_not_checked() -> None:
    request = httpx.Request("GET", "https://api.aelyst.ai/health")
    ResponseValidator("contact").check(request, httpx.Response(418, content=b"?"))


def test_the_async_path_checks_too() -> None:
    async def fetch() -> None:
        transport = StrictTransport(
            "contact", inner=_respond(200, {**_MESSAGE, "traffic": "sideways"}, _RATE)
        )
        async with httpx.AsyncClient(transport=transport) as client:
            await client.get(_URL, headers={"Authorization": "Bearer t"})

    with pytest.raises(ResponseContractError, match="/traffic"):
        asyncio.run(fetch())


# ---- requests -----------------------------------------------------------------------------------

_CONTACT = "https://api.aelyst.ai/v1"
_CHANNEL = "https://channels.aelyst.ai"
_WORKSPACE = "1f0e2d3c-4b5a-4968-8776-655443322110"
_CHANNEL_ID = "5d0a1c3e-2b4f-4e6a-9c8d-7f6e5d4c3b2a"
_TOKEN = "s3cr3t-token-never-in-errors"


def _strict_client(api: SpecName, router: respx.Router, *, auth_prefix: str | None = None) -> Any:
    """A generated client as users make it (`connect`), strict, over `router`."""
    transport = StrictTransport(api, inner=httpx.MockTransport(router.handler))
    if api == "contact":
        return connect(_CONTACT, _TOKEN, transport=transport, auth_prefix=auth_prefix or "Bearer")
    return connect_channel(
        _CHANNEL, _TOKEN, transport=transport, auth_prefix=auth_prefix or "AccessKey"
    )


def _unreachable_router() -> tuple[respx.Router, Any]:
    router = respx.Router(assert_all_called=False)
    return router, router.route().respond(200, json=_MESSAGE, headers=_RATE)


async def _channel_send(client: Any, body: Any) -> Any:
    path = f"/workspaces/{_WORKSPACE}/channels/{_CHANNEL_ID}/messages"
    return await client.get_async_httpx_client().post(path, json=body)


_TEXT_BODY = {"type": "text", "text": {"text": "hi"}}
# (api, how the client sends it sync, async, the place named first)
_INVALID_REQUESTS: dict[str, tuple[SpecName, Callable[[Any], Any], Callable[[Any], Any], str]] = {
    "limit-51": (
        "contact",
        lambda client: list_messages.sync_detailed("id:1", client=client, limit=51),
        lambda client: list_messages.asyncio_detailed("id:1", client=client, limit=51),
        "query/limit",
    ),
    "messageId-0": (
        "contact",
        lambda client: get_message.sync_detailed("id:1", 0, client=client),
        lambda client: get_message.asyncio_detailed("id:1", 0, client=client),
        "path/messageId",
    ),
    "identifier-breaking-its-pattern": (
        "contact",
        lambda client: get_message.sync_detailed("name:bob", 7, client=client),
        lambda client: get_message.asyncio_detailed("name:bob", 7, client=client),
        "path/identifier",
    ),
    # Python's `$` matches before a final newline; the spec's regexes are ECMA-262's.
    "identifier-with-a-trailing-newline": (
        "contact",
        lambda client: get_message.sync_detailed("id:1\n", 7, client=client),
        lambda client: get_message.asyncio_detailed("id:1\n", 7, client=client),
        "path/identifier",
    ),
    "body-missing-a-required-field": (
        "channel",
        lambda client: client.get_httpx_client().post(
            f"/workspaces/{_WORKSPACE}/channels/{_CHANNEL_ID}/messages",
            json={
                "receiver": {"contacts": [{"identifierKey": "phonenumber"}]},
                "body": _TEXT_BODY,
            },
        ),
        lambda client: _channel_send(
            client,
            {"receiver": {"contacts": [{"identifierKey": "phonenumber"}]}, "body": _TEXT_BODY},
        ),
        "body/receiver/contacts/0/identifierValue",
    ),
    "wrong-authorization-prefix": (
        "channel",
        lambda client: list_workspace_messages.sync_detailed(UUID(_WORKSPACE), client=client),
        lambda client: list_workspace_messages.asyncio_detailed(UUID(_WORKSPACE), client=client),
        "header/Authorization",
    ),
}


@pytest.mark.parametrize("way", ["sync", "async"])
@pytest.mark.parametrize("case", list(_INVALID_REQUESTS))
def test_an_invalid_request_is_named_at_its_place_and_never_sent(case: str, way: str) -> None:
    api, send, send_async, place = _INVALID_REQUESTS[case]
    router, route = _unreachable_router()
    # the channel client is made with the contact API's scheme for the prefix case
    prefix = "Bearer" if case == "wrong-authorization-prefix" else None
    client = _strict_client(api, router, auth_prefix=prefix)
    with pytest.raises(RequestContractError) as caught:
        (send if way == "sync" else lambda client: asyncio.run(send_async(client)))(client)
    assert route.call_count == 0
    error = caught.value
    assert error.problems[0].place == place, error
    assert [problem.place for problem in error.problems] == [place]
    assert f"request not sent: {place}: " in str(error)
    assert isinstance(error, ContractError)
    assert _TOKEN not in str(error)


def test_the_wrong_prefix_says_which_scheme_without_quoting_the_credential() -> None:
    router, route = _unreachable_router()
    client = _strict_client("channel", router, auth_prefix="Bearer")
    with pytest.raises(RequestContractError) as caught:
        list_workspace_messages.sync_detailed(UUID(_WORKSPACE), client=client)
    assert route.call_count == 0
    assert "'AccessKey' scheme (AccessKey <credential>)" in str(caught.value)
    assert _TOKEN not in str(caught.value)
    assert _TOKEN not in repr(caught.value.problems)


def test_every_problem_of_a_request_is_listed() -> None:
    router, route = _unreachable_router()
    client = _strict_client("channel", router, auth_prefix="Key")
    body = {
        "receiver": {"contacts": [{"identifierKey": "fax", "identifierValue": ""}]},
        "body": _TEXT_BODY,
        "a/b": 1,
    }
    with pytest.raises(RequestContractError) as caught:
        client.get_httpx_client().post(
            f"/workspaces/not-a-uuid/channels/{_CHANNEL_ID}/messages?limit=5", json=body
        )
    assert route.call_count == 0
    error = caught.value
    assert error.operation_id == "sendChannelMessage"
    assert {problem.place for problem in error.problems} == {
        "path/workspaceId",
        "header/Authorization",
        "query/limit",  # documented for listing, not for sending
        "body/receiver/contacts/0/identifierKey",
        "body/receiver/contacts/0/identifierValue",
        "body/a~1b",  # places in a body are JSON pointers
    }
    assert len(error.problems) == 6
    assert str(error).startswith(f"sendChannelMessage request not sent: {error.problems[0]}")
    assert "(and 5 more)" in str(error)
    for problem in error.problems[1:]:
        assert f"\n  {problem}" in str(error)


@pytest.mark.parametrize(
    ("method", "url", "place"),
    [
        ("DELETE", f"{_CONTACT}/contact/id:1/message/7", "method"),
        ("GET", f"{_CONTACT}/contact/id:1/messages", "path"),
        ("GET", "https://api.aelyst.ai/contact/id:1/message/7", "path"),  # the /v1 forgotten
    ],
    ids=["undocumented-method", "unknown-path", "outside-the-base-path"],
)
def test_a_request_to_no_documented_operation_is_not_sent(
    method: str, url: str, place: str
) -> None:
    router, route = _unreachable_router()
    client = _strict_client("contact", router)
    with pytest.raises(RequestContractError) as caught:
        client.get_httpx_client().request(method, url)
    assert route.call_count == 0
    assert caught.value.operation_id is None
    assert [problem.place for problem in caught.value.problems] == [place]
    assert str(caught.value).startswith(f"{method} /")


def test_check_requests_false_sends_an_invalid_request() -> None:
    router, route = _unreachable_router()
    transport = StrictTransport(
        "contact", inner=httpx.MockTransport(router.handler), check_requests=False
    )
    client = connect(_CONTACT, _TOKEN, transport=transport)
    get_message.sync_detailed("id:1", 0, client=client)
    assert route.call_count == 1


def test_the_api_key_prefix_can_be_given_for_a_spec_passed_as_a_document() -> None:
    document = load_spec("channel")
    path = f"/workspaces/{_WORKSPACE}/messages"
    request = httpx.Request("GET", f"{_CHANNEL}{path}", headers={"Authorization": "AccessKey k"})
    RequestValidator(document, auth_prefix="AccessKey").check(request)
    RequestValidator(document).check(request)  # no prefix known: only the presence is checked
    with pytest.raises(RequestContractError, match="'Key' scheme"):
        RequestValidator(document, auth_prefix="Key").check(request)


@pytest.mark.parametrize("case", sorted(REQUEST_CASES))
def test_every_functional_request_case_goes_out_untouched(case: str) -> None:
    """The hand-written request of each operation (tests/generated_clients/_cases.py) passes
    strict mode and reaches the server byte for byte as the plain client sends it."""
    request_case = REQUEST_CASES[case]
    with respx.mock(assert_all_called=True) as router:
        route = router.route().respond(599)
        request_case.call(request_case.client())
        plain = route.calls.last.request
        api: SpecName = "contact" if request_case.api == "contact" else "channel"
        strict = StrictTransport(api, inner=httpx.HTTPTransport())
        with pytest.raises(ResponseContractError) as caught:
            request_case.call(request_case.client(transport=strict))
        assert caught.value.pointer == "status"  # 599 is undocumented: the request went out
        assert route.call_count == 2
        strict_sent = route.calls.last.request
    assert strict_sent.url == plain.url
    assert strict_sent.content == plain.content
    assert strict_sent.headers.multi_items() == plain.headers.multi_items()


# ---- every problem of a response ----------------------------------------------------------------


def test_a_response_with_three_problems_reports_all_three() -> None:
    headers = {"X-RateLimit-Limit": "ten", "X-RateLimit-Remaining": "5"}
    body = {**_MESSAGE, "messageId": "x", "traffic": "sideways"}
    with pytest.raises(ResponseContractError) as caught:
        _check(200, body, headers)
    error = caught.value
    places = [problem.place for problem in error.problems]
    assert sorted(places) == ["/messageId", "/traffic", "header:X-RateLimit-Limit"]
    assert places[0] == "header:X-RateLimit-Limit"  # headers first, then the body
    assert (error.pointer, error.reason) == (error.problems[0].place, error.problems[0].reason)
    assert str(error).startswith("getMessage answered 200: header:X-RateLimit-Limit: ")
    assert "(and 2 more)" in str(error)
    assert "\n  /messageId: " in str(error)
    assert "\n  /traffic: " in str(error)


def test_each_missing_property_and_each_unknown_one_is_its_own_problem() -> None:
    body = {
        **_MESSAGE,
        "message": {"type": "quick_reply", "surprise": 1, "a/b": 2},
    }
    with pytest.raises(ResponseContractError) as caught:
        _check(200, body)
    assert sorted(problem.place for problem in caught.value.problems) == [
        "/message/a~1b",
        "/message/replies",
        "/message/surprise",
        "/message/title",
    ], caught.value


def test_the_first_problem_is_the_most_relevant_as_before() -> None:
    """`pointer` is still the single problem jsonschema's best_match picks, in a union branch."""
    body = {**_MESSAGE, "message": {"type": "quick_reply", "title": "t", "replies": [1, "ok"]}}
    with pytest.raises(ResponseContractError) as caught:
        _check(200, body)
    assert caught.value.pointer == "/message/replies/0"
    assert [problem.place for problem in caught.value.problems] == ["/message/replies/0"]


@pytest.mark.parametrize("way", ["sync", "async"])
def test_the_transport_reports_every_problem_of_a_response_both_ways(way: str) -> None:
    bad = {**_MESSAGE, "messageId": "7", "contactId": "1", "traffic": None}
    client = connect(
        _CONTACT, _TOKEN, transport=StrictTransport("contact", inner=_respond(200, bad, {}))
    )
    with pytest.raises(ResponseContractError) as caught:
        _get_message(client, way)
    places = [problem.place for problem in caught.value.problems]
    assert sorted(places) == [
        "/contactId",
        "/messageId",
        "/traffic",
        "header:X-RateLimit-Limit",
        "header:X-RateLimit-Remaining",
    ], caught.value


def _get_message(client: Any, way: str) -> Any:
    if way == "sync":
        return get_message.sync_detailed("id:1", 7, client=client)
    return asyncio.run(get_message.asyncio_detailed("id:1", 7, client=client))


def test_the_message_lists_at_most_ten_problems() -> None:
    problems = [ContractProblem(f"/items/{index}", "wrong") for index in range(25)]
    message = str(ResponseContractError("listMessages", 200, problems))
    assert message.count("\n  /items/") == 9
    assert message.endswith("\n  ... 15 more in .problems")
    assert "(and 24 more)" in message
    with pytest.raises(ValueError, match="at least one problem"):
        ResponseContractError("listMessages", 200, [])


def test_arrays_repeated_values_header_parameters_and_bad_encoding_are_placed() -> None:
    """What the curated specs do not use yet, on a copy given as a document."""
    document = copy.deepcopy(load_spec("contact"))  # load_spec's document is shared
    listing = document["paths"]["/contact/{identifier}/message/list"]["get"]
    listing["parameters"] += [
        {
            "name": "ids",
            "in": "query",
            "schema": {"type": "array", "items": {"type": "integer", "maximum": 5}},
        },
        {"name": "X-Trace", "in": "header", "required": True, "schema": {"format": "uuid"}},
    ]
    validator = RequestValidator(document)
    url = f"{_CONTACT}/contact/id:1/message/list?ids=1&ids=9&limit=2&limit=3"
    request = httpx.Request("GET", url, headers={"Authorization": "bearer t", "X-Trace": "x"})
    _, problems = validator.problems(request)
    assert sorted(problem.place for problem in problems) == [
        "header/X-Trace",
        "query/ids/1",
        "query/limit",
    ]
    undecodable = httpx.Request(
        "GET", f"{_CONTACT}/contact/id%FF/message/list", headers={"Authorization": "Bearer t"}
    )
    _, problems = validator.problems(undecodable)
    assert problems == [
        ContractProblem(
            "path", "a parameter of /contact/{identifier}/message/list is not percent-encoded UTF-8"
        )
    ]
