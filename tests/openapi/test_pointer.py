"""aelyst_contract.openapi pointers: RFC 6901 escaping, joining, parsing, lookup."""

from __future__ import annotations

import pytest

from aelyst_contract.openapi import (
    escape_token,
    join_pointer,
    node_at,
    parse_pointer,
    unescape_token,
)

AWKWARD_TOKENS = ["a/b", "~", "~0", "~1", "/~", "~/", "a~1b", "{id}", "", "plain"]


@pytest.mark.parametrize("token", AWKWARD_TOKENS)
def test_escaping_round_trips(token: str) -> None:
    assert unescape_token(escape_token(token)) == token
    assert "/" not in escape_token(token)


def test_escape_spells_tilde_before_slash() -> None:
    assert escape_token("~/") == "~0~1"
    assert escape_token("/contact/{identifier}") == "~1contact~1{identifier}"
    # "~01" is an escaped "~" followed by "1", not an escaped "/" after "~"
    assert unescape_token("~01") == "~1"


def test_join_then_parse_gives_the_tokens_back() -> None:
    pointer = join_pointer("/paths", "/a/{b}", "get", 0)
    assert pointer == "/paths/~1a~1{b}/get/0"
    assert parse_pointer(pointer) == ["paths", "/a/{b}", "get", "0"]
    assert parse_pointer("#" + pointer) == ["paths", "/a/{b}", "get", "0"]


def test_root_pointers_and_a_malformed_one() -> None:
    assert parse_pointer("") == []
    assert parse_pointer("#") == []
    with pytest.raises(ValueError, match="starts with '/'"):
        parse_pointer("paths/x")


def test_node_at_walks_mappings_and_lists() -> None:
    document = {"a/b": {"list": [{"x": 1}, {"x": 2}]}, "~": "tilde"}
    assert node_at(document, "/a~1b/list/1/x") == 2
    assert node_at(document, "/~0") == "tilde"
    assert node_at(document, "") is document
    for missing in ("/a~1b/list/2", "/a~1b/list/x", "/nope", "/~0/deeper"):
        with pytest.raises(KeyError):
            node_at(document, missing)
