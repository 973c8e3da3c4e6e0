"""Opt-in strict mode for the generated clients: every request and response is checked against
the spec.

The plain generated clients raise `ResponseParseError` for what their types can see (a wrong
scalar type, a missing field, an unknown enum value). Strict mode puts a transport in front of the
real one that checks the whole contract, both ways:

- before a request goes out: the method and path address a documented operation, the path
  parameters (percent-decoded as a server does) and the query parameters match their schemas,
  no undocumented query parameter is sent, the credential is there with the API's scheme
  (`Bearer` contact, `AccessKey` channel; it is never quoted back), the JSON body matches the
  request body schema. A request that breaks the contract is not sent: `RequestContractError`.
- before the client parses a response: the status is documented, the declared headers are there
  and well formed, the JSON body matches the status's schema (formats, patterns, lengths,
  bounds, unknown properties included). Otherwise `ResponseContractError`.

Both errors are `ContractError`s and list every problem found (`problems`), each with its place:

    from contact_messaging_client.extras import connect
    from aelyst_contract.strict_client import StrictTransport

    client = connect(url, token, transport=StrictTransport("contact"))
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote

import httpx
import jsonschema_rs
from jsonschema.exceptions import ValidationError, best_match

from aelyst_contract._generate import CLIENTS
from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.openapi import (
    Operation,
    RouteMatch,
    SpecRoutes,
    escape_token,
    match_path,
    operations,
)
from aelyst_contract.schema_strategies import JsonValue, SpecSchemas

__all__ = [
    "ContractError",
    "ContractProblem",
    "RequestContractError",
    "RequestValidator",
    "ResponseContractError",
    "ResponseValidator",
    "StrictTransport",
]

# An error message lists this many problems, then says how many more `problems` holds.
_MESSAGE_PROBLEM_LIMIT = 10
# A reason quotes the offending value (jsonschema's messages do): a huge one is cut here.
_REASON_LIMIT = 300
_SPEC_URI = "urn:aelyst:strict-client"
# Header parameters OpenAPI says to ignore: the media types and the security scheme cover them.
_IGNORED_HEADER_PARAMETERS = frozenset({"accept", "content-type", "authorization"})
_INTEGER_TEXT = re.compile(r"-?[0-9]+")
_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


@dataclass(frozen=True)
class ContractProblem:
    """One way a message breaks the spec: where (`place`) and why (`reason`).

    A request's places are `method`, `path`, `path/<name>`, `query/<name>`, `header/<Name>`,
    `body` and `body<JSON pointer>`; a response's are `status`, `header:<Name>`, `content-type`,
    `body` and the JSON pointer of the body field ("" for the whole body).
    """

    place: str
    reason: str

    def __str__(self) -> str:
        return f"{self.place or '/ (the whole body)'}: {self.reason}"


class ContractError(Exception):
    """A request or response that breaks the spec; `problems` holds every problem found."""

    def __init__(self, summary: str, problems: Sequence[ContractProblem]) -> None:
        if not problems:
            raise ValueError("a ContractError needs at least one problem")
        self.problems: tuple[ContractProblem, ...] = tuple(problems)
        super().__init__(_message(summary, self.problems))


def _message(summary: str, problems: Sequence[ContractProblem]) -> str:
    """`summary: first problem`, then the others one per line, at most _MESSAGE_PROBLEM_LIMIT."""
    lines = [f"{summary}: {problems[0]}"]
    if len(problems) > 1:
        lines[0] += f" (and {len(problems) - 1} more)"
        lines += [f"  {problem}" for problem in problems[1:_MESSAGE_PROBLEM_LIMIT]]
        if len(problems) > _MESSAGE_PROBLEM_LIMIT:
            lines.append(f"  ... {len(problems) - _MESSAGE_PROBLEM_LIMIT} more in .problems")
    return "\n".join(lines)


class ResponseContractError(ContractError):
    """A response that breaks the spec. `pointer`/`reason` are its first (most relevant) problem:
    the JSON pointer of the field in the body, or `header:<Name>` / `status` / `content-type` /
    `body` for what is not a body field."""

    def __init__(self, operation_id: str, status: int, problems: Sequence[ContractProblem]) -> None:
        self.operation_id = operation_id
        self.status = status
        super().__init__(f"{operation_id} answered {status}", problems)
        self.pointer = self.problems[0].place
        self.reason = self.problems[0].reason


class RequestContractError(ContractError):
    """A request that breaks the spec, stopped before it was sent. `operation_id` is None when
    no documented operation has its method and path. The credential is never quoted."""

    def __init__(
        self, operation_id: str | None, method: str, path: str, problems: Sequence[ContractProblem]
    ) -> None:
        self.operation_id = operation_id
        self.method = method
        self.path = path
        label = operation_id or f"{method} {path}"
        super().__init__(f"{label} request not sent", problems)


# ---- the spec, indexed once ---------------------------------------------------------------------


class _SpecIndex:
    """One spec's operations, routes and the two validators (jsonschema for located errors,
    jsonschema-rs for ECMA-262 regexes: Python's `$` matches before a trailing newline)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.schemas = SpecSchemas(document)
        self.document = self.schemas.spec
        self.routes = SpecRoutes(self.document)
        self.operations = [op for op in operations(self.document) if op.operation_id]
        self._registry = jsonschema_rs.Registry([(_SPEC_URI, self.document)])
        self._ecma: dict[str, jsonschema_rs.Draft202012Validator] = {}

    def resolved(self, pointer: str) -> Any:
        return self.schemas.resolve_pointer(self.schemas.dereference(pointer))

    def problems(self, pointer: str, value: Any, prefix: str = "") -> list[ContractProblem]:
        """Every way `value` breaks the schema at `pointer`, each placed at `prefix` + the JSON
        pointer of the offending value; the most relevant first."""
        errors = list(self.schemas.validator(pointer).iter_errors(value))
        found = [ContractProblem(prefix + p.pointer, p.reason) for p in _located(errors)]
        # jsonschema-rs places some errors higher up (a missing property at its object): one
        # adds a problem only where jsonschema found none, at that place or below it.
        placed = {problem.place for problem in found}
        for error in self._ecma_validator(pointer).iter_errors(value):
            place = prefix + "".join(f"/{escape_token(part)}" for part in error.instance_path)
            if not any(seen == place or seen.startswith(f"{place}/") for seen in placed):
                placed.add(place)
                found.append(ContractProblem(place, _short(error.message)))
        return found

    def _ecma_validator(self, pointer: str) -> jsonschema_rs.Draft202012Validator:
        validator = self._ecma.get(pointer)
        if validator is None:
            validator = jsonschema_rs.Draft202012Validator(
                {"$ref": f"{_SPEC_URI}#{quote(pointer, safe='/~')}"},
                registry=self._registry,
                validate_formats=True,
            )
            self._ecma[pointer] = validator
        return validator


