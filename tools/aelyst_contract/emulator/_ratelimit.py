"""Fixed-window rate limits on the emulator clock, per credential and endpoint (kept in memory)."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from aelyst_contract.emulator._config import RateLimit

__all__ = ["RateDecision", "RateLimiter"]


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int

    def headers(self) -> dict[str, str]:
        return {"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(self.remaining)}


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        # bucket key -> (window start, requests counted in it)
        self._windows: dict[tuple[str, ...], tuple[int, int]] = {}

    def hit(self, key: tuple[str, ...], rate: RateLimit, now: float) -> RateDecision:
        """Count one request; a refused request is not counted against the next window."""
        window_start = int(now // rate.window_seconds) * rate.window_seconds
        with self._lock:
            start, count = self._windows.get(key, (window_start, 0))
            if start != window_start:
                count = 0
            if count >= rate.limit:
                self._windows[key] = (window_start, count)
                retry = max(1, math.ceil(window_start + rate.window_seconds - now))
                return RateDecision(False, rate.limit, 0, retry)
            count += 1
            self._windows[key] = (window_start, count)
        return RateDecision(True, rate.limit, rate.limit - count, 0)

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()
