"""The pieces of a campaign that need no run: shards, time shares, events.jsonl, --example-db."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from aelyst_contract.fuzz._errors import OptionError
from aelyst_contract.fuzz._event_log import EventLogReporter, read_event_log, without_bodies
from aelyst_contract.fuzz._events import (
    ApiFinished,
    ApiStarted,
    CaseResult,
    CheckOutcome,
    EngineProblem,
    FollowUp,
    FuzzEvent,
    PhaseChanged,
    RecordedRequest,
    RecordedResponse,
    RunFinished,
    RunStarted,
    SpecInfo,
    event_from_json,
    event_to_json,
)
from aelyst_contract.fuzz._example_db import parse_example_db
from aelyst_contract.fuzz._runner import _ApiWork, _extra_time, _ShardProbeBudget
from aelyst_contract.fuzz._shard import API_WIDE, Shard, deal, parse_shard, work_units

UNITS = work_units(
    [("contact", ["GET /a", "POST /a", "GET /b"]), ("channel", ["GET /c", "POST /c"])]
)


def test_units_are_operations_in_order_then_each_api_s_api_wide_unit() -> None:
    assert UNITS == [
        ("contact", "GET /a"),
        ("contact", "POST /a"),
        ("contact", "GET /b"),
        ("channel", "GET /c"),
        ("channel", "POST /c"),
        ("contact", API_WIDE),
        ("channel", API_WIDE),
    ]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7, 9])
def test_n_shards_share_every_unit_once_and_evenly(count: int) -> None:
    shares = [Shard(index, count).mine(UNITS) for index in range(1, count + 1)]
    assert sorted(unit for share in shares for unit in share) == sorted(UNITS)
    sizes = [len(share) for share in shares]
    assert max(sizes) - min(sizes) <= 1


def test_heavy_units_go_to_the_least_loaded_shard() -> None:
    weights = {("contact", "POST /a"): 10, ("channel", "POST /c"): 30}
    owners = deal(UNITS, weights, 2)
    assert owners[("channel", "POST /c")] == 1  # the heaviest first, to shard 1
    assert owners[("contact", "POST /a")] == 2
    # Everything else (weight 1) goes to shard 2 while it carries less.
    assert {unit for unit, shard in owners.items() if shard == 1} == {("channel", "POST /c")}
    assert Shard(1, 2).mine(UNITS, weights) == [("channel", "POST /c")]
    # The same deal in every process: it depends on the units and weights only.
    assert deal(list(UNITS), dict(weights), 2) == owners


def test_shards_are_k_of_n() -> None:
    assert parse_shard("2/4") == Shard(2, 4)
    assert parse_shard(" 1 / 1 ").is_whole
    assert Shard(3, 5).label == "3/5"
    for bad in ("0/3", "4/3", "1", "a/b", "1/0", ""):
        with pytest.raises(OptionError, match="--shard"):
            parse_shard(bad)


def test_a_time_budget_shares_what_is_left_by_work() -> None:
    this = _ApiWork(operations=(), others=(), api_wide=True)  # weight 1
    later = _ApiWork(operations=(), others=("x",), api_wide=True)  # weight 1
    share = _extra_time(time.monotonic() + 100, this, [later])
    # 10 s for this API's first pass: the later one's will take about as long; the 90 s - 10 s
    # left are shared half and half.
    assert share(10.0) == pytest.approx(45.0, abs=1.0)
    assert _extra_time(time.monotonic() + 100, this, [])(10.0) == pytest.approx(100.0, abs=1.0)
    assert _extra_time(time.monotonic() - 1, this, [])(10.0) == 0.0


def _request(body: str | None = None) -> RecordedRequest:
    return RecordedRequest("GET", "http://h/x?limit=1", {"Accept": "*/*"}, body, 1.5)


EVENTS: list[FuzzEvent] = [
    RunStarted(
        apis=("contact", "channel"),
        target="embedded emulator",
        seed=3,
        budget="25 examples",
        budget_arg="25",
        max_failures=2,
        specs=(SpecInfo("contact", "spec/c.yaml", "1.0.0", "ab"),),
        shard="2/3",
        example_db="redis://h:1/0",
        faults=("unicode-500",),
    ),
    ApiStarted("contact", "http://h", ("GET /x",), {"GET /x": {"limit_bounds": "applies"}}),
    PhaseChanged("contact", "fuzzing", finished=False),
    CaseResult(
        api="contact",
        operation="GET /x",
        phase="fuzzing",
        mode="negative",
        request=_request(),
        response=RecordedResponse(400, {"Content-Type": "application/json"}, "{}", 2.5),
        outcomes=(
            CheckOutcome("limit_bounds", passed=False, message="m", probe=_request('{"a": 1}')),
            CheckOutcome("paging_walk", passed=True, not_exercised="why"),
        ),
        follow_ups=(FollowUp("limit_bounds", _request(), None, failed=True),),
        shard="2/3",
    ),
    EngineProblem("contact", "engine", "boom"),
    ApiFinished("contact", 1.25, 1),
    RunFinished(elapsed_s=2.0, cases=1, failures=1, problems=1),
]


def test_events_are_written_and_read_back_equal(tmp_path: Path) -> None:
    for event in EVENTS:
        assert event_from_json(json.loads(json.dumps(event_to_json(event)))) == event
    reporter = EventLogReporter(tmp_path / "events.jsonl")
    for event in EVENTS:
        reporter.handle(event)
    reporter.close()
    assert read_event_log(tmp_path / "events.jsonl") == EVENTS


def test_an_unreadable_event_log_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(event_to_json(EVENTS[0])) + '\n{"event": "Nope"}\n')
    with pytest.raises(ValueError, match=r"events.jsonl:2: not a fuzz event: 'Nope'"):
        read_event_log(path)


def test_an_example_db_is_redis_or_a_directory_and_never_shows_a_password() -> None:
    redis = parse_example_db("redis://:s3cret@cache.example.com:6379/2")
    assert redis.is_redis
    assert redis.shown == "redis://cache.example.com:6379/2"
    assert not parse_example_db("build/examples").is_redis
    with pytest.raises(OptionError, match="--example-db"):
        parse_example_db("http://cache:6379/0")


def test_a_shard_sends_the_probes_of_its_own_operations_and_once_a_run_ones_if_api_wide() -> None:
    budget = _ShardProbeBudget(per_operation=2, owned=frozenset({"sendMessage"}), api_wide=False)
    assert budget.take("auth_enforced", "sendMessage")
    assert budget.take("auth_enforced", "sendMessage")
    assert not budget.take("auth_enforced", "sendMessage")  # its own limit still holds
    assert not budget.take("auth_enforced", "listMessages")  # another shard's operation
    assert not budget.take("identifier_forms", "*", limit=1)  # the API-wide shard's
    api_wide = _ShardProbeBudget(owned=frozenset(), api_wide=True)
    assert api_wide.take("identifier_forms", "*", limit=1)
    assert not api_wide.take("identifier_forms", "*", limit=1)


def test_past_its_full_cases_the_log_keeps_passing_results_without_bodies(tmp_path: Path) -> None:
    (case,) = [event for event in EVENTS if isinstance(event, CaseResult)]
    passing = replace(case, outcomes=(CheckOutcome("limit_bounds", passed=True),))
    reporter = EventLogReporter(tmp_path / "events.jsonl", full_cases=1)
    for event in (passing, passing, case):
        reporter.handle(event)
    reporter.close()
    first, second, failing = read_event_log(tmp_path / "events.jsonl")
    assert first == passing
    assert second == without_bodies(passing)
    assert second != passing
    assert second.response is not None
    assert second.response.body == ""
    assert second.response.status == 400
    assert failing == case  # a failure is kept whole
