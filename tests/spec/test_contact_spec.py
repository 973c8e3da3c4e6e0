"""What the curated Contact Messaging spec promises (CURATION.md rows C-xx), checked on the spec."""

from __future__ import annotations

from typing import Any

import pytest

from aelyst_contract import load_spec
from aelyst_contract._schema_validation import SchemaValidator
from aelyst_contract._spec_check import operations

SPEC = load_spec("contact")
VALIDATOR = SchemaValidator(SPEC)
OPS = {op.operation_id: op for op in operations(SPEC)}


def _valid(pointer: str, value: Any) -> bool:
    return not list(VALIDATOR.pointer_errors(pointer, value))


@pytest.mark.parametrize(
    ("operation_id", "statuses"),
    [
        ("sendMessage", {"200", "400", "401", "404", "429", "449", "500"}),
        ("getMessage", {"200", "400", "401", "404", "429", "449", "500"}),
        ("listMessages", {"200", "400", "401", "404", "429", "500"}),
    ],
)
def test_documented_statuses(operation_id: str, statuses: set[str]) -> None:
    assert set(OPS[operation_id].node["responses"]) == statuses


@pytest.mark.parametrize(
    "identifier",
    [
        "id:123",
        "id:0",
        "email:abdc@gmail.com",
        "email:a+tag/x?y#z%@sub.example.co",
        "email:ünï@exämple.com",
        "phone:+60121233112",
        "phone:+12",
    ],
)
def test_identifier_accepts_the_three_forms(identifier: str) -> None:
    assert _valid("#/components/schemas/ContactIdentifier", identifier)


@pytest.mark.parametrize(
    "identifier",
    [
        "123",
        "id:",
        "id:12a",
        "id:-1",
        "ID:123",
        "email:nobody",
        "email:@x.co",
        "email:a@b",
        "phone:60121233112",
        "phone:+0121233112",
        "phone:+1234567890123456",
        "phone:+60 12",
        "contact:1",
        "",
        "id:123\n",
    ],
)
def test_identifier_rejects_other_strings(identifier: str) -> None:
    assert not _valid("#/components/schemas/ContactIdentifier", identifier)


def test_limit_is_1_to_50_with_default_10() -> None:
    (limit,) = [p for p in OPS["listMessages"].node["parameters"] if p["name"] == "limit"]
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}


def test_message_union_pins_every_type() -> None:
    union = SPEC["components"]["schemas"]["MessageContent"]
    types = set()
    for variant_ref in union["oneOf"]:
        variant = SPEC["components"]["schemas"][variant_ref["$ref"].rsplit("/", 1)[-1]]
        assert "type" in variant["required"]
        types.add(variant["properties"]["type"]["const"])
    assert types == {
        "text",
        "attachment",
        "custom_payload",
        "quick_reply",
        "email",
        "whatsapp_template",
    }
    assert set(union["discriminator"]["mapping"]) == types


def test_a_custom_payload_is_not_a_text_message() -> None:
    payload = {"type": "custom_payload", "payload": {"text": "hi"}}
    assert _valid("#/components/schemas/CustomPayloadMessage", payload)
    assert not _valid("#/components/schemas/TextMessage", payload)
    assert _valid("#/components/schemas/MessageContent", payload)


@pytest.mark.parametrize(
    ("schema", "values"),
    [
        ("MessageTag", ["ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE", "CONFIRMED_EVENT_UPDATE"]),
        ("Traffic", ["outgoing", "incoming"]),
        ("MessageStatusValue", ["pending", "sent", "delivered", "read", "failed"]),
        ("SenderSource", ["user", "ai_agent", "workflow", "api", "echo", "broadcast"]),
    ],
)
def test_enums_are_the_documented_values(schema: str, values: list[str]) -> None:
    assert SPEC["components"]["schemas"][schema]["enum"] == values


def test_send_body_rejects_unknown_fields() -> None:
    body = {"message": {"type": "text", "text": "hi"}}
    assert _valid("#/components/schemas/SendMessageRequest", body)
    assert _valid("#/components/schemas/SendMessageRequest", {**body, "channelId": None})
    assert not _valid("#/components/schemas/SendMessageRequest", {**body, "channel": 1})
    assert not _valid("#/components/schemas/SendMessageRequest", {"channelId": 1})


def test_pagination_requires_next_and_previous() -> None:
    assert not _valid("#/components/schemas/MessageList", {"items": [], "pagination": {"next": ""}})
    assert _valid(
        "#/components/schemas/MessageList",
        {"items": [], "pagination": {"next": "", "previous": ""}},
    )


def test_error_body_requires_code_and_message() -> None:
    assert _valid("#/components/schemas/Error", {"code": 449, "message": "queued"})
    assert not _valid("#/components/schemas/Error", {"message": "no code"})


def test_send_links_to_get_and_list_with_the_same_identifier() -> None:
    links = OPS["sendMessage"].node["responses"]["200"]["links"]
    assert links["GetSentMessage"]["parameters"] == {
        "identifier": "$request.path.identifier",
        "messageId": "$response.body#/messageId",
    }
    assert links["ListContactMessages"]["operationId"] == "listMessages"


def test_rate_headers_on_every_response_but_401() -> None:
    for op in OPS.values():
        for status, response_or_ref in op.node["responses"].items():
            response = response_or_ref
            if "$ref" in response_or_ref:
                name = response_or_ref["$ref"].rsplit("/", 1)[-1]
                response = SPEC["components"]["responses"][name]
            headers = set(response.get("headers", {}))
            if status == "401":
                assert headers == set(), op.operation_id
            else:
                assert {"X-RateLimit-Limit", "X-RateLimit-Remaining"} <= headers, (
                    op.operation_id,
                    status,
                )
