"""Contact identifiers (`id:`, `email:`, `phone:`) and receiver identifiers, with real validators.

Bar chosen: a phone number must be E.164 syntax (`+` then 2-15 digits, no leading 0) and
`phonenumbers.is_possible_number` (length fits the country's plan); `is_valid_number` would reject
test numbers such as +1 555 555 0100 that real senders use. Emails go through email-validator
without deliverability checks (no DNS), with quoted local parts (`"john.doe"@example.com`) and
internationalised addresses (`josé@bücher.example`) allowed. An `email:` identifier must also keep
the identifier syntax: one `@`, no whitespace (ECMA-262's set), a dot after the `@`, which rules out
quoted local parts with spaces or an `@` that email-validator alone would take. Both are normalised
(E.164; NFC, Unicode domain, needless quotes dropped) so one contact is found under every spelling:
`"john.doe"@example.com` is `john.doe@example.com`, `user@xn--bcher-kva.example` is
`user@bücher.example`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, ValidatedEmail, validate_email

__all__ = [
    "MAX_IDENTIFIER_LENGTH",
    "ContactIdentifier",
    "IdentifierError",
    "email_problem",
    "normalise_email",
    "normalise_phone",
    "parse_contact_identifier",
    "phone_problem",
]

_E164_RE = re.compile(r"^\+[1-9][0-9]{1,14}$")
_ID_RE = re.compile(r"^[0-9]{1,18}$")
# Whitespace as ECMA-262's `\s` means it (Python's `\s` also takes U+001C..U+001F and U+0085).
_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_EMAIL_SYNTAX_RE = re.compile(rf"[^@{_SPACE}]+@[^@{_SPACE}]+\.[^@{_SPACE}]+")
MAX_IDENTIFIER_LENGTH = 320


@dataclass(frozen=True)
class ContactIdentifier:
    kind: str  # id | email | phone
    value: str  # digits, normalised address or E.164 number


class IdentifierError(ValueError):
    pass


def _shown(text: str) -> str:
    shown = text if len(text) <= 80 else text[:77] + "..."
    return repr(shown)


def phone_problem(number: str) -> str:
    if not _E164_RE.fullmatch(number):
        return "is not an E.164 phone number (+ and 2-15 digits)"
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return "is not a phone number"
    if not phonenumbers.is_possible_number(parsed):
        return "is not a possible phone number"
    return ""


def normalise_phone(number: str) -> str:
    return phonenumbers.format_number(
        phonenumbers.parse(number, None), phonenumbers.PhoneNumberFormat.E164
    )


def email_problem(address: str) -> str:
    if len(address) > MAX_IDENTIFIER_LENGTH:
        return "is too long for an email address"
    try:
        _validated(address)
    except EmailNotValidError as error:
        return f"is not a valid email address ({error})"
    return ""


def _validated(address: str) -> ValidatedEmail:
    return validate_email(
        address, check_deliverability=False, allow_quoted_local=True, allow_smtputf8=True
    )


def normalise_email(address: str) -> str:
    return _validated(address).normalized


@functools.lru_cache(maxsize=4096)
def parse_contact_identifier(text: str) -> ContactIdentifier:
    """The decoded path identifier; IdentifierError names it and says what is wrong."""
    if len(text) > MAX_IDENTIFIER_LENGTH:
        raise IdentifierError(f"identifier {_shown(text)} is longer than 320 characters")
    kind, sep, value = text.partition(":")
    if not sep or kind not in ("id", "email", "phone"):
        raise IdentifierError(
            f"identifier {_shown(text)} must be id:<digits>, email:<address> or phone:<E.164>"
        )
    if kind == "id":
        if not _ID_RE.fullmatch(value):
            raise IdentifierError(f"identifier {_shown(text)}: a contact id is 1-18 digits")
        return ContactIdentifier("id", str(int(value)))
    if kind == "email":
        if not _EMAIL_SYNTAX_RE.fullmatch(value):
            raise IdentifierError(
                f"identifier {_shown(text)}: an email address is one @, no whitespace and a dot"
                " after the @"
            )
        problem = email_problem(value)
        if problem:
            raise IdentifierError(f"identifier {_shown(text)}: {value!r} {problem}")
        return ContactIdentifier("email", normalise_email(value))
    problem = phone_problem(value)
    if problem:
        raise IdentifierError(f"identifier {_shown(text)}: {value!r} {problem}")
    return ContactIdentifier("phone", normalise_phone(value))
