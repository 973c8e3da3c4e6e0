"""The emulator's clock: wall time plus an offset that admin can only move forward.

Every timestamp the emulator hands out comes from here, so status timelines follow the clock and
never run backwards, even if the wall clock steps back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["EmulatorClock"]


class EmulatorClock:
    def __init__(self, offset: float = 0.0, wall: Callable[[], float] = time.time) -> None:
        self._wall = wall
        self._offset = offset
        self._last = 0.0
        self._lock = threading.Lock()

    @property
    def offset(self) -> float:
        return self._offset

    def now(self) -> float:
        """Seconds since the epoch, never less than any earlier answer."""
        with self._lock:
            current = max(self._last, self._wall() + self._offset)
            self._last = current
            return current

    def advance(self, seconds: float) -> float:
        """Jump forward; returns the new time."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += seconds
        return self.now()

    def reset(self) -> None:
        """Back to wall time, unless that would run the clock backwards."""
        with self._lock:
            last = self._last
            self._offset = max(0.0, last - self._wall())
