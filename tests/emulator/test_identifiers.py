"""Contact identifiers with real validators, normalised."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from aelyst_contract.emulator import RunningEmulator
from aelyst_contract.emulator._identifiers import (
    ContactIdentifier,
    IdentifierError,
    parse_contact_identifier,
)
from aelyst_contract.fuzz._identifier_forms import well_formed_identifiers
from tests.emulator.helpers import contact_client, send_contact


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("id:123", ContactIdentifier("id", "123")),
        ("id:007", ContactIdentifier("id", "7")),
        ("email:abdc@gmail.com", ContactIdentifier("email", "abdc@gmail.com")),
        ("email:Ada@Example.COM", ContactIdentifier("email", "Ada@example.com")),
        ("phone:+60121233112", ContactIdentifier("phone", "+60121233112")),
        ("phone:+15555550100", ContactIdentifier("phone", "+15555550100")),
        # quoted local parts: needless quotes are dropped, needed ones kept
        ('email:"john.doe"@example.com', ContactIdentifier("email", "john.doe@example.com")),
        ('email:"a..b"@example.org', ContactIdentifier("email", '"a..b"@example.org')),
        # internationalised domains (Unicode, whatever the spelling) and mailboxes (NFC)
        ("email:user@xn--bcher-kva.example", ContactIdentifier("email", "user@bücher.example")),
        ("email:user@BÜCHER.example", ContactIdentifier("email", "user@bücher.example")),
        ("email:jose\u0301@example.com", ContactIdentifier("email", "jos\u00e9@example.com")),
        ("email:用户@例え.テスト", ContactIdentifier("email", "用户@例え.テスト")),
        ("phone:+989601", ContactIdentifier("phone", "+989601")),
        ("phone:+878101234567890", ContactIdentifier("phone", "+878101234567890")),
    ],
)
def test_valid_identifiers(text: str, parsed: ContactIdentifier) -> None:
    assert parse_contact_identifier(text) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "",
        "id",
        "id:",
        "id:-1",
        "id:1.0",
        "ID:1",
        "email:",
        "email:a@b",
        "email:a b@c.com",
        'email:"john doe"@example.com',
        'email:"a@b"@example.com',
        "email:a\u3000b@example.com",
        "phone:+",
        "phone:+1",
        "phone:0612345678",
        "phone:+999999999",
        "phone: +60121233112",
        "phone:+6012123311234567",
        "x" * 400,
        "phone:+60\uff1121233112",
    ],
)
def test_invalid_identifiers_name_themselves(text: str) -> None:
    with pytest.raises(IdentifierError) as raised:
        parse_contact_identifier(text)
    assert repr(text[:77])[1:-1] in str(raised.value)


# -- over HTTP: every well-formed identifier is accepted -----------------------------------------


@pytest.mark.parametrize("identifier", well_formed_identifiers())
def test_well_formed_identifier_naming_no_message_is_404(
    emu: RunningEmulator, identifier: str
) -> None:
    quoted = quote(identifier, safe="")
    with contact_client(emu) as client:
        got = client.get(f"/contact/{quoted}/message/999999999")
        listed = client.get(f"/contact/{quoted}/message/list")
    assert got.status_code == 404, got.text
    assert got.json()["code"] == 404
    assert listed.status_code in (200, 404), listed.text
    if listed.status_code == 404:
        assert listed.json()["code"] == 404


@pytest.mark.parametrize(
    "spellings",
    [
        ('email:"john.doe"@example.com', "email:john.doe@example.com"),
        ("email:user@bücher.example", "email:user@xn--bcher-kva.example"),
        ("email:jos\u00e9@example.com", "email:jose\u0301@example.com"),
    ],
)
def test_one_contact_answers_to_every_spelling(
    emu: RunningEmulator, spellings: tuple[str, str]
) -> None:
    first, other = (quote(spelling, safe="") for spelling in spellings)
    with contact_client(emu) as client:
        sent = send_contact(client, first)
        assert sent.status_code == 200, sent.text
        got = client.get(f"/contact/{other}/message/{sent.json()['messageId']}")
    assert got.status_code == 200, got.text
