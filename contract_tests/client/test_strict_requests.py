"""Strict mode on requests (`StrictTransport`), derived from the specs, sync and async.

Every valid request the generated client sends goes out untouched. Every request that breaks the
contract (a body variant that violates the request body schema, a path or query parameter out of
its schema, a missing or mis-prefixed credential) is stopped with `RequestContractError` naming
its place first, and never reaches the server.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import httpx
import pytest
import respx
from hypothesis import given

from aelyst_contract.strict_client import (
    RequestContractError,
    ResponseContractError,
    StrictTransport,
)
from contract_tests.client._checks import fixed_args
from contract_tests.client._harness import (
    APIS,
    AUTH_PREFIXES,
    CREDENTIALS,
    CallArgs,
    Operation,
    all_operations,
    args_strategy,
    call,
    make_client,
    package,
    routes,
    schemas,
    suite_settings,
)

OPERATIONS = all_operations()
BODY_OPERATIONS = [
    op
    for op in OPERATIONS
    if "requestBody"
    in schemas(op.api).resolve_pointer(schemas(op.api).operation_pointer(op.operation_id)[0])
]
# Not a documented status of any operation: a request that got through is answered with it, so
# strict mode's response side says "status" (and nothing is parsed).
_UNDOCUMENTED = 599


def _router() -> tuple[respx.Router, Any]:
    router = respx.Router(assert_all_called=False)
    route = router.route().mock(return_value=httpx.Response(_UNDOCUMENTED))
    return router, route


def _plain_request(op: Operation, args: CallArgs) -> httpx.Request:
    """The request the plain generated client sends for `args`."""
    router, route = _router()
    call(package(op.api), op, make_client(package(op.api), op.api, _mock(router)), args)
    assert route.call_count == 1
    request: httpx.Request = route.calls.last.request
    return request


def _mock(router: respx.Router) -> httpx.MockTransport:
    return httpx.MockTransport(router.handler)


def _same_request(sent: httpx.Request, expected: httpx.Request) -> None:
    assert sent.method == expected.method
    assert sent.url == expected.url
    assert sent.url.raw_path == expected.url.raw_path
    assert sent.content == expected.content
    assert sent.headers.multi_items() == expected.headers.multi_items()


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_every_valid_request_goes_out_untouched(op: Operation) -> None:
    """Through a strict client, the same bytes go out as through a plain one; only the
    (deliberately undocumented) answer is refused."""
    client_package = package(op.api)

    @suite_settings(quick=12, deep=300)
    @given(args_strategy(op))
    def check(args: CallArgs) -> None:
        expected = _plain_request(op, args)
        router, route = _router()
        client = make_client(client_package, op.api, StrictTransport(op.api, inner=_mock(router)))
        with pytest.raises(ResponseContractError) as caught:
            call(client_package, op, client, args)
        assert caught.value.pointer == "status"
        assert route.call_count == 1
        _same_request(route.calls.last.request, expected)

    check()


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_a_valid_request_passes_the_async_transport_untouched(op: Operation) -> None:
    @suite_settings(quick=4, deep=100)
    @given(args_strategy(op))
    def check(args: CallArgs) -> None:
        expected = _plain_request(op, args)
        _, route, error = _send_both_ways(op, expected)["async"]
        assert isinstance(error, ResponseContractError), error
        assert route.call_count == 1
        _same_request(route.calls.last.request, expected)

    check()


def _send_both_ways(
    op: Operation, request: httpx.Request
) -> dict[str, tuple[respx.Router, Any, Exception | None]]:
    """Send `request` through a strict sync client and a strict async one: per way, the router,
    its route and what was raised."""
    outcomes: dict[str, tuple[respx.Router, Any, Exception | None]] = {}
    router, route = _router()
    raised: Exception | None = None
    with httpx.Client(transport=StrictTransport(op.api, inner=_mock(router))) as client:
        try:
            client.send(_copy(request))
        except (RequestContractError, ResponseContractError) as error:
            raised = error
    outcomes["sync"] = (router, route, raised)

    async def send_async() -> Exception | None:
        transport = StrictTransport(op.api, inner=_mock(async_router))
        async with httpx.AsyncClient(transport=transport) as client:
            try:
                await client.send(_copy(request))
            except (RequestContractError, ResponseContractError) as error:
                return error
        return None

    async_router, async_route = _router()
    outcomes["async"] = (async_router, async_route, asyncio.run(send_async()))
    return outcomes


def _copy(
    request: httpx.Request,
    *,
    raw_path: bytes | None = None,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Request:
    """`request` with some parts replaced (a fresh request: one can be sent only once)."""
    body = request.content if content is None else content
    new_headers = httpx.Headers(request.headers)
    new_headers.pop("content-length", None)
    for name, value in (headers or {}).items():
        new_headers[name] = value
    url = request.url if raw_path is None else request.url.copy_with(raw_path=raw_path)
    return httpx.Request(request.method, url, headers=new_headers, content=body)


def _assert_stopped(op: Operation, request: httpx.Request, place: str, what: str) -> None:
    """Both ways, the request raised RequestContractError with `place` first, unsent."""
    for way, (_, route, error) in _send_both_ways(op, request).items():
        assert isinstance(error, RequestContractError), (
            f"{op} ({way}): {what} was not stopped ({error!r})"
        )
        assert route.call_count == 0, f"{op} ({way}): {what} was sent"
        assert error.problems[0].place == place, (
            f"{op} ({way}): {what} reported at {error.problems[0].place!r}, not {place!r}: {error}"
        )
        assert error.operation_id == op.operation_id
        assert place in str(error)


@pytest.mark.parametrize("op", BODY_OPERATIONS, ids=str)
def test_a_body_violating_its_schema_is_stopped_at_the_field(op: Operation) -> None:
    spec = schemas(op.api)
    pointer = spec.request_body_pointer(op.operation_id)
    kinds_seen: set[str] = set()

    @suite_settings(quick=2, deep=40, shrink=False)
    @given(args_strategy(op))
    def check(args: CallArgs) -> None:
        valid = _plain_request(op, args)
        violations = spec.violations(pointer, json.loads(valid.content))
        assert violations
        for violation in violations:
            content = json.dumps(violation.document).encode()
            _assert_stopped(
                op,
                _copy(valid, content=content),
                f"body{violation.pointer}",
                f"{violation.kind} at {violation.pointer!r}",
            )
            kinds_seen.add(violation.kind)

    check()
    assert {"missing-required", "wrong-type"} <= kinds_seen


def _invalid_texts(spec_schema: dict[str, Any], valid: Any) -> list[str]:
    """Texts a parameter of this schema must refuse, from its type and its keywords."""
    kind = spec_schema.get("type")
    if kind == "integer":
        texts = ["x", "1.5", "1e3", "", " 1"]
        if "minimum" in spec_schema:
            texts.append(str(spec_schema["minimum"] - 1))
        if "maximum" in spec_schema:
            texts.append(str(spec_schema["maximum"] + 1))
        return texts
    texts = []
    if spec_schema.get("format") == "uuid":
        texts += ["not-a-uuid", str(valid)[:-1]]
    if "pattern" in spec_schema:
        texts += ["x", f"{valid}\n"]  # `$` must not match before a newline (ECMA-262)
    if "maxLength" in spec_schema:
        texts.append("1" * (spec_schema["maxLength"] + 1))
    if spec_schema.get("minLength", 0) >= 1:
        texts.append("")
    return texts


def _parameter_cases() -> list[tuple[Operation, str, str]]:
    found = []
    for op in OPERATIONS:
        spec = schemas(op.api)
        for (location, name), parameter in spec.parameter_pointers(op.operation_id).items():
            schema = spec.resolve_pointer(spec.dereference(f"{parameter}/schema"))
            if location in ("path", "query") and _invalid_texts(schema, "v"):
                found.append((op, location, name))
    return found


PARAMETER_CASES = _parameter_cases()


@pytest.mark.parametrize(
    ("op", "location", "name"),
    PARAMETER_CASES,
    ids=[f"{op}-{location}-{name}" for op, location, name in PARAMETER_CASES],
)
def test_a_parameter_out_of_its_schema_is_stopped(op: Operation, location: str, name: str) -> None:
    spec = schemas(op.api)
    pointer = spec.parameter_schema_pointer(op.operation_id, location, name)
    schema = spec.resolve_pointer(spec.dereference(pointer))

    @suite_settings(quick=1, deep=20)
    @given(args_strategy(op))
    def check(args: CallArgs) -> None:
        valid = _plain_request(op, args)
        current = {**args.path, **args.query}.get(name, "v")
        for text in _invalid_texts(schema, current):
            if text == "" and op.path.endswith(f"{{{name}}}"):
                continue  # `.../message/` is another path (the routes ignore a trailing `/`)
            request = _with_parameter(op, valid, args, location=location, name=name, text=text)
            _assert_stopped(op, request, f"{location}/{name}", f"{location} {name}={text!r}")

    check()


def _with_parameter(
    op: Operation, valid: httpx.Request, args: CallArgs, *, location: str, name: str, text: str
) -> httpx.Request:
    """`valid` with one path or query parameter sent as `text` (encoded as the client does)."""
    path_values = {key: str(value) for key, value in args.path.items()}
    query = parse_qsl(valid.url.query.decode("ascii"), keep_blank_values=True)
    if location == "path":
        path_values[name] = text
    else:
        query = [(key, value) for key, value in query if key != name] + [(name, text)]
    path = op.path
    for key, value in path_values.items():
        path = path.replace(f"{{{key}}}", quote(value, safe=""))
    raw = routes(op.api).base_path + path + (f"?{urlencode(query)}" if query else "")
    return _copy(valid, raw_path=raw.encode("ascii"))


def _fixed_valid_request(op: Operation) -> httpx.Request:
    return _plain_request(op, fixed_args(op))


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize(
    ("authorization", "what"),
    [
        (None, "missing"),
        ("Basic {credential}", "another scheme"),
        ("{credential}", "no scheme"),
        ("{prefix}", "no credential"),
        ("{prefix}  ", "a blank credential"),
    ],
)
def test_a_wrong_credential_is_stopped_and_never_quoted(
    api: str, authorization: str | None, what: str
) -> None:
    op = next(op for op in OPERATIONS if op.api == api)
    valid = _fixed_valid_request(op)
    credential = CREDENTIALS[op.api]
    request = _copy(valid)
    del request.headers["authorization"]
    if authorization is not None:
        request.headers["Authorization"] = authorization.format(
            credential=credential, prefix=AUTH_PREFIXES[op.api]
        )
    _assert_stopped(op, request, "header/Authorization", what)
    for _, _, error in _send_both_ways(op, request).values():
        assert credential not in str(error)
        assert credential not in repr(error.args if error else ())
        assert AUTH_PREFIXES[op.api] in str(error)  # says which scheme the API wants


@pytest.mark.parametrize("api", APIS)
def test_the_credential_check_is_the_apis_scheme(api: str) -> None:
    """Each API's scheme is refused by the other: `Bearer` is not `AccessKey`."""
    op = next(op for op in OPERATIONS if op.api == api)
    other = next(prefix for name, prefix in AUTH_PREFIXES.items() if name != api)
    request = _copy(
        _fixed_valid_request(op), headers={"Authorization": f"{other} {CREDENTIALS[op.api]}"}
    )
    _assert_stopped(op, request, "header/Authorization", f"the {other} scheme")


@pytest.mark.parametrize("op", OPERATIONS, ids=str)
def test_an_undocumented_query_parameter_or_method_is_stopped(op: Operation) -> None:
    valid = _fixed_valid_request(op)
    path = valid.url.raw_path.split(b"?", 1)[0]
    _assert_stopped(
        op, _copy(valid, raw_path=path + b"?limt=5"), "query/limt", "a misspelt query parameter"
    )
    undocumented = next(
        method
        for method in ("PATCH", "DELETE", "PUT")
        if routes(op.api).match(method, path.decode()) is None
    )
    request = httpx.Request(undocumented, valid.url, headers=valid.headers)
    for way, (_, route, error) in _send_both_ways(op, request).items():
        assert isinstance(error, RequestContractError), way
        assert route.call_count == 0
        assert error.operation_id is None
        assert error.problems[0].place == "method"