@functools.cache
def _named_index(spec: SpecName) -> _SpecIndex:
    # Indexing reads and compiles the whole spec: one per named spec, shared.
    return _SpecIndex(load_spec(spec))


def _index(spec: SpecName | dict[str, Any]) -> _SpecIndex:
    return _named_index(spec) if isinstance(spec, str) else _SpecIndex(spec)


# ---- responses ----------------------------------------------------------------------------------


class ResponseValidator:
    """Checks an httpx response to a request against one spec; raises `ResponseContractError`."""

    def __init__(self, spec: SpecName | dict[str, Any]) -> None:
        self._index = _index(spec)

    def check(self, request: httpx.Request, response: httpx.Response) -> None:
        """Raise, listing every problem, if `response` is not what the spec documents for
        `request`'s operation.

        A request to a path the spec does not know is not checked (it is not an API call).
        """
        match = self._index.routes.match(request.method, request.url.raw_path.decode("ascii"))
        if match is None:
            return
        problems = self.problems(match, response)
        if problems:
            raise ResponseContractError(match.operation_id, response.status_code, problems)

    def problems(self, match: RouteMatch, response: httpx.Response) -> list[ContractProblem]:
        """Every problem of `response` to the operation `match` names (the body must be read)."""
        operation_id, status = match.operation_id, response.status_code
        key = match.operation.response_key(status)
        if key is None:
            documented = list(match.operation.statuses)
            return [ContractProblem("status", f"undocumented status (documented: {documented})")]
        schemas = self._index.schemas
        problems = self._header_problems(operation_id, key, response)
        content = schemas.resolve_pointer(schemas.response_pointer(operation_id, key)).get(
            "content"
        )
        if not content:
            return problems
        media_type = _media_type(response.headers)
        if media_type not in content:
            reason = f"{media_type!r} is not one of {list(content)}"
            return [*problems, ContractProblem("content-type", reason)]
        try:
            body = json.loads(response.content)
        except ValueError as error:
            return [*problems, ContractProblem("body", f"not JSON: {error}")]
        pointer = schemas.response_body_pointer(operation_id, key, media_type)
        return problems + self._index.problems(pointer, body)

    def _header_problems(
        self, operation_id: str, key: str, response: httpx.Response
    ) -> list[ContractProblem]:
        problems = []
        for name, pointer in self._index.schemas.response_header_pointers(
            operation_id, key
        ).items():
            header = self._index.schemas.resolve_pointer(pointer)
            raw = response.headers.get(name)
            if raw is None:
                if header.get("required"):
                    problems.append(ContractProblem(f"header:{name}", "required header is missing"))
                continue
            schema_pointer = f"{pointer}/schema"
            value = _parameter_value(raw.strip(), _types(self._index.resolved(schema_pointer)))
            if self._index.problems(schema_pointer, value):
                reason = f"{_short(repr(raw))} does not match its schema"
                problems.append(ContractProblem(f"header:{name}", reason))
        return problems


