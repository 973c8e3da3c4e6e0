"""Where hypothesis keeps its caches while the project runs it (a fuzz run, `diff --property`).

In a new process hypothesis writes its unicode tables, and the constants it reads from local
source files, under `.hypothesis/` in the current directory (fixed when it is imported). Those are
caches: the project's runs keep them in the user's cache directory instead, so that running the
tool leaves nothing in the directory it was run from, and the next run finds them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["hypothesis_caches"]


def _hypothesis_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/aelyst-contract/hypothesis` (by default under `~/.cache`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aelyst-contract" / "hypothesis"


@contextlib.contextmanager
def hypothesis_caches() -> Iterator[None]:
    """While in it, hypothesis keeps its files in `_hypothesis_cache_dir()`, unless the user named
    a place (HYPOTHESIS_STORAGE_DIRECTORY). Nothing there is needed: when the directory cannot be
    written, hypothesis goes without its caches. (An `--example-db` is set apart, explicitly.)"""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        yield
        return
    from hypothesis.configuration import (  # noqa: PLC0415
        set_hypothesis_home_dir,
        storage_directory,
    )

    previous = storage_directory(intent_to_write=False).home_directory
    set_hypothesis_home_dir(_hypothesis_cache_dir())
    try:
        yield
    finally:
        set_hypothesis_home_dir(previous)
