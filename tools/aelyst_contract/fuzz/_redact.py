"""Secrets never reach a report: credentials headers are masked and secret values scrubbed.

Curl lines are the exception that proves the rule: they must reproduce the request when pasted,
so a secret there becomes a reference to the environment variable that holds it
(`"${AELYST_CONTACT_TOKEN}"`), and nothing else in the request is changed.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping

__all__ = ["REDACTED", "Redactor", "curl_line"]

REDACTED = "[REDACTED]"
_SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
# Headers the transport computes or that only identify the tool: a pasted curl sets its own.
_TRANSPORT_HEADERS = {
    "content-length",
    "connection",
    "host",
    "accept-encoding",
    "user-agent",
    "x-schemathesis-testcaseid",
}


class Redactor:
    def __init__(self, secrets: Iterable[str]) -> None:
        # Longest first, so a secret that contains another is masked whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def text(self, value: str) -> str:
        for secret in self._secrets:
            value = value.replace(secret, REDACTED)
        return value

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        return {
            name: REDACTED if name.lower() in _SECRET_HEADERS else self.text(value)
            for name, value in headers.items()
        }


def _shell_word(text: str, secrets: Mapping[str, str]) -> str:
    """`text` as one shell word, each secret in it replaced by its variable's expansion."""
    known = sorted((s for s in secrets if s), key=len, reverse=True)
    if not known:
        return shlex.quote(text)
    pieces = re.split("(" + "|".join(re.escape(s) for s in known) + ")", text)
    word = ""
    for index, piece in enumerate(pieces):
        if index % 2:
            word += f'"${{{secrets[piece]}}}"' if secrets[piece] else shlex.quote(REDACTED)
        elif piece:
            word += shlex.quote(piece)
    return word or "''"


def curl_line(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: str | None,
    secrets: Mapping[str, str],
) -> str:
    """A curl command that sends this request again. `secrets` maps each secret value to the
    environment variable holding it ("" when none does: then it is masked)."""
    words = ["curl", "-X", shlex.quote(method.upper())]
    for name, value in headers.items():
        if name.lower() in _TRANSPORT_HEADERS:
            continue
        words += ["-H", _shell_word(f"{name}: {value}", secrets)]
    if body is not None:
        words += ["--data-binary", _shell_word(body, secrets)]
    words.append(_shell_word(url, secrets))
    return " ".join(words)
