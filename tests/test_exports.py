"""The public names are exactly what `__all__` says, and each exists."""

from __future__ import annotations

import aelyst_contract


def test_tools_exports() -> None:
    assert sorted(aelyst_contract.__all__) == [
        "CHANNEL_SPEC_PATH",
        "CONTACT_SPEC_PATH",
        "SPEC_DIR",
        "SpecName",
        "load_spec",
    ]
    for name in aelyst_contract.__all__:
        assert hasattr(aelyst_contract, name)
