"""Hooks for every test under tests/."""

from __future__ import annotations

import gc

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The `slow` tests (minutes each) first: pytest-xdist hands tests out in this order, so the
    long ones start at once and the short ones fill the other workers around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


# Full collections in a worker only after this many collections of the middle generation (the
# default, 10, is about every 70,000 allocations). Each full collection walks every object that
# earlier tests left alive (caches, fixtures, each fuzz run's state): 85-150 of them per worker,
# 0.1-0.4 s each, took 69 s of the suite's CPU, against 12 s at 1000; each worker holds about
# 200 MB more at its peak (338-476 MB -> 547-719 MB, measured with gc.callbacks).
_FULL_COLLECTION_EVERY = 1000


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the garbage collector off everything collection loaded (every test module, the
    specs, schemathesis, hypothesis, the generated clients): each full collection during the
    tests would walk it all again. It lives until the process ends anyway. Full collections of
    what the tests allocate are rarer too (`_FULL_COLLECTION_EVERY`)."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _FULL_COLLECTION_EVERY)
