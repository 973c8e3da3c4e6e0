"""Placeholder: the property check lands in the next commit."""

from __future__ import annotations

from typing import Any

from tools.specdiff._model import PropertyCheckError

__all__ = ["check_property"]


def check_property(
    old: dict[str, Any], new: dict[str, Any], *, examples: int, seed: int
) -> dict[str, Any]:
    raise PropertyCheckError("not implemented yet")
