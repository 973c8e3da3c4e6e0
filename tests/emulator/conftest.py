"""One loopback emulator for the whole session; each test starts from a reset, fault-free state."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aelyst_contract.emulator import RunningEmulator, running_emulator


@pytest.fixture(scope="session")
def emu_server() -> Iterator[RunningEmulator]:
    with running_emulator() as emu:
        yield emu


@pytest.fixture
def emu(emu_server: RunningEmulator) -> Iterator[RunningEmulator]:
    emu_server.set_faults([])
    emu_server.reset()
    errors_before = emu_server.app.internal_errors
    yield emu_server
    # No ordinary input may reach the last-resort 500 handler.
    assert emu_server.app.internal_errors == errors_before
