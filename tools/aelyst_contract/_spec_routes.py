"""Which operation of a spec a request URL addresses, with its path parameters percent-decoded.

What a server does with a raw path: split it into segments *before* decoding (so `%2F` inside an
identifier stays inside it), match the segments against the spec's path templates under the
server URL's base path, then decode each parameter segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = ["RouteMatch", "SpecRoutes"]


@dataclass(frozen=True)
class RouteMatch:
    """One matched request: the operation, its path template and the decoded path parameters."""

    operation_id: str
    method: str
    template: str  # as in the spec, e.g. /contact/{identifier}/message
    full_template: str  # with the server's base path, e.g. /v1/contact/{identifier}/message
    path_params: dict[str, str]


class SpecRoutes:
    """Matches (method, raw path) against the operations of one spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        servers = spec.get("servers") or [{"url": "/"}]
        self.base_path = urlsplit(servers[0]["url"]).path.rstrip("/")
        self._routes: list[tuple[str, str, str, list[str]]] = []
        for template, item in spec.get("paths", {}).items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    segments = template.strip("/").split("/")
                    self._routes.append((method, template, operation["operationId"], segments))

    def match(self, method: str, raw_path: str) -> RouteMatch | None:
        """The operation `method raw_path` addresses (raw_path as sent: percent-encoded, no query).

        None when no operation matches; a segment that is not valid percent-encoded UTF-8 does
        not match either.
        """
        path = raw_path.split("?", 1)[0]
        if not path.startswith(self.base_path + "/"):
            return None
        segments = path[len(self.base_path) :].strip("/").split("/")
        for route_method, template, operation_id, pattern in self._routes:
            if route_method != method.lower() or len(pattern) != len(segments):
                continue
            params = _bind(pattern, segments)
            if params is not None:
                return RouteMatch(
                    operation_id=operation_id,
                    method=route_method,
                    template=template,
                    full_template=self.base_path + template,
                    path_params=params,
                )
        return None


def _bind(pattern: list[str], segments: list[str]) -> dict[str, str] | None:
    params: dict[str, str] = {}
    for expected, actual in zip(pattern, segments, strict=True):
        if expected.startswith("{") and expected.endswith("}"):
            try:
                params[expected[1:-1]] = unquote(actual, errors="strict")
            except UnicodeDecodeError:
                return None
        elif expected != actual:
            return None
    return params
