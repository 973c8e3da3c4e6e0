"""The property check: a client generated from one version, against a server of the other.

Direction "clients": the client generated from OLD must parse every response NEW allows, and every
request it builds must be valid for NEW. Direction "servers": the same with OLD and NEW swapped (a
server not yet upgraded, talking to a regenerated client). Values come from the schemas
(`_values`), clients from the generator (`_clientgen`); a failure that the client also shows
against its own spec is reported as pre-existing, not as a counterexample of the change.
"""

from __future__ import annotations

import enum
import inspect
import json
import re
import tempfile
import types
import typing
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import jsonschema
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_python_client.strings import snake_case
from werkzeug.datastructures import Headers, ImmutableMultiDict

from aelyst_contract._hypothesis_caches import hypothesis_caches
from aelyst_contract.openapi import Operation, Resolver, join_pointer
from aelyst_contract.specdiff._clientgen import GeneratedClient, generated_client
from aelyst_contract.specdiff._media import media_essence
from aelyst_contract.specdiff._model import Finding, PropertyCheckError, Verdict
from aelyst_contract.specdiff._operations import matched_operations, operation_parameters
from aelyst_contract.specdiff._values import generate_values, standalone_schema

__all__ = ["check_property", "property_findings"]

_NO_BODY = object()
_VALUES_IN_MESSAGE = re.compile(r"'[^']*'|\"[^\"]*\"|-?\d+(\.\d+)?")
_PLACEHOLDER_CREDENTIAL = "specdiff-placeholder"  # not a secret: only ever sent to the validator


class _Problem(NamedTuple):
    text: str
    signature: str  # the same for the same failure with other values


def _problem(text: str) -> _Problem:
    return _Problem(text, _VALUES_IN_MESSAGE.sub("…", text))


@dataclass
class _Direction:
    side: str
    title: str
    client_doc: dict[str, Any]
    server_doc: dict[str, Any]
    checked: int = 0
    dropped: int = 0
    counterexamples: list[dict[str, Any]] = field(default_factory=list)
    pre_existing: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # (operation, what) pairs that got at least one generated value: where silence means
    # "not reproduced" rather than "not checked".
    covered: set[tuple[str, str]] = field(default_factory=set)
    _seen: set[tuple[str, str, str]] = field(default_factory=set)

    def record(self, example: dict[str, Any], problem: _Problem, *, pre_existing: bool) -> None:
        # One example per kind of failure: the same problem with other values is no news.
        example["problem"] = problem.text
        key = (example["operation"], example["what"], problem.signature)
        if key in self._seen:
            return
        self._seen.add(key)
        (self.pre_existing if pre_existing else self.counterexamples).append(example)

    def as_json(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "title": self.title,
            "checked": self.checked,
            "dropped_invalid_generated_values": self.dropped,
            "counterexamples": self.counterexamples,
            "pre_existing": self.pre_existing,
            "notes": self.notes,
            "covered": [list(pair) for pair in sorted(self.covered)],
        }


def check_property(
    old: dict[str, Any], new: dict[str, Any], *, examples: int, seed: int
) -> dict[str, Any]:
    directions = [
        _Direction("clients", "client generated from OLD, server speaking NEW", old, new),
        _Direction("servers", "client generated from NEW, server still speaking OLD", new, old),
    ]
    with hypothesis_caches(), tempfile.TemporaryDirectory(prefix="specdiff-") as tmp:
        for direction in directions:
            package = f"specdiff_client_{uuid.uuid4().hex[:12]}"
            with generated_client(direction.client_doc, Path(tmp), package) as client:
                _check(direction, client, examples, seed)
    return {
        "examples": examples,
        "seed": seed,
        "directions": [d.as_json() for d in directions],
        "notes": [
            "values come from the shared schema-to-strategy adapter (SpecSchemas), "
            "validated by jsonschema and jsonschema-rs; `pre_existing` lists failures the "
            "client also shows against its own spec",
        ],
    }


def property_findings(result: dict[str, Any]) -> list[Finding]:
    """Counterexamples as findings, so that `--fail-on` counts them."""
    findings = []
    for direction in result.get("directions", []):
        clients = direction["side"] == "clients"
        verdicts = (Verdict.BREAKING, Verdict.COMPATIBLE)
        if not clients:
            verdicts = (Verdict.COMPATIBLE, Verdict.BREAKING)
        for example in direction["counterexamples"]:
            findings.append(
                Finding(
                    kind="property-counterexample",
                    operation=example["operation"],
                    pointer=example["pointer"],
                    old=None,
                    new=None,
                    client=verdicts[0],
                    server=verdicts[1],
                    message=f"{direction['title']}: {example['what']}: {example['problem']}",
                    schema_pointer=example["pointer"],
                    evidence={"value": example["value"]},
                )
            )
    return findings


