"""The rate-limit probe: bounded, with the right credentials, judging the 429's three headers,
and "not exercised" (never pass or fail) when no 429 comes."""

from __future__ import annotations

import httpx
import respx

from aelyst_contract.fuzz import Target, target_from_profile
from aelyst_contract.fuzz._events import FuzzEvent
from aelyst_contract.fuzz._profile import parse_profile
from aelyst_contract.fuzz._rate_probe import probe_rate_limits
from aelyst_contract.fuzz._target import RateProbe

BASE = "https://api.example.com/v1"
LIST = "GET /contact/{identifier}/message/list"
URL = f"{BASE}/contact/id%3A1/message/list"
EXHAUSTED = {"retry-after": "12", "x-ratelimit-limit": "3", "x-ratelimit-remaining": "0"}


def _target(mode: str = "credential", max_requests: int = 5) -> Target:
    return Target(
        contact_url=BASE,
        channel_url=None,
        contact_token="main-token",
        rate_probe=RateProbe(
            mode=mode,  # type: ignore[arg-type]
            max_requests=max_requests,
            within_seconds=10.0,
            contact_authorization="Bearer low-limit-token",
        ),
        secret_env={"main-token": "AELYST_CONTACT_TOKEN", "low-limit-token": "LIMITED"},
    )


def _probe(target: Target) -> list[FuzzEvent]:
    events: list[FuzzEvent] = []
    probe_rate_limits("contact", target, {LIST: (URL, None)}, events.append)
    return events


@respx.mock
def test_a_429_with_its_headers_passes_and_the_burst_stops_there() -> None:
    route = respx.get(URL).mock(
        side_effect=[httpx.Response(200, json={"items": []})] * 2
        + [httpx.Response(429, headers=EXHAUSTED, json={"code": 429, "message": "Too Many"})]
    )
    (result,) = _probe(_target())
    (outcome,) = result.outcomes  # type: ignore[union-attr]
    assert outcome.check == "rate_limit_headers"
    assert outcome.status == "pass"
    assert route.call_count == 3
    assert all(
        call.request.headers["authorization"] == "Bearer low-limit-token" for call in route.calls
    )


@respx.mock
def test_a_429_without_retry_after_fails_with_a_curl_line_that_names_the_variable() -> None:
    headers = {k: v for k, v in EXHAUSTED.items() if k != "retry-after"}
    respx.get(URL).mock(return_value=httpx.Response(429, headers=headers))
    (result,) = _probe(_target())
    (outcome,) = result.outcomes  # type: ignore[union-attr]
    assert outcome.status == "fail"
    assert "retry-after" in outcome.message
    assert '"${LIMITED}"' in outcome.curl
    assert "low-limit-token" not in outcome.curl


@respx.mock
def test_no_429_within_the_bound_is_not_exercised_never_a_failure() -> None:
    route = respx.get(URL).mock(return_value=httpx.Response(200, json={"items": []}))
    (result,) = _probe(_target(max_requests=4))
    (outcome,) = result.outcomes  # type: ignore[union-attr]
    assert outcome.status == "not exercised"
    assert "no 429 within 4 requests" in outcome.not_exercised
    assert route.call_count == 4  # never more than the profile allows


@respx.mock
def test_a_burst_profile_probes_with_the_runs_own_credentials() -> None:
    profile = parse_profile(
        {"contact": {"url": BASE}, "rate_limits": {"probe": "burst", "max_requests": 3}}
    )
    target = target_from_profile(profile, ("contact",), {"AELYST_CONTACT_TOKEN": "main-token"})
    route = respx.get(URL).mock(
        return_value=httpx.Response(429, headers={**EXHAUSTED, "retry-after": "0"})
    )
    (result,) = _probe(target)
    assert result.outcomes[0].status == "pass"  # type: ignore[union-attr]
    assert route.calls[0].request.headers["authorization"] == "Bearer main-token"


def test_without_a_probe_nothing_is_sent() -> None:
    target = Target(contact_url=BASE, channel_url=None, contact_token="t")
    with respx.mock(assert_all_called=False) as mock:
        route = mock.get(URL)
        assert _probe(target) == []
        assert not route.called
