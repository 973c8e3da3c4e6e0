"""Where the curated specs live and how tools read them (never the emulator: ARCHITECTURE.md)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

import yaml

from aelyst_contract._resources import DATA_DIR

__all__ = [
    "CHANNEL_SPEC_PATH",
    "CONTACT_SPEC_PATH",
    "SPEC_DIR",
    "SPEC_PATHS",
    "SpecName",
    "load_spec",
    "load_yaml",
]

SPEC_DIR = DATA_DIR / "spec"
CONTACT_SPEC_PATH = SPEC_DIR / "contact-messaging.yaml"
CHANNEL_SPEC_PATH = SPEC_DIR / "channel-messaging.yaml"

SpecName = Literal["contact", "channel"]
SPEC_PATHS: dict[SpecName, Path] = {"contact": CONTACT_SPEC_PATH, "channel": CHANNEL_SPEC_PATH}


def load_yaml(path: Path) -> dict[str, Any]:
    """Parse one spec file; a document that is not a mapping is a ValueError naming the file."""
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise ValueError(f"{path}: expected a mapping at the top level, got {kind}")
    return document


@functools.cache
def _load_cached(path: Path) -> dict[str, Any]:
    return load_yaml(path)


def load_spec(name: SpecName) -> dict[str, Any]:
    """The curated spec as a dict. Cached: callers must not mutate it (copy.deepcopy first)."""
    return _load_cached(SPEC_PATHS[name])
