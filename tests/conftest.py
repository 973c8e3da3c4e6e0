"""Hooks for every test under tests/."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The `slow` tests (a minute or more each) start first, spread over the workers.

    pytest-xdist's worksteal scheduler first hands each of its N workers a contiguous block of
    this list (sizes as computed below), then lets an idle worker take the second half of what
    another has left: never the head of a block. With every slow test at the head of the list,
    the first worker kept most of them and ran them one after another. So each block starts with
    its share of the slow tests, and the short ones fill in around them."""
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    rest = [item for item in items if item.get_closest_marker("slow") is None]
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    ordered: list[pytest.Item] = []
    left = len(items)
    for worker in range(workers):
        block = left // (workers - worker)  # what worksteal sends to this worker
        share = slow[worker::workers]
        taken, rest = rest[: max(0, block - len(share))], rest[max(0, block - len(share)) :]
        ordered += share + taken
        left -= block
    ordered += rest  # nothing, unless the slow tests outnumber a block
    items[:] = ordered
