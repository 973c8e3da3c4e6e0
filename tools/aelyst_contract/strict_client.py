"""Opt-in strict mode for the generated clients: every response is checked against the spec.

The generated clients accept a wrong scalar type silently, raise a bare `KeyError` for a missing
field and a `ValueError` without context for an unknown enum value (toolchain notes). Strict mode
puts a transport in front of the real one that validates each response (documented status,
declared required headers, JSON body against the status's schema) before the client parses it,
and raises `ResponseContractError` naming the operation, the status and the offending field:

    from contact_messaging_client.extras import connect
    from aelyst_contract.strict_client import StrictTransport

    client = connect(url, token, transport=StrictTransport("contact"))

Requests are not checked here: that is the server's job (and the client contract suite's).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

import httpx
from jsonschema.exceptions import ValidationError, best_match

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.openapi import SpecRoutes, escape_token
from aelyst_contract.schema_strategies import SpecSchemas

__all__ = ["ResponseContractError", "ResponseValidator", "StrictTransport"]


class ResponseContractError(Exception):
    """A response that breaks the spec. `pointer` is the JSON pointer of the field in the body,
    or `header:<Name>` / `status` / `content-type` / `body` for what is not a body field."""

    def __init__(self, operation_id: str, status: int, pointer: str, reason: str) -> None:
        self.operation_id = operation_id
        self.status = status
        self.pointer = pointer
        self.reason = reason
        where = pointer or "/ (the whole body)"
        super().__init__(f"{operation_id} answered {status}: {where}: {reason}")


@dataclass(frozen=True)
class _Located:
    pointer: str
    reason: str


class ResponseValidator:
    """Checks an httpx response to a request against one spec; raises `ResponseContractError`."""

    def __init__(self, spec: SpecName | dict[str, Any]) -> None:
        document = load_spec(spec) if isinstance(spec, str) else spec
        self._schemas = SpecSchemas(document)
        self._routes = SpecRoutes(self._schemas.spec)

    def check(self, request: httpx.Request, response: httpx.Response) -> None:
        """Raise if `response` is not what the spec documents for `request`'s operation.

        A request to a path the spec does not know is not checked (it is not an API call).
        """
        match = self._routes.match(request.method, request.url.raw_path.decode("ascii"))
        if match is None:
            return
        operation_id, status = match.operation_id, response.status_code
        key = match.operation.response_key(status)
        if key is None:
            documented = list(match.operation.statuses)
            raise ResponseContractError(
                operation_id, status, "status", f"undocumented status (documented: {documented})"
            )
        self._check_headers(operation_id, key, status, response)
        content = self._schemas.resolve_pointer(
            self._schemas.response_pointer(operation_id, key)
        ).get("content")
        if not content:
            return
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in content:
            raise ResponseContractError(
                operation_id,
                status,
                "content-type",
                f"{media_type!r} is not one of {list(content)}",
            )
        try:
            body = json.loads(response.content)
        except ValueError as error:
            raise ResponseContractError(
                operation_id, status, "body", f"not JSON: {error}"
            ) from None
        pointer = self._schemas.response_body_pointer(operation_id, key, media_type)
        problem = _first_problem(self._schemas.validator(pointer).iter_errors(body))
        if problem is not None:
            raise ResponseContractError(operation_id, status, problem.pointer, problem.reason)

    def _check_headers(
        self, operation_id: str, key: str, status: int, response: httpx.Response
    ) -> None:
        for name, pointer in self._schemas.response_header_pointers(operation_id, key).items():
            header = self._schemas.resolve_pointer(pointer)
            raw = response.headers.get(name)
            if raw is None:
                if header.get("required"):
                    raise ResponseContractError(
                        operation_id, status, f"header:{name}", "required header is missing"
                    )
                continue
            schema = header.get("schema", {})
            value: Any = raw
            if schema.get("type") == "integer":
                try:
                    value = int(raw.strip()) if raw.strip().isascii() else raw
                except ValueError:
                    value = raw
            if not self._schemas.is_valid(f"{pointer}/schema", value):
                raise ResponseContractError(
                    operation_id, status, f"header:{name}", f"{raw!r} does not match its schema"
                )


def _first_problem(errors: Any) -> _Located | None:
    """The most specific error, located at the field it is about (a missing property included)."""
    error: ValidationError | None = best_match(errors)
    if error is None:
        return None
    # Inside a oneOf/anyOf, best_match stops at the union (or picks a branch by its own
    # relevance): descend into the branch the value was meant for.
    while error.context:
        error = _meant_branch_error(error)
    path = "".join(f"/{escape_token(str(part))}" for part in error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        required: list[str] = list(error.validator_value)  # type: ignore[arg-type]
        missing = [name for name in required if name not in error.instance]
        if missing:
            path += f"/{escape_token(missing[0])}"
    return _Located(path, error.message)


def _meant_branch_error(union: ValidationError) -> ValidationError:
    """The most relevant error inside the branch a union's value was meant for: the one its
    `discriminator` maps to, else the one whose tag (a `const`/`enum` on a direct property)
    matched, with the fewest errors."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in union.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = _discriminated_branch(union)
    if meant is not None and meant in branches:
        chosen = branches[meant]
    else:

        def distance(errors: list[ValidationError]) -> tuple[bool, int]:
            tag_failed = any(
                e.validator in ("const", "enum") and len(e.relative_path) <= 1 for e in errors
            )
            return (tag_failed, len(errors))

        chosen = min(branches.values(), key=distance)
    best = best_match(chosen)
    return best if best is not None else chosen[0]


def _discriminated_branch(union: ValidationError) -> int | None:
    """Index of the branch the OpenAPI `discriminator` names for the value, if it names one."""
    schema, value = union.schema, union.instance
    if not isinstance(schema, dict) or not isinstance(value, dict):
        return None
    discriminator = schema.get("discriminator")
    branches = schema.get(str(union.validator))
    if not isinstance(discriminator, dict) or not isinstance(branches, list):
        return None
    tag = value.get(discriminator.get("propertyName"))
    target = discriminator.get("mapping", {}).get(tag) if isinstance(tag, str) else None
    for index, branch in enumerate(branches):
        if isinstance(branch, dict) and target is not None and branch.get("$ref") == target:
            return index
    return None


@functools.cache
def _shared_validator(spec: SpecName) -> ResponseValidator:
    return ResponseValidator(spec)


class StrictTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport that validates every response of `inner` before the client sees it."""

    def __init__(
        self,
        spec: SpecName | dict[str, Any],
        *,
        inner: httpx.BaseTransport | None = None,
        async_inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        # Building a validator reads and compiles the whole spec: share one per named spec.
        self.validator = (
            _shared_validator(spec) if isinstance(spec, str) else ResponseValidator(spec)
        )
        self._inner = inner if inner is not None else httpx.HTTPTransport()
        if async_inner is None and isinstance(inner, httpx.AsyncBaseTransport):
            async_inner = inner  # e.g. httpx.MockTransport serves both
        self._async_inner = async_inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        response.read()
        self.validator.check(request, response)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async_inner is None:
            self._async_inner = httpx.AsyncHTTPTransport()
        response = await self._async_inner.handle_async_request(request)
        await response.aread()
        self.validator.check(request, response)
        return response

    def close(self) -> None:
        self._inner.close()

    async def aclose(self) -> None:
        if self._async_inner is not None:
            await self._async_inner.aclose()
