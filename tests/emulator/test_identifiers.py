"""Contact identifiers with real validators, normalised."""

from __future__ import annotations

import pytest

from tools.emulator._identifiers import ContactIdentifier, IdentifierError, parse_contact_identifier


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("id:123", ContactIdentifier("id", "123")),
        ("id:007", ContactIdentifier("id", "7")),
        ("email:abdc@gmail.com", ContactIdentifier("email", "abdc@gmail.com")),
        ("email:Ada@Example.COM", ContactIdentifier("email", "Ada@example.com")),
        ("phone:+60121233112", ContactIdentifier("phone", "+60121233112")),
        ("phone:+15555550100", ContactIdentifier("phone", "+15555550100")),
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
