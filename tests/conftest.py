"""Hooks for every test under tests/."""

from __future__ import annotations

import gc

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The `slow` tests (minutes each) first: pytest-xdist hands tests out in this order, so the
    long ones start at once and the short ones fill the other workers around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the garbage collector off everything collection loaded (every test module, the
    specs, schemathesis, hypothesis, the generated clients): each full collection during the
    tests would walk it all again. It lives until the process ends anyway."""
    gc.collect()
    gc.freeze()
