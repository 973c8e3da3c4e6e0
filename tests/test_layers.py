"""ARCHITECTURE.md's layer rules, checked on the imports the code has (parsed, not guessed).

Each layer has an ALLOW-list: besides the stdlib and its own modules, a file in it may import only
the module prefixes listed, and each listed prefix is in use (so the list is exactly today's
dependencies: a new one is a deliberate edit here, reviewed against the fixed rules below).
A subprocess test then checks what importing the emulator really loads.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
STDLIB = frozenset(sys.stdlib_module_names)
GENERATED_CLIENTS = ("contact_messaging_client", "channel_messaging_client")

# Layer folder -> what its files may import besides the stdlib and the layer's own modules.
ALLOWED: dict[str, tuple[str, ...]] = {
    # The independent oracle: its own rules, never the specs (uvicorn brings httptools and
    # starlette brings python-multipart, but neither is imported by our code; h11 is uvicorn's
    # HTTP/1.1 parser, whose protocol the emulator subclasses and whose states it reads).
    "tools/aelyst_contract/emulator": (
        "email_validator",
        "h11",
        "phonenumbers",
        "starlette",
        "uvicorn",
    ),
    # Pure functions over spec documents: no third-party code at all.
    "tools/aelyst_contract/openapi": (),
    "tools/aelyst_contract": (
        "aelyst_contract",
        "email_validator",
        "h11",  # the emulator's HTTP/1.1 layer (comes with uvicorn)
        "httpx",
        "hypothesis",
        "jinja2",  # the HTML report
        "jsonschema",
        "jsonschema_rs",
        "openapi_core",
        # A dev dependency (the generator): specdiff's property check imports it at module level.
        "openapi_python_client",
        "openapi_spec_validator",
        "phonenumbers",
        "redis",  # the fuzzer's shared example database (--example-db redis://...)
        "referencing",  # jsonschema's own $ref machinery (schema_strategies)
        "rich",  # the live progress display
        "schemathesis",
        "starlette",
        "uvicorn",
        "werkzeug",
        "yaml",
    ),
    "contract_tests": (
        "aelyst_contract",
        "contact_messaging_client",  # the client suite's subject (the rest via importlib)
        "httpx",
        "hypothesis",
        "openapi_core",
        "pytest",
        "respx",
        "schemathesis",
        "werkzeug",
    ),
}

# The fixed rules no allow-list may ever cover (ARCHITECTURE.md, "Layer rules").
NEVER: dict[str, tuple[str, ...]] = {
    "tools/aelyst_contract/emulator": (
        "aelyst_contract._specs",
        "aelyst_contract._spec_check",
        "aelyst_contract._schema_validation",
        "aelyst_contract.openapi",
        "aelyst_contract.fuzz",
        "aelyst_contract.specdiff",
        "yaml",
        "openapi_core",
        "openapi_spec_validator",
        "schemathesis",
        "jsonschema",
        "jsonschema_rs",
        *GENERATED_CLIENTS,
        "contract_tests",
        "tests",
    ),
    "tools/aelyst_contract/openapi": ("aelyst_contract._specs", "yaml", "contract_tests", "tests"),
    "tools/aelyst_contract": (*GENERATED_CLIENTS, "contract_tests", "tests"),
    "contract_tests": ("tests",),
}

# What importing the emulator must leave unloaded: the spec machinery it must not depend on.
SPEC_MACHINERY = (
    "yaml",
    "aelyst_contract._specs",
    "aelyst_contract._spec_check",
    "aelyst_contract.openapi",
    "schemathesis",
    "jsonschema",
    "openapi_core",
    "openapi_spec_validator",
)


def covers(prefix: str, module: str) -> bool:
    return module == prefix or module.startswith(f"{prefix}.")


def module_name(relative: Path) -> str:
    """`tools/aelyst_contract/emulator/_app.py` -> `aelyst_contract.emulator._app` (a package's
    `__init__.py` -> the package)."""
    parts = list(relative.with_suffix("").parts)
    if parts[0] == "tools":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(path: Path, package: str = "") -> Iterator[str]:
    """Every module `path` imports; relative imports are resolved against `package` (the package
    the file is in)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module or ""
                continue
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            if node.module:
                yield f"{base}.{node.module}"
            else:  # `from . import name`: name may be a module
                yield from (f"{base}.{alias.name}" for alias in node.names)
        elif (  # importlib.import_module("x") and __import__("x") with a literal name count too
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def layer_imports(layer: str, root: Path = REPO_ROOT) -> Iterator[tuple[str, str]]:
    """(file, module it imports) for every file of the layer."""
    for path in sorted((root / layer).rglob("*.py")):
        relative = path.relative_to(root)
        name = module_name(relative)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for module in imported_modules(path, package):
            yield str(relative), module


def violations(layer: str, allowed: tuple[str, ...], root: Path = REPO_ROOT) -> list[str]:
    own = module_name(Path(layer))
    return [
        f"{file} imports {module}"
        for file, module in layer_imports(layer, root)
        if module.split(".")[0] not in STDLIB
        and not covers(own, module)
        and not any(covers(prefix, module) for prefix in allowed)
    ]


@pytest.mark.parametrize("layer", list(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert violations(layer, ALLOWED[layer]) == []


@pytest.mark.parametrize("layer", list(ALLOWED))
def test_every_allowance_is_in_use(layer: str) -> None:
    """The allow-list is today's dependencies exactly: an entry nobody imports is stale."""
    imported = [module for _, module in layer_imports(layer)]
    unused = [p for p in ALLOWED[layer] if not any(covers(p, m) for m in imported)]
    assert unused == []


@pytest.mark.parametrize("layer", list(ALLOWED))
def test_no_allowance_breaks_a_fixed_rule(layer: str) -> None:
    own = module_name(Path(layer))
    granted = (*ALLOWED[layer], own)
    assert [(p, n) for p in granted for n in NEVER[layer] if covers(p, n) or covers(n, p)] == []


def test_every_layer_folder_exists() -> None:
    """A typo in a folder name would make its rule vacuous."""
    missing = [layer for layer in ALLOWED if not (REPO_ROOT / layer).is_dir()]
    assert missing == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    offender = tmp_path / "offender.py"
    offender.write_text(
        "import yaml\n"
        "from aelyst_contract._specs import load_spec\n"
        "from .. import _spec_check\n"
        "from ._store import Store\n"
        "importlib.import_module('schemathesis')\n",
        encoding="utf-8",
    )
    assert list(imported_modules(offender, "aelyst_contract.emulator")) == [
        "yaml",
        "aelyst_contract._specs",
        "aelyst_contract._spec_check",
        "aelyst_contract.emulator._store",
        "schemathesis",
    ]


def test_the_allow_list_rejects_a_new_emulator_dependency(tmp_path: Path) -> None:
    """A new third-party import in the emulator fails, though nothing forbids it by name."""
    layer = "tools/aelyst_contract/emulator"
    (tmp_path / layer).mkdir(parents=True)
    (tmp_path / layer / "_new.py").write_text(
        "import sqlite3\nimport httpx\nfrom starlette.types import Scope\n"
        "from . import _store\nfrom .. import _specs\n",
        encoding="utf-8",
    )
    assert violations(layer, ALLOWED[layer], root=tmp_path) == [
        "tools/aelyst_contract/emulator/_new.py imports httpx",
        "tools/aelyst_contract/emulator/_new.py imports aelyst_contract._specs",
    ]


def modules_loaded_by(statement: str) -> set[str]:
    """`sys.modules` after running `statement` in a fresh interpreter (isolated: no cwd on the
    path, no PYTHON* variables)."""
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=REPO_ROOT,
    )
    return set(result.stdout.split())


def spec_machinery_in(loaded: set[str]) -> list[str]:
    return sorted(m for m in loaded if any(covers(p, m) for p in SPEC_MACHINERY))


def test_importing_the_emulator_leaves_the_spec_machinery_unloaded() -> None:
    loaded = modules_loaded_by("import aelyst_contract.emulator")
    assert "aelyst_contract.emulator._app" in loaded
    assert spec_machinery_in(loaded) == []
    ours = sorted(m for m in loaded if covers("aelyst_contract", m))
    assert [m for m in ours if not covers("aelyst_contract.emulator", m)] == ["aelyst_contract"]


def test_importing_the_package_loads_none_of_its_modules() -> None:
    loaded = modules_loaded_by("import aelyst_contract")
    assert sorted(m for m in loaded if covers("aelyst_contract", m)) == ["aelyst_contract"]
    assert spec_machinery_in(loaded) == []


def test_a_root_name_loads_its_module_on_first_use() -> None:
    """The check above can fail: using a spec reader from the root does load yaml."""
    loaded = modules_loaded_by("import aelyst_contract\naelyst_contract.load_spec")
    assert {"aelyst_contract._specs", "yaml"} <= set(spec_machinery_in(loaded))
