"""The client contract checks, as plain functions of (client package, operation, generated data).

Each raises AssertionError (with what differed) when the client breaks the contract. They take the
client package as an argument so `test_broken_client.py` can run them against a mutated copy and
prove they fail there.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
import respx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

from aelyst_contract._specs import SpecName, load_spec
from aelyst_contract.schema_strategies import JsonValue
from aelyst_contract.strict_client import ResponseContractError, StrictTransport
from contract_tests.client._harness import (
    AUTH_PREFIXES,
    CREDENTIALS,
    CallArgs,
    Operation,
    call,
    canonical,
    json_media_type,
    make_client,
    routes,
    schemas,
    success_model,
)

# Declared response headers and the `RateLimit` attribute (generated `Response.rate_limit`,
# from the gen helper's extras) each one must come back as.
RATE_LIMIT_ATTRIBUTES = {
    "retry-after": "retry_after",
    "x-ratelimit-limit": "limit",
    "x-ratelimit-remaining": "remaining",
}


def _serve(status: int, body: bytes | None, headers: dict[str, str]) -> tuple[Any, Any]:
    """A respx router answering every request with one response, and its route (for the calls)."""
    router = respx.Router(assert_all_called=False)
    response_headers = dict(headers)
    if body is not None:
        response_headers.setdefault("Content-Type", "application/json")
    route = router.route().mock(
        return_value=httpx.Response(status, content=body or b"", headers=response_headers)
    )
    return router, route


def json_bytes(document: JsonValue) -> bytes:
    # ensure_ascii=False: the client has to decode real UTF-8, not \\u escapes.
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def fixed_args(op: Operation) -> CallArgs:
    """Simple valid arguments, for checks about responses (requests have their own property)."""
    spec = schemas(op.api)
    path: dict[str, JsonValue] = {}
    for (location, name), pointer in spec.parameter_pointers(op.operation_id).items():
        if location == "path":
            parameter = spec.resolve_pointer(pointer)
            schema = spec.resolve_pointer(spec.dereference(f"{pointer}/schema"))
            if "example" in parameter:
                path[name] = parameter["example"]
            elif "examples" in parameter:
                path[name] = next(iter(parameter["examples"].values()))["value"]
            elif schema.get("format") == "uuid":
                path[name] = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
            else:
                path[name] = 1 if schema.get("type") == "integer" else "x"
    body = None
    operation = spec.resolve_pointer(spec.operation_pointer(op.operation_id)[0])
    if "requestBody" in operation:
        content = spec.resolve_pointer(
            spec.dereference(f"{spec.operation_pointer(op.operation_id)[0]}/requestBody")
        )["content"]
        media = next(iter(content.values()))
        body = media.get("example") or next(iter(media.get("examples", {}).values()))["value"]
    return CallArgs(path=path, query={}, body=body)


# ---- responses ----------------------------------------------------------------------------------


def check_response(
    client_package: ModuleType,
    op: Operation,
    status: str,
    body: JsonValue | None,
    headers: dict[str, str],
    *,
    raw: bytes | None = None,
) -> Any:
    """A valid response parses, `to_dict()` gives the same JSON back, errors are typed, and the
    declared headers come back typed. Returns the generated `Response`."""
    content = raw if raw is not None else (json_bytes(body) if body is not None else None)
    router, _ = _serve(int(status), content, headers)
    client = make_client(client_package, op.api, httpx.MockTransport(router.handler))
    response = call(client_package, op, client, fixed_args(op))
    assert int(response.status_code) == int(status)
    if json_media_type(op, status) is not None:
        parsed = response.parsed
        assert parsed is not None, f"{op} {status}: the client did not parse the body"
        assert canonical(parsed.to_dict()) == canonical(body), (
            f"{op} {status}: to_dict() differs from the JSON served\n"
            f"served:  {body!r}\nto_dict: {parsed.to_dict()!r}"
        )
    _check_typed_outcome(client_package, op, status, body, response)
    _check_headers(op, status, headers, response)
    return response


def _check_typed_outcome(
    client_package: ModuleType, op: Operation, status: str, body: Any, response: Any
) -> None:
    extras = importlib.import_module(f"{client_package.__name__}.extras")
    model = success_model(client_package, op)
    if int(status) < 400:
        assert isinstance(response.parsed, model), f"{op} {status}: not a {model.__name__}"
        assert extras.unwrap(response, model) is response.parsed
        return
    # An error: the error model with code and message, and the typed exception.
    assert not isinstance(response.parsed, model)
    assert response.parsed.code == body["code"]
    assert response.parsed.message == body["message"]
    with pytest.raises(extras.ApiError) as caught:
        extras.unwrap(response, model)
    error = caught.value
    assert error.status_code == int(status)
    assert error.code == body["code"]
    assert error.message == body["message"]
    if "details" in body:
        assert error.details == body["details"]
    expected = {429: extras.RateLimitedError, 449: extras.RequestQueuedError}.get(
        int(status), extras.ApiError
    )
    assert type(error) is expected, f"{op} {status}: {type(error).__name__}"


def _check_headers(op: Operation, status: str, headers: dict[str, str], response: Any) -> None:
    declared = schemas(op.api).response_header_pointers(op.operation_id, status)
    rate_limit = response.rate_limit
    for name in declared:
        if name not in headers:
            continue
        assert response.headers[name] == headers[name]
        attribute = RATE_LIMIT_ATTRIBUTES.get(name.lower())
        if attribute is not None:
            assert rate_limit is not None, f"{op} {status}: no rate_limit for {name}"
            assert getattr(rate_limit, attribute) == int(headers[name]), (op, status, name)
    if int(status) == 429:
        assert rate_limit is not None
        assert None not in (rate_limit.retry_after, rate_limit.limit, rate_limit.remaining)


# ---- requests -----------------------------------------------------------------------------------


class HttpxOpenAPIRequest:
    """An httpx request as openapi-core's `Request` + `SupportsPathPattern` protocols want it.

    openapi-core matches path parameters against the *raw* path and never percent-decodes them
    (so `email%3Aa%40x.co` fails the identifier pattern). Like a real server, this adapter splits
    the raw path into segments first and decodes each parameter
    (`aelyst_contract.openapi.SpecRoutes`), then hands openapi-core the matched template and the
    decoded values.
    """

    def __init__(self, request: httpx.Request, api: SpecName) -> None:
        self._request = request
        raw_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        match = routes(api).match(request.method, raw_path)
        assert match is not None, f"no operation of the {api} spec matches {raw_path}"
        self.match = match
        query = parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(query),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
            path=dict(match.path_params),
        )

    @property
    def host_url(self) -> str:
        return f"{self._request.url.scheme}://{self._request.url.netloc.decode('ascii')}"

    @property
    def path(self) -> str:
        return self._request.url.path

    @property
    def path_pattern(self) -> str:
        return self.match.full_template

    @property
    def method(self) -> str:
        return self._request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self._request.content or None

    @property
    def content_type(self) -> str:
        return str(self._request.headers.get("content-type", "")).lower()


_OPENAPI: dict[str, OpenAPI] = {}


def openapi(api: SpecName) -> OpenAPI:
    if api not in _OPENAPI:
        _OPENAPI[api] = OpenAPI.from_dict(load_spec(api))
    return _OPENAPI[api]


def check_request(client_package: ModuleType, op: Operation, args: CallArgs) -> httpx.Request:
    """The request the client sends for valid `args` is valid (openapi-core) and carries exactly
    the arguments: path parameters decode back to the same text, query and body are the same."""
    router, route = _serve(599, None, {})
    client = make_client(client_package, op.api, httpx.MockTransport(router.handler))
    call(client_package, op, client, args)
    assert route.call_count == 1
    request: httpx.Request = route.calls.last.request
    adapted = HttpxOpenAPIRequest(request, op.api)
    openapi(op.api).validate_request(adapted)  # raises naming the parameter or body field
    assert adapted.match.operation_id == op.operation_id
    for name, value in args.path.items():
        assert adapted.match.path_params[name] == str(value), (
            f"{op}: path parameter {name!r} decodes to {adapted.match.path_params[name]!r}, "
            f"sent {value!r} (raw path {request.url.raw_path!r})"
        )
    sent_query = dict(parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True))
    for name, value in args.query.items():
        assert sent_query.get(name) == str(value), (op, name, sent_query)
    if args.body is not None:
        assert canonical(json.loads(request.content)) == canonical(args.body), (
            f"{op}: the body sent differs from the arguments\n"
            f"args: {args.body!r}\nsent: {request.content!r}"
        )
    prefix = AUTH_PREFIXES[op.api]
    assert request.headers["authorization"] == f"{prefix} {CREDENTIALS[op.api]}"
    return request


def check_path_encoding(
    client_package: ModuleType, op: Operation, args: CallArgs, name: str, value: str
) -> None:
    """Any text as a path parameter decodes back, server side, to exactly that text."""
    router, route = _serve(599, None, {})
    client = make_client(client_package, op.api, httpx.MockTransport(router.handler))
    call(client_package, op, client, CallArgs({**args.path, name: value}, args.query, args.body))
    raw_path = route.calls.last.request.url.raw_path.decode("ascii").split("?", 1)[0]
    match = routes(op.api).match(op.method, raw_path)
    assert match is not None, f"{op}: {value!r} produced a path no operation matches: {raw_path}"
    assert match.operation_id == op.operation_id
    assert match.path_params[name] == value, (value, raw_path)


# ---- invalid responses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a client made of one invalid response."""

    raised: str | None  # exception class name, None when it returned a value
    strict_error: ResponseContractError | None
    # The plain client's `errors.ResponseParseError` (None when it raised nothing or another type)
    parse_error: Any = None


def invalid_response_outcome(
    client_package: ModuleType,
    op: Operation,
    status: str,
    document: JsonValue,
    headers: dict[str, str],
) -> Outcome:
    """Serve an invalid body to the default client and to a strict one; what each did."""
    router, _ = _serve(int(status), json_bytes(document), headers)
    transport = httpx.MockTransport(router.handler)
    raised: str | None = None
    parse_error: Any = None
    parse_error_class = importlib.import_module(
        f"{client_package.__name__}.errors"
    ).ResponseParseError
    try:
        call(client_package, op, make_client(client_package, op.api, transport), fixed_args(op))
    except Exception as error:  # recording what the default client does is the point
        raised = type(error).__name__
        if isinstance(error, parse_error_class):
            parse_error = error
    strict_error: ResponseContractError | None = None
    strict = StrictTransport(op.api, inner=transport)
    try:
        call(client_package, op, make_client(client_package, op.api, strict), fixed_args(op))
    except ResponseContractError as error:
        strict_error = error
    return Outcome(raised=raised, strict_error=strict_error, parse_error=parse_error)
