"""The emulator-vs-Prism benchmark refuses to compare when a target did not answer 2xx under load
(its figures are then not the same work); no figures are asserted here."""

from __future__ import annotations

from typing import Any

import pytest

from aelyst_contract import _bench_emulator as bench
from aelyst_contract._bench_emulator import _Sample, _summary


def _samples(prism_get_non_2xx: int) -> dict[str, dict[str, list[_Sample]]]:
    good = _Sample(requests_per_second=1000.0, p50_ms=1.0, p99_ms=2.0, non_2xx=0, errors=0)
    prism_get = _Sample(500.0, 1.0, 2.0, non_2xx=prism_get_non_2xx, errors=0)
    return {
        "emulator": {"get": [good], "send": [good]},
        "prism": {"get": [prism_get], "send": [good]},
    }


def test_a_clean_run_gets_ratios() -> None:
    summary = _summary(_samples(0), rounds=1, duration=1, connections=1)
    assert summary["void"] == []
    assert summary["get"]["ratio_req_per_s"] == 2.0
    assert summary["send"]["ratio_req_per_s"] == 1.0


def test_non_2xx_answers_void_every_ratio() -> None:
    summary = _summary(_samples(7), rounds=1, duration=1, connections=1)
    assert summary["void"] == ["prism get: 7 non-2xx answers, 0 errors/timeouts"]
    for operation in ("get", "send"):
        assert summary[operation]["ratio_req_per_s"] is None
        assert summary[operation]["ratio_p99"] is None


def test_a_void_comparison_exits_1_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fake_run(rounds: int, duration: int, connections: int) -> dict[str, Any]:
        summary = _summary(_samples(7), rounds, duration, connections)
        summary["load_average"] = {"start": (1.0, 1.0, 1.0), "end": (2.0, 2.0, 2.0)}
        return summary

    monkeypatch.setattr(bench, "run", fake_run)
    assert bench.main(["--rounds", "1"]) == 1
    out, err = capsys.readouterr()
    assert "COMPARISON VOID" in err
    assert "prism get: 7 non-2xx" in err
    assert "emulator/prism" not in out
    assert "load average (1/5/15 min): start 1.00/1.00/1.00  end 2.00/2.00/2.00" in out
