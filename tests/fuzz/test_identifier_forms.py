"""The catalogue of well-formed contact identifiers, and the classifier the checks use."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import phonenumbers
import pytest
from email_validator import validate_email

from aelyst_contract import load_spec
from aelyst_contract.fuzz._identifier_forms import (
    is_well_formed_identifier,
    well_formed_identifiers,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = well_formed_identifiers()
SPEC_SCHEMA: dict[str, Any] = load_spec("contact")["components"]["schemas"]["ContactIdentifier"]
SPEC_VALIDATOR = jsonschema_rs.validator_for(SPEC_SCHEMA)

# Names that can never reach a real mailbox (RFC 2606, IANA's IDN test names, JPRS's reserved
# example.jp), in their Unicode and ASCII spellings.
RESERVED_DOMAINS = (
    "example.com",
    "example.org",
    "example.net",
    ".example",
    "example.jp",
    "example.co.jp",
    "例え.テスト",
    "пример.испытание",
    "उदाहरण.परीक्षा",
    "παράδειγμα.δοκιμή",
)

_PHONE_TYPE_NAMES = "MOBILE FIXED_LINE TOLL_FREE PREMIUM_RATE SHARED_COST VOIP PERSONAL_NUMBER"
_PHONE_TYPES = [
    getattr(phonenumbers.PhoneNumberType, name)
    for name in (_PHONE_TYPE_NAMES + " PAGER UAN VOICEMAIL FIXED_LINE_OR_MOBILE").split()
]


def _values(kind: str) -> list[str]:
    return [entry.partition(":")[2] for entry in CATALOGUE if entry.startswith(f"{kind}:")]


def _parts(address: str) -> tuple[str, str]:
    local, _, domain = address.rpartition("@")
    return local, domain


def _phone_lengths() -> set[int]:
    """The E.164 lengths (digits after +) of every example number phonenumbers has."""
    examples = [
        phonenumbers.example_number_for_type(region, kind)
        for region in phonenumbers.SUPPORTED_REGIONS
        for kind in _PHONE_TYPES
    ] + [
        phonenumbers.example_number_for_non_geo_entity(code)
        for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS
    ]
    return {
        len(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)) - 1
        for number in examples
        if number is not None and phonenumbers.is_valid_number(number)
    }


# -- the catalogue --------------------------------------------------------------------------------


def test_catalogue_is_deterministic() -> None:
    assert well_formed_identifiers() is CATALOGUE
    well_formed_identifiers.cache_clear()
    assert well_formed_identifiers() == CATALOGUE
    assert len(set(CATALOGUE)) == len(CATALOGUE)


def test_catalogue_is_the_same_under_another_hash_seed() -> None:
    code = (
        "from aelyst_contract.fuzz._identifier_forms import *; "
        "print(repr(well_formed_identifiers()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    assert out.strip() == repr(CATALOGUE)


def test_catalogue_size_per_kind() -> None:
    assert 60 <= len(CATALOGUE) <= 150
    assert len(_values("id")) >= 5
    assert len(_values("email")) >= 20
    assert 20 <= len(_values("phone")) <= 60
    assert len(_values("id")) + len(_values("email")) + len(_values("phone")) == len(CATALOGUE)


@pytest.mark.parametrize("identifier", CATALOGUE)
def test_every_entry_is_spec_valid_and_well_formed(identifier: str) -> None:
    assert SPEC_VALIDATOR.is_valid(identifier)
    assert is_well_formed_identifier(identifier)
    kind, _, value = identifier.partition(":")
    if kind == "email":
        validate_email(value, check_deliverability=False, allow_quoted_local=True)
        assert _parts(value)[1].lower().endswith(RESERVED_DOMAINS), "not a reserved domain"
    elif kind == "phone":
        assert phonenumbers.is_valid_number(phonenumbers.parse(value, None))


def test_ids_cover_the_bounds() -> None:
    ids = _values("id")
    assert "1" in ids
    assert "999999999999999999" in ids
    assert any(len(value) == 18 for value in ids if value != "999999999999999999")
    assert any(6 <= len(value) <= 12 for value in ids)
    # Pattern-valid but left out on purpose (see the module): 0 and leading zeros.
    assert all(value != "0" and not value.startswith("0") for value in ids)


EMAIL_SHAPES: dict[str, Callable[[str, str], bool]] = {
    "plain": lambda local, domain: (local, domain) == ("user", "example.com"),
    "dots in the local part": lambda local, domain: "." in local and not local.startswith('"'),
    "plus addressing": lambda local, domain: "+" in local and not local.startswith("!"),
    "subdomains, several levels": lambda local, domain: domain.count(".") >= 4,
    "hyphen and digits in the domain": lambda local, domain: (
        "-" in domain and any(c.isdigit() for c in domain)
    ),
    "64-character local part": lambda local, domain: len(local) == 64,
    "63-character domain label": lambda local, domain: any(
        len(label) == 63 for label in domain.split(".")
    ),
    "quoted local part": lambda local, domain: local.startswith('"') and local.endswith('"'),
    "quoted local part with consecutive dots": lambda local, domain: local == '"a..b"',
    "internationalised domain": lambda local, domain: not domain.isascii(),
    "punycode domain": lambda local, domain: "xn--" in domain,
    "UTF-8 local part": lambda local, domain: not local.isascii(),
    "upper-case letters": lambda local, domain: any(c.isupper() for c in local + domain),
    "2-letter TLD": lambda local, domain: len(domain.rsplit(".", 1)[1]) == 2,
    "long TLD": lambda local, domain: len(domain.rsplit(".", 1)[1]) >= 7,
}


@pytest.mark.parametrize("shape", sorted(EMAIL_SHAPES))
def test_emails_cover_each_shape(shape: str) -> None:
    assert any(EMAIL_SHAPES[shape](*_parts(address)) for address in _values("email"))


def test_email_examples_named_in_the_brief_are_present() -> None:
    emails = set(_values("email"))
    assert {'"john.doe"@example.com', '"a..b"@example.org', "user@bücher.example"} <= emails
    assert "user@例え.テスト" in emails
    assert "l" * 64 + "@example.com" in emails


def test_emails_fit_the_identifier_length() -> None:
    longest = max(len(f"email:{address}") for address in _values("email"))
    assert 254 + len("email:") == longest <= 320


def test_phones_cover_every_length_and_country_code_length() -> None:
    numbers = [phonenumbers.parse(value, None) for value in _values("phone")]
    lengths = {len(value) - 1 for value in _values("phone")}
    examples = _phone_lengths()
    assert lengths >= set(range(min(examples), max(examples) + 1))
    assert {len(str(number.country_code)) for number in numbers} == {1, 2, 3}
    regions = {phonenumbers.region_code_for_number(number) for number in numbers}
    assert "001" in regions  # a non-geographic entity (+800, +882, ...)
    assert len(regions - {"001"}) >= 30


# -- the classifier -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "identifier",
    [
        "phone:+999999",  # pattern-valid, not a number
        "phone:+15555550100",  # possible, but a fictional range: not valid
        "phone:+1234567890123456",  # 16 digits
        "phone:60121233112",
        "email:a b@example.com",
        "email:a\u3000b@example.com",  # ECMA whitespace
        'email:"john doe"@example.com',  # quoted, but with a space
        'email:"a@b"@example.com',
        "email:a@b",
        "email:a@example.test",  # special-use domain
        "email:" + "l" * 65 + "@example.com",  # over RFC 5321's 64
        "email:a@" + "d" * 64 + ".example.com",  # label over 63
        "id:" + "1" * 19,
        "id:",
        "id:-1",
        "id:123\n",
        "ID:123",
        "contact:1",
        "",
    ],
)
def test_classifier_rejects(identifier: str) -> None:
    assert not is_well_formed_identifier(identifier)


@pytest.mark.parametrize(
    "identifier",
    [
        "id:123",
        "id:0",  # pattern-valid; kept out of the catalogue, not out of the classifier
        "email:abdc@gmail.com",
        "email:josé@bücher.example",
        'email:"john.doe"@example.com',
        "phone:+60121233112",
    ],
)
def test_classifier_accepts(identifier: str) -> None:
    assert is_well_formed_identifier(identifier)