def _check(direction: _Direction, client: GeneratedClient, examples: int, seed: int) -> None:
    try:
        validator = OpenAPI.from_dict(direction.server_doc)
        own_validator = OpenAPI.from_dict(direction.client_doc)
    except Exception as error:  # openapi-core raises many kinds on a bad spec
        raise PropertyCheckError(f"openapi-core cannot load a spec: {error}") from error
    for client_op, server_op in matched_operations(direction.client_doc, direction.server_doc):
        operation_id = client_op.node.get("operationId")
        module = client.endpoint(str(operation_id)) if operation_id else None
        if module is None:
            direction.notes.append(f"{client_op.label}: no generated endpoint found; skipped")
            continue
        _responses(direction, client, module, (client_op, server_op), (examples, seed))
        _requests(
            direction, module, (client_op, server_op), (validator, own_validator), (examples, seed)
        )


# ------------------------------------------------------------------------------------ responses


def _json_schema(document: dict[str, Any], response: Any) -> Any:
    resolved, _ = Resolver(document, siblings_override=True).resolve(response, "")
    content = (resolved or {}).get("content") or {}
    # `application/json` first, else a `+json` type (`application/problem+json`): JSON either way.
    json_types = sorted(
        (
            k
            for k in content
            if media_essence(k) == "application/json" or media_essence(k).endswith("+json")
        ),
        key=lambda k: media_essence(k) != "application/json",
    )
    if not json_types:
        return _NO_BODY
    media = content[json_types[0]]
    return standalone_schema(media.get("schema", True), document)


def _responses(
    direction: _Direction,
    client: GeneratedClient,
    module: ModuleType,
    ops: tuple[Operation[None], Operation[None]],
    budget: tuple[int, int],
) -> None:
    client_op, server_op = ops
    # As callers get it by default: an undocumented status is `parsed=None`, not an exception.
    parser = client.client_class(authenticated=False)(base_url="http://specdiff.invalid")
    client_responses = client_op.node.get("responses") or {}
    for status, response in (server_op.node.get("responses") or {}).items():
        if not str(status).isdigit():
            direction.notes.append(f"{server_op.label}: response {status} not generated")
            continue
        schema = _json_schema(direction.server_doc, response)
        values: list[Any] = [_NO_BODY]
        if schema is not _NO_BODY:
            generated = generate_values(schema, *budget)
            direction.dropped += generated.dropped
            values = generated.values
            if generated.error:
                direction.notes.append(f"{server_op.label} response {status}: {generated.error}")
        own_schema = (
            _json_schema(direction.client_doc, client_responses[status])
            if status in client_responses
            else None
        )
        for value in values:
            direction.checked += 1
            direction.covered.add((client_op.label, f"response {status}"))
            problem = _parse_problem(module, parser, int(status), value)
            if problem is None and value is not _NO_BODY and str(status).startswith("2"):
                problem = _lost_success_body(module, parser, int(status), value)
            if problem is None and own_schema not in (None, _NO_BODY):
                problem = _mistyped(own_schema, value)
            if problem is None:
                continue
            direction.record(
                {
                    "operation": client_op.label,
                    "what": f"response {status}",
                    "pointer": join_pointer(server_op.pointer, "responses", str(status)),
                    "value": None if value is _NO_BODY else value,
                },
                problem,
                pre_existing=_allowed(own_schema, value),
            )


def _parse_problem(module: ModuleType, parser: Any, status: int, value: Any) -> _Problem | None:
    content = b"" if value is _NO_BODY else json.dumps(value).encode()
    response = httpx.Response(
        status,
        content=content,
        headers={"content-type": "application/json"},
        request=httpx.Request("GET", "http://specdiff.invalid/"),
    )
    try:
        # `_build_response` is what sync_detailed() runs: status mapping, then parsing.
        module._build_response(client=parser, response=response)
    except Exception as error:  # any exception is the client failing to parse
        return _problem(f"{type(error).__name__}: {error}")
    return None


def _lost_success_body(module: ModuleType, parser: Any, status: int, value: Any) -> _Problem | None:
    """A documented success body the client does not parse (`parsed=None`) is lost."""
    response = httpx.Response(status, json=value, request=httpx.Request("GET", "http://x.invalid/"))
    if module._build_response(client=parser, response=response).parsed is None:
        text = f"the client returns parsed=None for a {status} response: its body is lost"
        return _Problem(text, "lost success body")
    return None


