"""Well-formed Contact API identifiers: every form and sub-shape a correct server must accept.

Why this exists: identifiers generated from the spec's pattern (CURATION.md C-02) are random
strings that rarely hit the shapes real servers get wrong: quoted local parts, internationalised
domains and mailboxes, 64-character local parts, 18-digit ids, 6- and 15-digit phone numbers,
non-geographic country codes. So the fuzzer sends this fixed catalogue in every run, live servers
included, and a well-formed identifier that names no contact must be a 404, never a 400 (C-02b,
C-04). `is_well_formed_identifier` is the bar the checks use for "a correct server must not answer
400 to this".

The catalogue is deterministic: fixed lists plus phonenumbers' example numbers picked in sorted
region order, no randomness, so it is the same on every machine with the locked dependencies.

Emails use reserved names only (example.com/.org/.net and `.example` from RFC 2606, the IDN
test names IANA set aside such as 例え.テスト, and example.jp / example.co.jp, which JPRS
reserves), so no send can reach a mailbox. The phones are phonenumbers' example numbers: valid
numbers that may belong to someone, so on a live server use them for reads (get, list), not sends.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

__all__ = [
    "CONTACT_IDENTIFIER_PATTERN",
    "MAX_IDENTIFIER_LENGTH",
    "is_well_formed_identifier",
    "well_formed_identifiers",
]

MAX_IDENTIFIER_LENGTH = 320

# ECMA-262 `\s` (WhiteSpace and LineTerminator): the spec's patterns are ECMA-262 (C-03), and
# Python's `\s` differs (it also matches U+001C..U+001F and U+0085).
_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
CONTACT_IDENTIFIER_PATTERN = re.compile(
    rf"id:[0-9]{{1,18}}|email:[^@{_SPACE}]+@[^@{_SPACE}]+\.[^@{_SPACE}]+|phone:\+[1-9][0-9]{{1,14}}"
)

# Ids: 1 digit, mid-size, the int32 / uint32 / 2**53 edges a server may parse with the wrong type,
# and the 18-digit extremes. `id:0` and leading zeros (`id:007`) match the spec's pattern too, but
# they are left out: every example id is positive and canonical, and nothing public says a server
# must take them rather than call them invalid, while this catalogue is sent to live servers in
# every run, where a 400 would be reported as a finding.
_IDS = (
    "1",
    "9",
    "10",
    "123",
    "123456789",
    "2147483647",
    "2147483648",
    "4294967296",
    "9007199254740991",
    "9007199254740993",
    "100000000000000000",
    "999999999999999999",
)

_LONG_LOCAL = "l" * 64  # RFC 5321's longest local part
_LONG_LABEL = "d" * 63  # RFC 1035's longest label
# 64 + 1 + 189 = 254 characters, the longest address email-validator takes.
_LONGEST_ADDRESS = f"{'m' * 64}@{'a' * 63}.{'b' * 63}.{'c' * 53}.example"

_EMAILS = (
    # plain, dots, plus addressing, atext specials
    "user@example.com",
    "first.last@example.org",
    "a.b.c.d@example.net",
    "a+tag@example.net",
    "first.last+news.letter@example.org",
    "user_name@example.com",
    "o'brien@example.com",
    "1234567890@example.com",
    "!#$%&'*+-/=?^_`{|}~@example.com",
    # domains: subdomains, hyphens and digits, long labels, 2-letter and long TLDs
    "user@mail.example.com",
    "user@a.b.c.d.example.org",
    "user@mail-01.sub-2.example.net",
    "user@1.example",
    f"user@{_LONG_LABEL}.example.com",
    "user@example.jp",
    "user@mail.example.co.jp",
    "user@mail.example",
    # lengths
    f"{_LONG_LOCAL}@example.com",
    _LONGEST_ADDRESS,
    # upper case (the local part is case-sensitive, the domain is not)
    "John.Doe@EXAMPLE.COM",
    "USER@MAIL.EXAMPLE.ORG",
    # quoted local parts, no whitespace
    '"john.doe"@example.com',
    '"a..b"@example.org',
    '".dot.first"@example.net',
    '"a(b)c,d;e<f>[g]:h"@example.com',
    '"quote\\"inside"@example.com',
    # internationalised domains (Unicode and the same domain in punycode) and mailboxes (UTF-8)
    "user@bücher.example",
    "user@xn--bcher-kva.example",
    "USER@BÜCHER.EXAMPLE",
    "user@例え.テスト",
    "user@пример.испытание",
    "user@उदाहरण.परीक्षा",
    "josé@example.com",
    "jose\u0301@example.com",  # the same mailbox, decomposed (NFD)
    "用户@例え.テスト",
    "δοκιμή@παράδειγμα.δοκιμή",
)

_PHONE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.VOIP,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
    phonenumbers.PhoneNumberType.PAGER,
    phonenumbers.PhoneNumberType.UAN,
    phonenumbers.PhoneNumberType.VOICEMAIL,
)
# Every sixth region (sorted), about 40 of the ~245, each with a number type in rotation.
_REGION_STRIDE = 6


def _e164(number: phonenumbers.PhoneNumber | None) -> str | None:
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    text: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return text if CONTACT_IDENTIFIER_PATTERN.fullmatch(f"phone:{text}") else None


def _region_examples(region: str, first_type: int) -> list[str]:
    """The region's valid example numbers, starting from `_PHONE_TYPES[first_type]`."""
    rotated = _PHONE_TYPES[first_type:] + _PHONE_TYPES[:first_type]
    found = (_e164(phonenumbers.example_number_for_type(region, kind)) for kind in rotated)
    return [number for number in found if number is not None]


