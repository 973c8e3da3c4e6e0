"""The detection gate: every emulator fault is caught by some check; a clean run finds nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from aelyst_contract.emulator import FAULTS
from aelyst_contract.fuzz import FuzzOptions
from aelyst_contract.fuzz._detect import (
    CLEAN,
    LIVE_EXCEPTIONS,
    DetectionResult,
    RunReport,
    run_detection,
)

GATE_EXAMPLES = 4
# The whole gate fuzzes the emulator ~25 times per column (minutes): `uv run nox -s detect` runs
# it, and so do `nox -s tests` and `pytest -m slow`. In shards, so that pytest-xdist's workers
# share them; the first shard also holds the clean runs.
GATE_SHARDS = 4
GATE_FAULTS = sorted(FAULTS)


def test_the_verdict_names_missed_faults_and_false_positives(tmp_path: Path) -> None:
    result = DetectionResult(
        caught_by={CLEAN: ["limit_bounds"], "limit-unchecked": ["limit_bounds"], "unicode-500": []}
    )
    assert not result.ok
    assert result.false_positives == ["limit_bounds"]
    assert result.missed == ["unicode-500"]
    result.write(tmp_path)
    matrix = (tmp_path / "detection.md").read_text()
    assert "| unicode-500 | 0 | MISSED |" in matrix
    assert "FALSE POSITIVE: limit_bounds" in matrix


def test_the_shards_hold_every_fault_once() -> None:
    shards = [GATE_FAULTS[shard::GATE_SHARDS] for shard in range(GATE_SHARDS)]
    assert sorted(fault for shard in shards for fault in shard) == GATE_FAULTS


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(GATE_SHARDS))
def test_every_emulator_fault_is_caught_embedded_and_live_and_clean_runs_pass(
    shard: int, tmp_path: Path, progress: Callable[[str], None]
) -> None:
    faults = GATE_FAULTS[shard::GATE_SHARDS]
    with_clean = shard == 0
    options = FuzzOptions(
        max_examples=GATE_EXAMPLES, seed=20261122, coverage_body_sample=8, stateful_steps=5
    )

    def report(run: RunReport) -> None:
        progress(f"shard {shard + 1}/{GATE_SHARDS}: {run}")

    result = run_detection(faults, options, live=True, clean=with_clean, on_progress=report)
    result.write(tmp_path)
    print(result.matrix_markdown())
    runs = {CLEAN, *faults} if with_clean else set(faults)
    assert result.false_positives == [], result.examples.get(CLEAN)
    assert result.missed == []
    assert set(result.caught_by) == runs
    assert result.live_false_positives == [], result.live_examples.get(CLEAN)
    assert result.live_missed == []
    assert set(result.live_caught_by) == runs
    assert not LIVE_EXCEPTIONS  # every fault a real server could have is caught live too


def test_a_fault_is_caught_and_the_clean_run_beside_it_finds_nothing() -> None:
    options = FuzzOptions(
        apis=("contact",), max_examples=2, seed=1, phases=("examples", "coverage")
    )
    result = run_detection(["limit-unchecked"], options, live=True)
    assert "limit_bounds" in result.caught_by["limit-unchecked"]
    assert result.caught_by[CLEAN] == [], result.examples.get(CLEAN)
    assert "limit_bounds" in result.live_caught_by["limit-unchecked"]
    assert result.live_caught_by[CLEAN] == [], result.live_examples.get(CLEAN)


def test_a_fault_s_run_fuzzes_only_the_apis_it_shows_on() -> None:
    options = FuzzOptions(max_examples=1, seed=1, phases=("examples",))
    both = run_detection(["unknown-contact-500"], options)
    contact_only = run_detection([], replace(options, apis=("contact",)))
    assert both.caught_by["unknown-contact-500"]
    assert both.cases["unknown-contact-500"] == contact_only.cases[CLEAN]
    assert both.cases["unknown-contact-500"] < both.cases[CLEAN]


def test_a_fault_on_no_selected_api_is_not_exercised_and_the_gate_does_not_pass(
    tmp_path: Path,
) -> None:
    options = FuzzOptions(apis=("contact",), max_examples=1, seed=1, phases=("examples",))
    result = run_detection(["tags-not-lowercased"], options, clean=False)
    assert result.caught_by == {}
    assert result.missed == []
    assert "channel API" in result.not_exercised["tags-not-lowercased"]
    assert not result.ok
    result.write(tmp_path)
    assert "| tags-not-lowercased | 0 | NOT EXERCISED: " in (tmp_path / "detection.md").read_text()
