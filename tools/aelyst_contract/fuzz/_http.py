"""Follow-up requests for probing checks, and the request pacing shared with the engine.

Credentials go only to URLs under the target's base URL; 429s are waited out (Retry-After,
capped) so a live target is never hammered.
"""

from __future__ import annotations

import functools
import json
import re
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx

from aelyst_contract.fuzz._errors import OptionError
from aelyst_contract.fuzz._exchange import (
    CheckFailed,
    Fetched,
    ProbeExchange,
    ProbeRequest,
    ProbeResponse,
    parse_body,
)

__all__ = ["HttpFetch", "Throttle", "parse_rate_limit", "verified_tls"]

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}
_MAX_RETRY_AFTER = 60.0


def parse_rate_limit(value: str) -> float:
    """`10/s`, `100/m`, `1000/h` -> requests per second; OptionError otherwise."""
    match = re.fullmatch(r"\s*([0-9]+)\s*/\s*([smh])\s*", value)
    if not match or int(match.group(1)) == 0:
        raise OptionError(f"--rate-limit must look like 10/s, 100/m or 1000/h, not {value!r}")
    return int(match.group(1)) / _UNITS[match.group(2)]


class Throttle:
    """At most `per_second` requests per second, across threads (None: no limit)."""

    def __init__(self, per_second: float | None) -> None:
        self._interval = 0.0 if not per_second else 1.0 / per_second
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self._interval:
            return
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            time.sleep(delay)


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after", "")
    if re.fullmatch(r"[0-9]+", value.strip()):
        return min(float(value), _MAX_RETRY_AFTER)
    return None


@functools.cache
def verified_tls() -> ssl.SSLContext:
    """The one certificate-verifying TLS context every client of the fuzzer shares: httpx builds
    a new one for each client otherwise, loading the CA bundle each time (~16 ms, and a run
    makes several clients)."""
    return httpx.create_ssl_context()


class HttpFetch:
    """The `Fetch` the probing checks use against a running target."""

    def __init__(
        self,
        base_url: str,
        authorization: str | None,
        *,
        throttle: Throttle | None = None,
        retries_on_429: int = 2,
        verify: bool = True,
    ) -> None:
        self._base = urlsplit(base_url)
        self._authorization = authorization
        self.throttle = throttle or Throttle(None)
        self._retries = retries_on_429
        self._client = httpx.Client(
            timeout=10.0, follow_redirects=False, verify=verified_tls() if verify else False
        )
        # The requests sent since the caller last cleared this (a failing check's report shows
        # the probe behind it), and every attempt with its answer (for the HAR).
        self.sent: list[ProbeRequest] = []
        self.exchanges: list[ProbeExchange] = []

    def clear(self) -> None:
        """Forget what was sent so far: the caller starts a new check."""
        self.sent.clear()
        self.exchanges.clear()

    def _send(self, probe: ProbeRequest, send: Callable[[], httpx.Response]) -> httpx.Response:
        """One attempt, recorded with its answer (or its absence) before an error propagates."""
        started_at = time.time()
        try:
            response = send()
        except httpx.HTTPError:
            self.exchanges.append(ProbeExchange(probe, None, started_at))
            raise
        answer = ProbeResponse(
            status=response.status_code,
            headers=dict(response.headers.items()),
            body=response.text,
            elapsed_ms=response.elapsed.total_seconds() * 1000,
        )
        self.exchanges.append(ProbeExchange(probe, answer, started_at))
        return response

    def close(self) -> None:
        self._client.close()

    def _inside_base(self, url: str) -> bool:
        parts = urlsplit(url)
        return (parts.scheme, parts.netloc) == (self._base.scheme, self._base.netloc) and (
            parts.path.startswith(self._base.path.rstrip("/") + "/")
        )

    def __call__(
        self,
        method: str,
        url: str,
        *,
        replace_auth: bool = False,
        authorization: str | None = None,
        json_body: Any = None,
        wait_on_429: bool = True,
    ) -> Fetched:
        if not self._inside_base(url):
            raise CheckFailed(f"refusing to send credentials outside the base URL: {url!r}")
        header = authorization if replace_auth else self._authorization
        headers = {"Authorization": header} if header is not None else {}
        content = None
        if json_body is not None:
            content = json.dumps(json_body)
            headers["Content-Type"] = "application/json"
        probe = ProbeRequest(method=method.upper(), url=url, headers=headers, body=content)
        self.sent.append(probe)
        for attempt in range(self._retries + 1):
            self.throttle.wait()
            try:
                response = self._send(
                    probe,
                    lambda: self._client.request(method, url, headers=headers, content=content),
                )
            except httpx.HTTPError as error:
                raise CheckFailed(f"follow-up {method} {url} failed: {error}", probe) from error
            delay = _retry_after(response.headers) if response.status_code == 429 else None
            if delay is None or attempt == self._retries or not wait_on_429:
                break
            time.sleep(delay)
        return Fetched(
            status=response.status_code,
            headers={name.lower(): value for name, value in response.headers.items()},
            body=parse_body(response.content),
            request=probe,
        )

    def upload(self, url: str, fields: Mapping[str, str], content: bytes) -> int:
        """A presigned multipart upload; never carries credentials. The caller has checked that
        the host is one the run may contact."""
        probe = ProbeRequest("POST", url, {"Content-Type": "multipart/form-data"}, None)
        self.sent.append(probe)
        self.throttle.wait()
        media_type = fields.get("Content-Type", "application/octet-stream")
        try:
            response = self._send(
                probe,
                lambda: self._client.post(
                    url, data=dict(fields), files={"file": ("fuzz.bin", content, media_type)}
                ),
            )
        except httpx.HTTPError as error:
            raise CheckFailed(f"upload to {url} failed: {error}") from error
        return response.status_code
