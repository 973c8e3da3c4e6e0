"""The neutral shapes project checks work on: one request/response pair, and a way to ask more.

Checks never see schemathesis or httpx types, so the same functions run as schemathesis custom
checks, in contract_tests and in unit tests fed hand-made exchanges.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol
from urllib.parse import parse_qs, urlsplit

from aelyst_contract.fuzz._spec_facts import ApiName, SpecFacts
from aelyst_contract.openapi import Operation

__all__ = [
    "NOT_JSON",
    "Capability",
    "CheckEnv",
    "CheckFailed",
    "Exchange",
    "Fetch",
    "Fetched",
    "NotExercisedError",
    "ProbeBudget",
    "ProbeExchange",
    "ProbeRequest",
    "ProbeResponse",
    "parse_body",
]


Capability = Literal[
    "follow_up", "writes", "upload", "rate_probe", "other_workspace", "emulator_clock"
]


class _NotJson:
    def __repr__(self) -> str:
        return "NOT_JSON"


NOT_JSON: Any = _NotJson()


@dataclass(frozen=True)
class ProbeRequest:
    """A follow-up request a check sent, as sent (credentials still in place: redact before
    reporting)."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: str | None


@dataclass(frozen=True)
class ProbeResponse:
    """The answer to a follow-up request, as received (redact before reporting)."""

    status: int
    headers: Mapping[str, str]
    body: str
    elapsed_ms: float


@dataclass(frozen=True)
class ProbeExchange:
    """One follow-up request as sent (each attempt, when a 429 was waited out) and its answer
    (None: the transport failed), for the reports: every follow-up appears in the HAR."""

    request: ProbeRequest
    response: ProbeResponse | None
    started_at: float  # epoch seconds


class CheckFailed(AssertionError):
    """A project check's verdict: the response breaks the contract (the message says how).

    `probe` is the follow-up request whose answer showed the problem, when there was one."""

    def __init__(self, message: str, probe: ProbeRequest | None = None) -> None:
        super().__init__(message)
        self.probe = probe


def parse_body(content: bytes | str | None) -> Any:
    """JSON body, or NOT_JSON when there is none or it does not parse."""
    if content is None or content in (b"", ""):
        return NOT_JSON
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return NOT_JSON


class NotExercisedError(Exception):
    """A check could not judge what it should have, for a reason the report must name (an upload
    URL on a host the run may not contact, ...): "not exercised", never pass or fail."""


@dataclass(frozen=True)
class Fetched:
    """A follow-up response a check asked for."""

    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: Any  # parsed JSON or NOT_JSON
    request: ProbeRequest | None = None


class Fetch(Protocol):
    """Send a follow-up request to the target (credentials added only for the target's base URL)."""

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
        """GET (or replay) `url`; with `replace_auth`, send `authorization` (None: no header)
        instead of the target's own credentials. A 429 is waited out unless `wait_on_429` is
        False."""


@dataclass(frozen=True)
class Exchange:
    """One request as sent and the response as received."""

    api: ApiName
    operation: Operation[ApiName] | None  # None: a method/path the spec does not declare
    method: str
    url: str
    path_params: Mapping[str, str]  # decoded, as the server should see them
    request_headers: Mapping[str, str]  # lower-cased names
    request_body: Any  # parsed JSON, or NOT_JSON
    status: int
    headers: Mapping[str, str]  # lower-cased names, first value
    body: Any  # parsed JSON, or NOT_JSON

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.url).query, keep_blank_values=True)

    @property
    def declared(self) -> bool:
        """The request used the operation's own method (not an unsupported-method probe)."""
        return self.operation is not None and self.operation.method == self.method.upper()


@dataclass
class ProbeBudget:
    """How many follow-up probes each (check, operation) may still run: keeps runs bounded."""

    per_operation: int = 3
    used: dict[tuple[str, str], int] = field(default_factory=dict)

    def take(self, check: str, operation: str, limit: int | None = None) -> bool:
        key = (check, operation)
        if self.used.get(key, 0) >= (self.per_operation if limit is None else limit):
            return False
        self.used[key] = self.used.get(key, 0) + 1
        return True


@dataclass
class CheckEnv:
    """What a check may use besides the exchange itself. Built by `check_env` in
    aelyst_contract.fuzz._runner for every run, the pytest suite and replays alike."""

    facts: SpecFacts
    base_url: str
    fetch: Fetch | None = None  # None: passive checks only
    # Authorization values that must never read data: label -> header value (None = no header).
    foreign_credentials: Mapping[str, str | None] = field(default_factory=dict)
    advance_clock: Callable[[int], None] | None = None  # the emulator's clock capability
    allow_writes: bool = True
    budget: ProbeBudget = field(default_factory=ProbeBudget)
    # Channel id -> whether it is a 2FA channel (default validity 600 s), where the target says.
    channel_two_factor: Mapping[str, bool] = field(default_factory=dict)
    # Channel id -> platform (None: not known), and platform -> contact API channel id, where
    # the target says: probes of the rules the spec states per platform pick channels from them.
    channel_platforms: Mapping[str, str | None] = field(default_factory=dict)
    contact_channels: Mapping[str, int] = field(default_factory=dict)
    # The second workspace's id, where the target names one (its key: foreign_credentials).
    other_workspace_id: str | None = None
    # Multipart POST without credentials: (url, form fields, file) -> status. None: no uploads.
    upload: Callable[[str, Mapping[str, str], bytes], int] | None = None
    # Whether a server-supplied URL may be requested (the APIs' hosts and the allowed hosts).
    host_allowed: Callable[[str], bool] = field(default=lambda url: False)
    capabilities: frozenset[Capability] = frozenset()
    # Schedule a follow-up for later in the run (check name, what to run: judged or raises
    # CheckFailed), for what needs real time to pass. None: nothing can wait.
    defer: Callable[[Exchange, str, Callable[[], bool]], None] | None = None
