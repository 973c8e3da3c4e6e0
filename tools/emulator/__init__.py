"""The stateful emulator of the Contact and Channel Messaging APIs (rules in its own code).

    from tools.emulator import EmulatorConfig, create_app, running_emulator, FAULTS

See docs/emulator.md for the rules, the admin controls and every fault.
"""

from tools.emulator._app import EmulatorApp, create_app
from tools.emulator._config import ConfigError, EmulatorConfig, RateLimit, load_config
from tools.emulator._faults import FAULTS
from tools.emulator._running import RunningEmulator, running_emulator

__all__ = [
    "FAULTS",
    "ConfigError",
    "EmulatorApp",
    "EmulatorConfig",
    "RateLimit",
    "RunningEmulator",
    "create_app",
    "load_config",
    "running_emulator",
]
