"""aelyst_contract.openapi routes: a raw path is split before decoding, like a server does."""

from __future__ import annotations

from aelyst_contract._specs import load_spec
from aelyst_contract.openapi import SpecRoutes, match_path


def test_encoded_slash_stays_inside_the_parameter() -> None:
    routes = SpecRoutes(load_spec("contact"))
    match = routes.match("POST", "/v1/contact/email%3Aa%2Fb%3Fc%23d%25e%40x.co/message")
    assert match is not None
    assert match.operation_id == "sendMessage"
    assert match.template == "/contact/{identifier}/message"
    assert match.path_params == {"identifier": "email:a/b?c#d%e@x.co"}
    assert match.full_template == "/v1/contact/{identifier}/message"


def test_an_unencoded_slash_changes_the_route() -> None:
    routes = SpecRoutes(load_spec("contact"))
    assert routes.match("POST", "/v1/contact/email:a/b@x.co/message") is None
    # ... or silently addresses another operation: the suite compares the decoded value too
    other = routes.match("GET", "/v1/contact/id:1/message/list")
    assert other is not None
    assert other.operation_id == "listMessages"


def test_method_base_path_and_bad_encoding_do_not_match() -> None:
    routes = SpecRoutes(load_spec("channel"))
    ws = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    assert routes.match("GET", f"/workspaces/{ws}/messages") is not None
    assert routes.match("DELETE", f"/workspaces/{ws}/messages") is None
    assert routes.match("GET", f"/v1/workspaces/{ws}/messages") is None
    assert routes.match("GET", "/workspaces/%FF/messages") is None  # not UTF-8


def test_the_query_is_not_part_of_the_path() -> None:
    routes = SpecRoutes(load_spec("contact"))
    match = routes.match("GET", "/v1/contact/id%3A1/message/list?limit=5")
    assert match is not None
    assert match.path_params == {"identifier": "id:1"}


def test_a_matched_route_carries_its_operation() -> None:
    match = SpecRoutes(load_spec("contact")).match("GET", "/v1/contact/id:1/message/7")
    assert match is not None
    assert match.operation.route == "GET /contact/{identifier}/message/{messageId}"
    assert match.path_params == {"identifier": "id:1", "messageId": "7"}


def test_match_path_binds_parameters_within_a_segment_and_hyphenated_names() -> None:
    assert match_path("/files/{file-name}.json", "/files/a%20b.json") == {"file-name": "a b"}
    assert match_path("/files/{file-name}.json", "/files/a.yaml") is None
    assert match_path("/a/{x}", "/a/b/c") is None
    assert match_path("/a/{x}", "/b/c") is None


def test_match_path_bad_utf8_is_no_match_or_replaced() -> None:
    assert match_path("/a/{x}", "/a/%FF") is None
    assert match_path("/a/{x}", "/a/%FF", errors="replace") == {"x": "\ufffd"}
