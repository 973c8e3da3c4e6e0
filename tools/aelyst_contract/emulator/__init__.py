"""The stateful emulator of the Contact and Channel Messaging APIs (rules in its own code).

    from aelyst_contract.emulator import EmulatorConfig, create_app, running_emulator, Fault, FAULTS

See docs/emulator.md for the rules, the admin controls and every fault.
"""

from aelyst_contract.emulator._app import EmulatorApp, create_app
from aelyst_contract.emulator._config import ConfigError, EmulatorConfig, RateLimit, load_config
from aelyst_contract.emulator._faults import FAULTS, Fault, UnknownFaultError
from aelyst_contract.emulator._running import (
    RunningEmulator,
    bind_socket,
    running_emulator,
    serve_emulator,
)
from aelyst_contract.emulator._store import StoreError

__all__ = [
    "FAULTS",
    "ConfigError",
    "EmulatorApp",
    "EmulatorConfig",
    "Fault",
    "RateLimit",
    "RunningEmulator",
    "StoreError",
    "UnknownFaultError",
    "bind_socket",
    "create_app",
    "load_config",
    "running_emulator",
    "serve_emulator",
]
