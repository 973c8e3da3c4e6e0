"""aelyst_contract.openapi depends on the standard library only (loading YAML is _specs' job)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.test_layers import imported_modules

PACKAGE = Path(__file__).resolve().parents[2] / "tools" / "aelyst_contract" / "openapi"


def test_the_layer_imports_only_the_standard_library_and_itself() -> None:
    outside = {
        f"{path.name} imports {module}"
        for path in sorted(PACKAGE.glob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names
        and not module.startswith("aelyst_contract.openapi")
    }
    assert outside == set()
    assert len(list(PACKAGE.glob("*.py"))) >= 5  # the checker saw the modules
