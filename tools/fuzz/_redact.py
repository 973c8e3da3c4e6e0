"""Secrets never reach a report: credentials headers are masked and secret values scrubbed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["REDACTED", "Redactor"]

REDACTED = "[REDACTED]"
_SECRET_HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}


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