# ---- requests -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parameter:
    location: str  # path, query or header (cookies are not checked)
    name: str
    required: bool
    schema_pointer: str
    types: frozenset[str]
    item_types: frozenset[str]  # of an array's items


@dataclass(frozen=True)
class _Credential:
    """Where one security scheme's credential goes and the scheme word it must start with."""

    location: str  # header or query
    name: str
    prefix: str | None  # None: only its presence is checked
    case_sensitive: bool  # HTTP auth schemes are not (RFC 9110 11.1); an API key prefix is


@dataclass(frozen=True)
class _RequestPlan:
    """What one operation takes, read from the spec once."""

    parameters: tuple[_Parameter, ...]
    body_required: bool
    # media type -> pointer of its JSON schema (None: not JSON); None when there is no body
    body_schemas: Mapping[str, str | None] | None
    security: tuple[tuple[_Credential, ...], ...]  # alternatives; () when none is required


class RequestValidator:
    """Checks an httpx request against one spec before it is sent; raises `RequestContractError`.

    `auth_prefix` is the word the credential must start with (`AccessKey <key>`) when the spec
    cannot say it (an `apiKey` scheme); for the named specs it is the prefix their generated
    client sends. An `http` scheme states its own (`bearer`).
    """

    def __init__(self, spec: SpecName | dict[str, Any], *, auth_prefix: str | None = None) -> None:
        self._index = _index(spec)
        if auth_prefix is None and isinstance(spec, str):
            auth_prefix = CLIENTS[spec].auth_prefix
        self._auth_prefix = auth_prefix
        self._plans: dict[str, _RequestPlan] = {}

    def check(self, request: httpx.Request) -> None:
        """Raise, listing every problem, if `request` is not what the spec documents (its body
        must be read)."""
        match, problems = self.problems(request)
        if problems:
            operation_id = match.operation_id if match is not None else None
            path = request.url.raw_path.decode("ascii").split("?", 1)[0]
            raise RequestContractError(operation_id, request.method, path, problems)

    def problems(self, request: httpx.Request) -> tuple[RouteMatch | None, list[ContractProblem]]:
        """The operation `request` addresses (None if none) and every problem of the request."""
        raw_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        match = self._index.routes.match(request.method, raw_path)
        if match is None:
            return None, [self._unmatched(request.method, raw_path)]
        plan = self._plan(match.operation)
        query: dict[str, list[str]] = {}
        for name, value in parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True):
            query.setdefault(name, []).append(value)
        problems: list[ContractProblem] = []
        for parameter in plan.parameters:
            problems += self._parameter_problems(parameter, match.path_params, query, request)
        problems += self._security_problems(plan.security, request, query)
        documented = {p.name for p in plan.parameters if p.location == "query"}
        documented |= {c.name for alt in plan.security for c in alt if c.location == "query"}
        problems += [
            ContractProblem(f"query/{name}", "not a documented query parameter")
            for name in query
            if name not in documented
        ]
        problems += self._body_problems(plan, request)
        return match, problems

    def _unmatched(self, method: str, raw_path: str) -> ContractProblem:
        base = self._index.routes.base_path
        if not raw_path.startswith(base + "/"):
            return ContractProblem("path", f"not under the API's base path {base + '/'!r}")
        relative = raw_path[len(base) :]
        methods = [
            op.method for op in self._index.operations if match_path(op.path, relative) is not None
        ]
        if methods:
            return ContractProblem(
                "method", f"{method} is not documented for this path (documented: {methods})"
            )
        for op in self._index.operations:
            decoded = match_path(op.path, relative, errors="replace")
            if op.method == method.upper() and decoded is not None:
                return ContractProblem(
                    "path", f"a parameter of {op.path} is not percent-encoded UTF-8"
                )
        return ContractProblem("path", f"no documented {method} operation has this path")

    def _plan(self, operation: Operation[None]) -> _RequestPlan:
        plan = self._plans.get(operation.operation_id)
        if plan is None:
            plan = self._plans[operation.operation_id] = self._make_plan(operation)
        return plan

    def _make_plan(self, operation: Operation[None]) -> _RequestPlan:
        schemas = self._index.schemas
        parameters = []
        for (location, name), pointer in schemas.parameter_pointers(operation.operation_id).items():
            if location not in ("path", "query", "header") or (
                location == "header" and name.lower() in _IGNORED_HEADER_PARAMETERS
            ):
                continue
            node = schemas.resolve_pointer(pointer)
            schema_pointer = f"{pointer}/schema"
            schema = self._index.resolved(schema_pointer)
            items = (
                self._index.resolved(f"{self._index.schemas.dereference(schema_pointer)}/items")
                if "items" in schema
                else {}
            )
            parameters.append(
                _Parameter(
                    location,
                    name,
                    bool(node.get("required")) or location == "path",
                    schema_pointer,
                    _types(schema),
                    _types(items),
                )
            )
        body_schemas: dict[str, str | None] | None = None
        body_required = False
        if "requestBody" in operation.node:
            operation_pointer = schemas.operation_pointer(operation.operation_id)[0]
            body = self._index.resolved(f"{operation_pointer}/requestBody")
            body_required = bool(body.get("required"))
            body_schemas = {
                media_type.lower(): (
                    schemas.request_body_pointer(operation.operation_id, media_type)
                    if _is_json(media_type) and "schema" in media
                    else None
                )
                for media_type, media in body.get("content", {}).items()
            }
        return _RequestPlan(
            tuple(parameters), body_required, body_schemas, self._security(operation)
        )

    def _security(self, operation: Operation[None]) -> tuple[tuple[_Credential, ...], ...]:
        requirements = operation.node.get("security", self._index.document.get("security", []))
        if not requirements or any(not requirement for requirement in requirements):
            return ()  # none declared, or `{}` among the alternatives: anonymous is allowed
        schemes = self._index.document.get("components", {}).get("securitySchemes", {})
        alternatives = []
        for requirement in requirements:
            credentials = [self._credential(schemes.get(name, {})) for name in requirement]
            alternatives.append(tuple(c for c in credentials if c is not None))
        return tuple(alternatives)

    def _credential(self, scheme: Mapping[str, Any]) -> _Credential | None:
        kind = scheme.get("type")
        if kind == "http":
            word = str(scheme.get("scheme", "bearer"))
            return _Credential("header", "Authorization", word[:1].upper() + word[1:], False)
        if kind in ("oauth2", "openIdConnect"):
            return _Credential("header", "Authorization", "Bearer", False)
        if kind == "apiKey" and scheme.get("in") in ("header", "query"):
            name = str(scheme.get("name", ""))
            prefix = self._auth_prefix if name.lower() == "authorization" else None
            return _Credential(str(scheme["in"]), name, prefix, True)
        return None  # a cookie or mutual-TLS credential is not the client's to check here

    def _parameter_problems(
        self,
        parameter: _Parameter,
        path_params: Mapping[str, str],
        query: Mapping[str, list[str]],
        request: httpx.Request,
    ) -> list[ContractProblem]:
        place = f"{parameter.location}/{parameter.name}"
        if parameter.location == "path":
            raws = [path_params[parameter.name]] if parameter.name in path_params else []
        elif parameter.location == "query":
            raws = query.get(parameter.name, [])
        else:
            raws = request.headers.get_list(parameter.name)
        if not raws:
            if parameter.required:
                return [ContractProblem(place, f"required {parameter.location} parameter missing")]
            return []
        value: Any
        if "array" in parameter.types:
            value = [_parameter_value(raw, parameter.item_types) for raw in raws]
        elif len(raws) > 1:
            return [ContractProblem(place, f"sent {len(raws)} times; it takes one value")]
        else:
            value = _parameter_value(raws[0], parameter.types)
        return self._index.problems(parameter.schema_pointer, value, place)

    def _security_problems(
        self,
        alternatives: Sequence[tuple[_Credential, ...]],
        request: httpx.Request,
        query: Mapping[str, list[str]],
    ) -> list[ContractProblem]:
        first: list[ContractProblem] = []
        for index, credentials in enumerate(alternatives):
            problems = [
                problem
                for credential in credentials
                if (problem := _credential_problem(credential, request, query)) is not None
            ]
            if not problems:
                return []
            if index == 0:
                first = problems
        return first

    def _body_problems(self, plan: _RequestPlan, request: httpx.Request) -> list[ContractProblem]:
        content = request.content
        if plan.body_schemas is None:
            return (
                [ContractProblem("body", "the operation takes no request body")] if content else []
            )
        if not content:
            missing = ContractProblem("body", "the required request body is missing")
            return [missing] if plan.body_required else []
        media_type = _media_type(request.headers)
        if media_type not in plan.body_schemas:
            reason = f"{media_type!r} is not one of {list(plan.body_schemas)}"
            return [ContractProblem("header/Content-Type", reason)]
        pointer = plan.body_schemas[media_type]
        return [] if pointer is None else self._json_body_problems(pointer, content)

    def _json_body_problems(self, pointer: str, content: bytes) -> list[ContractProblem]:
        try:
            body = json.loads(content)
        except ValueError as error:
            return [ContractProblem("body", f"not JSON: {error}")]
        return self._index.problems(pointer, body, "body")


