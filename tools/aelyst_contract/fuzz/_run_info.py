"""What a report says about the run itself: the specs (version, sha256), the tool's version and the
git commit of the working directory, gathered once by the runner for `RunStarted`."""

from __future__ import annotations

import hashlib
import subprocess
from importlib import metadata
from pathlib import Path

from aelyst_contract._specs import SPEC_PATHS, load_spec
from aelyst_contract.fuzz._events import SpecInfo
from aelyst_contract.fuzz._spec_facts import ApiName

__all__ = ["git_commit", "spec_infos", "tool_version"]


def spec_infos(apis: tuple[ApiName, ...]) -> tuple[SpecInfo, ...]:
    found = []
    for api in apis:
        path = SPEC_PATHS[api]
        version = load_spec(api).get("info", {}).get("version", "")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found.append(SpecInfo(api=api, path=str(path), version=str(version), sha256=digest))
    return tuple(found)


def tool_version() -> str:
    try:
        return metadata.version("aelyst-contract")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from an unbuilt tree
        return "unknown"


def git_commit(cwd: Path | None = None) -> str:
    """The commit checked out where the run was started ("" outside a git checkout, or without
    git), with "+dirty" when tracked files differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 (git from PATH, like any user's shell)
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        if head.returncode != 0:
            return ""
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    dirty = "+dirty" if status.returncode == 0 and status.stdout.strip() else ""
    return head.stdout.strip() + dirty
