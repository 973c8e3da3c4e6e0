"""The emulator clock only moves forward."""

from __future__ import annotations

import pytest

from aelyst_contract.emulator._clock import EmulatorClock


def test_never_runs_backwards_even_if_the_wall_clock_does() -> None:
    wall = iter([100.0, 90.0, 95.0, 101.0])
    clock = EmulatorClock(wall=lambda: next(wall))
    assert [clock.now() for _ in range(4)] == [100.0, 100.0, 100.0, 101.0]


def test_advance_and_reset() -> None:
    clock = EmulatorClock(wall=lambda: 1000.0)
    assert clock.advance(60) == 1060.0
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    clock.reset()
    # Back to wall time would run backwards: the clock stays where it was.
    assert clock.now() == 1060.0
