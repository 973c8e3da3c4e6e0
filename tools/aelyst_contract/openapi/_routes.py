"""Which operation a request's raw path addresses, with its path parameters percent-decoded.

What a server does with a raw path: split it into segments *before* decoding (so `%2F` inside an
identifier stays inside it), match the segments against the path templates under the server
URL's base path, then decode each parameter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from aelyst_contract.openapi._operation import Operation, operations

__all__ = ["RouteMatch", "SpecRoutes", "match_path"]

_PARAMETER = re.compile(r"\{([^}]+)\}")


def match_path(
    template: str, raw_path: str, *, errors: Literal["strict", "replace"] = "strict"
) -> dict[str, str] | None:
    """The decoded path parameters when `raw_path` (percent-encoded, relative to the base path,
    no query) fits `template`, else None.

    A parameter takes what its segment holds (possibly nothing), never a `/`. `errors`: a
    parameter that is not valid percent-encoded UTF-8 makes the path not match ("strict"), or
    decodes with U+FFFD in place of the bad bytes ("replace").
    """
    pattern, segments = template.strip("/").split("/"), raw_path.strip("/").split("/")
    if len(pattern) != len(segments):
        return None
    params: dict[str, str] = {}
    for expected, actual in zip(pattern, segments, strict=True):
        names, regex = _segment_pattern(expected)
        match = regex.fullmatch(actual)
        if match is None:
            return None
        for name, value in zip(names, match.groups(), strict=True):
            try:
                params[name] = unquote(value, errors=errors)
            except UnicodeDecodeError:
                return None
    return params


@functools.cache
def _segment_pattern(segment: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """(parameter names, regex) of one template segment; `{name}` may be all or part of it."""
    pieces = _PARAMETER.split(segment)  # literal, name, literal, name, ..., literal
    regex = "".join(
        "([^/]*)" if index % 2 else re.escape(piece) for index, piece in enumerate(pieces)
    )
    return tuple(pieces[1::2]), re.compile(regex)


@dataclass(frozen=True)
class RouteMatch:
    """One matched request: the operation and the decoded path parameters."""

    operation: Operation[None]
    full_template: str  # with the server's base path, e.g. /v1/contact/{identifier}/message
    path_params: dict[str, str]

    @property
    def operation_id(self) -> str:
        return self.operation.operation_id

    @property
    def template(self) -> str:
        """The path template as the document spells it, e.g. /contact/{identifier}/message."""
        return self.operation.path


class SpecRoutes:
    """Matches (method, raw path) against the operations (those with an operationId) of one
    document, under the base path of its first server URL."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        servers = document.get("servers") or [{"url": "/"}]
        self.base_path = urlsplit(servers[0]["url"]).path.rstrip("/")
        self._operations = [op for op in operations(document) if op.operation_id]

    def match(self, method: str, raw_path: str) -> RouteMatch | None:
        """The operation `method raw_path` addresses (raw_path as sent: percent-encoded).

        None when no operation matches; a segment that is not valid percent-encoded UTF-8 does
        not match either.
        """
        path = raw_path.split("?", 1)[0]
        if not path.startswith(self.base_path + "/"):
            return None
        relative = path[len(self.base_path) :]
        for operation in self._operations:
            if operation.method != method.upper():
                continue
            params = match_path(operation.path, relative)
            if params is not None:
                return RouteMatch(operation, self.base_path + operation.path, params)
        return None
