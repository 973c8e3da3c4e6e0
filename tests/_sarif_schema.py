"""SARIF 2.1.0 documents against the official JSON Schema (tests/data/sarif-schema-2.1.0.json)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

__all__ = ["sarif_errors"]

_SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(
        schema["id"], Resource.from_contents(schema, DRAFT4)
    )
    return jsonschema.Draft4Validator(
        schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def sarif_errors(document: Any) -> list[str]:
    """Every way `document` breaks the SARIF 2.1.0 schema ([] when it is valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in _validator().iter_errors(document)
    ]
