"""Reading OLD and NEW: a file, or a file's version at a git ref (`git show REF:path`)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SpecSource", "SpecSourceError", "exists_at_ref", "load_at_ref", "load_file"]


class SpecSourceError(ValueError):
    """A spec that cannot be read: missing file, bad ref, not YAML/JSON, not a mapping."""


@dataclass(frozen=True)
class SpecSource:
    label: str  # what the reader calls it: a path, or REF:path
    document: dict[str, Any]


def _parse(text: str, label: str) -> dict[str, Any]:
    try:
        document = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SpecSourceError(f"{label}: not YAML or JSON: {first_line}") from error
    if not isinstance(document, dict):
        raise SpecSourceError(
            f"{label}: expected a mapping at the top level, got {type(document).__name__}"
        )
    if not isinstance(document.get("paths", {}), dict):
        raise SpecSourceError(f"{label}: `paths` is not a mapping")
    if "openapi" not in document:
        raise SpecSourceError(f"{label}: not an OpenAPI document (no `openapi` field)")
    return document


def load_file(path: Path) -> SpecSource:
    if not path.is_file():
        raise SpecSourceError(f"no such spec file: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecSourceError(f"{path}: cannot read: {error}") from error
    return SpecSource(_shown(path), _parse(text, _shown(path)))


def _shown(path: Path) -> str:
    """The path relative to the working directory when it is below it (shorter reports)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(  # noqa: S603 - fixed git argv, no shell
            ["git", *args],  # noqa: S607 - git from PATH, as a developer runs it
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SpecSourceError(f"cannot run git: {error}") from error


def _repo_path(path: Path) -> tuple[Path, str]:
    """(repository top level, the path relative to it in git's spelling)."""
    absolute = path.resolve()
    directory = absolute.parent if absolute.parent.is_dir() else Path.cwd()
    top = _git(directory, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise SpecSourceError(f"{path}: not inside a git repository")
    root = Path(top.stdout.strip()).resolve()
    try:
        relative = absolute.relative_to(root)
    except ValueError as error:
        raise SpecSourceError(f"{path}: outside the git repository {root}") from error
    return root, relative.as_posix()


def _verify_ref(root: Path, ref: str) -> None:
    if ref.startswith("-"):
        raise SpecSourceError(f"bad git ref {ref!r}")
    check = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if check.returncode != 0:
        raise SpecSourceError(f"unknown git ref {ref!r}")


def exists_at_ref(ref: str, path: Path) -> bool:
    """Whether `path` exists at `ref` (an unknown ref is a SpecSourceError, not False)."""
    root, relative = _repo_path(path)
    _verify_ref(root, ref)
    return _git(root, "cat-file", "-e", f"{ref}:{relative}").returncode == 0


def load_at_ref(ref: str, path: Path) -> SpecSource:
    """The spec as it was at a git ref (`git show REF:path`)."""
    root, relative = _repo_path(path)
    _verify_ref(root, ref)
    shown = _git(root, "show", f"{ref}:{relative}")
    label = f"{ref}:{relative}"
    if shown.returncode != 0:
        raise SpecSourceError(f"{label}: not found at that ref")
    return SpecSource(label, _parse(shown.stdout, label))
