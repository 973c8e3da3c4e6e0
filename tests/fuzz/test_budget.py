"""--budget and --rate-limit parsing, and request pacing."""

from __future__ import annotations

import time

import pytest

from aelyst_contract.fuzz import Budget, parse_budget
from aelyst_contract.fuzz._errors import OptionError
from aelyst_contract.fuzz._http import Throttle, parse_rate_limit


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("50", Budget(examples=50)),
        ("60s", Budget(seconds=60)),
        ("2m", Budget(seconds=120)),
        ("2h", Budget(seconds=7200)),
    ],
)
def test_budgets_are_examples_or_time(text: str, budget: Budget) -> None:
    assert parse_budget(text) == budget


@pytest.mark.parametrize("text", ["0", "-5", "ten", "5d", "", "1e3", "999999999"])
def test_bad_budgets_are_one_line_errors(text: str) -> None:
    with pytest.raises(OptionError, match="--budget"):
        parse_budget(text)


def test_rate_limits_are_requests_per_unit() -> None:
    assert parse_rate_limit("10/s") == 10
    assert parse_rate_limit("120/m") == 2
    with pytest.raises(OptionError, match="--rate-limit"):
        parse_rate_limit("fast")
    with pytest.raises(OptionError, match="--rate-limit"):
        parse_rate_limit("0/s")


def test_a_throttle_spaces_requests_out() -> None:
    throttle = Throttle(50.0)  # one request per 20 ms
    started = time.monotonic()
    for _ in range(4):
        throttle.wait()
    assert time.monotonic() - started >= 0.059  # three gaps of 20 ms at least
