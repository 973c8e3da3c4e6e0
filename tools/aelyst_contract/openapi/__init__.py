"""The one reader of OpenAPI documents: JSON pointers, `$ref` resolution, operations and routes.

    from aelyst_contract.openapi import Resolver, operations
    for operation in operations(document, "contact"):
        response = Resolver(document).resolved(operation.response(404))

Standard library only: loading a document (YAML) is `aelyst_contract._specs`' job.
"""

from aelyst_contract.openapi._nodes import mapping, sequence
from aelyst_contract.openapi._operation import HTTP_METHODS, Operation, operations
from aelyst_contract.openapi._pointer import (
    escape_token,
    join_pointer,
    node_at,
    parse_pointer,
    unescape_token,
)
from aelyst_contract.openapi._resolver import RefError, Resolver
from aelyst_contract.openapi._routes import RouteMatch, SpecRoutes, match_path

__all__ = [
    "HTTP_METHODS",
    "Operation",
    "RefError",
    "Resolver",
    "RouteMatch",
    "SpecRoutes",
    "escape_token",
    "join_pointer",
    "mapping",
    "match_path",
    "node_at",
    "operations",
    "parse_pointer",
    "sequence",
    "unescape_token",
]
