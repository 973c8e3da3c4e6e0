"""Everything a handler needs: config views, store, clock, faults, rate limiter, signing key."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from aelyst_contract.emulator._clock import EmulatorClock
from aelyst_contract.emulator._config import (
    ContactChannel,
    ContactToken,
    EmulatorConfig,
    Workspace,
    WorkspaceChannel,
)
from aelyst_contract.emulator._faults import FaultSwitch
from aelyst_contract.emulator._ratelimit import RateLimiter
from aelyst_contract.emulator._store import Store

__all__ = ["LATEST_CLOCK", "ClockOutOfRangeError", "EmulatorState"]

_CLOCK_OFFSET_KEY = "clock_offset"
# The clock never passes 9000-01-01T00:00:00Z, so every date the rules derive from it (35 days
# of scheduling, validity, page tokens) stays far inside what a datetime can hold.
LATEST_CLOCK = 221845392000.0


class ClockOutOfRangeError(ValueError):
    pass


class EmulatorState:
    def __init__(self, config: EmulatorConfig, db_path: str, faults: FaultSwitch) -> None:
        self.config = config
        self.faults = faults
        self.limiter = RateLimiter()
        self.clock = EmulatorClock()
        self.store = Store(db_path, config, self.clock.now())
        saved_offset = self.store.meta(_CLOCK_OFFSET_KEY)
        if saved_offset is not None:
            # A restart resumes the clock where admin had moved it.
            self.clock = EmulatorClock(float(saved_offset))
        self._secret = config.signing_secret.encode("utf-8")
        self.contact_channels: dict[int, ContactChannel] = {
            channel.id: channel for channel in config.contact_channels
        }
        self.contact_tokens: dict[str, ContactToken] = {
            token.token: token for token in config.contact_tokens
        }
        self.workspaces_by_key: dict[str, Workspace] = {
            workspace.access_key: workspace for workspace in config.workspaces
        }
        self.workspaces_by_id: dict[str, Workspace] = {
            workspace.id: workspace for workspace in config.workspaces
        }
        self.channels_by_id: dict[str, tuple[Workspace, WorkspaceChannel]] = {
            channel.id: (workspace, channel)
            for workspace in config.workspaces
            for channel in workspace.channels
        }

    def now(self) -> float:
        return self.clock.now()

    def advance_clock(self, seconds: float) -> float:
        """Move the clock forward; ClockOutOfRangeError past LATEST_CLOCK (nothing moves)."""
        if self.clock.now() + seconds > LATEST_CLOCK:
            raise ClockOutOfRangeError(
                "the clock cannot pass 9000-01-01T00:00:00Z; reset it to start over"
            )
        now = self.clock.advance(seconds)
        self.store.set_meta(_CLOCK_OFFSET_KEY, repr(self.clock.offset))
        return now

    def reset(self) -> None:
        self.clock.reset()
        self.store.set_meta(_CLOCK_OFFSET_KEY, repr(self.clock.offset))
        self.store.reset(self.clock.now())
        self.limiter.reset()

    # -- signing: page tokens and upload policies -------------------------------------------------

    def sign(self, payload: dict[str, Any]) -> str:
        """base64url(JSON).base64url(HMAC-SHA256): opaque to callers, tamper-evident to us."""
        data = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
        return f"{data}.{self.signature(data)}"

    def signature(self, data: str) -> str:
        return _b64(hmac.new(self._secret, data.encode("ascii"), hashlib.sha256).digest())

    def unsign(self, token: str) -> dict[str, Any] | None:
        """The payload of a token this emulator signed; None for anything else."""
        data, sep, signature = token.partition(".")
        if not sep or not data.isascii() or not signature.isascii():
            return None
        if not hmac.compare_digest(self.signature(data), signature):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(_pad(data)))
        except (ValueError, UnicodeDecodeError):
            return None
        return payload if isinstance(payload, dict) else None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _pad(data: str) -> bytes:
    return (data + "=" * (-len(data) % 4)).encode("ascii")