def _country_code_length(number: str) -> int:
    return len(str(phonenumbers.parse(number, None).country_code))


def _phones() -> list[str]:
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    every = [number for region in regions for number in _region_examples(region, 0)]
    picked: dict[str, None] = {}  # ordered set
    for index, region in enumerate(regions[::_REGION_STRIDE]):
        examples = _region_examples(region, index % len(_PHONE_TYPES))
        if examples:
            picked.setdefault(examples[0])
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        number = _e164(phonenumbers.example_number_for_non_geo_entity(code))
        if number is not None:
            picked.setdefault(number)
            every.append(number)
    # Every E.164 length and every country-code length that any example has, at least once.
    for measure in (len, _country_code_length):
        for wanted in sorted({measure(number) for number in every} - {measure(n) for n in picked}):
            picked.setdefault(next(number for number in every if measure(number) == wanted))
    return list(picked)


@functools.cache
def well_formed_identifiers() -> tuple[str, ...]:
    """About a hundred identifiers (ids, emails, phones) that every correct server must accept."""
    identifiers = (
        [f"id:{value}" for value in _IDS]
        + [f"email:{address}" for address in _EMAILS]
        + [f"phone:{number}" for number in _phones()]
    )
    return tuple(identifiers)


def _real_email(address: str) -> bool:
    try:
        validate_email(
            address,
            check_deliverability=False,
            allow_quoted_local=True,
            allow_smtputf8=True,
            allow_domain_literal=False,
            allow_display_name=False,
            allow_empty_local=False,
            globally_deliverable=True,
            # Without strict, email-validator takes local parts over RFC 5321's 64 octets, which a
            # correct server may refuse.
            strict=True,
        )
    except EmailNotValidError:
        return False
    return True


def _real_phone(number: str) -> bool:
    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(number, None)))
    except phonenumbers.NumberParseException:
        return False


@functools.lru_cache(maxsize=4096)
def is_well_formed_identifier(value: str) -> bool:
    """True when a correct server must not answer 400: the spec's pattern and length, and a real
    address (email-validator, quoted and internationalised allowed) or number (phonenumbers)."""
    if len(value) > MAX_IDENTIFIER_LENGTH or not CONTACT_IDENTIFIER_PATTERN.fullmatch(value):
        return False
    kind, _, rest = value.partition(":")
    if kind == "email":
        return _real_email(rest)
    if kind == "phone":
        return _real_phone(rest)
    return True
