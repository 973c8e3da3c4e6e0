"""Readers of the files an external `$ref` names, for the openapi layer's `Resolver(loader=...)`.

Paths come relative to the root spec's directory (`schemas/pet.yaml`); a file that cannot be read
or parsed is a one-line `RefError`, which the command reports as bad input (exit 2).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from aelyst_contract.openapi import RefError

__all__ = ["ExternalLoader", "file_loader", "git_loader"]

ExternalLoader = Callable[[str], Mapping[str, Any]]


def _parse(text: str, label: str) -> Mapping[str, Any]:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RefError(f"external $ref file {label}: not YAML or JSON: {first_line}") from error
    if not isinstance(document, Mapping):
        raise RefError(f"external $ref file {label}: expected a mapping at the top level")
    return document


def file_loader(spec: Path) -> ExternalLoader:
    """Files next to the spec file `spec`."""
    directory = spec.parent

    def load(relative: str) -> Mapping[str, Any]:
        path = directory / relative
        if not path.is_file():
            raise RefError(f"external $ref: no such file {path}")
        try:
            return _parse(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as error:
            raise RefError(f"external $ref: cannot read {path}: {error}") from error

    return load


def git_loader(root: Path, ref: str, spec: str) -> ExternalLoader:
    """Files next to `spec` (a path relative to the repository `root`) as they were at git `ref`."""
    directory = spec.rpartition("/")[0]

    def load(relative: str) -> Mapping[str, Any]:
        path = f"{directory}/{relative}" if directory else relative
        label = f"{ref}:{path}"
        try:
            shown = subprocess.run(  # noqa: S603 - fixed git argv, no shell
                ["git", "show", label],  # noqa: S607 - git from PATH, as a developer runs it
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
                timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RefError(f"external $ref: cannot run git: {error}") from error
        if shown.returncode != 0:
            raise RefError(f"external $ref: no such file {label}")
        return _parse(shown.stdout, label)

    return load
