"""What the curated Channel Messaging spec promises (CURATION.md rows H-xx), checked on the spec."""

from __future__ import annotations

from typing import Any

import pytest

from aelyst_contract import load_spec
from aelyst_contract._generate import CLIENTS
from aelyst_contract._schema_validation import SchemaValidator
from aelyst_contract._spec_check import operations

SPEC = load_spec("channel")
VALIDATOR = SchemaValidator(SPEC)
OPS = {op.operation_id: op for op in operations(SPEC)}
SEND = "#/components/schemas/SendChannelMessageRequest"
PHONE = {"identifierKey": "phonenumber", "identifierValue": "+31612345678"}
TEXT = {"type": "text", "text": {"text": "hi"}}
TEMPLATE = {
    "projectId": "0b5f3a0e-4d7c-4b52-9a1e-6b2d3c4e5f60",
    "version": "latest",
    "locale": "en-US",
}


def _valid(pointer: str, value: Any) -> bool:
    return not list(VALIDATOR.pointer_errors(pointer, value))


def test_every_operation_of_seed_003() -> None:
    assert set(OPS) == {
        "sendChannelMessage",
        "createPresignedUpload",
        "createChannelPresignedUpload",
        "listChannelMessages",
        "listWorkspaceMessages",
        "getChannelMessage",
    }


def test_access_key_auth() -> None:
    """One scheme for every operation: the key in `Authorization` with the `AccessKey` prefix.

    An apiKey scheme cannot state a prefix, so the description is where the spec says it; it must
    name the prefix the generated channel client sends.
    """
    assert SPEC["security"] == [{"accessKey": []}]
    assert [op.operation_id for op in OPS.values() if "security" in op.node] == []
    scheme = dict(SPEC["components"]["securitySchemes"]["accessKey"])
    description = scheme.pop("description")
    assert scheme == {"type": "apiKey", "in": "header", "name": "Authorization"}
    assert f"`Authorization: {CLIENTS['channel'].auth_prefix} <key>`" in description
    assert CLIENTS["channel"].auth_prefix == "AccessKey"


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"receiver": {"contacts": [PHONE]}, "body": TEXT}, True),
        ({"receiver": {"contacts": [PHONE]}, "template": TEMPLATE}, True),
        ({"receiver": {"contacts": [PHONE]}, "body": TEXT, "template": TEMPLATE}, False),
        ({"receiver": {"contacts": [PHONE]}}, False),
        ({"body": TEXT}, False),
    ],
)
def test_body_xor_template(body: dict[str, Any], valid: bool) -> None:
    assert _valid(SEND, body) is valid


@pytest.mark.parametrize(
    ("contact", "valid"),
    [
        ({"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}, True),
        (PHONE, True),
        ({**PHONE, "type": "cc"}, True),
        ({"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", **PHONE}, False),
        ({"identifierKey": "phonenumber"}, False),
        ({"id": "not-a-uuid"}, False),
        ({}, False),
    ],
)
def test_receiver_contact_is_an_id_or_an_identifier(contact: dict[str, Any], valid: bool) -> None:
    assert _valid("#/components/schemas/ReceiverContact", contact) is valid


@pytest.mark.parametrize(
    ("tags", "valid"),
    [
        ([f"tag-{i}" for i in range(10)], True),
        ([f"tag-{i}" for i in range(11)], False),
        (["Mixed Case_ok-1"], True),
        (["x" * 50], True),
        (["x" * 51], False),
        ([""], False),
        (["no.dots"], False),
    ],
)
def test_request_tags(tags: list[str], valid: bool) -> None:
    assert _valid("#/components/schemas/RequestTags", tags) is valid


def test_answer_tags_are_lower_case() -> None:
    pattern = SPEC["components"]["schemas"]["ChannelMessage"]["properties"]["tags"]["items"][
        "pattern"
    ]
    assert pattern == "^[a-z0-9_\\- ]{1,50}$"


def test_status_enum() -> None:
    assert SPEC["components"]["schemas"]["ChannelMessageStatus"]["enum"] == [
        "accepted",
        "rejected",
        "processing",
        "scheduled",
        "sent",
        "sending_failed",
        "delivered",
        "delivery_failed",
        "deleted",
        "skipped",
    ]


def test_list_paging() -> None:
    for op_id in ("listChannelMessages", "listWorkspaceMessages"):
        names = [p["$ref"].rsplit("/", 1)[-1] for p in OPS[op_id].node["parameters"]]
        assert names == ["Limit", "PageToken"]
    limit = SPEC["components"]["parameters"]["Limit"]["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 100, 10)
    assert SPEC["components"]["schemas"]["ChannelMessageList"]["required"] == ["results"]


def test_validation_errors_carry_details() -> None:
    error = {"code": "InvalidPayload", "message": "bad", "details": {"tags": ["too many"]}}
    assert _valid("#/components/schemas/ChannelError", error)
    assert not _valid("#/components/schemas/ChannelError", {**error, "details": {"tags": "x"}})


def test_location_bounds() -> None:
    assert _valid("#/components/schemas/Coordinates", {"latitude": -90, "longitude": 180})
    assert not _valid("#/components/schemas/Coordinates", {"latitude": 90.5, "longitude": 0})


def test_send_links_to_get_and_both_lists() -> None:
    links = OPS["sendChannelMessage"].node["responses"]["202"]["links"]
    assert {link["operationId"] for link in links.values()} == {
        "getChannelMessage",
        "listChannelMessages",
        "listWorkspaceMessages",
    }
    assert links["GetSentMessage"]["parameters"]["messageId"] == "$response.body#/id"
