"""JSON pointers (RFC 6901) into a document: `/paths/~1contact~1{identifier}/get`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["escape_token", "join_pointer", "node_at", "parse_pointer", "unescape_token"]


def escape_token(token: str | int) -> str:
    """One reference token as a pointer spells it: `~` -> `~0`, then `/` -> `~1`."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    """The token a pointer spells: `~1` -> `/`, then `~0` -> `~` (the order matters: `~01`)."""
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    """`pointer` extended by `tokens`, each escaped."""
    return pointer + "".join("/" + escape_token(token) for token in tokens)


def parse_pointer(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer; the URI-fragment form (`#/a/b`) is accepted too.

    "" and "#" are the whole document. A non-empty pointer that does not start with `/` is a
    ValueError.
    """
    path = pointer.removeprefix("#")
    if not path:
        return []
    if not path.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/', got {pointer!r}")
    return [unescape_token(token) for token in path[1:].split("/")]


def node_at(document: Any, pointer: str) -> Any:
    """The node `pointer` names in `document`; a KeyError naming the pointer when there is none."""
    node = document
    for token in parse_pointer(pointer):
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(f"nothing at {pointer!r}")
    return node
