"""aelyst-contract: specs, generated clients, emulator and contract suites of the Aelyst APIs.

The public surface is the `aelyst-contract` command (`aelyst_contract.cli`) and the names below.
"""

from aelyst_contract._specs import (
    CHANNEL_SPEC_PATH,
    CONTACT_SPEC_PATH,
    SPEC_DIR,
    SpecName,
    load_spec,
)

__all__ = [
    "CHANNEL_SPEC_PATH",
    "CONTACT_SPEC_PATH",
    "SPEC_DIR",
    "SpecName",
    "load_spec",
]