def _credential_problem(
    credential: _Credential, request: httpx.Request, query: Mapping[str, list[str]]
) -> ContractProblem | None:
    """What is wrong with one credential; the reason never quotes what was sent."""
    if credential.location == "query":
        place = f"query/{credential.name}"
        sent = query.get(credential.name, [])
        return None if sent and sent[0] else ContractProblem(place, "the credential is missing")
    place = f"header/{credential.name}"
    value = request.headers.get(credential.name)
    if credential.prefix is None:
        return None if value else ContractProblem(place, "the credential is missing")
    expected = f"{credential.prefix} <credential>"
    if not value:
        return ContractProblem(place, f"the credential is missing ({expected})")
    word, _, secret = value.partition(" ")
    same = (
        word == credential.prefix
        if credential.case_sensitive
        else (word.lower() == credential.prefix.lower())
    )
    if not same:
        return ContractProblem(place, f"does not use the {credential.prefix!r} scheme ({expected})")
    if not secret.strip():
        return ContractProblem(place, f"has no credential after {credential.prefix!r} ({expected})")
    return None


# ---- values and errors --------------------------------------------------------------------------


def _types(schema: Any) -> frozenset[str]:
    kinds = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kinds, str):
        return frozenset({kinds})
    if isinstance(kinds, list):
        return frozenset(str(kind) for kind in kinds)
    return frozenset()


