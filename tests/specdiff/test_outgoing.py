"""Webhooks and callbacks run the schema rules with the directions swapped; links and patterns."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from aelyst_contract.specdiff import Verdict, diff_specs
from aelyst_contract.specdiff._pattern import pattern_change

B, C = Verdict.BREAKING, Verdict.COMPATIBLE


def _callback(answer_max: int) -> dict[str, Any]:
    return {
        "onDone": {
            "{$request.body#/url}": {
                "post": {
                    "requestBody": {
                        "content": {"application/json": {"schema": {"type": "string"}}}
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "integer", "maximum": answer_max}
                                }
                            },
                        }
                    },
                }
            }
        }
    }


def _spec(**operation: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/jobs": {
                "post": {
                    "operationId": "startJob",
                    "responses": {"202": {"description": "started"}},
                    **operation,
                }
            }
        },
    }


def test_a_callback_answer_is_written_by_client_users() -> None:
    # The receiver (a client user) answers; narrowing what it may answer breaks receivers.
    old, new = _spec(callbacks=_callback(10)), _spec(callbacks=_callback(5))
    (finding,) = diff_specs(old, new)
    assert (finding.kind, finding.client, finding.server) == ("constraint-narrowed", B, C)
    assert finding.operation == "callback onDone {$request.body#/url} POST"


def test_a_callback_added_is_for_servers_to_send() -> None:
    (finding,) = diff_specs(_spec(), _spec(callbacks=_callback(10)))
    assert (finding.kind, finding.client, finding.server) == ("callback-added", C, B)


def test_links_are_documentation() -> None:
    old = _spec()
    new = copy.deepcopy(old)
    new["paths"]["/jobs"]["post"]["responses"]["202"]["links"] = {
        "status": {"operationId": "getJob"}
    }
    (finding,) = diff_specs(old, new)
    assert (finding.kind, finding.client, finding.server) == ("link-added", C, C)


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ("^[a-z]+$", ".*", "widened"),
        ("^[a-z]+$", "", "widened"),
        ("^[a-z]+$", "[a-z]+", "widened"),  # anchors removed
        ("^abc.*$", "^abc", "widened"),  # `.` stops at a line break: `^abc` allows more
        ("^(sms|email)$", "^(sms|email|push)$", "widened"),
        ("^sms$|^email$", "^sms$|^email$|^push$", "widened"),
        ("[a-z]+", "^[a-z]+$", "narrowed"),
        ("^[a-z]+$", "^.*$", "changed"),  # `^.*$` refuses a line break: not provably wider
        ("^a|b$", "^(a|b)$", "changed"),  # the anchors belong to the alternatives
        ("^[a-z]+$", "^[A-Z]+$", "changed"),
    ],
)
def test_pattern_supersets_are_decided_only_where_provable(old: str, new: str, change: str) -> None:
    assert pattern_change(old, new) == change


def _with_body(schema: dict[str, Any]) -> dict[str, Any]:
    return _spec(
        requestBody={"content": {"application/json": {"schema": schema}}},
    )


@pytest.mark.parametrize(
    ("old", "new", "kind", "client", "server"),
    [
        ({}, {"if": {"required": ["a"]}, "then": {"required": ["b"]}}, "constraint-narrowed", B, C),
        ({"if": {"required": ["a"]}, "then": {"required": ["b"]}}, {}, "constraint-widened", C, B),
        (
            {"if": {"required": ["a"]}, "then": {"required": ["b"]}},
            {"if": {"required": ["c"]}, "then": {"required": ["b"]}},
            "constraint-changed",
            B,
            B,
        ),
    ],
)
def test_conditionals(
    old: dict[str, Any], new: dict[str, Any], kind: str, client: Verdict, server: Verdict
) -> None:
    (finding,) = diff_specs(_with_body(old), _with_body(new))
    assert (finding.kind, finding.client, finding.server) == (kind, client, server)
