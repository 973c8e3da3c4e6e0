"""A client generated from a spec, imported from a temporary directory, for the property check.

Runs the venv's pinned openapi-python-client, in this process (a process per client spent 60% of
its time importing the generator), with the project's template overrides
(`aelyst_contract._generate.TEMPLATES_DIR`), so the client behaves like the committed ones, but
under a package name of its own: OLD and NEW are imported side by side, next to the installed
packages.
(`aelyst_contract._generate.regenerate_into` fixes the package name per API, hence not used
directly.)
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from openapi_python_client import generate
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser.errors import ErrorLevel
from openapi_python_client.strings import snake_case

from aelyst_contract._generate import EXTRAS_SOURCE, TEMPLATES_DIR
from aelyst_contract.specdiff._model import PropertyCheckError

__all__ = ["GeneratedClient", "generated_client"]


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


@contextlib.contextmanager
def generated_client(
    document: dict[str, Any], workdir: Path, package: str
) -> Iterator[GeneratedClient]:
    """Generate `package` from the document into `workdir`, import it, unload it afterwards."""
    spec_path = workdir / f"{package}.json"
    spec_path.write_text(json.dumps(document), encoding="utf-8")
    config = Config.from_sources(
        # No ruff post-hooks: the code is imported, never read, and generating is 3x faster
        # without them.
        ConfigFile(post_hooks=[]),
        MetaType.NONE,
        spec_path,
        "utf-8",
        overwrite=False,
        output_path=workdir / package,
    )
    try:
        # It prints "Generating DIR" on stdout, where `diff --format json` writes its document.
        with contextlib.redirect_stdout(io.StringIO()):
            problems = generate(config=config, custom_template_path=TEMPLATES_DIR)
    except Exception as error:  # the generator's own bug, told as one line
        raise PropertyCheckError(f"openapi-python-client failed: {error!r}") from error
    errors = [problem for problem in problems if problem.level == ErrorLevel.ERROR]
    if errors or not (workdir / package / "__init__.py").is_file():
        reason = f"{errors[-1].header} {errors[-1].detail or ''}" if errors else "no client written"
        raise PropertyCheckError(f"openapi-python-client failed: {reason.strip()}")
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