def _parameter_value(raw: str, types: frozenset[str]) -> JsonValue:
    """A parameter's text as a server reads it for a schema of `types`: an integer or number
    spelled in ASCII digits, `true`/`false`, else the text itself (which then fails a typed
    schema, as it should)."""
    if "integer" in types and _INTEGER_TEXT.fullmatch(raw):
        return int(raw)
    if "number" in types and _NUMBER_TEXT.fullmatch(raw):
        number = float(raw)
        if math.isfinite(number):
            return int(raw) if _INTEGER_TEXT.fullmatch(raw) else number
    if "boolean" in types and raw in ("true", "false"):
        return raw == "true"
    return raw


def _media_type(headers: httpx.Headers) -> str:
    return str(headers.get("content-type", "")).split(";", maxsplit=1)[0].strip().lower()


def _is_json(media_type: str) -> bool:
    bare = media_type.split(";", maxsplit=1)[0].strip().lower()
    return bare == "application/json" or bare.endswith("+json")


def _short(text: str) -> str:
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 1] + "…"


@dataclass(frozen=True)
class _Located:
    pointer: str
    reason: str


def _located(errors: Sequence[ValidationError]) -> list[_Located]:
    """Every error located at the field it is about, the most relevant (jsonschema's
    `best_match`) first; one per field (a `null` for an enum breaks its type and its enum)."""
    if not errors:
        return []
    found = [_located_one(best_match(errors))[0]]
    for error in errors:
        for located in _located_one(error):
            if all(seen.pointer != located.pointer for seen in found):
                found.append(located)
    return found


