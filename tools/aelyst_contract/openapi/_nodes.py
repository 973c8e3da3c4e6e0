"""Tolerant reads of document nodes: a malformed document reads as "absent", never as a crash."""

from __future__ import annotations

from typing import Any

__all__ = ["mapping", "sequence"]


def mapping(node: Any) -> dict[str, Any]:
    """The node if it is a mapping, else an empty one."""
    return node if isinstance(node, dict) else {}


def sequence(node: Any) -> list[Any]:
    """The node if it is a list, else an empty one."""
    return node if isinstance(node, list) else []