def _mistyped(own_schema: Any, value: Any) -> _Problem | None:
    """A value the client parsed silently although its own spec gives it another type or enum.

    Generated models do not check scalar types (`"abc"` lands in an `int` field), so a type
    change in a response passes the parse and breaks the caller later. Extra or missing
    constraints (`additionalProperties`, `maximum`...) are not reported here: the parse is right.
    """
    validator = jsonschema.Draft202012Validator(own_schema)
    for error in validator.iter_errors(value):
        if error.validator in ("type", "enum", "const"):
            where = "/" + "/".join(str(p) for p in error.absolute_path)
            text = (
                f"parsed without an error, but the client's own spec says {error.message} "
                f"at {where}: its model's types are wrong for this value"
            )
            schema_path = "/".join(str(p) for p in error.absolute_schema_path)
            return _Problem(text, f"mistyped {schema_path}")
    return None


def _allowed(own_schema: Any, value: Any) -> bool:
    """Whether the client's own spec allows the value (then its failure is not the change's)."""
    if own_schema is None:
        return False
    if own_schema is _NO_BODY or value is _NO_BODY:
        return own_schema is _NO_BODY and value is _NO_BODY
    validator = jsonschema.Draft202012Validator(
        own_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return bool(validator.is_valid(value))


# ------------------------------------------------------------------------------------- requests


@dataclass
class _Input:
    argument: str
    required: bool
    values: list[Any]
    hint: Any


def _inputs(
    direction: _Direction, module: ModuleType, op: Operation[None], budget: tuple[int, int]
) -> list[_Input] | None:
    """What the generated function takes, each with values generated from the client's spec."""
    get_kwargs = module._get_kwargs
    hints = typing.get_type_hints(get_kwargs)
    arguments = list(inspect.signature(get_kwargs).parameters)
    resolver = Resolver(direction.client_doc, siblings_override=True)
    inputs: list[_Input] = []
    for (name, where), (param, _) in operation_parameters(op, resolver).items():
        if where == "cookie":
            continue
        wanted = snake_case(name).rstrip("_")
        argument = next((a for a in arguments if a.rstrip("_") == wanted), None)
        if argument is None:
            direction.notes.append(f"{op.label}: no argument for {where} parameter {name!r}")
            return None
        schema = standalone_schema(param.get("schema", True), direction.client_doc)
        generated = generate_values(schema, *budget)
        direction.dropped += generated.dropped
        if generated.error:
            direction.notes.append(f"{op.label} {where} parameter {name!r}: {generated.error}")
        required = bool(param.get("required")) or where == "path"
        inputs.append(_Input(argument, required, generated.values, hints.get(argument, Any)))
    body, _ = resolver.resolve(op.node.get("requestBody"), "")
    if isinstance(body, dict) and "body" in arguments:
        schema = _json_schema(direction.client_doc, body)
        if schema is _NO_BODY:
            direction.notes.append(f"{op.label}: only JSON request bodies are generated")
            return None
        generated = generate_values(schema, *budget)
        direction.dropped += generated.dropped
        if generated.error:
            direction.notes.append(f"{op.label} request body: {generated.error}")
        inputs.append(_Input("body", bool(body.get("required")), generated.values, hints["body"]))
    return inputs


def _requests(
    direction: _Direction,
    module: ModuleType,
    ops: tuple[Operation[None], Operation[None]],
    validators: tuple[OpenAPI, OpenAPI],
    budget: tuple[int, int],
) -> None:
    op, server_op = ops
    inputs = _inputs(direction, module, op, budget)
    if inputs is None:
        return
    if any(i.required and not i.values for i in inputs):
        direction.notes.append(f"{op.label}: a required input has no valid value; skipped")
        return
    base_url = ((direction.client_doc.get("servers") or [{}])[0]).get("url") or "http://localhost"
    headers, params = _credentials(direction.client_doc, op)
    with httpx.Client(base_url=base_url, headers=headers, params=params) as http:
        for index in range(budget[0]):
            arguments = {
                i.argument: _convert(i.hint, i.values[index % len(i.values)])
                for i in inputs
                # Optional inputs only every other time, so spec defaults get exercised too.
                if i.values and (i.required or index % 2 == 1)
            }
            request = http.build_request(**module._get_kwargs(**arguments))
            direction.checked += 1
            direction.covered.add((op.label, "request"))
            problem = _request_problem(validators[0], request, (direction.server_doc, server_op))
            if problem is None:
                continue
            direction.record(
                {
                    "operation": op.label,
                    "what": "request",
                    "pointer": op.pointer,
                    "value": _show_request(request),
                },
                problem,
                pre_existing=_request_problem(validators[1], request, (direction.client_doc, op))
                is not None,
            )


def _credentials(
    document: dict[str, Any], op: Operation[None]
) -> tuple[dict[str, str], dict[str, str]]:
    """Headers and query parameters a caller of this client adds for its spec's first auth way."""
    requirements = op.node.get("security", document.get("security")) or []
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    headers: dict[str, str] = {}
    params: dict[str, str] = {}
    for name in (requirements[0] or {}) if requirements else {}:
        scheme, _ = Resolver(document, siblings_override=True).resolve(schemes.get(name, {}), "")
        if scheme.get("type") == "http":
            headers["Authorization"] = (
                f"{scheme.get('scheme', 'bearer').title()} {_PLACEHOLDER_CREDENTIAL}"
            )
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            headers[str(scheme.get("name"))] = _PLACEHOLDER_CREDENTIAL
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "query":
            params[str(scheme.get("name"))] = _PLACEHOLDER_CREDENTIAL
    return headers, params


class _OpenAPIRequest:
    """An httpx request as openapi-core reads requests (its `Request` protocol).

    The path stays percent-encoded, as a server routes it (werkzeug's adapter decodes `%2F` into a
    path separator, which made every path parameter containing `/` unroutable); the path
    parameters are decoded here, from the operation's template.
    """

    def __init__(self, request: httpx.Request, path_parameters: dict[str, str]) -> None:
        url = request.url
        self.host_url = f"{url.scheme}://{url.netloc.decode()}"
        self.path = url.raw_path.decode().split("?", 1)[0]
        self.method = request.method.lower()
        self.body: bytes | None = request.content or None
        self.content_type = request.headers.get("content-type", "application/octet-stream")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(url.query.decode(), keep_blank_values=True)),
            header=Headers(list(request.headers.multi_items())),
            cookie=ImmutableMultiDict(),
            path=path_parameters,
        )


