"""Labelled invalid variants: each one rejected by the validators, at the location it names."""

from __future__ import annotations

import pytest

from aelyst_contract.schema_strategies import Violation
from tests.schema_strategies._helpers import spec_schemas


def _kinds(found: list[Violation]) -> dict[tuple[str, str], Violation]:
    return {(v.pointer, v.kind): v for v in found}


def test_violations_are_labelled_and_each_is_invalid() -> None:
    schemas = spec_schemas("contact")
    pointer = schemas.response_body_pointer("getMessage", "200")
    seed = schemas.resolve_pointer(schemas.response_pointer("getMessage", "200"))["content"][
        "application/json"
    ]["examples"]["seed"]["value"]
    found = schemas.violations(pointer, seed)
    kinds = _kinds(found)
    for expected in [
        ("/messageId", "missing-required"),
        ("/messageId", "wrong-type"),
        ("/messageId", "null-not-nullable"),
        ("/traffic", "unknown-enum"),
        ("/message/type", "unknown-enum"),
        ("/status/0/value", "unknown-enum"),
        ("/status/0/timestamp", "missing-required"),
        ("/sender/source", "unknown-enum"),
        ("", "wrong-type"),
    ]:
        assert expected in kinds, expected
    assert all(not schemas.is_valid(pointer, v.document) for v in found)
    assert "messageId" not in kinds[("/messageId", "missing-required")].document
    assert kinds[("/traffic", "unknown-enum")].document["traffic"] not in ("incoming", "outgoing")
    # the untouched document is still valid: variants are copies
    assert schemas.is_valid(pointer, seed)


def test_violations_respect_nullable_and_union_types() -> None:
    schemas = spec_schemas("contact")
    pointer = "/components/schemas/SendMessageRequest"
    found = _kinds(
        schemas.violations(pointer, {"channelId": 5, "message": {"type": "text", "text": "hi"}})
    )
    assert ("/channelId", "null-not-nullable") not in found  # channelId is ["integer", "null"]
    assert ("/channelId", "wrong-type") in found
    assert ("/message/text", "null-not-nullable") in found
    message = "/components/schemas/Message"
    doc = {
        "messageId": 1,
        "contactId": 2,
        "channelId": 3,
        "traffic": "incoming",
        "channelMessageId": "abc",
    }
    found = _kinds(schemas.violations(message, doc))
    assert ("/channelMessageId", "wrong-type") in found  # string|integer: an object is wrong
    assert found[("/channelMessageId", "wrong-type")].document["channelMessageId"] not in (
        "abc",
        12345,
    )


def test_violations_refuse_an_invalid_document() -> None:
    schemas = spec_schemas("contact")
    with pytest.raises(ValueError, match="valid document"):
        schemas.violations("/components/schemas/Error", {"code": "x"})
