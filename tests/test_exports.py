"""Every module's `__all__` is exactly what it makes public (httpx's rule, adapted).

For each module of `aelyst_contract` (found by walking the package, so a new module is covered
without an edit here):

- it has an explicit `__all__` (private `_module.py` ones say what their siblings may use);
- every public name it defines (def, class or assignment at module level, read from its source,
  since a constant such as a `Path` carries no `__module__` of ours), and, for a package, every
  public name re-exported from its own submodules, is in `__all__`;
- every name in `__all__` exists, and is either defined there or imported on purpose from
  `aelyst_contract` itself (a name imported from a third-party or stdlib module, or imported only
  for internal use, is not part of the API).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType
from typing import TypeVar

import pytest

import aelyst_contract

# Run as scripts, never imported for their names (`python -m aelyst_contract` exits the process).
SCRIPTS = {"aelyst_contract.__main__"}


def module_names() -> list[str]:
    names = [aelyst_contract.__name__]
    for info in pkgutil.walk_packages(aelyst_contract.__path__, f"{aelyst_contract.__name__}."):
        if info.name not in SCRIPTS:
            names.append(info.name)
    return sorted(names)


def _top_level_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, including those inside top-level `if`/`try`/`with` blocks."""
    for statement in body:
        yield statement
        if isinstance(statement, ast.If | ast.With):
            yield from _top_level_statements(statement.body)
            yield from _top_level_statements(getattr(statement, "orelse", []))
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from _top_level_statements(block)
            for handler in statement.handlers:
                yield from _top_level_statements(handler.body)


def _bound_names(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _bound_names(element)


def defined_names(tree: ast.Module) -> set[str]:
    """Names the module's own code binds at module level (imports excluded)."""
    names: set[str] = set()
    for statement in _top_level_statements(tree.body):
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                names.update(_bound_names(target))
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
            names.update(_bound_names(statement.target))
    return names


def imported_from(tree: ast.Module) -> dict[str, str]:
    """Name bound by a `from X import name [as alias]` anywhere at module level -> X."""
    origins: dict[str, str] = {}
    for statement in _top_level_statements(tree.body):
        if isinstance(statement, ast.ImportFrom) and statement.module and statement.level == 0:
            for alias in statement.names:
                origins[alias.asname or alias.name] = statement.module
    return origins


def is_package(module: ModuleType) -> bool:
    return hasattr(module, "__path__")


def public_names(module: ModuleType, tree: ast.Module) -> set[str]:
    """What the module makes public: its own public definitions (a `TypeVar` is a typing device,
    not API), plus, for a package, the public names it imports from its own submodules (a package
    `__init__` re-exports on purpose)."""
    names = {
        name
        for name in defined_names(tree)
        if not name.startswith("_") and not isinstance(getattr(module, name, None), TypeVar)
    }
    if is_package(module):
        names.update(
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and not isinstance(value, ModuleType)
            and getattr(value, "__module__", "").startswith(f"{module.__name__}.")
        )
    return names


def _source_tree(module: ModuleType) -> ast.Module:
    return ast.parse(inspect.getsource(module))


def test_the_walk_finds_modules_and_packages() -> None:
    names = module_names()
    for expected in (
        "aelyst_contract",
        "aelyst_contract.cli",
        "aelyst_contract._specs",
        "aelyst_contract.emulator",
        "aelyst_contract.emulator._app",
        "aelyst_contract.fuzz._runner",
        "aelyst_contract.specdiff",
    ):
        assert expected in names
    assert "aelyst_contract.__main__" not in names


@pytest.mark.parametrize("name", module_names())
def test_module_has_an_explicit_all(name: str) -> None:
    module = importlib.import_module(name)
    assert "__all__" in vars(module), f"{name} has no __all__"
    exported = module.__all__
    assert isinstance(exported, list)
    assert all(isinstance(entry, str) for entry in exported)
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"


@pytest.mark.parametrize("name", module_names())
def test_all_is_exactly_the_public_names(name: str) -> None:
    module = importlib.import_module(name)
    tree = _source_tree(module)
    exported = set(getattr(module, "__all__", ()))

    missing = public_names(module, tree) - exported
    assert not missing, f"public in {name} but not in __all__ (add it, or make it _private)"

    absent = {entry for entry in exported if not hasattr(module, entry)}
    assert not absent, f"in {name}.__all__ but not defined"

    origins = imported_from(tree)
    not_ours = {
        entry
        for entry in exported - defined_names(tree)
        if not origins.get(entry, "").startswith(f"{aelyst_contract.__name__}.")
    }
    assert not not_ours, f"{name}.__all__ re-exports names that are not aelyst_contract's"


def test_the_root_exports_the_public_api() -> None:
    """The documented entry points are importable from the package root."""
    from aelyst_contract._specs import load_spec
    from aelyst_contract.emulator import create_app, running_emulator
    from aelyst_contract.schema_strategies import SpecSchemas
    from aelyst_contract.strict_client import StrictTransport

    assert aelyst_contract.load_spec is load_spec
    assert aelyst_contract.StrictTransport is StrictTransport
    assert aelyst_contract.SpecSchemas is SpecSchemas
    assert aelyst_contract.create_app is create_app
    assert aelyst_contract.running_emulator is running_emulator
    assert set(aelyst_contract.__all__) <= set(dir(aelyst_contract))


def test_the_root_resolves_lazily_what_it_declares_for_type_checkers() -> None:
    """The `TYPE_CHECKING` imports (what mypy sees) and the lazy table (what runs) agree."""
    tree = _source_tree(aelyst_contract)
    static = {
        alias.asname or alias.name: node.module
        for statement in tree.body
        if isinstance(statement, ast.If)
        and isinstance(statement.test, ast.Name)
        and statement.test.id == "TYPE_CHECKING"
        for node in statement.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert static == aelyst_contract._LAZY_EXPORTS
    assert set(static) == set(aelyst_contract.__all__)


def test_the_root_rejects_an_unknown_name() -> None:
    unknown = "no_such_name"
    with pytest.raises(AttributeError, match=unknown):
        getattr(aelyst_contract, unknown)


def test_the_checks_see_a_stray_public_name() -> None:
    """The rule bites: a public helper missing from `__all__`, and a re-exported import."""
    source = (
        "from pathlib import Path\n"
        "from aelyst_contract._specs import load_spec\n"
        "if True:\n"
        "    LIMIT: int = 3\n"
        "def helper() -> None: ...\n"
        "class _Private: ...\n"
        "A, (B, C) = 1, (2, 3)\n"
    )
    tree = ast.parse(source)
    module = ModuleType("example")
    assert public_names(module, tree) == {"LIMIT", "helper", "A", "B", "C"}
    assert imported_from(tree) == {"Path": "pathlib", "load_spec": "aelyst_contract._specs"}
