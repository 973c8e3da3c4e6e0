"""ARCHITECTURE.md's layer rules, checked on the imports the code has (parsed, not guessed)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# package dir -> module prefixes it must not import
FORBIDDEN = {
    "tools/aelyst_contract/emulator": (
        "aelyst_contract._specs",
        "aelyst_contract._spec_check",
        "aelyst_contract._schema_validation",
        "aelyst_contract.fuzz",
        "aelyst_contract.specdiff",
        "yaml",
        "openapi_core",
        "openapi_spec_validator",
        "schemathesis",
        "jsonschema",
        "jsonschema_rs",
        "contact_messaging_client",
        "channel_messaging_client",
        "contract_tests",
        "tests",
    ),
    "tools/aelyst_contract": ("contract_tests", "tests"),
    "contract_tests": ("tests",),
}


def imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif (  # importlib.import_module("x") with a literal name counts too
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def _violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((REPO_ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(REPO_ROOT)} imports {module}")
    return found


@pytest.mark.parametrize("package", list(FORBIDDEN))
def test_layer_rules(package: str) -> None:
    assert _violations(package, FORBIDDEN[package]) == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    offender = tmp_path / "offender.py"
    offender.write_text(
        "import yaml\nfrom aelyst_contract._specs import load_spec\n", encoding="utf-8"
    )
    assert list(imported_modules(offender)) == ["yaml", "aelyst_contract._specs"]
