"""Reading OLD and NEW: a file, or a file's version at a git ref (`git show REF:path`)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aelyst_contract._specs import (
    SpecInputError,
    check_refs,
    decode_spec_bytes,
    parse_spec_text,
    read_spec_text,
)
from aelyst_contract.specdiff._external import ExternalLoader, file_loader, git_loader

__all__ = ["SpecSource", "SpecSourceError", "exists_at_ref", "load_at_ref", "load_file"]


class SpecSourceError(ValueError):
    """A spec that cannot be read: missing file, bad ref, not YAML/JSON, not a mapping, a `$ref`
    that leads nowhere. The message names the spec and, where there is one, the line:column."""


@dataclass(frozen=True)
class SpecSource:
    label: str  # what the reader calls it: a path, or REF:path
    document: dict[str, Any]
    path: Path | None = None  # the file, when it is one (not a version at a git ref)
    text: str = field(default="", repr=False)  # the YAML, for locating pointers in it
    # Reads the files its external `$ref`s name (next to the spec, or at the same git ref).
    loader: ExternalLoader | None = field(default=None, compare=False)


def _parse(text: str, label: str, loader: ExternalLoader | None = None) -> dict[str, Any]:
    try:
        document = parse_spec_text(text, label)
        if not isinstance(document.get("paths", {}), dict):
            raise SpecInputError("`paths` is not a mapping", pointer="/paths")
        if "openapi" not in document:
            raise SpecInputError("not an OpenAPI document (no `openapi` field)", pointer="")
        check_refs(document, loader=loader)
    except SpecInputError as error:
        raise SpecSourceError(str(error.located(label, text))) from None
    return document


def load_file(path: Path) -> SpecSource:
    label = _shown(path)
    try:
        text = read_spec_text(path)
    except SpecInputError as error:
        raise SpecSourceError(str(error.located(label, None))) from None
    loader = file_loader(path)
    return SpecSource(label, _parse(text, label, loader), path=path, text=text, loader=loader)


def _shown(path: Path) -> str:
    """The path relative to the working directory when it is below it (shorter reports)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = _git_bytes(cwd, *args)
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", errors="replace"),
        result.stderr.decode("utf-8", errors="replace"),
    )


def _git_bytes(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """git's output as bytes: a file's content at a ref need not be UTF-8 (decode_spec_bytes
    says where it is not)."""
    try:
        return subprocess.run(  # noqa: S603 - fixed git argv, no shell
            ["git", *args],  # noqa: S607 - git from PATH, as a developer runs it
            cwd=cwd,
            capture_output=True,
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
    shown = _git_bytes(root, "show", f"{ref}:{relative}")
    label = f"{ref}:{relative}"
    if shown.returncode != 0:
        raise SpecSourceError(f"{label}: not found at that ref")
    try:
        text = decode_spec_bytes(shown.stdout, label)
    except SpecInputError as error:
        raise SpecSourceError(str(error)) from None
    loader = git_loader(root, ref, relative)
    return SpecSource(label, _parse(text, label, loader), text=text, loader=loader)