def _located_one(error: ValidationError) -> list[_Located]:
    """One error as the problems it stands for: a union's become those of the branch its value
    was meant for, an `additionalProperties: false` one is placed at each unexpected property.
    The first is the most relevant."""
    if error.context:
        # Inside a oneOf/anyOf, best_match stops at the union (or picks a branch by its own
        # relevance): descend into the branch the value was meant for.
        branch = _meant_branch_errors(error)
        best = best_match(branch)
        ordered = [best, *(e for e in branch if e is not best)] if best is not None else branch
        return [located for sub in ordered for located in _located_one(sub)]
    path = "".join(f"/{escape_token(str(part))}" for part in error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        required = [str(name) for name in error.validator_value]  # type: ignore[union-attr]
        missing = [name for name in required if name not in error.instance]
        # jsonschema reports each missing property as its own error, naming it first.
        named = [name for name in missing if error.message.startswith(repr(name))]
        if missing:
            return [_Located(f"{path}/{escape_token((named or missing)[0])}", error.message)]
    if (
        error.validator == "additionalProperties"
        and error.validator_value is False
        and isinstance(error.instance, dict)
        and isinstance(error.schema, dict)
    ):
        unexpected = _unexpected_properties(error.schema, error.instance)
        if unexpected:
            return [
                _Located(f"{path}/{escape_token(name)}", "not a documented property")
                for name in unexpected
            ]
    return [_Located(path, _short(error.message))]


def _unexpected_properties(schema: Mapping[str, Any], instance: Mapping[str, Any]) -> list[str]:
    declared = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    return [
        str(name)
        for name in instance
        if name not in declared and not any(re.search(pattern, name) for pattern in patterns)
    ]


def _meant_branch_errors(union: ValidationError) -> list[ValidationError]:
    """The errors of the branch a union's value was meant for: the one its `discriminator` maps
    to, else the one whose tag (a `const`/`enum` on a direct property) matched, with the fewest
    errors."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in union.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = _discriminated_branch(union)
    if meant is not None and meant in branches:
        return branches[meant]

    def distance(errors: list[ValidationError]) -> tuple[bool, int]:
        tag_failed = any(
            e.validator in ("const", "enum") and len(e.relative_path) <= 1 for e in errors
        )
        return (tag_failed, len(errors))

    return min(branches.values(), key=distance)


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


# ---- the transport ------------------------------------------------------------------------------


class StrictTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport (sync and async) that checks every request before `inner` sends it
    and every response of `inner` before the client sees it.

    `check_requests=False` sends any request (for deliberately invalid ones, e.g. to test a
    server) and checks only the responses; `auth_prefix`: see `RequestValidator`.
    """

    def __init__(
        self,
        spec: SpecName | dict[str, Any],
        *,
        inner: httpx.BaseTransport | None = None,
        async_inner: httpx.AsyncBaseTransport | None = None,
        check_requests: bool = True,
        auth_prefix: str | None = None,
    ) -> None:
        self.validator = ResponseValidator(spec)
        self.request_validator = (
            RequestValidator(spec, auth_prefix=auth_prefix) if check_requests else None
        )
        self._inner = inner if inner is not None else httpx.HTTPTransport()
        if async_inner is None and isinstance(inner, httpx.AsyncBaseTransport):
            async_inner = inner  # e.g. httpx.MockTransport serves both
        self._async_inner = async_inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.request_validator is not None:
            request.read()
            self.request_validator.check(request)
        response = self._inner.handle_request(request)
        response.read()
        self.validator.check(request, response)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.request_validator is not None:
            await request.aread()
            self.request_validator.check(request)
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
