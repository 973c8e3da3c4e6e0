"""Replays give the run's verdict: deferred follow-ups run, rate-limit failures burst again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aelyst_contract.cli import main
from aelyst_contract.fuzz import CheckEnv, CheckFailed, Exchange, _replay, spec_facts
from aelyst_contract.fuzz._exchange import NOT_JSON


def _exchange() -> Exchange:
    return Exchange(
        api="contact",
        operation=spec_facts("contact").operations["getMessage"],
        method="GET",
        url="http://127.0.0.1:9/v1/contact/id%3A1/message/1",
        path_params={"identifier": "id:1", "messageId": "1"},
        request_headers={},
        request_body=NOT_JSON,
        status=200,
        headers={},
        body={},
    )


def test_what_a_check_defers_is_judged_in_a_replay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_replay, "SETTLE_S", 0.0)
    later: list[str] = []

    def went_back() -> bool:
        later.append("read again")
        raise CheckFailed("status went back from 'sent' to 'accepted'")

    def check(exchange: Exchange, env: CheckEnv) -> bool:
        assert env.defer is not None
        env.defer(exchange, "status_timeline", went_back)
        return True

    env = CheckEnv(facts=spec_facts("contact"), base_url="http://127.0.0.1:9/v1")
    verdict = _replay._project_verdict(check, _exchange(), env)
    assert verdict == "FAIL: status went back from 'sent' to 'accepted'"
    assert later == ["read again"]


def test_a_rate_limit_failure_replays_the_burst(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["fuzz", "--api", "contact", "--budget", "2", "--seed", "3", "--quiet"]
    fault = ["--fault", "429-without-retry-after", "--report-dir", str(tmp_path)]
    assert main([*args, *fault]) == 1
    replays = json.loads((tmp_path / "replays.json").read_text())
    replay_id = next(rid for rid, e in replays.items() if e["phase"] == "rate-limit")
    capsys.readouterr()
    assert main(["fuzz", "--replay", replay_id, "--report-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "rate_limit_headers: FAIL" in out
    assert "retry-after" in out
