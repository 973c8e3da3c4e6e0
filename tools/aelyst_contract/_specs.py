"""Where the curated specs live and how tools read them (never the emulator: ARCHITECTURE.md)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from aelyst_contract._resources import DATA_DIR

__all__ = [
    "CHANNEL_SPEC_PATH",
    "CONTACT_SPEC_PATH",
    "HTTP_METHODS",
    "SPEC_DIR",
    "SPEC_PATHS",
    "SpecName",
    "load_spec",
    "load_yaml",
    "resolve_local_refs",
]

SPEC_DIR = DATA_DIR / "spec"
CONTACT_SPEC_PATH = SPEC_DIR / "contact-messaging.yaml"
CHANNEL_SPEC_PATH = SPEC_DIR / "channel-messaging.yaml"

# Every method an OpenAPI path item may hold, in the order the OpenAPI spec lists them.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

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


def resolve_local_refs(document: Mapping[str, Any], node: Any) -> Any:
    """Follow local `$ref`s (`#/...`, chained) to the node they point at. A non-local or cyclic
    `$ref` is returned as it is: callers treat it as an opaque schema."""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        ref: str = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            return node
        seen.add(ref)
        target: Any = document
        for token in ref[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node
