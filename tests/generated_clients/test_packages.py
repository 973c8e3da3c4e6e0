"""Each generated package stands alone: it imports only itself, the stdlib, httpx and attrs."""

from __future__ import annotations

import ast
import re
import sys
import tomllib

import pytest

from aelyst_contract._generate import CLIENTS, ClientTarget
from aelyst_contract._resources import generated_dir

ALLOWED_THIRD_PARTY = {"httpx", "attrs"}


def _top_level_imports(target: ClientTarget) -> set[str]:
    names: set[str] = set()
    for path in ((generated_dir() / target.project_dir_name) / target.package_name).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("target", list(CLIENTS.values()), ids=list(CLIENTS))
def test_package_imports_only_stdlib_and_its_declared_dependencies(target: ClientTarget) -> None:
    third_party = _top_level_imports(target) - set(sys.stdlib_module_names)
    with ((generated_dir() / target.project_dir_name) / "pyproject.toml").open("rb") as handle:
        declared = tomllib.load(handle)["project"]["dependencies"]
    declared_names = {re.split(r"[<>=!~\[; ]", item, maxsplit=1)[0] for item in declared}
    assert third_party <= declared_names | {target.package_name}
    assert third_party <= ALLOWED_THIRD_PARTY | {target.package_name}
