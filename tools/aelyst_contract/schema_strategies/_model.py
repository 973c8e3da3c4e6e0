"""The vocabulary the pieces of `schema_strategies` share."""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["ANNOTATIONS", "INT32_RANGE", "INT64_RANGE", "JsonValue", "OptionalMode"]

JsonValue = Any  # JSON documents as json.loads gives them; Any keeps mypy honest about dicts/lists

# How optional properties are generated: each present or absent at random, all, or none.
OptionalMode = Literal["draw", "all", "none"]

# The OpenAPI integer formats, checked by the validator and drawn by the builder.
INT64_RANGE = (-(2**63), 2**63 - 1)
INT32_RANGE = (-(2**31), 2**31 - 1)

# Keywords that only annotate; they never constrain a value.
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "example",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "discriminator",
        "externalDocs",
        "xml",
        "$comment",
    }
)
