"""A client generated from a spec, imported from a temporary directory, for the property check.

Runs the venv's pinned openapi-python-client with the project's template overrides
(`aelyst_contract._generate.TEMPLATES_DIR`), so the client behaves like the committed ones, but
under a package name of its own: OLD and NEW are imported side by side, next to the installed
packages.
(`aelyst_contract._generate.regenerate_into` fixes the package name per API, hence not used
directly.)
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from openapi_python_client.strings import snake_case

from aelyst_contract._generate import EXTRAS_SOURCE, TEMPLATES_DIR
from aelyst_contract.specdiff._model import PropertyCheckError

__all__ = ["GeneratedClient", "generated_client"]

# No ruff post-hooks: the code is imported, never read, and generating is 3x faster without them.
_CONFIG: dict[str, list[str]] = {"post_hooks": []}


class GeneratedClient:
    def __init__(self, package: ModuleType) -> None:
        self.package = package
        self._root = Path(str(package.__file__)).parent

    def endpoint(self, operation_id: str) -> ModuleType | None:
        """The endpoint module generated for an operationId (api/<tag>/<snake name>.py)."""
        name = snake_case(operation_id)
        for path in sorted((self._root / "api").glob(f"*/{name}.py")):
            module = f"{self.package.__name__}.api.{path.parent.name}.{name}"
            return importlib.import_module(module)
        return None

    def client_class(self, authenticated: bool) -> Any:
        module = importlib.import_module(f"{self.package.__name__}.client")
        return module.AuthenticatedClient if authenticated else module.Client


def _generator() -> str:
    script = Path(sys.executable).parent / "openapi-python-client"
    if not script.exists():
        raise PropertyCheckError("openapi-python-client is not installed (a dev dependency)")
    return str(script)


@contextmanager
def generated_client(
    document: dict[str, Any], workdir: Path, package: str
) -> Iterator[GeneratedClient]:
    """Generate `package` from the document into `workdir`, import it, unload it afterwards."""
    spec_path = workdir / f"{package}.json"
    config_path = workdir / f"{package}.config.json"
    spec_path.write_text(json.dumps(document), encoding="utf-8")
    config_path.write_text(json.dumps(_CONFIG), encoding="utf-8")
    command = [
        _generator(),
        "generate",
        "--path",
        str(spec_path),
        "--output-path",
        str(workdir / package),
        "--meta",
        "none",
        "--config",
        str(config_path),
        "--custom-template-path",
        str(TEMPLATES_DIR),
    ]
    try:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            command, capture_output=True, text=True, check=False, timeout=300, cwd=workdir
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PropertyCheckError(f"cannot run openapi-python-client: {error}") from error
    if result.returncode != 0 or not (workdir / package / "__init__.py").is_file():
        lines = (result.stderr or result.stdout or "no output").strip().splitlines()
        raise PropertyCheckError(f"openapi-python-client failed: {lines[-1] if lines else ''}")
    # The overridden templates import the hand-written extras module (its auth prefix is unused
    # here: the property check sets its own headers).
    shutil.copyfile(EXTRAS_SOURCE, workdir / package / "extras.py")
    sys.path.insert(0, str(workdir))
    try:
        yield GeneratedClient(importlib.import_module(package))
    finally:
        sys.path.remove(str(workdir))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
