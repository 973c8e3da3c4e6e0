"""The public names are exactly what `__all__` says, and each exists."""

from __future__ import annotations

import tools


def test_tools_exports() -> None:
    assert sorted(tools.__all__) == [
        "CHANNEL_SPEC_PATH",
        "CONTACT_SPEC_PATH",
        "SPEC_DIR",
        "SpecName",
        "load_spec",
    ]
    for name in tools.__all__:
        assert hasattr(tools, name)
