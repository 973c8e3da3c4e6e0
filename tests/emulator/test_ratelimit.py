"""Fixed windows per key on the emulator clock."""

from __future__ import annotations

from aelyst_contract.emulator._config import RateLimit
from aelyst_contract.emulator._ratelimit import RateLimiter


def test_counts_per_key_and_window() -> None:
    limiter = RateLimiter()
    rate = RateLimit(2, 10)
    first = limiter.hit(("a",), rate, 100.0)
    second = limiter.hit(("a",), rate, 101.0)
    third = limiter.hit(("a",), rate, 102.5)
    assert (first.allowed, first.remaining) == (True, 1)
    assert (second.allowed, second.remaining) == (True, 0)
    assert (third.allowed, third.remaining, third.retry_after) == (False, 0, 8)
    assert limiter.hit(("b",), rate, 102.5).allowed
    assert limiter.hit(("a",), rate, 110.0).allowed
    assert third.headers() == {"X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "0"}


def test_retry_after_is_at_least_one_second() -> None:
    limiter = RateLimiter()
    rate = RateLimit(1, 1)
    limiter.hit(("a",), rate, 5.999)
    assert limiter.hit(("a",), rate, 5.9995).retry_after == 1