def _path_parameters(
    raw_path: str, document: dict[str, Any], op: Operation[None]
) -> dict[str, str]:
    """Path parameters of the operation's template in a raw path, decoded ({} if it differs)."""
    server = ((document.get("servers") or [{}])[0]).get("url") or ""
    prefix = urlsplit(server).path.rstrip("/")
    if not raw_path.startswith(prefix):
        return {}
    names = op.path_parameters
    pattern = re.escape(op.path)
    for name in names:
        pattern = pattern.replace(re.escape("{" + name + "}"), "([^/]*)", 1)
    match = re.fullmatch(pattern, raw_path[len(prefix) :])
    if match is None:
        return {}
    return {name: unquote(value) for name, value in zip(names, match.groups(), strict=True)}


def _request_problem(
    validator: OpenAPI, request: httpx.Request, against: tuple[dict[str, Any], Operation[None]]
) -> _Problem | None:
    raw_path = request.url.raw_path.decode().split("?", 1)[0]
    adapted = _OpenAPIRequest(request, _path_parameters(raw_path, *against))
    try:
        validator.validate_request(adapted)
    except Exception as error:  # openapi-core's validation errors have no common base
        cause = error.__cause__
        schema_errors = list(getattr(cause, "schema_errors", None) or [])
        detail = f" ({type(cause).__name__})" if cause else ""
        if schema_errors:
            detail = " (" + "; ".join(e.message for e in schema_errors) + ")"
        elif cause:
            detail = f" ({type(cause).__name__}: {cause})"
        # The same failure for other values: same error, same failing keywords of the schema.
        signature = f"{type(error).__name__}: {error} {type(cause).__name__} " + " ".join(
            f"{e.validator}@{'/'.join(str(p) for p in e.absolute_schema_path)}"
            for e in schema_errors
        )
        return _Problem(f"{type(error).__name__}: {error}{detail}", _problem(signature).signature)
    return None


def _show_request(request: httpx.Request) -> dict[str, Any]:
    shown: dict[str, Any] = {"method": request.method, "url": str(request.url)}
    if request.content:
        try:
            shown["body"] = json.loads(request.content)
        except ValueError:
            shown["body"] = request.content.decode(errors="replace")
    return shown


def _convert(hint: Any, value: Any) -> Any:
    """A JSON value as the generated function's argument type (enum members, model objects)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _convert_union(args, value)
    if origin is list:
        if not isinstance(value, list):
            raise TypeError("not a list")
        return [_convert(args[0], item) for item in value] if args else value
    if not isinstance(hint, type):
        return value
    if issubclass(hint, enum.Enum):
        return hint(value)
    if hasattr(hint, "from_dict"):
        if not isinstance(value, dict):
            raise TypeError("not an object")
        return hint.from_dict(value)
    if hint in (int, str, bool) and type(value) is not hint:
        raise TypeError(f"not a {hint.__name__}")
    if hint is float and not isinstance(value, (int, float)):
        raise TypeError("not a number")
    return value


def _convert_union(members: tuple[Any, ...], value: Any) -> Any:
    if value is None and type(None) in members:
        return None
    for member in members:
        if member is type(None) or getattr(member, "__name__", "") == "Unset":
            continue
        try:
            return _convert(member, value)
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
    return value  # no member takes it: pass it as is, as a caller ignoring the types would
