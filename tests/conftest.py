"""Hooks for every test under tests/."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The `slow` tests (minutes each) first: pytest-xdist hands tests out in this order, so the
    long ones start at once and the short ones fill the other workers around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
