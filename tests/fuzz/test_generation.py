"""Positive cases are made realistic and semantically valid; malformed values are left alone."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from types import SimpleNamespace
from typing import Any

import phonenumbers
import pytest

from aelyst_contract.fuzz import Target
from aelyst_contract.fuzz._checks import VALID, classify_contact_identifier, real_email
from aelyst_contract.fuzz._generation import (
    case_mapper,
    coverage_body_sampler,
    realistic_identifiers,
    realistic_phone_numbers,
    semantic_fixer,
)
from aelyst_contract.fuzz._st_adapter import CaseNotes

WS = "1f0e2d3c-4b5a-4968-8776-655443322110"
CHANNELS = {
    "sms": "00c0ffee-0000-0000-0000-000000000007",
    "email": "00c0ffee-0000-0000-0000-000000000008",
}
TARGET = Target(
    contact_url="http://127.0.0.1:9/v1",
    channel_url="http://127.0.0.1:9",
    workspace_id=WS,
    channel_platforms={uuid: platform for platform, uuid in CHANNELS.items()},
    contact_identifiers=("id:123", "email:abdc@gmail.com", "phone:+60121233112"),
    known_contact_identifiers=("id:123", "email:abdc@gmail.com", "phone:+60121233112", "id:3"),
    contact_channels={"sms": 0, "whatsapp": 1, "facebook": 2, "telegram": 4, "email": 7},
)


def case(
    mode: str,
    path: dict[str, Any],
    body: Any = None,
    *,
    method: str = "POST",
    op: str = "",
    path_mode: str = "positive",
) -> Any:
    return SimpleNamespace(
        meta=SimpleNamespace(
            generation=SimpleNamespace(mode=SimpleNamespace(value=mode)),
            components={"path": SimpleNamespace(mode=SimpleNamespace(value=path_mode))},
        ),
        path_parameters=dict(path),
        query={},
        body=body,
        method=method,
        operation=SimpleNamespace(path=op),
    )


def test_realistic_identifiers_pass_the_strict_classification() -> None:
    assert realistic_phone_numbers()
    for number in realistic_phone_numbers():
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, None))
    plain = Target(contact_url=None, channel_url=None)
    for identifier in realistic_identifiers(plain):
        assert classify_contact_identifier(identifier) == VALID


def test_valid_looking_ids_are_mostly_pinned_to_the_targets_real_ones() -> None:
    mapper = case_mapper("channel", TARGET)
    drawn = [f"{n:08x}-0000-4000-8000-000000000000" for n in range(40)]
    pinned = 0
    for value in drawn:
        mapped = mapper(None, case("negative", {"workspaceId": value}, method="GET"))
        pinned += mapped.path_parameters["workspaceId"] == WS
    assert 25 <= pinned < 40  # most, but some unknown ids stay for the 404 paths


@pytest.mark.parametrize("value", ["not-a-uuid", "", "0"])
def test_malformed_ids_are_left_for_negative_cases(value: str) -> None:
    mapped = case_mapper("channel", TARGET)(None, case("negative", {"workspaceId": value}))
    assert mapped.path_parameters["workspaceId"] == value


def test_a_negated_path_is_never_repaired() -> None:
    valid = "0000000a-0000-4000-8000-000000000000"
    negated = case("negative", {"workspaceId": valid, "channelId": valid}, path_mode="negative")
    mapped = case_mapper("channel", TARGET)(None, negated)
    assert mapped.path_parameters == {"workspaceId": valid, "channelId": valid}


@pytest.mark.parametrize(
    ("message", "platforms"),
    [
        ({"type": "custom_payload", "payload": {}}, {"telegram", "facebook"}),
        ({"type": "email", "text": "x"}, {"email"}),
        (
            {"type": "whatsapp_template", "template": {"name": "n", "languageCode": "en"}},
            {"whatsapp"},
        ),
        ({"type": "text", "text": "x"}, {"sms", "whatsapp", "telegram", "email"}),
    ],
)
def test_positive_contact_sends_get_a_channel_that_takes_their_type(
    message: dict[str, Any], platforms: set[str]
) -> None:
    mapper = case_mapper("contact", TARGET)
    by_id = {number: name for name, number in TARGET.contact_channels.items()}
    for channel, identifier in itertools.product((None, 5, 999, -3), ("id:1", "id:77", "id:9")):
        body = {"channelId": channel, "message": dict(message)}
        mapped = mapper(None, case("positive", {"identifier": identifier}, body))
        chosen = mapped.body["channelId"]
        if chosen is None:  # plain message on the contact's last interacted channel
            assert message["type"] == "text"
            assert mapped.path_parameters["identifier"] in TARGET.contact_identifiers
        else:
            assert by_id[chosen] in platforms


def test_negative_contact_sends_are_not_repaired() -> None:
    body = {"channelId": 999, "message": {"type": "email", "text": "x"}}
    mapped = case_mapper("contact", TARGET)(None, case("negative", {"identifier": "x"}, body))
    assert mapped.body["channelId"] == 999


def test_positive_channel_sends_fit_the_channel() -> None:
    body = {
        "receiver": {
            "contacts": [
                {"identifierKey": "emailaddress", "identifierValue": "0@0.0", "type": "cc"},
                {"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
            ]
        },
        "body": {"type": "text", "text": {"text": "x"}},
        "capFrequency": True,
        "scheduledFor": "9999-01-01T00:00:00Z",
    }
    path = {"workspaceId": WS, "channelId": CHANNELS["sms"]}
    op = "/workspaces/{workspaceId}/channels/{channelId}/messages"
    mapped = case_mapper("channel", TARGET)(None, case("positive", path, body, op=op))
    contacts = mapped.body["receiver"]["contacts"]
    if mapped.path_parameters["channelId"] == CHANNELS["sms"]:
        assert len(contacts) == 1
        assert contacts[0]["identifierKey"] == "phonenumber"
        assert "type" not in contacts[0]
        assert phonenumbers.is_valid_number(phonenumbers.parse(contacts[0]["identifierValue"]))
    else:  # several receivers or cc: moved to the email channel
        assert mapped.path_parameters["channelId"] == CHANNELS["email"]
        assert all(c["identifierKey"] == "emailaddress" for c in contacts)
    assert mapped.body["capFrequency"] is False
    assert not mapped.body["scheduledFor"].startswith("9999")


def test_scheduled_times_are_sent_in_every_rfc3339_spelling_inside_the_window() -> None:
    path = {"workspaceId": WS, "channelId": CHANNELS["sms"]}
    op = "/workspaces/{workspaceId}/channels/{channelId}/messages"
    mapper = case_mapper("channel", TARGET)
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    sent = []
    for drawn in range(60):
        body = {
            "receiver": {"contacts": [{"identifierKey": "phonenumber", "identifierValue": "1"}]},
            "body": {"type": "text", "text": {"text": "x"}},
            "scheduledFor": f"{2000 + drawn}-01-01T00:00:00Z",
        }
        sent.append(mapper(None, case("positive", path, body, op=op)).body["scheduledFor"])
    stamp = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")
    assert all(stamp.fullmatch(value) for value in sent)
    assert {value[-6:] for value in sent} >= {"+23:59", "-23:59"}
    assert any(value.endswith("z") and "t" in value for value in sent)
    assert any(re.search(r"\.\d{9}Z$", value) for value in sent)
    for value in sent:  # the same instants as ever: 1-30 days from today, either way
        moment = dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        assert dt.timedelta(days=1) <= abs(moment - today) <= dt.timedelta(days=30)


def test_encoded_values_are_judged_decoded_and_replaced_plain() -> None:
    odd = "email%3A0%400." + "0" * 80  # the spec's syntax, no real domain; percent-encoded
    coverage = case("positive", {"identifier": odd}, method="GET")
    coverage.meta.phase = SimpleNamespace(name=SimpleNamespace(value="coverage"))
    mapped = case_mapper("contact", TARGET)(None, coverage)
    assert mapped.path_parameters["identifier"] in realistic_identifiers(TARGET)


def test_positive_email_messages_get_real_cc_addresses() -> None:
    body = {
        "channelId": 7,
        "message": {"type": "email", "text": "x", "cc": ["a@b.test", "ok@example.com"]},
    }
    mapped = case_mapper("contact", TARGET)(None, case("positive", {"identifier": "id:123"}, body))
    cc = mapped.body["message"]["cc"]
    assert cc[1] == "ok@example.com"
    assert cc[0] != "a@b.test"
    assert real_email(cc[0])


def test_the_coverage_sampler_thins_body_cases_only() -> None:
    keep = coverage_body_sampler(4)

    def coverage_case(location: str, n: int, pointer: str = "/properties/body/oneOf/6") -> Any:
        data = SimpleNamespace(
            parameter_location=SimpleNamespace(value=location), description="d", location=pointer
        )
        return SimpleNamespace(
            meta=SimpleNamespace(phase=SimpleNamespace(data=data)), body={"n": n}
        )

    kept = sum(keep(None, coverage_case("body", n)) for n in range(400))
    assert 60 < kept < 140
    assert all(keep(None, coverage_case("query", n)) for n in range(50))
    assert all(keep(None, coverage_case("body", n, "/properties/tags/maxItems")) for n in range(50))


def test_the_stateful_fixer_replaces_unreal_identifiers_but_keeps_real_ones() -> None:
    fix = semantic_fixer("contact", TARGET)
    unreal = case("positive", {"identifier": "email:m@x..y"}, method="GET")
    fix(unreal)
    assert unreal.path_parameters["identifier"] in realistic_identifiers(TARGET)
    linked = case("positive", {"identifier": "phone:+31612345678"}, method="GET")
    fix(linked)
    assert linked.path_parameters["identifier"] == "phone:+31612345678"


def test_configured_identifiers_add_to_the_generated_ones_never_replace_them() -> None:
    plain = realistic_identifiers(Target(contact_url=None, channel_url=None))
    configured = realistic_identifiers(TARGET)
    assert set(plain) < set(configured)
    assert set(TARGET.known_contact_identifiers) <= set(configured)
    assert any(i.startswith("email:") for i in plain)
    assert any(i.startswith("phone:") for i in plain)


CHANNEL_SEND = "/workspaces/{workspaceId}/channels/{channelId}/messages"


def _channel_send(channel: str, body_type: str = "text") -> Any:
    body = {
        "receiver": {"contacts": [{"identifierKey": "phonenumber", "identifierValue": "+1"}]},
        "body": {"type": body_type, body_type: {"text": "x"}},
    }
    sent = case("positive", {"workspaceId": WS, "channelId": channel}, body, op=CHANNEL_SEND)
    sent.id = f"case-{channel}-{body_type}"
    return sent


def test_a_send_the_fixer_cannot_make_valid_is_noted_unsure_with_the_reason() -> None:
    unknown = "00c0ffee-0000-0000-0000-0000000000ff"
    target = Target(
        contact_url=None,
        channel_url="http://127.0.0.1:9",
        workspace_id=WS,
        channel_platforms={unknown: None, CHANNELS["sms"]: "sms"},
    )
    notes = CaseNotes()
    fix = semantic_fixer("channel", target, notes)
    on_unknown, on_known = _channel_send(unknown), _channel_send(CHANNELS["sms"])
    fix(on_unknown)
    fix(on_known)
    assert "platform of channel" in notes.unsure[on_unknown.id]
    assert on_known.id not in notes.unsure
    html = _channel_send(CHANNELS["sms"], "html")
    fix(html)
    assert "email channel" in notes.unsure[html.id]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"template": {"projectId": WS, "version": "latest", "locale": "en"}}, "template"),
        ({"body": {"type": "image", "image": {"images": [{"mediaUrl": "https://m/x"}]}}}, "media"),
        ({"body": {"type": "text", "text": {"text": "hi"}}}, None),
    ],
)
def test_what_no_profile_can_make_valid_is_noted_unsure(
    body: dict[str, Any], reason: str | None
) -> None:
    """Templates and media the target may not have: a refusal is not evidence of a fault."""
    notes = CaseNotes()
    fix = semantic_fixer("channel", TARGET, notes)
    sent = _channel_send(CHANNELS["sms"])
    sent.body = {"receiver": sent.body["receiver"], **body}
    fix(sent)
    if reason is None:
        assert sent.id not in notes.unsure
    else:
        assert reason in notes.unsure[sent.id]
