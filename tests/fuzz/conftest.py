"""Fixtures of the fuzzer's tests."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

__all__ = ["progress"]


@pytest.fixture
def progress(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Tell the person at the terminal what a long test is doing, as it goes: a line on the
    terminal, past pytest's capture (with or without `-s`, in an xdist worker too, whose stderr
    is the terminal's)."""
    capture = request.config.pluginmanager.getplugin("capturemanager")
    name = request.node.name

    def say(line: str) -> None:
        with capture.global_and_fixture_disabled():
            sys.stderr.write(f"\n[{name}] {line}\n")
            sys.stderr.flush()

    return say
