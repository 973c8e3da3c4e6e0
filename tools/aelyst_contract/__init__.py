"""aelyst-contract: specs, generated clients, emulator and contract suites of the Aelyst APIs.

The public surface is the `aelyst-contract` command and the names below, all importable from the
package root:

    from aelyst_contract import StrictTransport, SpecSchemas, load_spec, running_emulator

They load on first use (PEP 562), so `import aelyst_contract.emulator` does not pull in yaml, the
spec readers or schemathesis: the emulator never reads the specs (ARCHITECTURE.md).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aelyst_contract._specs import (
        CHANNEL_SPEC_PATH,
        CONTACT_SPEC_PATH,
        SPEC_DIR,
        SpecName,
        load_spec,
    )
    from aelyst_contract.cli import main
    from aelyst_contract.emulator import EmulatorConfig, create_app, running_emulator
    from aelyst_contract.schema_strategies import SpecSchemas
    from aelyst_contract.strict_client import (
        ContractError,
        RequestContractError,
        ResponseContractError,
        StrictTransport,
    )

__all__ = [
    "CHANNEL_SPEC_PATH",
    "CONTACT_SPEC_PATH",
    "SPEC_DIR",
    "ContractError",
    "EmulatorConfig",
    "RequestContractError",
    "ResponseContractError",
    "SpecName",
    "SpecSchemas",
    "StrictTransport",
    "create_app",
    "load_spec",
    "main",
    "running_emulator",
]

# Public name -> the module that defines it (tests/test_exports.py checks this table against the
# TYPE_CHECKING imports above, so what mypy sees is what runs).
_LAZY_EXPORTS = {
    "CHANNEL_SPEC_PATH": "aelyst_contract._specs",
    "CONTACT_SPEC_PATH": "aelyst_contract._specs",
    "SPEC_DIR": "aelyst_contract._specs",
    "SpecName": "aelyst_contract._specs",
    "load_spec": "aelyst_contract._specs",
    "main": "aelyst_contract.cli",
    "EmulatorConfig": "aelyst_contract.emulator",
    "create_app": "aelyst_contract.emulator",
    "running_emulator": "aelyst_contract.emulator",
    "SpecSchemas": "aelyst_contract.schema_strategies",
    "ContractError": "aelyst_contract.strict_client",
    "RequestContractError": "aelyst_contract.strict_client",
    "ResponseContractError": "aelyst_contract.strict_client",
    "StrictTransport": "aelyst_contract.strict_client",
}


def __getattr__(name: str) -> object:
    module_name = _LAZY_EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
